"""Forms of the news staff area. They only parse; `services.py` checks the rules and the image."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.languages import text_direction

from .images import ALLOWED_FORMATS
from .models import NewsItem, NewsItemTranslation

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
IMAGE_ACCEPT = ",".join(f"image/{name.lower()}" for name in sorted(ALLOWED_FORMATS))


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class NewsItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    teaser = forms.CharField(
        label=_("Teaser"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences for lists, the home page and feeds. Plain text."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”. No HTML."
        ),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_(
            "JPEG, PNG, WebP or GIF, at most 10 MB. It is resized and its metadata (e.g. GPS) removed."
        ),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=NewsItem.Status.choices)
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=_datetime_widget(),
        help_text=_(
            "The item appears on the public pages at this time (if its status is “Ready to publish”)."
        ),
    )
    unpublish_at = forms.DateTimeField(
        label=_("Unpublish at"),
        required=False,
        widget=_datetime_widget(),
        help_text=_("Optional: the item disappears from the public pages at this time."),
    )
    minor_change = forms.BooleanField(
        label=_("Minor change (translations stay up to date)"),
        required=False,
        help_text=_("Tick for typo fixes only; otherwise the translations are marked as outdated."),
    )

    def __init__(self, *args, item: NewsItem | None = None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": item.title,
                "teaser": item.teaser,
                "body": item.body,
                "image_alt": item.image_alt,
                "status": item.status,
                "publish_at": item.publish_at,
                "unpublish_at": item.unpublish_at,
            }
        super().__init__(*args, **kwargs)
        self.item = item
        if item is None:
            del self.fields["minor_change"]
        if item is None or not item.image:
            del self.fields["remove_image"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("title", "teaser", "body", "image_alt", "status", "publish_at", "unpublish_at")
        }


class NewsTranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    teaser = forms.CharField(
        label=_("Teaser"), max_length=400, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown, as in German. No HTML."),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        max_length=300,
        required=False,
        help_text=_("Empty: the German description is used."),
    )
    state = forms.ChoiceField(
        label=_("State"), choices=NewsItemTranslation.State.choices, initial=NewsItemTranslation.State.DONE
    )

    def __init__(self, *args, language: str, translation: NewsItemTranslation | None = None, **kwargs):
        if translation is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(translation, name) for name in ("title", "teaser", "body", "image_alt", "state")
            }
        super().__init__(*args, **kwargs)
        for name in ("title", "teaser", "body", "image_alt"):
            self.fields[name].widget.attrs.update({"lang": language, "dir": text_direction(language)})
        self.fields["title"].required = True

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", "teaser", "body", "image_alt")}
