"""RSS and Atom feeds of an office's news, in the language of the URL (/fr/…/news/feed.atom is French
where translated, German otherwise). Same selector as the list: only items visible now."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.tenancy import office_get_public

from .. import selectors


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, office_slug):
        return office_get_public(slug=office_slug)

    def title(self, office):
        return _("News – %(office)s") % {"office": office.name}

    def link(self, office):
        return reverse("news_public:news_list", kwargs={"office_slug": office.slug})

    def description(self, office):
        return _("News of %(office)s") % {"office": office.name}

    def items(self, office):
        return selectors.news_latest_public(
            office=office, language=active_language(), limit=selectors.FEED_LIMIT
        )

    # Items are (item, localized text) pairs from the selector.
    def item_title(self, row):
        return row[1].title

    def item_description(self, row):
        return row[1].teaser

    def item_link(self, row):
        return row[0].get_absolute_url()

    def item_guid(self, row):
        # Stable across title changes (the slug): the short address of the item.
        short = reverse("news_public:news_short", kwargs={"office_slug": row[0].office.slug, "pk": row[0].pk})
        return settings.SITE_URL + short

    def item_pubdate(self, row):
        return row[0].publish_at

    def item_updateddate(self, row):
        return row[0].updated_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, office):
        return self.description(office)


urlpatterns = [
    path("<slug:office_slug>/news/feed.rss", NewsRssFeed(), name="news_rss"),
    path("<slug:office_slug>/news/feed.atom", NewsAtomFeed(), name="news_atom"),
]
