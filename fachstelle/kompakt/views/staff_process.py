"""KOMPAKT processes: list, create, overview with phases, working group, blocked dates, school holidays."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import KOMPAKT_ROLES, Role, staff_office_view
from fachstelle.core.tabular import download_response

from ..forms_process import (
    BlockedDateForm,
    MemberForm,
    MemberSearchForm,
    NetworkMemberForm,
    PhaseForm,
    ProcessCreateForm,
    ProcessEditForm,
    ProcessFilterForm,
    SchoolHolidayForm,
)
from ..models import Phase, SchoolHoliday
from ..selectors.processes import (
    GROUP_SIZE_MAX,
    GROUP_SIZE_MIN,
    blocked_dates_of_process,
    group_size_hint,
    members_of_process,
    municipalities_without_open_process,
    network_contacts,
    network_key_persons,
    office_staff,
    process_list_for_office,
    process_overview,
    process_phases,
    process_queryset,
    school_holidays_for_canton,
)
from ..services.processes import (
    PhaseData,
    blocked_date_add,
    blocked_date_remove,
    member_add,
    member_add_from_network,
    member_remove,
    member_update,
    phases_update,
    process_create,
    process_update,
    school_holiday_delete,
    school_holiday_save,
)

# Who writes processes; the statistics role reads them.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)
# Who maintains the school holidays of the office's canton (reference data shared by every office there).
HOLIDAY_ROLES = (Role.ADMIN,)
MEMBER_EXPORT_HEADERS = ["Name", "Organisation", "Department", "Role", "E-mail", "Phone", "Source"]


def _require_writer(request) -> None:
    if request.role not in WRITER_ROLES:
        raise PermissionDenied


def _process(request, pk):
    return get_object_or_404(process_queryset(office=request.office), pk=pk)


def _url(request, name, **kwargs) -> str:
    return reverse(f"kompakt:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


def _context(request, process, tab, **extra) -> dict:
    return {
        "nav": "kompakt",
        "process": process,
        "tab": tab,
        "can_write": request.role in WRITER_ROLES,
        **extra,
    }


# --- Processes -----------------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def process_list(request):
    """Queries: processes with their next workshop and member count, phases (2)."""
    form = ProcessFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    rows = process_list_for_office(office=request.office, status=status or None)
    return render(
        request,
        "kompakt/process/list.html",
        {"nav": "kompakt", "rows": rows, "form": form, "can_write": request.role in WRITER_ROLES},
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def process_create_view(request):
    _require_writer(request)
    municipalities = municipalities_without_open_process(office=request.office)
    form = ProcessCreateForm(
        request.POST or None,
        municipalities=municipalities,
        staff=office_staff(office=request.office),
        initial={"lead": request.user},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = process_create(
                office=request.office,
                municipality=data["municipality"],
                lead=data["lead"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                notes=data["notes"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("KOMPAKT has been started for %(name)s.") % {"name": process.municipality}
            )
            return redirect(_url(request, "process_detail", pk=process.pk))
    return render(
        request,
        "kompakt/process/create.html",
        {"nav": "kompakt", "form": form, "has_municipalities": bool(municipalities)},
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def process_detail(request, pk):
    """Queries: process, phases, workshops, member count, blocked dates."""
    process = _process(request, pk)
    overview = process_overview(process=process)
    return render(
        request,
        "kompakt/process/detail.html",
        _context(
            request,
            process,
            "overview",
            overview=overview,
            size_hint=group_size_hint(overview.member_count),
            today=timezone.localdate(),
        ),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def process_edit(request, pk):
    _require_writer(request)
    process = _process(request, pk)
    initial = {
        name: getattr(process, name)
        for name in (
            "status",
            "lead",
            "municipal_contact_name",
            "municipal_contact_email",
            "municipal_contact_phone",
            "start_session_hours",
            "session_hours",
            "weeks_between_sessions",
            "programme_weeks_after_workshops",
            "programme_due_on",
            "notes",
        )
    }
    form = ProcessEditForm(request.POST or None, initial=initial, staff=office_staff(office=request.office))
    if request.method == "POST" and form.is_valid():
        try:
            process_update(process=process, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The process has been saved."))
            return redirect(_url(request, "process_detail", pk=process.pk))
    return render(request, "kompakt/process/edit.html", _context(request, process, "overview", form=form))


@staff_office_view(roles=KOMPAKT_ROLES)
def phase_edit(request, pk):
    """All six phases in one form; every row is a PhaseForm prefixed with the phase's kind."""
    _require_writer(request)
    process = _process(request, pk)
    phases = {phase.kind: phase for phase in process_phases(process=process)}
    labels = dict(Phase.Kind.choices)
    rows = []
    for kind in Phase.ORDER:
        phase = phases.get(kind)
        initial = (
            {
                "starts_on": phase.starts_on,
                "ends_on": phase.ends_on,
                "status": phase.status,
                "notes": phase.notes,
            }
            if phase
            else {"status": Phase.Status.OPEN}
        )
        rows.append(
            {
                "kind": kind,
                "label": labels[kind],
                "form": PhaseForm(request.POST or None, prefix=kind, initial=initial),
            }
        )
    if request.method == "POST" and all(row["form"].is_valid() for row in rows):
        data = [PhaseData(kind=row["kind"], **row["form"].cleaned_data) for row in rows]
        try:
            phases_update(process=process, rows=data, by=request.user)
        except ValidationError as exc:
            forms_by_kind = {row["kind"]: row["form"] for row in rows}
            for key, errors in exc.message_dict.items():
                kind, _sep, field = key.partition("-")
                form = forms_by_kind.get(kind)
                for error in errors:
                    if form is not None and field in form.fields:
                        form.add_error(field, error)
                    else:
                        forms_by_kind[Phase.ORDER[0]].add_error(None, error)
        else:
            messages.success(request, _("The phases have been saved."))
            return redirect(_url(request, "process_detail", pk=process.pk))
    has_errors = request.method == "POST" and any(row["form"].errors for row in rows)
    return render(
        request,
        "kompakt/process/phases.html",
        _context(request, process, "overview", rows=rows, has_errors=has_errors),
    )


# --- Working group -------------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def member_list(request, pk):
    """Queries: process, members."""
    process = _process(request, pk)
    members = members_of_process(process=process)
    return render(
        request,
        "kompakt/process/members.html",
        _context(
            request,
            process,
            "members",
            members=members,
            size_hint=group_size_hint(len(members)),
            size_min=GROUP_SIZE_MIN,
            size_max=GROUP_SIZE_MAX,
        ),
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def member_add_view(request, pk):
    """Add from the network (search with ?q=, then pick) or by hand; POST field `source` says which."""
    _require_writer(request)
    process = _process(request, pk)
    search = MemberSearchForm(request.GET or None)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    contacts = network_contacts(office=request.office, q=q)
    key_persons = network_key_persons(office=request.office, q=q)
    source = request.POST.get("source") if request.method == "POST" else None
    network_form = NetworkMemberForm(
        request.POST if source == "network" else None, contacts=contacts, key_persons=key_persons
    )
    manual_form = MemberForm(request.POST if source == "manual" else None, prefix="manual")
    if source == "network" and network_form.is_valid():
        data = network_form.cleaned_data
        try:
            member = member_add_from_network(
                process=process,
                by=request.user,
                contact=network_form.contact(),
                key_person=network_form.key_person(),
                role=data["role"],
                department=data["department"],
            )
        except ValidationError as exc:
            add_service_errors(network_form, exc)
        else:
            messages.success(
                request, _("%(name)s has been added to the working group.") % {"name": member.name}
            )
            return redirect(_url(request, "member_list", pk=process.pk))
    elif source == "manual" and manual_form.is_valid():
        try:
            member = member_add(process=process, by=request.user, **manual_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(manual_form, exc)
        else:
            messages.success(
                request, _("%(name)s has been added to the working group.") % {"name": member.name}
            )
            return redirect(_url(request, "member_list", pk=process.pk))
    return render(
        request,
        "kompakt/process/member_add.html",
        _context(
            request,
            process,
            "members",
            search=search,
            q=q,
            network_form=network_form,
            manual_form=manual_form,
            found=len(contacts) + len(key_persons),
        ),
    )


def _member(process, member_pk):
    return get_object_or_404(process.members.all(), pk=member_pk)


@staff_office_view(roles=KOMPAKT_ROLES)
def member_edit(request, pk, member_pk):
    _require_writer(request)
    process = _process(request, pk)
    member = _member(process, member_pk)
    initial = {
        name: getattr(member, name)
        for name in ("name", "organisation_name", "department", "role", "email", "phone")
    }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member_update(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The member has been saved."))
            return redirect(_url(request, "member_list", pk=process.pk))
    return render(
        request,
        "kompakt/process/member_edit.html",
        _context(request, process, "members", form=form, member=member),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def member_remove_view(request, pk, member_pk):
    _require_writer(request)
    process = _process(request, pk)
    member = _member(process, member_pk)
    name = member.name
    member_remove(member=member, by=request.user)
    messages.success(request, _("%(name)s has been removed from the working group.") % {"name": name})
    return redirect(_url(request, "member_list", pk=process.pk))


@staff_office_view(roles=KOMPAKT_ROLES)
def member_export(request, pk):
    """The working group as CSV (semicolon, UTF-8 with BOM) for the municipality's mailing list."""
    process = _process(request, pk)
    members = members_of_process(process=process)
    rows = [
        [
            m.name,
            m.organisation_name,
            m.department,
            m.get_role_display(),
            m.email,
            m.phone,
            "network" if m.contact_id else ("key person" if m.key_person_id else "manual"),
        ]
        for m in members
    ]
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target=process,
        detail=f"working group export (csv, {len(rows)} rows)",
        request=request,
    )
    return download_response(
        file_type="csv",
        filename=f"arbeitsgruppe-{slugify(process.municipality.name)}-{timezone.localdate().isoformat()}",
        headers=MEMBER_EXPORT_HEADERS,
        rows=rows,
    )


# --- Blocked dates -------------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def blocked_dates(request, pk):
    """The periods the municipality blocks; POST (writers) adds one."""
    process = _process(request, pk)
    form = BlockedDateForm(request.POST or None)
    if request.method == "POST":
        _require_writer(request)
        if form.is_valid():
            try:
                blocked_date_add(process=process, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The blocked period has been added."))
                return redirect(_url(request, "blocked_dates", pk=process.pk))
    return render(
        request,
        "kompakt/process/blocked.html",
        _context(request, process, "overview", form=form, blocked=blocked_dates_of_process(process=process)),
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def blocked_date_remove_view(request, pk, blocked_pk):
    _require_writer(request)
    process = _process(request, pk)
    blocked = get_object_or_404(process.blocked_dates.all(), pk=blocked_pk)
    blocked_date_remove(blocked=blocked, by=request.user)
    messages.success(request, _("The blocked period has been removed."))
    return redirect(_url(request, "blocked_dates", pk=process.pk))


# --- School holidays -----------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def school_holiday_list(request):
    """The school holidays of the office's canton. Queries: holidays (1)."""
    canton = request.office.canton
    return render(
        request,
        "kompakt/process/school_holidays.html",
        {
            "nav": "kompakt",
            "canton": canton,
            "holidays": school_holidays_for_canton(canton=canton),
            "can_edit": request.role in HOLIDAY_ROLES and bool(canton),
        },
    )


def _require_holiday_admin(request) -> str:
    if request.role not in HOLIDAY_ROLES or not request.office.canton:
        raise PermissionDenied
    return request.office.canton


def _holiday_form_page(request, form, holiday=None):
    return render(
        request,
        "kompakt/process/school_holiday_form.html",
        {"nav": "kompakt", "form": form, "holiday": holiday, "canton": request.office.canton},
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def school_holiday_create(request):
    canton = _require_holiday_admin(request)
    form = SchoolHolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            school_holiday_save(canton=canton, by=request.user, office=request.office, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The school holidays have been saved."))
            return redirect(_url(request, "school_holiday_list"))
    return _holiday_form_page(request, form)


@staff_office_view(roles=KOMPAKT_ROLES)
def school_holiday_edit(request, holiday_pk):
    canton = _require_holiday_admin(request)
    holiday = get_object_or_404(SchoolHoliday, pk=holiday_pk, canton=canton)
    form = SchoolHolidayForm(request.POST or None, initial=SchoolHolidayForm.initial_of(holiday))
    if request.method == "POST" and form.is_valid():
        try:
            school_holiday_save(
                canton=canton, by=request.user, office=request.office, holiday=holiday, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The school holidays have been saved."))
            return redirect(_url(request, "school_holiday_list"))
    return _holiday_form_page(request, form, holiday)


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def school_holiday_delete_view(request, holiday_pk):
    canton = _require_holiday_admin(request)
    holiday = get_object_or_404(SchoolHoliday, pk=holiday_pk, canton=canton)
    school_holiday_delete(holiday=holiday, by=request.user, office=request.office)
    messages.success(request, _("The school holidays have been deleted."))
    return redirect(_url(request, "school_holiday_list"))


urlpatterns = [
    path("processes/", process_list, name="process_list"),
    path("processes/new/", process_create_view, name="process_create"),
    path("processes/<int:pk>/", process_detail, name="process_detail"),
    path("processes/<int:pk>/edit/", process_edit, name="process_edit"),
    path("processes/<int:pk>/phases/", phase_edit, name="phase_edit"),
    path("processes/<int:pk>/members/", member_list, name="member_list"),
    path("processes/<int:pk>/members/add/", member_add_view, name="member_add"),
    path("processes/<int:pk>/members/export/", member_export, name="member_export"),
    path("processes/<int:pk>/members/<int:member_pk>/edit/", member_edit, name="member_edit"),
    path("processes/<int:pk>/members/<int:member_pk>/remove/", member_remove_view, name="member_remove"),
    path("processes/<int:pk>/blocked/", blocked_dates, name="blocked_dates"),
    path(
        "processes/<int:pk>/blocked/<int:blocked_pk>/remove/",
        blocked_date_remove_view,
        name="blocked_date_remove",
    ),
    path("school-holidays/", school_holiday_list, name="school_holiday_list"),
    path("school-holidays/new/", school_holiday_create, name="school_holiday_create"),
    path("school-holidays/<int:holiday_pk>/edit/", school_holiday_edit, name="school_holiday_edit"),
    path(
        "school-holidays/<int:holiday_pk>/delete/", school_holiday_delete_view, name="school_holiday_delete"
    ),
]
