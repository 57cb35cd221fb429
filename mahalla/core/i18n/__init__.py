"""Locale helpers: calendars, digits, search normalisation and collation.

Pure functions with no ORM imports, so they are testable alone. Every helper takes an
optional `language` ("th", "fa" or "en"); None means the active Django language.
"""
