"""The canton's catalogue of proven offers: browse (every office), maintain (canton-level office)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import FieldOfAction, Municipality, PromotionArea, TargetGroup
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view

from ..forms_catalogue import CatalogueEntryForm, CatalogueFilterForm, ExampleForm
from ..models import CatalogueEntry, CatalogueExample
from ..selectors.catalogue import (
    CatalogueFilters,
    catalogue_can_edit,
    catalogue_can_maintain,
    catalogue_entry_get,
    example_offer_is_running,
)
from ..selectors.catalogue import (
    catalogue_list as catalogue_list_query,
)
from ..services.catalogue import (
    catalogue_entry_create,
    catalogue_entry_set_published,
    catalogue_entry_update,
    catalogue_example_add,
    catalogue_example_remove,
    offer_from_reference,
)


def _detail_url(request, entry) -> str:
    return reverse(
        "kompakt:catalogue_detail", kwargs={"office_slug": request.office.slug, "entry_pk": entry.pk}
    )


def _entry(request, entry_pk) -> CatalogueEntry:
    try:
        return catalogue_entry_get(office=request.office, pk=entry_pk)
    except CatalogueEntry.DoesNotExist:
        raise Http404 from None


def _editable_entry(request, entry_pk) -> CatalogueEntry:
    """The entry for a maintenance action: 403 unless the office maintains it (entries of other offices
    are visible, so refusing says nothing new)."""
    if not catalogue_can_maintain(office=request.office, role=request.role):
        raise PermissionDenied
    entry = _entry(request, entry_pk)
    if not catalogue_can_edit(entry=entry, office=request.office, role=request.role):
        raise PermissionDenied
    return entry


def _examples(entry) -> list[dict]:
    """Each example with the public link of its offer, only while the offer is published and running."""
    return [
        {
            "example": example,
            "offer_url": example.offer.get_absolute_url() if example_offer_is_running(example.offer) else "",
        }
        for example in entry.examples.all()
    ]


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_list(request):
    """Search and filters. Queries: areas, target groups, entries, their target groups, their examples."""
    areas = list(PromotionArea.objects.order_by("code"))
    target_groups = list(TargetGroup.objects.all())
    form = CatalogueFilterForm(request.GET or None, areas=areas, target_groups=target_groups)
    filters = CatalogueFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = CatalogueFilters(
            query=data["q"].strip(),
            area=data["area"],
            target_group=data["target"],
            effort=data["effort"],
            max_cost=data["max_cost"],
        )
    entries = catalogue_list_query(office=request.office, filters=filters) if not form.errors else []
    return render(
        request,
        "kompakt/catalogue/list.html",
        {
            "nav": "kompakt",
            "form": form,
            "filters": filters,
            "rows": [{"entry": entry, "examples": _examples(entry)} for entry in entries],
            "can_maintain": catalogue_can_maintain(office=request.office, role=request.role),
        },
    )


def _detail_page(request, entry, *, example_form=None, status=200):
    can_edit = catalogue_can_edit(entry=entry, office=request.office, role=request.role)
    if can_edit and example_form is None:
        example_form = ExampleForm(municipalities=list(Municipality.objects.order_by("name", "canton")))
    return render(
        request,
        "kompakt/catalogue/detail.html",
        {
            "nav": "kompakt",
            "entry": entry,
            "description_html": render_markdown(entry.description) if entry.description.strip() else None,
            "examples": _examples(entry),
            "can_edit": can_edit,
            "example_form": example_form,
        },
        status=status,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_detail(request, entry_pk):
    return _detail_page(request, _entry(request, entry_pk))


def _entry_form(request, initial=None):
    return CatalogueEntryForm(
        request.POST or None,
        initial=initial,
        areas=list(PromotionArea.objects.order_by("code")),
        target_groups=list(TargetGroup.objects.all()),
        fields_of_action=list(FieldOfAction.objects.all()),
    )


def _form_page(request, form, entry=None):
    return render(
        request,
        "kompakt/catalogue/form.html",
        {"nav": "kompakt", "form": form, "entry": entry},
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_create(request):
    if not catalogue_can_maintain(office=request.office, role=request.role):
        raise PermissionDenied
    form = _entry_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            entry = catalogue_entry_create(
                office=request.office,
                by=request.user,
                fields=form.entry_fields(),
                target_groups=form.cleaned_data["target_groups"],
                fields_of_action=form.cleaned_data["fields_of_action"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The catalogue entry has been created."))
            return redirect(_detail_url(request, entry))
    return _form_page(request, form)


@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_edit(request, entry_pk):
    entry = _editable_entry(request, entry_pk)
    form = _entry_form(request, initial=CatalogueEntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_entry_update(
                entry=entry,
                by=request.user,
                fields=form.entry_fields(),
                target_groups=form.cleaned_data["target_groups"],
                fields_of_action=form.cleaned_data["fields_of_action"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The catalogue entry has been saved."))
            return redirect(_detail_url(request, entry))
    return _form_page(request, form, entry)


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_publish(request, entry_pk):
    entry = _editable_entry(request, entry_pk)
    published = request.POST.get("publish") == "1"
    catalogue_entry_set_published(entry=entry, by=request.user, published=published)
    if published:
        messages.success(request, _("The entry is published: every office sees it."))
    else:
        messages.success(request, _("The entry is no longer published: only your office sees it."))
    return redirect(_detail_url(request, entry))


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_example_add_view(request, entry_pk):
    entry = _editable_entry(request, entry_pk)
    form = ExampleForm(request.POST, municipalities=list(Municipality.objects.order_by("name", "canton")))
    if form.is_valid():
        data = form.cleaned_data
        try:
            offer = offer_from_reference(data["offer"])
            catalogue_example_add(
                entry=entry,
                by=request.user,
                municipality=data["municipality"],
                offer=offer,
                description=data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The example has been added."))
            return redirect(_detail_url(request, entry) + "#examples")
    return _detail_page(request, entry, example_form=form, status=400)


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def catalogue_example_remove_view(request, entry_pk, example_pk):
    entry = _editable_entry(request, entry_pk)
    example = get_object_or_404(
        CatalogueExample.objects.filter(entry=entry).select_related("entry__office"), pk=example_pk
    )
    catalogue_example_remove(example=example, by=request.user)
    messages.success(request, _("The example has been removed."))
    return redirect(_detail_url(request, entry) + "#examples")


urlpatterns = [
    path("catalogue/", catalogue_list, name="catalogue_list"),
    path("catalogue/new/", catalogue_create, name="catalogue_create"),
    path("catalogue/<int:entry_pk>/", catalogue_detail, name="catalogue_detail"),
    path("catalogue/<int:entry_pk>/edit/", catalogue_edit, name="catalogue_edit"),
    path("catalogue/<int:entry_pk>/publish/", catalogue_publish, name="catalogue_publish"),
    path("catalogue/<int:entry_pk>/examples/", catalogue_example_add_view, name="catalogue_example_add"),
    path(
        "catalogue/<int:entry_pk>/examples/<int:example_pk>/remove/",
        catalogue_example_remove_view,
        name="catalogue_example_remove",
    ),
]
