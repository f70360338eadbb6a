"""Public URLs of the network under /<lang>/<office_slug>/… (contact page, inquiry, reporting point)."""

from .views import public

app_name = "network_public"

urlpatterns = [*public.urlpatterns]
