"""KOMPAKT workshops: the plan generator, sessions, invitations with ICS, and the effort estimate."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import KOMPAKT_ROLES, Role, staff_office_view

from ..forms_workshops import AcceptForm, EffortAssumptionsForm, MembersForm, PlanForm, WorkshopForm
from ..models import Workshop
from ..selectors.workshops import process_get, workshop_get, workshops_of_process
from ..services.effort import (
    effort_assumptions_reset,
    effort_assumptions_save,
)
from ..services.effort import (
    effort_estimate as compute_estimate,
)
from ..services.workshop_plan import ZURICH, workshop_plan_accept, workshop_plan_propose
from ..services.workshops import (
    INVITABLE,
    WorkshopDateConflict,
    workshop_cancel,
    workshop_invite,
    workshop_update,
)
from ..workshop_ics import CONTENT_TYPE, workshop_calendar, workshop_filename, workshop_summary

# Who plans sessions, invites and edits the effort assumptions; the statistics role reads.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)


def _require_writer(request) -> None:
    if request.role not in WRITER_ROLES:
        raise PermissionDenied


def _process(request, pk):
    process = process_get(office=request.office, pk=pk)
    if process is None:
        raise Http404
    return process


def _workshop(request, workshop_pk):
    workshop = workshop_get(office=request.office, pk=workshop_pk)
    if workshop is None:
        raise Http404
    return workshop


def _plan_url(request, process) -> str:
    return reverse("kompakt:workshop_plan", kwargs={"office_slug": request.office.slug, "pk": process.pk})


def _propose(form: PlanForm, process):
    """The proposal for a valid generator form, or None with the service's message on the form."""
    data = form.cleaned_data
    try:
        return workshop_plan_propose(
            process=process,
            earliest=data["earliest"],
            weekdays=set(data["weekdays"]),
            start_time=data["start_time"],
            start_time_long=data["start_time_long"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _accept_fields(form: PlanForm, proposal) -> list[tuple[str, str]]:
    """The hidden fields that carry a proposal to the accept step (checked again there)."""
    data = form.cleaned_data
    fields = [("earliest", data["earliest"].isoformat())]
    fields += [("weekdays", str(day)) for day in sorted(data["weekdays"])]
    fields.append(("start_time", data["start_time"].strftime("%H:%M")))
    if data["start_time_long"]:
        fields.append(("start_time_long", data["start_time_long"].strftime("%H:%M")))
    fields.append(("location", data["location"]))
    fields += [(f"day_{session.kind}", session.day.isoformat()) for session in proposal.sessions]
    return fields


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_plan(request, pk):
    """The sessions of a process, the generator (GET: a proposal; POST: accept it) and the invitations.
    Queries: process, sessions, member counts (+ the generator's holidays and blocked dates)."""
    process = _process(request, pk)
    can_write = request.role in WRITER_ROLES
    proposal = None
    accept_fields = []
    form = PlanForm(initial=PlanForm.initial_values()) if can_write else None
    if request.method == "POST":
        _require_writer(request)
        form = AcceptForm(request.POST)
        valid = form.is_valid()
        if any(name.startswith("day_") for name in form.errors):
            # The hidden dates are not shown as fields: say so on top of the form.
            form.add_error(None, _("The proposal could not be read. Make a new proposal."))
        if valid:
            proposal = _propose(form, process)
            if proposal is not None and proposal.days != form.posted_days():
                form.add_error(
                    None,
                    _(
                        "The dates have changed since the proposal was made (new blocked dates or holidays). "
                        "Check the new proposal and accept it again."
                    ),
                )
            elif proposal is not None:
                try:
                    workshop_plan_accept(
                        process=process,
                        proposal=proposal,
                        location=form.cleaned_data["location"],
                        by=request.user,
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _("The workshop plan has been saved. The programme is due on %(date)s.")
                        % {"date": formats.date_format(proposal.programme_due_on, "SHORT_DATE_FORMAT")},
                    )
                    return redirect(_plan_url(request, process))
        if proposal is not None:
            accept_fields = _accept_fields(form, proposal)
    elif can_write and "earliest" in request.GET:
        form = PlanForm(request.GET)
        if form.is_valid():
            proposal = _propose(form, process)
            if proposal is not None:
                accept_fields = _accept_fields(form, proposal)
    sessions = list(workshops_of_process(process=process))
    counts = process.members.aggregate(total=Count("pk"), without_email=Count("pk", filter=Q(email="")))
    invitable = [session for session in sessions if session.status in INVITABLE]
    return render(
        request,
        "kompakt/workshops/plan.html",
        {
            "nav": "kompakt",
            "process": process,
            "sessions": sessions,
            "invitable": invitable,
            "counts": counts,
            "form": form,
            "proposal": proposal,
            "accept_fields": accept_fields,
            "can_write": can_write,
            "held": [s for s in sessions if s.status == Workshop.Status.HELD],
        },
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_edit(request, workshop_pk):
    _require_writer(request)
    workshop = _workshop(request, workshop_pk)
    process = workshop.process
    local = timezone.localtime(workshop.starts_at, ZURICH)
    initial = {
        "day": local.date(),
        "time": local.time(),
        "duration_minutes": workshop.duration_minutes,
        "location": workshop.location,
        "agenda": workshop.agenda,
        "status": workshop.status,
    }
    form = WorkshopForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = datetime.datetime.combine(data["day"], data["time"], tzinfo=ZURICH)
        try:
            workshop_update(
                workshop=workshop,
                by=request.user,
                starts_at=starts_at,
                duration_minutes=data["duration_minutes"],
                location=data["location"],
                agenda=data["agenda"],
                status=data["status"],
                confirm=data["confirm"],
            )
        except WorkshopDateConflict as exc:
            conflict = exc.reasons
            add_service_errors(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The session has been saved."))
            if workshop.invitations_sent_at:
                messages.info(
                    request, _("Send the invitation again so that the members' calendars are updated.")
                )
            return redirect(_plan_url(request, process))
    return render(
        request,
        "kompakt/workshops/edit.html",
        {"nav": "kompakt", "process": process, "workshop": workshop, "form": form, "conflict": conflict},
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_cancel_view(request, workshop_pk):
    _require_writer(request)
    workshop = _workshop(request, workshop_pk)
    try:
        workshop_cancel(workshop=workshop, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The session has been cancelled."))
    return redirect(_plan_url(request, workshop.process))


def _invite(request, process, workshops):
    try:
        result = workshop_invite(process=process, workshops=workshops, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    messages.success(
        request,
        _("Invitations to %(sessions)s are being sent to %(count)s members.")
        % {
            "sessions": ", ".join(workshop_summary(w) for w in result.workshops),
            "count": len(result.invited),
        },
    )
    if result.without_email:
        messages.warning(
            request,
            _("Not invited (no e-mail): %(names)s")
            % {"names": ", ".join(m.name for m in result.without_email)},
        )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_invite_view(request, workshop_pk):
    _require_writer(request)
    workshop = _workshop(request, workshop_pk)
    _invite(request, workshop.process, [workshop])
    return redirect(_plan_url(request, workshop.process))


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_invite_all(request, pk):
    _require_writer(request)
    process = _process(request, pk)
    workshops = [w for w in workshops_of_process(process=process) if w.status in INVITABLE]
    _invite(request, process, workshops)
    return redirect(_plan_url(request, process))


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_ics(request, workshop_pk):
    workshop = _workshop(request, workshop_pk)
    return _ics_response(workshop_calendar(workshops=[workshop]), workshop_filename(workshop))


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_plan_ics(request, pk):
    process = _process(request, pk)
    workshops = list(
        workshops_of_process(process=process).select_related("process__office", "process__municipality")
    )
    name = f"KOMPAKT {process.municipality.name}"
    return _ics_response(
        workshop_calendar(workshops=workshops, name=name),
        f"kompakt-{slugify(process.municipality.name)}-workshops.ics",
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def effort_estimate(request, pk):
    """The effort estimate with its assumptions; POST saves or resets the overrides (writers only).
    Queries: process, member count."""
    process = _process(request, pk)
    can_write = request.role in WRITER_ROLES
    members = None
    members_form = MembersForm(request.GET if "members" in request.GET else None)
    if members_form.is_bound and members_form.is_valid():
        members = members_form.cleaned_data["members"]
    assumptions_form = None
    if request.method == "POST":
        _require_writer(request)
        if request.POST.get("action") == "reset":
            effort_assumptions_reset(process=process, by=request.user)
            messages.success(request, _("The assumptions have been reset to the defaults."))
            return redirect(request.get_full_path())
        assumptions_form = EffortAssumptionsForm(request.POST, values={})
        if assumptions_form.is_valid():
            try:
                effort_assumptions_save(
                    process=process, values=assumptions_form.cleaned_data, by=request.user
                )
            except ValidationError as exc:
                add_service_errors(assumptions_form, exc)
            else:
                messages.success(request, _("The assumptions have been saved."))
                return redirect(request.get_full_path())
    estimate = compute_estimate(process=process, members=members)
    if can_write and assumptions_form is None:
        assumptions_form = EffortAssumptionsForm(values={a.key: a.value for a in estimate.assumptions})
    return render(
        request,
        "kompakt/effort/estimate.html",
        {
            "nav": "kompakt",
            "process": process,
            "estimate": estimate,
            "members_form": members_form,
            "assumptions_form": assumptions_form,
            "can_write": can_write,
        },
    )


urlpatterns = [
    path("processes/<int:pk>/workshops/", workshop_plan, name="workshop_plan"),
    path("processes/<int:pk>/workshops/invite/", workshop_invite_all, name="workshop_invite_all"),
    path("processes/<int:pk>/workshops.ics", workshop_plan_ics, name="workshop_plan_ics"),
    path("processes/<int:pk>/effort/", effort_estimate, name="effort_estimate"),
    path("workshops/<int:workshop_pk>/edit/", workshop_edit, name="workshop_edit"),
    path("workshops/<int:workshop_pk>/cancel/", workshop_cancel_view, name="workshop_cancel"),
    path("workshops/<int:workshop_pk>/invite/", workshop_invite_view, name="workshop_invite"),
    path("workshops/<int:workshop_pk>/invitation.ics", workshop_ics, name="workshop_ics"),
]
