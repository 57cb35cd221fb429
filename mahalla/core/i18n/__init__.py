"""Locale helpers: calendars, digits, search normalisation and collation.

Pure functions with no ORM imports, so they are testable alone.
"""
