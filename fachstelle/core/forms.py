"""Form pieces every app shares: choices among objects loaded once per page, and a service's errors
onto a form.

Services raise one `ValidationError` keyed by form field; `add_service_errors` puts those messages where
they belong, so a refused form keeps the input and shows every problem at once.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import get_language

from fachstelle.core.models import Language


def language_label(language: Language) -> str:
    return language.label(get_language() or "de")


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects loaded beforehand; cleans to the object (None when empty).

    Unlike ModelChoiceField it does not query when rendered, and `groups` renders <optgroup>s.
    """

    def __init__(self, *, objects=(), label_of=str, empty_label="---------", groups=None, **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.set_objects(objects, label_of=label_of, groups=groups)

    def set_objects(self, objects, *, label_of=str, groups=None) -> None:
        """`groups`: [(group label, objects), …] instead of one flat list."""
        groups = groups if groups is not None else [(None, list(objects))]
        self.objects = {}
        choices = [("", self.empty_label)] if self.empty_label is not None else []
        for group_label, members in groups:
            options = []
            for obj in members:
                self.objects[str(obj.pk)] = obj
                options.append((str(obj.pk), label_of(obj)))
            if group_label is None:
                choices.extend(options)
            elif options:
                choices.append((group_label, options))
        self.choices = choices

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(str(value)) if value not in (None, "") else None

    def prepare_value(self, value):
        return str(value.pk) if hasattr(value, "pk") else value


class ObjectMultipleChoiceField(forms.MultipleChoiceField):
    """Several of the objects loaded beforehand (no query per option, checkboxes unless another widget is
    given); cleans to a list of objects."""

    def __init__(self, *, objects=(), label_of=str, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.set_objects(objects, label_of=label_of)

    def set_objects(self, objects, *, label_of=str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [(key, label_of(obj)) for key, obj in self.objects.items()]

    def clean(self, value):
        return [self.objects[key] for key in super().clean(value)]

    def prepare_value(self, value):
        return [str(getattr(item, "pk", item)) for item in value or []]


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
