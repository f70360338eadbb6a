"""Staff URLs of the news, under /<lang>/staff/<office_slug>/news/."""

from .views import staff

app_name = "news"

urlpatterns = [
    *staff.urlpatterns,
]
