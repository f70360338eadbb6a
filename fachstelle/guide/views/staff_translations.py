"""Welcome guide, staff side: the translation matrix (page × office language), the translation editor
(German side by side) and the diff of the German text since a translation was made."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import NATIVE_NAMES, text_direction
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view
from fachstelle.core.translation import translation_status

from .. import selectors, services
from ..forms import TranslationForm


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def translation_overview(request):
    matrix = selectors.translation_matrix(office=request.office)
    return render(
        request,
        "guide/staff/translation_overview.html",
        {
            "nav": "guide",
            "matrix": matrix,
            "language_names": [(code, NATIVE_NAMES.get(code, code)) for code in matrix.languages],
        },
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def translation_edit(request, pk: int, language: str):
    page = selectors.guide_page_for_staff(office=request.office, pk=pk)
    translation = selectors.translation_for_edit(page=page, language=language)
    initial = None
    if translation is not None:
        initial = {
            "title": translation.title,
            "summary": translation.summary,
            "body": translation.body,
            "state": translation.state,
        }
    form = TranslationForm(
        request.POST if request.method == "POST" else None, initial=initial, language=language
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.guide_translation_save(
                    page=page,
                    language=language,
                    by=request.user,
                    fields=form.service_fields(),
                    state=form.cleaned_data["state"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The translation was saved."))
                return redirect(
                    reverse("guide:translation_overview", kwargs={"office_slug": request.office.slug})
                )
    return render(
        request,
        "guide/staff/translation_form.html",
        {
            "nav": "guide",
            "page": page,
            "language": language,
            "language_name": NATIVE_NAMES.get(language, language),
            "direction": text_direction(language),
            "translation": translation,
            "status": translation_status(page, translation),
            "form": form,
        },
        status=status,
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def translation_diff(request, pk: int, language: str):
    page = selectors.guide_page_for_staff(office=request.office, pk=pk)
    diff = selectors.translation_diff(page=page, language=language)
    return render(
        request,
        "guide/staff/translation_diff.html",
        {
            "nav": "guide",
            "page": page,
            "diff": diff,
            "language_name": NATIVE_NAMES.get(language, language),
        },
    )


urlpatterns = [
    path("translations/", translation_overview, name="translation_overview"),
    path("pages/<int:pk>/translations/<str:language>/", translation_edit, name="translation_edit"),
    path("pages/<int:pk>/translations/<str:language>/changes/", translation_diff, name="translation_diff"),
]
