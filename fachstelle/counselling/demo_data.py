"""The invented content of the counselling demo (fachstelle.counselling.demo): staff, legal notices,
interpreters, names, qualifications, notes. Names of people are invented; legal acts are the real ones."""

from fachstelle.core.models import Membership

from .models import Intake, Interpreter, Qualification

Role = Membership.Role
# office slug: (username, first name, last name, role)
STAFF = {
    "region-zofingen": [
        ("zofingen-beratung", "Miriam", "Hofer", Role.COUNSELLOR),
        ("zofingen-beratung2", "Dario", "Steiner", Role.COUNSELLOR),
        ("zofingen-statistik", "Ursula", "Gerber", Role.STATISTICS),
        # The member municipalities' steering group (seed 004): reports only, per municipality.
        ("zofingen-steuergruppe", "Beat", "Lüthi", Role.STEERING),
    ],
    "allschwil": [("allschwil-beratung", "Selin", "Aydin", Role.COUNSELLOR)],
    "loerrach": [("loerrach-beratung", "Julia", "Hoffmann", Role.COUNSELLOR)],
}
# Clients (with a case each, some with two) per office; anonymous cases on top.
CLIENTS_PER_OFFICE = {"region-zofingen": 40, "allschwil": 40, "loerrach": 18}
SHORT_CONSULTATIONS = {"region-zofingen": 150, "allschwil": 150, "loerrach": 60}
OLD_CLOSED_CASES = {"region-zofingen": 4, "allschwil": 4, "loerrach": 2}

NOTICE_AG = (
    "Die Fachstelle Integration bearbeitet Ihre Angaben gestützt auf das Gesetz über die Information der "
    "Öffentlichkeit, den Datenschutz und das Archivwesen des Kantons Aargau (IDAG, SAR 150.700), nur für "
    "Ihre Beratung und die anonyme Statistik. Die Beratung ist freiwillig, kostenlos und vertraulich. Daten "
    "geben wir nur mit Ihrer Einwilligung an Partnerstellen weiter. Sie können Auskunft über Ihre Daten, "
    "ihre Berichtigung oder Löschung verlangen. Abgeschlossene Fälle werden nach zwei Jahren anonymisiert."
)
NOTICE_BL = (
    "Die Gemeinde Allschwil bearbeitet Ihre Personendaten nach dem Gesetz über die Information und den "
    "Datenschutz des Kantons Basel-Landschaft (Informations- und Datenschutzgesetz, IDG, SGS 162) für die "
    "Integrationsberatung. Die Beratung ist freiwillig und vertraulich; eine Weitergabe an Dritte erfolgt "
    "nur mit Ihrer Einwilligung. Sie haben das Recht auf Auskunft, Berichtigung und Löschung. "
    "Abgeschlossene Fälle werden nach zwei Jahren anonymisiert."
)
NOTICE_DE = (
    "Verantwortlich: Landratsamt Lörrach, Integrationsmanagement. Wir verarbeiten Ihre Daten nach Art. 6 "
    "Abs. 1 lit. a und e DSGVO in Verbindung mit dem Landesdatenschutzgesetz Baden-Württemberg, um Sie zu "
    "beraten und Ihren Integrationsplan zu führen. Eine Weitergabe an Kooperationspartner erfolgt nur mit "
    "Ihrer Einwilligung, die Sie jederzeit widerrufen können. Sie haben das Recht auf Auskunft (Art. 15), "
    "Berichtigung (Art. 16), Löschung (Art. 17) und Beschwerde beim Landesbeauftragten für den "
    "Datenschutz Baden-Württemberg. Abgeschlossene Fälle werden nach zwei Jahren anonymisiert."
)
GERMAN_PERMIT_CATEGORIES = [
    ["DE", "Deutsche Staatsangehörigkeit"],
    ["EU", "EU-Bürger/in (Freizügigkeit)"],
    ["AE", "Aufenthaltserlaubnis"],
    ["NE", "Niederlassungserlaubnis"],
    ["AG", "Aufenthaltsgestattung"],
    ["DU", "Duldung"],
    ["P24", "Vorübergehender Schutz (§ 24 AufenthG)"],
    ["FIK", "Fiktionsbescheinigung"],
]
SETTINGS = {
    "region-zofingen": {"intake_notice": NOTICE_AG, "permit_categories": []},
    "allschwil": {"intake_notice": NOTICE_BL, "permit_categories": []},
    "loerrach": {"intake_notice": NOTICE_DE, "permit_categories": GERMAN_PERMIT_CATEGORIES},
}

_CERT = Interpreter.Qualification.INTERPRET_CERTIFICATE
_FED = Interpreter.Qualification.FEDERAL_DIPLOMA
# office slug: (name, qualification, hourly rate, availability, [(language code, dialect)])
INTERPRETERS = {
    "region-zofingen": [
        ("Yohannes Tesfamichael", _CERT, "85", "Mo–Mi ganztags", [("ti", "")]),
        ("Samira El-Amin", _FED, "90", "Di und Do", [("ar", "Syrisch"), ("ar", "Irakisch")]),
        ("Nasrin Azimi", _CERT, "80", "Vormittags", [("prs", ""), ("fa", "")]),
        ("Olha Marchenko", _CERT, "75", "Nach Absprache", [("uk", ""), ("ru", "")]),
        ("Hakan Yildiz", _CERT, "80", "Mo, Mi, Fr", [("tr", ""), ("ku", "Kurmancî")]),
        ("Fatjona Rexhepi", _CERT, "75", "Nachmittags", [("sq", "")]),
        ("Thulasi Nadarajah", _FED, "85", "Mo–Fr nach 16 Uhr", [("ta", "")]),
        ("Cabdi Yuusuf", _CERT, "80", "Telefon jederzeit", [("so", "")]),
    ],
    "allschwil": [
        ("Mehret Gebreselassie", _CERT, "85", "Mo und Do", [("ti", "")]),
        ("Karim Haddad", _CERT, "85", "Vormittags", [("ar", "")]),
        ("Ahmad Wali Noorzai", _CERT, "80", "Nach Absprache", [("prs", ""), ("ps", "")]),
        ("Kateryna Lytvyn", _FED, "90", "Di–Fr", [("uk", ""), ("ru", "")]),
        ("Derya Aksoy", _CERT, "80", "Mittwochs", [("tr", "")]),
        ("Liridona Shala", _CERT, "75", "Nachmittags", [("sq", "")]),
        ("Maryan Cali", _CERT, "75", "Video bevorzugt", [("so", "")]),
    ],
    "loerrach": [
        ("Rasha Saleh", _CERT, "65", "Mo–Mi", [("ar", "")]),
        ("Farhad Sadeghi", _CERT, "60", "Nach Absprache", [("fa", ""), ("prs", "")]),
        ("Natalia Hrytsenko", _CERT, "60", "Vormittags", [("uk", ""), ("ru", "")]),
        ("Serkan Polat", Interpreter.Qualification.COURT_CERTIFIED, "70", "Fr", [("tr", "")]),
        ("Semere Andemariam", Interpreter.Qualification.IN_TRAINING, "45", "Abends", [("ti", "")]),
    ],
}

# country: (mother tongue, women, men)
PEOPLE = {
    "ER": (
        "ti",
        ["Semhar Tesfay", "Helen Kidane", "Saba Habte", "Meron Abraha", "Luwam Tekle", "Yordanos Berhane"],
        ["Yonas Gebremedhin", "Filmon Berhe", "Daniel Tesfamariam", "Aron Weldemichael", "Biniam Asfaha"],
    ),
    "SY": (
        "ar",
        ["Rania Al-Hassan", "Lina Haddad", "Nour Kassem", "Hiba Mansour", "Reem Al-Khatib"],
        ["Ahmad Khalil", "Omar Darwish", "Yousef Hamdan", "Khaled Saleh", "Mahmoud Aziz"],
    ),
    "AF": (
        "prs",
        ["Zahra Ahmadi", "Mariam Noori", "Shabnam Sultani", "Fatima Hashimi", "Nilofar Rahimi"],
        ["Mohammad Rahimi", "Farid Hakimi", "Ali Rezaei", "Hamid Karimi", "Jawad Mohammadi"],
    ),
    "IR": ("fa", ["Parisa Moradi", "Shirin Tehrani", "Maryam Jafari"], ["Reza Karimi", "Arash Hosseini"]),
    "UA": (
        "uk",
        ["Olena Kovalenko", "Iryna Shevchenko", "Tetiana Melnyk", "Oksana Tkachenko", "Yuliia Savchenko"],
        ["Andriy Bondarenko", "Dmytro Kravets", "Serhii Lysenko"],
    ),
    "TR": (
        "tr",
        ["Ayşe Yılmaz", "Elif Kaya", "Zeynep Şahin", "Fatma Öztürk"],
        ["Mehmet Demir", "Emre Çelik", "Murat Arslan"],
    ),
    "XK": ("sq", ["Blerta Berisha", "Drita Hoxha", "Arta Krasniqi"], ["Valon Gashi", "Besnik Morina"]),
    "LK": (
        "ta",
        ["Tharshika Sivakumar", "Nirosha Thevarajah", "Kavitha Rajan"],
        ["Kajan Rajendran", "Sutharsan Kanagaratnam", "Pirashanth Yogarajah"],
    ),
    "SO": ("so", ["Hodan Abdi", "Faadumo Warsame", "Ayaan Hassan"], ["Abdirahman Mohamed", "Ahmed Nur"]),
}
COUNTRY_WEIGHTS = {
    "region-zofingen": {"ER": 6, "AF": 5, "SY": 4, "UA": 5, "TR": 4, "XK": 4, "LK": 5, "SO": 2, "IR": 2},
    "allschwil": {"ER": 5, "UA": 6, "TR": 4, "SY": 4, "AF": 3, "XK": 3, "SO": 3, "LK": 2, "IR": 2},
    "loerrach": {"SY": 6, "AF": 5, "UA": 6, "TR": 5, "IR": 2, "SO": 2, "ER": 2},
}
SWISS_PERMITS_BY_COUNTRY = {
    "ER": "FFBB",
    "SY": "FBBC",
    "AF": "FFNB",
    "IR": "NBF",
    "UA": "SSSB",
    "TR": "BCCN",
    "XK": "BCC",
    "LK": "CCB",
    "SO": "FFN",
}
GERMAN_PERMITS_BY_COUNTRY = {
    "ER": ["AE", "AG"],
    "SY": ["AE", "AE", "NE"],
    "AF": ["AG", "DU", "AE"],
    "IR": ["AG", "AE"],
    "UA": ["P24", "P24", "FIK"],
    "TR": ["AE", "NE", "AG"],
    "SO": ["AG", "DU"],
}

_Q = Qualification.Kind
_R = Qualification.Recognition
_E = Intake.Education
# country: [(kind, title, recognition, education, work experience)]
QUALIFICATIONS = {
    "ER": [
        (
            _Q.VOCATIONAL,
            "Pflegefachfrau (Diplom, Asmara)",
            _R.IN_PROGRESS,
            _E.VOCATIONAL,
            "Sechs Jahre Pflege im Spital Orotta, Asmara.",
        ),
        (_Q.VOCATIONAL, "Elektriker", _R.NOT_STARTED, _E.VOCATIONAL, "Elektroinstallationen, vier Jahre."),
        (
            _Q.SCHOOL,
            "Abschluss 11. Klasse",
            _R.NOT_NEEDED,
            _E.LOWER_SECONDARY,
            "Landwirtschaft im Familienbetrieb.",
        ),
    ],
    "SY": [
        (
            _Q.UNIVERSITY,
            "Bachelor Bauingenieurwesen (Universität Damaskus)",
            _R.PARTIAL,
            _E.TERTIARY,
            "Bauleiter, acht Jahre.",
        ),
        (_Q.UNIVERSITY, "Pharmazie (Universität Aleppo)", _R.IN_PROGRESS, _E.TERTIARY, "Eigene Apotheke."),
        (_Q.VOCATIONAL, "Schreiner", _R.NOT_STARTED, _E.VOCATIONAL, "Möbelschreinerei, zehn Jahre."),
    ],
    "AF": [
        (_Q.SCHOOL, "Acht Jahre Schule", _R.NOT_NEEDED, _E.PRIMARY, "Hilfsarbeiten auf dem Bau."),
        (_Q.OTHER, "Schneiderin (ohne Abschluss)", _R.NOT_NEEDED, _E.PRIMARY, "Schneiderei zu Hause."),
        (
            _Q.UNIVERSITY,
            "Lehramt Mathematik (Universität Kabul)",
            _R.NOT_STARTED,
            _E.TERTIARY,
            "Lehrer an einer Mittelschule, fünf Jahre.",
        ),
    ],
    "IR": [
        (
            _Q.UNIVERSITY,
            "Bachelor Architektur (Universität Teheran)",
            _R.IN_PROGRESS,
            _E.TERTIARY,
            "Architekturbüro, sechs Jahre.",
        ),
        (_Q.UNIVERSITY, "Master Chemie", _R.RECOGNISED, _E.TERTIARY, "Labor einer Lebensmittelfirma."),
    ],
    "UA": [
        (
            _Q.UNIVERSITY,
            "Master Ökonomie (Universität Kyjiw)",
            _R.RECOGNISED,
            _E.TERTIARY,
            "Buchhaltung in einem Handelsunternehmen.",
        ),
        (_Q.UNIVERSITY, "Primarlehrerin", _R.IN_PROGRESS, _E.TERTIARY, "Zwölf Jahre Primarschule, Charkiw."),
        (_Q.UNIVERSITY, "Ärztin, Allgemeinmedizin", _R.IN_PROGRESS, _E.TERTIARY, "Hausarztpraxis, Dnipro."),
        (_Q.VOCATIONAL, "Köchin", _R.NOT_NEEDED, _E.VOCATIONAL, "Restaurantküche, sieben Jahre."),
    ],
    "TR": [
        (_Q.VOCATIONAL, "Koch", _R.NOT_NEEDED, _E.VOCATIONAL, "Restaurant in Izmir."),
        (_Q.UNIVERSITY, "Bachelor Betriebswirtschaft", _R.PARTIAL, _E.TERTIARY, "Verkauf und Logistik."),
    ],
    "XK": [
        (_Q.VOCATIONAL, "Maurer", _R.NOT_STARTED, _E.VOCATIONAL, "Baustellen in Kosovo und Deutschland."),
        (_Q.VOCATIONAL, "Coiffeuse", _R.RECOGNISED, _E.VOCATIONAL, "Eigener Salon in Prizren."),
    ],
    "LK": [
        (_Q.SCHOOL, "O-Level", _R.NOT_NEEDED, _E.LOWER_SECONDARY, "Küchenhilfe in der Gastronomie."),
        (_Q.VOCATIONAL, "Informatiker (Diplom)", _R.REFUSED, _E.VOCATIONAL, "Netzwerktechnik, Colombo."),
    ],
    "SO": [
        (_Q.SCHOOL, "Sechs Jahre Grundschule", _R.NOT_NEEDED, _E.PRIMARY, "Verkauf auf dem Markt."),
        (_Q.OTHER, "Fahrer (Lastwagen)", _R.NOT_STARTED, _E.PRIMARY, "Transporte, Mogadischu."),
    ],
}
GOALS_TEXT = [
    "Möchte Deutsch lernen und eine Stelle finden.",
    "Will den Beruf wieder ausüben können.",
    "Sucht eine grössere Wohnung für die Familie.",
    "Möchte eine Lehre machen.",
    "Kinder sollen gut in der Schule ankommen.",
    "Möchte unabhängig von der Sozialhilfe werden.",
]
# Topic slug: session notes (short, as counsellors write them)
NOTES = {
    "deutsch": [
        "Deutschkurs-Anmeldung besprochen, Einstufungstest vereinbart.",
        "Lernstand besprochen, Wechsel in den A2-Kurs empfohlen.",
    ],
    "bildung": [
        "Berufsberatung und Brückenangebote erklärt.",
        "Zeugnisse gesichtet, Übersetzung organisiert.",
    ],
    "arbeit": [
        "Lebenslauf überarbeitet, zwei Bewerbungen vorbereitet.",
        "Anmeldung beim RAV begleitet.",
        "Vorstellungsgespräch vorbereitet.",
    ],
    "gesundheit": ["Hausarztsuche besprochen, Adressen abgegeben.", "Krankenkassenprämien erklärt."],
    "aufenthalt": [
        "Fragen zur Verlängerung der Bewilligung geklärt.",
        "Familiennachzug: Unterlagen besprochen.",
    ],
    "diskriminierung": ["Erlebnis bei der Wohnungssuche geschildert, Beratungsstelle informiert."],
    "wohnen": [
        "Wohnungsinserate besprochen, Bewerbungsdossier erstellt.",
        "Konflikt mit Vermieter besprochen.",
    ],
    "familie": ["Kita-Plätze und Spielgruppe besprochen.", "Elterngespräch in der Schule vorbereitet."],
    "finanzen": ["Budget erstellt, Schuldenberatung empfohlen.", "Prämienverbilligung beantragt."],
    "einbuergerung": ["Voraussetzungen der Einbürgerung erklärt."],
}
TOPIC_WEIGHTS = {
    "deutsch": 9,
    "arbeit": 9,
    "bildung": 5,
    "aufenthalt": 6,
    "wohnen": 5,
    "familie": 5,
    "gesundheit": 3,
    "finanzen": 4,
    "diskriminierung": 1,
    "einbuergerung": 1,
}
# Topic slug: fields of action of the directory whose offers fit a referral
TOPIC_AREAS = {
    "deutsch": {"sprache"},
    "bildung": {"bildung"},
    "arbeit": {"arbeit"},
    "gesundheit": {"gesundheit", "fruehe-kindheit"},
    "aufenthalt": {"beratung", "recht"},
    "diskriminierung": {"beratung", "recht"},
    "wohnen": {"wohnen"},
    "familie": {"familie", "fruehe-kindheit"},
    "finanzen": {"beratung"},
    "einbuergerung": {"recht", "beratung"},
}
FOLLOW_UPS = [
    "Rückruf wegen Kursplatz",
    "Unterlagen zur Anerkennung nachfragen",
    "Termin beim RAV nachfragen",
    "Antwort der Wohnungsverwaltung abwarten",
    "Integrationsplan überprüfen",
]
GERMAN_LEVELS = ["none", "A1", "A1", "A2", "A2", "B1", "B1", "B2", "C1"]
