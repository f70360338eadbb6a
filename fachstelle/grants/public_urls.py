"""Public URLs of the project grants, under /<lang>/<office_slug>/grants/."""

from .views import public_application, public_funded, public_programmes, public_report

app_name = "grants_public"

urlpatterns = [
    *public_programmes.urlpatterns,
    *public_application.urlpatterns,
    *public_report.urlpatterns,
    *public_funded.urlpatterns,
]
