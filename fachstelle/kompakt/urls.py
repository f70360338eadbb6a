"""Staff URLs of KOMPAKT, under /<lang>/staff/<office_slug>/kompakt/."""

from .views import staff_portrait, staff_statistics

app_name = "kompakt"

urlpatterns = [
    *staff_portrait.urlpatterns,
    *staff_statistics.urlpatterns,
]
