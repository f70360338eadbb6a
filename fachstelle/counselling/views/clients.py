"""Clients: the intake, the client's page, edits, consents, the integration plan and the quick search.

Views are thin: forms parse, services in `services/clients.py` decide and write, selectors read. Every
client is fetched through `client_get_for_user` (403 + "denied" audit entry for a colleague's client, 404
for another office's); GET pages write the "view" entry, POSTs are audited by the write itself.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import client_get_for_user, clients_visible_to, staff_office_view
from ..forms import clients as forms
from ..models import Client, Intake, IntegrationPlan
from ..selectors.clients import (
    client_page,
    clients_search,
    consent_get,
    plan_goal_get,
    plan_step_get,
)
from ..services import clients as services
from ..services.cases import case_open
from .common import submit_write

# Keys of service errors that belong to a section (formset or group of fields) rather than one field.
SECTIONS = ("languages", "qualifications", "consents")


def _attach_errors(error: ValidationError, form_list, general: list, sections: dict | None = None) -> None:
    """Show each message of a service's ValidationError next to its field (or its section)."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [("__all__", error.messages)]
    for key, messages_ in items:
        if sections is not None and key in SECTIONS:
            sections.setdefault(key, []).extend(messages_)
            continue
        form = next((f for f in form_list if key in f.fields), None)
        for message in messages_:
            if form is not None:
                form.add_error(key, message)
            else:
                general.append(message)


def _client_url(request, name: str, client: Client, **kwargs) -> str:
    return reverse(
        f"counselling:{name}", kwargs={"office_slug": request.office.slug, "client_id": client.pk, **kwargs}
    )


def _case_create_url(request, client: Client) -> str | None:
    """The cases area's "new case" page for this client, if that area offers one."""
    try:
        url = reverse("counselling:case_create", kwargs={"office_slug": request.office.slug})
    except NoReverseMatch:
        return None
    return f"{url}?client={client.pk}"


def _get_client(request, client_id: int) -> Client:
    return client_get_for_user(
        user=request.user,
        office=request.office,
        client_id=client_id,
        request=request,
        audit=request.method == "GET",
    )


def _is_admin(request) -> bool:
    return request.role == "admin"


def _or_404(record):
    """A selector's None (no such record of this client) as a 404."""
    if record is None:
        raise Http404
    return record


def _client_form_page(
    request, client: Client, form, write, *, template: str, success: str, back_to: str, **context
):
    """A page with one form about the client: shown on GET; a valid POST runs the service call `write()`
    and goes `back_to` (a URL); the service's refusals appear next to the fields or on top."""
    general = []

    def page(status: int = 200):
        return render(
            request,
            template,
            {"nav": "cases", "client": client, "form": form, "general_errors": general, **context},
            status=status,
        )

    if request.method != "POST" or not form.is_valid():
        return page()
    return submit_write(
        request,
        write,
        success=success,
        redirect_to=back_to,
        show_errors=lambda error: _attach_errors(error, [form], general),
        render_page=page,
    )


# --- Intake ---------------------------------------------------------------------------------------------


class IntakeForms:
    """All forms of the one-page intake, bound together."""

    def __init__(self, request):
        data = request.POST if request.method == "POST" else None
        office = request.office
        self.person = forms.PersonForm(
            data, office=office, can_assign=_is_admin(request), initial={"counsellor": request.user.pk}
        )
        self.german = forms.GermanLevelForm(data)
        self.languages = forms.LanguageFormSet(data, prefix="languages")
        self.qualifications = forms.QualificationFormSet(data, prefix="qualifications")
        self.intake = forms.IntakeForm(data)
        self.consent = forms.IntakeConsentForm(data, office=office)
        self.duplicate = forms.DuplicateConfirmForm(data)
        self.open_case = forms.OpenCaseForm(data)

    @property
    def all(self):
        return [self.person, self.german, self.intake, self.consent, self.duplicate, self.open_case]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.all]
        results += [self.languages.is_valid(), self.qualifications.is_valid()]
        return all(results)


def _duplicate_rows(request, matches: list[Client]) -> list[dict]:
    """The likely matches as the warning shows them: reference and counsellor; a link only if the user
    may open that record."""
    visible = set(
        clients_visible_to(user=request.user, office=request.office)
        .filter(pk__in=[c.pk for c in matches])
        .values_list("pk", flat=True)
    )
    return [
        {
            "reference": match.reference,
            "year_of_birth": match.year_of_birth,
            "counsellor": match.counsellor.get_full_name() or match.counsellor.get_username(),
            "url": _client_url(request, "client_detail", match) if match.pk in visible else None,
        }
        for match in matches
    ]


def _intake_notice(office) -> str:
    settings_ = getattr(office, "counselling_settings", None)
    return getattr(settings_, "intake_notice", "") or ""


@staff_office_view()
def client_create(request):
    bundle = IntakeForms(request)
    general, sections, duplicates = [], {}, []
    if request.method == "POST" and bundle.is_valid():
        try:
            # The intake and (if asked for) its first case: both or neither.
            with transaction.atomic():
                client = services.client_create(
                    office=request.office,
                    by=request.user,
                    counsellor=bundle.person.cleaned_data.get("counsellor"),
                    person=bundle.person.person_data(),
                    languages=forms.language_levels(bundle.german, bundle.languages),
                    qualifications=forms.qualifications_of(bundle.qualifications),
                    intake=bundle.intake.intake_data(),
                    consents=bundle.consent.consents(),
                    storage_consent_given=bundle.consent.storage_given,
                    request=request,
                    confirm_duplicate=bundle.duplicate.cleaned_data["confirm_duplicate"],
                )
                case = None
                if bundle.open_case.cleaned_data["open_case"]:
                    case = case_open(
                        office=request.office,
                        by=request.user,
                        client=client,
                        counsellor=client.counsellor,
                        topics=bundle.open_case.cleaned_data["topics"],
                        opened_on=client.intake.held_on,
                        language=client.intake.interpreter_language,
                        request=request,
                    )
        except services.DuplicateClientError as error:
            duplicates = _duplicate_rows(request, error.matches)
        except ValidationError as error:
            _attach_errors(error, bundle.all, general, sections)
        else:
            messages.success(
                request, _("The intake of %(reference)s was saved.") % {"reference": client.reference}
            )
            if case is not None:
                messages.success(request, _("Case %(reference)s was opened.") % {"reference": case.reference})
                return redirect(
                    reverse(
                        "counselling:case_detail",
                        kwargs={"office_slug": request.office.slug, "case_id": case.pk},
                    )
                )
            return redirect(_client_url(request, "client_detail", client))
    elif request.method == "POST":
        for formset, key in ((bundle.languages, "languages"), (bundle.qualifications, "qualifications")):
            if formset.non_form_errors():
                sections.setdefault(key, []).extend(formset.non_form_errors())
    has_errors = request.method == "POST" and (
        general
        or sections
        or any(f.errors for f in bundle.all)
        or not bundle.languages.is_valid()
        or not bundle.qualifications.is_valid()
    )
    return render(
        request,
        "counselling/clients/intake_form.html",
        {
            "nav": "intake",
            "forms": bundle,
            "general_errors": general,
            "section_errors": sections,
            "has_errors": has_errors,
            "duplicates": duplicates,
            "notice": _intake_notice(request.office),
            "german_available": forms.german_language() is not None,
        },
    )


# --- The client's page ----------------------------------------------------------------------------------


@staff_office_view()
def client_detail(request, client_id: int):
    client = _get_client(request, client_id)
    page = client_page(user=request.user, office=request.office, client=client)
    return render(
        request,
        "counselling/clients/detail.html",
        {
            "nav": "cases",
            "page": page,
            "client": client,
            "case_create_url": _case_create_url(request, client),
            "withdraw_form": forms.ConsentWithdrawForm(),
        },
    )


@staff_office_view()
def client_edit(request, client_id: int):
    client = _get_client(request, client_id)
    data = request.POST if request.method == "POST" else None
    german_initial, languages_initial = forms.language_initial(client)
    form = forms.ClientEditForm(
        data,
        office=request.office,
        can_assign=_is_admin(request),
        initial=forms.PersonForm.initial_for(client),
    )
    german = forms.GermanLevelForm(data, initial=german_initial)
    languages = forms.LanguageFormSet(data, prefix="languages", initial=languages_initial)
    general, sections = [], {}

    def page(status: int = 200):
        return render(
            request,
            "counselling/clients/edit_form.html",
            {
                "nav": "cases",
                "client": client,
                "form": form,
                "german": german,
                "languages": languages,
                "general_errors": general,
                "section_errors": sections,
                "german_available": forms.german_language() is not None,
            },
            status=status,
        )

    if data is None:
        return page()
    valid = [form.is_valid(), german.is_valid(), languages.is_valid()]
    if not all(valid):
        if languages.non_form_errors():
            sections["languages"] = list(languages.non_form_errors())
        return page()
    person = form.person_data()
    if form.cleaned_data.get("counsellor") is not None:
        person["counsellor"] = form.cleaned_data["counsellor"]
    return submit_write(
        request,
        lambda: services.client_update(
            client=client,
            by=request.user,
            data=person,
            languages=forms.language_levels(german, languages),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
        success=_("The changes were saved."),
        redirect_to=_client_url(request, "client_detail", client),
        show_errors=lambda error: _attach_errors(error, [form, german], general, sections),
        render_page=page,
    )


@staff_office_view()
def intake_edit(request, client_id: int):
    client = _get_client(request, client_id)
    data = request.POST if request.method == "POST" else None
    intake = Intake.objects.filter(client=client).prefetch_related("goals").first()
    initial = forms.IntakeForm.initial_for(intake) | {"version": client.version}
    form = forms.IntakeEditForm(data, initial=initial)
    qualifications = forms.QualificationFormSet(
        data, prefix="qualifications", initial=forms.qualification_initial(client)
    )
    general, sections = [], {}

    def page(status: int = 200):
        return render(
            request,
            "counselling/clients/intake_edit.html",
            {
                "nav": "cases",
                "client": client,
                "form": form,
                "qualifications": qualifications,
                "general_errors": general,
                "section_errors": sections,
            },
            status=status,
        )

    if not (data is not None and form.is_valid() & qualifications.is_valid()):
        return page()
    return submit_write(
        request,
        lambda: services.intake_update(
            client=client,
            by=request.user,
            intake=form.intake_data(),
            qualifications=forms.qualifications_of(qualifications),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
        success=_("The intake was saved."),
        redirect_to=_client_url(request, "client_detail", client),
        show_errors=lambda error: _attach_errors(error, [form], general, sections),
        render_page=page,
    )


# --- Consents -------------------------------------------------------------------------------------------


@staff_office_view()
def consent_create(request, client_id: int):
    client = _get_client(request, client_id)
    form = forms.ConsentForm(request.POST if request.method == "POST" else None, office=request.office)
    return _client_form_page(
        request,
        client,
        form,
        lambda: services.consent_record(
            client=client, by=request.user, data=form.consent_data(), request=request
        ),
        template="counselling/clients/consent_form.html",
        success=_("The consent was recorded."),
        back_to=_client_url(request, "client_detail", client) + "#consents",
    )


@staff_office_view()
def consent_withdraw(request, client_id: int, consent_id: int):
    client = _get_client(request, client_id)
    consent = _or_404(consent_get(client=client, consent_id=consent_id))
    form = forms.ConsentWithdrawForm(request.POST if request.method == "POST" else None)
    return _client_form_page(
        request,
        client,
        form,
        lambda: services.consent_withdraw(
            consent=consent, by=request.user, on=form.cleaned_data["withdrawn_on"], request=request
        ),
        template="counselling/clients/consent_withdraw.html",
        success=_("The consent was marked as withdrawn."),
        back_to=_client_url(request, "client_detail", client) + "#consents",
        consent=consent,
    )


# --- Integration plan -----------------------------------------------------------------------------------


def _plan_of(client: Client) -> IntegrationPlan | None:
    return IntegrationPlan.objects.filter(client=client).select_related("client__office").first()


def _render_plan(
    request, client, plan, *, plan_form=None, goal_form=None, step_forms=None, general=None, status=200
):
    goals = []
    if plan is not None:
        step_forms = step_forms or {}
        for goal in plan.goals.prefetch_related("steps"):
            goals.append(
                {
                    "goal": goal,
                    "step_form": step_forms.get(goal.pk) or forms.PlanStepForm(prefix=f"step-{goal.pk}"),
                }
            )
    return render(
        request,
        "counselling/clients/plan.html",
        {
            "nav": "cases",
            "client": client,
            "plan": plan,
            "plan_form": plan_form or forms.PlanForm(initial=forms.PlanForm.initial_for(plan)),
            "goal_form": goal_form or forms.PlanGoalForm(prefix="goal"),
            "goals": goals,
            "general_errors": general or [],
            "complete_form": forms.PlanStepCompleteForm(),
        },
        status=status,
    )


@staff_office_view()
def plan_edit(request, client_id: int):
    client = _get_client(request, client_id)
    plan = _plan_of(client)
    if request.method != "POST":
        return _render_plan(request, client, plan)
    form = forms.PlanForm(request.POST)
    general = []

    def page(status: int = 200):
        return _render_plan(request, client, _plan_of(client), plan_form=form, general=general, status=status)

    if not form.is_valid():
        return page()

    def write():
        if plan is None:
            services.plan_create(client=client, by=request.user, **form.plan_data(), request=request)
        else:
            services.plan_update(
                plan=plan,
                by=request.user,
                data=form.plan_data(),
                expected_version=form.cleaned_data["version"] or 0,
                request=request,
            )

    return submit_write(
        request,
        write,
        success=_("The integration plan was saved."),
        redirect_to=_client_url(request, "plan_edit", client),
        show_errors=lambda error: _attach_errors(error, [form], general),
        render_page=page,
    )


def _plan_form_post(request, client: Client, plan: IntegrationPlan, form, write, *, success: str, **bound):
    """A POST of one of the plan page's forms (a goal, a step): a valid one runs the service call `write()`
    and goes back to the plan; a refused one shows the plan page with that form as submitted (`bound`
    names it for `_render_plan`)."""
    general = []
    if not form.is_valid():
        return _render_plan(request, client, plan, general=general, **bound)
    return submit_write(
        request,
        write,
        success=success,
        redirect_to=_client_url(request, "plan_edit", client),
        show_errors=lambda error: _attach_errors(error, [form], general),
        render_page=lambda status: _render_plan(
            request, client, plan, general=general, status=status, **bound
        ),
    )


@require_POST
@staff_office_view()
def plan_goal_add(request, client_id: int):
    client = _get_client(request, client_id)
    plan = _or_404(_plan_of(client))
    form = forms.PlanGoalForm(request.POST, prefix="goal")
    return _plan_form_post(
        request,
        client,
        plan,
        form,
        lambda: services.plan_goal_add(plan=plan, by=request.user, **form.goal_data(), request=request),
        success=_("The goal was added."),
        goal_form=form,
    )


@staff_office_view()
def plan_goal_edit(request, client_id: int, goal_id: int):
    client = _get_client(request, client_id)
    goal = _or_404(plan_goal_get(client=client, goal_id=goal_id))
    initial = {name: getattr(goal, name) for name in services.PLAN_GOAL_FIELDS}
    form = forms.PlanGoalForm(request.POST if request.method == "POST" else None, initial=initial)
    return _client_form_page(
        request,
        client,
        form,
        lambda: services.plan_goal_update(goal=goal, by=request.user, data=form.goal_data(), request=request),
        template="counselling/clients/plan_goal_form.html",
        success=_("The goal was saved."),
        back_to=_client_url(request, "plan_edit", client),
        goal=goal,
    )


@require_POST
@staff_office_view()
def plan_step_add(request, client_id: int, goal_id: int):
    client = _get_client(request, client_id)
    goal = _or_404(plan_goal_get(client=client, goal_id=goal_id))
    form = forms.PlanStepForm(request.POST, prefix=f"step-{goal.pk}")
    return _plan_form_post(
        request,
        client,
        goal.plan,
        form,
        lambda: services.plan_step_add(goal=goal, by=request.user, **form.step_data(), request=request),
        success=_("The step was added."),
        step_forms={goal.pk: form},
    )


@staff_office_view()
def plan_step_edit(request, client_id: int, step_id: int):
    client = _get_client(request, client_id)
    step = _or_404(plan_step_get(client=client, step_id=step_id))
    initial = {name: getattr(step, name) for name in services.PLAN_STEP_FIELDS}
    form = forms.PlanStepEditForm(request.POST if request.method == "POST" else None, initial=initial)
    return _client_form_page(
        request,
        client,
        form,
        lambda: services.plan_step_update(step=step, by=request.user, data=form.step_data(), request=request),
        template="counselling/clients/plan_step_form.html",
        success=_("The step was saved."),
        back_to=_client_url(request, "plan_edit", client),
        step=step,
    )


@require_POST
@staff_office_view()
def plan_step_complete(request, client_id: int, step_id: int):
    client = _get_client(request, client_id)
    step = _or_404(plan_step_get(client=client, step_id=step_id))
    form = forms.PlanStepCompleteForm(request.POST)
    general = []
    if form.is_valid():
        try:
            services.plan_step_complete(
                step=step, by=request.user, on=form.done_on_or_today(), request=request
            )
        except ValidationError as error:
            general.extend(error.messages)
        else:
            messages.success(request, _("The step was marked as done."))
            return redirect(_client_url(request, "plan_edit", client))
    else:
        general.extend(e for errors in form.errors.values() for e in errors)
    return _render_plan(request, client, step.goal.plan, general=general)


# --- Quick search ---------------------------------------------------------------------------------------


@staff_office_view()
def client_search(request):
    """The quick search: a full page, or (htmx) only the result list."""
    form = forms.ClientSearchForm(request.GET or None)
    term = form.cleaned_data["q"] if form.is_valid() else ""
    results = list(clients_search(user=request.user, office=request.office, term=term)) if term else []
    context = {"nav": "cases", "form": form, "term": term, "results": results}
    if request.headers.get("HX-Request"):
        return render(request, "counselling/clients/_search_results.html", context)
    return render(request, "counselling/clients/search.html", context)


urlpatterns = [
    path("clients/new/", client_create, name="client_create"),
    path("clients/search/", client_search, name="client_search"),
    path("clients/<int:client_id>/", client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", client_edit, name="client_edit"),
    path("clients/<int:client_id>/intake/", intake_edit, name="intake_edit"),
    path("clients/<int:client_id>/consents/new/", consent_create, name="consent_create"),
    path(
        "clients/<int:client_id>/consents/<int:consent_id>/withdraw/",
        consent_withdraw,
        name="consent_withdraw",
    ),
    path("clients/<int:client_id>/plan/", plan_edit, name="plan_edit"),
    path("clients/<int:client_id>/plan/goals/new/", plan_goal_add, name="plan_goal_add"),
    path("clients/<int:client_id>/plan/goals/<int:goal_id>/", plan_goal_edit, name="plan_goal_edit"),
    path("clients/<int:client_id>/plan/goals/<int:goal_id>/steps/new/", plan_step_add, name="plan_step_add"),
    path("clients/<int:client_id>/plan/steps/<int:step_id>/", plan_step_edit, name="plan_step_edit"),
    path(
        "clients/<int:client_id>/plan/steps/<int:step_id>/complete/",
        plan_step_complete,
        name="plan_step_complete",
    ),
]
