"""Staff URLs of reporting, under /<lang>/staff/<office_slug>/reports/."""

from .views import staff_annual, staff_canton, staff_dashboard, staff_kip, staff_steering

app_name = "reporting"

urlpatterns = [
    *staff_dashboard.urlpatterns,
    *staff_steering.urlpatterns,
    *staff_annual.urlpatterns,
    *staff_kip.urlpatterns,
    *staff_canton.urlpatterns,
]
