"""Demo content of the catalogue of proven offers (maintained by the Kanton Zürich office) and the needs for
action of the Oftringen process. Invented but plausible; costs in CHF per year.

Each entry: title, summary, description (Markdown), KIP code, target group slugs, effort, effort note,
cost from/to, cost note, prerequisites, keywords, examples [(BFS number, directory offer title or None,
note)]. An example's offer is linked when an offer of that title exists and is available there."""

from decimal import Decimal as D

CATALOGUE_OFFICE_SLUG = "kanton-zuerich"
PROCESS_OFFICE_SLUG = "region-zofingen"
OFTRINGEN_BFS = 4280

ENTRIES = [
    # --- 1.1 Erstinformation und Integrationsförderbedarf ---
    {
        "title": "Begrüssungsgespräche für Neuzugezogene",
        "summary": "Die Gemeinde lädt alle zugezogenen Personen aus dem Ausland zu einem persönlichen "
        "Gespräch "
        "ein und klärt den Integrationsförderbedarf.",
        "description": "## Ablauf\n\nDie Einwohnerkontrolle meldet Zuzüge wöchentlich. Eine Fachperson lädt "
        "schriftlich in der Erstsprache ein und führt ein Gespräch von 45 Minuten, bei Bedarf mit "
        "interkulturell Dolmetschenden.\n\n- Informationen zu Schule, Gesundheit, Arbeit\n- Hinweise auf "
        "Deutschkurse\n- Abklärung des Förderbedarfs",
        "kip": "1.1",
        "targets": ["neuzugezogene", "familien"],
        "effort": "medium",
        "effort_note": "ca. 10 % Stellenprozent pro 100 Zuzüge",
        "cost_min": D("8000"),
        "cost_max": D("25000"),
        "cost_note": "Dolmetschkosten je nach Sprachen zusätzlich",
        "prerequisites": "Datenaustausch mit der Einwohnerkontrolle; eine zuständige Fachperson.",
        "keywords": ["Begrüssungsgespräch", "Begrüssungsanlass", "Erstgespräch", "Erstinformation"],
        "examples": [
            (198, "Begrüssungsgespräch für Neuzugezogene in Uster", "seit 2019, rund 300 Gespräche pro Jahr"),
            (2762, "Erstinformation für Neuzugezogene", ""),
        ],
    },
    {
        "title": "Willkommensapéro",
        "summary": "Ein jährlicher Anlass, an dem Gemeinderat, Vereine und Neuzugezogene sich kennenlernen.",
        "description": "Der Gemeinderat begrüsst die Neuzugezogenen des letzten Jahres. Vereine, Schule und "
        "Fachstellen stellen sich an Marktständen vor; Schlüsselpersonen übersetzen.",
        "kip": "1.1",
        "targets": ["neuzugezogene", "vereine"],
        "effort": "low",
        "effort_note": "ca. 3 Arbeitstage Vorbereitung",
        "cost_min": D("2000"),
        "cost_max": D("6000"),
        "cost_note": "",
        "prerequisites": "Ein Saal; Mitwirkung des Gemeinderats und von Vereinen.",
        "keywords": ["Willkommensapéro", "Willkommensanlass", "Neuzuzügerapéro"],
        "examples": [(2762, "Willkommensapéro im Museum Allschwil", "mit Museumsführung")],
    },
    {
        "title": "Willkommensmappe in mehreren Sprachen",
        "summary": "Eine kompakte Mappe mit den wichtigsten Informationen über die Gemeinde in den "
        "häufigsten "
        "Sprachen.",
        "description": "Inhalt: Verwaltung, Schule, Gesundheit, Abfall, Freizeit, Deutschkurse. Abgabe am "
        "Schalter der Einwohnerkontrolle und als PDF auf der Website.",
        "kip": "1.1",
        "targets": ["neuzugezogene"],
        "effort": "low",
        "effort_note": "Aktualisierung einmal pro Jahr",
        "cost_min": D("1500"),
        "cost_max": D("8000"),
        "cost_note": "Übersetzungen einmalig höher",
        "prerequisites": "",
        "keywords": ["Willkommensmappe", "Informationsmappe", "Willkommensbroschüre"],
        "examples": [(230, None, "in 12 Sprachen")],
    },
    # --- 1.2 Beratung ---
    {
        "title": "Sprechstunde Integration in der Gemeindeverwaltung",
        "summary": "Eine regelmässige, kostenlose Sprechstunde der regionalen Fachstelle direkt in der "
        "Gemeinde.",
        "description": "Die Fachstelle Integration berät vor Ort zu Aufenthalt, Familiennachzug, Arbeit und "
        "Deutschkursen und vermittelt an Fachstellen weiter.",
        "kip": "1.2",
        "targets": ["neuzugezogene", "familien", "gefluechtete"],
        "effort": "low",
        "effort_note": "2 Stunden alle zwei Wochen",
        "cost_min": D("3000"),
        "cost_max": D("9000"),
        "cost_note": "Leistungsvereinbarung mit der regionalen Fachstelle",
        "prerequisites": "Ein Besprechungsraum in der Verwaltung.",
        "keywords": ["Sprechstunde Integration", "Integrationsberatung", "Beratung zu Integrationsfragen"],
        "examples": [(4289, "Beratung zu Integrationsfragen", "")],
    },
    {
        "title": "Mobile Beratung im Quartier",
        "summary": "Beratende gehen dorthin, wo die Menschen sind: Quartiertreff, Bibliothek, Markt.",
        "description": "Zweimal pro Monat ist eine Beraterin mit Schlüsselperson an einem festen Ort im "
        "Quartier "
        "anzutreffen. Niederschwellig, ohne Anmeldung.",
        "kip": "1.2",
        "targets": ["frauen", "senioren", "familien"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("10000"),
        "cost_max": D("20000"),
        "cost_note": "",
        "prerequisites": "Partner im Quartier (Treffpunkt, Bibliothek).",
        "keywords": ["mobile Beratung", "aufsuchende Beratung"],
        "examples": [(261, None, "Quartiere Aussersihl und Schwamendingen")],
    },
    {
        "title": "Beratung für Arbeitgebende",
        "summary": "Eine Anlaufstelle für Betriebe, die Geflüchtete oder Migrantinnen und Migranten "
        "anstellen "
        "wollen.",
        "description": "Informationen zu Bewilligungen, Sprachförderung am Arbeitsplatz und Einarbeitung; "
        "Vermittlung von Kontakten.",
        "kip": "1.2",
        "targets": ["arbeitgebende"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("2000"),
        "cost_max": D("5000"),
        "cost_note": "",
        "prerequisites": "Zusammenarbeit mit Gewerbeverein.",
        "keywords": ["Arbeitgebende", "Arbeitgeberberatung"],
        "examples": [],
    },
    # --- 1.3 Schutz vor Diskriminierung ---
    {
        "title": "Anlaufstelle Rassismus",
        "summary": "Betroffene von Diskriminierung finden eine vertrauliche Erstberatung in der Region.",
        "description": "Die Gemeinde macht die regionale Beratungsstelle bekannt, bietet eine "
        "Telefonsprechstunde an und dokumentiert Vorfälle anonym.",
        "kip": "1.3",
        "targets": ["fachpersonen", "jugendliche"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("4000"),
        "cost_max": D("12000"),
        "cost_note": "Beitrag an die regionale Beratungsstelle",
        "prerequisites": "Leistungsvereinbarung mit einer anerkannten Beratungsstelle.",
        "keywords": ["Rassismus", "Diskriminierung"],
        "examples": [(261, None, "")],
    },
    {
        "title": "Sensibilisierungsworkshop für die Verwaltung",
        "summary": "Ein halbtägiger Workshop für Mitarbeitende am Schalter zu transkultureller "
        "Kommunikation.",
        "description": "Fallbeispiele aus dem Schalteralltag, einfache Sprache, Umgang mit Dolmetschenden.",
        "kip": "1.3",
        "targets": ["fachpersonen"],
        "effort": "low",
        "effort_note": "ein halber Tag pro Jahr",
        "cost_min": D("1500"),
        "cost_max": D("3500"),
        "cost_note": "",
        "prerequisites": "",
        "keywords": ["Sensibilisierung", "transkulturelle Kompetenz"],
        "examples": [(230, None, "")],
    },
    {
        "title": "Aktionswoche gegen Rassismus",
        "summary": "Veranstaltungen von Schule, Bibliothek und Vereinen rund um den 21. März.",
        "description": "Die Gemeinde koordiniert und bewirbt; die Partner gestalten Lesungen, Filme und "
        "Begegnungen.",
        "kip": "1.3",
        "targets": ["vereine", "jugendliche"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("3000"),
        "cost_max": D("10000"),
        "cost_note": "",
        "prerequisites": "Partner aus Schule und Vereinen.",
        "keywords": ["Aktionswoche", "gegen Rassismus"],
        "examples": [(198, None, "")],
    },
    # --- 2.1 Sprache und Bildung ---
    {
        "title": "Deutsch-Konversationstreff",
        "summary": "Freiwillige führen Gespräche auf Deutsch mit Menschen, die schon etwas Deutsch können.",
        "description": "Einmal pro Woche in kleinen Gruppen. Keine Anmeldung, gratis. Ergänzt die "
        "Deutschkurse.",
        "kip": "2.1",
        "targets": ["frauen", "neuzugezogene", "vereine"],
        "effort": "low",
        "effort_note": "Koordination der Freiwilligen ca. 2 Stunden pro Woche",
        "cost_min": D("1000"),
        "cost_max": D("4000"),
        "cost_note": "Raum, Material, Dank an Freiwillige",
        "prerequisites": "5–8 Freiwillige; ein Raum.",
        "keywords": ["Konversationstreff", "Konversation"],
        "examples": [(4280, "Konversationstreff Deutsch für Frauen", "")],
    },
    {
        "title": "Sprachcafé",
        "summary": "Deutsch üben in entspannter Atmosphäre, oft in der Bibliothek.",
        "description": "Gemischte Tische nach Niveau, moderiert von Freiwilligen. Kaffee und Kuchen.",
        "kip": "2.1",
        "targets": ["neuzugezogene", "senioren"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("800"),
        "cost_max": D("3000"),
        "cost_note": "",
        "prerequisites": "Partnerschaft mit der Bibliothek.",
        "keywords": ["Sprachcafé", "Sprachencafé"],
        "examples": [
            (2762, "Sprachcafé in der Gemeindebibliothek", ""),
            (4289, "Sprachcafé Deutsch in der Stadtbibliothek", ""),
        ],
    },
    {
        "title": "Deutschkurs mit Kinderhüte",
        "summary": "Deutschkurs am Vormittag, während die Kinder nebenan betreut werden.",
        "description": "Für Eltern, die sonst nicht an einem Kurs teilnehmen könnten. fide-orientiert, "
        "2 × 2 Stunden pro Woche.",
        "kip": "2.1",
        "targets": ["frauen", "familien"],
        "effort": "high",
        "effort_note": "Kursleitung und Kinderbetreuung",
        "cost_min": D("15000"),
        "cost_max": D("35000"),
        "cost_note": "KIP-Beitrag des Kantons möglich",
        "prerequisites": "Kursanbieter; zwei Räume nebeneinander.",
        "keywords": ["Kinderhüte", "Kinderbetreuung", "Mütter"],
        "examples": [
            (4271, "Deutschkurs für Mütter mit Kinderhüte", ""),
            (261, "Deutsch im Quartier mit Kinderhüte", ""),
        ],
    },
    {
        "title": "Hausaufgabenhilfe",
        "summary": "Freiwillige unterstützen Schulkinder bei den Hausaufgaben, wenn die Eltern das nicht "
        "können.",
        "description": "Zweimal pro Woche nach der Schule im Schulhaus; in Absprache mit den Lehrpersonen.",
        "kip": "2.1",
        "targets": ["kinder", "familien"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("3000"),
        "cost_max": D("8000"),
        "cost_note": "",
        "prerequisites": "Zusammenarbeit mit der Schule; Freiwillige.",
        "keywords": ["Hausaufgabenhilfe", "Aufgabenhilfe"],
        "examples": [(191, "Hausaufgabenhilfe Dübendorf", ""), (4271, "Hausaufgabenhilfe Aarburg", "")],
    },
    # --- 2.2 Frühe Kindheit ---
    {
        "title": "Elterncafé",
        "summary": "Ein offener Treffpunkt für Eltern mit kleinen Kindern, mit kurzen Inputs zu Erziehung, "
        "Gesundheit und Schule.",
        "description": "Einmal pro Woche am Vormittag im Familienzentrum; Spielecke für die Kinder; "
        "Fachpersonen "
        "der Mütter- und Väterberatung schauen regelmässig vorbei.",
        "kip": "2.2",
        "targets": ["familien", "frauen", "kinder"],
        "effort": "low",
        "effort_note": "Moderation 3 Stunden pro Woche",
        "cost_min": D("3000"),
        "cost_max": D("8000"),
        "cost_note": "",
        "prerequisites": "Ein Raum mit Spielecke.",
        "keywords": ["Elterncafé", "Elterntreff", "Familientreff"],
        "examples": [
            (4289, "Elterncafé im Familienzentrum", ""),
            (2762, "Elterncafé mehrsprachig", ""),
            (230, "Elterncafé und Spielgruppe Winterthur", ""),
        ],
    },
    {
        "title": "Spielgruppe plus mit Deutschförderung",
        "summary": "Spielgruppe mit gezielter Sprachförderung für Kinder ab drei Jahren vor dem "
        "Kindergarten.",
        "description": "Ausgebildete Spielgruppenleiterinnen fördern Deutsch im Spiel; Elternabende mit "
        "Dolmetschenden. Reduzierte Tarife für Familien mit wenig Einkommen.",
        "kip": "2.2",
        "targets": ["kinder", "familien"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("12000"),
        "cost_max": D("30000"),
        "cost_note": "Tarifverbilligung durch die Gemeinde",
        "prerequisites": "Anerkannte Spielgruppe; Weiterbildung der Leitung.",
        "keywords": ["Spielgruppe"],
        "examples": [(4289, "Spielgruppe plus – spielerisch Deutsch lernen", "")],
    },
    {
        "title": "femmesTISCHE",
        "summary": "Moderierte Gesprächsrunden in der Erstsprache zu Erziehung, Gesundheit und Schule.",
        "description": "Ausgebildete Moderatorinnen laden Frauen ihrer Sprachgemeinschaft ein; jede Runde "
        "behandelt ein Thema mit Filmen und Material des Programms.",
        "kip": "2.2",
        "targets": ["frauen", "familien"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("5000"),
        "cost_max": D("12000"),
        "cost_note": "Lizenz des Programms inbegriffen",
        "prerequisites": "Regionaler Standort von femmesTISCHE; Moderatorinnen.",
        "keywords": ["femmesTISCHE", "Gesprächsrunde"],
        "examples": [(198, "Interkulturelle Gesprächsrunde", "")],
    },
    {
        "title": "Geschichtenzeit in Erstsprachen",
        "summary": "Erzählstunden in verschiedenen Sprachen in der Bibliothek für Kinder und ihre Eltern.",
        "description": "Die Erstsprache stärken hilft beim Deutschlernen. Erzählerinnen lesen und spielen "
        "mit "
        "den Kindern; Eltern lernen die Bibliothek kennen.",
        "kip": "2.2",
        "targets": ["kinder", "familien"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("1500"),
        "cost_max": D("4000"),
        "cost_note": "",
        "prerequisites": "Bibliothek als Partnerin.",
        "keywords": ["Geschichtenzeit", "Geschichten in vielen Sprachen", "Erzählstunde"],
        "examples": [(2762, "Geschichtenzeit in Erstsprachen", "")],
    },
    # --- 2.3 Ausbildungs- und Arbeitsmarktfähigkeit ---
    {
        "title": "Mentoring für Berufseinstieg",
        "summary": "Freiwillige aus dem Berufsleben begleiten junge Erwachsene ein Jahr lang bei "
        "Lehrstellensuche "
        "und Berufseinstieg.",
        "description": "Tandems treffen sich alle zwei Wochen; die Koordinatorin vermittelt und begleitet.",
        "kip": "2.3",
        "targets": ["jugendliche", "gefluechtete", "vereine"],
        "effort": "high",
        "effort_note": "Koordination 20 Stellenprozent",
        "cost_min": D("15000"),
        "cost_max": D("40000"),
        "cost_note": "",
        "prerequisites": "15–20 Mentorinnen und Mentoren; Zusammenarbeit mit Gewerbe.",
        "keywords": ["Mentoring", "Lehrstellencoaching"],
        "examples": [(4289, "Lehrstellencoaching für Jugendliche", "")],
    },
    {
        "title": "Integrationsvorlehre-Informationsabend",
        "summary": "Ein Abend für Geflüchtete, Betriebe und Schlüsselpersonen über die Integrationsvorlehre.",
        "description": "Berufsberatung, Betriebe und ehemalige Teilnehmende berichten; Anmeldung vor Ort.",
        "kip": "2.3",
        "targets": ["gefluechtete", "arbeitgebende", "jugendliche"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("1000"),
        "cost_max": D("3000"),
        "cost_note": "",
        "prerequisites": "Berufsinformationszentrum als Partner.",
        "keywords": ["Integrationsvorlehre", "INVOL"],
        "examples": [(243, "Arbeitsmarkt Schweiz: Informationsveranstaltung", "")],
    },
    {
        "title": "Bewerbungswerkstatt",
        "summary": "Offene Werkstatt, in der Freiwillige beim Schreiben von Bewerbungen helfen.",
        "description": "Jeden Mittwochabend mit Computern; Lebenslauf, Motivationsschreiben, "
        "Bewerbungsportale.",
        "kip": "2.3",
        "targets": ["jugendliche", "neuzugezogene"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("1500"),
        "cost_max": D("5000"),
        "cost_note": "",
        "prerequisites": "Raum mit Computern.",
        "keywords": ["Bewerbungswerkstatt", "Bewerbungscoaching", "Bewerbung"],
        "examples": [(2762, "Bewerbungswerkstatt für Jugendliche", "")],
    },
    # --- 3.1 Interkulturelles Dolmetschen und Vermitteln ---
    {
        "title": "Interkulturelles Dolmetschen im Schulalltag",
        "summary": "Die Schule zieht für Elterngespräche qualifizierte interkulturell Dolmetschende bei.",
        "description": "Ein Pool mit Budget, ein einfaches Bestellformular und eine kurze Schulung der "
        "Lehrpersonen.",
        "kip": "3.1",
        "targets": ["familien", "fachpersonen"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("5000"),
        "cost_max": D("15000"),
        "cost_note": "je nach Anzahl Einsätze",
        "prerequisites": "Vereinbarung mit einer Vermittlungsstelle.",
        "keywords": ["Dolmetschen", "Dolmetschende"],
        "examples": [(4289, "Interkulturelles Dolmetschen für Schulen und Behörden", "")],
    },
    {
        "title": "Schlüsselpersonen-Netzwerk",
        "summary": "Engagierte Migrantinnen und Migranten vermitteln zwischen ihrer Gemeinschaft und der "
        "Gemeinde.",
        "description": "Schlüsselpersonen werden geschult, regelmässig informiert und für Einsätze "
        "entschädigt.",
        "kip": "3.1",
        "targets": ["vereine", "neuzugezogene"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("6000"),
        "cost_max": D("15000"),
        "cost_note": "",
        "prerequisites": "Eine Koordinationsperson.",
        "keywords": ["Schlüsselperson"],
        "examples": [(2762, "Schlüsselpersonen: Begleitung und Übersetzungshilfe", "")],
    },
    # --- 3.2 Zusammenleben und Partizipation ---
    {
        "title": "Nachbarschaftsprojekt",
        "summary": "Bewohnerinnen und Bewohner gestalten gemeinsam Aktionen im Quartier: Fest, Garten, "
        "Tauschbörse.",
        "description": "Eine Quartierarbeiterin begleitet die Gruppe während zwei Jahren, danach trägt sie "
        "sich "
        "selbst.",
        "kip": "3.2",
        "targets": ["vereine", "familien", "senioren"],
        "effort": "high",
        "effort_note": "",
        "cost_min": D("10000"),
        "cost_max": D("30000"),
        "cost_note": "",
        "prerequisites": "Ein Quartier mit Treffpunkt; Wohnbaugenossenschaft als Partnerin.",
        "keywords": ["Nachbarschaft", "Quartierprojekt"],
        "examples": [(230, None, "Quartier Töss")],
    },
    {
        "title": "Frauentreff",
        "summary": "Ein wöchentlicher Treffpunkt für Frauen aus aller Welt mit Ausflügen und Workshops.",
        "description": "Die Teilnehmerinnen bestimmen das Programm mit: Nähen, Kochen, Ausflüge, Inputs von "
        "Fachstellen.",
        "kip": "3.2",
        "targets": ["frauen"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("2000"),
        "cost_max": D("6000"),
        "cost_note": "",
        "prerequisites": "Ein Raum; eine Leiterin.",
        "keywords": ["Frauentreff", "Nähtreff"],
        "examples": [(2762, "Nähtreff international", "")],
    },
    {
        "title": "Velokurs für Migrantinnen",
        "summary": "Frauen lernen Velofahren und die Verkehrsregeln – mehr Selbständigkeit im Alltag.",
        "description": "Sechs Nachmittage auf einem Schulhausplatz, Velos und Helme werden gestellt.",
        "kip": "3.2",
        "targets": ["frauen"],
        "effort": "low",
        "effort_note": "",
        "cost_min": D("2500"),
        "cost_max": D("5000"),
        "cost_note": "",
        "prerequisites": "Pro Velo oder ein Veloclub als Partner.",
        "keywords": ["Velokurs", "Velofahren"],
        "examples": [(198, None, "")],
    },
    {
        "title": "Mittagstisch für alle",
        "summary": "Ein günstiger Mittagstisch, an dem Alteingesessene und Zugezogene miteinander essen.",
        "description": "Freiwillige kochen abwechselnd Gerichte aus verschiedenen Ländern.",
        "kip": "3.2",
        "targets": ["senioren", "vereine", "neuzugezogene"],
        "effort": "medium",
        "effort_note": "",
        "cost_min": D("3000"),
        "cost_max": D("7000"),
        "cost_note": "",
        "prerequisites": "Küche; Lebensmittelhygiene geregelt.",
        "keywords": ["Mittagstisch", "Kochen aus aller Welt"],
        "examples": [(2762, "Mittagstisch für alle", "")],
    },
]

# Needs for action of the Oftringen process: KIP code, title, priority, rationale, target group slugs,
# workshop kind it was identified in (linked if the workshop exists).
NEEDS = [
    (
        "2.2",
        "Familien mit Kleinkindern früher erreichen",
        "high",
        "Rund ein Drittel der Kinder mit ausländischer Nationalität tritt ohne Deutschkenntnisse in den "
        "Kindergarten ein. Die Spielgruppen in Oftringen sind vielen Familien nicht bekannt.",
        ["familien", "kinder"],
        "first",
    ),
    (
        "2.1",
        "Niederschwellige Deutschangebote für Mütter am Vormittag",
        "high",
        "Die Deutschkurse finden am Abend in Zofingen statt; Mütter mit kleinen Kindern können nicht "
        "teilnehmen. Der Konversationstreff ist voll.",
        ["frauen", "familien"],
        "first",
    ),
    (
        "1.1",
        "Neuzugezogene systematisch begrüssen und informieren",
        "medium",
        "Jährlich ziehen rund 450 Personen aus dem Ausland zu. Die Einwohnerkontrolle gibt nur ein Merkblatt "
        "ab; ein persönliches Gespräch fehlt.",
        ["neuzugezogene"],
        "first",
    ),
    (
        "2.3",
        "Jugendliche beim Übergang in die Lehre begleiten",
        "high",
        "Die Schule meldet, dass spät zugezogene Jugendliche nach der Oberstufe oft ohne Anschlusslösung "
        "bleiben.",
        ["jugendliche", "gefluechtete"],
        "second",
    ),
    (
        "3.2",
        "Begegnung im Quartier Oftringen-Nord fördern",
        "medium",
        "Im Quartier mit dem höchsten Ausländeranteil gibt es keinen Treffpunkt; Vereine erreichen die "
        "Zugezogenen kaum.",
        ["vereine", "familien", "frauen"],
        "second",
    ),
    (
        "3.1",
        "Verständigung zwischen Schule und Eltern verbessern",
        "medium",
        "Lehrpersonen übersetzen Elterngespräche mit älteren Geschwistern. Ein Budget für Dolmetschende "
        "fehlt.",
        ["familien", "fachpersonen"],
        "second",
    ),
    (
        "1.3",
        "Anlaufstelle bei Diskriminierung bekannt machen",
        "low",
        "Im Workshop wurden Erfahrungen bei der Wohnungssuche geschildert; niemand kannte die regionale "
        "Beratungsstelle.",
        ["fachpersonen"],
        "second",
    ),
]
