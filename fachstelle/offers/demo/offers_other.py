"""Demo offers of the canton-level office (Kanton Zürich) and of the Landratsamt Lörrach (invented).

Zürich uses Swiss spelling ("ss"); Lörrach is in Germany ("ß", euro amounts, German residence titles).
"""

from .helpers import loc

ZUERICH_OFFERS = [
    {
        "provider": "aoz",
        "title": "Deutschkurs für Geflüchtete A1–A2",
        "summary": "Intensiver Deutschkurs für Personen mit Status F, B-Flüchtling oder S.",
        "description": (
            "Vier Vormittage pro Woche lernen Sie Deutsch für Alltag und Arbeit. Der Kurs wird vom Kanton "
            "finanziert. Die Zuweisung erfolgt über die Sozialberatung Ihrer Gemeinde."
        ),
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["gefluechtete"],
        "languages": ["de"],
        "locations": [loc("AOZ Bildungszentrum", "Flüelastrasse 32", "8047", 261)],
        "cost_type": "free",
        "schedule_text": "Montag bis Donnerstag, 8.30–11.45 Uhr",
        "registration_required": True,
        "registration_note": "Zuweisung durch die Sozialberatung.",
        "confirmed_days_ago": 44,
    },
    {
        "provider": "ask-zuerich",
        "title": "Deutsch im Quartier mit Kinderhüte",
        "summary": "Niederschwelliger Deutschkurs im Quartierzentrum, Kinderhüte inbegriffen, kostenlos.",
        "description": (
            "Der Kurs findet im Quartier statt, damit der Weg kurz ist. Sie lernen Deutsch für Einkaufen, "
            "Arztbesuch und Schule. Kleinkinder werden im Nebenraum betreut."
        ),
        "areas": ["sprache", "familie"],
        "kip": ["2.1"],
        "targets": ["frauen", "familien"],
        "languages": ["de"],
        "locations": [loc("Quartierzentrum Aussersihl", "Hohlstrasse 67", "8004", 261)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Kinderhüte für Kinder ab 1 Jahr.",
        "barrier_free": True,
        "schedule_text": "Dienstag und Donnerstag, 9.00–11.00 Uhr",
        "confirmed_days_ago": 16,
    },
    {
        "provider": "familienzentrum-winterthur",
        "title": "Elterncafé und Spielgruppe Winterthur",
        "summary": "Eltern treffen sich, Kinder spielen – mit Sprachförderung vor dem Kindergarten.",
        "description": (
            "Während die Kinder in der Spielgruppe spielen, tauschen sich Eltern im Café aus. Eine "
            "Fachperson beantwortet Fragen zu Entwicklung und Mehrsprachigkeit."
        ),
        "areas": ["fruehe-kindheit", "familie"],
        "kip": ["2.2"],
        "targets": ["familien", "kinder"],
        "languages": ["de", "ar", "ta", "ti"],
        "locations": [
            loc("Familienzentrum Winterthur", "Steinberggasse 54", "8400", 230, hours="Mo–Fr 9.00–12.00")
        ],
        "cost_type": "reduced",
        "cost_amount": "8.00",
        "cost_note": "CHF 8 pro Vormittag, mit KulturLegi gratis.",
        "childcare": True,
        "barrier_free": True,
        "schedule_text": "Montag und Donnerstag, 9.00–11.30 Uhr",
        "confirmed_days_ago": 66,
    },
    {
        "provider": "stadt-uster-integration",
        "title": "Begrüssungsgespräch für Neuzugezogene in Uster",
        "summary": (
            "Persönliches Willkommensgespräch mit Informationen zu Wohnen, Schule, Arbeit und Freizeit."
        ),
        "description": (
            "Alle Personen, die aus dem Ausland nach Uster ziehen, erhalten eine Einladung. Das Gespräch "
            "dauert etwa 45 Minuten und findet auf Wunsch mit Dolmetscherin statt."
        ),
        "areas": ["beratung", "recht"],
        "kip": ["1.1"],
        "targets": ["neuzugezogene"],
        "languages": ["de", "en", "fr", "pt", "es"],
        "locations": [loc("Stadthaus Uster", "Oberlandstrasse 78", "8610", 198, appointment=True)],
        "cost_type": "free",
        "barrier_free": True,
        "registration_required": True,
        "registration_email": "integration@uster.example.ch",
        "confirmed_days_ago": 120,
    },
    {
        "provider": "hausaufgabenhilfe-duebendorf",
        "title": "Hausaufgabenhilfe Dübendorf",
        "summary": "Freiwillige unterstützen Primarschulkinder zweimal pro Woche bei den Hausaufgaben.",
        "description": (
            "Die Kinder arbeiten in kleinen Gruppen. Die Freiwilligen stehen in Kontakt mit den "
            "Lehrpersonen. Die Teilnahme ist kostenlos."
        ),
        "areas": ["bildung"],
        "kip": ["2.1"],
        "targets": ["kinder"],
        "languages": ["de"],
        "locations": [loc("Schulhaus Stägenbuck", "Usterstrasse 10", "8600", 191)],
        "cost_type": "free",
        "schedule_text": "Dienstag und Donnerstag, 15.45–17.15 Uhr",
        "confirmed_days_ago": 210,
    },
    {
        "provider": "rav-dietikon",
        "title": "Arbeitsmarkt Schweiz: Informationsveranstaltung",
        "summary": "Was Stellensuchende über Bewerbung, Arbeitsverträge und das RAV wissen müssen.",
        "description": (
            "Die Veranstaltung erklärt die Regeln des Schweizer Arbeitsmarkts in einfacher Sprache. "
            "Dolmetschende übersetzen ins Englische, Portugiesische und Spanische."
        ),
        "areas": ["arbeit"],
        "kip": ["2.3"],
        "targets": ["neuzugezogene", "gefluechtete"],
        "languages": ["de", "en", "pt", "es"],
        "locations": [loc("RAV Dietikon", "Zürcherstrasse 30", "8953", 243)],
        "cost_type": "free",
        "schedule_text": "Jeden dritten Dienstag im Monat, 9.00–11.00 Uhr",
        "registration_required": True,
        "confirmed_days_ago": 30,
    },
    {
        "provider": "aoz",
        "title": "Arbeitsintegration: Einsatzplätze für Geflüchtete",
        "summary": "Praktische Arbeitserfahrung in Gastronomie, Reinigung oder Logistik mit Coaching.",
        "description": (
            "Sie arbeiten während sechs Monaten an einem Einsatzplatz und besuchen einmal pro Woche ein "
            "Coaching. Ziel ist eine Festanstellung oder eine Ausbildung."
        ),
        "areas": ["arbeit"],
        "kip": ["2.3"],
        "targets": ["gefluechtete", "arbeitgebende"],
        "languages": ["de", "ti", "fa", "ar"],
        "locations": [loc("AOZ Arbeitsintegration", "Flüelastrasse 32", "8047", 261, appointment=True)],
        "municipalities": [261, 230, 198],
        "cost_type": "free",
        "registration_required": True,
        "confirmed_days_ago": 95,
    },
    {
        "provider": "stadt-uster-integration",
        "title": "Interkulturelle Gesprächsrunde",
        "summary": "Einheimische und Zugezogene sprechen über Themen des Zusammenlebens im Quartier.",
        "description": "Das Konzept wird mit der Arbeitsgruppe KOMPAKT erarbeitet.",
        "areas": ["zusammenleben"],
        "kip": ["3.2"],
        "targets": ["neuzugezogene", "vereine"],
        "languages": ["de"],
        "locations": [loc("Quartiertreff Nänikon", "Dorfstrasse 12", "8606", 198)],
        "cost_type": "free",
        "status": "review",
        "confirmed_days_ago": None,
    },
]

LOERRACH_OFFERS = [
    {
        "provider": "vhs-loerrach",
        "title": "Integrationskurs mit Kinderbetreuung",
        "summary": (
            "Allgemeiner Integrationskurs (Sprachkurs und Orientierungskurs) mit Kinderbetreuung im Haus."
        ),
        "description": (
            "Der Kurs umfasst 600 Unterrichtseinheiten Deutsch und 100 Einheiten Orientierungskurs zu "
            "Rechtsordnung, Geschichte und Kultur. Er endet mit dem Deutsch-Test für Zuwanderer (DTZ). "
            "Kinder unter drei Jahren werden während des Unterrichts betreut."
        ),
        "areas": ["sprache", "recht"],
        "kip": ["2.1", "1.1"],
        "targets": ["neuzugezogene", "gefluechtete", "familien"],
        "languages": ["de"],
        "locations": [
            loc(
                "Volkshochschule Lörrach",
                "Untere Wallbrunnstraße 2",
                "79539",
                8336050,
                hours="Mo–Fr 9.00–12.00 Uhr",
            )
        ],
        "cost_type": "reduced",
        "cost_amount": "2.29",
        "cost_note": "2,29 € pro Unterrichtseinheit; mit Berechtigung des BAMF kostenlos.",
        "childcare": True,
        "childcare_note": "Kinderbetreuung für Kinder unter drei Jahren.",
        "barrier_free": True,
        "schedule_text": "Montag bis Freitag, 8.30–12.45 Uhr",
        "start_date": "2027-01-11",
        "end_date": "2027-09-24",
        "registration_required": True,
        "registration_phone": "+49 7621 410 1001",
        "confirmed_days_ago": 20,
    },
    {
        "provider": "vhs-loerrach",
        "title": "Berufssprachkurs B2",
        "summary": "Deutsch für den Beruf auf Niveau B2, gefördert durch das BAMF.",
        "description": (
            "Der Kurs bereitet auf die Kommunikation am Arbeitsplatz vor: Besprechungen, E-Mails, "
            "Telefonate. Voraussetzung ist ein Sprachnachweis auf Niveau B1."
        ),
        "areas": ["sprache", "arbeit"],
        "kip": ["2.1", "2.3"],
        "targets": ["neuzugezogene"],
        "languages": ["de"],
        "locations": [loc("Volkshochschule Lörrach", "Untere Wallbrunnstraße 2", "79539", 8336050)],
        "cost_type": "free",
        "cost_note": "Kostenlos für Arbeitsuchende; Beschäftigte zahlen einen Eigenanteil.",
        "schedule_text": "Dienstag und Donnerstag, 17.30–20.45 Uhr",
        "registration_required": True,
        "registration_url": "https://www.vhs-loerrach.example.de/berufssprachkurse",
        "confirmed_days_ago": 20,
    },
    {
        "provider": "caritas-loerrach",
        "title": "Migrationsberatung für Erwachsene",
        "summary": "Beratung zu Aufenthalt, Integrationskurs, Arbeit, Wohnen und Familiennachzug.",
        "description": (
            "Die Migrationsberatung unterstützt Zugewanderte ab 27 Jahren in den ersten Jahren nach der "
            "Ankunft. Wir helfen bei Anträgen und begleiten Sie zu Behörden. Die Beratung ist kostenlos und "
            "vertraulich."
        ),
        "areas": ["beratung", "recht", "wohnen"],
        "kip": ["1.2"],
        "targets": ["neuzugezogene", "gefluechtete", "familien"],
        "languages": ["de", "en", "ar", "ru", "tr"],
        "locations": [
            loc("Caritas Lörrach", "Haagener Straße 15a", "79539", 8336050, hours="Di und Do 9.00–12.00 Uhr"),
            loc("Rathaus Weil am Rhein, Zimmer 104", "Rathausplatz 1", "79576", 8336091, appointment=True),
        ],
        "cost_type": "free",
        "barrier_free": True,
        "registration_note": "Offene Sprechstunde oder Termin nach Vereinbarung.",
        "confirmed_days_ago": 48,
    },
    {
        "provider": "diakonie-loerrach",
        "title": "Jugendmigrationsdienst",
        "summary": "Beratung für junge Zugewanderte von 12 bis 27 Jahren zu Schule, Ausbildung und Beruf.",
        "description": (
            "Wir begleiten junge Menschen beim Einstieg in Schule, Ausbildung und Beruf und helfen bei der "
            "Anerkennung von Zeugnissen. Auch Eltern können sich beraten lassen."
        ),
        "areas": ["beratung", "bildung", "arbeit"],
        "kip": ["1.2", "2.3"],
        "targets": ["jugendliche"],
        "languages": ["de", "en", "fa", "ar", "uk"],
        "locations": [loc("Diakonisches Werk", "Bahnhofstraße 5", "79539", 8336050, appointment=True)],
        "cost_type": "free",
        "registration_required": True,
        "registration_email": "jmd@diakonie-loerrach.example.de",
        "confirmed_days_ago": 48,
    },
    {
        "provider": "jobcenter-loerrach",
        "title": "Berufliche Integration für Geflüchtete",
        "summary": "Beratung, Anerkennung von Abschlüssen und Vermittlung in Arbeit und Ausbildung.",
        "description": (
            "Das Jobcenter prüft mit Ihnen Ihre Qualifikationen und Ziele und vermittelt passende Kurse, "
            "Praktika und Stellen. Arbeitgebende erhalten Unterstützung bei der Einstellung."
        ),
        "areas": ["arbeit", "beratung"],
        "kip": ["2.3"],
        "targets": ["gefluechtete", "arbeitgebende"],
        "languages": ["de", "en", "ar", "uk"],
        "locations": [
            loc(
                "Jobcenter Landkreis Lörrach",
                "Brombacher Straße 2",
                "79539",
                8336050,
                hours="Mo–Fr 8.00–12.00, Do 14.00–17.30",
            )
        ],
        "municipalities": [8336050, 8336091, 8336069],
        "cost_type": "free",
        "barrier_free": True,
        "registration_required": True,
        "confirmed_days_ago": 160,
    },
    {
        "provider": "freundeskreis-weil",
        "title": "Patenschaften für Geflüchtete",
        "summary": "Ehrenamtliche Patinnen und Paten begleiten Geflüchtete im Alltag.",
        "description": (
            "Eine Patin oder ein Pate hilft bei Briefen, Arztbesuchen und der Wohnungssuche. Gleichzeitig "
            "entstehen Freundschaften. Neue Ehrenamtliche sind willkommen."
        ),
        "areas": ["zusammenleben", "wohnen"],
        "kip": ["3.2"],
        "targets": ["gefluechtete", "vereine"],
        "languages": ["de", "en", "fr"],
        "locations": [
            loc(
                "Begegnungscafé Weil am Rhein",
                "Hauptstraße 300",
                "79576",
                8336091,
                hours="Mittwoch 15.00–18.00 Uhr",
            )
        ],
        "cost_type": "free",
        "confirmed_days_ago": 220,
    },
    {
        "provider": "stadtteilzentrum-rheinfelden",
        "title": "Sprachcafé Rheinfelden",
        "summary": "Deutsch sprechen, Leute kennenlernen – jeden Montag, ohne Anmeldung.",
        "description": (
            "Bei Kaffee und Kuchen sprechen Deutschlernende mit Ehrenamtlichen über Alltag und Beruf. Kinder "
            "sind willkommen, es gibt eine Spielecke."
        ),
        "areas": ["sprache", "freizeit"],
        "kip": ["2.1", "3.2"],
        "targets": ["neuzugezogene", "gefluechtete"],
        "languages": ["de"],
        "locations": [loc("Stadtteilzentrum Rheinfelden", "Friedrichplatz 6", "79618", 8336069)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Spielecke, Eltern bleiben anwesend.",
        "barrier_free": True,
        "schedule_text": "Montag, 16.00–17.30 Uhr",
        "confirmed_days_ago": 12,
    },
    {
        "provider": "caritas-loerrach",
        "title": "Wohnraumberatung",
        "summary": "Unterstützung bei der Wohnungssuche nach dem Auszug aus der Gemeinschaftsunterkunft.",
        "description": (
            "Wir erklären Mietverträge, Nebenkosten und Hausordnung und vermitteln zwischen Mietern und "
            "Vermietern. Vermieter erhalten eine feste Ansprechperson."
        ),
        "areas": ["wohnen", "beratung"],
        "kip": ["1.2"],
        "targets": ["gefluechtete", "familien"],
        "languages": ["de", "ar", "fa", "ku"],
        "locations": [loc("Caritas Lörrach", "Haagener Straße 15a", "79539", 8336050, appointment=True)],
        "municipalities": [8336050, 8336091, 8336069],
        "cost_type": "free",
        "registration_required": True,
        "confirmed_days_ago": 75,
    },
    {
        "provider": "vhs-loerrach",
        "title": "Online-Deutschkurs A2 am Abend",
        "summary": "Deutsch lernen per Videokonferenz, zweimal pro Woche am Abend.",
        "description": (
            "Der Kurs ist für Berufstätige und Eltern, die tagsüber keine Zeit haben. Sie brauchen einen "
            "Computer oder ein Tablet mit Kamera und Mikrofon."
        ),
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene", "familien"],
        "languages": ["de"],
        "is_online": True,
        "municipalities": [8336050, 8336091, 8336069],
        "cost_type": "fee",
        "cost_amount": "189.00",
        "cost_note": "189 € für 15 Abende.",
        "schedule_text": "Montag und Mittwoch, 19.30–21.00 Uhr",
        "start_date": "2027-02-01",
        "end_date": "2027-03-31",
        "registration_required": True,
        "registration_url": "https://www.vhs-loerrach.example.de/online",
        "confirmed_days_ago": 20,
    },
]
