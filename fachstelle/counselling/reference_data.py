"""Reference data of counselling, shared by the data migration and tests that flush tables."""

TOPICS = [
    ("deutsch", "Deutsch", {"fr": "Allemand", "it": "Tedesco", "en": "German language"}),
    ("bildung", "Bildung", {"fr": "Formation", "it": "Formazione", "en": "Education"}),
    ("arbeit", "Arbeit", {"fr": "Travail", "it": "Lavoro", "en": "Work"}),
    ("gesundheit", "Gesundheit", {"fr": "Santé", "it": "Salute", "en": "Health"}),
    ("aufenthalt", "Aufenthalt", {"fr": "Séjour", "it": "Soggiorno", "en": "Residence"}),
    (
        "diskriminierung",
        "Diskriminierung",
        {"fr": "Discrimination", "it": "Discriminazione", "en": "Discrimination"},
    ),
    ("wohnen", "Wohnen", {"fr": "Logement", "it": "Alloggio", "en": "Housing"}),
    ("familie", "Familie", {"fr": "Famille", "it": "Famiglia", "en": "Family"}),
    ("finanzen", "Finanzen", {"fr": "Finances", "it": "Finanze", "en": "Finances"}),
    (
        "einbuergerung",
        "Einbürgerung",
        {"fr": "Naturalisation", "it": "Naturalizzazione", "en": "Naturalisation"},
    ),
]


def seed_topics(Topic) -> None:
    for order, (slug, name, names) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "names": names, "order": order})
