"""Two offices and a user of every role, for the back-office tests (core and offers)."""

from dataclasses import dataclass

from django import forms

from fachstelle.core.models import Membership, Office, User
from fachstelle.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    UserFactory,
    make_offer,
)
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer


@dataclass
class World:
    office_a: Office
    office_b: Office
    provider_a: Organisation
    provider_b: Organisation
    offer_a: Offer
    offer_b: Offer
    superuser: User
    a_admin: User
    a_editor: User
    b_editor: User
    staff_without_office: User


def build_world() -> World:
    aarburg, zofingen, allschwil = (MunicipalityFactory(name=n) for n in ("Aarburg", "Zofingen", "Allschwil"))
    office_a = OfficeFactory(
        short_name="Region A", municipalities=[aarburg, zofingen], content_languages=["fr", "ar", "ti"]
    )
    office_b = OfficeFactory(short_name="Gemeinde B", municipalities=[allschwil], content_languages=["fr"])
    provider_a = OrganisationFactory(office=office_a, name="Verein Deutsch Aarburg")
    provider_b = OrganisationFactory(office=office_b, name="Treffpunkt Allschwil")
    offer_a = make_offer(
        office=office_a,
        provider=provider_a,
        title="Deutschkurs Aarburg",
        m2m={"municipalities": [aarburg.pk]},
    )
    offer_b = make_offer(
        office=office_b,
        provider=provider_b,
        title="Elterncafé Allschwil",
        m2m={"municipalities": [allschwil.pk]},
    )
    a_admin = MembershipFactory(office=office_a, role=Membership.Role.ADMIN, user__username="a_admin").user
    a_editor = MembershipFactory(office=office_a, role=Membership.Role.EDITOR, user__username="a_editor").user
    b_editor = MembershipFactory(office=office_b, role=Membership.Role.EDITOR, user__username="b_editor").user
    return World(
        office_a=office_a,
        office_b=office_b,
        provider_a=provider_a,
        provider_b=provider_b,
        offer_a=offer_a,
        offer_b=offer_b,
        superuser=UserFactory(username="root", is_superuser=True),
        a_admin=a_admin,
        a_editor=a_editor,
        b_editor=b_editor,
        staff_without_office=UserFactory(username="lonely"),
    )


def _add_form(data: dict, form) -> None:
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            if not isinstance(bound.field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)


def admin_form_data(response) -> dict:
    """The POST data of an admin add/change page as rendered (main form, inline forms, management forms)."""
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = str(bound.value())
        for form in formset.forms:
            _add_form(data, form)
    return data
