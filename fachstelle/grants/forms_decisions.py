"""Forms of the decision, payout and settlement pages. Amounts are text: the services parse them and name
the problem (negative, too many decimals, over the budget)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Payout

PLAN_ROWS = 4


class ApproveForm(forms.Form):
    amount = forms.CharField(label=_("Approved amount"), max_length=20)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, PLAN_ROWS + 1):
            self.fields[f"plan_amount_{number}"] = forms.CharField(
                label=_("Instalment %(n)s: amount") % {"n": number}, required=False, max_length=20
            )
            self.fields[f"plan_date_{number}"] = forms.DateField(
                label=_("Instalment %(n)s: date") % {"n": number},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def plan_rows(self):
        return [(self[f"plan_amount_{n}"], self[f"plan_date_{n}"]) for n in range(1, PLAN_ROWS + 1)]

    def clean(self):
        data = super().clean()
        plan = []
        for number in range(1, PLAN_ROWS + 1):
            amount = (data.get(f"plan_amount_{number}") or "").strip()
            planned_on = data.get(f"plan_date_{number}")
            if amount and not planned_on:
                self.add_error(f"plan_date_{number}", _("Enter the date of this instalment."))
            elif planned_on and not amount:
                self.add_error(f"plan_amount_{number}", _("Enter the amount of this instalment."))
            elif amount:
                plan.append((amount, planned_on))
        data["payout_plan"] = plan
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (goes into the letter)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class PayoutAddForm(forms.Form):
    amount = forms.CharField(label=_("Amount"), max_length=20)
    planned_on = forms.DateField(label=_("Planned for"), widget=forms.DateInput(attrs={"type": "date"}))


class PayoutPaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    booking_reference = forms.CharField(label=_("Booking reference"), required=False, max_length=60)


class PayoutFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (planned or released)")), ("all", _("All")), *list(Payout.Status.choices)],
    )
    due_until = forms.DateField(
        label=_("Due until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    programme = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (p.pk, f"{p.name} ({p.year})") for p in programmes
        ]


class ReturnReportForm(forms.Form):
    review_note = forms.CharField(
        label=_("What the sponsor should complete"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class SettleForm(forms.Form):
    repayment_amount = forms.CharField(label=_("Repayment"), max_length=20, required=False)
    reason = forms.CharField(
        label=_("Reason for another amount"),
        required=False,
        max_length=250,
    )


class RepaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount received"), max_length=20)
    on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
