"""Public URLs of the news, under /<lang>/<office_slug>/news/."""

from .views import public, public_feeds

app_name = "news_public"

urlpatterns = [
    *public.urlpatterns,
    *public_feeds.urlpatterns,
]
