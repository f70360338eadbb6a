"""Network meetings (Vernetzungstreffen, Arbeitskreise): list, plan, invite, answers and attendance,
minutes, decisions and action items. Thin views: forms parse, services write, selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import NETWORK_ROLES, staff_office_view

from ..forms.meetings import ActionItemForm, InviteForm, MeetingForm, MinutesForm, ResponsesForm
from ..selectors import meetings as selectors
from ..services import meetings as services

# Network work: everyone in the office except statistics-only users.
TEMPLATES = "network/meetings/"


def error_text(error: ValidationError) -> str:
    return " ".join(str(text) for text in error.messages)


def _to_detail(request, meeting):
    return redirect("network:meeting_detail", office_slug=request.office.slug, meeting_id=meeting.pk)


@never_cache
@staff_office_view(NETWORK_ROLES)
def meeting_list(request):
    when = selectors.PAST if request.GET.get("when") == selectors.PAST else selectors.UPCOMING
    meetings = list(selectors.meeting_list(office=request.office, when=when)[:200])
    overdue = list(selectors.overdue_action_items(office=request.office)[:50])
    return render(
        request,
        TEMPLATES + "list.html",
        {"nav": "network", "meetings": meetings, "when": when, "overdue": overdue},
    )


def _meeting_form_page(request, meeting=None):
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, initial=MeetingForm.initial_for(meeting) if meeting else None)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = services.meeting_create(office=request.office, by=request.user, **form.cleaned_data)
                messages.success(request, _("The meeting was created. Now invite the participants."))
            else:
                services.meeting_update(meeting=meeting, **form.cleaned_data)
                messages.success(request, _("The changes were saved."))
            return _to_detail(request, meeting)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        TEMPLATES + "form.html",
        {"nav": "network", "form": form, "meeting": meeting},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    return _meeting_form_page(request)


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id: int):
    return _meeting_form_page(request, selectors.meeting_get(office=request.office, meeting_id=meeting_id))


def _detail_page(request, meeting, *, responses_form=None, action_form=None, status=200):
    invitations = list(selectors.meeting_invitations(meeting=meeting))
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "nav": "network",
            "meeting": meeting,
            "responses_form": responses_form or ResponsesForm(invitations=invitations),
            "unsent": sum(1 for i in invitations if i.email and not i.sent_at),
            "action_items": list(selectors.meeting_action_items(meeting=meeting)),
            "action_form": action_form or ActionItemForm(),
        },
        status=status,
    )


@never_cache
@staff_office_view(NETWORK_ROLES)
def meeting_detail(request, meeting_id: int):
    return _detail_page(request, selectors.meeting_get(office=request.office, meeting_id=meeting_id))


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def meeting_invite(request, meeting_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    form = InviteForm(request.POST if request.method == "POST" else None, office=request.office)
    if request.method == "POST" and form.is_valid():
        added = services.meeting_invite(
            meeting=meeting,
            organisations=form.cleaned_data["organisations"],
            contacts=form.cleaned_data["contacts"],
            key_persons=form.cleaned_data["key_persons"],
            segment=form.group_segment(),
        )
        if added:
            text = ngettext("%(count)s invitation was added.", "%(count)s invitations were added.", added)
            messages.success(request, text % {"count": added})
        else:
            messages.info(
                request, _("Nobody new: everyone chosen is already invited or has no e-mail address.")
            )
        return _to_detail(request, meeting)
    return render(
        request,
        TEMPLATES + "invite.html",
        {"nav": "network", "meeting": meeting, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(NETWORK_ROLES)
@require_POST
def meeting_send_invitations(request, meeting_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    try:
        count = services.meeting_send_invitations(meeting=meeting, resend=request.POST.get("resend") == "1")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        text = ngettext(
            "%(count)s invitation is being sent in the background.",
            "%(count)s invitations are being sent in the background.",
            count,
        )
        messages.success(request, text % {"count": count})
    return _to_detail(request, meeting)


@staff_office_view(NETWORK_ROLES)
@require_POST
def meeting_responses(request, meeting_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    invitations = list(selectors.meeting_invitations(meeting=meeting))
    form = ResponsesForm(request.POST, invitations=invitations)
    if not form.is_valid():
        messages.error(request, _("Some answers were not understood; nothing was saved."))
        return _detail_page(request, meeting, responses_form=form, status=400)
    services.meeting_record_responses(meeting=meeting, answers=form.answers())
    messages.success(request, _("Answers and attendance were saved."))
    return _to_detail(request, meeting)


@staff_office_view(NETWORK_ROLES)
@require_POST
def invitation_remove(request, meeting_id: int, invitation_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    try:
        services.invitation_remove(meeting=meeting, invitation_id=invitation_id)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The invitation was removed."))
    return _to_detail(request, meeting)


@never_cache
@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def meeting_minutes(request, meeting_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    initial = {"minutes": meeting.minutes, "decisions": meeting.decisions}
    form = MinutesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.meeting_record_minutes(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The minutes were saved."))
        return _to_detail(request, meeting)
    return render(request, TEMPLATES + "minutes.html", {"nav": "network", "meeting": meeting, "form": form})


@staff_office_view(NETWORK_ROLES)
@require_POST
def action_item_add(request, meeting_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action item was added."))
            return _to_detail(request, meeting)
    return _detail_page(request, meeting, action_form=form, status=400)


@staff_office_view(NETWORK_ROLES)
@require_POST
def action_item_update(request, meeting_id: int, item_id: int):
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    try:
        if request.POST.get("delete") == "1":
            services.action_item_delete(meeting=meeting, item_id=item_id)
            messages.success(request, _("The action item was deleted."))
        else:
            services.action_item_set_done(
                meeting=meeting, item_id=item_id, done=request.POST.get("done") == "1"
            )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _to_detail(request, meeting)


@staff_office_view(NETWORK_ROLES)
def meeting_calendar_file(request, meeting_id: int):
    """The meeting as a calendar file, e.g. for the office's own calendar."""
    meeting = selectors.meeting_get(office=request.office, meeting_id=meeting_id)
    response = HttpResponse(
        services.meeting_ics(meeting=meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


urlpatterns = [
    path("meetings/", meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/invite/", meeting_invite, name="meeting_invite"),
    path("meetings/<int:meeting_id>/send/", meeting_send_invitations, name="meeting_send_invitations"),
    path("meetings/<int:meeting_id>/responses/", meeting_responses, name="meeting_responses"),
    path(
        "meetings/<int:meeting_id>/invitations/<int:invitation_id>/remove/",
        invitation_remove,
        name="meeting_invitation_remove",
    ),
    path("meetings/<int:meeting_id>/minutes/", meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:meeting_id>/actions/", action_item_add, name="meeting_action_add"),
    path(
        "meetings/<int:meeting_id>/actions/<int:item_id>/", action_item_update, name="meeting_action_update"
    ),
    path("meetings/<int:meeting_id>/meeting.ics", meeting_calendar_file, name="meeting_ics"),
]
