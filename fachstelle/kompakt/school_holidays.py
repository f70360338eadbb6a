"""School holidays 2026–2028 of the cantons Aargau, Basel-Landschaft and Zürich and of Baden-Württemberg:
reference data for the workshop planner, loaded by `manage.py load_school_holidays`.

Plausible dates (first and last school-free weekday), modelled on the usual rhythm of each canton or state;
they are NOT copied from the official lists and must be checked against the canton's (or Land's) published
holiday plan before a municipality relies on them. Holiday names are the local ones (data, not UI text):
Basel-Landschaft calls its winter and spring holidays Fasnachts- and Osterferien, Baden-Württemberg has no
Sportferien but Oster- and Pfingstferien.
"""

import datetime

# (canton / state, name, first day, last day)
SCHOOL_HOLIDAYS: list[tuple[str, str, datetime.date, datetime.date]] = []


def _add(canton: str, rows: list[tuple[str, str, str]]) -> None:
    for name, first, last in rows:
        SCHOOL_HOLIDAYS.append(
            (canton, name, datetime.date.fromisoformat(first), datetime.date.fromisoformat(last))
        )


# fmt: off
_add("AG", [
    ("Sportferien", "2026-02-02", "2026-02-13"),
    ("Frühlingsferien", "2026-04-06", "2026-04-17"),
    ("Sommerferien", "2026-07-06", "2026-08-07"),
    ("Herbstferien", "2026-09-28", "2026-10-09"),
    ("Weihnachtsferien", "2026-12-21", "2027-01-01"),
    ("Sportferien", "2027-02-01", "2027-02-12"),
    ("Frühlingsferien", "2027-04-05", "2027-04-16"),
    ("Sommerferien", "2027-07-05", "2027-08-06"),
    ("Herbstferien", "2027-09-27", "2027-10-08"),
    ("Weihnachtsferien", "2027-12-20", "2027-12-31"),
    ("Sportferien", "2028-01-31", "2028-02-11"),
    ("Frühlingsferien", "2028-04-10", "2028-04-21"),
    ("Sommerferien", "2028-07-03", "2028-08-04"),
    ("Herbstferien", "2028-09-25", "2028-10-06"),
    ("Weihnachtsferien", "2028-12-25", "2029-01-05"),
])
_add("BL", [
    ("Fasnachtsferien", "2026-02-16", "2026-02-27"),
    ("Osterferien", "2026-03-30", "2026-04-10"),
    ("Sommerferien", "2026-07-06", "2026-08-14"),
    ("Herbstferien", "2026-09-28", "2026-10-09"),
    ("Weihnachtsferien", "2026-12-21", "2027-01-01"),
    ("Fasnachtsferien", "2027-02-08", "2027-02-19"),
    ("Osterferien", "2027-03-22", "2027-04-02"),
    ("Sommerferien", "2027-07-05", "2027-08-13"),
    ("Herbstferien", "2027-09-27", "2027-10-08"),
    ("Weihnachtsferien", "2027-12-20", "2027-12-31"),
    ("Fasnachtsferien", "2028-02-28", "2028-03-10"),
    ("Osterferien", "2028-04-10", "2028-04-21"),
    ("Sommerferien", "2028-07-03", "2028-08-11"),
    ("Herbstferien", "2028-09-25", "2028-10-06"),
    ("Weihnachtsferien", "2028-12-25", "2029-01-05"),
])
_add("ZH", [
    ("Sportferien", "2026-02-09", "2026-02-20"),
    ("Frühlingsferien", "2026-04-20", "2026-05-01"),
    ("Sommerferien", "2026-07-13", "2026-08-14"),
    ("Herbstferien", "2026-10-05", "2026-10-16"),
    ("Weihnachtsferien", "2026-12-21", "2027-01-01"),
    ("Sportferien", "2027-02-08", "2027-02-19"),
    ("Frühlingsferien", "2027-04-19", "2027-04-30"),
    ("Sommerferien", "2027-07-12", "2027-08-13"),
    ("Herbstferien", "2027-10-04", "2027-10-15"),
    ("Weihnachtsferien", "2027-12-20", "2027-12-31"),
    ("Sportferien", "2028-02-07", "2028-02-18"),
    ("Frühlingsferien", "2028-04-17", "2028-04-28"),
    ("Sommerferien", "2028-07-10", "2028-08-11"),
    ("Herbstferien", "2028-10-02", "2028-10-13"),
    ("Weihnachtsferien", "2028-12-25", "2029-01-05"),
])
_add("BW", [
    ("Osterferien", "2026-03-30", "2026-04-11"),
    ("Pfingstferien", "2026-05-26", "2026-06-05"),
    ("Sommerferien", "2026-07-30", "2026-09-12"),
    ("Herbstferien", "2026-10-26", "2026-10-30"),
    ("Weihnachtsferien", "2026-12-23", "2027-01-09"),
    ("Osterferien", "2027-03-22", "2027-04-03"),
    ("Pfingstferien", "2027-05-18", "2027-05-28"),
    ("Sommerferien", "2027-07-29", "2027-09-11"),
    ("Herbstferien", "2027-11-02", "2027-11-06"),
    ("Weihnachtsferien", "2027-12-23", "2028-01-08"),
    ("Osterferien", "2028-04-10", "2028-04-22"),
    ("Pfingstferien", "2028-06-06", "2028-06-16"),
    ("Sommerferien", "2028-07-27", "2028-09-09"),
    ("Herbstferien", "2028-10-30", "2028-11-03"),
    ("Weihnachtsferien", "2028-12-22", "2029-01-05"),
])
# fmt: on

CANTONS = ("AG", "BL", "ZH", "BW")
