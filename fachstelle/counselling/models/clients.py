from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fachstelle.core.countries import COUNTRIES
from fachstelle.core.crypto import EncryptedCharField, EncryptedTextField
from fachstelle.core.models import Language, Municipality, Office
from fachstelle.network.models import Organisation


class GoalCategory(models.TextChoices):
    LANGUAGE = "language", _("Language")
    WORK = "work", _("Work")
    TRAINING = "training", _("Vocational training")
    EDUCATION = "education", _("School and education")
    RECOGNITION = "recognition", _("Recognition of qualifications")
    FAMILY = "family", _("Family and children")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    FINANCES = "finances", _("Finances")
    PARTICIPATION = "participation", _("Social participation")
    NATURALISATION = "naturalisation", _("Residence and naturalisation")
    OTHER = "other", _("Other")


class Client(models.Model):
    """A person counselled (ratsuchende Person): minimal data, name encrypted, found through blind indexes."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        DIVERSE = "diverse", _("diverse")

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="clients", verbose_name=_("office")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("responsible counsellor"),
    )
    name = EncryptedCharField(_("name or pseudonym"), max_length=200)
    is_pseudonym = models.BooleanField(_("pseudonym"), default=False)
    # HMACs of the normalised name (duplicate check) and of its word prefixes (quick search).
    name_fingerprint = models.CharField(max_length=16, blank=True, db_index=True, editable=False)
    name_tokens = models.TextField(blank=True, editable=False)
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    country_of_origin = models.CharField(_("country of origin"), max_length=2, choices=COUNTRIES, blank=True)
    permit_category = models.CharField(
        _("residence permit"), max_length=8, blank=True, help_text=_("Category of the residence permit.")
    )
    arrival_date = models.DateField(_("arrival"), null=True, blank=True)
    household_adults = models.PositiveSmallIntegerField(
        _("adults in household"), default=1, validators=[MaxValueValidator(30)]
    )
    household_children = models.PositiveSmallIntegerField(
        _("children in household"), default=0, validators=[MaxValueValidator(30)]
    )
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    email = EncryptedCharField(_("e-mail"), max_length=254, blank=True)
    address = EncryptedTextField(_("address"), max_length=300, blank=True)
    # Optimistic locking: every save through the services increments it (see services.locking).
    version = models.PositiveIntegerField(default=1, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["office", "counsellor"], name="client_office_counsellor")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"P-{self.pk:06d}" if self.pk else ""


class ClientLanguage(models.Model):
    class Level(models.TextChoices):
        NATIVE = "native", _("mother tongue")
        C2 = "C2", "C2"
        C1 = "C1", "C1"
        B2 = "B2", "B2"
        B1 = "B1", "B1"
        A2 = "A2", "A2"
        A1 = "A1", "A1"
        NONE = "none", _("no knowledge")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="languages", verbose_name=_("client")
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)

    class Meta:
        verbose_name = _("language of the client")
        verbose_name_plural = _("languages of the client")
        constraints = [models.UniqueConstraint(fields=["client", "language"], name="client_language_unique")]

    def __str__(self):
        return f"{self.language} {self.level}"


class Intake(models.Model):
    """The intake profile (Erstgespräch): education, work experience, goals, interpreting need."""

    class Education(models.TextChoices):
        NONE = "none", _("No schooling")
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school (Matura, baccalaureate)")
        VOCATIONAL = "vocational", _("Vocational training")
        TERTIARY = "tertiary", _("University or college")
        UNKNOWN = "unknown", _("Unknown")

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="intake", verbose_name=_("client")
    )
    held_on = models.DateField(_("intake date"))
    education = models.CharField(
        _("highest education"), max_length=20, choices=Education.choices, default=Education.UNKNOWN
    )
    school_years = models.PositiveSmallIntegerField(
        _("years of schooling"), null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    work_experience = EncryptedTextField(_("work experience"), max_length=4000, blank=True)
    goals_text = EncryptedTextField(_("goals in the person's words"), max_length=4000, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    interpreter_language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interpreting language"),
    )
    notes = EncryptedTextField(_("notes"), max_length=8000, blank=True)
    informed_about_data_protection = models.BooleanField(_("informed about data protection"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [models.Index(fields=["held_on"], name="intake_held_on")]

    def __str__(self):
        return f"{self.client} {self.held_on}"


class IntakeGoal(models.Model):
    """A goal category chosen at intake (a row each, so the needs analysis can count them in SQL)."""

    intake = models.ForeignKey(
        Intake, on_delete=models.CASCADE, related_name="goals", verbose_name=_("intake")
    )
    category = models.CharField(_("goal"), max_length=20, choices=GoalCategory.choices)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["intake", "category"], name="intake_goal_unique")]

    def __str__(self):
        return self.get_category_display()


class Qualification(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School leaving certificate")
        VOCATIONAL = "vocational", _("Vocational qualification")
        UNIVERSITY = "university", _("University degree")
        OTHER = "other", _("Other qualification")

    class Recognition(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        NOT_STARTED = "not_started", _("Not applied for")
        IN_PROGRESS = "in_progress", _("In progress")
        RECOGNISED = "recognised", _("Recognised")
        PARTIAL = "partial", _("Partially recognised")
        REFUSED = "refused", _("Refused")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("client")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = EncryptedCharField(_("title"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1940)]
    )
    recognition = models.CharField(
        _("recognition"), max_length=12, choices=Recognition.choices, default=Recognition.NOT_STARTED
    )

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.get_kind_display()


class Consent(models.Model):
    """What the person agreed to, when and how; withdrawable (a withdrawn consent is kept, marked)."""

    class Scope(models.TextChoices):
        STORAGE = "storage", _("Storing the data")
        CONTACT = "contact", _("Being contacted")
        SHARING = "sharing", _("Sharing data with a partner")

    class Method(models.TextChoices):
        SIGNED_PAPER = "signed_paper", _("Signed on paper")
        ORAL_INTERPRETER = "oral_interpreter", _("Oral, with interpreter")
        ORAL = "oral", _("Oral")
        ELECTRONIC = "electronic", _("Electronically")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="consents", verbose_name=_("client")
    )
    scope = models.CharField(_("consent to"), max_length=10, choices=Scope.choices)
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
        help_text=_("Required for sharing: the organisation the data may go to."),
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    note = EncryptedTextField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scope="sharing") | models.Q(partner__isnull=False),
                name="consent_sharing_needs_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return self.get_scope_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class IntegrationPlan(models.Model):
    """The integration plan of one client: goals, agreed steps, who does what by when."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, related_name="integration_plan", verbose_name=_("client")
    )
    agreed_on = models.DateField(_("agreed on"))
    review_on = models.DateField(_("next review"), null=True, blank=True)
    note = EncryptedTextField(_("note"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("integration plan")
        verbose_name_plural = _("integration plans")

    def __str__(self):
        return f"{self.client}"


class PlanGoal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        IntegrationPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    category = models.CharField(_("area"), max_length=20, choices=GoalCategory.choices)
    title = EncryptedCharField(_("goal"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal of the plan")
        verbose_name_plural = _("goals of the plan")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="plan_goal_progress_max_100")
        ]

    def __str__(self):
        return self.get_category_display()


class PlanStep(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("goal"))
    description = EncryptedTextField(_("step"), max_length=500)
    responsible = models.CharField(
        _("responsible"), max_length=120, help_text=_("e.g. the person, the counsellor, a partner")
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.goal} {self.due_on}"
