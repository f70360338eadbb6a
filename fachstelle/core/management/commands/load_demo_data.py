"""`manage.py load_demo_data`: the offices of the seeds with offers, providers and staff logins, and the
counselling, network, welcome-guide, events, news, grants and projects demos on top.

Run by `make run` every time; it only creates what is missing (see fachstelle.offers.demo.loader).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

KINDS = ("municipalities", "offices", "users", "memberships", "providers", "offers", "translations")


class Command(BaseCommand):
    help = "Load the demo offices, municipalities, providers, offers and staff logins (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with the production settings (creates logins with a published password).",
        )

    def handle(self, *args, **options):
        from fachstelle.offers.demo.loader import demo_data_load
        from fachstelle.offers.demo.offices import DEMO_PASSWORD

        if settings.SETTINGS_MODULE.endswith(".production") and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo data with production settings: it creates staff logins with a "
                "published password. Use --allow-production if you really mean it."
            )
        result = demo_data_load()
        # Counselling demo (counsellors, clients, cases) on top of the directory's offices and offers.
        from fachstelle.counselling.demo import DEMO_TOTP_KEY, load_counselling_demo

        counselling = load_counselling_demo()
        # Network demo (organisations, key persons, inquiries, reports, meetings) on top of both.
        from fachstelle.network.demo import load_network_demo

        network = load_network_demo()
        # Welcome guide, events and news on top of the offices and the network's organisations.
        from fachstelle.events.demo import load_events_demo
        from fachstelle.guide.demo import load_guide_demo
        from fachstelle.news.demo import load_news_demo

        content = [load_guide_demo(), load_events_demo(), load_news_demo()]
        # Grants (programmes, applications, payouts) and projects on top of the network and the events.
        from fachstelle.grants.demo import load_grants_demo
        from fachstelle.projects.demo import load_projects_demo

        content += [load_grants_demo(), load_projects_demo()]
        # KOMPAKT population statistics (through the import service) for the Region Zofingen office.
        from fachstelle.kompakt.demo import load_kompakt_demo

        content.append(load_kompakt_demo())
        # The KOMPAKT process of Oftringen: working group, workshops, the canton's catalogue with the needs
        # for action, the programme and its implementation — each step on top of the one before.
        from fachstelle.kompakt.demo_catalogue import load_catalogue_demo
        from fachstelle.kompakt.demo_implementation import load_implementation_demo
        from fachstelle.kompakt.demo_process import load_process_demo
        from fachstelle.kompakt.demo_programme import load_programme_demo
        from fachstelle.kompakt.demo_workshops import load_workshops_demo

        for load in (
            load_process_demo,
            load_workshops_demo,
            load_catalogue_demo,
            load_programme_demo,
            load_implementation_demo,
        ):
            content.append(load())
        # The canton of Aargau's office, which sees the figures of the offices of its canton.
        from fachstelle.reporting.demo import load_reporting_demo

        reporting = load_reporting_demo()
        content.append(reporting)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for kind in KINDS:
            self.stdout.write(
                f"  {kind:<15} {result.created[kind]:>4} created, {result.existing[kind]:>4} existing"
            )
        for kind in sorted(set(counselling.created) | set(counselling.existing)):
            created, existing = counselling.created[kind], counselling.existing[kind]
            self.stdout.write(f"  {kind:<20} {created:>4} created, {existing:>4} existing")
        for demo in [network, *content]:
            for kind in sorted(set(demo.created) | set(demo.existing)):
                created, existing = demo.created[kind], demo.existing[kind]
                self.stdout.write(f"  {kind:<20} {created:>4} created, {existing:>4} existing")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}), back office at /admin/:")
        for login in result.logins:
            where = f" – {login.office}" if login.office else ""
            self.stdout.write(f"  {login.username:<18} {login.role}{where}")
        for username, role, office in [*counselling.logins, *network.logins, *reporting.logins]:
            self.stdout.write(f"  {username:<18} {role} – {office}")
        self.stdout.write(
            "Superuser, office administrators and counsellors log in with a second factor: "
            f"`manage.py otp_code <username>` prints it (demo authenticator key {DEMO_TOTP_KEY})."
        )
