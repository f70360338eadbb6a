"""News in the staff area, under /<lang>/staff/<office_slug>/news/: list by state, create and edit with an
image, translations per office language, preview, delete. Thin: parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE, active_language, text_direction
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view

from .. import selectors, services
from ..forms import NewsItemForm, NewsTranslationForm


def _list_url(request) -> str:
    return reverse("news:item_list", kwargs={"office_slug": request.office.slug})


def _edit_url(request, item) -> str:
    return reverse("news:item_edit", kwargs={"office_slug": request.office.slug, "item_id": item.pk})


@staff_office_view(roles=CONTENT_ROLES)
def item_list(request):
    state = request.GET.get("state", "")
    if state not in selectors.STATES:
        state = ""
    result = selectors.news_page_for_staff(
        office=request.office, state=state, page=request.GET.get("page", 1)
    )
    return render(
        request,
        "news/staff/list.html",
        {
            "nav": "news",
            "result": result,
            "state": state,
            "states": selectors.STATES,
            "query_without_page": f"state={state}" if state else "",
        },
    )


def _item_form_page(request, *, form, item=None, body_preview=None, status=200):
    context = {
        "nav": "news",
        "form": form,
        "item": item,
        "body_preview": body_preview,
        # A browser never sends a file again after a refused form: the editor must pick it anew.
        "image_reselect": bool(request.FILES.get("image")) and form.errors,
    }
    if item is not None:
        context["translation_rows"] = selectors.news_translation_rows(item=item, office=request.office)
        context["state"] = selectors.news_state(item)
        context["state_label"] = selectors.STATES[context["state"]]
    return render(request, "news/staff/form.html", context, status=status)


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def item_create(request):
    if request.method == "GET":
        return _item_form_page(request, form=NewsItemForm(initial={"publish_at": timezone.localtime()}))
    form = NewsItemForm(request.POST, request.FILES)
    if not form.is_valid():
        return _item_form_page(request, form=form)
    if request.POST.get("action") == "preview":
        return _item_form_page(request, form=form, body_preview=render_markdown(form.cleaned_data["body"]))
    try:
        item = services.news_create(
            office=request.office,
            by=request.user,
            fields=form.service_fields(),
            image=form.cleaned_data["image"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _item_form_page(request, form=form)
    messages.success(request, _("The news item was saved."))
    return redirect(_edit_url(request, item))


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def item_edit(request, item_id):
    item = selectors.news_get_for_staff(office=request.office, pk=item_id)
    if request.method == "GET":
        return _item_form_page(request, form=NewsItemForm(item=item), item=item)
    form = NewsItemForm(request.POST, request.FILES, item=item)
    if not form.is_valid():
        return _item_form_page(request, form=form, item=item)
    if request.POST.get("action") == "preview":
        preview = render_markdown(form.cleaned_data["body"])
        return _item_form_page(request, form=form, item=item, body_preview=preview)
    try:
        services.news_update(
            item=item,
            by=request.user,
            fields=form.service_fields(),
            image=form.cleaned_data["image"],
            remove_image=form.cleaned_data.get("remove_image", False),
            minor_change=form.cleaned_data.get("minor_change", False),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        # The item in memory holds the refused values; show the stored one.
        item = selectors.news_get_for_staff(office=request.office, pk=item_id)
        return _item_form_page(request, form=form, item=item)
    messages.success(request, _("The changes were saved."))
    return redirect(_edit_url(request, item))


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def text_preview(request):
    """The Markdown of a text field rendered as the public sees it (htmx; sanitised like the page)."""
    return HttpResponse(render_markdown(request.POST.get("body", "")[:100_000]))


@staff_office_view(roles=CONTENT_ROLES)
def item_preview(request, item_id):
    """The public page of any item (drafts and scheduled ones too), with a banner saying what it is."""
    item = selectors.news_get_for_staff(office=request.office, pk=item_id)
    # In the language of the URL: /ar/staff/…/news/5/ previews the Arabic text.
    text = selectors.news_localized(item, active_language())
    return render(
        request,
        "news/public/detail.html",
        {
            "office": request.office,
            "item": item,
            "text": text,
            "body_html": render_markdown(text.body),
            "preview": True,
            "preview_state": selectors.STATES[selectors.news_state(item)],
            "edit_url": _edit_url(request, item),
            "public_nav": "news",
        },
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def item_delete(request, item_id):
    item = selectors.news_get_for_staff(office=request.office, pk=item_id)
    if request.method == "POST":
        services.news_delete(item=item, by=request.user)
        messages.success(request, _("The news item was deleted."))
        return redirect(_list_url(request))
    return render(request, "news/staff/delete.html", {"nav": "news", "item": item})


@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def translation_edit(request, item_id, language):
    item = selectors.news_get_for_staff(office=request.office, pk=item_id)
    if language == SOURCE_LANGUAGE or language not in (request.office.content_languages or []):
        raise Http404("The office does not publish in this language")
    translation = selectors.news_translation_get(item=item, language=language)
    context = {
        "nav": "news",
        "item": item,
        "language": language,
        "language_name": NATIVE_NAMES.get(language, language),
        "direction": text_direction(language),
        "translation": translation,
    }
    if request.method == "POST" and request.POST.get("action") == "delete":
        if translation is not None:
            services.news_translation_delete(translation=translation, by=request.user)
            messages.success(request, _("The translation was deleted."))
        return redirect(_edit_url(request, item))
    form = NewsTranslationForm(
        request.POST if request.method == "POST" else None, language=language, translation=translation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.news_translation_save(
                item=item,
                language=language,
                values=form.values(),
                by=request.user,
                state=form.cleaned_data["state"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The translation was saved."))
            return redirect(_edit_url(request, item))
    return render(request, "news/staff/translation_form.html", {**context, "form": form})


urlpatterns = [
    path("", item_list, name="item_list"),
    path("new/", item_create, name="item_create"),
    path("text-preview/", text_preview, name="text_preview"),
    path("<int:item_id>/", item_preview, name="item_preview"),
    path("<int:item_id>/edit/", item_edit, name="item_edit"),
    path("<int:item_id>/delete/", item_delete, name="item_delete"),
    path("<int:item_id>/translations/<str:language>/", translation_edit, name="translation_edit"),
]
