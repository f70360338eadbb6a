"""Building blocks for the synthetic benchmark data set: realistic German titles and texts (with French and
English counterparts for translations), so that text searches hit varied numbers of offers.

Texts are triples (de, fr, en). Placeholders: {level}, {group}, {place}, {lang}, {theme}, {day}, {time}.
"""

LEVELS = ["A1", "A2", "B1", "B2", "A1/A2", "A2/B1"]

GROUPS = [
    ("für Eltern", "pour parents", "for parents"),
    ("für Frauen", "pour femmes", "for women"),
    ("für Mütter mit Kleinkindern", "pour mères avec jeunes enfants", "for mothers with young children"),
    ("für Jugendliche", "pour jeunes", "for young people"),
    ("für Berufstätige", "pour personnes actives", "for working people"),
    ("für Seniorinnen und Senioren", "pour seniors", "for seniors"),
    ("für Geflüchtete", "pour réfugiés", "for refugees"),
    ("für Neuzugezogene", "pour nouveaux arrivants", "for newcomers"),
]

LANGUAGE_NAMES = [
    ("Arabisch", "arabe", "Arabic"),
    ("Tigrinya", "tigrinya", "Tigrinya"),
    ("Türkisch", "turc", "Turkish"),
    ("Albanisch", "albanais", "Albanian"),
    ("Portugiesisch", "portugais", "Portuguese"),
    ("Tamil", "tamoul", "Tamil"),
    ("Ukrainisch", "ukrainien", "Ukrainian"),
    ("Farsi", "persan", "Farsi"),
    ("Somali", "somali", "Somali"),
    ("Spanisch", "espagnol", "Spanish"),
]

THEMES = [
    ("Medien im Familienalltag", "les médias en famille", "media in family life"),
    ("Zweisprachig aufwachsen", "grandir avec deux langues", "growing up bilingual"),
    ("Gesunde Ernährung für Kinder", "alimentation saine des enfants", "healthy food for children"),
    ("Schlafen und Trösten", "sommeil et réconfort", "sleep and comfort"),
    ("Grenzen setzen", "poser des limites", "setting limits"),
    ("Übertritt in die Oberstufe", "passage au secondaire", "moving on to secondary school"),
]

DAYS = [
    ("Montag", "lundi", "Monday"),
    ("Dienstag", "mardi", "Tuesday"),
    ("Mittwoch", "mercredi", "Wednesday"),
    ("Donnerstag", "jeudi", "Thursday"),
    ("Freitag", "vendredi", "Friday"),
    ("Samstag", "samedi", "Saturday"),
]
TIMES = [
    "8.30–10.30",
    "9.00–11.00",
    "9.00–11.30",
    "13.30–15.30",
    "14.00–16.00",
    "17.30–19.00",
    "18.30–20.30",
    "19.00–21.00",
]

# Municipality names of the benchmark: invented, Swiss-sounding, combined from these parts.
PLACE_STEMS = [
    "Aar",
    "Bach",
    "Berg",
    "Birch",
    "Eich",
    "Erlen",
    "Hasel",
    "Holz",
    "Linden",
    "Matt",
    "Rüti",
    "Stein",
    "Tann",
    "Moos",
    "Buch",
    "Reben",
    "Weiden",
    "Sonn",
    "Brunn",
    "Egg",
]
PLACE_SUFFIXES = ["wil", "dorf", "ingen", "au", "berg", "matt", "ach", "hausen", "felden", "kon"]

STREETS = [
    "Bahnhofstrasse",
    "Dorfstrasse",
    "Hauptstrasse",
    "Kirchgasse",
    "Schulstrasse",
    "Poststrasse",
    "Lindenweg",
    "Industriestrasse",
    "Gartenstrasse",
    "Mühleweg",
]
VENUES = [
    "Schulhaus Zentrum",
    "Gemeindesaal",
    "Bibliothek",
    "Familienzentrum",
    "Kirchgemeindehaus",
    "Quartiertreff",
    "Jugendhaus",
    "Pfarreiheim",
    "Begegnungszentrum",
    "Gemeindehaus, Sitzungszimmer",
]
OPENING_HOURS = [
    "Mo–Fr 8.30–11.30",
    "Dienstag, 14.00–17.00 Uhr",
    "Mittwoch, 9.00–11.00 Uhr",
    "Do 13.30–17.00 Uhr",
    "Mo und Mi, 8.00–12.00 Uhr",
    "",
]

# Provider name patterns: (pattern, organisation kind, topic keys of the offers it runs). {place} is a
# municipality, {nation} an adjective.
PROVIDER_PATTERNS = [
    ("Verein Deutsch für alle {place}", "association", ("sprache",)),
    ("Elternverein {place}", "association", ("familie", "bildung")),
    ("Familienzentrum {place}", "association", ("familie", "zusammenleben", "gesundheit")),
    ("Jugendarbeit {place}", "mainstream_service", ("arbeit", "bildung", "zusammenleben")),
    ("Sozialdienst {place}", "mainstream_service", ("beratung", "recht")),
    ("Schule {place}", "mainstream_service", ("bildung", "sprache")),
    ("RAV {place}", "mainstream_service", ("arbeit",)),
    ("Bibliothek {place}", "mainstream_service", ("sprache", "familie", "zusammenleben")),
    ("Reformierte Kirchgemeinde {place}", "church", ("zusammenleben", "beratung")),
    ("Katholische Pfarrei {place}", "church", ("zusammenleben", "familie")),
    ("Frauentreff {place}", "volunteer_group", ("zusammenleben", "gesundheit", "sprache")),
    ("Freiwilligengruppe Asyl {place}", "volunteer_group", ("zusammenleben", "sprache", "dolmetschen")),
    ("{nation} Kulturverein {place}", "migrant_association", ("dolmetschen", "bildung", "zusammenleben")),
    ("Caritas Regionalstelle {place}", "ngo", ("beratung", "recht", "arbeit")),
    ("HEKS Regionalstelle {place}", "ngo", ("sprache", "arbeit", "dolmetschen", "recht")),
    ("Sprachschule {place}", "other", ("sprache",)),
    ("Ludothek {place}", "volunteer_group", ("familie",)),
]
NATIONS = [
    "Tamilischer",
    "Eritreischer",
    "Kurdischer",
    "Albanischer",
    "Portugiesischer",
    "Syrischer",
    "Afghanischer",
    "Ukrainischer",
    "Türkischer",
    "Somalischer",
]

# Topics: weight, fields of action, KIP areas, target groups to pick from, childcare probability,
# titles and summaries (triples), German description sentences.
TOPICS = [
    {
        "key": "sprache",
        "weight": 22,
        "areas": ["sprache"],
        "kip": ["2.1"],
        "targets": ["neuzugezogene", "frauen", "familien", "gefluechtete", "senioren", "jugendliche"],
        "childcare": 0.3,
        "titles": [
            ("Deutschkurs {level}", "Cours d'allemand {level}", "German course {level}"),
            (
                "Deutschkurs {level} {group}",
                "Cours d'allemand {level} {group}",
                "German course {level} {group}",
            ),
            (
                "Deutschkurs mit Kinderbetreuung",
                "Cours d'allemand avec garde d'enfants",
                "German course with childcare",
            ),
            (
                "Intensivkurs Deutsch {level}",
                "Cours intensif d'allemand {level}",
                "Intensive German course {level}",
            ),
            (
                "Konversationskurs Deutsch {group}",
                "Cours de conversation en allemand {group}",
                "German conversation course {group}",
            ),
            ("Sprachcafé Deutsch", "Café des langues allemand", "German language café"),
            ("Deutsch im Alltag {group}", "L'allemand au quotidien {group}", "Everyday German {group}"),
            ("Deutsch für den Beruf {level}", "L'allemand professionnel {level}", "German for work {level}"),
            ("Alphabetisierungskurs", "Cours d'alphabétisation", "Literacy course"),
            ("Prüfungsvorbereitung fide", "Préparation à l'examen fide", "fide test preparation"),
        ],
        "summaries": [
            (
                "Deutsch lernen für den Alltag, {day} {time} in {place}.",
                "Apprendre l'allemand du quotidien, le {day} {time} à {place}.",
                "Learn everyday German, {day} {time} in {place}.",
            ),
            (
                "Kleine Gruppe, erfahrene Kursleitung, Niveau {level}.",
                "Petit groupe, enseignante expérimentée, niveau {level}.",
                "Small group, experienced teacher, level {level}.",
            ),
            (
                "Sprechen, hören, lesen und schreiben – Schritt für Schritt.",
                "Parler, écouter, lire et écrire – pas à pas.",
                "Speaking, listening, reading and writing – step by step.",
            ),
        ],
        "sentences": [
            "Der Kurs folgt dem fide-Konzept und übt Situationen aus dem Alltag.",
            "Sie lernen, Termine abzumachen, einzukaufen und mit Behörden zu sprechen.",
            "Ein Einstufungsgespräch vor Kursbeginn zeigt, welches Niveau passt.",
            "Das Kursbuch ist im Preis inbegriffen.",
            "Der Einstieg ist jederzeit möglich.",
        ],
    },
    {
        "key": "familie",
        "weight": 14,
        "areas": ["fruehe-kindheit", "familie"],
        "kip": ["2.2"],
        "targets": ["familien", "kinder", "frauen"],
        "childcare": 0.4,
        "titles": [
            ("Spielgruppe {place}", "Groupe de jeu {place}", "Playgroup {place}"),
            ("Eltern-Kind-Treff", "Rencontre parents-enfants", "Parent and child meeting"),
            ("Erziehungsberatung", "Conseil en éducation", "Parenting advice"),
            ("Mütter- und Väterberatung", "Consultation parents-enfants", "Parent and child counselling"),
            ("Elternbildung: {theme}", "Formation des parents : {theme}", "Parent education: {theme}"),
            ("Frühförderung zu Hause", "Encouragement précoce à domicile", "Early learning at home"),
            ("Vorlesestunde auf {lang}", "Heure du conte en {lang}", "Story time in {lang}"),
            ("Elterncafé", "Café des parents", "Parents' café"),
        ],
        "summaries": [
            (
                "Für Familien mit Kindern bis fünf Jahre, {day} {time}.",
                "Pour les familles avec enfants jusqu'à cinq ans, le {day} {time}.",
                "For families with children up to five, {day} {time}.",
            ),
            (
                "Kinder spielen, Eltern tauschen sich aus – in {place}.",
                "Les enfants jouent, les parents échangent – à {place}.",
                "Children play, parents share experiences – in {place}.",
            ),
            (
                "Fachpersonen beantworten Fragen zu Entwicklung und Erziehung.",
                "Des spécialistes répondent aux questions sur le développement et l'éducation.",
                "Specialists answer questions on development and parenting.",
            ),
        ],
        "sentences": [
            "Die Kinder werden spielerisch in ihrer Sprachentwicklung gefördert.",
            "Eltern erhalten Tipps für den Familienalltag.",
            "Auf Wunsch übersetzt eine interkulturelle Dolmetscherin.",
            "Kinderwagen können im Eingang abgestellt werden.",
        ],
    },
    {
        "key": "arbeit",
        "weight": 12,
        "areas": ["arbeit"],
        "kip": ["2.3"],
        "targets": ["neuzugezogene", "gefluechtete", "jugendliche", "arbeitgebende"],
        "childcare": 0.05,
        "titles": [
            ("Bewerbungscoaching", "Coaching de candidature", "Job application coaching"),
            (
                "Bewerbungscoaching {group}",
                "Coaching de candidature {group}",
                "Job application coaching {group}",
            ),
            ("Jobcafé", "Café emploi", "Job café"),
            (
                "Berufsorientierung für junge Erwachsene",
                "Orientation professionnelle pour jeunes adultes",
                "Career guidance for young adults",
            ),
            (
                "Anerkennung ausländischer Diplome: Beratung",
                "Reconnaissance des diplômes étrangers : conseil",
                "Recognition of foreign diplomas: advice",
            ),
            (
                "Mentoring für Fachkräfte",
                "Mentorat pour personnes qualifiées",
                "Mentoring for skilled workers",
            ),
            (
                "Computerkurs für Einsteigerinnen und Einsteiger",
                "Cours d'informatique pour débutants",
                "Computer course for beginners",
            ),
            (
                "Arbeitsintegration: Praktikum mit Coaching",
                "Insertion professionnelle : stage avec coaching",
                "Work integration: internship with coaching",
            ),
        ],
        "summaries": [
            (
                "Unterstützung bei Lebenslauf, Bewerbung und Vorstellungsgespräch.",
                "Soutien pour le CV, la candidature et l'entretien d'embauche.",
                "Support with CV, application and job interview.",
            ),
            (
                "Den Schweizer Arbeitsmarkt kennenlernen, {day} {time} in {place}.",
                "Découvrir le marché du travail suisse, le {day} {time} à {place}.",
                "Get to know the Swiss labour market, {day} {time} in {place}.",
            ),
        ],
        "sentences": [
            "Gute Deutschkenntnisse auf Niveau A2 sind von Vorteil.",
            "Wir erstellen gemeinsam ein Bewerbungsdossier nach Schweizer Standard.",
            "Arbeitgebende erhalten Unterstützung bei der Einstellung.",
            "Computer und Drucker stehen zur Verfügung.",
        ],
    },
    {
        "key": "beratung",
        "weight": 14,
        "areas": ["beratung"],
        "kip": ["1.2", "1.1"],
        "targets": ["neuzugezogene", "familien", "gefluechtete", "senioren"],
        "childcare": 0.05,
        "titles": [
            ("Sozialberatung", "Conseil social", "Social counselling"),
            ("Integrationsberatung", "Conseil en intégration", "Integration advice"),
            (
                "Rechtsberatung für Migrantinnen und Migranten",
                "Conseil juridique pour migrants",
                "Legal advice for migrants",
            ),
            ("Budgetberatung", "Conseil en budget", "Budget advice"),
            (
                "Beratung zu Aufenthalt und Familiennachzug",
                "Conseil sur le séjour et le regroupement familial",
                "Advice on residence and family reunification",
            ),
            (
                "Wohnungssuche: Beratung und Begleitung",
                "Recherche de logement : conseil et accompagnement",
                "Finding a flat: advice and support",
            ),
            (
                "Erstinformation für Neuzugezogene",
                "Première information pour nouveaux arrivants",
                "Initial information for newcomers",
            ),
            ("Offene Sprechstunde in {place}", "Permanence à {place}", "Drop-in consultation in {place}"),
        ],
        "summaries": [
            (
                "Kostenlose und vertrauliche Beratung, auf Wunsch mit Übersetzung.",
                "Conseil gratuit et confidentiel, avec interprète sur demande.",
                "Free and confidential advice, with an interpreter on request.",
            ),
            (
                "Sprechstunde {day} {time}, sonst nach Vereinbarung.",
                "Permanence le {day} {time}, sinon sur rendez-vous.",
                "Drop-in on {day} {time}, otherwise by appointment.",
            ),
        ],
        "sentences": [
            "Wir klären Ihre Situation und suchen gemeinsam nach Lösungen.",
            "Bringen Sie wichtige Briefe und Unterlagen mit.",
            "Die Beratung ist vertraulich.",
            "Bei Bedarf vermitteln wir an spezialisierte Stellen.",
        ],
    },
    {
        "key": "gesundheit",
        "weight": 6,
        "areas": ["gesundheit"],
        "kip": ["1.1"],
        "targets": ["frauen", "familien", "senioren", "gefluechtete"],
        "childcare": 0.15,
        "titles": [
            (
                "Gesundheitsinformation auf {lang}",
                "Information santé en {lang}",
                "Health information in {lang}",
            ),
            ("Bewegungskurs für Frauen", "Cours de mouvement pour femmes", "Exercise class for women"),
            ("Schwimmkurs für Frauen", "Cours de natation pour femmes", "Swimming course for women"),
            ("Psychosoziale Beratung", "Conseil psychosocial", "Psychosocial counselling"),
        ],
        "summaries": [
            (
                "Gesund leben in der Schweiz: Informationen in einfacher Sprache.",
                "Vivre en bonne santé en Suisse : informations en langage simple.",
                "Healthy living in Switzerland: information in plain language.",
            ),
            (
                "Bewegung und Austausch, {day} {time}.",
                "Mouvement et échanges, le {day} {time}.",
                "Exercise and conversation, {day} {time}.",
            ),
        ],
        "sentences": [
            "Fachpersonen erklären das Gesundheitssystem und beantworten Fragen.",
            "Die Gruppe ist nur für Frauen.",
            "Kinder sind willkommen.",
        ],
    },
    {
        "key": "zusammenleben",
        "weight": 14,
        "areas": ["zusammenleben", "freizeit"],
        "kip": ["3.2"],
        "targets": ["neuzugezogene", "frauen", "senioren", "vereine", "jugendliche"],
        "childcare": 0.1,
        "titles": [
            (
                "Interkultureller Treffpunkt {place}",
                "Point de rencontre interculturel {place}",
                "Intercultural meeting point {place}",
            ),
            ("Begegnungscafé", "Café rencontre", "Meeting café"),
            ("Gemeinschaftsgarten {place}", "Jardin communautaire {place}", "Community garden {place}"),
            ("Nähtreff", "Atelier couture", "Sewing group"),
            ("Kochen aus aller Welt", "Cuisine du monde", "Cooking from around the world"),
            ("Tandem-Programm Deutsch", "Programme tandem en allemand", "German tandem programme"),
            ("Fussball für alle", "Football pour tous", "Football for everyone"),
            ("Mittagstisch", "Table de midi", "Lunch table"),
        ],
        "summaries": [
            (
                "Menschen aus aller Welt treffen sich in {place}, {day} {time}.",
                "Des personnes du monde entier se retrouvent à {place}, le {day} {time}.",
                "People from all over the world meet in {place}, {day} {time}.",
            ),
            (
                "Gemeinsam etwas unternehmen und dabei Deutsch sprechen.",
                "Faire quelque chose ensemble en parlant allemand.",
                "Do something together while speaking German.",
            ),
        ],
        "sentences": [
            "Freiwillige aus der Gemeinde organisieren das Angebot.",
            "Alle sind willkommen, eine Anmeldung ist nicht nötig.",
            "Kaffee und Tee sind gratis.",
            "So entstehen Kontakte und Freundschaften im Quartier.",
        ],
    },
    {
        "key": "dolmetschen",
        "weight": 4,
        "areas": ["dolmetschen"],
        "kip": ["3.1"],
        "targets": ["fachpersonen", "familien"],
        "childcare": 0.0,
        "titles": [
            ("Interkulturelles Dolmetschen", "Interprétariat communautaire", "Intercultural interpreting"),
            (
                "Schlüsselpersonen-Sprechstunde auf {lang}",
                "Permanence des personnes-clés en {lang}",
                "Key person consultation in {lang}",
            ),
        ],
        "summaries": [
            (
                "Verständigung ohne Sprachbarrieren für Schulen, Behörden und Familien.",
                "Se comprendre sans barrière linguistique : écoles, autorités, familles.",
                "Understanding without language barriers for schools, authorities and families.",
            ),
        ],
        "sentences": [
            "Die Dolmetschenden sind ausgebildet und an die Schweigepflicht gebunden.",
            "Bestellungen sind bis zwei Tage im Voraus möglich.",
        ],
    },
    {
        "key": "bildung",
        "weight": 10,
        "areas": ["bildung"],
        "kip": ["2.1"],
        "targets": ["kinder", "jugendliche", "familien"],
        "childcare": 0.05,
        "titles": [
            ("Hausaufgabenhilfe {place}", "Aide aux devoirs {place}", "Homework help {place}"),
            ("Lernhilfe für Kinder", "Soutien scolaire pour enfants", "Learning support for children"),
            (
                "Elterninformation zur Schule",
                "Information aux parents sur l'école",
                "Information for parents about school",
            ),
            (
                "Kurs in heimatlicher Sprache und Kultur: {lang}",
                "Cours de langue et culture d'origine : {lang}",
                "Heritage language and culture course: {lang}",
            ),
            (
                "Brückenangebot für Jugendliche",
                "Offre passerelle pour jeunes",
                "Bridge programme for young people",
            ),
        ],
        "summaries": [
            (
                "Für Kinder der Primarschule, {day} {time} in {place}.",
                "Pour les enfants de l'école primaire, le {day} {time} à {place}.",
                "For primary school children, {day} {time} in {place}.",
            ),
            (
                "Schule und Ausbildung in der Schweiz verstehen.",
                "Comprendre l'école et la formation en Suisse.",
                "Understanding school and training in Switzerland.",
            ),
        ],
        "sentences": [
            "Freiwillige erklären und üben mit den Kindern.",
            "Die Lehrpersonen sind informiert.",
            "Gute Kenntnisse der Erstsprache helfen auch beim Deutschlernen.",
        ],
    },
    {
        "key": "recht",
        "weight": 4,
        "areas": ["recht", "beratung"],
        "kip": ["1.1", "1.3"],
        "targets": ["neuzugezogene", "gefluechtete"],
        "childcare": 0.0,
        "titles": [
            (
                "Informationsabend Einbürgerung",
                "Soirée d'information sur la naturalisation",
                "Information evening on naturalisation",
            ),
            ("Beratung bei Diskriminierung", "Conseil en cas de discrimination", "Advice on discrimination"),
        ],
        "summaries": [
            (
                "Informationen zu Rechten und Pflichten, {day} {time}.",
                "Informations sur les droits et devoirs, le {day} {time}.",
                "Information on rights and duties, {day} {time}.",
            ),
        ],
        "sentences": [
            "Fachpersonen erklären das Verfahren Schritt für Schritt.",
            "Die Beratung ist vertraulich und kostenlos.",
        ],
    },
]

GENERIC_SENTENCES = [
    "Das Angebot wird von der Gemeinde unterstützt.",
    "Der Raum ist mit dem Bus gut erreichbar.",
    "Fragen Sie uns, wenn Sie unsicher sind, ob das Angebot für Sie passt.",
]
TRANSLATED_DESCRIPTIONS = {
    "fr": [
        "Inscription et renseignements auprès du prestataire.",
        "L'offre est soutenue par la commune.",
        "Tout le monde est le bienvenu.",
    ],
    "en": [
        "Ask the provider for registration and details.",
        "The offer is supported by the municipality.",
        "Everyone is welcome.",
    ],
}
