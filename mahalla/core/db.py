"""Database expressions every app shares: names in the reader's language, ordered by ICU.

Names are ordered in SQL, so that paging and sorting agree: `collated_name()` is the
localized name (the active language's, falling back to English, Thai, then Persian, like
`localized_name`) under an ICU collation with numeric ordering. PostgreSQL has the
collations from core migration 0003; SQLite gets the same names registered, backed by
PyICU, on every new connection (`register_sqlite_collations`, connected in `CoreConfig`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Coalesce, Collate, NullIf

from mahalla.core.i18n.languages import SUPPORTED, resolve_language

COLLATIONS = {code: f"mahalla_{code}" for code in SUPPORTED}


def collation_name(language: str | None = None) -> str:
    """The database collation of `language` (the active one when None)."""
    return COLLATIONS[resolve_language(language)]


def localized_name(prefix: str = "", language: str | None = None) -> Coalesce:
    """SQL for the name in `language`, falling back to en, th, fa; "" when none is set.

    `prefix` reaches a related model's names ("parent__").
    """
    first = resolve_language(language)
    order = [first] + [code for code in ("en", "th", "fa") if code != first]
    names = (NullIf(F(f"{prefix}name_{code}"), Value("")) for code in order)
    return Coalesce(*names, Value(""), output_field=CharField())


def collated_name(prefix: str = "", language: str | None = None) -> Collate:
    """The localized name under the language's ICU collation, for `order_by`."""
    return Collate(localized_name(prefix, language), collation_name(language))


class Bytewise(Func):
    """Compare text byte by byte, whatever the database's default collation.

    Materialised paths ("/1/7/42/") are ranges in byte order; PostgreSQL databases created
    with a linguistic default collation would order "/" and digits otherwise. On SQLite
    the default (BINARY) is already byte order.
    """

    output_field = CharField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f'({sql}) COLLATE "C"', params


def register_sqlite_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: the ICU collations under the names PostgreSQL uses."""
    if connection.vendor != "sqlite":
        return
    from mahalla.core.i18n.collation import new_collator  # PyICU, loaded on first connection

    for code, name in COLLATIONS.items():
        # One collator per connection: a SQLite connection is used by one thread at a time.
        collator = new_collator(code)
        connection.connection.create_collation(name, collator.compare)
