"""The physical limit: a bare WSGI app answering the API list's query mix with psycopg and json.dumps.

No Django, no ORM, no caching: per request one count query (plus the typo pass when nothing matched, as the
app does) and one query for the page of offers with provider, office, active translation and the related
fields of action, KIP areas, target groups, languages and municipalities aggregated as JSON in SQL.
It understands the same parameters as GET /api/v1/offers (office, q, area, kip, target_group, language,
municipality, free, childcare, online, barrier_free, page, lang). It trusts the values: the bench mix only
sends known terms and municipalities the office serves (the app would ignore others with a warning; the
baseline finds nothing for them). Equivalence with the API is tested in fachstelle/api/tests/test_bench.py.

Serve it with gunicorn: `gunicorn --pythonpath bench baseline_wsgi:application` (DATABASE_URL honoured).
"""

import json
import os
import re
import unicodedata
from urllib.parse import parse_qs, urlencode

import psycopg

DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fachstelle_bench")
PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_WORD = re.compile(r"[\w]+", re.UNICODE)
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l"})
_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")
_TRUE = {"1", "true", "yes", "on", "ja"}

_connection = None  # one per worker process, opened after the fork


def _db():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(DATABASE_URL, autocommit=True)
    return _connection


# The same text handling as fachstelle.offers.search (kept in step by hand; this file imports no Django).
def fold(text):
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def terms_of(query):
    terms = []
    for word in _WORD.findall((query or "")[:MAX_QUERY_LENGTH]):
        word = word[:40]
        if word.lower() not in {t.lower() for t in terms}:
            terms.append(word)
    return terms[:MAX_TERMS]


def stem(term):
    folded = fold(term)
    if len(folded) > 5:
        for suffix in _SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
                return folded[: -len(suffix)]
    return folded


def _values(params, name):
    values = []
    for raw in params.get(name, []):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return list(dict.fromkeys(values))[:20]


M2M = {
    # parameter: (link table, link column, term table, term key column)
    "area": ("offers_offer_fields_of_action", "fieldofaction_id", "core_fieldofaction", "slug"),
    "kip": ("offers_offer_promotion_areas", "promotionarea_id", "core_promotionarea", "code"),
    "target_group": ("offers_offer_target_groups", "targetgroup_id", "core_targetgroup", "slug"),
    "language": ("offers_offer_languages", "language_id", "core_language", "code"),
}
FLAGS = {
    "free": "o.cost_type = 'free'",
    "childcare": "o.childcare",
    "online": "o.is_online",
    "barrier_free": "o.barrier_free",
}


def _where(params, terms, fuzzy):
    clauses = ["o.status = 'published'", "o.hidden_unconfirmed_at IS NULL", "f.is_active"]
    args = []
    office = (params.get("office") or [""])[0].strip()
    if office:
        clauses.append("f.slug = %s")
        args.append(office)
    for term in terms:
        if fuzzy:
            clauses.append("o.search_document %%> %s")
            args.append(fold(term))
        elif len(term) >= 3:
            clauses.append("(o.search_vector @@ plainto_tsquery('german', %s) OR o.search_document LIKE %s)")
            args += [
                term,
                "%" + stem(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
            ]
        else:
            clauses.append("o.search_vector @@ plainto_tsquery('german', %s)")
            args.append(term)
    for name, (link, column, table, key) in M2M.items():
        values = _values(params, name)
        if name == "target_group":
            values += _values(params, "target")
        if values:
            clauses.append(
                f"o.id IN (SELECT l.offer_id FROM {link} l JOIN {table} t ON t.id = l.{column} "
                f"WHERE t.{key} = ANY(%s))"
            )
            args.append(values)
    numbers = [int(v) for v in _values(params, "municipality") if v.isdigit() and len(v) < 10]
    if numbers:
        clauses.append(
            "o.id IN (SELECT l.offer_id FROM offers_offer_municipalities l "
            "JOIN core_municipality m ON m.id = l.municipality_id WHERE m.bfs_number = ANY(%s))"
        )
        args.append(numbers)
    for name, condition in FLAGS.items():
        if (params.get(name) or [""])[0].strip().lower() in _TRUE:
            clauses.append(condition)
    return " AND ".join(clauses), args


FROM = "FROM offers_offer o JOIN core_office f ON f.id = o.office_id"


def _terms_sql(link, column, table, fields, order):
    return (
        f"(SELECT coalesce(json_agg(json_build_object({fields}) ORDER BY {order}), '[]') "
        f"FROM {link} l JOIN {table} t ON t.id = l.{column} WHERE l.offer_id = o.id)"
    )


def _label(fallback=""):
    """Term.label(lang): the German name for de, else the name in lang, [the fallback,] the German name."""
    return (
        "CASE WHEN %(lang)s = 'de' THEN t.name "
        f"ELSE coalesce(nullif(t.names->>%(lang)s, ''), {fallback} t.name) END"
    )


TERM_COLUMNS = ",\n       ".join(
    [
        _terms_sql(
            "offers_offer_fields_of_action",
            "fieldofaction_id",
            "core_fieldofaction",
            "'slug', t.slug, 'name', " + _label(),
            't."order", t.name',
        ),
        _terms_sql(
            "offers_offer_promotion_areas",
            "promotionarea_id",
            "core_promotionarea",
            "'code', t.code, 'name', " + _label(),
            "t.code",
        ),
        _terms_sql(
            "offers_offer_target_groups",
            "targetgroup_id",
            "core_targetgroup",
            "'slug', t.slug, 'name', " + _label(),
            't."order", t.name',
        ),
        _terms_sql(
            "offers_offer_languages",
            "language_id",
            "core_language",
            "'code', t.code, 'name', " + _label("nullif(t.native_name, ''),"),
            't."order", t.name',
        ),
        _terms_sql(
            "offers_offer_municipalities",
            "municipality_id",
            "core_municipality",
            "'bfs_number', t.bfs_number, 'name', t.name",
            "t.name",
        ),
    ]
)
PAGE_SQL = f"""
SELECT o.id, o.title, coalesce(nullif(tr.title, ''), o.title), coalesce(nullif(tr.summary, ''), o.summary),
       tr.title IS NOT NULL AND tr.title <> '', p.id, p.name, f.slug, f.name, o.cost_type,
       o.cost_amount::text, coalesce(nullif(tr.cost_note, ''), o.cost_note), o.childcare, o.is_online,
       o.barrier_free, o.updated_at,
       {TERM_COLUMNS}
{FROM}
JOIN network_organisation p ON p.id = o.provider_id
LEFT JOIN offers_offertranslation tr ON tr.offer_id = o.id AND tr.language = %(lang)s
     AND tr.state <> 'in_translation' AND tr.title <> ''
WHERE {{where}}
ORDER BY {{order}}
LIMIT {PER_PAGE} OFFSET %(offset)s
"""

# fmt: off
LANGUAGES = {"de", "fr", "it", "en", "ar", "ti", "fa", "prs", "uk", "ru", "tr", "ku", "sq", "sr", "pt", "es",
             "ta", "so", "ps"}
# fmt: on


def search(params):
    terms = terms_of((params.get("q") or [""])[0].strip())
    lang = (params.get("lang") or ["de"])[0].strip().lower()
    lang = lang if lang in LANGUAGES else "de"
    raw_page = (params.get("page") or ["1"])[0].strip()
    page = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) <= 10_000 else 1
    with _db().cursor() as cursor:
        where, args = _where(params, terms, fuzzy=False)
        cursor.execute(f"SELECT count(*) {FROM} WHERE {where}", args)
        count = cursor.fetchone()[0]
        if terms and count == 0:
            fuzzy_where, fuzzy_args = _where(params, terms, fuzzy=True)
            cursor.execute(f"SELECT count(*) {FROM} WHERE {fuzzy_where}", fuzzy_args)
            fuzzy_count = cursor.fetchone()[0]
            if fuzzy_count:
                count, where, args = fuzzy_count, fuzzy_where, fuzzy_args
        pages = max(1, -(-count // PER_PAGE))
        page = min(page, pages)
        rows = []
        if count:
            named = {f"a{i}": value for i, value in enumerate(args)}
            where_named = where
            for i in range(len(args)):
                where_named = where_named.replace("%s", f"%(a{i})s", 1)
            order = "o.title, o.id"
            if terms:
                order = (
                    "ts_rank(o.search_vector, "
                    + " || ".join(f"plainto_tsquery('german', %(t{i})s)" for i in range(len(terms)))
                    + ") DESC, o.title, o.id"
                )
                named.update({f"t{i}": term for i, term in enumerate(terms)})
            named.update({"lang": lang, "offset": (page - 1) * PER_PAGE})
            cursor.execute(PAGE_SQL.format(where=where_named, order=order), named)
            rows = cursor.fetchall()
    return count, page, pages, lang, rows


def _result(row, lang, base_url):
    (
        pk,
        title_de,
        title,
        summary,
        translated,
        provider_id,
        provider_name,
        office_slug,
        office_name,
        cost_type,
        cost_amount,
        cost_note,
        childcare,
        online,
        barrier_free,
        updated_at,
        areas,
        kip,
        groups,
        languages,
        municipalities,
    ) = row
    language = lang if translated else "de"
    return {
        "id": pk,
        "title": title,
        "summary": summary,
        "language": language,
        "fallback": language != lang,
        "provider": {"id": provider_id, "name": provider_name},
        "areas": areas,
        "promotion_areas": kip,
        "target_groups": groups,
        "languages": languages,
        "municipalities": municipalities,
        "cost": {"type": cost_type, "amount": cost_amount, "note": cost_note},
        "childcare": childcare,
        "online": online,
        "barrier_free": barrier_free,
        "office": {"slug": office_slug, "name": office_name},
        "url": f"{base_url}/{lang}/{office_slug}/offers/{pk}-{slugify(title_de)}/",
        "updated_at": updated_at.isoformat(),
    }


def slugify(title):
    """django.utils.text.slugify, cut to 60 characters as Offer.slug does."""
    value = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")[:60] or "angebot"


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=False)
    base_url = f"http://{environ.get('HTTP_HOST', '127.0.0.1')}"
    count, page, pages, lang, rows = search(params)

    def page_url(number):
        query = {k: v for k, v in params.items() if k != "page"}
        query["page"] = [str(number)]
        return f"{base_url}{environ.get('PATH_INFO', '/')}?{urlencode(query, doseq=True)}"

    body = json.dumps(
        {
            "count": count,
            "next": page_url(page + 1) if page < pages else None,
            "previous": page_url(page - 1) if page > 1 else None,
            "warnings": [],
            "results": [_result(row, lang, base_url) for row in rows],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]
