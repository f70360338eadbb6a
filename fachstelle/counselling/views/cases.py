"""Cases: the list with filters and quick search, the case page with sessions, referrals, follow-ups and
interpreter bookings, and the forms that change a case.

Views are thin: forms parse, `services/cases.py` decides and writes, `selectors/cases.py` reads. Every case is
fetched through `case_get_for_user` (403 + "denied" audit entry for a colleague's case, 404 for another
office's); GET pages write the "view" entry, POSTs are audited by the write itself. A POST with bad input
re-renders the case page with the bound form and its messages (nothing is lost).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import Membership

from ..access import PERSONAL_DATA_ROLES, case_get_for_user, client_get_for_user, staff_office_view
from ..forms import cases as forms
from ..models import Case
from ..selectors import cases as selectors
from ..services import cases as services
from .common import submit_write

ADMIN = Membership.Role.ADMIN


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"counselling:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


def _optional_url(request, name: str, **kwargs) -> str | None:
    """A URL of another area of counselling, if that area offers it yet."""
    try:
        return _url(request, name, **kwargs)
    except NoReverseMatch:
        return None


def _case(request, case_id: int, *, audit: bool = True) -> Case:
    case = case_get_for_user(
        user=request.user, office=request.office, case_id=case_id, request=request, audit=audit
    )
    case.office = request.office  # the same row: spares a query wherever the case's office is asked for
    return case


def _case_url(request, case: Case) -> str:
    return _url(request, "case_detail", case_id=case.pk)


# --- List ----------------------------------------------------------------------------------------------


@staff_office_view()
def case_list(request):
    form = forms.CaseFilterForm(request.GET, office=request.office, is_admin=request.role == ADMIN)
    filters = form.to_filters(page=request.GET.get("page"))
    result = selectors.case_list_for_user(user=request.user, office=request.office, filters=filters)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav": "cases",
        "form": form,
        "filters": filters,
        "result": result,
        "query_without_page": query.urlencode(),
        "is_admin": request.role == ADMIN,
    }
    if request.headers.get("HX-Request"):
        return render(request, "counselling/cases/_results.html", context)
    return render(request, "counselling/cases/list.html", context)


# --- Create and edit -------------------------------------------------------------------------------------


@staff_office_view()
def case_create(request):
    is_admin = request.role == ADMIN
    client = None
    raw_client = request.GET.get("client", "")
    if raw_client.isdigit():
        # Preselected from the person's page: 403/404 (and the audit entry) if it is not theirs to see.
        client = client_get_for_user(
            user=request.user, office=request.office, client_id=int(raw_client), request=request
        )
    initial = {"client": client.reference} if client else {}
    if client is not None and client.municipality_id:
        initial["municipality"] = client.municipality_id
    form = forms.CaseCreateForm(
        request.POST or None, initial=initial, office=request.office, user=request.user, is_admin=is_admin
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                office=request.office,
                by=request.user,
                client=data["client"],
                counsellor=data.get("counsellor") or request.user,
                topics=data["topics"],
                opened_on=data["opened_on"],
                municipality=data["municipality"],
                language=data["language"],
                summary=data["summary"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return redirect(_case_url(request, case))
    return render(
        request,
        "counselling/cases/form.html",
        {"nav": "cases", "form": form, "client": client, "creating": True},
    )


@staff_office_view()
def case_edit(request, case_id: int):
    case = _case(request, case_id, audit=request.method == "GET")
    if request.method == "POST":
        form = forms.CaseEditForm(request.POST, office=request.office, case=case)
    else:
        form = forms.CaseEditForm(
            initial=forms.CaseEditForm.initial_for(case), office=request.office, case=case
        )

    def page(status: int = 200):
        return render(
            request,
            "counselling/cases/form.html",
            {"nav": "cases", "form": form, "case": case},
            status=status,
        )

    if not (request.method == "POST" and form.is_valid()):
        return page()
    data = dict(form.cleaned_data)
    version = data.pop("version")
    return submit_write(
        request,
        lambda: services.case_update(
            case=case, by=request.user, expected_version=version, request=request, **data
        ),
        success=_("Case saved."),
        redirect_to=_case_url(request, case),
        show_errors=lambda error: add_service_errors(form, error),
        render_page=page,
    )


# --- The case page ---------------------------------------------------------------------------------------


def _detail(request, case: Case, *, status: int = 200, **bound):
    """Render the case page; `bound` replaces a blank form by the one the user just submitted."""
    detail = selectors.case_detail(user=request.user, case=case)
    is_admin = request.role == ADMIN
    version = {"version": case.version}
    page_forms = {
        "session_form": forms.SessionForm(),
        "referral_form": forms.ReferralForm(case=case),
        "follow_up_form": forms.FollowUpForm(),
        "close_form": forms.CaseCloseForm(initial=version),
        "reopen_form": forms.VersionForm(initial=version),
        "share_form": (
            forms.CaseShareForm(candidates=selectors.share_candidates(case=case, already=detail.shared_with))
            if detail.may_manage
            else None
        ),
        "reassign_form": (
            forms.CaseReassignForm(
                initial={**version, "counsellor": case.counsellor_id}, office=request.office
            )
            if is_admin
            else None
        ),
        "status_form": forms.ReferralStatusForm(),
    }
    page_forms.update(bound)
    booking_url = _optional_url(request, "booking_create")
    context = {
        "nav": "cases",
        "case": case,
        "detail": detail,
        "is_admin": is_admin,
        "client_url": (
            _optional_url(request, "client_detail", client_id=case.client_id) if case.client_id else None
        ),
        "booking_url": f"{booking_url}?case={case.pk}" if booking_url else None,
        "status_referral_id": bound.get("status_referral_id"),
        **page_forms,
    }
    return render(request, "counselling/cases/detail.html", context, status=status)


@staff_office_view()
def case_detail(request, case_id: int):
    return _detail(request, _case(request, case_id))


def _post_action(request, case: Case, form, action, *, form_name: str, success: str, **extra):
    """Run `action(cleaned_data)` for a valid `form`; on bad input or a conflict show the case page again
    with the form as submitted."""

    def page(status: int = 200):
        return _detail(request, case, status=status, **{form_name: form}, **extra)

    if not form.is_valid():
        return page()
    return submit_write(
        request,
        lambda: action(form.cleaned_data),
        success=success,
        redirect_to=_case_url(request, case),
        show_errors=lambda error: add_service_errors(form, error),
        render_page=page,
    )


def case_post_action(*, form_name: str, success, roles: tuple[str, ...] = PERSONAL_DATA_ROLES):
    """A POST from the case page that changes the case through one form. The decorated view gets the
    case (fetched without a "view" audit entry: the write audits itself) and returns the bound form and
    the service call for its cleaned data; bad input or a conflict shows the case page again with the
    form as submitted (`form_name` is the page's context name of that form)."""

    def decorate(view):
        @require_POST
        @staff_office_view(roles=roles)
        @wraps(view)
        def wrapper(request, case_id: int, **kwargs):
            case = _case(request, case_id, audit=False)
            form, action = view(request, case, **kwargs)
            return _post_action(request, case, form, action, form_name=form_name, success=success)

        return wrapper

    return decorate


@case_post_action(form_name="close_form", success=gettext_lazy("Case closed."))
def case_close(request, case: Case):
    form = forms.CaseCloseForm(request.POST)
    return form, lambda data: services.case_close(
        case=case,
        by=request.user,
        reason=data["reason"],
        closed_on=data["closed_on"],
        expected_version=data["version"],
        request=request,
    )


@case_post_action(form_name="reopen_form", success=gettext_lazy("Case reopened."))
def case_reopen(request, case: Case):
    form = forms.VersionForm(request.POST)
    return form, lambda data: services.case_reopen(
        case=case, by=request.user, expected_version=data["version"], request=request
    )


@case_post_action(form_name="share_form", success=gettext_lazy("Case shared."))
def case_share(request, case: Case):
    candidates = selectors.staff_choices(office=request.office).exclude(pk=case.counsellor_id)
    form = forms.CaseShareForm(request.POST, candidates=candidates)
    return form, lambda data: services.case_share(
        case=case, by=request.user, with_user=data["with_user"], request=request
    )


@require_POST
@staff_office_view()
def case_unshare(request, case_id: int, user_id: int):
    case = _case(request, case_id, audit=False)
    colleague = case.shared_with.filter(pk=user_id).first()
    if colleague is None:
        messages.error(request, _("The case is not shared with this person."))
        return redirect(_case_url(request, case))
    try:
        services.case_unshare(case=case, by=request.user, with_user=colleague, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Sharing ended."))
    return redirect(_case_url(request, case))


@case_post_action(form_name="reassign_form", success=gettext_lazy("Case assigned."), roles=(ADMIN,))
def case_reassign(request, case: Case):
    form = forms.CaseReassignForm(request.POST, office=request.office)
    return form, lambda data: services.case_reassign(
        case=case,
        by=request.user,
        counsellor=data["counsellor"],
        expected_version=data["version"],
        request=request,
    )


@case_post_action(form_name="session_form", success=gettext_lazy("Session recorded."))
def session_add(request, case: Case):
    form = forms.SessionForm(request.POST)
    return form, lambda data: services.session_add(case=case, by=request.user, request=request, **data)


@case_post_action(form_name="referral_form", success=gettext_lazy("Referral recorded."))
def referral_create(request, case: Case):
    form = forms.ReferralForm(request.POST, case=case)
    return form, lambda data: services.referral_create(
        case=case,
        by=request.user,
        offer=data["offer"],
        organisation=data["organisation"],
        shares_data=data.get("shares_data", False),
        consent=data.get("consent"),
        note=data["note"],
        request=request,
    )


@require_POST
@staff_office_view()
def referral_status(request, case_id: int, referral_id: int):
    case = _case(request, case_id, audit=False)
    referral = selectors.referral_get(case=case, referral_id=referral_id)
    if referral is None:
        messages.error(request, _("This referral does not belong to the case."))
        return redirect(_case_url(request, case))
    return _post_action(
        request,
        case,
        forms.ReferralStatusForm(request.POST),
        lambda data: services.referral_set_status(
            referral=referral, by=request.user, request=request, **data
        ),
        form_name="status_form",
        success=_("Referral updated."),
        status_referral_id=referral.pk,
    )


@case_post_action(form_name="follow_up_form", success=gettext_lazy("Reminder added."))
def follow_up_add(request, case: Case):
    form = forms.FollowUpForm(request.POST)
    return form, lambda data: services.follow_up_add(case=case, by=request.user, request=request, **data)


@require_POST
@staff_office_view()
def follow_up_done(request, case_id: int, follow_up_id: int):
    case = _case(request, case_id, audit=False)
    follow_up = selectors.follow_up_get(case=case, follow_up_id=follow_up_id)
    if follow_up is None:
        messages.error(request, _("This reminder does not belong to the case."))
    else:
        try:
            services.follow_up_done(follow_up=follow_up, by=request.user, request=request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Reminder done."))
    target = request.POST.get("next", "")
    if target == "dashboard":
        return redirect(_url(request, "dashboard"))
    return redirect(_case_url(request, case))


urlpatterns = [
    path("cases/", case_list, name="case_list"),
    path("cases/new/", case_create, name="case_create"),
    path("cases/<int:case_id>/", case_detail, name="case_detail"),
    path("cases/<int:case_id>/edit/", case_edit, name="case_edit"),
    path("cases/<int:case_id>/close/", case_close, name="case_close"),
    path("cases/<int:case_id>/reopen/", case_reopen, name="case_reopen"),
    path("cases/<int:case_id>/share/", case_share, name="case_share"),
    path("cases/<int:case_id>/share/<int:user_id>/end/", case_unshare, name="case_unshare"),
    path("cases/<int:case_id>/reassign/", case_reassign, name="case_reassign"),
    path("cases/<int:case_id>/sessions/new/", session_add, name="session_add"),
    path("cases/<int:case_id>/referrals/new/", referral_create, name="referral_create"),
    path("cases/<int:case_id>/referrals/<int:referral_id>/status/", referral_status, name="referral_status"),
    path("cases/<int:case_id>/follow-ups/new/", follow_up_add, name="follow_up_add"),
    path("cases/<int:case_id>/follow-ups/<int:follow_up_id>/done/", follow_up_done, name="follow_up_done"),
]
