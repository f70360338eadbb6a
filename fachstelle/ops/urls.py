from django.urls import path

from . import health

# Outside the language prefixes and exempt from the HTTPS redirect (see production settings).
urlpatterns = [
    path("live", health.live, name="health_live"),
    path("ready", health.ready, name="health_ready"),
]
