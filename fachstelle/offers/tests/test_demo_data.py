"""`manage.py load_demo_data`: the seeds' offices with real official numbers, idempotent, and the
acceptance path (free German course with childcare in Aarburg, read in French) works on the loaded data."""

from io import StringIO

from django.core.management import call_command
from django.db.models import F
from django.http import QueryDict
from django.test import SimpleTestCase, TestCase

from fachstelle.core.models import Membership, Municipality, Office, Revision, User
from fachstelle.core.translation import TranslationStatus, translation_status
from fachstelle.network.models import Organisation
from fachstelle.offers.demo.offers import OFFERS
from fachstelle.offers.demo.offices import DEMO_PASSWORD, OFFICES
from fachstelle.offers.demo.translations import CHANGED_AFTER_TRANSLATION, TRANSLATIONS
from fachstelle.offers.models import Location, Offer, OfferTranslation
from fachstelle.offers.selectors import offer_filters_parse, offer_localized, offer_search, vocabulary_load

AARBURG_COURSE = "Deutschkurs für Mütter mit Kinderhüte"


def _load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    """Everything a re-run could add or change."""
    return {
        "municipalities": Municipality.objects.count(),
        "offices": list(Office.objects.order_by("pk").values_list("pk", "directory_version")),
        "users": list(User.objects.order_by("pk").values_list("username", "password")),
        "memberships": Membership.objects.count(),
        "organisations": Organisation.objects.count(),
        "offers": list(Offer.objects.order_by("pk").values_list("pk", "updated_at", "source_revision")),
        "locations": Location.objects.count(),
        "translations": list(OfferTranslation.objects.order_by("pk").values_list("pk", "updated_at")),
        "revisions": Revision.objects.count(),
    }


def _contrast_on_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


class DemoDataModuleTests(SimpleTestCase):
    """The plain data modules are consistent (no database needed)."""

    def test_offer_titles_are_unique_per_office(self):
        for slug, offers in OFFERS.items():
            titles = [offer["title"] for offer in offers]
            self.assertEqual(len(titles), len(set(titles)), slug)

    def test_every_translation_belongs_to_an_offer_and_a_content_language_of_its_office(self):
        titles = {(slug, offer["title"]) for slug, offers in OFFERS.items() for offer in offers}
        languages = {office["slug"]: set(office["content_languages"]) for office in OFFICES}
        for key, by_language in TRANSLATIONS.items():
            self.assertIn(key, titles)
            self.assertLessEqual(set(by_language), languages[key[0]], key)
        self.assertLessEqual(set(CHANGED_AFTER_TRANSLATION), set(TRANSLATIONS))

    def test_office_colours_keep_4_5_to_1_contrast_on_white(self):
        for office in OFFICES:
            self.assertGreaterEqual(_contrast_on_white(office["primary_color"]), 4.5, office["slug"])

    def test_swiss_offers_are_written_without_sharp_s(self):
        for slug in ("allschwil", "region-zofingen", "kanton-zuerich"):
            for offer in OFFERS[slug]:
                texts = [value for value in offer.values() if isinstance(value, str)]
                self.assertFalse(any("ß" in text for text in texts), offer["title"])


class LoadDemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = _load()

    def test_offices_serve_their_municipalities_with_official_numbers(self):
        served = {
            office.slug: {(m.bfs_number, m.name, m.canton, m.country) for m in office.municipalities.all()}
            for office in Office.objects.prefetch_related("municipalities")
        }
        # Kanton Aargau's office (reporting demo) sees its canton's offices and serves no municipality itself.
        self.assertEqual(
            set(served), {"allschwil", "region-zofingen", "kanton-zuerich", "loerrach", "kanton-aargau"}
        )
        self.assertEqual(served["kanton-aargau"], set())
        self.assertEqual(served["allschwil"], {(2762, "Allschwil", "BL", "CH")})
        zofingen = {
            (4271, "Aarburg"), (4273, "Bottenwil"), (4274, "Brittnau"), (4279, "Murgenthal"),
            (4280, "Oftringen"), (4282, "Rothrist"), (4283, "Safenwil"), (4285, "Strengelbach"),
            (4286, "Uerkheim"), (4287, "Vordemwald"), (4288, "Wiliberg"), (4289, "Zofingen"),
        }  # fmt: skip
        self.assertEqual({(n, name) for n, name, _c, _k in served["region-zofingen"]}, zofingen)
        self.assertEqual({(c, k) for _n, _name, c, k in served["region-zofingen"]}, {("AG", "CH")})
        self.assertEqual(
            {(n, name) for n, name, _c, _k in served["kanton-zuerich"]},
            {(261, "Zürich"), (230, "Winterthur"), (198, "Uster"), (191, "Dübendorf"), (243, "Dietikon")},
        )
        self.assertEqual(
            served["loerrach"],
            {
                (8336050, "Lörrach", "BW", "DE"),
                (8336091, "Weil am Rhein", "BW", "DE"),
                (8336069, "Rheinfelden (Baden)", "BW", "DE"),
            },
        )
        loerrach = Office.objects.get(slug="loerrach")
        self.assertEqual((loerrach.country, loerrach.canton, loerrach.kind), ("DE", "BW", "district"))

    def test_a_second_run_creates_and_changes_nothing(self):
        before = _snapshot()
        output = _load()
        self.assertEqual(_snapshot(), before)
        self.assertIn("0 created", output)
        self.assertNotRegex(output, r"[1-9]\d* created")

    def test_a_second_run_keeps_a_changed_password(self):
        editor = User.objects.get(username="zofingen-editor")
        editor.set_password("a-new-secret-of-the-editor")
        editor.save()
        _load()
        editor.refresh_from_db()
        self.assertTrue(editor.check_password("a-new-secret-of-the-editor"))
        self.assertFalse(editor.check_password(DEMO_PASSWORD))

    def test_staff_logins_with_roles_per_office(self):
        admin = User.objects.get(username="admin")
        self.assertTrue(admin.is_superuser and admin.is_staff and admin.check_password(DEMO_PASSWORD))
        for office in OFFICES:
            prefix = office["user_prefix"]
            memberships = Membership.objects.filter(office__slug=office["slug"]).select_related("user")
            roles = {(m.user.username, m.role) for m in memberships}
            # The directory's roles; counselling adds counsellors (fachstelle/counselling/tests/test_demo.py).
            self.assertLessEqual(
                {(f"{prefix}-admin", Membership.Role.ADMIN), (f"{prefix}-editor", Membership.Role.EDITOR)},
                roles,
            )
            self.assertEqual(
                {role for _name, role in roles} - {"admin", "editor", "counsellor", "statistics", "steering"},
                set(),
            )
            self.assertTrue(all(m.user.is_staff and not m.user.is_superuser for m in memberships))
            self.assertIn(f"{prefix}-editor", self.output)
        self.assertIn(DEMO_PASSWORD, self.output)

    def test_offers_are_written_through_the_services(self):
        offers = Offer.objects.all()
        self.assertGreaterEqual(offers.count(), 55)
        per_office = {o.slug: o.offers.count() for o in Office.objects.all()}
        self.assertEqual(max(per_office, key=per_office.get), "region-zofingen")
        self.assertGreater(per_office["allschwil"], per_office["kanton-zuerich"])
        # Search columns filled and a first version recorded for every offer.
        self.assertFalse(offers.filter(search_document="").exists())
        revised = set(
            Revision.objects.filter(content_type__model="offer").values_list("object_id", flat=True)
        )
        self.assertEqual(revised, set(offers.values_list("pk", flat=True)))
        statuses = set(offers.values_list("status", flat=True))
        self.assertEqual(statuses, {"published", "draft", "review", "archived"})
        self.assertEqual(offers.filter(status="archived").count(), 1)
        self.assertTrue(offers.filter(childcare=True).exists() and offers.filter(is_online=True).exists())
        self.assertTrue(Location.objects.filter(by_appointment=True).exists())
        published = offers.filter(status="published")
        self.assertGreater(published.filter(last_confirmed_at__isnull=False).count(), published.count() * 0.9)
        # Every offer's provider belongs to the offer's office.
        self.assertFalse(offers.exclude(provider__office=F("office")).exists())

    def test_translations_cover_every_status(self):
        translations = OfferTranslation.objects.select_related("offer")
        statuses = {translation_status(t.offer, t) for t in translations}
        self.assertEqual(
            statuses,
            {
                TranslationStatus.UP_TO_DATE,
                TranslationStatus.MACHINE,
                TranslationStatus.OUTDATED,
                TranslationStatus.IN_TRANSLATION,
            },
        )
        self.assertGreaterEqual(translations.values("offer").distinct().count(), 20)
        self.assertGreaterEqual(
            translations.filter(language__in=["ar", "ti", "uk", "tr"]).values("offer").distinct().count(), 10
        )

    def test_free_german_course_with_childcare_in_aarburg_is_found_and_read_in_french(self):
        office = Office.objects.get(slug="region-zofingen")
        vocabulary = vocabulary_load(office=office)
        filters = offer_filters_parse(
            params=QueryDict("q=Deutschkurs&free=1&childcare=1&municipality=4271"), vocabulary=vocabulary
        )
        self.assertEqual(filters.messages, [])
        result = offer_search(office=office, filters=filters, vocabulary=vocabulary, language="fr")
        self.assertIn(AARBURG_COURSE, [offer.title for offer in result.offers])
        for offer in result.offers:
            self.assertEqual(offer.office_id, office.pk)
            self.assertEqual(offer.cost_type, Offer.CostType.FREE)
            self.assertTrue(offer.childcare)
        course = next(offer for offer in result.offers if offer.title == AARBURG_COURSE)
        french = offer_localized(course, "fr")
        self.assertFalse(french.is_fallback)
        self.assertEqual(french.status, TranslationStatus.UP_TO_DATE)
        self.assertEqual(french.title, "Cours d'allemand pour mères avec garde d'enfants")
        self.assertEqual(
            french.childcare_note, "Garde d'enfants dès 3 mois, gratuite, dans la salle voisine."
        )

    def test_the_aarburg_course_is_not_in_another_offices_directory(self):
        office = Office.objects.get(slug="allschwil")
        vocabulary = vocabulary_load(office=office)
        filters = offer_filters_parse(params=QueryDict("q=Kinderhüte"), vocabulary=vocabulary)
        result = offer_search(office=office, filters=filters, vocabulary=vocabulary, language="de")
        self.assertNotIn(AARBURG_COURSE, [offer.title for offer in result.offers])
        self.assertFalse(any(offer.office_id != office.pk for offer in result.offers))
