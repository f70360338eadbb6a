"""Staff URLs of the events, under /<lang>/staff/<office_slug>/events/."""

from .views import staff_events, staff_feeds, staff_participants

app_name = "events"

urlpatterns = [
    *staff_events.urlpatterns,
    *staff_participants.urlpatterns,
    *staff_feeds.urlpatterns,
]
