"""The staff inbox of inquiries (list, detail with thread, assign, reply, note, status, due date) and the
contact persons per field of action.

Inquiries: admins, editors and counsellors (who sees which: `selectors.inquiries`); statistics users 403.
Every inquiry is fetched through `inquiry_get_for_user` (404 other office, 403 + "denied" entry for a
colleague's); the GET of the detail writes the "viewed" audit entry, POSTs are audited by the service.
Contact persons: office admins manage them; the other inquiry staff may look at the list.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import Membership
from fachstelle.core.staff import staff_office_view

from ..forms import inquiries as forms
from ..selectors import inquiries as selectors
from ..services import inquiries as services

ADMIN = Membership.Role.ADMIN
INQUIRY_ROLES = services.INQUIRY_ROLES
TEMPLATES = "network/inquiries/"


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


# --- The inbox ------------------------------------------------------------------------------------------


@staff_office_view(INQUIRY_ROLES)
def inquiry_inbox(request):
    topics = list(selectors.inquiry_topics(office=request.office))
    form = forms.InquiryFilterForm(request.GET, topics=topics)
    filters = form.to_filters(page=request.GET.get("page"))
    result = selectors.inquiry_inbox(
        user=request.user, office=request.office, role=request.role, filters=filters
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        TEMPLATES + "inbox.html",
        {
            "nav": "inquiries",
            "form": form,
            "filters": filters,
            "result": result,
            "query_without_page": query.urlencode(),
            "is_admin": request.role == ADMIN,
        },
    )


# --- One inquiry ----------------------------------------------------------------------------------------


def _inquiry(request, inquiry_id: int, *, audit: bool):
    return selectors.inquiry_get_for_user(
        user=request.user,
        office=request.office,
        role=request.role,
        inquiry_id=inquiry_id,
        request=request,
        audit=audit,
    )


def _detail(request, inquiry, *, status: int = 200, **bound):
    """The inquiry page; `bound` replaces a blank form by the one the user just submitted."""
    staff = selectors.inquiry_staff(office=request.office)
    page_forms = {
        "assign_form": forms.InquiryAssignForm(initial={"assigned_to": inquiry.assigned_to_id}, staff=staff),
        "reply_form": forms.InquiryReplyForm(),
        "note_form": forms.InquiryNoteForm(),
        "status_form": forms.InquiryStatusForm(initial={"status": inquiry.status}),
        "due_form": forms.InquiryDueForm(initial={"due_on": inquiry.due_on}),
    }
    page_forms.update(bound)
    context = {
        "nav": "inquiries",
        "inquiry": inquiry,
        "thread": selectors.inquiry_thread(inquiry=inquiry),
        "is_closed": inquiry.status == inquiry.Status.CLOSED,
        **page_forms,
    }
    return render(request, TEMPLATES + "detail.html", context, status=status)


@staff_office_view(INQUIRY_ROLES)
def inquiry_detail(request, inquiry_id: int):
    return _detail(request, _inquiry(request, inquiry_id, audit=True))


def _post_action(request, inquiry_id: int, *, form_name: str, form, write, success: str):
    """The end of every POST on an inquiry: a valid form → service → message and redirect; bad input or a
    refusal of the service → the page again with the form bound (input kept) and its messages."""
    inquiry = _inquiry(request, inquiry_id, audit=False)
    if form.is_valid():
        try:
            write(inquiry, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_url(request, "inquiry_detail", inquiry_id=inquiry.pk))
    return _detail(request, inquiry, status=400, **{form_name: form})


@require_POST
@staff_office_view(INQUIRY_ROLES)
def inquiry_assign(request, inquiry_id: int):
    form = forms.InquiryAssignForm(request.POST, staff=selectors.inquiry_staff(office=request.office))
    return _post_action(
        request,
        inquiry_id,
        form_name="assign_form",
        form=form,
        write=lambda inquiry, data: services.inquiry_assign(
            inquiry=inquiry, to=data["assigned_to"], by=request.user, request=request
        ),
        success=_("Assignment saved."),
    )


@require_POST
@staff_office_view(INQUIRY_ROLES)
def inquiry_reply(request, inquiry_id: int):
    return _post_action(
        request,
        inquiry_id,
        form_name="reply_form",
        form=forms.InquiryReplyForm(request.POST),
        write=lambda inquiry, data: services.inquiry_reply(
            inquiry=inquiry, body=data["body"], by=request.user, request=request
        ),
        success=_("Reply sent to the sender."),
    )


@require_POST
@staff_office_view(INQUIRY_ROLES)
def inquiry_note(request, inquiry_id: int):
    return _post_action(
        request,
        inquiry_id,
        form_name="note_form",
        form=forms.InquiryNoteForm(request.POST),
        write=lambda inquiry, data: services.inquiry_add_note(
            inquiry=inquiry, body=data["body"], by=request.user, request=request
        ),
        success=_("Note saved."),
    )


@require_POST
@staff_office_view(INQUIRY_ROLES)
def inquiry_status(request, inquiry_id: int):
    return _post_action(
        request,
        inquiry_id,
        form_name="status_form",
        form=forms.InquiryStatusForm(request.POST),
        write=lambda inquiry, data: services.inquiry_set_status(
            inquiry=inquiry, status=data["status"], by=request.user, request=request
        ),
        success=_("Status saved."),
    )


@require_POST
@staff_office_view(INQUIRY_ROLES)
def inquiry_due(request, inquiry_id: int):
    return _post_action(
        request,
        inquiry_id,
        form_name="due_form",
        form=forms.InquiryDueForm(request.POST),
        write=lambda inquiry, data: services.inquiry_set_due(
            inquiry=inquiry, due_on=data["due_on"], by=request.user, request=request
        ),
        success=_("Due date saved."),
    )


# --- Contact persons ------------------------------------------------------------------------------------


@staff_office_view(INQUIRY_ROLES)
def field_contact_list(request):
    return render(
        request,
        TEMPLATES + "contacts.html",
        {
            "nav": "inquiries",
            "contacts": list(selectors.field_contacts_for_office(office=request.office)),
            "is_admin": request.role == ADMIN,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_office_view((ADMIN,))
def field_contact_edit(request, contact_id: int | None = None):
    office = request.office
    contact = selectors.field_contact_get(office=office, contact_id=contact_id) if contact_id else None
    taken = selectors.field_contact_taken_fields(office=office, except_contact=contact)
    form_kwargs = {"office": office, "staff": selectors.inquiry_staff(office=office), "taken_fields": taken}
    if request.method == "POST":
        form = forms.FieldContactForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.field_contact_save(
                    office=office,
                    by=request.user,
                    contact=contact,
                    field_of_action=data["field_of_action"],
                    person=data["person"],
                    deputy=data["deputy"],
                    public_title=data["public_title"],
                    public_phone=data["public_phone"],
                    public_email=data["public_email"],
                    languages=data["languages"],
                    photo=data["photo"],
                    remove_photo=data["remove_photo"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Contact person saved."))
                return redirect(_url(request, "field_contact_list"))
    else:
        initial = forms.FieldContactForm.initial_for(contact) if contact else {}
        form = forms.FieldContactForm(initial=initial, **form_kwargs)
    return render(
        request,
        TEMPLATES + "contact_form.html",
        {"nav": "inquiries", "form": form, "contact": contact},
        status=400 if form.is_bound else 200,
    )


@require_POST
@staff_office_view((ADMIN,))
def field_contact_delete(request, contact_id: int):
    contact = selectors.field_contact_get(office=request.office, contact_id=contact_id)
    services.field_contact_delete(contact=contact, by=request.user, request=request)
    messages.success(request, _("Contact person removed."))
    return redirect(_url(request, "field_contact_list"))


urlpatterns = [
    path("inquiries/", inquiry_inbox, name="inquiry_inbox"),
    path("inquiries/<int:inquiry_id>/", inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:inquiry_id>/assign/", inquiry_assign, name="inquiry_assign"),
    path("inquiries/<int:inquiry_id>/reply/", inquiry_reply, name="inquiry_reply"),
    path("inquiries/<int:inquiry_id>/note/", inquiry_note, name="inquiry_note"),
    path("inquiries/<int:inquiry_id>/status/", inquiry_status, name="inquiry_status"),
    path("inquiries/<int:inquiry_id>/due/", inquiry_due, name="inquiry_due"),
    path("inquiries/contacts/", field_contact_list, name="field_contact_list"),
    path("inquiries/contacts/new/", field_contact_edit, name="field_contact_create"),
    path("inquiries/contacts/<int:contact_id>/", field_contact_edit, name="field_contact_edit"),
    path("inquiries/contacts/<int:contact_id>/delete/", field_contact_delete, name="field_contact_delete"),
]
