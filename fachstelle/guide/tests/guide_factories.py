"""Building blocks of the welcome guide's tests (test_guide_*.py): an office with languages and
municipalities, pages created through the services, roles."""

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.guide.models import GuidePage
from fachstelle.guide.services import guide_page_create, guide_translation_save

LANGUAGES = ["ar", "ti", "uk"]


def make_office(**fields):
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg")
    fields.setdefault("content_languages", list(LANGUAGES))
    office = OfficeFactory(municipalities=[zofingen, aarburg], **fields)
    office.zofingen, office.aarburg = zofingen, aarburg
    return office


def page_create(office, title="Ankommen", *, by=None, **fields):
    fields.setdefault("status", GuidePage.Status.PUBLISHED)
    fields.setdefault("body", f"Text über {title}.")
    return guide_page_create(office=office, by=by, fields={"title": title, **fields})


def translate(page, language="ar", *, state="done", **fields):
    fields.setdefault("title", f"{page.title} [{language}]")
    fields.setdefault("body", f"Übersetzt {language}")
    return guide_translation_save(page=page, language=language, by=None, fields=fields, state=state)


def member(office, role=Membership.Role.EDITOR, **user_fields):
    return MembershipFactory(office=office, role=role, user=UserFactory(**user_fields)).user
