"""The network's start page, organisations with their contact persons, relations and the network map.

Views are thin: forms parse, `services/organisations.py` decides and writes, `selectors/organisations.py`
reads. Every organisation is fetched through the office (404 for another office's). Network work is for
admins, editors and counsellors; statistics-only users get 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import NETWORK_ROLES, staff_office_view

from ..forms import organisations as forms
from ..selectors import organisations as selectors
from ..services import organisations as services

# Who works with the network (organisations, key persons, meetings, mailings, imports).


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Start page ----------------------------------------------------------------------------------------


@staff_office_view(NETWORK_ROLES)
def home(request):
    return render(
        request,
        "network/organisations/home.html",
        {"nav": "network", "counts": selectors.network_overview(office=request.office)},
    )


# --- Organisations -------------------------------------------------------------------------------------


@staff_office_view(NETWORK_ROLES)
def organisation_list(request):
    form = forms.OrganisationFilterForm(
        request.GET or None,
        fields_of_action=forms.all_fields_of_action(),
        municipalities=forms.office_municipalities(request.office),
    )
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    result = selectors.organisation_list(
        office=request.office, filters=form.filters(page=forms.page_number(request.GET.get("page")))
    )
    return render(
        request,
        "network/organisations/list.html",
        {
            "nav": "network",
            "form": form,
            "result": result,
            "query_without_page": query_without_page(request),
        },
    )


@staff_office_view(NETWORK_ROLES)
def organisation_detail(request, organisation_id: int):
    detail = selectors.organisation_detail(office=request.office, organisation_id=organisation_id)
    return render(
        request,
        "network/organisations/detail.html",
        {"nav": "network", "detail": detail, "organisation": detail.organisation},
    )


def _organisation_form_page(request, organisation=None):
    municipalities = forms.office_municipalities(request.office)
    data = request.POST if request.method == "POST" else None
    initial = forms.OrganisationForm.initial_for(organisation) if organisation is not None else None
    form = forms.OrganisationForm(
        data,
        initial=initial,
        fields_of_action=forms.all_fields_of_action(),
        municipalities=municipalities,
        current_municipality=organisation.municipality if organisation is not None else None,
    )
    formset = forms.contact_formset(data, organisation=organisation)
    contact_errors = []  # the service's messages about the contacts as a whole
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        arguments = {
            "by": request.user,
            "fields_of_action": form.cleaned_data["fields_of_action"],
            "municipalities_served": form.cleaned_data["municipalities_served"],
            "tags": form.cleaned_data["tags"],
            "contacts": forms.contact_entries(formset),
            **form.service_fields(),
        }
        try:
            if organisation is None:
                organisation = services.organisation_create(office=request.office, **arguments)
                messages.success(request, _("%(name)s was added.") % {"name": organisation.name})
            else:
                services.organisation_update(organisation=organisation, **arguments)
                messages.success(request, _("The changes were saved."))
            return redirect(_url(request, "organisation_detail", organisation_id=organisation.pk))
        except ValidationError as error:
            by_field = error.message_dict
            contact_errors.extend(by_field.pop("contacts", []))
            if by_field:
                add_service_errors(form, ValidationError(by_field))
    return render(
        request,
        "network/organisations/form.html",
        {
            "nav": "network",
            "form": form,
            "formset": formset,
            "contact_errors": contact_errors,
            "organisation": organisation,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    return _organisation_form_page(request)


@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_edit(request, organisation_id: int):
    organisation = selectors.organisation_for_edit(office=request.office, organisation_id=organisation_id)
    return _organisation_form_page(request, organisation)


# --- Relations and the map -----------------------------------------------------------------------------


def _relation_form(request, data=None):
    return forms.RelationForm(
        data,
        organisations=selectors.organisation_choices(office=request.office),
        fields_of_action=forms.all_fields_of_action(),
        initial={"source": request.GET.get("source")} if data is None else None,
    )


def _relations_page(request, *, form, status=200):
    relations = selectors.relation_list(office=request.office)
    return render(
        request,
        "network/organisations/relations.html",
        {"nav": "network", "relations": relations, "form": form},
        status=status,
    )


@staff_office_view(NETWORK_ROLES)
@require_http_methods(["GET", "POST"])
def relation_list(request):
    if request.method != "POST":
        return _relations_page(request, form=_relation_form(request))
    form = _relation_form(request, request.POST)
    if form.is_valid():
        try:
            relation = services.relation_create(office=request.office, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded: %(source)s works with %(target)s.")
                % {"source": relation.source.name, "target": relation.target.name},
            )
            return redirect(_url(request, "relation_list"))
    return _relations_page(request, form=form, status=400)


@staff_office_view(NETWORK_ROLES)
@require_POST
def relation_delete(request, relation_id: int):
    relation = selectors.relation_get(office=request.office, relation_id=relation_id)
    services.relation_delete(relation=relation, by=request.user)
    messages.success(request, _("The relation was removed."))
    return redirect(_url(request, "relation_list"))


@staff_office_view(NETWORK_ROLES)
def network_map(request):
    relations = selectors.relation_list(office=request.office)
    return render(
        request,
        "network/organisations/map.html",
        {
            "nav": "network",
            "relations": relations,
            "map": selectors.network_map(office=request.office, relations=relations),
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("organisations/", organisation_list, name="organisation_list"),
    path("organisations/new/", organisation_create, name="organisation_create"),
    path("organisations/<int:organisation_id>/", organisation_detail, name="organisation_detail"),
    path("organisations/<int:organisation_id>/edit/", organisation_edit, name="organisation_edit"),
    path("relations/", relation_list, name="relation_list"),
    path("relations/<int:relation_id>/delete/", relation_delete, name="relation_delete"),
    path("relations/map/", network_map, name="network_map"),
]
