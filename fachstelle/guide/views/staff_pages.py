"""Welcome guide, staff side: the page tree with translation status, creating, editing, moving, deleting
and previewing pages. For admins, editors and counsellors; every page is fetched through the office."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view

from .. import selectors, services
from ..forms import GuidePageForm
from .public import page_context


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"guide:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def page_list(request):
    office = request.office
    return render(
        request,
        "guide/staff/page_list.html",
        {
            "nav": "guide",
            "rows": selectors.guide_tree_staff(office=office),
            "language_count": len(selectors.office_languages(office)),
        },
    )


def _form_page(request, page=None):
    office = request.office
    form = GuidePageForm(
        request.POST if request.method == "POST" else None,
        initial=GuidePageForm.initial_for(page) if page is not None else None,
        pages=selectors.parent_choices(office=office),
        municipalities=list(office.municipalities.order_by("name")),
        is_new=page is None,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if page is None:
                    page = services.guide_page_create(
                        office=office, by=request.user, fields=form.service_fields()
                    )
                    messages.success(request, _("The page was created."))
                else:
                    services.guide_page_update(
                        page=page,
                        by=request.user,
                        fields=form.service_fields(),
                        minor_change=form.cleaned_data.get("minor_change", False),
                    )
                    messages.success(request, _("The changes were saved."))
                return redirect(_url(request, "page_list"))
            except ValidationError as error:
                add_service_errors(form, error)
    return render(
        request,
        "guide/staff/page_form.html",
        {"nav": "guide", "form": form, "page": page},
        status=status,
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def page_create(request):
    return _form_page(request)


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def page_edit(request, pk: int):
    return _form_page(request, selectors.guide_page_for_staff(office=request.office, pk=pk))


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def page_delete(request, pk: int):
    page = selectors.guide_page_for_staff(office=request.office, pk=pk)
    errors = []
    if request.method == "POST":
        try:
            services.guide_page_delete(page=page)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The page “%(title)s” was deleted.") % {"title": page.title})
            return redirect(_url(request, "page_list"))
    return render(
        request,
        "guide/staff/page_delete.html",
        {"nav": "guide", "page": page, "errors": errors},
        status=409 if errors else 200,
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def page_move(request, pk: int):
    page = selectors.guide_page_for_staff(office=request.office, pk=pk)
    try:
        services.guide_page_move(page=page, direction=request.POST.get("direction", ""))
    except ValidationError:
        messages.error(request, _("The page could not be moved."))
    return redirect(_url(request, "page_list") + f"#page-{page.pk}")


@staff_office_view(roles=CONTENT_ROLES)
@require_GET
def page_preview(request, pk: int):
    """The page as readers see it, drafts included, in German or `?language=` one of the office's
    languages; not counted as a view."""
    office = request.office
    language = request.GET.get("language") or SOURCE_LANGUAGE
    if language != SOURCE_LANGUAGE and language not in selectors.office_languages(office):
        raise Http404("The office does not translate into this language")
    municipality = selectors.municipality_by_bfs(office=office, bfs=request.GET.get("municipality"))
    detail = selectors.guide_page_public(
        office=office, pk=pk, language=language, municipality=municipality, preview=True
    )
    context = page_context(
        request,
        office=office,
        detail=detail,
        language=language,
        municipality=municipality,
        query="",
        preview=True,
    )
    return render(request, "guide/page_detail.html", context)


urlpatterns = [
    path("", page_list, name="page_list"),
    path("pages/new/", page_create, name="page_create"),
    path("pages/<int:pk>/", page_edit, name="page_edit"),
    path("pages/<int:pk>/delete/", page_delete, name="page_delete"),
    path("pages/<int:pk>/move/", page_move, name="page_move"),
    path("pages/<int:pk>/preview/", page_preview, name="page_preview"),
]
