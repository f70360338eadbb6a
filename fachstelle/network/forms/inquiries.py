"""Forms of contact persons, the public inquiry form and the staff inbox."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import FieldOfAction, Language, Office
from fachstelle.core.public_forms import PublicFormMixin

from ..models import Inquiry
from ..selectors.inquiries import TRIAGE, InquiryFilters
from ..services.inquiries import PHOTO_FORMATS, PHOTO_MAX_BYTES


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _user_label(obj)


# --- Contact persons ------------------------------------------------------------------------------------


class FieldContactForm(forms.Form):
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.none(), empty_label=_("– choose –")
    )
    person = UserChoiceField(label=_("Responsible person"), queryset=None, empty_label=_("– choose –"))
    deputy = UserChoiceField(label=_("Deputy"), queryset=None, required=False, empty_label=_("– none –"))
    public_title = forms.CharField(
        label=_("Title shown"), max_length=120, required=False, help_text=_("e.g. Housing and neighbourhood")
    )
    public_phone = forms.CharField(label=_("Phone shown"), max_length=40, required=False)
    public_email = forms.EmailField(
        label=_("E-mail shown"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. name@example.org.")},
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.order_by("order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("Optional. JPEG, PNG or WebP, at most 2 MB."),
        error_messages={"invalid_image": _("Upload a photo in JPEG, PNG or WebP format.")},
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    def __init__(self, *args, office: Office, staff, taken_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].queryset = FieldOfAction.objects.exclude(pk__in=taken_fields).order_by(
            "order", "name"
        )
        self.fields["person"].queryset = staff
        self.fields["deputy"].queryset = staff
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The photo is too large (at most 2 MB)."))
        if getattr(getattr(photo, "image", None), "format", None) not in PHOTO_FORMATS:
            raise forms.ValidationError(_("Upload a photo in JPEG, PNG or WebP format."))
        return photo

    def clean(self):
        data = super().clean()
        person, deputy = data.get("person"), data.get("deputy")
        if person and deputy and person.pk == deputy.pk:
            self.add_error("deputy", _("The deputy must be another person than the responsible person."))
        return data

    @staticmethod
    def initial_for(contact) -> dict:
        return {
            "field_of_action": contact.field_of_action_id,
            "person": contact.person_id,
            "deputy": contact.deputy_id,
            "public_title": contact.public_title,
            "public_phone": contact.public_phone,
            "public_email": contact.public_email,
            "languages": [language.pk for language in contact.languages.all()],
        }


# --- The public inquiry form ----------------------------------------------------------------------------


class InquiryForm(PublicFormMixin):
    """Topics are the office's fields of action (by key) plus "don't know" (the triage inbox);
    municipalities those the office serves."""

    sender_type = forms.ChoiceField(
        label=_("I am writing as"), choices=Inquiry.SenderType.choices, initial=Inquiry.SenderType.RESIDENT
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        error_messages={
            "required": _("Choose a topic, or “I don't know”."),
            "invalid_choice": _("Choose one of the topics in the list."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        help_text=_("Optional: where you live or where your question is about."),
        error_messages={"invalid_choice": _("Choose one of the municipalities in the list.")},
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=200, error_messages={"required": _("Enter a subject.")}
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 5000 characters."),
        error_messages={"required": _("Write your message.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language for the answer"), choices=settings.LANGUAGES
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name.")}
    )
    organisation_name = forms.CharField(
        label=_("Organisation or company"),
        max_length=200,
        required=False,
        help_text=_("If you write for one."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address: we answer by e-mail."),
            "invalid": _("Enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    field_order = [
        "sender_type",
        "topic",
        "municipality",
        "subject",
        "message",
        "preferred_language",
        "name",
        "organisation_name",
        "email",
        "phone",
    ]

    def __init__(self, *args, topics: list[FieldOfAction], municipalities, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {topic.slug: topic for topic in topics}
        self.municipalities = {str(m.pk): m for m in municipalities}
        self.fields["topic"].choices = [
            ("", _("– choose –")),
            *[(topic.slug, topic.label(language)) for topic in topics],
            (TRIAGE, _("I don't know")),
        ]
        self.fields["municipality"].choices = [
            ("", _("– not specified –")),
            *[(pk, m.name) for pk, m in self.municipalities.items()],
        ]
        if language in dict(settings.LANGUAGES):
            self.fields["preferred_language"].initial = language
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write your message."))
        return message

    def field_of_action(self) -> FieldOfAction | None:
        return self.topics.get(self.cleaned_data["topic"])

    def municipality_obj(self):
        return self.municipalities.get(self.cleaned_data.get("municipality") or "")


# --- The staff inbox ------------------------------------------------------------------------------------


class InquiryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search subject"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)

    def __init__(self, *args, topics: list[FieldOfAction], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *Inquiry.Status.choices]
        self.fields["topic"].choices = [
            ("", _("All")),
            (TRIAGE, _("Don't know (triage)")),
            *[(str(topic.pk), topic.name) for topic in topics],
        ]

    def to_filters(self, *, page: str | None) -> InquiryFilters:
        """Invalid filter values are dropped (a stale bookmark shows the whole inbox, not an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return InquiryFilters(
            status=data.get("status", ""),
            topic=data.get("topic", ""),
            mine=bool(data.get("mine")),
            overdue=bool(data.get("overdue")),
            q=(data.get("q") or "").strip(),
            page=int(page) if page and page.isdigit() else 1,
        )


class InquiryAssignForm(forms.Form):
    assigned_to = UserChoiceField(
        label=_("Assign to"), queryset=None, required=False, empty_label=_("– nobody (triage) –")
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff


class InquiryReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply to the sender"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by e-mail to the sender's address, with the reference in the subject."),
        error_messages={"required": _("Write a reply.")},
    )


class InquiryNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff see notes."),
        error_messages={"required": _("Write a note.")},
    )


class InquiryStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Inquiry.Status.choices)


class InquiryDueForm(forms.Form):
    due_on = forms.DateField(
        label=_("Answer due"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter a date."), "invalid": _("Enter a valid date.")},
    )
