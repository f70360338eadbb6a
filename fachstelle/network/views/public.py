"""Public pages of the network under /<lang>/<office_slug>/…: the contact persons and the inquiry form, the
reporting point, and the unsubscribe page of mailings."""

from django.urls import path

from . import public_inquiries, public_mailings, public_reports

urlpatterns = [
    path("<slug:office_slug>/contact/", public_inquiries.contact_page, name="contact_page"),
    path("<slug:office_slug>/inquiry/", public_inquiries.inquiry_create, name="inquiry_create"),
    path("<slug:office_slug>/report/", public_reports.report_create, name="report_create"),
    path("<slug:office_slug>/unsubscribe/<str:token>/", public_mailings.unsubscribe, name="unsubscribe"),
]
