"""What the counselling views share: the end of a form POST.

Every write goes through a service that raises one `ValidationError` keyed by form field, or
`StaleEditError` when someone else saved the record meanwhile; `submit_write` answers both the same way in
every area (`core.forms.add_service_errors` puts the messages on the form), so that a refused form
always keeps the input and shows the messages where they belong.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect

from ..services.locking import StaleEditError


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
