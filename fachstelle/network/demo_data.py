"""The content of the network demo (fachstelle.network.demo): organisations, key persons, inquiries, reports,
meetings. Names of people and organisations are invented; municipalities are the real ones of the offices.

Municipalities are given by their official number (see fachstelle/offers/demo/offices.py), fields of action
by slug (fachstelle/core/reference_data.py), languages as "code:level" (levels of KeyPersonLanguage).
"""

# Zofingen region (BFS numbers).
AARBURG, BOTTENWIL, BRITTNAU, MURGENTHAL, OFTRINGEN, ROTHRIST = 4271, 4273, 4274, 4279, 4280, 4282
SAFENWIL, STRENGELBACH, UERKHEIM, VORDEMWALD, WILIBERG, ZOFINGEN = 4283, 4285, 4286, 4287, 4288, 4289
ZOFINGEN_REGION = [AARBURG, BOTTENWIL, BRITTNAU, MURGENTHAL, OFTRINGEN, ROTHRIST]
ZOFINGEN_REGION += [SAFENWIL, STRENGELBACH, UERKHEIM, VORDEMWALD, WILIBERG, ZOFINGEN]
ALLSCHWIL = 2762
LOERRACH, WEIL, RHEINFELDEN = 8336050, 8336091, 8336069

# Tags of the directory's providers (by provider key of fachstelle/offers/demo/providers.py); their fields
# of action and municipalities served are taken from their offers.
PROVIDER_TAGS = {
    "fachstelle-zofingen": ["Arbeitskreis", "Regelstruktur"],
    "deutsch-fuer-alle": ["Deutschkurse", "Kinderhüte", "Arbeitskreis"],
    "heks-aarau-solothurn": ["Arbeitskreis", "Hilfswerk"],
    "caritas-aargau": ["Hilfswerk", "Schuldenberatung"],
    "mvb-zofingen": ["Frühe Förderung"],
    "stadtbibliothek-zofingen": ["Sprachcafé"],
    "frauentreff-oftringen": ["Frauen", "Begegnung"],
    "jugendarbeit-rothrist": ["Jugend"],
    "rav-zofingen": ["Regelstruktur", "Arbeitskreis"],
    "familienzentrum-zofingen": ["Frühe Förderung", "Begegnung"],
    "ref-kirche-aarburg": ["Begegnung", "Freiwillige"],
    "tamil-kulturverein": ["Migrantenorganisation", "Arbeitskreis"],
    "schule-aarburg": ["Regelstruktur", "DaZ"],
    "gemeinde-allschwil": ["Regelstruktur"],
    "ecap-basel": ["Deutschkurse"],
    "elternbildung-allschwil": ["Eltern"],
    "ludothek-allschwil": ["Begegnung", "Familien"],
    "sozialdienst-allschwil": ["Regelstruktur"],
    "bibliothek-allschwil": ["Sprachcafé"],
    "kath-pfarrei-allschwil": ["Begegnung", "Freiwillige"],
    "eritreischer-verein": ["Migrantenorganisation"],
    "jugendhaus-allschwil": ["Jugend"],
    "vhs-loerrach": ["Integrationskurse", "Arbeitskreis Migration"],
    "caritas-loerrach": ["Migrationsberatung", "Arbeitskreis Migration"],
    "diakonie-loerrach": ["Migrationsberatung", "Arbeitskreis Migration"],
    "jobcenter-loerrach": ["Regelstruktur", "Arbeitskreis Migration"],
    "freundeskreis-weil": ["Ehrenamt", "Arbeitskreis Migration"],
    "stadtteilzentrum-rheinfelden": ["Begegnung"],
}


def _org(name, kind, bfs, fields, served, tags, description, street="", postcode=""):
    return {
        "name": name,
        "kind": kind,
        "municipality": bfs,
        "fields": fields.split(),
        "served": served,
        "tags": tags,
        "description": description,
        "street": street,
        "postcode": postcode,
    }


# Organisations of the network beyond the providers of offers.
# fmt: off
ORGANISATIONS = {
    "region-zofingen": [
        _org("Eritreischer Verein Zofingen", "migrant_association", ZOFINGEN, "zusammenleben freizeit",
             [ZOFINGEN, ROTHRIST, AARBURG, OFTRINGEN], ["Migrantenorganisation", "Arbeitskreis"],
             "Treffpunkt der eritreischen Gemeinschaft; Kulturanlässe, Hausaufgabenhilfe am Samstag.",
             "Mühlethalstrasse 8", "4800"),
        _org("Albanischer Kulturverein Oftringen", "migrant_association", OFTRINGEN, "zusammenleben familie",
             [OFTRINGEN, AARBURG, ZOFINGEN], ["Migrantenorganisation"],
             "Kultur- und Elternverein; Albanischkurse für Kinder (HSK).", "Zürichstrasse 40", "4665"),
        _org("Türkischer Elternverein Region Zofingen", "migrant_association", AARBURG, "bildung familie",
             [AARBURG, OFTRINGEN, ROTHRIST], ["Migrantenorganisation", "Eltern"],
             "Elternabende zur Volksschule und Berufswahl auf Türkisch.", "Bahnhofstrasse 21", "4663"),
        _org("Afghanische Gemeinschaft Region Zofingen", "migrant_association", ROTHRIST, "zusammenleben",
             [ROTHRIST, ZOFINGEN, MURGENTHAL], ["Migrantenorganisation"],
             "Begegnungen und Übersetzungshilfe in Dari und Paschtu.", "Bernstrasse 55", "4852"),
        _org("Ukrainischer Treffpunkt Rothrist", "volunteer_group", ROTHRIST, "zusammenleben sprache",
             [ROTHRIST, VORDEMWALD, MURGENTHAL], ["Freiwillige", "Begegnung"],
             "Wöchentlicher Treff mit Kinderprogramm und Deutsch-Konversation.", "Kirchweg 2", "4852"),
        _org("Primarschule Rothrist", "mainstream_service", ROTHRIST, "bildung sprache", [ROTHRIST],
             ["Regelstruktur", "DaZ"], "Kindergarten und Primarschule, Deutsch als Zweitsprache.",
             "Schulstrasse 14", "4852"),
        _org("Schule Oftringen", "mainstream_service", OFTRINGEN, "bildung", [OFTRINGEN],
             ["Regelstruktur", "DaZ"], "Volksschule Oftringen mit Aufnahmeklasse.", "Schulhausstrasse 5",
             "4665"),
        _org("Kreisschule Zofingen (Oberstufe)", "mainstream_service", ZOFINGEN, "bildung",
             [ZOFINGEN, BRITTNAU, STRENGELBACH, UERKHEIM], ["Regelstruktur"],
             "Oberstufe mit Integrationsklasse für Jugendliche ab 15.", "Strengelbacherstrasse 25", "4800"),
        _org("Sozialdienst Region Zofingen", "mainstream_service", ZOFINGEN, "beratung wohnen",
             [ZOFINGEN, BRITTNAU, STRENGELBACH, UERKHEIM, WILIBERG, BOTTENWIL],
             ["Regelstruktur", "Arbeitskreis"],
             "Wirtschaftliche und persönliche Sozialhilfe der Vertragsgemeinden.", "Kirchplatz 26", "4800"),
        _org("Sozialdienst Oftringen", "mainstream_service", OFTRINGEN, "beratung wohnen", [OFTRINGEN],
             ["Regelstruktur"], "Sozialhilfe und Beratung der Gemeinde Oftringen.", "Zürichstrasse 30",
             "4665"),
        _org("Berufsinformationszentrum BIZ Zofingen", "mainstream_service", ZOFINGEN, "arbeit bildung",
             ZOFINGEN_REGION, ["Regelstruktur", "Berufswahl"], "Berufs-, Studien- und Laufbahnberatung.",
             "Hintere Hauptgasse 3", "4800"),
        _org("Migrationsamt Kanton Aargau", "authority", None, "recht", ZOFINGEN_REGION, ["Kanton"],
             "Bewilligungen, Familiennachzug, Einbürgerungsvorbereitung.", "Bahnhofplatz 3c", "5001"),
        _org("Schweizerisches Rotes Kreuz Kanton Aargau", "ngo", None, "gesundheit dolmetschen",
             ZOFINGEN_REGION, ["Hilfswerk", "Dolmetschen"],
             "Interkulturelles Dolmetschen, Gesundheitsprojekte.", "Buchserstrasse 24", "5000"),
        _org("Katholische Kirchgemeinde Zofingen", "church", ZOFINGEN, "zusammenleben freizeit",
             [ZOFINGEN, BRITTNAU, STRENGELBACH], ["Begegnung", "Freiwillige"],
             "Mittagstisch international, Kleiderbörse.", "Mühlethalstrasse 24", "4800"),
        _org("Netzwerk Asyl Region Zofingen", "volunteer_group", ZOFINGEN, "zusammenleben sprache",
             ZOFINGEN_REGION, ["Freiwillige", "Arbeitskreis"],
             "Rund 60 Freiwillige: Deutsch-Tandems, Begleitung zu Ämtern, Velokurse.", "", ""),
        _org("Deutsch-Café Strengelbach", "volunteer_group", STRENGELBACH, "sprache freizeit",
             [STRENGELBACH, BRITTNAU], ["Sprachcafé", "Freiwillige"],
             "Jeden Donnerstag Konversation bei Kaffee.", "Dorfstrasse 12", "4802"),
        _org("Alterszentrum Brunnenhof Zofingen", "employer", ZOFINGEN, "arbeit", [ZOFINGEN],
             ["Arbeitgeber", "Pflege"], "Bietet Praktika in der Pflege für Personen mit Fluchthintergrund.",
             "Brunnenhofweg 4", "4800"),
        _org("Logistikzentrum Oftringen AG", "employer", OFTRINGEN, "arbeit", [OFTRINGEN, AARBURG, ROTHRIST],
             ["Arbeitgeber"], "Arbeitgeber mit über 400 Mitarbeitenden aus 30 Nationen.",
             "Industriestrasse 70", "4665"),
        _org("Bäckerei Wälchli AG", "employer", ROTHRIST, "arbeit", [ROTHRIST],
             ["Arbeitgeber", "Lehrstellen"],
             "Familienbetrieb; Lehrstellen Bäcker/in-Konditor/in EBA und EFZ.", "Bernstrasse 120", "4852"),
    ],
    "allschwil": [
        _org("Primarschule Allschwil", "mainstream_service", ALLSCHWIL, "bildung sprache", [ALLSCHWIL],
             ["Regelstruktur", "DaZ"],
             "Sechs Schulhäuser, Deutsch als Zweitsprache, Elternabende mit Dolmetschenden.",
             "Schönenbuchstrasse 8", "4123"),
        _org("Sekundarschule Allschwil", "mainstream_service", ALLSCHWIL, "bildung arbeit", [ALLSCHWIL],
             ["Regelstruktur", "Berufswahl"], "Sekundarstufe I, Berufswahlvorbereitung.", "Lettenweg 25",
             "4123"),
        _org("RAV Binningen-Allschwil", "mainstream_service", None, "arbeit", [ALLSCHWIL], ["Regelstruktur"],
             "Regionales Arbeitsvermittlungszentrum für Allschwil, Binningen und Schönenbuch.",
             "Hauptstrasse 6", "4102"),
        _org("Reformierte Kirchgemeinde Allschwil-Schönenbuch", "church", ALLSCHWIL, "zusammenleben freizeit",
             [ALLSCHWIL], ["Begegnung", "Freiwillige"], "Internationaler Frauentreff und Mittagstisch.",
             "Baslerstrasse 226", "4123"),
        _org("Albanischer Verein Allschwil", "migrant_association", ALLSCHWIL, "zusammenleben bildung",
             [ALLSCHWIL], ["Migrantenorganisation"], "Albanischunterricht für Kinder, Kulturabende.",
             "Binningerstrasse 15", "4123"),
        _org("Türkischer Kulturverein Allschwil", "migrant_association", ALLSCHWIL, "zusammenleben",
             [ALLSCHWIL], ["Migrantenorganisation"], "Treffpunkt, Elternbildung auf Türkisch.",
             "Herrenweg 50", "4123"),
        _org("Ukrainische Gemeinschaft Allschwil", "migrant_association", ALLSCHWIL, "zusammenleben sprache",
             [ALLSCHWIL], ["Migrantenorganisation", "Begegnung"],
             "Selbstorganisierte Gruppe geflüchteter Familien.", "", "4123"),
        _org("Freiwilligennetz Allschwil", "volunteer_group", ALLSCHWIL, "sprache zusammenleben", [ALLSCHWIL],
             ["Freiwillige"], "Vermittelt Tandems, Nachhilfe und Begleitungen.", "Baslerstrasse 111", "4123"),
        _org("Spitex Allschwil Binningen Schönenbuch", "employer", ALLSCHWIL, "arbeit gesundheit",
             [ALLSCHWIL], ["Arbeitgeber", "Pflege"],
             "Nimmt Praktikantinnen aus dem Pflegehelfer-Kurs SRK auf.", "Hegenheimermattweg 74", "4123"),
    ],
    "loerrach": [
        _org("Ausländerbehörde Landratsamt Lörrach", "authority", LOERRACH, "recht",
             [LOERRACH, WEIL, RHEINFELDEN], ["Behörde", "Arbeitskreis Migration"],
             "Aufenthaltstitel, Beschäftigungserlaubnis, Einbürgerung.", "Palmstraße 3", "79539"),
        _org("Agentur für Arbeit Lörrach", "mainstream_service", LOERRACH, "arbeit",
             [LOERRACH, WEIL, RHEINFELDEN], ["Regelstruktur", "Arbeitskreis Migration"],
             "Berufsberatung, Anerkennungsberatung, Arbeitsvermittlung.", "Brombacher Straße 2", "79539"),
        _org("Jugendmigrationsdienst Lörrach", "ngo", LOERRACH, "bildung beratung",
             [LOERRACH, WEIL, RHEINFELDEN], ["Migrationsberatung", "Arbeitskreis Migration"],
             "Begleitung junger Zugewanderter von 12 bis 27 Jahren.", "Tumringer Straße 190", "79539"),
        _org("Gewerbeschule Lörrach", "mainstream_service", LOERRACH, "bildung sprache", [LOERRACH, WEIL],
             ["Regelstruktur", "VABO"], "VABO-Klassen (Deutsch und Berufsorientierung).",
             "Wintersbuckstraße 5", "79539"),
        _org("Grundschule Weil am Rhein-Friedlingen", "mainstream_service", WEIL, "bildung", [WEIL],
             ["Regelstruktur"], "Vorbereitungsklasse für neu zugezogene Kinder.", "Rheinstraße 20", "79576"),
        _org("Wohnbau Dreiland GmbH", "employer", LOERRACH, "wohnen", [LOERRACH, WEIL],
             ["Wohnen", "Arbeitskreis Migration"],
             "Kommunale Wohnungsbaugesellschaft, Sprechstunde für Geflüchtete.", "Schillerstraße 12",
             "79540"),
        _org("Syrischer Kulturverein Lörrach", "migrant_association", LOERRACH, "zusammenleben",
             [LOERRACH, WEIL], ["Migrantenorganisation"],
             "Kulturabende, Hausaufgabenhilfe auf Arabisch und Deutsch.", "Basler Straße 88", "79540"),
        _org("Ukrainischer Verein Dreiländereck", "migrant_association", WEIL, "zusammenleben sprache",
             [WEIL, LOERRACH, RHEINFELDEN], ["Migrantenorganisation", "Arbeitskreis Migration"],
             "Beratung und Begegnung für Geflüchtete aus der Ukraine.", "Hauptstraße 300", "79576"),
        _org("Türkisch-Islamische Gemeinde Rheinfelden", "church", RHEINFELDEN, "zusammenleben",
             [RHEINFELDEN], ["Religionsgemeinschaft"], "Moscheegemeinde mit Frauen- und Jugendgruppe.",
             "Schildgasse 4", "79618"),
        _org("Helferkreis Asyl Rheinfelden", "volunteer_group", RHEINFELDEN, "sprache wohnen", [RHEINFELDEN],
             ["Ehrenamt", "Arbeitskreis Migration"], "Patenschaften, Wohnungssuche, Deutsch-Treff.", "",
             "79618"),
        _org("Pflegedienst Dreiland GmbH", "employer", WEIL, "arbeit gesundheit", [WEIL, LOERRACH],
             ["Arbeitgeber", "Pflege"], "Ausbildung zur Pflegehilfskraft, auch in Teilzeit.",
             "Hauptstraße 120", "79576"),
    ],
}
# fmt: on

# Relations: (organisation name, works with, on what, field of action slug, years ago).
# fmt: off
RELATIONS = {
    "region-zofingen": [
        ("Eritreischer Verein Zofingen", "Fachstelle Integration Region Zofingen",
         "Schlüsselpersonen-Einsätze", "zusammenleben", 3),
        ("Eritreischer Verein Zofingen", "Primarschule Rothrist", "Elternabende auf Tigrinya", "bildung", 1),
        ("Tamilischer Kulturverein Region Zofingen", "Schule Aarburg", "Elterninformation", "bildung", 2),
        ("Netzwerk Asyl Region Zofingen", "Verein Deutsch für alle", "Deutsch-Tandems", "sprache", 4),
        ("Netzwerk Asyl Region Zofingen", "Sozialdienst Region Zofingen", "Wohnungssuche", "wohnen", 2),
        ("RAV Zofingen", "Berufsinformationszentrum BIZ Zofingen", "Potenzialabklärung", "arbeit", 5),
        ("RAV Zofingen", "Logistikzentrum Oftringen AG", "Einstiegsstellen", "arbeit", 1),
        ("Alterszentrum Brunnenhof Zofingen", "Schweizerisches Rotes Kreuz Kanton Aargau",
         "Pflegehelfer-Kurs mit Praktikum", "arbeit", 2),
        ("Sozialdienst Oftringen", "Albanischer Kulturverein Oftringen", "Budgetberatung", "beratung", 1),
        ("Frauentreff Oftringen", "Mütter- und Väterberatung Bezirk Zofingen", "Elternkurs", "familie", 3),
        ("Fachstelle Integration Region Zofingen", "Migrationsamt Kanton Aargau", "Erstinformation", "recht",
         5),
        ("Ukrainischer Treffpunkt Rothrist", "Jugendarbeit Rothrist", "Ferienprogramm", "freizeit", 1),
    ],
    "allschwil": [
        ("Gemeinde Allschwil, Fachstelle Integration", "Primarschule Allschwil",
         "Elternabende mit Dolmetschenden", "bildung", 1),
        ("Sozialdienst Allschwil", "RAV Binningen-Allschwil", "Arbeitsintegration", "arbeit", 3),
        ("Freiwilligennetz Allschwil", "Gemeindebibliothek Allschwil", "Sprachcafé", "sprache", 2),
        ("Eritreischer Kulturverein beider Basel", "Verein Elternbildung Allschwil",
         "Elternkurse auf Tigrinya", "familie", 1),
        ("Ukrainische Gemeinschaft Allschwil", "Reformierte Kirchgemeinde Allschwil-Schönenbuch",
         "Räume für Treffen", "zusammenleben", 2),
        ("Spitex Allschwil Binningen Schönenbuch", "ECAP Region Basel", "Deutsch für die Pflege", "arbeit",
         1),
    ],
    "loerrach": [
        ("Volkshochschule Lörrach", "Jobcenter Landkreis Lörrach", "Integrationskurse mit Kinderbetreuung",
         "sprache", 4),
        ("Jobcenter Landkreis Lörrach", "Agentur für Arbeit Lörrach", "Anerkennungsberatung", "arbeit", 5),
        ("Caritasverband für den Landkreis Lörrach", "Wohnbau Dreiland GmbH", "Wohnungsvermittlung", "wohnen",
         2),
        ("Diakonisches Werk Lörrach", "Ausländerbehörde Landratsamt Lörrach", "Migrationsberatung (MBE)",
         "recht", 3),
        ("Jugendmigrationsdienst Lörrach", "Gewerbeschule Lörrach", "Übergang VABO – Ausbildung", "bildung",
         2),
        ("Freundeskreis Asyl Weil am Rhein", "Grundschule Weil am Rhein-Friedlingen", "Lesepatenschaften",
         "bildung", 1),
        ("Helferkreis Asyl Rheinfelden", "Stadtteilzentrum Rheinfelden", "Deutsch-Treff", "sprache", 2),
        ("Pflegedienst Dreiland GmbH", "Volkshochschule Lörrach", "Berufssprachkurs Pflege", "arbeit", 1),
    ],
}
# fmt: on


def _kp(
    name, languages, municipalities, countries, communities, topics, availability, trainings="", public=""
):
    return {
        "name": name,
        "languages": [tuple(item.split(":")) for item in languages.split()],
        "municipalities": municipalities,
        "countries": countries.split(),
        "communities": communities,
        "topics": topics.split(),
        "availability": availability,
        "trainings": trainings,
        "public_bio": public,
    }


_BASIC = "Grundkurs Schlüsselpersonen"
_ROLE = "Grundkurs Schlüsselpersonen; Weiterbildung Rolle und Abgrenzung"
# fmt: off
KEY_PERSONS = {
    "region-zofingen": [
        _kp("Semhar Tesfay", "ti:native de:good en:basic", [ROTHRIST, AARBURG], "ER",
            "Eritreische Familien in Rothrist und Aarburg", "bildung familie wohnen", "Abends und samstags",
            _ROLE, "Ich begleite eritreische Familien bei Fragen zu Schule und Wohnen."),
        _kp("Yonas Kidane", "ti:native de:fluent", [ZOFINGEN, OFTRINGEN], "ER",
            "Eritreischer Verein Zofingen", "arbeit zusammenleben", "Mo–Fr ab 17 Uhr", _BASIC),
        _kp("Rania Haddad", "ar:native de:fluent fr:good", [ZOFINGEN, STRENGELBACH, BRITTNAU], "SY LB",
            "Arabischsprachige Familien", "gesundheit familie", "Vormittags", _ROLE,
            "Ich übersetze und vermittle bei Elterngesprächen auf Arabisch."),
        _kp("Khaled Mansour", "ar:native ku:good de:good", [OFTRINGEN, AARBURG], "SY IQ",
            "Syrische und kurdische Gemeinschaft", "arbeit recht", "Nach Absprache", _BASIC),
        _kp("Tharshika Sivakumar", "ta:native de:fluent en:fluent", [ZOFINGEN, AARBURG, ROTHRIST], "LK",
            "Tamilischer Kulturverein Region Zofingen", "bildung familie", "Mittwochnachmittag und Samstag",
            _ROLE, "Tamilisch, Deutsch, Englisch – Schule, Elternabende, Frühförderung."),
        _kp("Blerta Krasniqi", "sq:native de:native sr:good", [OFTRINGEN, SAFENWIL], "XK MK",
            "Albanischer Kulturverein Oftringen", "familie bildung", "Abends", _BASIC),
        _kp("Valon Berisha", "sq:native de:fluent", [ZOFINGEN, MURGENTHAL], "XK",
            "Albanische Gemeinschaft, Sportvereine", "arbeit freizeit", "Wochenende", _BASIC),
        _kp("Ayşe Yılmaz", "tr:native de:native ku:basic", [AARBURG, OFTRINGEN, ROTHRIST], "TR",
            "Türkischer Elternverein Region Zofingen", "bildung familie", "Dienstag und Donnerstag", _ROLE,
            "Ich unterstütze türkischsprachige Eltern rund um Schule und Berufswahl."),
        _kp("Farid Ahmadi", "prs:native fa:fluent ps:good de:good", [ROTHRIST, MURGENTHAL, VORDEMWALD], "AF",
            "Afghanische Gemeinschaft Region Zofingen", "wohnen arbeit", "Nach Absprache", _BASIC),
        _kp("Shirin Rezaei", "fa:native prs:fluent de:good en:good", [ZOFINGEN, BRITTNAU], "IR AF",
            "Persischsprachige Frauen", "gesundheit familie", "Vormittags", _ROLE),
        _kp("Olena Kovalenko", "uk:native ru:fluent de:good en:good", [ROTHRIST, VORDEMWALD, ZOFINGEN], "UA",
            "Ukrainischer Treffpunkt Rothrist", "sprache bildung", "Mo–Fr", _BASIC,
            "Ich helfe Familien aus der Ukraine beim Ankommen."),
        _kp("Dmytro Melnyk", "uk:native ru:native de:basic en:fluent", [OFTRINGEN, AARBURG], "UA",
            "Ukrainische Familien in Oftringen", "arbeit", "Abends"),
        _kp("Hodan Abdi", "so:native ar:good de:good it:basic", [ZOFINGEN, OFTRINGEN], "SO",
            "Somalische Frauen", "gesundheit familie", "Nachmittags", _BASIC),
        _kp("Abdirahman Warsame", "so:native en:fluent de:basic", [ROTHRIST, AARBURG], "SO",
            "Somalische Gemeinschaft", "arbeit recht", "Samstag"),
        _kp("Ana Ferreira", "pt:native es:fluent de:fluent", [ZOFINGEN, STRENGELBACH], "PT BR",
            "Portugiesischsprachige Familien", "bildung", "Abends", _BASIC),
    ],
    "allschwil": [
        _kp("Luwam Habte", "ti:native de:good", [ALLSCHWIL], "ER", "Eritreischer Kulturverein beider Basel",
            "familie bildung", "Abends", _ROLE, "Tigrinya und Deutsch: Schule, Kita, Elternbildung."),
        _kp("Biniam Tekle", "ti:native de:good", [ALLSCHWIL], "ER", "Eritreische Gemeinschaft", "arbeit",
            "Wochenende", _BASIC),
        _kp("Nour Khalil", "ar:native fr:fluent de:good", [ALLSCHWIL], "SY LB", "Arabischsprachige Familien",
            "familie gesundheit", "Vormittags", _ROLE),
        _kp("Mahmoud Darwish", "ar:native de:fluent", [ALLSCHWIL], "SY", "Syrische Gemeinschaft",
            "arbeit wohnen", "Nach Absprache", _BASIC),
        _kp("Drita Hoxha", "sq:native de:native", [ALLSCHWIL], "XK AL", "Albanischer Verein Allschwil",
            "bildung", "Abends", _ROLE, "Ich vermittle zwischen Schule und albanischsprachigen Eltern."),
        _kp("Besnik Gashi", "sq:native de:fluent sr:fluent", [ALLSCHWIL], "XK", "Albanische Gemeinschaft",
            "arbeit freizeit", "Samstag", _BASIC),
        _kp("Elif Demir", "tr:native de:native", [ALLSCHWIL], "TR", "Türkischer Kulturverein Allschwil",
            "familie bildung", "Dienstag", _ROLE),
        _kp("Mehmet Kaya", "tr:native ku:fluent de:good", [ALLSCHWIL], "TR", "Kurdische Familien", "arbeit",
            "Abends", _BASIC),
        _kp("Zahra Hashimi", "prs:native fa:native de:good", [ALLSCHWIL], "AF", "Afghanische Frauen",
            "gesundheit familie", "Vormittags", _BASIC),
        _kp("Reza Moradi", "fa:native en:fluent de:good", [ALLSCHWIL], "IR", "Iranische Gemeinschaft",
            "arbeit bildung", "Nach Absprache"),
        _kp("Iryna Shevchenko", "uk:native ru:fluent de:good", [ALLSCHWIL], "UA",
            "Ukrainische Gemeinschaft Allschwil", "sprache wohnen", "Mo–Fr", _ROLE,
            "Ich begleite ukrainische Familien in Allschwil."),
        _kp("Tetiana Bondarenko", "uk:native de:basic en:good", [ALLSCHWIL], "UA", "Ukrainische Familien",
            "bildung", "Nachmittags", _BASIC),
        _kp("Faadumo Mohamed", "so:native de:good", [ALLSCHWIL], "SO", "Somalische Familien", "familie",
            "Nachmittags", _BASIC),
        _kp("Kajan Rajendran", "ta:native de:fluent", [ALLSCHWIL], "LK", "Tamilische Familien beider Basel",
            "bildung arbeit", "Samstag", _BASIC),
        _kp("Lucía Martínez", "es:native pt:good de:fluent", [ALLSCHWIL], "ES CO",
            "Spanischsprachige Familien", "bildung familie", "Abends"),
    ],
    "loerrach": [
        _kp("Hiba Saleh", "ar:native de:fluent", [LOERRACH, WEIL], "SY", "Syrischer Kulturverein Lörrach",
            "bildung familie", "Nachmittags", _ROLE, "Arabisch und Deutsch: Schule, Kita, Behörden."),
        _kp("Omar Al-Hassan", "ar:native ku:good de:good", [RHEINFELDEN], "SY IQ", "Arabischsprachige Männer",
            "arbeit", "Abends", _BASIC),
        _kp("Oksana Tkachenko", "uk:native ru:native de:good", [WEIL, LOERRACH], "UA",
            "Ukrainischer Verein Dreiländereck", "wohnen sprache", "Mo–Fr", _ROLE),
        _kp("Serhii Lysenko", "uk:native ru:fluent en:good de:basic", [RHEINFELDEN], "UA",
            "Ukrainische Familien", "arbeit", "Nach Absprache"),
        _kp("Zeynep Arslan", "tr:native de:native", [RHEINFELDEN, LOERRACH], "TR",
            "Türkisch-Islamische Gemeinde Rheinfelden", "familie bildung", "Dienstag und Donnerstag", _ROLE),
        _kp("Arash Tehrani", "fa:native prs:fluent de:good", [LOERRACH], "IR AF",
            "Persischsprachige Familien", "wohnen", "Abends", _BASIC),
        _kp("Meron Berhane", "ti:native de:good en:basic", [WEIL], "ER", "Eritreische Gemeinschaft",
            "zusammenleben", "Wochenende", _BASIC),
        _kp("Ahmad Rahimi", "prs:native ps:native de:basic", [LOERRACH, RHEINFELDEN], "AF",
            "Afghanische Familien", "arbeit wohnen", "Nachmittags"),
    ],
}
# fmt: on

ASSIGNMENT_PURPOSES = [
    "Elterngespräch in der Schule",
    "Begleitung zur Wohnungsbesichtigung",
    "Informationsabend für die Gemeinschaft",
    "Begleitung zum Sozialdienst",
    "Übersetzung beim Erstgespräch",
    "Elternabend Kindergarten",
    "Vermittlung bei Nachbarschaftskonflikt",
    "Begleitung zur Berufsberatung",
]

# Contacts of organisations: first names, surnames, roles by organisation kind.
CONTACT_FIRST = (  # noqa: SIM905
    "Sandra Thomas Barbara Daniel Monika Stefan Nicole Marco Andrea Reto Claudia Simon Eva Lukas Regula "
    "Patrick Franziska Adrian Esther Michael Aylin Samir Mirjana Goran Fatma"
).split()
CONTACT_LAST = (  # noqa: SIM905
    "Müller Meier Schmid Keller Weber Huber Schneider Fischer Gerber Brunner Baumann Frei Zimmermann "
    "Moser Widmer Wyss Graf Roth Suter Bachmann Yıldız Nasser Petrović Haxhiu Şahin"
).split()
CONTACT_FIRST_DE = (  # noqa: SIM905
    "Sabine Thomas Katharina Jürgen Anja Markus Petra Tobias Birgit Florian Heike Sven Melanie Dirk Aylin "
    "Samir Natalia"
).split()
CONTACT_LAST_DE = (  # noqa: SIM905
    "Schmidt Müller Becker Wagner Hoffmann Schulz Koch Richter Klein Wolf Schröder Neumann Braun "
    "Zimmermann Öztürk Haddad Kowalski"
).split()
CONTACT_ROLES = {
    "authority": ["Leitung", "Sachbearbeitung", "Fachbereichsleitung"],
    "mainstream_service": ["Leitung", "Sozialarbeit", "Schulsozialarbeit", "Fachperson Integration"],
    "association": ["Präsidium", "Kursleitung", "Kassier/in"],
    "church": ["Sozialdiakonie", "Pfarramt", "Freiwilligenkoordination"],
    "ngo": ["Regionalleitung", "Projektleitung", "Beratung"],
    "employer": ["HR / Personal", "Berufsbildung", "Geschäftsleitung"],
    "migrant_association": ["Präsidium", "Vorstand", "Jugendgruppe"],
    "volunteer_group": ["Koordination", "Ansprechperson Freiwillige"],
    "other": ["Kontakt"],
}

# Staff who answer inquiries per field of action: (field slug, person username, deputy username, title,
# languages). Lörrach: the five fields of the seed (Wohnen, Sprache, Gesellschaft, Bildung, Arbeit), each
# with its own staff member (created when missing: username, first, last).
FIELD_CONTACTS = {
    "region-zofingen": [
        ("wohnen", "zofingen-beratung", "zofingen-beratung2", "Ansprechperson Wohnen", "de en"),
        ("sprache", "zofingen-beratung2", "zofingen-beratung", "Ansprechperson Deutsch lernen", "de fr"),
        ("arbeit", "zofingen-beratung2", "zofingen-admin", "Ansprechperson Arbeit", "de it"),
        ("bildung", "zofingen-admin", "zofingen-beratung", "Ansprechperson Schule", "de en"),
        ("zusammenleben", "zofingen-admin", "zofingen-beratung2", "Ansprechperson Zusammenleben", "de"),
    ],
    "allschwil": [
        ("sprache", "allschwil-beratung", "allschwil-admin", "Ansprechperson Deutsch lernen", "de tr"),
        ("wohnen", "allschwil-beratung", "allschwil-admin", "Ansprechperson Wohnen", "de tr"),
        ("bildung", "allschwil-admin", "allschwil-beratung", "Ansprechperson Schule und Bildung", "de fr"),
    ],
    "loerrach": [
        ("wohnen", "loerrach-wohnen", "loerrach-gesellschaft", "Handlungsfeld Wohnen", "de ar"),
        ("sprache", "loerrach-sprache", "loerrach-bildung", "Handlungsfeld Sprache", "de uk ru"),
        ("zusammenleben", "loerrach-gesellschaft", "loerrach-wohnen", "Handlungsfeld Gesellschaft", "de tr"),
        ("bildung", "loerrach-bildung", "loerrach-sprache", "Handlungsfeld Bildung", "de en"),
        ("arbeit", "loerrach-arbeit", "loerrach-admin", "Handlungsfeld Arbeit", "de en fr"),
    ],
}
# Staff the network demo adds (Lörrach's five fields of action): username, first name, last name.
NETWORK_STAFF = {
    "loerrach": [
        ("loerrach-wohnen", "Miriam", "Albrecht"),
        ("loerrach-sprache", "Oleksandr", "Brandt"),
        ("loerrach-gesellschaft", "Derya", "Kaplan"),
        ("loerrach-bildung", "Stefanie", "Lang"),
        ("loerrach-arbeit", "Thorsten", "Vogel"),
    ],
}

# Inquiries: (field slug or "" for triage, sender type, name, e-mail, organisation, language, subject,
# message, state, days ago, municipality number).
# fmt: off
INQUIRIES = {
    "region-zofingen": [
        ("wohnen", "resident", "Selam Gebremedhin", "selam.g@example.com", "", "ti", "Wohnung in Rothrist",
         "Wir sind eine Familie mit drei Kindern und suchen eine grössere Wohnung. Wo bekommen wir Hilfe?",
         "new", 1, ROTHRIST),
        ("wohnen", "resident", "Marco Rossi", "m.rossi@example.ch", "", "it", "Nebenkostenabrechnung",
         "Ich verstehe die Nebenkostenabrechnung meines Vermieters nicht. Gibt es eine Beratung?",
         "in_progress", 6, ZOFINGEN),
        ("sprache", "resident", "Olha Petrenko", "olha.petrenko@example.com", "", "uk",
         "Deutschkurs mit Kinderhüte",
         "Gibt es in Oftringen einen Deutschkurs am Vormittag mit Kinderbetreuung?", "answered", 12,
         OFTRINGEN),
        ("arbeit", "employer", "Beat Wälchli", "personal@baeckerei-waelchli.example.ch",
         "Bäckerei Wälchli AG", "de", "Lehrstelle für vorläufig Aufgenommene",
         "Wir möchten einem jungen Mann aus Afghanistan eine Lehrstelle anbieten. Was müssen wir beachten?",
         "closed", 40, ROTHRIST),
        ("", "association", "Tesfalem Abraha", "info@eritreischer-verein-zofingen.example.ch",
         "Eritreischer Verein Zofingen", "de", "Raum für Kulturanlass",
         "Wir suchen für unser Neujahrsfest im September einen Saal für 120 Personen. Können Sie helfen?",
         "new", 2, ZOFINGEN),
        ("bildung", "resident", "Ahmad Noori", "ahmad.noori@example.com", "", "prs", "Anerkennung Diplom",
         "Ich habe in Kabul Bauingenieur studiert. Wie kann ich mein Diplom anerkennen lassen?",
         "in_progress", 15, AARBURG),
        ("zusammenleben", "other", "Ruth Lüthi", "ruth.luethi@example.ch", "", "de", "Freiwillig mithelfen",
         "Ich bin pensioniert und möchte mich als Deutsch-Tandem engagieren.", "answered", 20, STRENGELBACH),
        ("sprache", "resident", "Hamid Sultani", "hamid.sultani@example.com", "", "fa", "Prüfung A2",
         "Wo kann ich die Prüfung für das Niveau A2 ablegen und was kostet sie?", "new", 9, ZOFINGEN),
    ],
    "allschwil": [
        ("sprache", "resident", "Maryna Kravets", "maryna.kravets@example.com", "", "uk",
         "Deutschkurs am Abend", "Ich arbeite tagsüber. Gibt es Deutschkurse am Abend in Allschwil?", "new",
         3, ALLSCHWIL),
        ("wohnen", "resident", "Emre Öztürk", "emre.oeztuerk@example.com", "", "tr", "Kündigung der Wohnung",
         "Unsere Wohnung wurde gekündigt. Wer kann uns beraten?", "in_progress", 8, ALLSCHWIL),
        ("", "association", "Leonora Morina", "vorstand@albanischer-verein.example.ch",
         "Albanischer Verein Allschwil", "de", "Unterstützung für Kinderkurs",
         "Können wir für unseren Albanischkurs Beiträge beantragen?", "answered", 25, ALLSCHWIL),
        ("bildung", "resident", "Daniel Asfaha", "daniel.asfaha@example.com", "", "ti", "Einschulung",
         "Mein Sohn ist 6 Jahre alt und neu in der Schweiz. Wie melde ich ihn in der Schule an?", "closed",
         60, ALLSCHWIL),
    ],
    "loerrach": [
        ("wohnen", "resident", "Yousef Kassem", "yousef.kassem@example.com", "", "ar",
         "Wohnberechtigungsschein", "Wie beantrage ich einen Wohnberechtigungsschein in Lörrach?", "new", 1,
         LOERRACH),
        ("wohnen", "resident", "Natalia Kowalski", "n.kowalski@example.de", "", "de", "Mietschulden",
         "Wir haben Mietrückstände. Gibt es eine Beratungsstelle?", "in_progress", 10, WEIL),
        ("sprache", "resident", "Iryna Melnyk", "iryna.melnyk@example.com", "", "uk", "Integrationskurs",
         "Ich habe einen Berechtigungsschein für den Integrationskurs. Wo kann ich anfangen?", "answered", 14,
         RHEINFELDEN),
        ("zusammenleben", "association", "Can Şahin", "vorstand@tig-rheinfelden.example.de",
         "Türkisch-Islamische Gemeinde Rheinfelden", "de", "Interkulturelles Fest",
         "Wir planen ein Nachbarschaftsfest und suchen Partner aus dem Arbeitskreis.", "new", 4, RHEINFELDEN),
        ("bildung", "resident", "Aziz Karimi", "aziz.karimi@example.com", "", "prs",
         "Schulplatz für meine Tochter", "Meine Tochter ist 14. Welche Schule ist zuständig?", "closed", 45,
         LOERRACH),
        ("arbeit", "employer", "Heike Braun", "personal@pflegedienst-dreiland.example.de",
         "Pflegedienst Dreiland GmbH", "de", "Beschäftigung von Geflüchteten",
         "Welche Unterlagen brauchen wir, um eine Pflegehilfskraft aus Syrien einzustellen?", "in_progress",
         12, WEIL),
        ("", "other", "Peter Ehrlich", "p.ehrlich@example.de", "", "de", "Spenden",
         "Ich möchte Möbel spenden. An wen kann ich mich wenden?", "new", 11, LOERRACH),
    ],
}
# fmt: on

REPLY = (
    "Guten Tag\n\nVielen Dank für Ihre Anfrage. Gerne beraten wir Sie persönlich; Sie finden die passenden "
    "Angebote auch in unserem Verzeichnis. Bitte melden Sie sich für einen Termin.\n\nFreundliche Grüsse"
)

# Anonymous reports to Zofingen's reporting point: 5 of one category, so it is shown in the statistics
# (counts below 5 are suppressed). (category, status, municipality, place, days ago, description)
# fmt: off
REPORTS = [
    ("racism", "closed", ZOFINGEN, "Bushaltestelle Bahnhof", 90,
     "Eine Frau mit Kopftuch wurde im Bus beschimpft; niemand hat reagiert."),
    ("racism", "action", OFTRINGEN, "Einkaufszentrum", 60,
     "Zwei Jugendliche wurden vom Sicherheitsdienst als einzige kontrolliert, wegen ihrer Hautfarbe."),
    ("racism", "in_review", ROTHRIST, "Wohnungsbesichtigung", 30,
     "Die Verwaltung sagte am Telefon, die Wohnung sei nicht für 'Ausländer'."),
    ("racism", "referred", AARBURG, "Sportplatz", 20,
     "Ein Kind wurde beim Fussballtraining wiederholt rassistisch beleidigt."),
    ("racism", "new", ZOFINGEN, "Arztpraxis", 5,
     "Am Empfang wurde unser Termin verweigert, weil wir kein gutes Deutsch sprechen."),
    ("housing", "new", ROTHRIST, "", 3,
     "Unser Vermieter verlangt eine höhere Kaution als von den Schweizer Nachbarn."),
]
# fmt: on

MEETING_MINUTES = (
    "1. Begrüssung und Vorstellungsrunde (14 Teilnehmende aus 11 Organisationen).\n"
    "2. Rückblick Integrationskurse 2. Halbjahr: Wartelisten bei Kursen mit Kinderbetreuung.\n"
    "3. Wohnen: Erfahrungen mit der Sprechstunde der Wohnbau; Bedarf an Begleitungen.\n"
    "4. Informationen aus den Handlungsfeldern Sprache, Bildung und Arbeit.\n"
    "5. Verschiedenes: Interkulturelle Woche im September."
)
MEETING_DECISIONS = (
    "Eine gemeinsame Übersicht der Kurse mit Kinderbetreuung wird erstellt.\n"
    "Die Sprechstunde Wohnen wird um sechs Monate verlängert."
)
# (title, office, days from today, hours, place, agenda, action items (what, who, days until due, done))
# fmt: off
MEETINGS = [
    ("Arbeitskreis Migration", "loerrach", -35, 2, "Landratsamt Lörrach, Sitzungssaal 2",
     "Rückblick Integrationskurse, Wohnen, Berichte aus den Handlungsfeldern, Interkulturelle Woche",
     [
      ("Übersicht Kurse mit Kinderbetreuung erstellen", "VHS Lörrach", -5, True),
      ("Sprechstunde Wohnen: Auswertung vorlegen", "Handlungsfeld Wohnen", 20, False),
      ("Programm Interkulturelle Woche koordinieren", "Handlungsfeld Gesellschaft", 40, False),
     ]),
    ("Arbeitskreis Migration", "loerrach", 28, 2, "Landratsamt Lörrach, Sitzungssaal 2",
     "Interkulturelle Woche, Arbeitsmarktzugang, Bericht Sprechstunde Wohnen", []),
    ("Vernetzungstreffen Schlüsselpersonen", "region-zofingen", -21, 2,
     "Fachstelle Integration, Thutplatz 19",
     "Erfahrungen aus den Einsätzen, Rolle und Abgrenzung, neue Anfragen der Schulen",
     [
      ("Merkblatt für Schulen zum Einsatz von Schlüsselpersonen", "Fachstelle", 14, False),
     ]),
    ("Vernetzungstreffen Integration Region Zofingen", "region-zofingen", 42, 3, "Stadtsaal Zofingen",
     "Integrationsangebote 2026, Deutschkurse mit Kinderhüte, Meldestelle: erste Erfahrungen", []),
]
# fmt: on

MAILING = {
    "office": "region-zofingen",
    "subject": "Einladung: Vernetzungstreffen Integration Region Zofingen",
    "body": (
        "Liebe Partnerinnen und Partner\n\nWir laden Sie herzlich zum nächsten Vernetzungstreffen ein. "
        "Themen: Integrationsangebote 2026, Deutschkurse mit Kinderhüte und die ersten Erfahrungen der "
        "Meldestelle.\n\nFreundliche Grüsse\nFachstelle Integration Region Zofingen"
    ),
    "segment": {
        "kinds": ["association", "migrant_association", "volunteer_group"],
        "include": ["organisations", "contacts"],
    },
    "days_ago": 9,
}
