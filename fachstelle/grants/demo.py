"""Grants demo data for `make run`: the funding programmes of Region Zofingen ("Kleinprojekte Integration"
2026, closed, and 2027, open now) and Lörrach ("Berufliche Integration 2026") with assessment criteria and
applications in every state: drafts (one with advice asked and answered), submitted, in review with one
assessment, rejected with a reason, approved with payouts planned, released and paid, a final report
submitted, settled with a repayment, closed.

Loaded by `manage.py load_demo_data` after the network demo (sponsors named like a network organisation are
linked to it; the others stay as typed). Offices without their <prefix>-admin and <prefix>-editor logins are
skipped. Idempotent: a programme is looked up by office + slug, an application by programme + project
title; everything below an application (budget lines, attachments, messages, assessments, grant, payouts,
final report) is created with it and only counted when it exists.

Rows are written directly, not through the grant services: those send e-mails, render decision letters and
audit staff actions, none of which a demo load is. The data is checked instead (`_check`): budgets add up,
requested ≤ programme maximum, grant ≤ requested, Σ payouts ≤ grant, commitments ≤ programme budget.
"""

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup
from fachstelle.network.models import Organisation
from fachstelle.offers.demo.offices import OFFICES

from .budget_math import budget_totals
from .demo_data import GRANTS
from .models import (
    ZERO,
    Application,
    ApplicationMessage,
    Assessment,
    AssessmentCriterion,
    AssessmentScore,
    Attachment,
    BudgetLine,
    FinalReport,
    FundingProgramme,
    Grant,
    Payout,
)

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
USER_PREFIX = {office["slug"]: office["user_prefix"] for office in OFFICES}


@dataclass
class GrantsDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def tally(self, kind: str, created: bool, count: int = 1) -> None:
        (self.created if created else self.existing)[kind] += count


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _at(value: str | None) -> datetime.datetime | None:
    """A local "YYYY-MM-DD HH:MM" as an aware datetime."""
    if not value:
        return None
    return datetime.datetime.fromisoformat(value).replace(tzinfo=TZ)


def weighted_score(scores: list[int], weights: list[int]) -> Decimal:
    """Σ(score × weight) / (MAX_SCORE × Σ weight) × 100, one decimal (the rule of the review)."""
    total = sum(score * weight for score, weight in zip(scores, weights, strict=True))
    value = Decimal(total * 100) / Decimal(AssessmentCriterion.MAX_SCORE * sum(weights))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def iban(country: str, bban: str) -> str:
    """An IBAN with correct check digits (ISO 13616 mod 97), printed in groups of four."""
    if not bban:
        return ""
    digits = "".join(str(int(char, 36)) for char in bban + country + "00")
    number = f"{country}{98 - int(digits) % 97:02d}{bban}"
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def demo_pdf(title: str) -> bytes:
    """A one-page PDF with `title` (ASCII), valid enough for viewers and for the upload type check (%PDF-)."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 16 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _check(programme_spec: dict, specs: list[dict]) -> None:
    """Refuse inconsistent demo data before anything is written (a typo must not reach the demo)."""
    committed = ZERO
    for spec in specs:
        lines = [{"kind": kind, "amount": amount} for kind, _c, _d, amount, _a in spec["lines"]]
        totals = budget_totals(lines, spec["requested"])
        where = f"{programme_spec['slug']}: {spec['title']}"
        if not totals.balanced:
            raise ValueError(f"{where}: the budget does not add up (difference {totals.difference})")
        if programme_spec["max_amount"] is not None and spec["requested"] > programme_spec["max_amount"]:
            raise ValueError(f"{where}: more requested than the programme maximum")
        if totals.own_share_percent < programme_spec["min_own_share_percent"]:
            raise ValueError(f"{where}: own share below the programme minimum")
        grant = spec.get("grant")
        if (grant is not None) != (spec["status"] == Application.Status.APPROVED):
            raise ValueError(f"{where}: an approved application has a grant, no other one has")
        if grant:
            if grant["amount"] > spec["requested"]:
                raise ValueError(f"{where}: grant above the requested amount")
            if sum(p["amount"] for p in grant["payouts"]) > grant["amount"]:
                raise ValueError(f"{where}: payouts above the grant")
            committed += grant["amount"]
    if committed > programme_spec["budget"]:
        raise ValueError(f"{programme_spec['slug']}: commitments above the budget")


class _OfficeGrants:
    def __init__(self, office: Office, users: dict, result: GrantsDemoResult):
        self.office, self.users, self.result = office, users, result
        self.areas = {area.code: area for area in PromotionArea.objects.all()}
        self.targets = {target.slug: target for target in TargetGroup.objects.all()}
        self.municipalities = {m.bfs_number: m for m in Municipality.objects.filter(country=office.country)}
        self.organisations = {o.name: o for o in Organisation.objects.filter(office=office)}

    # --- programmes -------------------------------------------------------------------------------

    def programme(self, spec: dict) -> FundingProgramme:
        programme = FundingProgramme.objects.filter(office=self.office, slug=spec["slug"]).first()
        self.result.tally("funding_programmes", programme is None)
        if programme is not None:
            self.result.tally("assessment_criteria", False, programme.criteria.count())
            return programme
        programme = FundingProgramme(
            office=self.office,
            year=spec["year"],
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            eligibility=spec["eligibility"],
            currency=spec["currency"],
            budget=spec["budget"],
            max_amount=spec["max_amount"],
            min_own_share_percent=spec["min_own_share_percent"],
            opens_on=_day(spec["opens_on"]),
            closes_on=_day(spec["closes_on"]),
            required_documents=spec["required_documents"],
            status=spec["status"],
        )
        programme.full_clean()
        programme.save()
        programme.promotion_areas.set([self.areas[code] for code in spec["kip"] if code in self.areas])
        for order, (name, description, weight) in enumerate(spec["criteria"]):
            criterion = AssessmentCriterion(
                programme=programme, name=name, description=description, weight=weight, order=order
            )
            criterion.full_clean()
            criterion.save()
            self.result.tally("assessment_criteria", True)
        return programme

    # --- applications -----------------------------------------------------------------------------

    def application(self, programme: FundingProgramme, spec: dict) -> None:
        existing = Application.objects.filter(programme=programme, project_title=spec["title"]).first()
        if existing is not None:
            self._tally_existing(existing)
            return
        submitted = _at(spec.get("submitted"))
        organisation = self.organisations.get(spec["sponsor"])
        application = Application(
            programme=programme,
            office=self.office,
            reference=spec["reference"],
            status=spec["status"],
            organisation=organisation,
            organisation_name=spec["sponsor"],
            legal_form=spec["legal_form"],
            street=spec["street"],
            postcode=spec["postcode"],
            city=spec["city"],
            website=organisation.website if organisation else "",
            contact_name=spec["contact"],
            contact_email=spec["email"],
            contact_phone=spec["phone"],
            iban=iban(self.office.country, spec["bban"]),
            account_holder=spec["holder"],
            project_title=spec["title"],
            summary=spec["summary"],
            description=spec["description"],
            goals=spec["goals"],
            target_group_text=spec["target_text"],
            expected_participants=spec["participants"],
            promotion_area=self.areas.get(spec["kip"]) if spec["kip"] else None,
            starts_on=_day(spec["starts"]),
            ends_on=_day(spec["ends"]),
            schedule=spec["schedule"],
            partners=spec["partners"],
            requested_amount=spec["requested"],
            publish_consent=spec["publish_consent"],
            advice_requested_at=_at(spec.get("advice_requested")),
            submitted_at=submitted,
            assigned_to=self.users["editor"] if submitted else None,
            recommendation=spec.get("recommendation", ""),
            recommended_amount=spec.get("recommended_amount"),
            decided_at=_at(spec.get("decided")),
            decided_by=self.users["admin"] if spec.get("decided") else None,
            rejection_reason=spec.get("rejection_reason", ""),
        )
        application.full_clean()
        application.save()
        # created_at is auto_now_add: backdate it to when the applicant started.
        Application.objects.filter(pk=application.pk).update(created_at=_at(spec["created"]))
        self.result.tally("applications", True)
        application.target_groups.set([self.targets[s] for s in spec["targets"] if s in self.targets])
        application.municipalities.set(
            [self.municipalities[n] for n in spec["bfs"] if n in self.municipalities]
        )
        self._budget_lines(application, spec)
        if submitted:
            self._attachments(application, Attachment.Stage.APPLICATION, programme.required_documents)
        self._messages(application, spec.get("messages", []))
        self._assessments(application, spec.get("assessments", []))
        if spec.get("grant"):
            grant = self._grant(application, spec["grant"])
            if spec.get("final_report"):
                self._final_report(grant, spec["final_report"])

    def _tally_existing(self, application: Application) -> None:
        self.result.tally("applications", False)
        for kind, queryset in [
            ("budget_lines", application.budget_lines.all()),
            ("attachments", application.attachments.all()),
            ("application_messages", application.messages.all()),
            ("assessments", application.assessments.all()),
            ("grants", Grant.objects.filter(application=application)),
            ("payouts", Payout.objects.filter(grant__application=application)),
            ("final_reports", FinalReport.objects.filter(grant__application=application)),
        ]:
            self.result.tally(kind, False, queryset.count())

    def _budget_lines(self, application: Application, spec: dict) -> None:
        for order, (kind, category, description, amount, actual) in enumerate(spec["lines"]):
            line = BudgetLine(
                application=application,
                kind=kind,
                category=category,
                description=description,
                amount=amount,
                actual_amount=actual if spec.get("final_report") else None,
                order=order,
            )
            line.full_clean()
            line.save()
            self.result.tally("budget_lines", True)

    def _attachments(self, application: Application, stage: str, labels: list[str]) -> None:
        sponsor = slugify(application.organisation_name)[:40]
        for label in labels:
            name = f"{slugify(label)}-{sponsor}.pdf"
            content = demo_pdf(f"{label} - {application.organisation_name} (Demo)")
            attachment = Attachment(
                application=application,
                stage=stage,
                label=label,
                original_name=name,
                content_type="application/pdf",
                size=len(content),
            )
            attachment.file.save(name, ContentFile(content), save=False)
            attachment.full_clean()
            attachment.save()
            self.result.tally("attachments", True)

    def _messages(self, application: Application, specs: list[tuple]) -> None:
        for author, text, internal, written in specs:
            message = ApplicationMessage(
                application=application,
                author=self.users[author] if author else None,
                text=text,
                internal=internal,
            )
            message.full_clean()
            message.save()
            ApplicationMessage.objects.filter(pk=message.pk).update(created_at=_at(written))
            self.result.tally("application_messages", True)

    def _assessments(self, application: Application, specs: list[tuple]) -> None:
        criteria = list(application.programme.criteria.all())
        weights = [criterion.weight for criterion in criteria]
        for reviewer, scores, recommendation, proposed, comment, written in specs:
            assessment = Assessment(
                application=application,
                reviewer=self.users[reviewer],
                recommendation=recommendation,
                proposed_amount=proposed,
                comment=comment,
            )
            assessment.full_clean()
            # weighted_score is not editable (computed by the review service); set it the same way here.
            assessment.weighted_score = weighted_score(scores, weights)
            assessment.save()
            when = _at(written)
            Assessment.objects.filter(pk=assessment.pk).update(created_at=when, updated_at=when)
            for criterion, score in zip(criteria, scores, strict=True):
                row = AssessmentScore(assessment=assessment, criterion=criterion, score=score)
                row.full_clean()
                row.save()
            self.result.tally("assessments", True)

    def _grant(self, application: Application, spec: dict) -> Grant:
        programme = application.programme
        report_due_on = None
        if application.ends_on:
            report_due_on = application.ends_on + datetime.timedelta(days=programme.report_due_days)
        grant = Grant(
            application=application,
            programme=programme,
            amount=spec["amount"],
            conditions=spec["conditions"],
            status=spec["status"],
            decided_at=application.decided_at,
            decided_by=application.decided_by,
            letter_sent_at=_at(spec["letter_sent"]),
            report_due_on=report_due_on,
            repayment_amount=spec.get("repayment", ZERO),
            repaid_amount=spec.get("repaid", ZERO),
            repaid_on=_day(spec.get("repaid_on")),
            settled_at=_at(spec.get("settled")),
            closed_at=_at(spec.get("closed")),
            publish=spec["publish"] and application.publish_consent,
        )
        grant.full_clean()
        grant.save()
        self.result.tally("grants", True)
        for number, item in enumerate(spec["payouts"], start=1):
            released = _at(item["released"])
            paid_on = _day(item["paid_on"])
            row = Payout(
                grant=grant,
                number=number,
                amount=item["amount"],
                planned_on=_day(item["planned_on"]),
                status=item["status"],
                # Four eyes: the administrator releases, the editor records the payment.
                released_at=released,
                released_by=self.users["admin"] if released else None,
                paid_on=paid_on,
                paid_recorded_by=self.users["editor"] if paid_on else None,
                booking_reference=item["booking"],
            )
            row.full_clean()
            row.save()
            self.result.tally("payouts", True)
        return grant

    def _final_report(self, grant: Grant, spec: dict) -> None:
        reviewed = _at(spec.get("reviewed"))
        report = FinalReport(
            grant=grant,
            status=spec["status"],
            activities=spec["activities"],
            goals_reached=spec["goals"],
            participants_reached=spec["participants"],
            lessons=spec["lessons"],
            submitted_at=_at(spec["submitted"]),
            reviewed_at=reviewed,
            reviewed_by=self.users["admin"] if reviewed else None,
            review_note=spec.get("note", ""),
        )
        report.full_clean()
        report.save()
        self.result.tally("final_reports", True)
        self._attachments(grant.application, Attachment.Stage.FINAL_REPORT, ["Abrechnung mit Belegen"])


def _office_users(office: Office) -> dict | None:
    prefix = USER_PREFIX.get(office.slug)
    users = {
        user.username.removeprefix(f"{prefix}-"): user
        for user in get_user_model().objects.filter(username__in=[f"{prefix}-admin", f"{prefix}-editor"])
    }
    return users if {"admin", "editor"} <= set(users) else None


def load_grants_demo() -> GrantsDemoResult:
    """Create whatever of the grants demo is missing."""
    result = GrantsDemoResult()
    with transaction.atomic():
        for office in Office.objects.filter(slug__in=list(GRANTS)).order_by("slug"):
            users = _office_users(office)
            if users is None:
                continue
            demo = _OfficeGrants(office, users, result)
            for programme_spec, applications in GRANTS[office.slug]:
                _check(programme_spec, applications)
                programme = demo.programme(programme_spec)
                for spec in applications:
                    demo.application(programme, spec)
    return result
