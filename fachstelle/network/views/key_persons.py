"""Key persons: the search ("Tigrinya in Rothrist"), the person's page with assignments and totals per
year, the forms that add and change a key person, and logging an assignment.

Views are thin: forms parse, `services/key_persons.py` decides and writes, `selectors/key_persons.py`
reads; every key person is fetched through the office (404 for another office's).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.countries import COUNTRIES
from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import staff_office_view

from ..forms import key_persons as forms
from ..forms.organisations import all_fields_of_action, office_municipalities, page_number
from ..selectors import key_persons as selectors
from ..services import key_persons as services
from .organisations import NETWORK_ROLES, query_without_page

COUNTRY_NAMES = dict(COUNTRIES)


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


@staff_office_view(NETWORK_ROLES)
def key_person_list(request):
    form = forms.KeyPersonSearchForm(
        request.GET or None,
        languages=forms.all_languages(),
        municipalities=office_municipalities(request.office),
        topics=all_fields_of_action(),
    )
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    result = selectors.key_person_list(
        office=request.office, filters=form.filters(page=page_number(request.GET.get("page")))
    )
    context = {
        "nav": "network",
        "form": form,
        "result": result,
        "query_without_page": query_without_page(request),
    }
    if request.headers.get("HX-Request"):
        return render(request, "network/key_persons/_results.html", context)
    return render(request, "network/key_persons/list.html", context)


def _assignment_form(request, key_person, data=None):
    return forms.AssignmentForm(
        data,
        languages=[row.language for row in key_person.languages.all()] or forms.all_languages(),
        municipalities=office_municipalities(request.office),
    )


def _detail_page(request, key_person_id: int, *, assignment_form=None, status=200):
    detail = selectors.key_person_detail(office=request.office, key_person_id=key_person_id)
    if assignment_form is None:
        assignment_form = _assignment_form(request, detail.key_person)
    return render(
        request,
        "network/key_persons/detail.html",
        {
            "nav": "network",
            "detail": detail,
            "key_person": detail.key_person,
            "countries": [(code, COUNTRY_NAMES.get(code, code)) for code in detail.key_person.countries],
            "assignment_form": assignment_form,
        },
        status=status,
    )


@staff_office_view(NETWORK_ROLES)
def key_person_detail(request, key_person_id: int):
    return _detail_page(request, key_person_id)


def _key_person_form_page(request, key_person=None):
    languages = forms.all_languages()
    data = request.POST if request.method == "POST" else None
    initial = forms.KeyPersonForm.initial_for(key_person) if key_person is not None else None
    form = forms.KeyPersonForm(
        data,
        initial=initial,
        municipalities=office_municipalities(request.office),
        topics=all_fields_of_action(),
    )
    formset = forms.language_formset(data, key_person=key_person, languages=languages)
    language_errors = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        arguments = {
            "by": request.user,
            "languages": forms.language_entries(formset),
            "municipalities": form.cleaned_data["municipalities"],
            "topics": form.cleaned_data["topics"],
            "countries": form.cleaned_data["countries"],
            **form.service_fields(),
        }
        try:
            if key_person is None:
                key_person = services.key_person_create(office=request.office, **arguments)
                messages.success(request, _("%(name)s was added.") % {"name": key_person.name})
            else:
                services.key_person_update(key_person=key_person, **arguments)
                messages.success(request, _("The changes were saved."))
            return redirect(_url(request, "key_person_detail", key_person_id=key_person.pk))
        except ValidationError as error:
            by_field = error.message_dict
            language_errors.extend(by_field.pop("languages", []))
            if by_field:
                add_service_errors(form, ValidationError(by_field))
    return render(
        request,
        "network/key_persons/form.html",
        {
            "nav": "network",
            "form": form,
            "formset": formset,
            "language_errors": language_errors,
            "key_person": key_person,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def key_person_create(request):
    return _key_person_form_page(request)


@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def key_person_edit(request, key_person_id: int):
    key_person = selectors.key_person_for_edit(office=request.office, key_person_id=key_person_id)
    return _key_person_form_page(request, key_person)


@staff_office_view(NETWORK_ROLES)
@require_POST
def assignment_create(request, key_person_id: int):
    key_person = selectors.key_person_get(office=request.office, key_person_id=key_person_id)
    form = _assignment_form(request, key_person, request.POST)
    if form.is_valid():
        try:
            services.assignment_log(key_person=key_person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assignment was logged."))
            return redirect(_url(request, "key_person_detail", key_person_id=key_person.pk) + "#assignments")
    return _detail_page(request, key_person_id, assignment_form=form, status=400)


@staff_office_view(NETWORK_ROLES)
@require_POST
def assignment_delete(request, key_person_id: int, assignment_id: int):
    key_person = selectors.key_person_get(office=request.office, key_person_id=key_person_id)
    assignment = selectors.assignment_get(key_person=key_person, assignment_id=assignment_id)
    services.assignment_delete(assignment=assignment, by=request.user)
    messages.success(request, _("The assignment was removed."))
    return redirect(_url(request, "key_person_detail", key_person_id=key_person.pk) + "#assignments")


urlpatterns = [
    path("key-persons/", key_person_list, name="key_person_list"),
    path("key-persons/new/", key_person_create, name="key_person_create"),
    path("key-persons/<int:key_person_id>/", key_person_detail, name="key_person_detail"),
    path("key-persons/<int:key_person_id>/edit/", key_person_edit, name="key_person_edit"),
    path(
        "key-persons/<int:key_person_id>/assignments/",
        assignment_create,
        name="assignment_create",
    ),
    path(
        "key-persons/<int:key_person_id>/assignments/<int:assignment_id>/delete/",
        assignment_delete,
        name="assignment_delete",
    ),
]
