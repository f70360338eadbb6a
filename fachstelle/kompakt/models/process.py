"""The KOMPAKT process of one municipality (seed 002): phases, the municipality's working group, the three
workshops with their minutes, the needs for action they identify, and the dates the municipality blocks.

The workshop rhythm (a start session of 1.5 h and two sessions of 4 h about two weeks apart, the programme
six weeks after the last workshop) is stored per process so that an office can adapt it; the defaults are
the seed's."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup


class Process(models.Model):
    """KOMPAKT for one municipality, from the planning meeting to quality assurance."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Running")
        IMPLEMENTATION = "implementation", _("In implementation")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="kompakt_processes", verbose_name=_("office")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="kompakt_processes",
        verbose_name=_("municipality"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead at the office"),
    )
    municipal_contact_name = models.CharField(_("contact at the municipality"), max_length=200, blank=True)
    municipal_contact_email = models.EmailField(_("e-mail of the contact"), blank=True)
    municipal_contact_phone = models.CharField(_("phone of the contact"), max_length=40, blank=True)
    # The workshop rhythm (seed 002); the planner and the effort estimate read these.
    start_session_hours = models.DecimalField(
        _("length of the start session (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
    )
    session_hours = models.DecimalField(
        _("length of the two workshop sessions (hours)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("4"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
    )
    weeks_between_sessions = models.PositiveSmallIntegerField(
        _("weeks between sessions"), default=2, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    programme_weeks_after_workshops = models.PositiveSmallIntegerField(
        _("weeks from the last workshop to the programme"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    programme_due_on = models.DateField(_("programme due"), null=True, blank=True)
    # Overrides of the effort model's assumptions (see services/effort.py); empty: the defaults.
    effort_assumptions = models.JSONField(_("effort assumptions"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("KOMPAKT process")
        verbose_name_plural = _("KOMPAKT processes")
        ordering = ["municipality__name", "-created_at"]
        constraints = [
            # One running process per municipality and office; finished or cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["office", "municipality"],
                condition=~Q(status__in=["completed", "cancelled"]),
                name="kompakt_process_one_open_per_municipality",
            ),
        ]

    def __str__(self):
        return f"KOMPAKT {self.municipality}"


class Phase(models.Model):
    """One of the six phases of a process with its dates and status."""

    class Kind(models.TextChoices):
        PLANNING = "planning", _("Planning meeting")
        PREPARATION = "preparation", _("Preparation")
        WORKSHOPS = "workshops", _("Workshops")
        PROGRAMME = "programme", _("Writing the programme")
        IMPLEMENTATION = "implementation", _("Implementation")
        QUALITY = "quality", _("Quality assurance")

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    ORDER = [kind for kind, _label in Kind.choices]

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="kompakt_phase_once_per_process"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="kompakt_phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def save(self, *args, **kwargs):
        self.position = self.ORDER.index(self.kind) if self.kind in self.ORDER else 99
        super().save(*args, **kwargs)


class WorkingGroupMember(models.Model):
    """A member of the municipality's working group, taken from the network where possible."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        ADMINISTRATION = "administration", _("Administration / secretariat")
        GUEST = "guest", _("Guest / expert")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="members")
    contact = models.ForeignKey(
        "network.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kompakt_memberships",
        verbose_name=_("contact person of the network"),
    )
    key_person = models.ForeignKey(
        "network.KeyPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kompakt_memberships",
        verbose_name=_("key person"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    department = models.CharField(
        _("department"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Schule, Sozialdienst, Einwohnerkontrolle"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["process", "role", "name"]

    def __str__(self):
        return self.name


class BlockedDate(models.Model):
    """A period in which the municipality cannot hold a workshop (council meeting, local fair, …)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="blocked_dates")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("blocked date")
        verbose_name_plural = _("blocked dates")
        ordering = ["process", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="kompakt_blocked_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on} {self.reason}"


class SchoolHoliday(models.Model):
    """School holidays of a canton (or German state): reference data the workshop planner avoids."""

    canton = models.CharField(_("canton / state"), max_length=4, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("school holidays")
        verbose_name_plural = _("school holidays")
        ordering = ["canton", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["canton", "starts_on"], name="school_holiday_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="school_holiday_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.canton} {self.name} {self.starts_on.year}"


class Workshop(models.Model):
    """One of the working group's sessions: the start session or one of the two workshops."""

    class Kind(models.TextChoices):
        START = "start", _("Start session")
        FIRST = "first", _("First workshop")
        SECOND = "second", _("Second workshop")
        EXTRA = "extra", _("Additional session")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="workshops")
    kind = models.CharField(_("session"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(12 * 60)]
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    # Minutes (filled after the session).
    minutes = models.TextField(_("minutes"), blank=True)
    areas_discussed = models.ManyToManyField(
        PromotionArea, blank=True, related_name="+", verbose_name=_("portrait areas discussed")
    )
    attendees = models.ManyToManyField(
        WorkingGroupMember, blank=True, related_name="workshops_attended", verbose_name=_("present")
    )
    # Bumped on every change of date or place so that calendar programs update the invitation (ICS SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["process", "starts_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%d.%m.%Y}"


class NeedForAction(models.Model):
    """A need for action (Handlungsbedarf) the working group identified in one KIP promotion area."""

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="needs")
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("identified in"),
    )
    promotion_area = models.ForeignKey(
        PromotionArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("KIP promotion area")
    )
    title = models.CharField(_("need for action"), max_length=200)
    rationale = models.TextField(_("rationale"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("need for action")
        verbose_name_plural = _("needs for action")
        ordering = ["process", "pk"]

    def __str__(self):
        return self.title
