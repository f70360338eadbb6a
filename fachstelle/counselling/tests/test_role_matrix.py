"""The access matrix of counselling: every role × every counselling URL, GET and POST.

The URL list is read from the URL configuration, so a new view is in the matrix the moment it exists; a
URL keyword this test cannot fill fails the test (add it to `url_kwargs`).

Expected, per kind of URL:
- anonymous: sent to the login page, never data;
- staff of another office, editors: 403 everywhere (statistics-only users: only the needs analysis);
- a counsellor of the same office who is not assigned: 403 on every page of the other counsellor's
  case or client (an audit entry "denied" is written), and lists without that case;
- the assigned counsellor and the office admin: the pages open (admin-only pages: only the admin).
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import (
    Consent,
    FollowUp,
    IntegrationPlan,
    PersonalDataExport,
    PlanGoal,
    PlanStep,
    Referral,
)
from fachstelle.counselling.tests.factories import (
    CaseFactory,
    CounsellingSessionFactory,
    InterpreterBookingFactory,
    InterpreterFactory,
    ShortConsultationFactory,
    counselling_world,
)

# URLs only the office admin may open (besides nobody else).
ADMIN_ONLY = {
    "audit_log",
    "case_reassign",
    "client_delete_on_request",
    "interpreter_create",
    "interpreter_edit",
    "interpreter_set_active",
    "subject_access_export",
}
# URLs open to statistics-only users (anonymised aggregates).
STATISTICS_OPEN = {"needs_analysis", "needs_analysis_csv", "needs_analysis_chart"}
# URLs that show or change one case or client of the assigned counsellor.
PERSONAL_KWARGS = {"case_id", "client_id", "referral_id", "follow_up_id", "goal_id", "step_id", "consent_id"}


def counselling_url_names() -> list[tuple[str, list[str]]]:
    resolver = get_resolver()
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "counselling" and pattern.name:
                names.append((pattern.name, list(pattern.pattern.regex.groupindex)))

    walk(resolver.url_patterns, None)
    return sorted({(name, tuple(kwargs)) for name, kwargs in names})


@pytest.fixture
def matrix(db, vocab):
    world = counselling_world()
    case = CaseFactory(office=world.office, counsellor=world.counsellor, summary="Geheimnotiz-4711")
    client = case.client
    CounsellingSessionFactory(case=case)
    partner = world.office.organisations.create(name="Caritas Aargau", slug="caritas")
    consent = Consent.objects.create(
        client=client,
        scope=Consent.Scope.SHARING,
        partner=partner,
        given_on=case.opened_on,
        method=Consent.Method.SIGNED_PAPER,
    )
    referral = Referral.objects.create(case=case, organisation=partner)
    follow_up = FollowUp.objects.create(case=case, due_on=datetime.date.today(), note="Rückruf")
    plan = IntegrationPlan.objects.create(client=client, agreed_on=case.opened_on)
    goal = PlanGoal.objects.create(plan=plan, category="work", title="Stelle finden")
    step = PlanStep.objects.create(goal=goal, description="Bewerbung", responsible="Person")
    interpreter = InterpreterFactory(office=world.office)
    booking = InterpreterBookingFactory(
        office=world.office, interpreter=interpreter, case=case, language=vocab["languages"]["ti"]
    )
    consultation = ShortConsultationFactory(office=world.office, recorded_by=world.counsellor)
    export = PersonalDataExport.objects.create(
        office=world.office,
        requested_by=world.counsellor,
        kind=PersonalDataExport.Kind.CASE_LIST,
        expires_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30),
    )
    MunicipalityFactory(bfs_number=4289, name="Zofingen")
    kwargs = {
        "case_id": case.pk,
        "client_id": client.pk,
        "referral_id": referral.pk,
        "follow_up_id": follow_up.pk,
        "goal_id": goal.pk,
        "step_id": step.pk,
        "consent_id": consent.pk,
        "booking_id": booking.pk,
        "interpreter_id": interpreter.pk,
        "consultation_id": consultation.pk,
        "export_id": export.pk,
        "user_id": world.colleague.pk,
        "section": "topics",
        "fmt": "svg",
    }
    return world, case, kwargs


def url_for(name, kwarg_names, kwargs, office):
    missing = [k for k in kwarg_names if k not in kwargs]
    assert not missing, f"{name}: the matrix cannot fill {missing}; add them to the fixture"
    return reverse(
        f"counselling:{name}", kwargs={"office_slug": office.slug, **{k: kwargs[k] for k in kwarg_names}}
    )


def fetch(client, url):
    """GET and POST answers of `url`, without "method not allowed" (a POST-only action answers GET with 405,
    which shows nothing); at least one method must be allowed."""
    responses = [r for r in (client.get(url), client.post(url, {})) if r.status_code != 405]
    assert responses, url
    return responses


@pytest.mark.django_db
def test_every_counselling_url_keeps_to_the_role_matrix(matrix, client):
    world, case, kwargs = matrix
    urls = [(name, kw, url_for(name, kw, kwargs, world.office)) for name, kw in counselling_url_names()]
    assert len(urls) > 20  # the whole counselling UI, not an empty resolver

    # Anonymous: login page.
    for name, _kw, url in urls:
        for response in fetch(client, url):
            assert response.status_code == 302, name
            assert "/staff/login/" in response["Location"], name

    # Another office's counsellor, the office's editor: nothing.
    for user in (world.foreign_counsellor, world.editor):
        login_verified(client, user)
        for name, _kw, url in urls:
            for response in fetch(client, url):
                assert response.status_code == 403, (user.username, name, response.status_code)
        client.logout()

    # Statistics-only: the aggregates, nothing else.
    login_verified(client, world.statistics)
    for name, _kw, url in urls:
        expected_open = name in STATISTICS_OPEN
        for response in fetch(client, url):
            if expected_open:
                assert response.status_code in (200, 302), (name, response.status_code)
            else:
                assert response.status_code == 403, (name, response.status_code)
    client.logout()

    # A colleague counsellor of the same office: not the other counsellor's case or client.
    login_verified(client, world.colleague)
    denied_before = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, actor=world.colleague).count()
    for name, kw, url in urls:
        responses = fetch(client, url)
        if name in ADMIN_ONLY or set(kw) & PERSONAL_KWARGS or {"booking_id", "export_id"} & set(kw):
            for response in responses:
                assert response.status_code in (403, 404), (name, response.status_code)
        else:
            # Lists and forms open, but never show the case.
            for response in responses:
                assert response.status_code in (200, 302, 400), (name, response.status_code)
                if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                    assert case.reference not in response.content.decode(), name
                    assert "Geheimnotiz-4711" not in response.content.decode(), name
    denied_after = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, actor=world.colleague).count()
    assert denied_after > denied_before  # the attempts are in the audit log
    client.logout()

    # The assigned counsellor: every page of their case opens; admin-only pages do not.
    login_verified(client, world.counsellor)
    for name, _kw, url in urls:
        response = client.get(url)
        if name in ADMIN_ONLY:
            assert response.status_code in (403, 405), (name, response.status_code)
        else:
            assert response.status_code in (200, 302, 405), (name, response.status_code)
    client.logout()

    # The office admin: everything opens.
    login_verified(client, world.admin)
    for name, _kw, url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 405), (name, response.status_code)

    # Nothing of the case changed through all those POSTs of unauthorised users.
    case.refresh_from_db()
    assert case.summary == "Geheimnotiz-4711"
    assert case.counsellor == world.counsellor
