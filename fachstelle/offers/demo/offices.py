"""The offices of the seeds and the municipalities they serve.

BFS numbers (Switzerland) and AGS keys (Germany, stored without the leading zero) are the official ones.
Addresses, phone numbers and e-mail addresses are invented demo values.
"""

# (official number, name, canton / state, country, district)
MUNICIPALITIES = [
    (2762, "Allschwil", "BL", "CH", "Arlesheim"),
    (4271, "Aarburg", "AG", "CH", "Zofingen"),
    (4273, "Bottenwil", "AG", "CH", "Zofingen"),
    (4274, "Brittnau", "AG", "CH", "Zofingen"),
    (4279, "Murgenthal", "AG", "CH", "Zofingen"),
    (4280, "Oftringen", "AG", "CH", "Zofingen"),
    (4282, "Rothrist", "AG", "CH", "Zofingen"),
    (4283, "Safenwil", "AG", "CH", "Zofingen"),
    (4285, "Strengelbach", "AG", "CH", "Zofingen"),
    (4286, "Uerkheim", "AG", "CH", "Zofingen"),
    (4287, "Vordemwald", "AG", "CH", "Zofingen"),
    (4288, "Wiliberg", "AG", "CH", "Zofingen"),
    (4289, "Zofingen", "AG", "CH", "Zofingen"),
    (261, "Zürich", "ZH", "CH", "Zürich"),
    (230, "Winterthur", "ZH", "CH", "Winterthur"),
    (198, "Uster", "ZH", "CH", "Uster"),
    (191, "Dübendorf", "ZH", "CH", "Uster"),
    (243, "Dietikon", "ZH", "CH", "Dietikon"),
    (8336050, "Lörrach", "BW", "DE", "Landkreis Lörrach"),
    (8336091, "Weil am Rhein", "BW", "DE", "Landkreis Lörrach"),
    (8336069, "Rheinfelden (Baden)", "BW", "DE", "Landkreis Lörrach"),
]

DEMO_NOTE = "Demo-Daten: Angebote, Adressen und Kontaktangaben auf dieser Seite sind erfunden."

OFFICES = [
    {
        "slug": "allschwil",
        "user_prefix": "allschwil",
        "name": "Fachstelle Integration Allschwil",
        "short_name": "Allschwil",
        "kind": "municipal",
        "country": "CH",
        "canton": "BL",
        "municipalities": [2762],
        "intro": (
            "Informieren, Vernetzen, Unterstützen und Fördern: Die Fachstelle Integration der Gemeinde "
            "Allschwil ist seit den Sommerferien 2025 in Betrieb. Es mangelt nicht an Angeboten, sondern an "
            "der Übersicht – hier finden Sie die Integrationsangebote in Allschwil: Deutschkurse, Beratung, "
            "Frühförderung, Treffpunkte und vieles mehr.\n\n" + DEMO_NOTE
        ),
        "street": "Baslerstrasse 111",
        "postcode": "4123",
        "city": "Allschwil",
        "phone": "+41 61 486 00 00",
        "email": "integration@allschwil.example.ch",
        "website": "https://www.allschwil.example.ch/integration",
        "primary_color": "#b01e3c",
        "content_languages": ["fr", "en", "it", "ar", "ti", "uk", "tr", "sq", "pt", "es"],
    },
    {
        "slug": "region-zofingen",
        "user_prefix": "zofingen",
        "name": "Fachstelle Integration Region Zofingen",
        "short_name": "Region Zofingen",
        "kind": "regional",
        "country": "CH",
        "canton": "AG",
        "municipalities": [4271, 4273, 4274, 4279, 4280, 4282, 4283, 4285, 4286, 4287, 4288, 4289],
        "intro": (
            "Die Fachstelle Integration ist die Integrationsfachstelle von 12 Gemeinden der Region Zofingen "
            "und besteht seit 2019. Wir kennen die Integrationsangebote in der Region und informieren "
            "darüber: Deutsch, Bildung, Arbeit, Gesundheit, Familie und Freizeit. Unsere Beratung ist "
            "kostenlos und "
            "vertraulich; bei Bedarf organisieren wir eine Übersetzung.\n\n" + DEMO_NOTE
        ),
        "street": "Thutplatz 19",
        "postcode": "4800",
        "city": "Zofingen",
        "phone": "+41 62 745 00 00",
        "email": "integration@zofingenregio.example.ch",
        "website": "https://www.zofingenregio.example.ch/integration",
        "primary_color": "#00689e",
        "content_languages": ["fr", "en", "it", "ar", "ti", "fa", "uk", "tr", "sq", "ta"],
    },
    {
        "slug": "kanton-zuerich",
        "user_prefix": "zuerich",
        "name": "Fachstelle für Integrationsfragen, Kanton Zürich",
        "short_name": "Kanton Zürich",
        "kind": "cantonal",
        "country": "CH",
        "canton": "ZH",
        "municipalities": [261, 230, 198, 191, 243],
        "intro": (
            "Die Gemeinden und Städte sind die wichtigsten Partnerinnen der Fachstelle für "
            "Integrationsfragen. Dieses Verzeichnis zeigt eine Auswahl von Integrationsangeboten in "
            "Gemeinden des Kantons, die mit "
            "KOMPAKT ein kommunales Integrationsprogramm erarbeitet haben.\n\n" + DEMO_NOTE
        ),
        "street": "Neumühlequai 10",
        "postcode": "8090",
        "city": "Zürich",
        "phone": "+41 43 259 00 00",
        "email": "integration@zh.example.ch",
        "website": "https://www.zh.example.ch/integration",
        "primary_color": "#005a8c",
        "content_languages": ["fr", "en", "it", "ar", "ti", "fa", "uk", "tr", "pt", "es", "ta", "so"],
    },
    {
        "slug": "loerrach",
        "user_prefix": "loerrach",
        "name": "Landratsamt Lörrach – Integration",
        "short_name": "Landkreis Lörrach",
        "kind": "district",
        "country": "DE",
        "canton": "BW",
        "municipalities": [8336050, 8336091, 8336069],
        "intro": (
            "Unter dem Dach des Netzwerks „Arbeitskreis Migration“ bündelt der Landkreis Lörrach die fünf "
            "Handlungsfelder der Integration – Wohnen, Sprache, Gesellschaft, Bildung und Arbeit – bei "
            "festen "
            "Ansprechpartnern. Hier finden Sie Angebote im Landkreis.\n\n" + DEMO_NOTE
        ),
        "street": "Palmstraße 3",
        "postcode": "79539",
        "city": "Lörrach",
        "phone": "+49 7621 410 0000",
        "email": "integration@loerrach-landkreis.example.de",
        "website": "https://www.loerrach-landkreis.example.de/integration",
        "primary_color": "#0f6e3f",
        "content_languages": ["en", "fr", "ar", "uk", "tr", "fa", "ru", "ku"],
    },
]

# Everyone logs in with this password (demo only; printed by the command, documented in the README).
DEMO_PASSWORD = "demo-fachstelle-2026"  # noqa: S105
SUPERUSER = {"username": "admin", "first_name": "Demo", "last_name": "Admin", "email": "admin@example.ch"}
# Per office: <user_prefix>-admin (office administrator) and <user_prefix>-editor.
STAFF_NAMES = {
    "allschwil": (("Andrea", "Meier"), ("Luca", "Brunner")),
    "zofingen": (("Petra", "Baumann"), ("Sandro", "Kunz")),
    "zuerich": (("Nadia", "Keller"), ("Martin", "Frei")),
    "loerrach": (("Katrin", "Schäfer"), ("Jonas", "Wagner")),
}
