"""Forms of KOMPAKT's statistics import: the upload and the office's column mapping."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.tabular import TabularError, read_upload

from .services.statistics_import import COLUMNS, MAX_FILE_BYTES


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(mb)s MB. Nothing is imported before you confirm on the next page."
        ) % {"mb": MAX_FILE_BYTES // 1024 // 1024}

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            data, file_type = read_upload(uploaded, max_bytes=MAX_FILE_BYTES)
        except TabularError as exc:
            raise forms.ValidationError(exc.messages) from exc
        self.cleaned_data["data"] = data
        self.cleaned_data["file_type"] = file_type
        return uploaded


class ColumnMappingForm(forms.Form):
    """One text input per target column (the header of the office's files) and the value translations as
    JSON. The column fields are added from the import's COLUMNS."""

    values = forms.CharField(
        label=_("Value translations (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "code"}),
        help_text=_(
            'Codes of your files mapped to the documented ones, e.g. {"sex": {"1": "m", "2": "f"}, '
            '"permit": {"Deutsche": "CH"}}. Keys: municipality, nationality, permit, age_group, sex.'
        ),
    )

    def __init__(self, *args, mapping=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if mapping is not None:
            for key, name in (mapping.columns or {}).items():
                initial.setdefault(f"column_{key}", name)
            if mapping.values:
                initial.setdefault("values", json.dumps(mapping.values, ensure_ascii=False, indent=2))
        super().__init__(*args, **kwargs)
        column_fields = {}
        for column in COLUMNS:
            column_fields[f"column_{column.key}"] = forms.CharField(
                label=column.header,
                required=False,
                max_length=120,
                help_text=column.help,
                widget=forms.TextInput(attrs={"placeholder": column.header}),
            )
        # The column inputs come first, then the translations.
        self.fields = {**column_fields, "values": self.fields["values"]}

    def column_fields(self):
        return [self[f"column_{column.key}"] for column in COLUMNS]

    def clean_values(self):
        text = (self.cleaned_data.get("values") or "").strip()
        if not text:
            return {}
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from exc
        if not isinstance(values, dict):
            raise forms.ValidationError(_("The value translations must be a JSON object."))
        return values

    def columns(self) -> dict[str, str]:
        return {
            column.key: self.cleaned_data.get(f"column_{column.key}", "")
            for column in COLUMNS
            if self.cleaned_data.get(f"column_{column.key}")
        }
