"""Forms of the welcome guide: they parse input; the services decide (tree rules, revisions, languages)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.forms import ObjectChoiceField
from fachstelle.core.languages import NATIVE_NAMES, text_direction
from fachstelle.core.public_forms import PublicFormMixin

from .models import GuidePage, GuidePageTranslation
from .services import MAX_COMMENT_LENGTH


class _Entry:
    """A (page, depth) pair with the `pk` ObjectChoiceField needs."""

    def __init__(self, page, depth):
        self.page, self.depth, self.pk = page, depth, page.pk


class GuidePageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=GuidePage._meta.get_field("summary").help_text,
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=GuidePage._meta.get_field("body").help_text,
    )
    easy_title = forms.CharField(label=_("Title in easy German"), max_length=200, required=False)
    easy_body = forms.CharField(
        label=_("Text in easy German"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=GuidePage._meta.get_field("easy_body").help_text,
    )
    parent = ObjectChoiceField(label=_("Parent page"), required=False, empty_label=_("– top level –"))
    municipality = ObjectChoiceField(
        label=_("Municipality"),
        required=False,
        empty_label=_("All municipalities of the office"),
        help_text=GuidePage._meta.get_field("municipality").help_text,
    )
    icon = forms.ChoiceField(label=_("Icon"), choices=GuidePage.Icon.choices)
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        help_text=_("Smaller numbers come first. Empty: at the end."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=GuidePage.Status.choices)
    in_brochure = forms.BooleanField(label=_("In the printed brochure"), required=False, initial=True)
    minor_change = forms.BooleanField(
        label=_("Minor change (translations stay up to date)"),
        required=False,
        help_text=_("Only for typos and punctuation: the translations are not marked as outdated."),
    )

    def __init__(self, *args, pages=(), municipalities=(), is_new=True, **kwargs):
        super().__init__(*args, **kwargs)
        entries = [_Entry(page, depth) for page, depth in pages]
        self.fields["parent"].set_objects(entries, label_of=lambda e: "\u2003" * e.depth + e.page.title)
        self.fields["municipality"].set_objects(municipalities)
        if is_new:
            del self.fields["minor_change"]

    @staticmethod
    def initial_for(page: GuidePage) -> dict:
        return {
            "title": page.title,
            "summary": page.summary,
            "body": page.body,
            "easy_title": page.easy_title,
            "easy_body": page.easy_body,
            "parent": page.parent_id,
            "municipality": page.municipality_id,
            "icon": page.icon,
            "order": page.order,
            "status": page.status,
            "in_brochure": page.in_brochure,
        }

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("minor_change", None)
        entry = data.pop("parent")
        data["parent"] = entry.page if entry is not None else None
        return data


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 16}))
    state = forms.ChoiceField(
        label=_("State"),
        choices=GuidePageTranslation.State.choices,
        initial=GuidePageTranslation.State.DONE,
        help_text=_(
            "“In translation” keeps the page in German for readers. “Translated” and “Machine-translated” "
            "mark the translation as made from the current German text."
        ),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The translated text is in its language and direction, also while typing.
        for name in ("title", "summary", "body"):
            self.fields[name].widget.attrs.update({"lang": language, "dir": text_direction(language)})
        self.language_name = NATIVE_NAMES.get(language, language)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", "summary", "body")}


class FeedbackForm(PublicFormMixin):
    """'Was this page helpful?' – no personal data is asked for."""

    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What was missing or unclear? (optional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please do not write your name, address or other personal details."),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
