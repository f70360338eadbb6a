"""Staff URLs of KOMPAKT, under /<lang>/staff/<office_slug>/kompakt/."""

from .views import (
    staff_catalogue,
    staff_implementation,
    staff_needs,
    staff_portrait,
    staff_process,
    staff_programme,
    staff_statistics,
    staff_workshops,
)

app_name = "kompakt"

urlpatterns = [
    *staff_portrait.urlpatterns,
    *staff_statistics.urlpatterns,
    *staff_process.urlpatterns,
    *staff_workshops.urlpatterns,
    *staff_needs.urlpatterns,
    *staff_catalogue.urlpatterns,
    *staff_programme.urlpatterns,
    *staff_implementation.urlpatterns,
]
