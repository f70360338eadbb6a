"""Welcome guide: the generated brochures of the office (staff) – status, size, regenerate, download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import NATIVE_NAMES
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view

from ..brochure import brochure_file_size, brochure_regenerate, brochure_request
from ..models import Brochure
from .public_brochures import BrochureForm

# The list shows the newest brochures; older ones are purged by `manage.py purge_brochures`.
LIST_LIMIT = 200


def _list_url(office) -> str:
    return reverse("guide:brochure_list", kwargs={"office_slug": office.slug})


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def brochure_list(request):
    """Generated brochures, newest first; POST generates the current brochure of a choice."""
    office = request.office
    municipalities = list(office.municipalities.order_by("name"))
    form = BrochureForm(
        request.POST if request.method == "POST" else None, office=office, municipalities=municipalities
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                brochure_request(
                    office=office,
                    municipality=form.cleaned_data["municipality"],
                    language=form.cleaned_data["language"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The brochure is being generated."))
                return redirect(_list_url(office))
        status = 400
    brochures = list(
        office.brochures.select_related("municipality").order_by("-requested_at", "-pk")[:LIST_LIMIT]
    )
    # The newest READY brochure of each municipality and language is the one readers get (or the one
    # being built replaces it); older ones are superseded.
    seen = set()
    for item in brochures:
        item.language_name = NATIVE_NAMES.get(item.language, item.language)
        item.size = brochure_file_size(item) if item.status == Brochure.Status.READY else None
        group = (item.municipality_id, item.language)
        item.is_superseded = item.status == Brochure.Status.READY and group in seen
        if item.status == Brochure.Status.READY:
            seen.add(group)
    return render(
        request,
        "guide/brochure/staff_list.html",
        {"nav": "guide", "brochures": brochures, "form": form},
        status=status,
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def brochure_regenerate_view(request, pk):
    item = get_object_or_404(request.office.brochures, pk=pk)
    brochure_regenerate(brochure=item)
    messages.success(request, _("The brochure is being generated again."))
    return redirect(_list_url(request.office))


urlpatterns = [
    path("brochures/", brochure_list, name="brochure_list"),
    path("brochures/<int:pk>/regenerate/", brochure_regenerate_view, name="brochure_regenerate"),
]
