"""Demo offers of the Fachstelle Integration Region Zofingen (invented, Swiss spelling)."""

from .helpers import loc

KIRCHGEMEINDEHAUS_AARBURG = loc(
    "Reformiertes Kirchgemeindehaus Aarburg, Saal im 1. Stock", "Städtchen 28", "4663", 4271
)
STADTBIBLIOTHEK = loc(
    "Stadtbibliothek Zofingen",
    "Hintere Hauptgasse 20",
    "4800",
    4289,
    hours="Di–Fr 10.00–18.30, Sa 10.00–16.00",
)
FAMILIENZENTRUM = loc(
    "Familienzentrum Zofingen", "Bahnhofstrasse 11", "4800", 4289, hours="Mo–Fr 8.30–11.30, Mi 14.00–17.00"
)

OFFERS = [
    {
        "provider": "deutsch-fuer-alle",
        "title": "Deutschkurs für Mütter mit Kinderhüte",
        "summary": "Deutsch lernen am Vormittag, während die Kinder nebenan betreut werden. Kostenlos.",
        "description": (
            "Im Kurs lernen Mütter Deutsch für den Alltag: einkaufen, mit der Schule und der Kinderärztin "
            "sprechen, Formulare ausfüllen. Die Kinder ab drei Monaten spielen in der Kinderhüte im Raum "
            "nebenan. Einstieg ist jederzeit möglich, es sind keine Deutschkenntnisse nötig."
        ),
        "areas": ["sprache", "familie"],
        "kip": ["2.1"],
        "targets": ["frauen", "familien", "neuzugezogene"],
        "languages": ["de"],
        "locations": [KIRCHGEMEINDEHAUS_AARBURG],
        "cost_type": "free",
        "cost_note": "Der Kurs wird von der Gemeinde Aarburg und dem Kanton Aargau finanziert.",
        "childcare": True,
        "childcare_note": "Kinderhüte für Kinder ab 3 Monaten, gratis, im Raum nebenan.",
        "barrier_free": True,
        "accessibility_note": "Lift vorhanden, Kinderwagen können im Eingang abgestellt werden.",
        "schedule_text": "Dienstag und Donnerstag, 9.00–11.00 Uhr, ausser Schulferien",
        "start_date": "2026-08-18",
        "end_date": "2027-06-24",
        "registration_required": True,
        "registration_phone": "+41 62 751 00 10",
        "registration_email": "kurse@deutsch-fuer-alle.example.ch",
        "registration_note": "Anmeldung per Telefon oder direkt am ersten Kursmorgen.",
        "contact_name": "Monika Hauri",
        "contact_phone": "+41 62 751 00 10",
        "confirmed_days_ago": 21,
    },
    {
        "provider": "deutsch-fuer-alle",
        "title": "Deutschkurs A1 am Abend",
        "summary": "Anfängerkurs für Berufstätige, zweimal pro Woche am Abend in Zofingen.",
        "description": (
            "Sie lernen sich vorzustellen, Termine abzumachen und einfache Gespräche zu führen. Der Kurs "
            "folgt dem fide-Konzept und bereitet auf den Alltag in der Schweiz vor. Kursbuch inbegriffen."
        ),
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene"],
        "languages": ["de"],
        "locations": [loc("Schulhaus Bezirksschule, Zimmer 14", "Strengelbacherstrasse 27", "4800", 4289)],
        "cost_type": "reduced",
        "cost_amount": "180.00",
        "cost_note": "CHF 180 für 20 Abende; mit KulturLegi CHF 90.",
        "barrier_free": True,
        "schedule_text": "Montag und Mittwoch, 19.00–20.30 Uhr",
        "start_date": "2026-08-24",
        "end_date": "2027-01-27",
        "registration_required": True,
        "registration_url": "https://www.deutsch-fuer-alle.example.ch/anmeldung",
        "confirmed_days_ago": 35,
    },
    {
        "provider": "heks-aarau-solothurn",
        "title": "Deutschkurs A2/B1 für den Beruf",
        "summary": "Deutsch für die Arbeitswelt: Bewerbung, Telefon, Gespräche mit Vorgesetzten.",
        "description": (
            "Der Kurs richtet sich an Personen mit Grundkenntnissen, die eine Stelle suchen oder ihre "
            "Chancen im Beruf verbessern wollen. Wir üben Bewerbungsgespräche, Telefonate und Fachwortschatz "
            "aus Pflege, Gastronomie und Logistik."
        ),
        "areas": ["sprache", "arbeit"],
        "kip": ["2.1", "2.3"],
        "targets": ["neuzugezogene", "gefluechtete"],
        "languages": ["de"],
        "locations": [loc("HEKS Kursraum Oftringen", "Zürichstrasse 15", "4665", 4280)],
        "cost_type": "reduced",
        "cost_amount": "240.00",
        "cost_note": (
            "CHF 240; für Personen mit Sozialhilfe oder Status F/B-Flüchtling übernimmt der Kanton die "
            "Kosten."
        ),
        "schedule_text": "Freitag, 8.30–11.45 Uhr",
        "start_date": "2026-09-04",
        "end_date": "2027-03-26",
        "registration_required": True,
        "registration_email": "kurse-ag@heks.example.ch",
        "confirmed_days_ago": 80,
    },
    {
        "provider": "heks-aarau-solothurn",
        "title": "Alphabetisierungskurs mit Kinderbetreuung",
        "summary": (
            "Lesen und schreiben lernen in lateinischer Schrift – für Erwachsene, die wenig zur Schule "
            "gingen."
        ),
        "description": (
            "In kleinen Gruppen lernen Erwachsene Buchstaben, Zahlen und erste Wörter auf Deutsch. Das Tempo "
            "richtet sich nach den Teilnehmenden. Während des Kurses werden Kleinkinder betreut."
        ),
        "areas": ["sprache", "bildung"],
        "kip": ["2.1"],
        "targets": ["gefluechtete", "frauen"],
        "languages": ["de", "ti", "ar"],
        "locations": [loc("HEKS Treffpunkt Zofingen", "Vordere Hauptgasse 5", "4800", 4289)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Betreuung für Kinder bis 5 Jahre im Spielzimmer.",
        "schedule_text": "Montag, Mittwoch und Freitag, 9.00–11.00 Uhr",
        "registration_required": True,
        "registration_phone": "+41 62 836 00 20",
        "confirmed_days_ago": 120,
    },
    {
        "provider": "stadtbibliothek-zofingen",
        "title": "Sprachcafé Deutsch in der Stadtbibliothek",
        "summary": "Deutsch sprechen bei Kaffee und Tee – ohne Anmeldung, ohne Kosten.",
        "description": (
            "Freiwillige Gastgeberinnen und Gastgeber unterhalten sich mit Ihnen über Alltagsthemen. Alle "
            "Niveaus sind willkommen. Danach können Sie Bücher in Ihrer Sprache ausleihen."
        ),
        "areas": ["sprache", "freizeit"],
        "kip": ["2.1", "3.2"],
        "targets": ["neuzugezogene", "senioren"],
        "languages": ["de"],
        "locations": [STADTBIBLIOTHEK],
        "cost_type": "free",
        "barrier_free": True,
        "accessibility_note": "Rollstuhlgerechter Eingang an der Rückseite.",
        "schedule_text": "Jeden Samstag, 10.00–11.30 Uhr",
        "confirmed_days_ago": 14,
    },
    {
        "provider": "frauentreff-oftringen",
        "title": "Konversationstreff Deutsch für Frauen",
        "summary": "Frauen aus aller Welt üben gemeinsam Deutsch – die Kinder spielen nebenan.",
        "description": (
            "Wir sprechen über Themen, die Sie beschäftigen: Schule, Gesundheit, Einkaufen, Feste. Eine "
            "Deutschlehrerin begleitet die Gespräche. Die Kinderbetreuung übernehmen Freiwillige."
        ),
        "areas": ["sprache", "zusammenleben"],
        "kip": ["2.1", "3.2"],
        "targets": ["frauen"],
        "languages": ["de", "tr", "sq"],
        "locations": [loc("Frauentreff im Gemeinschaftsraum", "Dorfstrasse 40", "4665", 4280)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Freiwillige betreuen die Kinder im Nebenraum.",
        "schedule_text": "Mittwoch, 14.00–16.00 Uhr",
        "confirmed_days_ago": 200,
    },
    {
        "provider": "fachstelle-zofingen",
        "title": "Beratung zu Integrationsfragen",
        "summary": (
            "Kostenlose und vertrauliche Beratung zu Deutsch, Bildung, Arbeit, Gesundheit und Aufenthalt."
        ),
        "description": (
            "Sie haben Fragen zum Leben in der Schweiz, zu Deutschkursen, zur Anerkennung Ihres Diploms oder "
            "zu Ihrer Aufenthaltsbewilligung? Wir beraten Sie persönlich und zeigen passende Angebote. Bei "
            "Bedarf organisieren wir eine Übersetzung."
        ),
        "areas": ["beratung", "recht"],
        "kip": ["1.1", "1.2"],
        "targets": ["neuzugezogene", "familien", "gefluechtete"],
        "languages": ["de", "en", "fr"],
        "locations": [
            loc("Fachstelle Integration", "Thutplatz 19", "4800", 4289, hours="Di und Do, 9.00–12.00 Uhr"),
            loc("Gemeindehaus Rothrist, Sitzungszimmer", "Bernstrasse 102", "4852", 4282, appointment=True),
        ],
        "municipalities": [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289],
        "cost_type": "free",
        "barrier_free": True,
        "registration_note": "Termin nach Vereinbarung; Kurzberatung während der Sprechstunde ohne Termin.",
        "contact_email": "integration@zofingenregio.example.ch",
        "contact_phone": "+41 62 745 00 00",
        "confirmed_days_ago": 7,
    },
    {
        "provider": "mvb-zofingen",
        "title": "Mütter- und Väterberatung",
        "summary": "Beratung zu Entwicklung, Ernährung, Schlaf und Erziehung von Kindern bis fünf Jahre.",
        "description": (
            "Fachfrauen beraten Eltern in den Gemeinden der Region. Sie wiegen und messen Ihr Kind und "
            "beantworten Ihre Fragen. Auf Wunsch ist eine interkulturelle Dolmetscherin dabei."
        ),
        "areas": ["fruehe-kindheit", "gesundheit", "familie"],
        "kip": ["2.2"],
        "targets": ["familien", "kinder"],
        "languages": ["de", "en", "sq", "ta"],
        "locations": [
            loc("Beratungsstelle Zofingen", "Thutplatz 21", "4800", 4289, hours="Dienstag, 14.00–17.00 Uhr"),
            loc("Kindergarten Paradiesli Aarburg", "Bahnhofstrasse 18", "4663", 4271, appointment=True),
            loc(
                "Gemeindehaus Rothrist",
                "Bernstrasse 102",
                "4852",
                4282,
                hours="1. Donnerstag im Monat, 14.00–16.30 Uhr",
            ),
        ],
        "cost_type": "free",
        "barrier_free": True,
        "registration_note": "Offene Sprechstunde ohne Anmeldung; Hausbesuche nach Vereinbarung.",
        "confirmed_days_ago": 45,
    },
    {
        "provider": "familienzentrum-zofingen",
        "title": "Elterncafé im Familienzentrum",
        "summary": "Andere Eltern kennenlernen, Fragen stellen, Kaffee trinken – die Kinder spielen mit.",
        "description": (
            "Jeden Donnerstag lädt das Familienzentrum Eltern mit kleinen Kindern zum offenen Café ein. "
            "Einmal im Monat kommt eine Fachperson zu einem Thema wie Zweisprachigkeit oder Zahnpflege."
        ),
        "areas": ["familie", "fruehe-kindheit", "freizeit"],
        "kip": ["2.2", "3.2"],
        "targets": ["familien", "kinder"],
        "languages": ["de", "en"],
        "locations": [FAMILIENZENTRUM],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Spielecke mit Betreuung.",
        "barrier_free": True,
        "schedule_text": "Donnerstag, 9.00–11.00 Uhr",
        "confirmed_days_ago": 30,
    },
    {
        "provider": "familienzentrum-zofingen",
        "title": "Spielgruppe plus – spielerisch Deutsch lernen",
        "summary": (
            "Spielgruppe für Kinder ab drei Jahren mit gezielter Sprachförderung vor dem Kindergarten."
        ),
        "description": (
            "Die Kinder spielen, singen und basteln zweimal pro Woche in einer kleinen Gruppe. Die "
            "Spielgruppenleiterin fördert gezielt die deutsche Sprache. Eltern erhalten Tipps für zu Hause."
        ),
        "areas": ["fruehe-kindheit", "sprache"],
        "kip": ["2.2"],
        "targets": ["kinder", "familien"],
        "languages": ["de"],
        "locations": [FAMILIENZENTRUM, loc("Spielgruppenraum Brittnau", "Dorfstrasse 6", "4805", 4274)],
        "cost_type": "reduced",
        "cost_amount": "95.00",
        "cost_note": "CHF 95 pro Monat; Gemeinden übernehmen je nach Einkommen bis zu 80 %.",
        "schedule_text": "Dienstag und Freitag, 8.45–11.15 Uhr",
        "start_date": "2026-08-17",
        "end_date": "2027-07-02",
        "registration_required": True,
        "registration_email": "spielgruppe@familienzentrum-zofingen.example.ch",
        "confirmed_days_ago": 60,
    },
    {
        "provider": "mvb-zofingen",
        "title": "Frühförderung zu Hause – Hausbesuchsprogramm",
        "summary": "Eine Hausbesucherin zeigt Eltern, wie sie ihr Kleinkind im Alltag spielerisch fördern.",
        "description": (
            "Während 18 Monaten besucht eine geschulte Hausbesucherin die Familie alle zwei Wochen. Sie "
            "bringt Spiele und Bücher mit und spricht, wenn möglich, die Sprache der Familie. Dazu gibt es "
            "monatliche Gruppentreffen mit anderen Eltern."
        ),
        "areas": ["fruehe-kindheit", "familie"],
        "kip": ["2.2"],
        "targets": ["familien", "kinder"],
        "languages": ["de", "ar", "ti", "tr", "ta"],
        "locations": [loc("Bei Ihnen zu Hause (Region Zofingen)", "", "4800", 4289, appointment=True)],
        "municipalities": [4271, 4279, 4280, 4282, 4289],
        "cost_type": "free",
        "registration_required": True,
        "registration_phone": "+41 62 745 00 40",
        "confirmed_days_ago": 90,
    },
    {
        "provider": "caritas-aargau",
        "title": "Sozialberatung",
        "summary": "Unterstützung bei finanziellen, familiären oder persönlichen Schwierigkeiten.",
        "description": (
            "Sozialarbeitende klären mit Ihnen Ihre Situation und suchen gemeinsam nach Lösungen, etwa bei "
            "Problemen mit Rechnungen, Versicherungen oder Behörden. Die Beratung ist vertraulich."
        ),
        "areas": ["beratung", "wohnen"],
        "kip": ["1.2"],
        "targets": ["familien", "gefluechtete", "senioren"],
        "languages": ["de", "fr", "it", "en"],
        "locations": [
            loc(
                "Caritas Beratungsstelle Zofingen",
                "Kirchplatz 8",
                "4800",
                4289,
                hours="Mo–Do 8.30–12.00",
                appointment=True,
            )
        ],
        "cost_type": "free",
        "registration_required": True,
        "registration_phone": "+41 62 837 00 30",
        "confirmed_days_ago": 150,
    },
    {
        "provider": "caritas-aargau",
        "title": "Budget- und Schuldenberatung",
        "summary": "Gemeinsam ein Budget erstellen und einen Weg aus den Schulden finden.",
        "description": (
            "Wir schauen Ihre Einnahmen und Ausgaben an, verhandeln bei Bedarf mit Gläubigern und zeigen, "
            "wie Sie neue Schulden vermeiden. Bringen Sie Ihre Rechnungen und Betreibungen mit."
        ),
        "areas": ["beratung"],
        "kip": ["1.2"],
        "targets": ["familien", "neuzugezogene"],
        "languages": ["de", "it"],
        "locations": [
            loc("Caritas Beratungsstelle Zofingen", "Kirchplatz 8", "4800", 4289, appointment=True)
        ],
        "cost_type": "free",
        "registration_required": True,
        "registration_phone": "+41 62 837 00 30",
        "confirmed_days_ago": 150,
    },
    {
        "provider": "caritas-aargau",
        "title": "KulturLegi – günstiger an Kultur, Sport und Bildung teilnehmen",
        "summary": (
            "Mit der KulturLegi erhalten Menschen mit wenig Geld Rabatte auf Kurse, Eintritte und Vereine."
        ),
        "description": (
            "Die KulturLegi ist ein persönlicher Ausweis. Über 200 Angebote in der Region gewähren 30 bis 70 "
            "Prozent Rabatt, auch viele Deutschkurse. Sie beantragen die Karte mit einem Nachweis über Ihr "
            "Einkommen."
        ),
        "areas": ["freizeit", "beratung"],
        "kip": ["3.2"],
        "targets": ["familien", "senioren", "gefluechtete"],
        "languages": ["de"],
        "locations": [loc("Caritas Beratungsstelle Zofingen", "Kirchplatz 8", "4800", 4289)],
        "is_online": True,
        "cost_type": "fee",
        "cost_amount": "20.00",
        "cost_note": "CHF 20 pro Jahr.",
        "registration_url": "https://www.caritas-aargau.example.ch/kulturlegi",
        "confirmed_days_ago": 300,
    },
    {
        "provider": "heks-aarau-solothurn",
        "title": "Bewerbungscoaching für Migrantinnen und Migranten",
        "summary": "Individuelle Begleitung bei Lebenslauf, Bewerbungsschreiben und Vorstellungsgespräch.",
        "description": (
            "Eine Coachin hilft Ihnen, Ihre Erfahrungen aus dem Herkunftsland sichtbar zu machen. Wir "
            "erstellen ein Dossier nach Schweizer Standard und üben das Vorstellungsgespräch. Gute "
            "Deutschkenntnisse auf Niveau A2 sind von Vorteil."
        ),
        "areas": ["arbeit"],
        "kip": ["2.3"],
        "targets": ["neuzugezogene", "gefluechtete", "jugendliche"],
        "languages": ["de", "en", "fr", "ar"],
        "locations": [
            loc("HEKS Treffpunkt Zofingen", "Vordere Hauptgasse 5", "4800", 4289, appointment=True)
        ],
        "cost_type": "free",
        "registration_required": True,
        "registration_email": "coaching-ag@heks.example.ch",
        "confirmed_days_ago": 40,
    },
    {
        "provider": "rav-zofingen",
        "title": "Informationsveranstaltung: Stellensuche in der Schweiz",
        "summary": (
            "Wie funktioniert der Arbeitsmarkt? Was macht das RAV? Mit Übersetzung in mehrere Sprachen."
        ),
        "description": (
            "Das RAV erklärt Anmeldung, Pflichten und Unterstützung bei der Stellensuche. Interkulturelle "
            "Dolmetschende übersetzen in die wichtigsten Sprachen. Im Anschluss beantworten Fachpersonen "
            "Ihre Fragen."
        ),
        "areas": ["arbeit", "beratung"],
        "kip": ["2.3", "1.1"],
        "targets": ["neuzugezogene", "gefluechtete"],
        "languages": ["de", "ar", "ti", "fa", "uk"],
        "locations": [loc("RAV Zofingen, Schulungsraum", "Mühlethalstrasse 25", "4800", 4289)],
        "cost_type": "free",
        "barrier_free": True,
        "schedule_text": "Erster Montag im Monat, 14.00–16.00 Uhr",
        "registration_required": True,
        "registration_phone": "+41 62 745 00 80",
        "confirmed_days_ago": 25,
    },
    {
        "provider": "jugendarbeit-rothrist",
        "title": "Lehrstellencoaching für Jugendliche",
        "summary": "Unterstützung für Jugendliche ab 14 Jahren bei der Suche nach einer Lehrstelle.",
        "description": (
            "Im Jugendtreff helfen dir Jugendarbeitende bei Bewerbungen, Schnupperlehren und dem Multicheck. "
            "Du kannst einfach vorbeikommen oder einen Termin abmachen. Auch Eltern sind willkommen."
        ),
        "areas": ["arbeit", "bildung"],
        "kip": ["2.3"],
        "targets": ["jugendliche"],
        "languages": ["de", "sq", "sr", "pt"],
        "locations": [
            loc("Jugendtreff Rothrist", "Bernstrasse 95", "4852", 4282, hours="Mittwoch, 14.00–18.00 Uhr")
        ],
        "cost_type": "free",
        "confirmed_days_ago": 70,
    },
    {
        "provider": "schule-aarburg",
        "title": "Hausaufgabenhilfe Aarburg",
        "summary": "Freiwillige helfen Schulkindern der 3. bis 6. Klasse bei den Hausaufgaben.",
        "description": (
            "Nach der Schule erledigen die Kinder ihre Hausaufgaben in ruhiger Umgebung. Freiwillige "
            "erklären und üben mit ihnen. Es gibt einen kleinen Zvieri."
        ),
        "areas": ["bildung"],
        "kip": ["2.1"],
        "targets": ["kinder"],
        "languages": ["de"],
        "locations": [loc("Schulhaus Hofmatt, Bibliothek", "Hofmattstrasse 5", "4663", 4271)],
        "cost_type": "free",
        "schedule_text": "Montag bis Donnerstag, 15.30–17.00 Uhr, während der Schulzeit",
        "registration_required": True,
        "registration_note": "Anmeldung über die Klassenlehrperson.",
        "confirmed_days_ago": 55,
    },
    {
        "provider": "schule-aarburg",
        "title": "Elterninformation: Die Schule in der Schweiz",
        "summary": "Wie funktionieren Kindergarten und Schule? Informationsabend mit Dolmetschenden.",
        "description": (
            "Lehrpersonen erklären das Schulsystem, Zeugnisse, Elterngespräche und den Übertritt in die "
            "Oberstufe. Interkulturelle Dolmetschende übersetzen. Kinderbetreuung ist organisiert."
        ),
        "areas": ["bildung", "familie"],
        "kip": ["1.1", "2.1"],
        "targets": ["familien", "neuzugezogene"],
        "languages": ["de", "ar", "ti", "tr", "sq", "pt", "ta"],
        "locations": [loc("Schulhaus Paradiesli, Aula", "Paradiesstrasse 3", "4663", 4271)],
        "cost_type": "free",
        "childcare": True,
        "childcare_note": "Kinderbetreuung im Singsaal.",
        "schedule_text": "Zweimal jährlich, jeweils im September und März, 19.00 Uhr",
        "start_date": "2027-03-16",
        "end_date": "2027-03-16",
        "confirmed_days_ago": 100,
    },
    {
        "provider": "tamil-kulturverein",
        "title": "Tamil-Unterricht für Kinder (Heimatliche Sprache und Kultur)",
        "summary": "Kurse in heimatlicher Sprache und Kultur für Kinder aus tamilischsprachigen Familien.",
        "description": (
            "Kinder lernen Lesen und Schreiben auf Tamil und erfahren mehr über die Kultur ihrer Eltern. "
            "Gute Kenntnisse der Erstsprache helfen auch beim Deutschlernen."
        ),
        "areas": ["bildung", "sprache"],
        "kip": ["2.1"],
        "targets": ["kinder"],
        "languages": ["ta", "de"],
        "locations": [loc("Schulhaus Oberfeld", "Oberfeldstrasse 12", "4665", 4280)],
        "cost_type": "fee",
        "cost_amount": "150.00",
        "cost_note": "CHF 150 pro Schuljahr, Geschwister CHF 100.",
        "schedule_text": "Samstag, 9.00–12.00 Uhr",
        "registration_required": True,
        "confirmed_days_ago": 400,
    },
    {
        "provider": "frauentreff-oftringen",
        "title": "Kochen aus aller Welt",
        "summary": "Frauen kochen gemeinsam Rezepte aus ihren Herkunftsländern und essen zusammen.",
        "description": (
            "Jedes Mal stellt eine Teilnehmerin ein Gericht aus ihrer Heimat vor. Beim Kochen kommt man "
            "leicht ins Gespräch – auf Deutsch und mit Händen und Füssen."
        ),
        "areas": ["freizeit", "zusammenleben"],
        "kip": ["3.2"],
        "targets": ["frauen"],
        "languages": ["de"],
        "locations": [loc("Schulküche Oftringen", "Lindenweg 4", "4665", 4280)],
        "cost_type": "fee",
        "cost_amount": "5.00",
        "cost_note": "CHF 5 für die Zutaten.",
        "schedule_text": "Letzter Freitag im Monat, 17.30–21.00 Uhr",
        "registration_required": True,
        "registration_phone": "+41 62 797 00 60",
        "confirmed_days_ago": 33,
    },
    {
        "provider": "stadtbibliothek-zofingen",
        "title": "Geschichten in vielen Sprachen",
        "summary": (
            "Vorlesestunde für Kinder von 2 bis 6 Jahren und ihre Eltern – in Deutsch und einer Erstsprache."
        ),
        "description": (
            "Animatorinnen erzählen Geschichten, singen Lieder und zeigen Bilderbücher in zwei Sprachen. So "
            "erleben Kinder, dass ihre Familiensprache wertvoll ist. Eltern erhalten Ideen zum Vorlesen."
        ),
        "areas": ["fruehe-kindheit", "sprache"],
        "kip": ["2.2"],
        "targets": ["kinder", "familien"],
        "languages": ["de", "ar", "ti", "tr", "sq", "ta", "pt"],
        "locations": [STADTBIBLIOTHEK],
        "cost_type": "free",
        "barrier_free": True,
        "schedule_text": "Jeden zweiten Mittwoch, 15.00–15.45 Uhr",
        "confirmed_days_ago": 12,
    },
    {
        "provider": "deutsch-fuer-alle",
        "title": "Online-Deutschkurs B1",
        "summary": "Deutsch auf Niveau B1 im virtuellen Klassenzimmer – von zu Hause aus.",
        "description": (
            "Der Kurs findet per Videokonferenz statt. Sie brauchen einen Computer oder ein Tablet mit "
            "Kamera. Zwischen den Lektionen üben Sie mit einer Lernplattform."
        ),
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene"],
        "languages": ["de"],
        "is_online": True,
        "municipalities": [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289],
        "cost_type": "fee",
        "cost_amount": "220.00",
        "schedule_text": "Dienstag und Donnerstag, 20.00–21.30 Uhr",
        "start_date": "2026-10-20",
        "end_date": "2027-03-25",
        "registration_required": True,
        "registration_url": "https://www.deutsch-fuer-alle.example.ch/online",
        "confirmed_days_ago": 18,
    },
    {
        "provider": "heks-aarau-solothurn",
        "title": "Interkulturelles Dolmetschen für Schulen und Behörden",
        "summary": (
            "Vermittlung von ausgebildeten interkulturellen Dolmetschenden für Gespräche vor Ort oder per "
            "Telefon."
        ),
        "description": (
            "Schulen, Sozialdienste und Spitäler bestellen Dolmetschende für über 50 Sprachen. Die "
            "Dolmetschenden sind zertifiziert und an die Schweigepflicht gebunden."
        ),
        "areas": ["dolmetschen"],
        "kip": ["3.1"],
        "targets": ["fachpersonen"],
        "languages": ["ar", "ti", "fa", "prs", "tr", "ku", "sq", "ta", "so", "uk"],
        "locations": [
            loc(
                "HEKS Vermittlungsstelle",
                "Vordere Hauptgasse 5",
                "4800",
                4289,
                hours="Mo–Fr 8.00–12.00 und 13.30–17.00 Uhr",
            )
        ],
        "municipalities": [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289],
        "cost_type": "fee",
        "cost_amount": "85.00",
        "cost_note": "CHF 85 pro Stunde, Mindestdauer eine Stunde.",
        "registration_required": True,
        "registration_url": "https://www.heks.example.ch/dolmetschen",
        "confirmed_days_ago": 65,
    },
    {
        "provider": "fachstelle-zofingen",
        "title": "Begrüssungsanlass für Neuzugezogene",
        "summary": (
            "Die Gemeinden der Region heissen neu zugezogene Personen willkommen – mit Apéro und "
            "Stadtrundgang."
        ),
        "description": (
            "Vertreterinnen und Vertreter der Gemeinden, Vereine und Fachstellen stellen sich vor. Auf einem "
            "kurzen Rundgang lernen Sie wichtige Orte kennen. Dolmetschende sind anwesend."
        ),
        "areas": ["zusammenleben", "beratung"],
        "kip": ["1.1", "3.2"],
        "targets": ["neuzugezogene"],
        "languages": ["de", "en", "ar", "uk", "tr"],
        "locations": [loc("Stadtsaal Zofingen", "Kirchplatz 26", "4800", 4289)],
        "municipalities": [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289],
        "cost_type": "free",
        "barrier_free": True,
        "schedule_text": "Jährlich im Mai, Samstagvormittag",
        "start_date": "2027-05-08",
        "end_date": "2027-05-08",
        "registration_required": True,
        "registration_email": "integration@zofingenregio.example.ch",
        "confirmed_days_ago": 10,
    },
    {
        "provider": "deutsch-fuer-alle",
        "title": "Deutschkurs für Seniorinnen und Senioren",
        "summary": "Langsames Tempo, viel Wiederholung: Deutsch für Menschen ab 60.",
        "description": (
            "Der Kurs ist in Planung. Wir suchen noch einen geeigneten Raum in Strengelbach oder Brittnau."
        ),
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["senioren"],
        "languages": ["de"],
        "locations": [loc("Gemeindesaal Strengelbach", "Dorfstrasse 1", "4802", 4285)],
        "cost_type": "reduced",
        "cost_amount": "120.00",
        "status": "draft",
        "confirmed_days_ago": None,
    },
    {
        "provider": "deutsch-fuer-alle",
        "title": "Sommer-Deutschkurs 2025",
        "summary": "Intensivkurs während der Sommerferien 2025.",
        "description": "Dieser Kurs hat im Sommer 2025 stattgefunden.",
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["jugendliche", "neuzugezogene"],
        "languages": ["de"],
        "locations": [loc("Schulhaus Bezirksschule", "Strengelbacherstrasse 27", "4800", 4289)],
        "cost_type": "fee",
        "cost_amount": "200.00",
        "start_date": "2025-07-07",
        "end_date": "2025-08-08",
        "status": "archived",
        "confirmed_days_ago": 480,
    },
]
