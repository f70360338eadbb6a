"""Grants: the office's funding programmes with their assessment criteria (staff with a grant role).

Views are thin: forms parse, services/programmes.py decides and writes, selectors/review.py reads. Every
programme is fetched through the office (404 for another office's).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import GRANT_ROLES, staff_office_view

from .. import forms_staff as forms
from ..selectors import review as selectors
from ..services import programmes as services


@staff_office_view(roles=GRANT_ROLES)
def programme_list(request):
    years = selectors.programme_years(office=request.office)
    form = forms.ProgrammeFilterForm(request.GET or None, years=years)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.programme_list(
        office=request.office, year=data.get("year"), status=data.get("status") or ""
    )
    return render(
        request,
        "grants/staff/programme_list.html",
        {"nav": "grants", "tab": "programmes", "form": form, "rows": rows},
    )


def _programme_form_page(request, programme=None):
    data = request.POST if request.method == "POST" else None
    initial = forms.ProgrammeForm.initial_for(programme) if programme is not None else None
    form = forms.ProgrammeForm(data, initial=initial)
    formset = forms.criteria_formset(data, programme=programme)
    criteria_errors = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        arguments = {
            "by": request.user,
            "fields": form.service_fields(),
            "criteria": forms.criteria_entries(formset),
            "promotion_areas": list(form.cleaned_data["promotion_areas"]),
        }
        try:
            if programme is None:
                programme = services.programme_create(office=request.office, **arguments)
                messages.success(request, _("The programme %(name)s was created.") % {"name": programme.name})
            else:
                services.programme_update(programme=programme, **arguments)
                messages.success(request, _("The changes were saved."))
            return redirect(reverse("grants:programme_list", kwargs={"office_slug": request.office.slug}))
        except ValidationError as error:
            by_field = error.message_dict
            criteria_errors.extend(by_field.pop("criteria", []))
            if by_field:
                add_service_errors(form, ValidationError(by_field))
    return render(
        request,
        "grants/staff/programme_form.html",
        {
            "nav": "grants",
            "tab": "programmes",
            "form": form,
            "formset": formset,
            "criteria_errors": criteria_errors,
            "programme": programme,
            "has_errors": bool(form.errors or formset.total_error_count() or criteria_errors),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(roles=GRANT_ROLES)
@require_http_methods(["GET", "POST"])
def programme_create(request):
    return _programme_form_page(request)


@staff_office_view(roles=GRANT_ROLES)
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk: int):
    programme = selectors.programme_get(office=request.office, programme_id=pk)
    return _programme_form_page(request, programme)


urlpatterns = [
    path("", programme_list, name="programme_list"),
    path("programmes/new/", programme_create, name="programme_create"),
    path("programmes/<int:pk>/edit/", programme_edit, name="programme_edit"),
]
