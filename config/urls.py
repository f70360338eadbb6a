from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from fachstelle.api.api import api
from fachstelle.core import auth_views
from fachstelle.core import views as core_views

urlpatterns = [
    # The admin's own login is replaced by the staff login (throttling, second factor).
    path("admin/login/", auth_views.admin_login_redirect, name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/switch/", core_views.switch_language, name="switch_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", core_views.health, name="health"),
    path("health/", include("fachstelle.ops.urls")),
]

urlpatterns += i18n_patterns(
    path("staff/", include("fachstelle.core.auth_urls")),
    path("staff/", core_views.staff_home, name="staff_home"),
    path("staff/<slug:office_slug>/counselling/", include("fachstelle.counselling.urls")),
    path("staff/<slug:office_slug>/network/", include("fachstelle.network.urls")),
    path("staff/<slug:office_slug>/guide/", include("fachstelle.guide.urls")),
    path("staff/<slug:office_slug>/events/", include("fachstelle.events.urls")),
    path("staff/<slug:office_slug>/news/", include("fachstelle.news.urls")),
    path("staff/<slug:office_slug>/grants/", include("fachstelle.grants.urls")),
    path("staff/<slug:office_slug>/projects/", include("fachstelle.projects.urls")),
    path("staff/<slug:office_slug>/kompakt/", include("fachstelle.kompakt.urls")),
    path("staff/<slug:office_slug>/reports/", include("fachstelle.reporting.urls")),
    path("", include("fachstelle.network.public_urls")),
    path("", include("fachstelle.guide.public_urls")),
    path("", include("fachstelle.events.public_urls")),
    path("", include("fachstelle.news.public_urls")),
    path("", include("fachstelle.grants.public_urls")),
    path("", include("fachstelle.offers.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
