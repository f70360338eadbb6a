"""Collecting a service's validation errors per field, shared by every app's services.

All services report bad input the same way: one `ValidationError` whose keys name the form fields,
`NON_FIELD_ERRORS` for rules about the record as a whole.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError


class FieldErrors:
    """Collects messages per field; `raise_if_any` raises them as one ValidationError, so a form shows
    every problem at once instead of the first one."""

    def __init__(self):
        self.by_field: dict[str, list] = {}

    def add(self, key: str, message) -> None:
        self.by_field.setdefault(key, []).append(message)

    def add_validation_error(
        self, error: ValidationError, *, prefix: str = "", only=None, unless_present: bool = False
    ) -> None:
        """The messages of `error` (keys in `only`, if given), under `prefix` instead of their key if set.
        `unless_present` skips fields that already have a message: the model's own checks are a backstop,
        and our clearer message comes first."""
        for key, messages in error.message_dict.items():
            if only is not None and key not in only:
                continue
            if unless_present and key in self.by_field:
                continue
            for message in messages:
                self.add(prefix or key, message)

    def add_model_errors(self, instance, *, exclude: Iterable[str] = ()) -> None:
        """`full_clean` of `instance` (max lengths, ranges, choices) without stopping at the first."""
        try:
            instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.add_validation_error(error)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)
