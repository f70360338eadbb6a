"""Numbers of the portrait in the office country's convention (kompakt_numbers): CH 13’918 and 12.5 %,
DE 13.918 and 12,5 %; on the page and in the PDF's HTML."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.kompakt.portrait_pdf import portrait_pdf_html
from fachstelle.kompakt.selectors.portrait import offer_inventory, portrait_figures
from fachstelle.kompakt.templatetags.kompakt_numbers import format_count, format_decimal
from fachstelle.kompakt.tests.portrait_world import figure, statistics_world


@pytest.mark.parametrize(
    ("value", "country", "text"),
    [
        (13918, "CH", "13\u2019918"),
        (13918, "DE", "13.918"),
        (999, "CH", "999"),
        (1000, "CH", "1\u2019000"),
        (1234567, "DE", "1.234.567"),
        (-4200, "CH", "-4\u2019200"),
        (0, "DE", "0"),
        (None, "CH", "–"),
        (12.6, "CH", "13"),
    ],
)
def test_format_count(value, country, text):
    assert format_count(value, country) == text


@pytest.mark.parametrize(
    ("value", "country", "text"),
    [
        (12.5, "CH", "12.5"),
        (12.5, "DE", "12,5"),
        (12, "CH", "12.0"),
        (0.05, "DE", "0,1"),
        (-3.25, "CH", "-3.3"),
        (12345.6, "CH", "12\u2019345.6"),
        (12345.6, "DE", "12.345,6"),
        (None, "DE", "–"),
    ],
)
def test_format_decimal(value, country, text):
    assert format_decimal(value, country) == text


def test_filters_take_an_office_or_a_country():
    template = Template(
        "{% load kompakt_numbers %}{{ n|count:office }} {{ p|percent:office }} {{ q|percent:'DE' }}"
    )
    office = OfficeFactory.build(country="CH")
    assert template.render(Context({"n": 13918, "p": 21.64, "q": 21.64, "office": office})) == (
        "13\u2019918 21.6 % 21,6 %"
    )
    assert Template("{% load kompakt_numbers %}{{ p|percent }}").render(Context({"p": None})) == "–"


@pytest.fixture
def big_world(english, vocab):
    world = statistics_world()
    figure(world.oftringen, 2024, "CH", "CH", 20, "m", 13_408).save()  # 510 + 13,408 = 13,918
    return world


@pytest.mark.django_db
def test_swiss_portrait_uses_apostrophes(client, big_world):
    login_verified(client, big_world.editor)
    url = reverse(
        "kompakt:portrait_detail", kwargs={"office_slug": big_world.office.slug, "bfs_number": 4280}
    )
    html = client.get(url).content.decode()
    assert '<td class="num">13\u2019918</td>' in html
    assert "13918" not in html
    assert "0.8 %" in html  # 110 foreign of 13,918


@pytest.mark.django_db
def test_german_portrait_uses_points_and_commas(client, english, vocab):
    loerrach = MunicipalityFactory(
        bfs_number=8336050, name="Lörrach", country="DE", canton="BW", district="Lörrach"
    )
    figure(loerrach, 2024, "CH", "CH", 30, "f", 12_000).save()  # "CH" = Germans under the DE mapping
    figure(loerrach, 2024, "TR", "C", 30, "m", 1_918).save()
    office = OfficeFactory(country="DE", municipalities=[loerrach])
    editor = MembershipFactory(office=office, role="editor").user
    login_verified(client, editor)
    url = reverse("kompakt:portrait_detail", kwargs={"office_slug": office.slug, "bfs_number": 8336050})
    html = client.get(url).content.decode()
    assert '<td class="num">13.918</td>' in html
    assert "13,8 %" in html  # 1,918 of 13,918
    figures = portrait_figures(municipality=loerrach, year=2024)
    pdf_html = portrait_pdf_html(
        office=office,
        figures=figures,
        inventory=offer_inventory(office=office, municipality=loerrach),
        sections=[],
    )
    assert "13.918" in pdf_html and "13,8 %" in pdf_html
