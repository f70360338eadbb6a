"""Staff URLs of counselling, under /<lang>/staff/<office_slug>/counselling/."""

from .views import analysis, cases, clients, dashboard, interpreters, protection, short_consultations

app_name = "counselling"

urlpatterns = [
    *dashboard.urlpatterns,
    *clients.urlpatterns,
    *cases.urlpatterns,
    *interpreters.urlpatterns,
    *short_consultations.urlpatterns,
    *analysis.urlpatterns,
    *protection.urlpatterns,
]
