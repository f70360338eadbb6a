"""Vocabularies every installation starts with (editable afterwards in the back office).

Used by the data migration and by tests; names in de (source) plus fr, it, en and the most read
newcomer languages where we have reviewed wording.
"""

FIELDS_OF_ACTION = [
    # slug, de, fr, it, en, ar, uk, tr
    (
        "sprache",
        "Deutsch lernen",
        "Apprendre l'allemand",
        "Imparare il tedesco",
        "Learning German",
        "تعلم اللغة الألمانية",
        "Вивчення німецької",
        "Almanca öğrenmek",
    ),
    (
        "beratung",
        "Beratung und Information",
        "Conseil et information",
        "Consulenza e informazione",
        "Counselling and information",
        "الاستشارة والمعلومات",
        "Консультації та інформація",
        "Danışmanlık ve bilgi",
    ),
    (
        "fruehe-kindheit",
        "Frühe Kindheit",
        "Petite enfance",
        "Prima infanzia",
        "Early childhood",
        "الطفولة المبكرة",
        "Раннє дитинство",
        "Erken çocukluk",
    ),
    (
        "bildung",
        "Schule und Bildung",
        "École et formation",
        "Scuola e formazione",
        "School and education",
        "المدرسة والتعليم",
        "Школа та освіта",
        "Okul ve eğitim",
    ),
    (
        "arbeit",
        "Arbeit und Beruf",
        "Travail et profession",
        "Lavoro e professione",
        "Work and career",
        "العمل والمهنة",
        "Робота та професія",
        "İş ve meslek",
    ),
    ("gesundheit", "Gesundheit", "Santé", "Salute", "Health", "الصحة", "Здоров'я", "Sağlık"),
    ("wohnen", "Wohnen", "Logement", "Alloggio", "Housing", "السكن", "Житло", "Konut"),
    (
        "familie",
        "Familie und Erziehung",
        "Famille et éducation",
        "Famiglia ed educazione",
        "Family and parenting",
        "الأسرة والتربية",
        "Сім'я та виховання",
        "Aile ve çocuk yetiştirme",
    ),
    (
        "freizeit",
        "Freizeit und Begegnung",
        "Loisirs et rencontres",
        "Tempo libero e incontri",
        "Leisure and meeting people",
        "الترفيه واللقاءات",
        "Дозвілля та зустрічі",
        "Boş zaman ve buluşma",
    ),
    (
        "zusammenleben",
        "Zusammenleben und Mitwirkung",
        "Vivre ensemble et participation",
        "Convivenza e partecipazione",
        "Living together and participation",
        "العيش المشترك والمشاركة",
        "Спільне життя та участь",
        "Birlikte yaşam ve katılım",
    ),
    (
        "dolmetschen",
        "Dolmetschen und Übersetzen",
        "Interprétariat et traduction",
        "Interpretariato e traduzione",
        "Interpreting and translation",
        "الترجمة الشفوية والتحريرية",
        "Усний та письмовий переклад",
        "Tercümanlık ve çeviri",
    ),
    (
        "recht",
        "Aufenthalt und Recht",
        "Séjour et droit",
        "Soggiorno e diritto",
        "Residence and legal matters",
        "الإقامة والقانون",
        "Перебування та право",
        "Oturum ve hukuk",
    ),
]

PROMOTION_AREAS = [
    # code, de, fr, it, en
    (
        "1.1",
        "Erstinformation und Integrationsförderbedarf",
        "Primo-information et besoins particuliers d'encouragement",
        "Prima informazione e fabbisogno di promozione",
        "Initial information and integration needs",
    ),
    ("1.2", "Beratung", "Conseil", "Consulenza", "Counselling"),
    (
        "1.3",
        "Schutz vor Diskriminierung",
        "Protection contre la discrimination",
        "Protezione dalla discriminazione",
        "Protection against discrimination",
    ),
    ("2.1", "Sprache und Bildung", "Langue et formation", "Lingua e formazione", "Language and education"),
    ("2.2", "Frühe Kindheit", "Petite enfance", "Prima infanzia", "Early childhood"),
    (
        "2.3",
        "Ausbildungs- und Arbeitsmarktfähigkeit",
        "Employabilité",
        "Occupabilità",
        "Employability and vocational training",
    ),
    (
        "3.1",
        "Interkulturelles Dolmetschen und Vermitteln",
        "Interprétariat communautaire et médiation interculturelle",
        "Interpretariato interculturale e mediazione",
        "Intercultural interpreting and mediation",
    ),
    (
        "3.2",
        "Zusammenleben und Partizipation",
        "Vivre ensemble et participation",
        "Convivenza e partecipazione",
        "Living together and participation",
    ),
]

TARGET_GROUPS = [
    # slug, de, fr, it, en
    ("neuzugezogene", "Neuzugezogene", "Nouveaux arrivants", "Nuovi arrivati", "Newcomers"),
    ("familien", "Familien", "Familles", "Famiglie", "Families"),
    ("frauen", "Frauen", "Femmes", "Donne", "Women"),
    (
        "jugendliche",
        "Jugendliche und junge Erwachsene",
        "Jeunes et jeunes adultes",
        "Giovani e giovani adulti",
        "Youth and young adults",
    ),
    ("kinder", "Kinder", "Enfants", "Bambini", "Children"),
    (
        "gefluechtete",
        "Geflüchtete und Asylsuchende",
        "Réfugiés et requérants d'asile",
        "Rifugiati e richiedenti l'asilo",
        "Refugees and asylum seekers",
    ),
    ("senioren", "Seniorinnen und Senioren", "Personnes âgées", "Anziani", "Seniors"),
    ("arbeitgebende", "Arbeitgebende", "Employeurs", "Datori di lavoro", "Employers"),
    (
        "vereine",
        "Vereine und Freiwillige",
        "Associations et bénévoles",
        "Associazioni e volontari",
        "Associations and volunteers",
    ),
    ("fachpersonen", "Fachpersonen", "Professionnels", "Professionisti", "Professionals"),
]

LANGUAGES = [
    # code, German name, native name, order
    ("de", "Deutsch", "Deutsch", 1),
    ("fr", "Französisch", "Français", 2),
    ("it", "Italienisch", "Italiano", 3),
    ("en", "Englisch", "English", 4),
    ("ar", "Arabisch", "العربية", 10),
    ("ti", "Tigrinya", "ትግርኛ", 10),
    ("fa", "Farsi", "فارسی", 10),
    ("prs", "Dari", "دری", 10),
    ("uk", "Ukrainisch", "Українська", 10),
    ("ru", "Russisch", "Русский", 10),
    ("tr", "Türkisch", "Türkçe", 10),
    ("ku", "Kurdisch", "Kurdî", 10),
    ("sq", "Albanisch", "Shqip", 10),
    ("sr", "Serbisch/Kroatisch/Bosnisch", "Srpski/Hrvatski/Bosanski", 10),
    ("pt", "Portugiesisch", "Português", 10),
    ("es", "Spanisch", "Español", 10),
    ("ta", "Tamil", "தமிழ்", 10),
    ("so", "Somali", "Soomaali", 10),
    ("ps", "Paschtu", "پښتو", 10),
]


def seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language) -> None:
    """Create the vocabularies if missing; never overwrite what an office edited."""
    for order, (slug, de, fr, it, en, ar, uk, tr) in enumerate(FIELDS_OF_ACTION):
        FieldOfAction.objects.get_or_create(
            slug=slug,
            defaults={
                "name": de,
                "order": order,
                "names": {"fr": fr, "it": it, "en": en, "ar": ar, "uk": uk, "tr": tr},
            },
        )
    for order, (code, de, fr, it, en) in enumerate(PROMOTION_AREAS):
        PromotionArea.objects.get_or_create(
            code=code,
            defaults={
                "slug": "kip-" + code.replace(".", "-"),
                "name": de,
                "order": order,
                "names": {"fr": fr, "it": it, "en": en},
            },
        )
    for order, (slug, de, fr, it, en) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name": de, "order": order, "names": {"fr": fr, "it": it, "en": en}}
        )
    for code, de, native, order in LANGUAGES:
        Language.objects.get_or_create(
            code=code, defaults={"name": de, "native_name": native, "order": order}
        )
