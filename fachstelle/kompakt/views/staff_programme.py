"""The municipal integration programme: goals, challenges, measures, versions, PDF and DOCX."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import PromotionArea, TargetGroup
from fachstelle.core.staff import KOMPAKT_ROLES, Role, staff_office_view

from ..forms_programme import (
    CompareForm,
    GoalForm,
    IndicatorFormSet,
    MeasureForm,
    ProgrammeTextsForm,
    StatusForm,
    VersionForm,
    indicator_initial,
)
from ..models import CatalogueEntry, NeedForAction, Programme
from ..programme_docx import programme_docx as render_programme_docx
from ..programme_pdf import programme_pdf as render_programme_pdf
from ..selectors.programme import (
    needs_for_process,
    process_for_office,
    programme_for_process,
    programme_goals,
    programme_version,
    programme_versions,
    programme_view,
    version_compare,
)
from ..services import programme as services

# Who writes programmes; the statistics role reads them.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)


def _require_writer(request) -> None:
    if request.role not in WRITER_ROLES:
        raise PermissionDenied


def _programme(request, pk) -> tuple:
    """The office's process and its programme (404 when either is missing or another office's)."""
    process = process_for_office(office=request.office, pk=pk)
    programme = programme_for_process(process=process)
    if programme is None:
        raise Http404
    programme.process = process  # already loaded with municipality and office
    return process, programme


def _detail_url(request, process) -> str:
    return reverse("kompakt:programme_detail", kwargs={"office_slug": request.office.slug, "pk": process.pk})


def _base(request, process, **extra) -> dict:
    return {"nav": "kompakt", "process": process, "tab": "programme", **extra}


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_detail(request, pk):
    """The whole programme, or the invitation to create the draft."""
    process = process_for_office(office=request.office, pk=pk)
    programme = programme_for_process(process=process)
    can_write = request.role in WRITER_ROLES
    if programme is None:
        return render(
            request,
            "kompakt/programme/empty.html",
            _base(request, process, can_write=can_write, needs_count=process.needs.count()),
        )
    programme.process = process
    view = programme_view(programme)
    versions = programme_versions(programme=programme)
    return render(
        request,
        "kompakt/programme/detail.html",
        _base(
            request,
            process,
            programme=programme,
            view=view,
            doc=view.document,
            country=view.country,
            can_write=can_write,
            editable=can_write,
            latest_version=versions[0] if versions else None,
            version_form=VersionForm(),
            status_form=StatusForm(initial={"adopted_by": "Gemeinderat"}),
            next_statuses=[
                (value, label)
                for value, label in Programme.Status.choices
                if value in services.ALLOWED_STATUS_CHANGES.get(programme.status, ())
            ],
        ),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def programme_create(request, pk):
    _require_writer(request)
    process = process_for_office(office=request.office, pk=pk)
    try:
        services.programme_create(process=process, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The draft of the programme has been created."))
    return redirect(_detail_url(request, process))


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_edit(request, pk):
    _require_writer(request)
    process, programme = _programme(request, pk)
    form = ProgrammeTextsForm(request.POST or None, initial=ProgrammeTextsForm.initial_for(programme))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.programme_update(programme=programme, by=request.user, fields=fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(_detail_url(request, process))
    return render(
        request, "kompakt/programme/edit.html", _base(request, process, programme=programme, form=form)
    )


# --- Goals ----------------------------------------------------------------------------------------------


def _goal_form(request, process, data=None, initial=None):
    return GoalForm(
        data,
        initial=initial,
        areas=list(PromotionArea.objects.order_by("code")),
        needs=needs_for_process(process=process),
    )


def _goal_page(request, pk, goal_pk=None):
    _require_writer(request)
    process, programme = _programme(request, pk)
    goal = get_object_or_404(programme.goals.prefetch_related("needs"), pk=goal_pk) if goal_pk else None
    initial = None
    if goal is not None:
        initial = {
            "title": goal.title,
            "description": goal.description,
            "promotion_area": goal.promotion_area_id and str(goal.promotion_area_id),
            "needs": list(goal.needs.all()),
        }
    form = _goal_form(request, process, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_save(
                programme=programme,
                by=request.user,
                goal=goal,
                fields={k: data[k] for k in ("title", "description", "promotion_area")},
                needs=data["needs"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The goal has been saved."))
            return redirect(_detail_url(request, process) + "#goals")
    return render(
        request,
        "kompakt/programme/goal_form.html",
        _base(request, process, programme=programme, form=form, goal=goal),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def goal_add(request, pk):
    return _goal_page(request, pk)


@staff_office_view(roles=KOMPAKT_ROLES)
def goal_edit(request, pk, goal_pk):
    return _goal_page(request, pk, goal_pk)


@staff_office_view(roles=KOMPAKT_ROLES)
def goal_delete(request, pk, goal_pk):
    _require_writer(request)
    process, programme = _programme(request, pk)
    goal = get_object_or_404(programme.goals, pk=goal_pk)
    if request.method == "POST":
        services.goal_delete(goal=goal, by=request.user)
        messages.success(request, _("The goal has been deleted; its measures stay in the programme."))
        return redirect(_detail_url(request, process) + "#goals")
    return render(
        request,
        "kompakt/programme/confirm_delete.html",
        _base(request, process, programme=programme, object=goal, kind=_("goal")),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def goal_move(request, pk, goal_pk):
    _require_writer(request)
    process, programme = _programme(request, pk)
    goal = get_object_or_404(programme.goals, pk=goal_pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.goal_move(goal=goal, by=request.user, direction=direction)
    return redirect(_detail_url(request, process) + "#goals")


# --- Measures -------------------------------------------------------------------------------------------


def _measure_page(request, pk, measure_pk=None):
    _require_writer(request)
    process, programme = _programme(request, pk)
    measure = None
    if measure_pk:
        measure = get_object_or_404(
            programme.measures.select_related("goal", "need", "promotion_area").prefetch_related(
                "target_groups", "indicators"
            ),
            pk=measure_pk,
        )
    options = {
        "areas": list(PromotionArea.objects.order_by("code")),
        "goals": programme_goals(programme=programme),
        "needs": needs_for_process(process=process),
        "target_groups": list(TargetGroup.objects.all()),
    }
    data = request.POST if request.method == "POST" else None
    initial = (
        MeasureForm.initial_for(measure)
        if measure
        else {"responsible": f"Gemeinde {process.municipality.name}"}
    )
    form = MeasureForm(data, initial=initial, **options)
    indicators = IndicatorFormSet(data, initial=indicator_initial(measure), prefix="indicators")
    indicator_errors = []
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        data = form.cleaned_data
        entries = [f.entry() for f in indicators.forms if f.has_changed() or f.cleaned_data.get("id")]
        try:
            result = services.measure_save(
                programme=programme,
                by=request.user,
                measure=measure,
                fields={k: v for k, v in data.items() if k != "target_groups"},
                target_groups=data["target_groups"],
                indicators=entries,
            )
        except ValidationError as exc:
            indicator_errors = exc.message_dict.get("indicators", []) if hasattr(exc, "error_dict") else []
            add_service_errors(form, exc)
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(request, _("The measure has been saved."))
            return redirect(_detail_url(request, process) + "#measures")
    return render(
        request,
        "kompakt/programme/measure_form.html",
        _base(
            request,
            process,
            programme=programme,
            form=form,
            indicators=indicators,
            indicator_errors=indicator_errors,
            measure=measure,
        ),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def measure_add(request, pk):
    return _measure_page(request, pk)


@staff_office_view(roles=KOMPAKT_ROLES)
def measure_edit(request, pk, measure_pk):
    return _measure_page(request, pk, measure_pk)


@staff_office_view(roles=KOMPAKT_ROLES)
def measure_delete(request, pk, measure_pk):
    _require_writer(request)
    process, programme = _programme(request, pk)
    measure = get_object_or_404(programme.measures, pk=measure_pk)
    if request.method == "POST":
        services.measure_delete(measure=measure, by=request.user)
        messages.success(request, _("The measure has been deleted."))
        return redirect(_detail_url(request, process) + "#measures")
    return render(
        request,
        "kompakt/programme/confirm_delete.html",
        _base(request, process, programme=programme, object=measure, kind=_("measure")),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def measure_add_from_catalogue(request, pk, entry_pk):
    """Take a catalogue entry into the programme (creating the draft if needed); back to `next` when it
    is a local address, else to the programme."""
    _require_writer(request)
    process = process_for_office(office=request.office, pk=pk)
    entry = get_object_or_404(CatalogueEntry.objects.filter(is_published=True), pk=entry_pk)
    need = None
    if request.POST.get("need"):
        try:
            need = get_object_or_404(
                NeedForAction.objects.filter(process=process), pk=int(request.POST["need"])
            )
        except ValueError:
            raise Http404 from None
    try:
        measure = services.measure_add_from_catalogue(
            process=process, entry=entry, need=need, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                '"%(title)s" has been added to the programme. '
                "Complete the responsible body, timeline and funding."
            )
            % {"title": measure.title},
        )
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_detail_url(request, process))


# --- Versions and status --------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_version_list(request, pk):
    """The history (who, when, why); writers save the current state as a new version here."""
    process, programme = _programme(request, pk)
    form = VersionForm(request.POST or None)
    if request.method == "POST":
        _require_writer(request)
        if form.is_valid():
            try:
                version = services.programme_version_save(
                    programme=programme, by=request.user, comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Version %(number)s has been saved.") % {"number": version.number}
                )
                return redirect(
                    reverse(
                        "kompakt:programme_versions",
                        kwargs={"office_slug": request.office.slug, "pk": process.pk},
                    )
                )
    versions = programme_versions(programme=programme)
    compare_form = CompareForm(
        initial={
            "a": versions[1].number if len(versions) > 1 else None,
            "b": versions[0].number if versions else None,
        },
        versions=versions,
    )
    return render(
        request,
        "kompakt/programme/versions.html",
        _base(
            request,
            process,
            programme=programme,
            versions=versions,
            form=form,
            compare_form=compare_form,
            can_write=request.role in WRITER_ROLES,
        ),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_version_detail(request, pk, number):
    process, programme = _programme(request, pk)
    version = programme_version(programme=programme, number=number)
    view = programme_view(programme, version=version)
    return render(
        request,
        "kompakt/programme/version_detail.html",
        _base(
            request,
            process,
            programme=programme,
            version=version,
            view=view,
            doc=view.document,
            country=view.country,
        ),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_version_compare(request, pk):
    process, programme = _programme(request, pk)
    versions = programme_versions(programme=programme)
    form = CompareForm(request.GET or None, versions=versions)
    comparison = older = newer = None
    if form.is_valid():
        a, b = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
        older = programme_version(programme=programme, number=a)
        newer = programme_version(programme=programme, number=b)
        comparison = version_compare(older.snapshot, newer.snapshot)
    return render(
        request,
        "kompakt/programme/compare.html",
        _base(
            request,
            process,
            programme=programme,
            form=form,
            comparison=comparison,
            older=older,
            newer=newer,
        ),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def programme_status(request, pk):
    _require_writer(request)
    process, programme = _programme(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = services.programme_status_change(
                programme=programme,
                by=request.user,
                status=data["status"],
                adopted_on=data["adopted_on"],
                adopted_by=data["adopted_by"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The status has been changed; version %(number)s has been saved.")
                % {"number": version.number},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_detail_url(request, process) + "#status")


# --- Documents ------------------------------------------------------------------------------------------


def _version_number(request) -> int | None:
    raw = request.GET.get("version")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


def _file_name(programme, number, extension) -> str:
    municipality = slugify(programme.process.municipality.name)
    suffix = f"-v{number}" if number else ""
    period = f"{programme.period_start}-{programme.period_end}"
    return f"integrationsprogramm-{municipality}-{period}{suffix}.{extension}"


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_pdf(request, pk):
    _process, programme = _programme(request, pk)
    number = _version_number(request)
    response = HttpResponse(render_programme_pdf(programme, version=number), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(programme, number, "pdf")}"'
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@staff_office_view(roles=KOMPAKT_ROLES)
def programme_docx(request, pk):
    _process, programme = _programme(request, pk)
    number = _version_number(request)
    response = HttpResponse(render_programme_docx(programme, version=number), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(programme, number, "docx")}"'
    return response


urlpatterns = [
    path("processes/<int:pk>/programme/", programme_detail, name="programme_detail"),
    path("processes/<int:pk>/programme/create/", programme_create, name="programme_create"),
    path("processes/<int:pk>/programme/edit/", programme_edit, name="programme_edit"),
    path("processes/<int:pk>/programme/status/", programme_status, name="programme_status"),
    path("processes/<int:pk>/programme/goals/add/", goal_add, name="programme_goal_add"),
    path("processes/<int:pk>/programme/goals/<int:goal_pk>/edit/", goal_edit, name="programme_goal_edit"),
    path(
        "processes/<int:pk>/programme/goals/<int:goal_pk>/delete/", goal_delete, name="programme_goal_delete"
    ),
    path("processes/<int:pk>/programme/goals/<int:goal_pk>/move/", goal_move, name="programme_goal_move"),
    path("processes/<int:pk>/programme/measures/add/", measure_add, name="programme_measure_add"),
    path(
        "processes/<int:pk>/programme/measures/<int:measure_pk>/edit/",
        measure_edit,
        name="programme_measure_edit",
    ),
    path(
        "processes/<int:pk>/programme/measures/<int:measure_pk>/delete/",
        measure_delete,
        name="programme_measure_delete",
    ),
    path(
        "processes/<int:pk>/programme/from-catalogue/<int:entry_pk>/",
        measure_add_from_catalogue,
        name="measure_add_from_catalogue",
    ),
    path("processes/<int:pk>/programme/versions/", programme_version_list, name="programme_versions"),
    path(
        "processes/<int:pk>/programme/versions/compare/",
        programme_version_compare,
        name="programme_version_compare",
    ),
    path(
        "processes/<int:pk>/programme/versions/<int:number>/",
        programme_version_detail,
        name="programme_version_detail",
    ),
    path("processes/<int:pk>/programme/pdf/", programme_pdf, name="programme_pdf"),
    path("processes/<int:pk>/programme/docx/", programme_docx, name="programme_docx"),
]
