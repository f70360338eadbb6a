"""Every periodic job of fachstelle, in one place.

Each entry is a management command with its cadence as a systemd `OnCalendar` expression (local time of
settings.TIME_ZONE) and the reason for that cadence. `manage.py scheduled_jobs` lists them;
`manage.py scheduled_jobs --write-systemd DIR` writes one .service and one .timer per job
(deploy/systemd/ holds the generated files; a test keeps them in step with this list).

Every command here is idempotent and safe when two runs overlap (claims by conditional UPDATE or
select_for_update), so a missed run is caught up by the next one (timers are `Persistent=true`) and a
second machine running the same timer by mistake changes nothing twice. Still: enable the timers on one
machine only (docs/deploy.md, "Scaling out").
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ScheduledJob:
    command: str
    # systemd OnCalendar expression without time zone (the unit writer appends settings.TIME_ZONE).
    on_calendar: str
    why: str
    args: tuple[str, ...] = field(default=())

    @property
    def unit_name(self) -> str:
        return "fachstelle-job-" + self.command.replace("_", "-")

    @property
    def argv(self) -> list[str]:
        return [self.command, *self.args]


SCHEDULE: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        "publish_scheduled_news",
        "*-*-* *:*:00",
        "Records due publications and unpublications of news and refreshes the cached office home pages, "
        "so a cached page is never more than a minute late.",
    ),
    ScheduledJob(
        "purge_expired_exports",
        "*-*-* *:05:00",
        "Deletes password-protected exports of personal data PERSONAL_EXPORT_DAYS after the request; "
        "hourly, so an archive never outlives its expiry by more than an hour.",
    ),
    ScheduledJob(
        "warm_canton_reports",
        "*-*-* *:40:00",
        "Computes the canton's comparison of its offices ahead of a visit (slow over many offices), so the "
        "canton view answers from the cache. Hourly: the figures may be an hour old.",
    ),
    ScheduledJob(
        "anonymise_closed_cases",
        "*-*-* 02:15:00",
        "Retention of counselling: anonymises closed cases past the office's retention period, then "
        "their persons. Nightly, when nobody works on cases.",
    ),
    ScheduledJob(
        "anonymise_closed_reports",
        "*-*-* 02:20:00",
        "Retention of the reporting point: closed reports past the retention period lose what they say "
        "about people. Nightly, next to the cases.",
    ),
    ScheduledJob(
        "anonymise_past_registrations",
        "*-*-* 02:25:00",
        "Removes names and contacts of registrations of events that ended "
        "EVENT_REGISTRATION_RETENTION_DAYS ago. Nightly; a day's delay does not matter.",
    ),
    ScheduledJob(
        "import_calendar_feeds",
        "*-*-* 03:30:00",
        "Imports the partners' iCal feeds. Nightly: partners' calendars change slowly and the fetches "
        "should not compete with daytime traffic.",
    ),
    ScheduledJob(
        "purge_brochures",
        "*-*-* 03:45:00",
        "Deletes the files of superseded welcome brochures after their 24-hour grace period. Daily is "
        "enough for a grace period of a day.",
    ),
    ScheduledJob(
        "prune_task_results",
        "*-*-* 04:00:00",
        "Deletes finished background-task results of the database queue (successful after 14 days, "
        "failed after 30) and warns about tasks stuck in 'running'. Daily keeps the queue table small.",
    ),
    ScheduledJob(
        "backup",
        "*-*-* 04:30:00",
        "Encrypted archive of the database and the files into BACKUP_DIR, keeping the newest 14. After the "
        "retention jobs, so a restored backup does not bring back data the rules had already removed.",
        ("--keep", "14"),
    ),
    ScheduledJob(
        "request_offer_confirmations",
        "*-*-* 06:00:00",
        "Asks providers to confirm their offers once a year and flags or hides overdue ones. Daily, "
        "before office hours, so replies arrive while staff are there.",
    ),
    ScheduledJob(
        "send_grant_report_reminders",
        "*-*-* 07:00:00",
        "Reminds sponsors of final reports due within 14 days or overdue (at most every 14 days per "
        "grant). Daily, in the morning.",
    ),
    ScheduledJob(
        "send_event_reminders",
        "*-*-* 08:00:00",
        "Reminds everyone registered for tomorrow's events, once per registration. Daily at 08:00, so "
        "the reminder arrives the day before, in the morning.",
    ),
)

# Commands of the project that are deliberately not scheduled, with the reason; a test checks that every
# command under fachstelle/*/management/commands is either scheduled or listed here.
NOT_SCHEDULED: dict[str, str] = {
    "compile_catalogues": "Deploy step (make, install-debian.sh), not periodic.",
    "load_demo_data": "Demo installations only; refuses production settings.",
    "otp_code": "Demo and review helper; refuses without DEBUG.",
    "rotate_encryption_keys": "Run by hand during a key rotation.",
    "restore": "Disaster recovery, by hand (docs/backups.md).",
    "load_school_holidays": "Loads a fixed list shipped with the code; run after an update that changes it.",
    "scheduled_jobs": "This list itself; writes the timers at deploy time.",
    "bench_session": "Benchmarks only.",
    "generate_bench_data": "Benchmarks only.",
    "generate_bench_counselling": "Benchmarks only.",
    "generate_bench_content": "Benchmarks only.",
    "generate_bench_grants": "Benchmarks only.",
    "generate_bench_network": "Benchmarks only.",
    "generate_bench_reporting": "Benchmarks only.",
    "generate_bench_statistics": "Benchmarks only.",
}


def scheduled_job_get(command: str) -> ScheduledJob:
    for job in SCHEDULE:
        if job.command == command:
            return job
    raise KeyError(command)
