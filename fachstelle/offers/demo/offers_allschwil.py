"""Demo offers of the Fachstelle Integration Allschwil (invented, Swiss spelling)."""

from .helpers import loc

BFS = 2762
ECAP = loc("ECAP Kurszentrum Allschwil", "Binningerstrasse 4", "4123", BFS, hours="Mo–Fr 8.30–12.00")
BIBLIOTHEK = loc(
    "Gemeindebibliothek Allschwil", "Baslerstrasse 46", "4123", BFS, hours="Di–Fr 14.00–18.30, Sa 9.30–12.30"
)
GEMEINDEHAUS = loc(
    "Gemeindeverwaltung Allschwil, Fachstelle Integration",
    "Baslerstrasse 111",
    "4123",
    BFS,
    hours="Mo 14.00–18.00, Do 8.30–11.30",
)
FREIZEITHAUS = loc("Freizeithaus Allschwil", "Hegenheimermattweg 76", "4123", BFS)

OFFERS = [
    {
        "provider": "ecap-basel",
        "title": "Deutschkurs A1 mit Kinderbetreuung",
        "summary": "Deutsch für den Alltag am Vormittag; kleine Kinder werden im Haus betreut.",
        "description": (
            "Sie lernen, sich im Alltag zu verständigen: beim Arzt, in der Schule, auf der Gemeinde. Der "
            "Kurs folgt dem fide-Rahmencurriculum. Die Kinderbetreuung ist im Kurspreis inbegriffen."
        ),
        "areas": ["sprache", "familie"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene", "familien", "frauen"],
        "languages": ["de"],
        "locations": [ECAP],
        "cost_type": "reduced",
        "cost_amount": "150.00",
        "cost_note": (
            "CHF 150 pro Semester; reduziert CHF 50 mit Wohnsitz in Allschwil und geringem Einkommen."
        ),
        "childcare": True,
        "childcare_note": "Kinderbetreuung ab 18 Monaten.",
        "barrier_free": True,
        "schedule_text": "Montag und Mittwoch, 8.45–11.15 Uhr",
        "start_date": "2026-08-17",
        "end_date": "2027-01-29",
        "registration_required": True,
        "registration_phone": "+41 61 486 00 21",
        "confirmed_days_ago": 28,
    },
    {
        "provider": "ecap-basel",
        "title": "Deutschkurs A2 am Abend",
        "summary": "Für Berufstätige mit Grundkenntnissen: Deutsch festigen, zweimal pro Woche abends.",
        "description": (
            "Wir erweitern Wortschatz und Grammatik und üben Gespräche am Arbeitsplatz. Am Ende des Kurses "
            "können Sie auf Wunsch den fide-Test ablegen."
        ),
        "areas": ["sprache", "arbeit"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene"],
        "languages": ["de"],
        "locations": [ECAP],
        "cost_type": "fee",
        "cost_amount": "320.00",
        "barrier_free": True,
        "schedule_text": "Dienstag und Donnerstag, 18.30–20.30 Uhr",
        "start_date": "2026-09-01",
        "end_date": "2027-01-28",
        "registration_required": True,
        "registration_url": "https://www.ecap-basel.example.ch/kurse",
        "confirmed_days_ago": 28,
    },
    {
        "provider": "ecap-basel",
        "title": "Alphabetisierung für Frauen",
        "summary": "Lesen und Schreiben lernen in einer Frauengruppe, mit Kinderbetreuung. Kostenlos.",
        "description": (
            "Der Kurs ist für Frauen, die in ihrer Erstsprache wenig oder nicht lesen und schreiben gelernt "
            "haben. Eine Kursleiterin und eine Assistentin begleiten die Gruppe. Die Kinder werden betreut."
        ),
        "areas": ["sprache", "bildung"],
        "kip": ["2.1"],
        "targets": ["frauen", "gefluechtete"],
        "languages": ["de", "ti", "so", "ar"],
        "locations": [ECAP],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Kinderbetreuung für Kinder bis zum Kindergarteneintritt.",
        "schedule_text": "Dienstag und Freitag, 9.00–11.00 Uhr",
        "registration_required": True,
        "registration_phone": "+41 61 486 00 21",
        "confirmed_days_ago": 75,
    },
    {
        "provider": "bibliothek-allschwil",
        "title": "Sprachcafé in der Gemeindebibliothek",
        "summary": "Ungezwungen Deutsch sprechen mit Freiwilligen aus Allschwil – einfach vorbeikommen.",
        "description": (
            "Jeden Freitagnachmittag sitzen Freiwillige und Deutschlernende an kleinen Tischen zusammen. Man "
            "spricht über Alltag, Hobbys und Neuigkeiten aus Allschwil. Kaffee und Tee sind gratis."
        ),
        "areas": ["sprache", "freizeit"],
        "kip": ["2.1", "3.2"],
        "targets": ["neuzugezogene", "senioren", "vereine"],
        "languages": ["de"],
        "locations": [BIBLIOTHEK],
        "cost_type": "free",
        "barrier_free": True,
        "schedule_text": "Freitag, 15.00–16.30 Uhr",
        "confirmed_days_ago": 9,
    },
    {
        "provider": "elternbildung-allschwil",
        "title": "Elterncafé mehrsprachig",
        "summary": "Eltern tauschen sich zu Erziehung, Schule und Gesundheit aus – mit Übersetzung.",
        "description": (
            "Einmal im Monat lädt der Verein Eltern zu einem Thema ein, zum Beispiel Medienkonsum, "
            "Mehrsprachigkeit oder Ernährung. Schlüsselpersonen übersetzen ins Arabische, Tigrinya und "
            "Türkische. Die Kinder werden betreut."
        ),
        "areas": ["familie", "fruehe-kindheit"],
        "kip": ["2.2", "3.1"],
        "targets": ["familien"],
        "languages": ["de", "ar", "ti", "tr"],
        "locations": [loc("Schulhaus Gartenhof, Mehrzweckraum", "Gartenstrasse 15", "4123", BFS)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Betreuung für Kinder ab 2 Jahren.",
        "schedule_text": "Erster Samstag im Monat, 10.00–11.30 Uhr",
        "confirmed_days_ago": 40,
    },
    {
        "provider": "elternbildung-allschwil",
        "title": "Elternkurs «Starke Eltern – starke Kinder»",
        "summary": "Sechs Abende zu Erziehung ohne Gewalt, Grenzen setzen und Kommunikation in der Familie.",
        "description": (
            "Der Kurs stärkt Eltern im Erziehungsalltag. In einer kleinen Gruppe üben Sie, ruhig zu bleiben "
            "und klare Regeln zu vereinbaren. Der Kurs wird auf Deutsch mit Übersetzung ins Englische "
            "durchgeführt."
        ),
        "areas": ["familie"],
        "kip": ["2.2"],
        "targets": ["familien"],
        "languages": ["de", "en"],
        "locations": [loc("Schulhaus Gartenhof, Mehrzweckraum", "Gartenstrasse 15", "4123", BFS)],
        "cost_type": "reduced",
        "cost_amount": "120.00",
        "cost_note": "CHF 120 pro Person, CHF 180 pro Paar; reduziert auf Anfrage.",
        "schedule_text": "Sechs Dienstagabende, 19.30–21.30 Uhr",
        "start_date": "2027-01-12",
        "end_date": "2027-02-16",
        "registration_required": True,
        "registration_email": "kurse@elternbildung-allschwil.example.ch",
        "confirmed_days_ago": 40,
    },
    {
        "provider": "ludothek-allschwil",
        "title": "Ludothek und Familientreff",
        "summary": "Spiele ausleihen, andere Familien kennenlernen und Deutsch sprechen.",
        "description": (
            "Die Ludothek verleiht über 1500 Spiele und Fahrzeuge. Im Familientreff trinken Eltern Kaffee, "
            "während die Kinder spielen. Freiwillige erklären gern, wie die Ausleihe funktioniert."
        ),
        "areas": ["freizeit", "familie"],
        "kip": ["3.2"],
        "targets": ["familien", "kinder"],
        "languages": ["de", "fr", "en"],
        "locations": [
            loc(
                "Ludothek Allschwil",
                "Hegenheimermattweg 4",
                "4123",
                BFS,
                hours="Mittwoch 14.30–17.30, Samstag 9.30–11.30",
            )
        ],
        "cost_type": "reduced",
        "cost_amount": "30.00",
        "cost_note": "Jahresabo CHF 30; Familientreff gratis.",
        "barrier_free": True,
        "confirmed_days_ago": 130,
    },
    {
        "provider": "bibliothek-allschwil",
        "title": "Geschichtenzeit in Erstsprachen",
        "summary": "Kinder und Eltern hören Geschichten in ihrer Familiensprache und auf Deutsch.",
        "description": (
            "Einmal im Monat erzählen Animatorinnen in Albanisch, Arabisch, Portugiesisch, Tigrinya und "
            "Türkisch. Eltern erfahren, wie wichtig die Erstsprache für das Deutschlernen ist."
        ),
        "areas": ["fruehe-kindheit", "sprache"],
        "kip": ["2.2"],
        "targets": ["kinder", "familien"],
        "languages": ["de", "sq", "ar", "pt", "ti", "tr"],
        "locations": [BIBLIOTHEK],
        "cost_type": "free",
        "barrier_free": True,
        "schedule_text": "Zweiter Mittwoch im Monat, 14.30–15.15 Uhr",
        "confirmed_days_ago": 19,
    },
    {
        "provider": "sozialdienst-allschwil",
        "title": "Sozialberatung Allschwil",
        "summary": "Persönliche Beratung bei finanziellen Sorgen, Wohnungsproblemen oder familiären Krisen.",
        "description": (
            "Der Sozialdienst berät Einwohnerinnen und Einwohner vertraulich. Bei Bedarf prüfen wir einen "
            "Anspruch auf Sozialhilfe oder vermitteln an spezialisierte Stellen. Termine auch mit "
            "interkultureller Dolmetscherin."
        ),
        "areas": ["beratung", "wohnen"],
        "kip": ["1.2"],
        "targets": ["familien", "senioren", "gefluechtete"],
        "languages": ["de", "en", "it"],
        "locations": [
            loc(
                "Sozialdienst Allschwil",
                "Baslerstrasse 101",
                "4123",
                BFS,
                hours="Mo–Fr 8.30–11.30",
                appointment=True,
            )
        ],
        "cost_type": "free",
        "barrier_free": True,
        "registration_required": True,
        "registration_phone": "+41 61 486 00 24",
        "confirmed_days_ago": 60,
    },
    {
        "provider": "gemeinde-allschwil",
        "title": "Erstinformation für Neuzugezogene",
        "summary": (
            "Ein persönliches Gespräch zum Ankommen in Allschwil: Wohnen, Schule, Arbeit, Deutschkurse."
        ),
        "description": (
            "Die Fachstelle Integration lädt alle Neuzugezogenen zu einem Willkommensgespräch ein. Sie "
            "erhalten Informationen über Dienstleistungen der Gemeinde und passende Angebote. Auf Wunsch ist "
            "eine Dolmetscherin dabei."
        ),
        "areas": ["beratung", "recht"],
        "kip": ["1.1"],
        "targets": ["neuzugezogene"],
        "languages": ["de", "en", "fr", "it", "es", "pt"],
        "locations": [GEMEINDEHAUS],
        "cost_type": "free",
        "barrier_free": True,
        "registration_required": True,
        "registration_email": "integration@allschwil.example.ch",
        "registration_note": "Termin per E-Mail oder Telefon vereinbaren.",
        "confirmed_days_ago": 5,
    },
    {
        "provider": "gemeinde-allschwil",
        "title": "Willkommensapéro im Museum Allschwil",
        "summary": "Einmal im Jahr lernen Neuzugezogene Gemeinderat, Vereine und Fachstellen kennen.",
        "description": (
            "Im Museumsgarten stellen sich Vereine, Kirchen und Fachorganisationen vor. Schlüsselpersonen "
            "mit Migrationsgeschichte helfen bei der Verständigung. Der Anlass endet mit einem Apéro."
        ),
        "areas": ["zusammenleben", "freizeit"],
        "kip": ["1.1", "3.2"],
        "targets": ["neuzugezogene", "vereine"],
        "languages": ["de", "en", "ti", "ar"],
        "locations": [loc("Museum Allschwil", "Baslerstrasse 48", "4123", BFS)],
        "cost_type": "free",
        "schedule_text": "Jährlich im September, 18.00 Uhr",
        "start_date": "2027-09-16",
        "end_date": "2027-09-16",
        "registration_required": True,
        "registration_email": "integration@allschwil.example.ch",
        "confirmed_days_ago": 5,
    },
    {
        "provider": "eritreischer-verein",
        "title": "Schlüsselpersonen: Begleitung und Übersetzungshilfe",
        "summary": (
            "Schlüsselpersonen mit Migrationsgeschichte begleiten zu Terminen und erklären den Alltag."
        ),
        "description": (
            "Die Schlüsselpersonen sprechen Tigrinya, Arabisch und Amharisch und kennen Allschwil gut. Sie "
            "begleiten zu Elterngesprächen oder auf die Gemeinde. Für vertrauliche Gespräche vermitteln wir "
            "professionelle Dolmetschende."
        ),
        "areas": ["dolmetschen", "zusammenleben"],
        "kip": ["3.1"],
        "targets": ["gefluechtete", "familien"],
        "languages": ["ti", "ar", "de"],
        "locations": [loc("Vereinslokal", "Spitzwaldstrasse 8", "4123", BFS, appointment=True)],
        "cost_type": "free",
        "contact_name": "Yonas Tesfay",
        "contact_phone": "+41 61 486 00 27",
        "confirmed_days_ago": 110,
    },
    {
        "provider": "kath-pfarrei-allschwil",
        "title": "Mittagstisch für alle",
        "summary": "Günstiges, warmes Mittagessen in Gesellschaft – jeden Donnerstag.",
        "description": (
            "Freiwillige kochen ein Menü mit Salat und Dessert. Am Tisch sitzen junge und alte Menschen aus "
            "aller Welt. Wer möchte, hilft beim Kochen mit."
        ),
        "areas": ["freizeit", "zusammenleben"],
        "kip": ["3.2"],
        "targets": ["senioren", "familien", "neuzugezogene"],
        "languages": ["de", "it"],
        "locations": [loc("Pfarreiheim St. Peter und Paul", "Oberwilerstrasse 5", "4123", BFS)],
        "cost_type": "reduced",
        "cost_amount": "10.00",
        "cost_note": "CHF 10, Kinder CHF 5; mit KulturLegi CHF 5.",
        "barrier_free": True,
        "accessibility_note": "Stufenloser Zugang über die Rampe beim Parkplatz.",
        "schedule_text": "Donnerstag, 12.00–13.30 Uhr",
        "confirmed_days_ago": 85,
    },
    {
        "provider": "jugendhaus-allschwil",
        "title": "Offener Jugendtreff",
        "summary": "Treffpunkt für Jugendliche von 12 bis 17 Jahren: Musik, Tischfussball, Gespräche.",
        "description": (
            "Im Freizeithaus triffst du andere Jugendliche und kannst eigene Ideen umsetzen. Die "
            "Jugendarbeitenden haben ein offenes Ohr für deine Fragen."
        ),
        "areas": ["freizeit"],
        "kip": ["3.2"],
        "targets": ["jugendliche"],
        "languages": ["de", "en", "sq", "pt"],
        "locations": [FREIZEITHAUS],
        "cost_type": "free",
        "schedule_text": "Mittwoch und Freitag, 15.00–20.00 Uhr",
        "confirmed_days_ago": 50,
    },
    {
        "provider": "jugendhaus-allschwil",
        "title": "Bewerbungswerkstatt für Jugendliche",
        "summary": "Hilfe bei Bewerbungen für Lehrstellen und Schnupperlehren, ohne Termin.",
        "description": (
            "Jugendarbeitende helfen beim Lebenslauf, beim Motivationsschreiben und beim Üben des "
            "Vorstellungsgesprächs. Computer und Drucker stehen zur Verfügung."
        ),
        "areas": ["arbeit", "bildung"],
        "kip": ["2.3"],
        "targets": ["jugendliche"],
        "languages": ["de"],
        "locations": [FREIZEITHAUS],
        "cost_type": "free",
        "schedule_text": "Dienstag, 16.00–18.00 Uhr",
        "confirmed_days_ago": 50,
    },
    {
        "provider": "ecap-basel",
        "title": "Computerkurs für Einsteigerinnen und Einsteiger",
        "summary": "E-Mail, Internet, Online-Formulare: die wichtigsten Computerkenntnisse für den Alltag.",
        "description": (
            "In vier Nachmittagen lernen Sie, E-Mails zu schreiben, im Internet zu suchen und Formulare der "
            "Gemeinde online auszufüllen. Einfaches Deutsch, viel Zeit zum Üben."
        ),
        "areas": ["bildung", "arbeit"],
        "kip": ["2.3"],
        "targets": ["neuzugezogene", "senioren"],
        "languages": ["de"],
        "locations": [ECAP],
        "cost_type": "reduced",
        "cost_amount": "80.00",
        "cost_note": "CHF 80; mit KulturLegi CHF 40.",
        "schedule_text": "Vier Donnerstage, 14.00–16.30 Uhr",
        "start_date": "2027-02-04",
        "end_date": "2027-02-25",
        "registration_required": True,
        "registration_phone": "+41 61 486 00 21",
        "confirmed_days_ago": 22,
    },
    {
        "provider": "gemeinde-allschwil",
        "title": "Online-Sprechstunde Integration",
        "summary": "Kurze Fragen per Videoanruf klären – ohne Weg auf die Gemeinde.",
        "description": (
            "Jeden Mittwochabend ist die Fachstelle Integration per Videoanruf erreichbar. Sie brauchen nur "
            "ein Smartphone. Für längere Beratungen vereinbaren wir einen Termin."
        ),
        "areas": ["beratung"],
        "kip": ["1.2"],
        "targets": ["neuzugezogene", "familien"],
        "languages": ["de", "en", "fr"],
        "is_online": True,
        "municipalities": [BFS],
        "cost_type": "free",
        "schedule_text": "Mittwoch, 18.00–19.30 Uhr",
        "registration_url": "https://www.allschwil.example.ch/integration/sprechstunde",
        "confirmed_days_ago": 5,
    },
    {
        "provider": "kath-pfarrei-allschwil",
        "title": "Nähtreff international",
        "summary": "Gemeinsam nähen, flicken und plaudern – Nähmaschinen sind vorhanden.",
        "description": "Das Angebot wird zurzeit mit Freiwilligen aufgebaut und startet im Frühling.",
        "areas": ["freizeit", "zusammenleben"],
        "kip": ["3.2"],
        "targets": ["frauen", "senioren"],
        "languages": ["de"],
        "locations": [loc("Pfarreiheim St. Peter und Paul", "Oberwilerstrasse 5", "4123", BFS)],
        "cost_type": "free",
        "status": "draft",
        "confirmed_days_ago": None,
    },
]
