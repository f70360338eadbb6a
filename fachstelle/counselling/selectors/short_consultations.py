"""Reads of short consultations: the recording page's helpers and totals per topic."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation

from fachstelle.core.models import Language, Office

from ..models import ShortConsultation, Topic

# How many of the office's most used languages are offered first, and from how far back they are counted.
FREQUENT_LANGUAGES = 6
FREQUENT_SINCE = datetime.timedelta(days=365)


def short_consultations_recent(*, office: Office, user, limit: int = 10) -> list[ShortConsultation]:
    """The user's last entries (newest first) with what a row shows, in one query."""
    return list(
        ShortConsultation.objects.filter(office=office, recorded_by=user)
        .select_related("topic", "language", "municipality")
        .order_by("-created_at", "-pk")[:limit]
    )


def short_consultation_get_own(*, office: Office, user, consultation_id: int) -> ShortConsultation | None:
    """One of the user's own entries, or None."""
    return ShortConsultation.objects.filter(office=office, recorded_by=user, pk=consultation_id).first()


@dataclass(frozen=True)
class TodayCounts:
    mine: int
    office: int


def short_consultation_counts_today(*, office: Office, user) -> TodayCounts:
    """Today's short consultations of the user and of the whole office (one query)."""
    counts = ShortConsultation.objects.filter(office=office, held_on=timezone.localdate()).aggregate(
        mine=Count("pk", filter=Q(recorded_by=user)), office=Count("pk")
    )
    return TodayCounts(mine=counts["mine"], office=counts["office"])


def short_consultation_languages(*, office: Office) -> tuple[list[Language], list[Language]]:
    """(the office's most used languages of the last year, most used first; all other languages)."""
    since = timezone.localdate() - FREQUENT_SINCE
    frequent_ids = list(
        ShortConsultation.objects.filter(office=office, held_on__gte=since, language__isnull=False)
        .values("language_id")
        .annotate(uses=Count("pk"))
        .order_by("-uses", "language_id")
        .values_list("language_id", flat=True)[:FREQUENT_LANGUAGES]
    )
    languages = {language.pk: language for language in Language.objects.all()}
    frequent = [languages[pk] for pk in frequent_ids if pk in languages]
    others = [language for pk, language in languages.items() if pk not in set(frequent_ids)]
    return frequent, others


@dataclass
class TopicTotal:
    topic: Topic
    label: str
    count: int = 0
    minutes: int = 0


@dataclass
class ShortConsultationTotals:
    date_from: datetime.date
    date_to: datetime.date
    topics: list[TopicTotal] = field(default_factory=list)
    count: int = 0
    minutes: int = 0


def short_consultation_totals(
    *, office: Office, date_from: datetime.date, date_to: datetime.date
) -> ShortConsultationTotals:
    """Number and minutes of short consultations per topic in a period (every topic listed; two queries:
    the aggregate and the topics)."""
    per_topic = {
        row["topic_id"]: row
        for row in ShortConsultation.objects.filter(office=office, held_on__range=(date_from, date_to))
        .values("topic_id")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    }
    language = translation.get_language() or "de"
    result = ShortConsultationTotals(date_from=date_from, date_to=date_to)
    for topic in Topic.objects.order_by("order", "name"):
        row = per_topic.get(topic.pk, {})
        total = TopicTotal(
            topic=topic, label=topic.label(language), count=row.get("n", 0), minutes=row.get("minutes") or 0
        )
        result.topics.append(total)
        result.count += total.count
        result.minutes += total.minutes
    return result
