"""Translation machinery shared by every translatable content type (offers now, guide pages later).

German is the source language and lives on the model itself. Each further language is one row of a
concrete subclass of `TranslationBase`. The source model carries `source_revision`, bumped whenever its
German text changes (unless the editor marks the change as minor); a translation made from an older
revision is *outdated*.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .languages import SOURCE_LANGUAGE


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_TRANSLATION = "in_translation", _("In translation")
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUTDATED = "outdated", _("Outdated")
    MACHINE = "machine", _("Machine-translated")


class TranslatableModel(models.Model):
    """Mixin for models whose German content is translated; subclasses list TRANSLATED_FIELDS."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    source_revision = models.PositiveIntegerField(
        _("revision of the German text"),
        default=1,
        editable=False,
        help_text=_("Increases when the German text changes; translations of older revisions are outdated."),
    )

    class Meta:
        abstract = True

    def source_values(self) -> dict[str, str]:
        return {name: getattr(self, name) or "" for name in self.TRANSLATED_FIELDS}


class TranslationBase(models.Model):
    class State(models.TextChoices):
        IN_TRANSLATION = "in_translation", _("In translation")
        DONE = "done", _("Translated")
        MACHINE = "machine", _("Machine-translated")

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[(code, name) for code, name, _rtl in settings.CONTENT_LANGUAGES if code != SOURCE_LANGUAGE],
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DONE)
    source_revision = models.PositiveIntegerField(
        _("translated from revision"),
        default=1,
        help_text=_("The revision of the German text this translation was made from."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def status_for(self, source_revision: int) -> "TranslationStatus":
        if self.state == self.State.IN_TRANSLATION:
            return TranslationStatus.IN_TRANSLATION
        if self.source_revision < source_revision:
            return TranslationStatus.OUTDATED
        if self.state == self.State.MACHINE:
            return TranslationStatus.MACHINE
        return TranslationStatus.UP_TO_DATE

    @property
    def is_public(self) -> bool:
        return self.state != self.State.IN_TRANSLATION


def translation_status(source: TranslatableModel, translation: TranslationBase | None) -> TranslationStatus:
    if translation is None:
        return TranslationStatus.MISSING
    return translation.status_for(source.source_revision)


@dataclass(frozen=True)
class Localized:
    """Content of one object in the requested language, with what the reader must be told."""

    values: dict[str, str]
    requested: str  # the language the reader asked for
    shown: str  # the language the main text is shown in
    status: TranslationStatus

    def __getattr__(self, name: str) -> str:
        try:
            return self.values[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @property
    def is_fallback(self) -> bool:
        return self.shown != self.requested

    @property
    def is_outdated(self) -> bool:
        return self.status == TranslationStatus.OUTDATED

    @property
    def is_machine(self) -> bool:
        return self.status == TranslationStatus.MACHINE


def localize(source: TranslatableModel, translation: TranslationBase | None, language: str) -> Localized:
    """Field values in `language`, falling back to German per field where the translation is empty."""
    german = source.source_values()
    if language == SOURCE_LANGUAGE:
        return Localized(german, language, language, TranslationStatus.UP_TO_DATE)
    if (
        translation is None
        or not translation.is_public
        or not (getattr(translation, "title", "") or "").strip()
    ):
        return Localized(german, language, SOURCE_LANGUAGE, translation_status(source, translation))
    values = {
        name: (getattr(translation, name, "") or "") or german[name] for name in source.TRANSLATED_FIELDS
    }
    return Localized(values, language, language, translation_status(source, translation))
