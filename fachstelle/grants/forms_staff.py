"""Forms of the staff's grants pages: programmes with their criteria, the review list's filters and the
forms on the application page. They parse the input's shape; services/programmes.py and services/review.py
apply the rules and write. Choices come from lists loaded once per page."""

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField
from fachstelle.core.models import PromotionArea

from .models import Application, Assessment, AssessmentCriterion, FundingProgramme
from .selectors.review import SORTS, ReviewFilters
from .services.programmes import MAX_WEIGHT, PROGRAMME_FIELDS, CriterionEntry, required_documents_parse


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def page_number(raw) -> int:
    """?page=… as a number; anything else is the first page."""
    return int(raw) if str(raw or "").isdigit() and len(str(raw)) < 7 else 1


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


# --- Programmes ----------------------------------------------------------------------------------------


class ProgrammeForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(FundingProgramme, fields=[*PROGRAMME_FIELDS, "promotion_areas"]))
        self.order_fields(["name", "slug", "year", "status", *PROGRAMME_FIELDS, "promotion_areas"])
        for name in ("opens_on", "closes_on"):
            self.fields[name].widget = date_widget()
        self.fields["required_documents"] = forms.CharField(
            label=_("required documents"),
            required=False,
            max_length=6000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("One document per line, e.g. Statutes, Annual accounts."),
        )
        areas = self.fields["promotion_areas"]
        areas.queryset = PromotionArea.objects.order_by("code")
        areas.widget = forms.CheckboxSelectMultiple()
        areas.help_text = _("Applications choose one of these areas; none ticked: every area.")
        for name in ("description", "eligibility"):
            self.fields[name].widget.attrs["rows"] = 6

    @staticmethod
    def initial_for(programme: FundingProgramme) -> dict:
        initial = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
        initial["required_documents"] = "\n".join(programme.required_documents or [])
        initial["promotion_areas"] = list(programme.promotion_areas.all())
        return initial

    def clean_required_documents(self):
        return required_documents_parse(self.cleaned_data.get("required_documents") or "")

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS}


class CriterionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    description = forms.CharField(label=_("What to look at"), max_length=500, required=False)
    weight = forms.IntegerField(
        label=_("Weight"), min_value=1, max_value=MAX_WEIGHT, initial=1, required=False
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("weight") is None and "weight" not in self.errors:
            self.add_error("weight", _("Enter a weight of at least 1."))
        return data


CriterionFormSet = formset_factory(CriterionForm, extra=3, can_delete=True, max_num=40, validate_max=True)


def criteria_formset(data=None, *, programme: FundingProgramme | None = None):
    initial = None
    if programme is not None:
        initial = [
            {"id": c.pk, "name": c.name, "description": c.description, "weight": c.weight, "order": c.order}
            for c in programme.criteria.all()
        ]
    return CriterionFormSet(data, initial=initial, prefix="criteria")


def criteria_entries(formset) -> list[CriterionEntry]:
    """The rows kept: named and not ticked for deletion (empty rows are ignored)."""
    entries = []
    for position, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (data.get("name") or "").strip():
            continue
        entries.append(
            CriterionEntry(
                pk=data.get("id"),
                name=data["name"],
                description=data.get("description") or "",
                weight=data.get("weight"),
                order=data["order"] if data.get("order") is not None else position,
            )
        )
    return entries


class ProgrammeFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(year, year) for year in years]]
        self.fields["status"].choices = [("", _("All")), *FundingProgramme.Status.choices]


# --- The review list -----------------------------------------------------------------------------------


def area_label(area) -> str:
    return f"{area.code} {area.label(get_language() or 'de')}"


class ReviewFilterForm(forms.Form):
    SORT_LABELS = {
        "submitted": _("Newest first"),
        "oldest": _("Oldest first"),
        "reference": _("Reference"),
        "requested": _("Requested amount"),
        "title": _("Title"),
        "sponsor": _("Sponsor"),
        "score": _("Average score"),
    }

    q = forms.CharField(label=_("Reference, title or sponsor"), required=False, max_length=100)
    programme = ObjectChoiceField(label=_("Programme"), required=False, empty_label=_("All programmes"))
    status = forms.ChoiceField(label=_("Status"), required=False)
    promotion_area = ObjectChoiceField(
        label=_("KIP promotion area"), required=False, empty_label=_("All areas")
    )
    municipality = ObjectChoiceField(
        label=_("Municipality"), required=False, empty_label=_("All municipalities")
    )
    assigned = forms.ChoiceField(label=_("Responsible"), required=False)
    needs_my_assessment = forms.BooleanField(label=_("Needs my assessment"), required=False)
    advice_requested = forms.BooleanField(label=_("Advice requested"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, programmes, areas, municipalities, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].set_objects(programmes, label_of=lambda p: f"{p.name} ({p.year})")
        self.fields["promotion_area"].set_objects(areas, label_of=area_label)
        self.fields["municipality"].set_objects(municipalities)
        statuses = [
            (value, _("Draft (advice requested)") if value == Application.Status.DRAFT else label)
            for value, label in Application.Status.choices
        ]
        self.fields["status"].choices = [
            ("", _("All")),
            ("open", _("Open (submitted or in review)")),
            *statuses,
        ]
        self.fields["assigned"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
            *[(str(user.pk), user_label(user)) for user in staff],
        ]
        self.fields["sort"].choices = [(key, self.SORT_LABELS[key]) for key in SORTS]

    def filters(self, *, page: int = 1) -> ReviewFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ReviewFilters(
            programme=data.get("programme"),
            status=data.get("status") or "",
            promotion_area=data.get("promotion_area"),
            municipality=data.get("municipality"),
            assigned=data.get("assigned") or "",
            needs_my_assessment=bool(data.get("needs_my_assessment")),
            advice_requested=bool(data.get("advice_requested")),
            q=" ".join((data.get("q") or "").split()),
            sort=data.get("sort") or "submitted",
            page=page,
        )


# --- The application page ------------------------------------------------------------------------------


class AssignForm(forms.Form):
    assigned_to = ObjectChoiceField(label=_("Responsible"), required=False, empty_label=_("Nobody"))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].set_objects(staff, label_of=user_label)


class OrganisationLinkForm(forms.Form):
    organisation = ObjectChoiceField(
        label=_("Organisation in the network"), required=False, empty_label=_("Not linked")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].set_objects(organisations)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class RecommendationForm(forms.Form):
    recommendation = forms.CharField(
        label=_("Recommendation"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommended_amount = forms.DecimalField(
        label=_("Recommended amount"), required=False, min_value=0, max_digits=12, decimal_places=2
    )


SCORE_CHOICES = [(str(n), str(n)) for n in range(AssessmentCriterion.MAX_SCORE + 1)]


class AssessmentForm(forms.Form):
    """One field pair per criterion (score_<id>, comment_<id>), then the recommendation."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Assessment.Recommendation.choices, widget=forms.RadioSelect
    )
    proposed_amount = forms.DecimalField(
        label=_("Proposed amount"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                error_messages={"required": _("Give a score from 0 to 5.")},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=500,
            )

    @staticmethod
    def initial_for(assessment: Assessment | None) -> dict | None:
        if assessment is None:
            return None
        initial = {
            "recommendation": assessment.recommendation,
            "proposed_amount": assessment.proposed_amount,
            "comment": assessment.comment,
        }
        for score in assessment.scores.all():
            initial[f"score_{score.criterion_id}"] = str(score.score)
            initial[f"comment_{score.criterion_id}"] = score.comment
        return initial

    def criterion_rows(self):
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}") or "")
            for c in self.criteria
        }
