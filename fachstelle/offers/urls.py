from django.urls import path

from . import selfservice_views, views

app_name = "offers"

urlpatterns = [
    path("", views.start, name="start"),
    path("search/", views.search_all, name="search_all"),
    path("preview/offers/<int:pk>/", views.offer_preview, name="offer_preview"),
    path("<slug:office_slug>/", views.office_home, name="office_home"),
    path("<slug:office_slug>/offers/", views.offer_list, name="offer_list"),
    path("<slug:office_slug>/offers/<int:pk>-<slug:slug>/", views.offer_detail, name="offer_detail"),
    path("<slug:office_slug>/offers/<int:pk>/", views.offer_detail, name="offer_detail_short"),
    path("<slug:office_slug>/providers/<slug:slug>/", views.provider_detail, name="provider_detail"),
    path("<slug:office_slug>/offers/<int:pk>/report/", selfservice_views.issue_report, name="issue_report"),
    path("<slug:office_slug>/propose/", selfservice_views.proposal_create, name="proposal_create"),
    path(
        "<slug:office_slug>/propose/confirm/<str:token>/",
        selfservice_views.proposal_confirm,
        name="proposal_confirm",
    ),
    path(
        "<slug:office_slug>/confirm/<str:token>/",
        selfservice_views.provider_confirmation,
        name="provider_confirmation",
    ),
]
