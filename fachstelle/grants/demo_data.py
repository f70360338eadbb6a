"""The content of the grants demo (fachstelle.grants.demo): funding programmes of Region Zofingen and Lörrach
with criteria and applications in every state of the process.

Dates are fixed (the demo tells the story of the 2026 funding round as seen in late November 2026); times
are local (Europe/Zurich). Sponsors named like an organisation of the network demo
(fachstelle/network/demo_data.py, fachstelle/offers/demo/providers.py) are linked to it; the others are as
typed by the applicant. People, e-mail addresses, phone numbers and account numbers are invented.
Municipalities are official numbers.

A budget line is (kind, category, description, amount, actual amount of the final report or None). The
loader refuses an application whose lines do not add up to the requested amount (costs − own − third party).
An assessment is (reviewer, [score per criterion in order], recommendation, proposed amount, comment, when);
reviewers, message authors and deciders are "admin" / "editor" of the office (<prefix>-admin,
<prefix>-editor).
"""

from decimal import Decimal

# Zofingen region (BFS numbers, see fachstelle/offers/demo/offices.py).
AARBURG, BRITTNAU, MURGENTHAL, OFTRINGEN, ROTHRIST = 4271, 4274, 4279, 4280, 4282
STRENGELBACH, VORDEMWALD, ZOFINGEN = 4285, 4287, 4289
# Landkreis Lörrach (AGS without the leading zero).
LOERRACH, WEIL, RHEINFELDEN = 8336050, 8336091, 8336069

COST, OWN, THIRD = "cost", "own", "third_party"


def D(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def line(kind, category, description, amount, actual=None):
    return (kind, category, description, D(amount), None if actual is None else D(actual))


def payout(amount, planned_on, status="planned", released=None, paid_on=None, booking=""):
    return {
        "amount": D(amount),
        "planned_on": planned_on,
        "status": status,
        "released": released,
        "paid_on": paid_on,
        "booking": booking,
    }


# --- Region Zofingen ------------------------------------------------------------------------------

ZOFINGEN_CRITERIA = [
    ("Bedarf", "Ist der Bedarf in der Region belegt? Ergänzt das Projekt bestehende Angebote?", 3),
    ("Wirkung", "Trägt das Projekt messbar zur Integration bei (Sprache, Begegnung, Teilhabe)?", 3),
    ("Machbarkeit und Budget", "Realistische Planung, angemessene Kosten, gesicherte Eigenleistung.", 2),
    (
        "Beteiligung der Zielgruppe",
        "Wirken Migrantinnen und Migranten bei Planung und Durchführung mit?",
        2,
    ),
]

_KIP_DESCRIPTION = (
    "Die Fachstelle Integration Region Zofingen unterstützt kleine Projekte, die das Zusammenleben in den "
    "zwölf Gemeinden der Region stärken: Sprachtreffs, Elternbildung, Begegnung, Information für "
    "Neuzugezogene. Die Beiträge stammen aus dem Kantonalen Integrationsprogramm (KIP) und von den "
    "Gemeinden.\n\n"
    "Gesuche können Vereine, Migrantenorganisationen, Kirchgemeinden, Schulen und informelle Gruppen "
    "einreichen. Die Fachstelle berät Sie gerne schon vor der Eingabe."
)
_KIP_ELIGIBILITY = (
    "- Das Projekt findet in einer der zwölf Gemeinden der Region Zofingen statt.\n"
    "- Es richtet sich an Migrantinnen und Migranten oder fördert die Begegnung mit der einheimischen "
    "Bevölkerung.\n"
    "- Es ist nicht gewinnorientiert und nicht religiös oder parteipolitisch ausgerichtet.\n"
    "- Höchstens CHF 5'000 pro Projekt; eine angemessene Eigenleistung wird erwartet.\n"
    "- Nicht beitragsberechtigt: Anschaffungen ohne Projektbezug, reine Kulturveranstaltungen, "
    "laufende Betriebskosten."
)

ZOFINGEN_PROGRAMMES = [
    {
        "slug": "kleinprojekte-integration-2026",
        "name": "Kleinprojekte Integration 2026",
        "year": 2026,
        "prefix": "KP",
        "currency": "CHF",
        "budget": D(30000),
        "max_amount": D(5000),
        "min_own_share_percent": 0,
        "opens_on": "2026-02-01",
        "closes_on": "2026-09-30",
        "status": "closed",
        "kip": ["1.1", "2.1", "2.2", "3.2"],
        "required_documents": ["Statuten", "Jahresrechnung"],
        "description": _KIP_DESCRIPTION,
        "eligibility": _KIP_ELIGIBILITY,
        "criteria": ZOFINGEN_CRITERIA,
    },
    {
        "slug": "kleinprojekte-integration-2027",
        "name": "Kleinprojekte Integration 2027",
        "year": 2027,
        "prefix": "KP",
        "currency": "CHF",
        "budget": D(30000),
        "max_amount": D(5000),
        "min_own_share_percent": 0,
        "opens_on": "2026-11-01",
        "closes_on": "2027-03-31",
        "status": "open",
        "kip": ["1.1", "2.1", "2.2", "3.2"],
        "required_documents": ["Statuten", "Jahresrechnung"],
        "description": _KIP_DESCRIPTION,
        "eligibility": _KIP_ELIGIBILITY,
        "criteria": ZOFINGEN_CRITERIA,
    },
]

# fmt: off
ZOFINGEN_2026 = [
    {
        # The story of the issue: CHF 4,500 asked, CHF 4,000 approved, two payouts, the final report is in.
        "reference": "KP-2026-0001",
        "sponsor": "Verein Frauenforum Brittnau", "legal_form": "association",
        "street": "Dorfstrasse 18", "postcode": "4805", "city": "Brittnau",
        "contact": "Ruth Zimmerli", "email": "ruth.zimmerli@example.org", "phone": "+41 62 751 23 45",
        "bban": "80808000001234567", "holder": "Verein Frauenforum Brittnau",
        "title": "Deutsch-Konversationscafé für Frauen in Brittnau",
        "summary": "Jeden Dienstagmorgen treffen sich Frauen aus aller Welt zum Deutschsprechen bei Kaffee; "
                   "die Kinder werden im Nebenraum betreut.",
        "description": "Viele zugezogene Frauen in Brittnau haben einen Deutschkurs besucht, finden aber "
                       "kaum "
                       "Gelegenheit, Deutsch im Alltag zu sprechen. Das Café bietet 30 moderierte Treffen "
                       "zu Alltagsthemen (Einkaufen, Arztbesuch, Schule, Gemeinde) mit einer DaZ-Lehrerin "
                       "und Freiwilligen des Frauenforums.",
        "goals": "- 15 Frauen nehmen regelmässig teil.\n- Die Teilnehmerinnen trauen sich, im Alltag Deutsch "
                 "zu sprechen.\n- Kontakte zwischen zugezogenen und einheimischen Frauen entstehen.",
        "targets": ["frauen", "neuzugezogene"], "target_text": "Frauen mit Deutsch auf Niveau A1–A2",
        "participants": 15, "kip": "2.1", "bfs": [BRITTNAU],
        "starts": "2026-03-03", "ends": "2026-10-27",
        "schedule": "März: Flyer und Einladung über die Gemeinde. Ab 3. März jeden Dienstag 9–11 Uhr "
                    "(ohne Schulferien). Oktober: Abschlussfest.",
        "partners": "Gemeinde Brittnau (Saal, Beitrag), Spielgruppe Brittnau (Kinderbetreuung)",
        "requested": D(4500), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Moderation DaZ-Lehrerin, 30 Treffen à 2 Std. × CHF 60", 3600, 3600),
            line(COST, "childcare", "Kinderbetreuung, 30 × CHF 45", 1350, 1260),
            line(COST, "rooms", "Raummiete Gemeindesaal Brittnau", 600, 600),
            line(COST, "material", "Lehrmittel, Kopien, Getränke", 450, 510),
            line(COST, "communication", "Flyer in sechs Sprachen", 300, 280),
            line(OWN, "other", "Mitgliederbeiträge und Eigenleistung Verein", 600, 600),
            line(THIRD, "other", "Beitrag Gemeinde Brittnau", 1200, 1200),
        ],
        "status": "approved", "created": "2026-02-09 20:15", "submitted": "2026-02-16 21:40",
        "messages": [
            (None, "Guten Tag, dürfen wir die Kinderbetreuung ins Budget aufnehmen? Freundliche Grüsse, "
                   "Ruth Zimmerli", False, "2026-02-10 08:05"),
            ("editor", "Ja, Kinderbetreuung während der Treffen ist beitragsberechtigt (Kategorie "
                       "«Kinderbetreuung»). Bitte die Anzahl Einsätze und den Ansatz angeben.",
             False, "2026-02-10 14:30"),
        ],
        "advice_requested": "2026-02-10 08:05",
        "assessments": [
            ("admin", [5, 4, 3, 4], "reduce", D(4000),
             "Guter Bedarf belegt; Materialkosten teilweise nicht anrechenbar (Getränke).",
             "2026-02-24 10:00"),
            ("editor", [4, 4, 4, 5], "approve", D(4500),
             "Frauen aus dem Deutschkurs haben die Idee mitentwickelt.", "2026-02-25 15:20"),
        ],
        "recommendation": "Beitrag von CHF 4'000 (Getränke und ein Teil der Materialkosten nicht "
                          "anrechenbar).",
        "recommended_amount": D(4000),
        "decided": "2026-03-02 16:00",
        "grant": {
            "amount": D(4000), "status": "report_submitted",
            "conditions": "Das Logo der Fachstelle und des Kantons erscheint auf dem Flyer. Schlussbericht "
                          "mit "
                          "Teilnehmendenzahlen und Abrechnung.",
            "letter_sent": "2026-03-03 09:10", "publish": True,
            "payouts": [
                payout(2400, "2026-03-16", "paid", "2026-03-12 11:00", "2026-03-16", "FIBU-2026-0311"),
                payout(1600, "2026-07-01", "paid", "2026-06-29 10:15", "2026-07-01", "FIBU-2026-0688"),
            ],
        },
        "final_report": {
            "status": "submitted", "submitted": "2026-11-16 19:30", "participants": 17,
            "activities": "28 Treffen fanden statt (zwei fielen wegen Krankheit aus). Themen: Einkaufen, "
                          "Arztbesuch, Elterngespräch, Gemeindeverwaltung, Feste in der Schweiz.",
            "goals": "Im Schnitt kamen 12 Frauen; 17 Frauen aus 9 Ländern nahmen mindestens fünfmal teil. "
                     "Drei Teilnehmerinnen besuchen neu einen B1-Kurs.",
            "lessons": "Die Kinderbetreuung war entscheidend. Im nächsten Jahr möchten wir auch einen "
                       "Abendtermin für berufstätige Frauen anbieten.",
        },
    },
    {
        # Approved, both instalments paid, the project runs until December: the final report is due next.
        "reference": "KP-2026-0002",
        "sponsor": "Eritreischer Verein Zofingen", "legal_form": "association",
        "street": "Mühlethalstrasse 8", "postcode": "4800", "city": "Zofingen",
        "contact": "Yonas Gebremedhin", "email": "yonas.gebremedhin@example.org", "phone": "+41 79 512 34 56",
        "bban": "09000000015378245", "holder": "Eritreischer Verein Zofingen",
        "title": "Hausaufgabenhilfe am Samstag",
        "summary": "Freiwillige helfen Kindern aus eritreischen Familien jeden Samstag bei den Hausaufgaben; "
                   "die Eltern erhalten Informationen zur Volksschule.",
        "description": "Im Vereinslokal lernen jeden Samstagmorgen 20 bis 25 Kinder der 1. bis 6. Klasse mit "
                       "zwölf Freiwilligen. Einmal pro Quartal findet ein Elterntreffen mit der "
                       "Schulsozialarbeit statt (Tigrinya/Deutsch).",
        "goals": "Die Kinder erledigen ihre Hausaufgaben selbständiger; die Eltern kennen die "
                 "Ansprechpersonen "
                 "der Schule.",
        "targets": ["kinder", "familien"], "target_text": "Primarschulkinder und ihre Eltern",
        "participants": 25, "kip": "2.1", "bfs": [ZOFINGEN, ROTHRIST, AARBURG],
        "starts": "2026-03-07", "ends": "2026-12-19",
        "schedule": "38 Samstage, 9.30–11.30 Uhr; Elterntreffen im März, Juni, September und Dezember.",
        "partners": "Schulsozialarbeit Zofingen, Netzwerk Asyl Region Zofingen (Freiwillige)",
        "requested": D(5000), "publish_consent": True,
        "lines": [
            line(COST, "volunteers", "Spesen Freiwillige (12 Personen, 38 Samstage)", 2280),
            line(COST, "personnel", "Koordination (Honorar, 120 Std. × CHF 35)", 4200),
            line(COST, "rooms", "Raummiete Schulhaus Bergli (38 × CHF 40)", 1520),
            line(COST, "material", "Schulmaterial und Znüni", 950),
            line(COST, "communication", "Elterninformation auf Tigrinya und Deutsch", 250),
            line(OWN, "other", "Eigenleistung Verein", 1200),
            line(THIRD, "other", "Beitrag Reformierte Landeskirche Aargau", 1500),
            line(THIRD, "other", "Beitrag Stadt Zofingen", 1500),
        ],
        "status": "approved", "created": "2026-02-12 18:00", "submitted": "2026-02-20 22:05",
        "assessments": [
            ("admin", [5, 5, 4, 5], "approve", D(5000), "Sehr gut verankert, Freiwillige geschult.",
             "2026-02-26 09:30"),
            ("editor", [4, 5, 4, 5], "approve", D(5000), "Budget plausibel, Drittmittel zugesagt.",
             "2026-02-27 11:00"),
        ],
        "recommendation": "Beitrag wie beantragt.", "recommended_amount": D(5000),
        "decided": "2026-03-02 16:20",
        "grant": {
            "amount": D(5000), "status": "report_due", "conditions": "Schlussbericht mit Abrechnung.",
            "letter_sent": "2026-03-03 09:15", "publish": True,
            "payouts": [
                payout(3000, "2026-03-16", "paid", "2026-03-12 11:05", "2026-03-16", "FIBU-2026-0312"),
                payout(2000, "2026-09-01", "paid", "2026-08-27 14:00", "2026-09-01", "FIBU-2026-0854"),
            ],
        },
    },
    {
        # Final report accepted, actual costs lower than planned: CHF 420 paid back, settled.
        "reference": "KP-2026-0003",
        "sponsor": "Jugendarbeit Rothrist", "legal_form": "institution",
        "street": "Bernstrasse 95", "postcode": "4852", "city": "Rothrist",
        "contact": "Marco Steiner", "email": "marco.steiner@example.org", "phone": "+41 62 785 00 70",
        "bban": "00762000001111222", "holder": "Einwohnergemeinde Rothrist, Jugendarbeit",
        "title": "Jugendtreff international: Kochen, Gamen, Deutsch reden",
        "summary": "Zwölf Freitagabende im Jugendtreff, an denen Jugendliche der Integrationsklasse und "
                   "Jugendliche aus Rothrist gemeinsam kochen und spielen.",
        "description": "Jugendliche der kantonalen Integrationsklasse kennen kaum Gleichaltrige aus dem "
                       "Dorf. "
                       "An 16 Abenden kochen jeweils zwei Jugendliche ein Gericht aus ihrer Heimat, danach "
                       "wird gespielt. Zum Abschluss ein Elternabend mit interkultureller Vermittlung.",
        "goals": "Kontakte zwischen neu zugezogenen und einheimischen Jugendlichen; die Neuen kennen den "
                 "Jugendtreff und kommen auch zu den offenen Abenden.",
        "targets": ["jugendliche"], "target_text": "Jugendliche von 14 bis 18 Jahren",
        "participants": 30, "kip": "3.2", "bfs": [ROTHRIST],
        "starts": "2026-02-20", "ends": "2026-06-26",
        "schedule": "16 Freitagabende von Februar bis Juni, Elternabend im Juni.",
        "partners": "Kreisschule Zofingen (Integrationsklasse)",
        "requested": D(3800), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Leitung Jugendarbeiterin (Zusatzstunden 60 × CHF 45)", 2700, 2430),
            line(COST, "material", "Lebensmittel Kochabende (16 × CHF 80)", 1280, 1050),
            line(COST, "material", "Miete Spielkonsolen und Spiele", 600, 520),
            line(COST, "interpreting", "Interkulturelle Vermittlung Elternabend", 420, 300),
            line(COST, "communication", "Social-Media-Kampagne und Flyer", 300, 280),
            line(OWN, "other", "Eigenleistung Gemeinde Rothrist (Räume, Infrastruktur)", 1000, 1000),
            line(THIRD, "other", "Jugendkommission Rothrist", 500, 500),
        ],
        "status": "approved", "created": "2026-02-03 09:00", "submitted": "2026-02-05 16:45",
        "assessments": [
            ("admin", [4, 4, 3, 3], "reduce", D(3500), "Spielkonsolen nicht anrechenbar.",
             "2026-02-09 14:00"),
            ("editor", [4, 3, 4, 3], "reduce", D(3500), "Gutes Konzept, Kosten leicht zu hoch.",
             "2026-02-10 10:00"),
        ],
        "recommendation": "CHF 3'500 (Spielkonsolen nicht anrechenbar).", "recommended_amount": D(3500),
        "decided": "2026-02-12 17:00",
        "grant": {
            "amount": D(3500), "status": "settled", "conditions": "Schlussbericht bis Ende August.",
            "letter_sent": "2026-02-13 08:30", "publish": True,
            "payouts": [
                payout(3500, "2026-02-23", "paid", "2026-02-19 10:00", "2026-02-23", "FIBU-2026-0187"),
            ],
            "repayment": D(420), "repaid": D(420), "repaid_on": "2026-10-05", "settled": "2026-09-21 15:00",
        },
        "final_report": {
            "status": "accepted", "submitted": "2026-08-24 20:10", "participants": 26,
            "reviewed": "2026-09-21 14:45", "note": "Danke für den ausführlichen Bericht. Die nicht "
                                                   "verwendeten CHF 420 bitten wir zurückzuzahlen.",
            "activities": "14 Kochabende (zwei fielen wegen Schulanlässen aus) und ein Elternabend.",
            "goals": "26 Jugendliche nahmen teil, davon 11 aus der Integrationsklasse. Sechs kommen "
                     "seither auch an die offenen Abende.",
            "lessons": "Kochen wirkt: Die Jugendlichen übernahmen selbst Verantwortung. Weniger Material "
                       "nötig als geplant.",
        },
    },
    {
        # Completed, accepted without repayment and closed.
        "reference": "KP-2026-0004",
        "sponsor": "Tamilischer Kulturverein Region Zofingen", "legal_form": "association",
        "street": "Zürichstrasse 7", "postcode": "4665", "city": "Oftringen",
        "contact": "Tharsini Sivakumar", "email": "tharsini.sivakumar@example.org",
        "phone": "+41 62 797 00 12", "bban": "09000000046123987",
        "holder": "Tamilischer Kulturverein Region Zofingen",
        "title": "Volksschule verstehen: Elterninformation auf Tamil",
        "summary": "Vier Elternabende auf Tamil und Deutsch zu Schulsystem, Übertritt, Elterngespräch und "
                   "Berufswahl.",
        "description": "Eltern aus der tamilischen Gemeinschaft kennen das Schweizer Schulsystem oft wenig. "
                       "Die Schulsozialarbeit und eine Lehrperson informieren, eine Dolmetscherin übersetzt; "
                       "ein übersetztes Merkblatt fasst das Wichtigste zusammen.",
        "goals": "40 Eltern kennen die Stufen der Volksschule und die Ansprechpersonen.",
        "targets": ["familien"], "target_text": "Tamilischsprachige Eltern",
        "participants": 40, "kip": "2.1", "bfs": [OFTRINGEN, ZOFINGEN],
        "starts": "2026-03-14", "ends": "2026-05-30",
        "schedule": "Vier Samstagnachmittage im März, April und Mai.",
        "partners": "Schule Oftringen, Schulsozialarbeit",
        "requested": D(2400), "publish_consent": True,
        "lines": [
            line(COST, "interpreting", "Dolmetschen an vier Elternabenden (4 × CHF 240)", 960, 960),
            line(COST, "personnel", "Referentin Schulsozialarbeit (4 × CHF 200)", 800, 800),
            line(COST, "rooms", "Saalmiete Oftringen", 480, 480),
            line(COST, "childcare", "Kinderhüte (4 × CHF 90)", 360, 360),
            line(COST, "communication", "Übersetzung Merkblatt Volksschule ins Tamil", 400, 450),
            line(OWN, "other", "Eigenleistung Verein (Verpflegung, Organisation)", 600, 650),
        ],
        "status": "approved", "created": "2026-02-02 19:30", "submitted": "2026-02-04 20:00",
        "assessments": [
            ("admin", [4, 4, 5, 5], "approve", D(2400), "", "2026-02-09 15:00"),
            ("editor", [4, 4, 4, 5], "approve", D(2400), "Gute Zusammenarbeit mit der Schule.",
             "2026-02-10 11:30"),
        ],
        "recommendation": "Beitrag wie beantragt.", "recommended_amount": D(2400),
        "decided": "2026-02-12 17:10",
        "grant": {
            "amount": D(2400), "status": "closed", "conditions": "",
            "letter_sent": "2026-02-13 08:35", "publish": True,
            "payouts": [
                payout(2400, "2026-02-23", "paid", "2026-02-19 10:05", "2026-02-23", "FIBU-2026-0188"),
            ],
            "repayment": D(0), "settled": "2026-07-08 10:00", "closed": "2026-07-08 10:05",
        },
        "final_report": {
            "status": "accepted", "submitted": "2026-06-28 18:00", "participants": 46,
            "reviewed": "2026-07-08 09:50", "note": "",
            "activities": "Vier Elternabende mit je 9 bis 14 Familien; Merkblatt in 200 Exemplaren verteilt.",
            "goals": "46 Eltern erreicht; die Schule Oftringen nutzt das Merkblatt weiter.",
            "lessons": "Samstagnachmittag passt für die Familien; die Kinderhüte wurde rege genutzt.",
        },
    },
    {
        # Approved with a reduced amount; the first instalment is paid, the second planned for 2027.
        "reference": "KP-2026-0005",
        "sponsor": "Elternverein Oftringen", "legal_form": "association",
        "street": "Schulhausstrasse 5", "postcode": "4665", "city": "Oftringen",
        "contact": "Sibel Yilmaz", "email": "sibel.yilmaz@example.org", "phone": "+41 76 401 22 33",
        "bban": "80808000007654321", "holder": "Elternverein Oftringen",
        "title": "Elternbildung in der Schule Oftringen",
        "summary": "Acht Elternbildungsmodule im Schulhaus, mit Dolmetschenden in Albanisch, Türkisch und "
                   "Tigrinya und mit Kinderbetreuung.",
        "description": "Die Schule Oftringen und der Elternverein laden alle Eltern zu acht Abenden ein: "
                       "Lernen zu Hause, Medien, Gesundheit, Übertritt in die Oberstufe u. a. Dolmetschende "
                       "übersetzen in Kleingruppen.",
        "goals": "Mindestens 60 Eltern nehmen an einem Modul teil, die Hälfte davon mit "
                 "Migrationshintergrund.",
        "targets": ["familien"], "target_text": "Eltern von Schulkindern in Oftringen",
        "participants": 60, "kip": "2.2", "bfs": [OFTRINGEN],
        "starts": "2026-08-17", "ends": "2027-06-25",
        "schedule": "Acht Module im Schuljahr 2026/27, je ein Dienstagabend pro Monat.",
        "partners": "Schule Oftringen, Albanischer Kulturverein Oftringen",
        "requested": D(4800), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Kursleitung Elternbildung (8 Module × CHF 350)", 2800),
            line(COST, "interpreting", "Interkulturell Dolmetschende (8 × 3 Sprachen × CHF 120)", 2880),
            line(COST, "childcare", "Kinderbetreuung (8 × CHF 90)", 720),
            line(COST, "communication", "Einladungen in sechs Sprachen", 400),
            line(COST, "material", "Verpflegung und Material", 600),
            line(OWN, "other", "Eigenleistung Elternverein", 600),
            line(THIRD, "other", "Beitrag Schulpflege Oftringen", 2000),
        ],
        "status": "approved", "created": "2026-05-20 21:00", "submitted": "2026-06-08 22:30",
        "assessments": [
            ("admin", [5, 4, 3, 4], "reduce", D(4200), "Verpflegung nicht anrechenbar.", "2026-06-16 10:00"),
            ("editor", [5, 4, 4, 4], "reduce", D(4200), "Sehr gute Kooperation mit der Schule.",
             "2026-06-17 09:00"),
        ],
        "recommendation": "CHF 4'200 (Verpflegung nicht anrechenbar).", "recommended_amount": D(4200),
        "decided": "2026-06-22 16:00",
        "grant": {
            "amount": D(4200), "status": "approved",
            "conditions": "Zweite Rate nach einem Zwischenbericht im Januar 2027.",
            "letter_sent": "2026-06-23 08:00", "publish": True,
            "payouts": [
                payout(2100, "2026-09-15", "paid", "2026-09-10 09:30", "2026-09-15", "FIBU-2026-0901"),
                payout(2100, "2027-02-01"),
            ],
        },
    },
    {
        # Approved in October: the first instalment is released (not yet paid), the second planned.
        "reference": "KP-2026-0006",
        "sponsor": "Ukrainischer Treffpunkt Rothrist", "legal_form": "group",
        "street": "Kirchweg 2", "postcode": "4852", "city": "Rothrist",
        "contact": "Olena Kovalenko", "email": "olena.kovalenko@example.org", "phone": "+41 78 660 11 22",
        "bban": "09000000081234560", "holder": "Olena Kovalenko (Ukrainischer Treffpunkt)",
        "title": "Deutsch-Konversation mit Kinderprogramm",
        "summary": "Wöchentlicher Gesprächstreff für Erwachsene aus der Ukraine, parallel ein "
                   "Kinderprogramm.",
        "description": "Freiwillige aus Rothrist leiten Gesprächsgruppen auf Deutsch; im Nebenraum gibt es "
                       "Spiele und Basteln für die Kinder.",
        "goals": "20 Erwachsene verbessern ihr mündliches Deutsch; Kontakte zu Freiwilligen aus Rothrist.",
        "targets": ["gefluechtete", "familien"], "target_text": "Geflüchtete aus der Ukraine mit Kindern",
        "participants": 20, "kip": "2.1", "bfs": [ROTHRIST, VORDEMWALD, MURGENTHAL],
        "starts": "2026-11-02", "ends": "2027-04-26",
        "schedule": "24 Montage, 17–19 Uhr.",
        "partners": "Reformierte Kirchgemeinde Rothrist (Räume)",
        "requested": D(3000), "publish_consent": False,
        "lines": [
            line(COST, "volunteers", "Spesen Freiwillige Gesprächsleitung", 900),
            line(COST, "childcare", "Kinderprogramm (24 × CHF 60)", 1440),
            line(COST, "rooms", "Raummiete Kirchgemeindehaus (24 × CHF 30)", 720),
            line(COST, "material", "Lehrmittel und Spiele", 540),
            line(OWN, "other", "Eigenleistung (Kaffee, Organisation)", 600),
        ],
        "status": "approved", "created": "2026-09-01 19:00", "submitted": "2026-09-14 20:45",
        "assessments": [
            ("admin", [4, 4, 4, 5], "approve", D(3000), "", "2026-10-06 10:00"),
            ("editor", [4, 3, 4, 5], "approve", D(3000), "Selbstorganisierte Gruppe, gute Beteiligung.",
             "2026-10-07 16:00"),
        ],
        "recommendation": "Beitrag wie beantragt.", "recommended_amount": D(3000),
        "decided": "2026-10-20 15:30",
        "grant": {
            "amount": D(3000), "status": "approved", "conditions": "",
            "letter_sent": "2026-10-21 08:15", "publish": False,
            "payouts": [
                payout(1500, "2026-11-16", "released", "2026-11-10 09:00"),
                payout(1500, "2027-03-01"),
            ],
        },
    },
    {
        # Submitted on the last days of the window, in review: one of the two assessments is done.
        "reference": "KP-2026-0007",
        "sponsor": "Afghanische Gemeinschaft Region Zofingen", "legal_form": "association",
        "street": "Bernstrasse 55", "postcode": "4852", "city": "Rothrist",
        "contact": "Mariam Ahmadi", "email": "mariam.ahmadi@example.org", "phone": "+41 77 345 67 89",
        "bban": "00762000005550001", "holder": "Afghanische Gemeinschaft Region Zofingen",
        "title": "Nähen und Deutsch: Frauentreff in Rothrist",
        "summary": "Ein Nähatelier für Frauen aus Afghanistan, in dem nebenbei Deutsch gesprochen wird.",
        "description": "20 Nachmittage mit einer Schneiderin und einer Deutsch-Begleiterin. Die Frauen nähen "
                       "Kleider für ihre Kinder und üben dabei Deutsch; Kinderhüte vor Ort.",
        "goals": "15 Frauen, die bisher keinen Deutschkurs besuchen, kommen regelmässig.",
        "targets": ["frauen", "gefluechtete"], "target_text": "Frauen aus Afghanistan",
        "participants": 15, "kip": "2.1", "bfs": [ROTHRIST],
        "starts": "2027-01-11", "ends": "2027-06-28",
        "schedule": "20 Montagnachmittage, Januar bis Juni 2027.",
        "partners": "Frauenverein Rothrist",
        "requested": D(2900), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Kursleitung Nähen (20 × CHF 70)", 1400),
            line(COST, "personnel", "Deutsch-Begleitung (20 × CHF 60)", 1200),
            line(COST, "material", "Stoffe, Service Nähmaschinen", 650),
            line(COST, "rooms", "Raummiete (20 × CHF 25)", 500),
            line(COST, "childcare", "Kinderhüte (20 × CHF 40)", 800),
            line(OWN, "other", "Teilnahmebeiträge (15 × CHF 30)", 450),
            line(THIRD, "other", "Frauenverein Rothrist", 1200),
        ],
        "status": "in_review", "created": "2026-09-20 15:00", "submitted": "2026-09-29 23:10",
        "assessments": [
            ("admin", [4, 4, 3, 5], "approve", D(2900), "Erreicht Frauen ohne Kursbesuch.",
             "2026-11-18 10:30"),
        ],
        "messages": [
            ("admin", "Wartet auf die zweite Beurteilung (Sandro).", True, "2026-11-18 10:35"),
        ],
    },
    {
        "reference": "KP-2026-0008",
        "sponsor": "Kulturverein Murgenthal", "legal_form": "association",
        "street": "Hauptstrasse 31", "postcode": "4853", "city": "Murgenthal",
        "contact": "Beat Lüthi", "email": "beat.luethi@example.org", "phone": "+41 62 926 11 00",
        "bban": "80808000009988776", "holder": "Kulturverein Murgenthal",
        "title": "Murgenthaler Weltmusikfestival 2026",
        "summary": "Ein Open-Air-Festival mit sechs Bands aus verschiedenen Ländern.",
        "description": "Am ersten Augustwochenende spielen sechs Bands auf dem Schulhausplatz; "
                       "Festwirtschaft "
                       "mit Spezialitäten aus aller Welt.",
        "goals": "800 Besucherinnen und Besucher.",
        "targets": [], "target_text": "Bevölkerung von Murgenthal",
        "participants": 800, "kip": "3.2", "bfs": [MURGENTHAL],
        "starts": "2026-08-07", "ends": "2026-08-08",
        "schedule": "Freitag und Samstag, 7./8. August 2026.",
        "partners": "Gemeinde Murgenthal, lokales Gewerbe",
        "requested": D(5000), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Gagen Bands (6 Gruppen)", 6000),
            line(COST, "rooms", "Bühne, Ton, Licht", 3500),
            line(COST, "communication", "Werbung", 1200),
            line(COST, "other", "Sicherheit und Sanität", 800),
            line(OWN, "other", "Eintritte und Festwirtschaft", 4500),
            line(THIRD, "other", "Sponsoring lokales Gewerbe", 2000),
        ],
        "status": "rejected", "created": "2026-04-28 20:00", "submitted": "2026-05-02 10:15",
        "assessments": [
            ("admin", [1, 1, 3, 0], "reject", None, "Kein Integrationsbezug erkennbar.", "2026-05-12 09:00"),
            ("editor", [2, 1, 2, 1], "reject", None, "Reine Kulturveranstaltung.", "2026-05-12 14:00"),
        ],
        "recommendation": "Ablehnen: keine Beteiligung der Zielgruppe, Gagen nicht beitragsberechtigt.",
        "decided": "2026-05-18 16:30",
        "rejection_reason": "Die Förderkriterien verlangen einen klaren Beitrag zur Integration, zum "
                            "Beispiel "
                            "die Beteiligung von Migrantinnen und Migranten an Planung und Durchführung oder "
                            "Begegnung mit Austausch. Das ist im Gesuch nicht ersichtlich. Gagen und "
                            "Bühnentechnik einer Kulturveranstaltung sind zudem nicht beitragsberechtigt. "
                            "Wir empfehlen Ihnen, sich an die Kulturkommission der Gemeinde zu wenden.",
    },
]

ZOFINGEN_2027 = [
    {
        "reference": "KP-2027-0001",
        "sponsor": "Deutsch-Café Strengelbach", "legal_form": "group",
        "street": "Dorfstrasse 12", "postcode": "4802", "city": "Strengelbach",
        "contact": "Heidi Bolliger", "email": "heidi.bolliger@example.org", "phone": "+41 62 751 44 55",
        "bban": "09000000033445566", "holder": "Heidi Bolliger (Deutsch-Café Strengelbach)",
        "title": "Sprachcafé plus: Deutsch für Eltern mit Kleinkindern",
        "summary": "Ein zweiter Café-Termin am Vormittag für Mütter und Väter mit Kleinkindern, mit "
                   "betreuter Spielecke.",
        "description": "Das Deutsch-Café am Donnerstagabend ist für Eltern kleiner Kinder kaum erreichbar. "
                       "Ein Vormittagstermin mit Spielecke schliesst diese Lücke.",
        "goals": "12 Eltern nehmen regelmässig teil; Übergang in die Spielgruppe erleichtern.",
        "targets": ["familien", "kinder"], "target_text": "Eltern mit Kindern bis 4 Jahre",
        "participants": 12, "kip": "2.2", "bfs": [STRENGELBACH, BRITTNAU],
        "starts": "2027-02-04", "ends": "2027-12-16",
        "schedule": "30 Donnerstagvormittage 2027.",
        "partners": "Spielgruppe Strengelbach, Mütter- und Väterberatung",
        "requested": D(2600), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Moderation (30 × CHF 50)", 1500),
            line(COST, "childcare", "Betreute Spielecke (30 × CHF 40)", 1200),
            line(COST, "material", "Kaffee und Material", 600),
            line(COST, "communication", "Flyer", 200),
            line(OWN, "other", "Eigenleistung Freiwillige", 300),
            line(THIRD, "other", "Beitrag Gemeinde Strengelbach", 600),
        ],
        "status": "submitted", "created": "2026-11-05 20:00", "submitted": "2026-11-18 21:15",
    },
    {
        # A draft: the applicant asked for advice and the office answered (visible to the applicant).
        "reference": "",
        "sponsor": "Türkischer Elternverein Region Zofingen", "legal_form": "association",
        "street": "Bahnhofstrasse 21", "postcode": "4663", "city": "Aarburg",
        "contact": "Emre Aksoy", "email": "emre.aksoy@example.org", "phone": "+41 79 222 33 44",
        "bban": "", "holder": "",
        "title": "Berufswahl-Abende für Eltern (Türkisch/Deutsch)",
        "summary": "Sechs Abende, an denen Eltern die Berufswahl und die Lehre kennenlernen.",
        "description": "Das BIZ und Lehrbetriebe stellen die Berufslehre vor, eine Dolmetscherin übersetzt.",
        "goals": "", "targets": ["familien", "jugendliche"], "target_text": "",
        "participants": 40, "kip": "2.1", "bfs": [AARBURG, OFTRINGEN],
        "starts": "2027-03-01", "ends": "2027-09-30", "schedule": "", "partners": "BIZ Zofingen",
        "requested": D(3200), "publish_consent": False,
        "lines": [
            line(COST, "interpreting", "Dolmetschen Türkisch (6 × CHF 150)", 900),
            line(COST, "personnel", "Referierende BIZ und Lehrbetriebe (6 × CHF 250)", 1500),
            line(COST, "rooms", "Saalmiete Aarburg (6 × CHF 100)", 600),
            line(COST, "material", "Verpflegung", 500),
            line(COST, "communication", "Einladungen", 200),
            line(OWN, "other", "Eigenleistung Verein", 500),
        ],
        "status": "draft", "created": "2026-11-10 19:30",
        "advice_requested": "2026-11-12 20:05",
        "messages": [
            (None, "Guten Abend. Können wir die Verpflegung ins Budget nehmen? Und müssen wir eine "
                   "Eigenleistung ausweisen? Danke, Emre Aksoy", False, "2026-11-12 20:05"),
            ("editor", "Guten Tag Herr Aksoy. Verpflegung ist leider nicht beitragsberechtigt; bitte "
                       "als Eigenleistung aufführen. Eine Eigenleistung ist erwünscht, aber nicht "
                       "vorgeschrieben. Gerne besprechen wir das Gesuch auch telefonisch.",
             False, "2026-11-13 10:40"),
        ],
    },
    {
        # A draft just started.
        "reference": "",
        "sponsor": "Albanischer Kulturverein Oftringen", "legal_form": "association",
        "street": "Zürichstrasse 40", "postcode": "4665", "city": "Oftringen",
        "contact": "Arta Krasniqi", "email": "arta.krasniqi@example.org", "phone": "",
        "bban": "", "holder": "",
        "title": "Zweisprachige Kinderbibliothek",
        "summary": "Albanisch-deutsche Kinderbücher und Vorlesestunden im Vereinslokal.",
        "description": "", "goals": "", "targets": ["kinder"], "target_text": "",
        "participants": None, "kip": "2.2", "bfs": [OFTRINGEN],
        "starts": None, "ends": None, "schedule": "", "partners": "",
        "requested": D(2500), "publish_consent": False,
        "lines": [
            line(COST, "material", "Zweisprachige Kinderbücher", 1800),
            line(COST, "material", "Regal und Einrichtung", 700),
            line(COST, "volunteers", "Spesen Vorlesende", 400),
            line(OWN, "other", "Eigenleistung Verein", 400),
        ],
        "status": "draft", "created": "2026-11-20 21:10",
    },
]
# fmt: on

# --- Landkreis Lörrach ----------------------------------------------------------------------------

LOERRACH_PROGRAMMES = [
    {
        "slug": "berufliche-integration-2026",
        "name": "Berufliche Integration 2026",
        "year": 2026,
        "prefix": "BI",
        "currency": "EUR",
        "budget": D(100000),
        "max_amount": D(15000),
        "min_own_share_percent": 5,
        "opens_on": "2026-02-01",
        "closes_on": "2026-12-15",
        "status": "open",
        "kip": [],  # the Swiss KIP does not apply in Germany
        "required_documents": ["Satzung", "Freistellungsbescheid des Finanzamts"],
        "description": (
            "Der Landkreis Lörrach fördert Projekte freier Träger, die zugewanderten Menschen den Weg in "
            "Ausbildung und Arbeit ebnen: Bewerbungsunterstützung, Anerkennung ausländischer Abschlüsse, "
            "Begleitung durch Ehrenamtliche, Kontakte zu Arbeitgebern."
        ),
        "eligibility": (
            "- Gemeinnützige Träger mit Sitz oder Tätigkeit im Landkreis Lörrach.\n"
            "- Höchstens EUR 15.000 pro Projekt; Eigenanteil mindestens 5 % der Kosten.\n"
            "- Nicht förderfähig: individuelle Kosten Einzelner (z. B. Führerschein, Prüfungsgebühren)."
        ),
        "criteria": [
            ("Arbeitsmarktbezug", "Führt das Projekt nachvollziehbar in Ausbildung oder Arbeit?", 3),
            ("Erreichung der Zielgruppe", "Wie werden die Teilnehmenden gewonnen und gehalten?", 2),
            ("Kooperation mit Regelstrukturen", "Agentur für Arbeit, Jobcenter, Kammern, Betriebe.", 2),
            ("Wirtschaftlichkeit", "Angemessene Kosten je Teilnehmerin und Teilnehmer.", 1),
        ],
    },
]

# fmt: off
LOERRACH_2026 = [
    {
        "reference": "BI-2026-0001",
        "sponsor": "Caritasverband für den Landkreis Lörrach", "legal_form": "association",
        "street": "Haagener Straße 13", "postcode": "79539", "city": "Lörrach",
        "contact": "Andreas Eckert", "email": "andreas.eckert@example.org", "phone": "+49 7621 155 20",
        "bban": "683500480001234567", "holder": "Caritasverband für den Landkreis Lörrach e. V.",
        "title": "Jobpaten: Ehrenamtliche begleiten Geflüchtete in Arbeit",
        "summary": "Geschulte Ehrenamtliche begleiten je eine geflüchtete Person ein Jahr lang bei "
                   "Bewerbung, "
                   "Praktikum und Einstieg in den Betrieb.",
        "description": "Die Koordinatorin gewinnt, schult und begleitet 25 Jobpatinnen und Jobpaten und "
                       "stimmt sich mit Jobcenter und Agentur für Arbeit ab.",
        "goals": "25 Tandems; mindestens 10 Teilnehmende beginnen eine Ausbildung oder Beschäftigung.",
        "targets": ["gefluechtete"], "target_text": "Geflüchtete mit Arbeitserlaubnis",
        "participants": 25, "kip": None, "bfs": [LOERRACH, WEIL, RHEINFELDEN],
        "starts": "2026-04-01", "ends": "2027-03-31",
        "schedule": "April: Gewinnung Ehrenamtlicher; Mai/Juni: Schulungen; ab Juni Tandems.",
        "partners": "Jobcenter Landkreis Lörrach, Agentur für Arbeit Lörrach",
        "requested": D(14000), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Koordination 20 % (12 Monate)", 12600),
            line(COST, "volunteers", "Fahrtkosten und Ehrenamtspauschalen", 3600),
            line(COST, "material", "Schulungen für Jobpaten (4 Termine)", 1800),
            line(COST, "communication", "Öffentlichkeitsarbeit", 600),
            line(OWN, "other", "Eigenmittel Caritas", 2600),
            line(THIRD, "other", "Spende Sparkasse Lörrach-Rheinfelden", 2000),
        ],
        "status": "approved", "created": "2026-02-15 10:00", "submitted": "2026-02-27 12:00",
        "assessments": [
            ("admin", [5, 4, 5, 4], "approve", D(14000),
             "Etablierter Träger, enge Kooperation mit Jobcenter.", "2026-03-09 10:00"),
            ("editor", [5, 4, 5, 3], "approve", D(14000), "", "2026-03-10 14:00"),
        ],
        "recommendation": "Förderung wie beantragt.", "recommended_amount": D(14000),
        "decided": "2026-03-16 11:00",
        "grant": {
            "amount": D(14000), "status": "approved",
            "conditions": "Zwischenbericht zum 30. September 2026; Verwendungsnachweis nach Projektende.",
            "letter_sent": "2026-03-17 09:00", "publish": True,
            "payouts": [
                payout(7000, "2026-04-01", "paid", "2026-03-26 10:00", "2026-04-01", "HH-2026-1104"),
                payout(7000, "2026-12-01"),
            ],
        },
    },
    {
        "reference": "BI-2026-0002",
        "sponsor": "Ukrainischer Verein Dreiländereck", "legal_form": "association",
        "street": "Hauptstraße 300", "postcode": "79576", "city": "Weil am Rhein",
        "contact": "Iryna Melnyk", "email": "iryna.melnyk@example.org", "phone": "+49 7621 980 11",
        "bban": "683500480009876543", "holder": "Ukrainischer Verein Dreiländereck e. V.",
        "title": "Bewerbungswerkstatt Ukrainisch–Deutsch",
        "summary": "Bewerbungscoaching, Übersetzung von Zeugnissen und Vorbereitung auf "
                   "Vorstellungsgespräche.",
        "description": "Eine Trainerin bietet 40 Werkstatttermine an; Ehrenamtliche übersetzen Unterlagen "
                       "und begleiten zu Gesprächen.",
        "goals": "60 Teilnehmende erstellen vollständige Bewerbungsunterlagen auf Deutsch.",
        "targets": ["gefluechtete"], "target_text": "Geflüchtete aus der Ukraine",
        "participants": 60, "kip": None, "bfs": [WEIL, LOERRACH],
        "starts": "2026-05-04", "ends": "2026-10-30",
        "schedule": "Zwei Werkstatttermine pro Woche von Mai bis Oktober.",
        "partners": "Agentur für Arbeit Lörrach",
        "requested": D(9800), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Trainerin Bewerbungscoaching (40 Termine × EUR 150)", 6000),
            line(COST, "interpreting", "Übersetzung Unterlagen und Zeugnisse (Pauschale)", 2400),
            line(COST, "rooms", "Raummiete Weil am Rhein", 1600),
            line(COST, "material", "Laptop-Miete, Druck", 1100),
            line(OWN, "other", "Eigenleistung Verein", 800),
            line(THIRD, "other", "Stadt Weil am Rhein", 500),
        ],
        "status": "approved", "created": "2026-03-20 18:00", "submitted": "2026-04-02 21:00",
        "assessments": [
            ("admin", [4, 5, 3, 3], "reduce", D(9500), "Laptop-Miete zu hoch angesetzt.", "2026-04-14 10:00"),
            ("editor", [4, 5, 4, 3], "reduce", D(9500), "", "2026-04-15 09:30"),
        ],
        "recommendation": "EUR 9.500.", "recommended_amount": D(9500),
        "decided": "2026-04-20 14:00",
        "grant": {
            "amount": D(9500), "status": "report_due", "conditions": "Verwendungsnachweis bis Ende 2026.",
            "letter_sent": "2026-04-21 09:00", "publish": True,
            "payouts": [
                payout(5000, "2026-05-04", "paid", "2026-04-28 11:00", "2026-05-04", "HH-2026-1388"),
                payout(4500, "2026-08-03", "paid", "2026-07-29 10:00", "2026-08-03", "HH-2026-2210"),
            ],
        },
    },
    {
        "reference": "BI-2026-0003",
        "sponsor": "Syrischer Kulturverein Lörrach", "legal_form": "association",
        "street": "Basler Straße 88", "postcode": "79540", "city": "Lörrach",
        "contact": "Rami Haddad", "email": "rami.haddad@example.org", "phone": "+49 1577 555 1234",
        "bban": "683500480005556667", "holder": "Syrischer Kulturverein Lörrach e. V.",
        "title": "Anerkennungslotsen: Berufsabschlüsse anerkennen lassen",
        "summary": "Geschulte Lotsinnen und Lotsen begleiten Zugewanderte durch das Anerkennungsverfahren.",
        "description": "Zehn Lotsinnen und Lotsen mit eigener Migrationsgeschichte werden geschult und "
                       "begleiten je vier bis sechs Personen bis zum Bescheid.",
        "goals": "50 begleitete Anträge, 30 Bescheide innerhalb eines Jahres.",
        "targets": ["gefluechtete", "fachpersonen"], "target_text": "Zugewanderte mit Berufsabschluss",
        "participants": 50, "kip": None, "bfs": [LOERRACH],
        "starts": "2027-01-15", "ends": "2027-12-15",
        "schedule": "Januar: Schulung der Lotsen; danach laufende Begleitung.",
        "partners": "IQ Netzwerk Baden-Württemberg, Agentur für Arbeit Lörrach",
        "requested": D(12500), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Honorare Lotsinnen und Lotsen (250 Std. × EUR 35)", 8750),
            line(COST, "interpreting", "Beglaubigte Übersetzungen (Zuschuss)", 3000),
            line(COST, "material", "Schulung der Lotsen", 1200),
            line(COST, "communication", "Infomaterial Arabisch/Deutsch", 550),
            line(OWN, "other", "Eigenleistung Verein", 1000),
        ],
        "status": "in_review", "created": "2026-10-01 19:00", "submitted": "2026-10-19 22:00",
        "assessments": [
            ("admin", [5, 4, 3, 3], "reduce", D(11000), "Übersetzungskosten sind Sache der Antragstellenden.",
             "2026-11-03 10:00"),
            ("editor", [4, 4, 3, 3], "approve", D(12500), "", "2026-11-05 15:00"),
        ],
        "recommendation": "EUR 11.000; Übersetzungszuschuss auf EUR 1.500 begrenzen.",
        "recommended_amount": D(11000),
    },
    {
        "reference": "BI-2026-0004",
        "sponsor": "Stadtteilzentrum Rheinfelden", "legal_form": "association",
        "street": "Karl-Fürstenberg-Straße 17", "postcode": "79618", "city": "Rheinfelden (Baden)",
        "contact": "Petra Henninger", "email": "petra.henninger@example.org", "phone": "+49 7623 72 00 10",
        "bban": "683500480003334445", "holder": "Stadtteilzentrum Rheinfelden e. V.",
        "title": "Job-Café im Stadtteil",
        "summary": "Jeden Mittwoch ein offenes Café mit Unterstützung bei Jobsuche und Bewerbungen.",
        "description": "Ehrenamtliche und eine Fachkraft helfen bei Lebenslauf, Online-Bewerbung und "
                       "Telefonaten mit Arbeitgebern; Kinderbetreuung im Haus.",
        "goals": "150 Beratungskontakte, 20 Vermittlungen in Arbeit oder Praktikum.",
        "targets": ["gefluechtete", "frauen"], "target_text": "Arbeitsuchende Zugewanderte im Stadtteil",
        "participants": 80, "kip": None, "bfs": [RHEINFELDEN],
        "starts": "2027-01-13", "ends": "2027-12-15",
        "schedule": "48 Mittwoche, 14–17 Uhr.",
        "partners": "Jobcenter Landkreis Lörrach, Helferkreis Asyl Rheinfelden",
        "requested": D(7200), "publish_consent": True,
        "lines": [
            line(COST, "personnel", "Leitung Job-Café (48 × EUR 90)", 4320),
            line(COST, "rooms", "Raumanteil Stadtteilzentrum", 1440),
            line(COST, "material", "Bewirtung, PC-Arbeitsplätze", 1240),
            line(COST, "communication", "Flyer mehrsprachig", 400),
            line(COST, "childcare", "Kinderbetreuung", 1200),
            line(OWN, "other", "Eigenleistung Stadtteilzentrum", 600),
            line(THIRD, "other", "Stadt Rheinfelden (Baden)", 800),
        ],
        "status": "submitted", "created": "2026-10-25 11:00", "submitted": "2026-11-09 16:20",
    },
    {
        "reference": "BI-2026-0005",
        "sponsor": "Helferkreis Asyl Rheinfelden", "legal_form": "group",
        "street": "", "postcode": "79618", "city": "Rheinfelden (Baden)",
        "contact": "Klaus Brenner", "email": "klaus.brenner@example.org", "phone": "+49 7623 123 45",
        "bban": "683500480007778889", "holder": "Klaus Brenner (Helferkreis Asyl)",
        "title": "Führerschein-Theorie auf Arabisch und Dari",
        "summary": "Theorieunterricht mit Dolmetschenden und Zuschüsse zu Fahrstunden.",
        "description": "Viele Stellen in Pflege und Handwerk setzen einen Führerschein voraus. Ein "
                       "Fahrlehrer "
                       "unterrichtet die Theorie, Dolmetschende übersetzen; Zuschüsse zu Fahrstunden.",
        "goals": "30 Teilnehmende bestehen die Theorieprüfung.",
        "targets": ["gefluechtete"], "target_text": "Geflüchtete mit Jobangebot",
        "participants": 30, "kip": None, "bfs": [RHEINFELDEN],
        "starts": "2026-09-01", "ends": "2027-02-28",
        "schedule": "20 Abende ab September.",
        "partners": "Fahrschule am Rhein",
        "requested": D(6000), "publish_consent": False,
        "lines": [
            line(COST, "personnel", "Fahrlehrer Theorieunterricht (20 × EUR 120)", 2400),
            line(COST, "other", "Prüfungsgebühren (30 × EUR 25)", 750),
            line(COST, "other", "Zuschuss Fahrstunden (30 × EUR 100)", 3000),
            line(COST, "interpreting", "Dolmetschen Arabisch und Dari", 1200),
            line(OWN, "other", "Eigenbeitrag Teilnehmende", 1350),
        ],
        "status": "rejected", "created": "2026-06-20 20:00", "submitted": "2026-07-03 19:00",
        "assessments": [
            ("admin", [3, 3, 2, 1], "reject", None, "Individuelle Kosten nicht förderfähig.",
             "2026-07-14 09:00"),
            ("editor", [3, 2, 2, 2], "reject", None, "", "2026-07-15 11:00"),
        ],
        "recommendation": "Ablehnen; auf Förderung über das Jobcenter (Vermittlungsbudget) hinweisen.",
        "decided": "2026-07-20 15:00",
        "rejection_reason": "Fahrstunden und Prüfungsgebühren sind individuelle Kosten und nach den "
                            "Förderrichtlinien nicht förderfähig. Für Personen mit Jobangebot kann das "
                            "Jobcenter die Kosten über das Vermittlungsbudget übernehmen; gerne vermitteln "
                            "wir den Kontakt. Ein reiner Theoriekurs mit Dolmetschenden kann neu beantragt "
                            "werden.",
    },
]
# fmt: on

# office slug → [(programme spec, applications)]
GRANTS = {
    "region-zofingen": [(ZOFINGEN_PROGRAMMES[0], ZOFINGEN_2026), (ZOFINGEN_PROGRAMMES[1], ZOFINGEN_2027)],
    "loerrach": [(LOERRACH_PROGRAMMES[0], LOERRACH_2026)],
}
