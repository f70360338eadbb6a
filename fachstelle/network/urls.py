"""Staff URLs of the network, under /<lang>/staff/<office_slug>/network/."""

from .views import imports, inquiries, key_persons, mailings, meetings, organisations, reports

app_name = "network"

urlpatterns = [
    *organisations.urlpatterns,
    *key_persons.urlpatterns,
    *inquiries.urlpatterns,
    *reports.urlpatterns,
    *meetings.urlpatterns,
    *mailings.urlpatterns,
    *imports.urlpatterns,
]
