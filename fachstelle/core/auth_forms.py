"""Forms of the staff login: password, authenticator code, backup code."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

TOTP_DIGITS = 6


class StaffLoginForm(AuthenticationForm):
    """Django's login form (authenticate() runs django-axes first) with the browser hints password
    managers need."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


def code_widget(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", **attrs})


class TotpCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("6 digits; a new code appears every 30 seconds."),
        max_length=12,
        widget=code_widget(inputmode="numeric", pattern=r"[0-9 ]*", autofocus=True),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s", "", self.cleaned_data["token"])
        if not re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", token):
            raise forms.ValidationError(_("Enter the 6-digit code shown in your authenticator app."))
        return token


class VerifyForm(forms.Form):
    """A code from the app, or one of the backup codes (when the phone is not at hand)."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("6 digits; a new code appears every 30 seconds."),
        max_length=12,
        required=False,
        widget=code_widget(inputmode="numeric", pattern=r"[0-9 ]*", autofocus=True),
    )
    backup_code = forms.CharField(
        label=_("Or one of your backup codes"),
        help_text=_("8 letters and digits; each backup code works once."),
        max_length=20,
        required=False,
        widget=code_widget(autocapitalize="none"),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s", "", self.cleaned_data["token"])
        if token and not re.fullmatch(rf"\d{{{TOTP_DIGITS}}}", token):
            raise forms.ValidationError(_("Enter the 6-digit code shown in your authenticator app."))
        return token

    def clean_backup_code(self) -> str:
        return re.sub(r"[\s-]", "", self.cleaned_data["backup_code"]).lower()

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("token") and not cleaned.get("backup_code"):
            raise forms.ValidationError(_("Enter the code from your authenticator app or a backup code."))
        return cleaned
