"""Fixtures of the news tests: an office with staff of every role, items, images made in memory."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory
from fachstelle.news.models import NewsItem
from fachstelle.news.services import news_create


def png_upload(size=(2400, 1200), *, mode="RGB", name="photo.png", exif=None) -> SimpleUploadedFile:
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", exif=exif) if exif else image.save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_upload(size=(800, 600), *, exif=None, name="photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="JPEG", **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def office(db):
    return OfficeFactory(
        name="Fachstelle Integration Region Aarau", short_name="Region Aarau", content_languages=["fr", "ar"]
    )


@pytest.fixture
def other_office(db):
    return OfficeFactory(name="Fachstelle Baden", short_name="Baden")


@pytest.fixture
def staff(office):
    """One user per role of `office`."""
    return {
        role: MembershipFactory(office=office, role=role, user__username=f"news-{role}").user
        for role in Membership.Role.values
    }


@pytest.fixture
def make_item(office, staff):
    """A news item through the service; visible now unless told otherwise."""

    def make(**fields):
        target = fields.pop("office", office)
        image = fields.pop("image", None)
        values = {
            "title": "Neuer Deutschkurs in Aarau",
            "teaser": "Ab März gibt es einen Abendkurs.",
            "body": "Der Kurs findet **dienstags** statt.",
            "image_alt": "",
            "status": NewsItem.Status.READY,
            "publish_at": timezone.now() - timedelta(hours=1),
            "unpublish_at": None,
        }
        values.update(fields)
        return news_create(office=target, by=staff["editor"], fields=values, image=image)

    return make
