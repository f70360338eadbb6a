"""Public URLs of the welcome guide, under /<lang>/<office_slug>/guide/."""

from .views import public, public_brochures

app_name = "guide_public"

urlpatterns = [
    *public.urlpatterns,
    *public_brochures.urlpatterns,
]
