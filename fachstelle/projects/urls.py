"""Staff URLs of the office's own projects, under /<lang>/staff/<office_slug>/projects/."""

from .views import staff

app_name = "projects"

urlpatterns = [
    *staff.urlpatterns,
]
