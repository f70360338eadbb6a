"""Staff URLs of the welcome guide, under /<lang>/staff/<office_slug>/guide/."""

from .views import staff_brochures, staff_insights, staff_pages, staff_translations

app_name = "guide"

urlpatterns = [
    *staff_pages.urlpatterns,
    *staff_translations.urlpatterns,
    *staff_insights.urlpatterns,
    *staff_brochures.urlpatterns,
]
