"""KOMPAKT workshop minutes and the needs for action per KIP area, with catalogue suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import PromotionArea, TargetGroup
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import KOMPAKT_ROLES, Role, staff_office_view
from fachstelle.core.tabular import download_response

from ..forms_needs import MinutesForm, NeedForm
from ..models import NeedForAction, WorkingGroupMember, Workshop
from ..selectors.catalogue import catalogue_suggestions
from ..selectors.needs import needs_by_area, needs_for_process, process_for_office, workshops_for_office
from ..selectors.portrait import offer_inventory
from ..services.needs import need_create, need_delete, need_update, workshop_minutes_save

# Who writes minutes and needs; the statistics role reads them.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)


def _require_writer(request) -> None:
    if request.role not in WRITER_ROLES:
        raise PermissionDenied


def _process(request, pk):
    return get_object_or_404(process_for_office(office=request.office), pk=pk)


def _need_list_url(request, process) -> str:
    return reverse("kompakt:need_list", kwargs={"office_slug": request.office.slug, "pk": process.pk})


def _minutes_url(request, workshop) -> str:
    return reverse(
        "kompakt:workshop_minutes", kwargs={"office_slug": request.office.slug, "workshop_pk": workshop.pk}
    )


def _choices():
    """The vocabularies the need form chooses from (2 queries)."""
    return list(PromotionArea.objects.order_by("code")), list(TargetGroup.objects.all())


# --- Workshop minutes ------------------------------------------------------------------------------------


def _workshop(request, workshop_pk) -> Workshop:
    return get_object_or_404(
        workshops_for_office(office=request.office).prefetch_related(
            "areas_discussed",
            Prefetch("attendees", queryset=WorkingGroupMember.objects.order_by("name", "pk")),
        ),
        pk=workshop_pk,
    )


def _minutes_page(request, workshop, *, need_form=None, status=200):
    process = workshop.process
    needs = list(
        workshop.needs.select_related("promotion_area").prefetch_related("target_groups").order_by("pk")
    )
    can_write = request.role in WRITER_ROLES
    if can_write and need_form is None:
        areas, target_groups = _choices()
        need_form = NeedForm(
            areas=areas,
            target_groups=target_groups,
            with_workshop=False,
            initial={"promotion_area": (workshop.areas_discussed.all() or [None])[0]},
        )
    return render(
        request,
        "kompakt/needs/minutes.html",
        {
            "nav": "kompakt",
            "process": process,
            "workshop": workshop,
            "minutes_html": render_markdown(workshop.minutes) if workshop.minutes.strip() else None,
            "areas": list(workshop.areas_discussed.all()),
            "attendees": list(workshop.attendees.all()),
            "needs": needs,
            "need_form": need_form,
            "can_write": can_write,
            "printing": request.GET.get("print") == "1",
        },
        status=status,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_minutes(request, workshop_pk):
    """The minutes as read (printable), the needs identified in the workshop and a form to add one.
    Queries: workshop with process, areas discussed, attendees, its needs and their target groups
    (+ the vocabularies of the need form for writers)."""
    return _minutes_page(request, _workshop(request, workshop_pk))


@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_minutes_edit(request, workshop_pk):
    _require_writer(request)
    workshop = _workshop(request, workshop_pk)
    members = list(workshop.process.members.order_by("name", "pk"))
    areas = list(PromotionArea.objects.order_by("code"))
    initial = {
        "minutes": workshop.minutes,
        "areas": list(workshop.areas_discussed.all()),
        "attendees": list(workshop.attendees.all()),
    }
    form = MinutesForm(request.POST or None, initial=initial, areas=areas, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop_minutes_save(
                workshop=workshop,
                by=request.user,
                minutes=data["minutes"],
                areas=data["areas"],
                attendees=data["attendees"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(_minutes_url(request, workshop))
    return render(
        request,
        "kompakt/needs/minutes_edit.html",
        {
            "nav": "kompakt",
            "process": workshop.process,
            "workshop": workshop,
            "form": form,
            "members": members,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def workshop_need_create(request, workshop_pk):
    """The inline "add need for action" of the minutes: the need is recorded as identified there."""
    _require_writer(request)
    workshop = _workshop(request, workshop_pk)
    areas, target_groups = _choices()
    form = NeedForm(request.POST, areas=areas, target_groups=target_groups, with_workshop=False)
    if form.is_valid():
        fields = {**form.cleaned_data, "workshop": workshop}
        try:
            need_create(
                process=workshop.process,
                by=request.user,
                fields=fields,
                target_groups=fields.pop("target_groups"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The need for action has been recorded."))
            return redirect(_minutes_url(request, workshop) + "#needs")
    return _minutes_page(request, workshop, need_form=form, status=400)


# --- Needs for action ------------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def need_list(request, pk):
    """Every KIP area with its needs (highest priority first) and, under each need, the catalogue entries
    the municipality does not already have. Queries: process, inventory (areas, offers, their areas),
    needs and their target groups, suggestions (entries, their target groups, examples, running offers,
    measures): a constant number, however many needs."""
    process = _process(request, pk)
    inventory = offer_inventory(office=request.office, municipality=process.municipality)
    needs = needs_for_process(process=process)
    suggestions = catalogue_suggestions(process=process, needs=needs)
    return render(
        request,
        "kompakt/needs/list.html",
        {
            "nav": "kompakt",
            "process": process,
            "areas": needs_by_area(needs=needs, inventory=inventory, suggestions=suggestions),
            "needs_count": len(needs),
            "can_write": request.role in WRITER_ROLES,
        },
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def need_export(request, pk):
    """The needs as CSV (semicolon, UTF-8 with BOM), highest priority first."""
    process = _process(request, pk)
    needs = needs_for_process(process=process)
    rows = (
        [
            need.promotion_area.code,
            need.promotion_area.name,
            need.title,
            need.get_priority_display(),
            need.rationale,
            ", ".join(group.name for group in need.target_groups.all()),
            str(need.workshop) if need.workshop else "",
        ]
        for need in needs
    )
    headers = [
        _("KIP code"),
        _("KIP promotion area"),
        _("Need for action"),
        _("Priority"),
        _("Rationale"),
        _("Target groups"),
        _("Identified in"),
    ]
    return download_response(
        file_type="csv",
        filename=f"handlungsbedarf-{slugify(process.municipality.name)}",
        headers=headers,
        rows=rows,
    )


def _need_form_page(request, process, form, need=None):
    return render(
        request,
        "kompakt/needs/need_form.html",
        {"nav": "kompakt", "process": process, "form": form, "need": need},
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def need_create_view(request, pk):
    _require_writer(request)
    process = _process(request, pk)
    areas, target_groups = _choices()
    workshops = list(process.workshops.order_by("starts_at"))
    initial = {}
    area_code = request.GET.get("area")
    if area_code:
        initial["promotion_area"] = next((a for a in areas if a.code == area_code), None)
    form = NeedForm(
        request.POST or None, initial=initial, areas=areas, target_groups=target_groups, workshops=workshops
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            need_create(
                process=process, by=request.user, fields=fields, target_groups=fields.pop("target_groups")
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The need for action has been recorded."))
            return redirect(_need_list_url(request, process))
    return _need_form_page(request, process, form)


def _need(process, need_pk) -> NeedForAction:
    return get_object_or_404(
        NeedForAction.objects.filter(process=process).select_related("promotion_area", "workshop"), pk=need_pk
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def need_edit(request, pk, need_pk):
    _require_writer(request)
    process = _process(request, pk)
    need = _need(process, need_pk)
    areas, target_groups = _choices()
    workshops = list(process.workshops.order_by("starts_at"))
    form = NeedForm(
        request.POST or None,
        initial=NeedForm.initial_for(need),
        areas=areas,
        target_groups=target_groups,
        workshops=workshops,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            need_update(need=need, by=request.user, fields=fields, target_groups=fields.pop("target_groups"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The need for action has been saved."))
            return redirect(_need_list_url(request, process))
    return _need_form_page(request, process, form, need=need)


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def need_delete_view(request, pk, need_pk):
    _require_writer(request)
    process = _process(request, pk)
    need = _need(process, need_pk)
    try:
        need_delete(need=need, by=request.user)
    except ValidationError:
        messages.error(request, _("The need for action no longer exists."))
    else:
        messages.success(
            request, _("The need for action “%(title)s” has been deleted.") % {"title": need.title}
        )
    return redirect(_need_list_url(request, process))


urlpatterns = [
    path("processes/<int:pk>/needs/", need_list, name="need_list"),
    path("processes/<int:pk>/needs/export.csv", need_export, name="need_export"),
    path("processes/<int:pk>/needs/new/", need_create_view, name="need_create"),
    path("processes/<int:pk>/needs/<int:need_pk>/edit/", need_edit, name="need_edit"),
    path("processes/<int:pk>/needs/<int:need_pk>/delete/", need_delete_view, name="need_delete"),
    path("workshops/<int:workshop_pk>/minutes/", workshop_minutes, name="workshop_minutes"),
    path("workshops/<int:workshop_pk>/minutes/edit/", workshop_minutes_edit, name="workshop_minutes_edit"),
    path("workshops/<int:workshop_pk>/needs/new/", workshop_need_create, name="workshop_need_create"),
]
