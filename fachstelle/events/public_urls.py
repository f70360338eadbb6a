"""Public URLs of the events, under /<lang>/<office_slug>/events/."""

from .views import public, public_feeds, public_registrations

app_name = "events_public"

urlpatterns = [
    *public.urlpatterns,
    *public_registrations.urlpatterns,
    *public_feeds.urlpatterns,
]
