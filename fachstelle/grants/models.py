"""Project grants (Projektförderung): funding programmes with a budget, applications by sponsors with budget
lines and attachments, reviews, the decision (a `Grant`), payouts, the final report and the settlement.

Money is Decimal with two places, never negative. The programme's budget figures are always computed from the
rows (selectors/budget.py); approvals lock the programme row, so commitments never exceed the budget."""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup
from fachstelle.network.models import Organisation

ZERO = Decimal("0.00")
money_validators = [MinValueValidator(ZERO)]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def money_field(verbose_name, **kwargs):
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=money_validators, **kwargs
    )


class Currency(models.TextChoices):
    CHF = "CHF", "CHF"
    EUR = "EUR", "EUR"


class FundingProgramme(models.Model):
    """A programme of one office and year, e.g. "Kleinprojekte Integration 2026" with CHF 30,000."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        OPEN = "open", _("Open for applications")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="funding_programmes", verbose_name=_("office")
    )
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown. Shown to applicants.")
    )
    eligibility = models.TextField(
        _("eligibility criteria"), blank=True, help_text=_("Who may apply and what is funded. Markdown.")
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.CHF)
    budget = money_field(_("budget"))
    max_amount = models.DecimalField(
        _("maximum per project"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
    )
    min_own_share_percent = models.PositiveSmallIntegerField(
        _("minimum own contribution (% of costs)"), default=0, help_text=_("0: no minimum.")
    )
    promotion_areas = models.ManyToManyField(
        PromotionArea, blank=True, related_name="funding_programmes", verbose_name=_("KIP promotion areas")
    )
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"))
    required_documents = models.JSONField(
        _("required documents"),
        default=list,
        blank=True,
        help_text=_(
            'Labels of the documents every application must include, e.g. ["Statutes", "Annual accounts"].'
        ),
    )
    report_due_days = models.PositiveIntegerField(
        _("final report due (days after the project ends)"), default=60
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_funded_projects = models.BooleanField(
        _("publish the funded projects"),
        default=True,
        help_text=_("List funded projects on the public site (only those whose sponsor agreed)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "slug"], name="programme_unique_slug"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="programme_window_valid"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="programme_budget_not_negative"),
        ]

    def __str__(self):
        return self.name


class AssessmentCriterion(models.Model):
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("programme")
    )
    name = models.CharField(_("criterion"), max_length=200)
    description = models.CharField(_("what to look at"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Scores are given from 0 (not met) to MAX_SCORE (fully met).
    MAX_SCORE = 5

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Application(models.Model):
    """A sponsor's application (Gesuch). Reached by the applicant through a personal link (`token`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        INFORMAL_GROUP = "group", _("Informal group")
        FOUNDATION = "foundation", _("Foundation")
        INSTITUTION = "institution", _("Public institution")
        COMPANY = "company", _("Company / cooperative")
        OTHER = "other", _("Other")

    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office"))
    reference = models.CharField(_("reference"), max_length=30, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The sponsor: picked from the network by staff, or as typed by the applicant.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("organisation in the network"),
    )
    organisation_name = models.CharField(_("sponsor"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=12, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    iban = models.CharField(_("IBAN for payouts"), max_length=40, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    # The project.
    project_title = models.CharField(_("project title"), max_length=200, blank=True)
    summary = models.CharField(_("short description"), max_length=500, blank=True)
    description = models.TextField(_("project description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="grant_applications", verbose_name=_("target groups")
    )
    target_group_text = models.CharField(_("target groups in your words"), max_length=300, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), null=True, blank=True)
    promotion_area = models.ForeignKey(
        PromotionArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("KIP promotion area"),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("where the project takes place"),
    )
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    schedule = models.TextField(_("schedule and milestones"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    requested_amount = money_field(_("requested amount"))
    publish_consent = models.BooleanField(
        _("may be listed publicly if funded"),
        default=False,
        help_text=_(
            "The office may publish the project title, sponsor and amount in its list of funded projects."
        ),
    )
    advice_requested_at = models.DateTimeField(_("advice requested"), null=True, blank=True)
    # The applicant's personal link; the key recognises a double click on "submit".
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Staff review.
    checklist = models.JSONField(_("completeness checklist"), default=dict, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    recommendation = models.TextField(_("recommendation"), blank=True)
    recommended_amount = models.DecimalField(
        _("recommended amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "status"], name="application_programme_status"),
            models.Index(fields=["office", "status", "-submitted_at"], name="application_office_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="application_requested_not_negative"
            ),
            models.UniqueConstraint(
                fields=["office", "reference"],
                condition=~Q(reference=""),
                name="application_unique_reference",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="application_end_after_start",
            ),
        ]

    def __str__(self):
        return self.reference or self.project_title or f"#{self.pk}"


class BudgetLine(models.Model):
    """One line of the project budget: a cost, or income (own contribution, third-party funding)."""

    class Kind(models.TextChoices):
        COST = "cost", _("Cost")
        OWN = "own", _("Own contribution")
        THIRD_PARTY = "third_party", _("Third-party funding")

    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel and fees")
        VOLUNTEERS = "volunteers", _("Volunteer expenses")
        ROOMS = "rooms", _("Rooms and rent")
        MATERIAL = "material", _("Material")
        INTERPRETING = "interpreting", _("Interpreting and translation")
        CHILDCARE = "childcare", _("Childcare")
        COMMUNICATION = "communication", _("Communication and printing")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COST)
    category = models.CharField(
        _("category"), max_length=14, choices=Category.choices, default=Category.OTHER
    )
    description = models.CharField(_("description"), max_length=300)
    amount = money_field(_("amount"))
    actual_amount = models.DecimalField(
        _("actual amount (final report)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["application", "kind"], name="budgetline_application_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0),
                name="budgetline_actual_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.description}: {self.amount}"


class Attachment(models.Model):
    """A document of an application or of its final report: checked for size and real type on upload."""

    class Stage(models.TextChoices):
        APPLICATION = "application", _("Application")
        FINAL_REPORT = "final_report", _("Final report")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.APPLICATION)
    label = models.CharField(
        _("document"), max_length=200, help_text=_("e.g. Statutes, Annual accounts, Photo")
    )
    file = models.FileField(_("file"), upload_to="grants/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ApplicationMessage(models.Model):
    """Fachberatung and internal notes: a thread per application. Applicant messages come through the personal
    link; staff messages are either visible to the applicant (advice) or internal."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages", verbose_name=_("application")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
        help_text=_("Empty: written by the applicant."),
    )
    text = models.TextField(_("message"), max_length=5000)
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Assessment(models.Model):
    """One reviewer's assessment: a score per criterion, a comment and a recommendation."""

    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REDUCE = "reduce", _("Approve a lower amount")
        REJECT = "reject", _("Reject")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewer")
    )
    recommendation = models.CharField(_("recommendation"), max_length=10, choices=Recommendation.choices)
    proposed_amount = models.DecimalField(
        _("proposed amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
    )
    comment = models.TextField(_("comment"), blank=True)
    weighted_score = models.DecimalField(
        _("weighted score (0–100)"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="assessment_one_per_reviewer"),
        ]

    def __str__(self):
        return f"{self.application} – {self.reviewer}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        AssessmentCriterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__lte=AssessmentCriterion.MAX_SCORE), name="score_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class Grant(models.Model):
    """The approved contribution: what was decided, the letter, and what happened with the money."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REPORT_DUE = "report_due", _("Final report due")
        REPORT_SUBMITTED = "report_submitted", _("Final report submitted")
        SETTLED = "settled", _("Settled")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="grant", verbose_name=_("application")
    )
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, related_name="grants", verbose_name=_("programme")
    )
    amount = money_field(_("approved amount"))
    conditions = models.TextField(_("conditions"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPROVED)
    decided_at = models.DateTimeField(_("decided"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    letter = models.FileField(_("decision letter"), upload_to="grants/letters/%Y/", blank=True)
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)
    report_due_on = models.DateField(_("final report due"), null=True, blank=True)
    report_reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # Settlement: unused funds the sponsor pays back.
    repayment_amount = money_field(_("repayment due"))
    repaid_amount = money_field(_("repaid"))
    repaid_on = models.DateField(_("repaid on"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    publish = models.BooleanField(_("listed publicly"), default=False)

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["programme", "status"], name="grant_programme_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_not_negative"),
            models.CheckConstraint(condition=Q(repaid_amount__gte=0), name="grant_repaid_not_negative"),
        ]

    def __str__(self):
        return f"{self.application} ({self.amount})"


class Payout(models.Model):
    """An instalment: planned, released by staff (four-eyes when set up so), paid."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RELEASED = "released", _("Released")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    grant = models.ForeignKey(
        Grant, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("grant")
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    amount = money_field(_("amount"))
    planned_on = models.DateField(_("planned for"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment recorded by"),
    )
    booking_reference = models.CharField(_("booking reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="payout_unique_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
        ]

    def __str__(self):
        return f"{self.grant} #{self.number}"


class FinalReport(models.Model):
    """The sponsor's final report through the personal link: what was done, whom it reached, actual costs
    (on the budget lines' `actual_amount`), photos and documents (attachments of stage final_report)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    grant = models.OneToOneField(
        Grant, on_delete=models.CASCADE, related_name="final_report", verbose_name=_("grant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    activities = models.TextField(_("what was done"), blank=True)
    goals_reached = models.TextField(_("goals reached"), blank=True)
    participants_reached = models.PositiveIntegerField(_("participants reached"), null=True, blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("note to the sponsor"), blank=True)

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self):
        return f"{self.grant}"
