"""What the counselling views share: a service's errors onto a form, and the end of a form POST.

Every write goes through a service that raises one `ValidationError` keyed by form field, or
`StaleEditError` when someone else saved the record meanwhile; these helpers answer both the same way in
every area, so that a refused form always keeps the input and shows the messages where they belong.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from ..services.locking import StaleEditError


def add_service_errors(form, error: ValidationError, *, renamed: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on `form`: keyed messages next to their fields, the rest on top.
    `renamed` maps a service's key to the form field that shows it, where the names differ."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages_ in error.message_dict.items():
        key = (renamed or {}).get(key, key)
        # NON_FIELD_ERRORS and names the form does not show go on top of the form.
        form.add_error(key if key in form.fields and key != NON_FIELD_ERRORS else None, messages_)


def submit_write(
    request,
    write: Callable[[], object],
    *,
    success: str,
    redirect_to: str,
    show_errors: Callable[[ValidationError], None],
    render_page: Callable[[int], HttpResponse],
) -> HttpResponse:
    """Run the service call `write()` of a valid form. Saved: flash `success` and redirect (post/redirect/
    get). Refused: `show_errors` puts the messages on the page and `render_page(status)` shows the form
    again with the input kept, with 409 when someone else saved the record meanwhile (the conflict's
    message goes on top of the form), else 200."""
    try:
        write()
    except StaleEditError as error:
        show_errors(ValidationError(error.message))
        return render_page(409)
    except ValidationError as error:
        show_errors(error)
        return render_page(200)
    messages.success(request, success)
    return redirect(redirect_to)
