"""Database expressions every app shares: names in the reader's language, ordered by ICU.

Names are ordered in SQL, so that paging and sorting agree: `collated_name()` is the
localized name (the active language's, falling back to English, Thai, then Persian, like
`localized_name`) under ICU's collation with numeric ordering.

- PostgreSQL: `name COLLATE mahalla_th` (collations from core migration 0003).
- SQLite: `mahalla_sort_key_th(name)`, a function registered on every new connection
  (`register_sqlite_functions`, connected in `CoreConfig`) returning PyICU's sort key,
  a BLOB that SQLite orders byte by byte; one key per row is cheaper than a Python
  callback per comparison.

Both first write Persian, Arabic-Indic and Thai digits as ASCII: ICU's direct string
comparison with numeric ordering gets native digits wrong ("محله ۱۰۳" before "محله ۱۳"
in PostgreSQL's ICU 72, and "equal" from PyICU 77's `compare`), while its handling of
ASCII digits is right; sort keys and comparisons then agree on both databases.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BinaryField, CharField, F, Func, Value
from django.db.models.functions import Coalesce, Collate, NullIf

from mahalla.core.i18n.languages import SUPPORTED, resolve_language

COLLATIONS = {code: f"mahalla_{code}" for code in SUPPORTED}
SORT_KEY_FUNCTIONS = {code: f"mahalla_sort_key_{code}" for code in SUPPORTED}
NATIVE_DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩๐๑๒๓๔๕๖๗๘๙"
ASCII_DIGITS = "0123456789" * 3


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


class CollatedName(Func):
    """`expression` ordered by the language's ICU collation (see the module docstring)."""

    output_field = BinaryField()

    def __init__(self, expression: Any, language: str) -> None:
        self.language = resolve_language(language)
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{SORT_KEY_FUNCTIONS[self.language]}({sql})", params

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        ascii_digits = Func(
            self.source_expressions[0],
            Value(NATIVE_DIGITS),
            Value(ASCII_DIGITS),
            function="translate",
            output_field=CharField(),
        )
        return compiler.compile(Collate(ascii_digits, COLLATIONS[self.language]))


def collated_name(prefix: str = "", language: str | None = None) -> CollatedName:
    """The localized name in the language's ICU order, for `order_by`."""
    return CollatedName(localized_name(prefix, language), resolve_language(language))


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


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: the ICU sort-key functions on SQLite."""
    if connection.vendor != "sqlite":
        return
    from mahalla.core.i18n.collation import collator  # PyICU, loaded on first connection
    from mahalla.core.i18n.digits import to_ascii_digits

    def key_function(code: str):
        # One collator per thread (`collator`): a connection to an in-memory database is
        # shared by the threads of a test server. Called once per row the ORDER BY sorts,
        # so the language is resolved here, once, not on every call as `sort_key` does.
        def key(text: str | None) -> bytes:
            return collator(code).getSortKey(to_ascii_digits(text, separators=False))

        return key

    for code, name in SORT_KEY_FUNCTIONS.items():
        connection.connection.create_function(name, 1, key_function(code), deterministic=True)
