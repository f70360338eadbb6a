"""Forms of the applicant's side. They parse and label the input; the rules (window, budget limits,
IBAN, file types) live in the services, whose errors the views put back onto these forms."""

import uuid

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField
from fachstelle.core.languages import active_language
from fachstelle.core.models import PromotionArea
from fachstelle.core.public_forms import PublicFormMixin

from .models import Application, BudgetLine, FinalReport
from .services.applications import PROJECT_FIELDS, SPONSOR_FIELDS


class StartForm(PublicFormMixin):
    organisation = ObjectChoiceField(
        label=_("Pick your organisation from the network (optional)"),
        required=False,
        empty_label=_("– not in the list –"),
        help_text=_("Fills in the address we already know; you can change everything later."),
    )
    organisation_name = forms.CharField(
        label=_("Sponsor (association, group, institution)"), max_length=200, required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send the personal link to your application to this address.")
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].set_objects(organisations)
        if not organisations:
            del self.fields["organisation"]
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def clean(self):
        data = super().clean()
        if not (data.get("organisation_name") or "").strip() and not data.get("organisation"):
            self.add_error("organisation_name", _("Please enter the name of the sponsor."))
        return data


class SponsorForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )

    class Meta:
        model = Application
        fields = SPONSOR_FIELDS
        widgets = {
            "iban": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iban"].help_text = _(
            "For the payout of the contribution, e.g. CH93 0076 2011 6238 5295 7."
        )
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def _post_clean(self):
        # The service validates (IBAN checksum, lengths) against the stored row; the form only parses.
        pass


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = (*PROJECT_FIELDS, "target_groups", "municipalities")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "schedule": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_groups": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, office, target_groups, **kwargs):
        super().__init__(*args, **kwargs)
        language = active_language()
        areas = list(programme.promotion_areas.all()) or list(PromotionArea.objects.all())
        self.fields["promotion_area"].queryset = PromotionArea.objects.filter(pk__in=[a.pk for a in areas])
        self.fields["promotion_area"].label_from_instance = lambda area: f"{area.code} {area.label(language)}"
        self.fields["target_groups"].queryset = target_groups
        self.fields["target_groups"].label_from_instance = lambda group: group.label(language)
        self.fields["municipalities"].queryset = office.municipalities.order_by("name")
        self.fields["expected_participants"].widget.attrs["min"] = 0

    def _post_clean(self):
        pass

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data


class BudgetLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLine.Kind.choices, initial=BudgetLine.Kind.COST)
    category = forms.ChoiceField(
        label=_("Category"), choices=BudgetLine.Category.choices, initial=BudgetLine.Category.OTHER
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    # Negative amounts pass the form: the service refuses them with the message every channel shares.
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    remove = forms.BooleanField(label=_("Remove"), required=False)

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("description") or "").strip() and data.get("amount") is None

    def has_changed(self):
        # A row counts as filled when it has a description or an amount; kind/category alone do not.
        return bool(
            (self.data.get(self.add_prefix("description")) or "").strip()
            or (self.data.get(self.add_prefix("amount")) or "").strip()
        )


BudgetLineFormSet = formset_factory(BudgetLineForm, extra=3, max_num=60, absolute_max=80)


class BudgetForm(forms.Form):
    requested_amount = forms.DecimalField(
        label=_("Requested amount"),
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
        help_text=_("Requested amount = costs − own contribution − third-party funding."),
    )


class AttachmentForm(forms.Form):
    label = forms.CharField(
        label=_("Document"), max_length=200, help_text=_("e.g. Statutes, Annual accounts, Photo")
    )
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        help_text=_("PDF, images, Word, Excel, OpenDocument or text; at most 20 MB."),
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if suggestions:
            self.fields["label"].widget.attrs["list"] = "document-labels"
        self.suggestions = list(suggestions)


class ReviewForm(forms.Form):
    publish_consent = forms.BooleanField(
        label=_("If the project is funded, the office may list its title, sponsor and amount publicly."),
        required=False,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your question or message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I withdraw this application."), required=True)


class FinalReportForm(forms.ModelForm):
    class Meta:
        model = FinalReport
        fields = ("activities", "goals_reached", "participants_reached", "lessons")
        widgets = {
            "activities": forms.Textarea(attrs={"rows": 6}),
            "goals_reached": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        self.fields["participants_reached"].widget.attrs["min"] = 0
        for line in self.lines:
            self.fields[f"actual_{line.pk}"] = forms.DecimalField(
                label=line.description,
                max_digits=12,
                decimal_places=2,
                required=False,
                initial=line.actual_amount,
                widget=forms.NumberInput(attrs={"step": "0.01"}),
            )

    def _post_clean(self):
        pass

    def actual_fields(self):
        return [(line, self[f"actual_{line.pk}"]) for line in self.lines]

    def actual_amounts(self) -> dict:
        return {line.pk: self.cleaned_data.get(f"actual_{line.pk}") for line in self.lines}

    def report_fields(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in self.Meta.fields}
