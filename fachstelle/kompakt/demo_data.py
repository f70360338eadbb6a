"""Figures the population demo is generated from: approximate resident populations of the Region Zofingen
municipalities (2025), their share of foreign nationals, the region's main nationalities and how their
residence permits and ages are typically distributed. Fictitious but plausible; not official statistics."""

OFFICE_SLUG = "region-zofingen"
YEARS = range(2019, 2026)
LAST_YEAR = 2025
DEMO_FILE_NAME = "Demo – fiktive Zahlen.csv"

# BFS number: (residents in 2025, share of foreign nationals in 2025)
MUNICIPALITIES = {
    4271: (8_600, 0.35),  # Aarburg
    4273: (880, 0.20),  # Bottenwil
    4274: (4_300, 0.21),  # Brittnau
    4279: (3_150, 0.22),  # Murgenthal
    4280: (14_600, 0.31),  # Oftringen
    4282: (9_600, 0.29),  # Rothrist
    4283: (4_350, 0.27),  # Safenwil
    4285: (5_250, 0.24),  # Strengelbach
    4286: (1_450, 0.20),  # Uerkheim
    4287: (2_050, 0.21),  # Vordemwald
    4288: (170, 0.20),  # Wiliberg
    4289: (12_400, 0.26),  # Zofingen
}
ANNUAL_GROWTH = 0.008  # residents grow ~0.8 % a year
FOREIGN_SHARE_STEP = 0.004  # the foreign share rises ~0.4 points a year

# Nationality: (share among foreign nationals, permit profile, first year present)
NATIONALITIES = {
    "IT": (0.15, "eu", 2019),
    "DE": (0.12, "eu", 2019),
    "XK": (0.12, "balkan", 2019),
    "PT": (0.09, "eu", 2019),
    "TR": (0.07, "balkan", 2019),
    "MK": (0.06, "balkan", 2019),
    "RS": (0.05, "balkan", 2019),
    "ER": (0.04, "asylum", 2019),
    "SY": (0.04, "asylum", 2019),
    "AF": (0.03, "asylum", 2019),
    "UA": (0.04, "protection", 2022),
    "LK": (0.03, "balkan", 2019),
    "ES": (0.03, "eu", 2019),
    "HR": (0.03, "eu", 2019),
    "BA": (0.03, "balkan", 2019),
    "PL": (0.02, "eu", 2019),
    "FR": (0.02, "eu", 2019),
    "AT": (0.02, "eu", 2019),
    "TH": (0.01, "third", 2019),
    "BR": (0.01, "third", 2019),
}

# Permit profile: share of each residence status. Ukrainians with protection status S count as "other".
PERMITS = {
    "eu": {"C": 0.62, "B": 0.34, "L": 0.04},
    "balkan": {"C": 0.80, "B": 0.20},
    "third": {"C": 0.45, "B": 0.50, "L": 0.05},
    "asylum": {"C": 0.10, "B": 0.45, "F": 0.35, "N": 0.10},
    "protection": {"other": 0.92, "B": 0.08},
}

# Relative weight of each five-year age group (0–4 … 90+).
AGE_SWISS = [5, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 8, 7, 6, 6, 5, 3, 2, 1]
AGE_FOREIGN = [7, 6, 5, 5, 7, 10, 11, 11, 10, 9, 7, 5, 3, 2, 1, 1, 0.5, 0.3, 0.1]
# Share of men: asylum seekers and refugees are younger and more often men.
MALE_SHARE = {"eu": 0.53, "balkan": 0.51, "third": 0.40, "asylum": 0.62, "protection": 0.38, "swiss": 0.49}
