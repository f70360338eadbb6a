"""ICS feeds of the public calendar (all events, per field of action) for calendar subscriptions."""

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fachstelle.core.languages import active_language, normalize_language
from fachstelle.core.tenancy import office_get_public

from .. import ics
from ..selectors import public as selectors
from .public import calendar_response


def _feed_language(request) -> str:
    # `?lang=` lets a subscription pin its language whatever the URL prefix.
    return normalize_language(request.GET.get("lang")) or active_language()


def _name(office, language: str, field=None) -> str:
    with translation.override(language if language in settings.UI_LANGUAGES else settings.LANGUAGE_CODE):
        if field is None:
            return _("Events – %(office)s") % {"office": office.name}
        return _("Events: %(field)s – %(office)s") % {"field": field.label(language), "office": office.name}


@require_GET
def feed_all(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = _feed_language(request)
    entries = selectors.feed_events(office=office, language=language)
    content = ics.ics_calendar(
        entries=entries, office_slug=office.slug, name=_name(office, language), language=language
    )
    return calendar_response(content, filename=f"{office.slug}-events.ics")


@require_GET
def feed_field(request, office_slug, field_slug):
    office = office_get_public(slug=office_slug)
    field = selectors.field_of_action_get(slug=field_slug)
    language = _feed_language(request)
    entries = selectors.feed_events(office=office, language=language, field_of_action=field)
    content = ics.ics_calendar(
        entries=entries, office_slug=office.slug, name=_name(office, language, field), language=language
    )
    return calendar_response(content, filename=f"{office.slug}-{field.slug}.ics")


urlpatterns = [
    path("<slug:office_slug>/events/feed.ics", feed_all, name="feed_all"),
    path("<slug:office_slug>/events/feed/<slug:field_slug>.ics", feed_field, name="feed_field"),
]
