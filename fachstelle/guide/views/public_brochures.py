"""Welcome guide: the printed brochure for newcomers – choose municipality and language, wait while it is
built, download the PDF."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import NATIVE_NAMES, active_language
from fachstelle.core.tenancy import office_get_public

from ..brochure import brochure_filename, brochure_languages, brochure_request
from ..models import Brochure

TEMPLATE = "guide/brochure/public.html"
# The value of the municipality choice that asks for the brochure of the whole region.
WHOLE_REGION = "region"
# Seconds between two looks while a brochure is being prepared.
POLL_SECONDS = 2


class BrochureForm(forms.Form):
    """Municipality (or the whole region) and language of a brochure; cleans `municipality` to the object
    (None for the whole region). Choices come from the office, loaded once."""

    municipality = forms.ChoiceField(label=_("Municipality"))
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, office, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {str(m.pk): m for m in municipalities}
        self.fields["municipality"].choices = [(WHOLE_REGION, _("Whole region"))] + [
            (str(m.pk), m.name) for m in municipalities
        ]
        self.fields["language"].choices = [
            (code, NATIVE_NAMES[code]) for code in brochure_languages(office=office)
        ]

    def clean_municipality(self):
        value = self.cleaned_data["municipality"]
        return None if value == WHOLE_REGION else self.municipalities[value]


@require_GET
def brochure(request, office_slug):
    """Without a choice: the form. With one: the PDF (redirect) when ready, else a page that looks again
    every two seconds. A choice the office does not offer: the form with the message, status 400."""
    office = office_get_public(slug=office_slug)
    municipalities = list(office.municipalities.order_by("name"))
    chosen = "language" in request.GET or "municipality" in request.GET
    language = active_language()
    initial = {"language": language if language in brochure_languages(office=office) else "de"}
    form = BrochureForm(
        request.GET if chosen else None, office=office, municipalities=municipalities, initial=initial
    )
    context = {"office": office, "public_nav": "guide", "form": form, "state": "choose"}
    if not chosen:
        return render(request, TEMPLATE, context)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    try:
        item = brochure_request(
            office=office,
            municipality=form.cleaned_data["municipality"],
            language=form.cleaned_data["language"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return render(request, TEMPLATE, context, status=400)
    if item.status == Brochure.Status.PENDING:
        item.refresh_from_db()  # an immediate task backend has built it already
    if item.status == Brochure.Status.READY:
        return redirect(
            reverse("guide_public:brochure_download", kwargs={"office_slug": office.slug, "pk": item.pk})
        )
    context.update(brochure=item, poll_seconds=POLL_SECONDS, state=item.status)
    status = 503 if item.status == Brochure.Status.FAILED else 200
    return render(request, TEMPLATE, context, status=status)


@require_GET
def brochure_download(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    item = get_object_or_404(
        office.brochures.select_related("municipality"), pk=pk, status=Brochure.Status.READY
    )
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError) as exc:  # purged or lost: as if it never existed
        raise Http404("Brochure file missing") from exc
    item.office = office
    response = FileResponse(
        handle, as_attachment=True, filename=brochure_filename(item), content_type="application/pdf"
    )
    # A brochure's file never changes (new content → new brochure), so browsers may keep it.
    response["Cache-Control"] = "public, max-age=86400"
    return response


urlpatterns = [
    path("<slug:office_slug>/guide/brochure/", brochure, name="brochure"),
    path("<slug:office_slug>/guide/brochure/<int:pk>.pdf", brochure_download, name="brochure_download"),
]
