"""One page of an area's children with their counts, read by one hand-written query.

The area page shows 50 children of an area that may have thousands. Choosing the page (the
scope, the search, the ICU order, the slice) stays an ORM queryset of ids
(`selectors.area_children`); this module reads those rows, their level and their two counts.
It is SQL written once rather than an ORM queryset, because Django took longer to compile
that queryset (two correlated subqueries, the collated ordering, `only()` across a join:
about 5 ms) than PostgreSQL took to run it for a district of 5,000 places, on every view
of every area page. The text is built from constants only; the ids query brings its own
parameters. `test_page_rows.py` checks it returns what the ORM queryset returned.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from mahalla.core.db import ASCII_DIGITS, COLLATIONS, NATIVE_DIGITS, SORT_KEY_FUNCTIONS
from mahalla.core.i18n.languages import resolve_language
from mahalla.places.models import Area, AreaLevel

_NAMES = ("name_en", "name_th", "name_fa")


def _in_field_order(model, wanted: set[str]) -> tuple[str, ...]:
    # `Model.from_db` takes the loaded values in the model's own field order.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in wanted)


AREA_COLUMNS = _in_field_order(
    Area,
    {"id", "parent_id", "level_id", "path", "code", "registration", "geometry_is_synthetic",
     *_NAMES},
)  # fmt: skip
LEVEL_COLUMNS = _in_field_order(AreaLevel, {"id", "rank", "is_community", *_NAMES})


def _name_order(vendor: str, language: str) -> str:
    """`core.db.collated_name()` of the alias `a`, as SQL text."""
    order = [language] + [code for code in ("en", "th", "fa") if code != language]
    name = ", ".join(f"NULLIF(a.name_{code}, '')" for code in order)
    name = f"COALESCE({name}, '')"
    if vendor == "postgresql":
        collation = COLLATIONS[language]
        return f"translate({name}, '{NATIVE_DIGITS}', '{ASCII_DIGITS}') COLLATE \"{collation}\""
    return f"{SORT_KEY_FUNCTIONS[language]}({name})"


@lru_cache(maxsize=16)
def _sql(vendor: str, language: str) -> str:
    # Paths are compared byte by byte (`selectors._beneath`): "C" on PostgreSQL.
    c = ' COLLATE "C"' if vendor == "postgresql" else ""
    area = ", ".join(f"a.{column}" for column in AREA_COLUMNS)
    level = ", ".join(f"l.{column}" for column in LEVEL_COLUMNS)
    # Constants only (column names, collations, digits): nothing a request gives.
    return (
        f"SELECT {area}, {level}, "  # noqa: S608
        "(SELECT COUNT(*) FROM places_area g WHERE g.parent_id = a.id), "
        f"(SELECT COUNT(*) FROM places_area d WHERE d.path{c} > a.path{c} "
        f"AND d.path{c} < (a.path || '~'){c}) "
        "FROM places_area a JOIN places_arealevel l ON l.id = a.level_id "
        "WHERE a.id IN ({ids}) "
        f"ORDER BY l.rank, {_name_order(vendor, language)}, a.id"
    )


def page_rows(ids: QuerySet) -> list[Area]:
    """The areas of `ids` (a sliced, ordered queryset of ids, already scoped) in the page's
    order, each with its level, `child_count` and `descendant_count`."""
    connection = connections[ids.db]
    try:
        ids_sql, params = ids.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # `none()`, or a filter nothing can match
        return []
    sql = _sql(connection.vendor, resolve_language(None)).replace("{ids}", ids_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    width, level_width = len(AREA_COLUMNS), len(LEVEL_COLUMNS)
    levels: dict[int, AreaLevel] = {}
    rows = []
    for values in fetched:
        area = Area.from_db(ids.db, AREA_COLUMNS, values[:width])
        level_values = values[width : width + level_width]
        level = levels.get(level_values[0])
        if level is None:
            level = levels[level_values[0]] = AreaLevel.from_db(ids.db, LEVEL_COLUMNS, level_values)
        area.level = level
        area.child_count, area.descendant_count = values[width + level_width :]
        if connection.vendor == "sqlite":
            area.geometry_is_synthetic = bool(area.geometry_is_synthetic)
            level.is_community = bool(level.is_community)
        rows.append(area)
    return rows
