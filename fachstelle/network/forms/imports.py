"""Forms of the organisation import: the upload (file and what to do with existing organisations) and the
confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fachstelle.core.tabular import MAX_FILE_BYTES, TabularError, read_upload

from ..services.imports import Mode


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    mode = forms.ChoiceField(
        label=_("Organisations that already exist"),
        choices=Mode.CHOICES,
        initial=Mode.SKIP,
        widget=forms.RadioSelect,
        help_text=_("An organisation exists when the office has one with the same name or the same e-mail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(mb)s MB. The first row names the columns.") % {
            "mb": MAX_FILE_BYTES // 1024 // 1024
        }

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            data, file_type = read_upload(uploaded)
        except TabularError as exc:
            raise forms.ValidationError(exc.messages) from exc
        self.cleaned_data["data"] = data
        self.cleaned_data["file_type"] = file_type
        return uploaded


class ImportConfirmForm(forms.Form):
    # What the preview showed; the import refuses when validation now gives another plan.
    fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)
    accept_valid_rows = forms.BooleanField(required=False, widget=forms.HiddenInput)
