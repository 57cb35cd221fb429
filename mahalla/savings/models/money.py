"""Currencies the groups keep their books in, and how many decimal places each counts."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    THB = "THB", _("Thai baht")
    IRR = "IRR", _("Iranian rial")
    USD = "USD", _("US dollar")


# Rials have no subunit in use; baht keep satang on the books.
PLACES = {"THB": 2, "IRR": 0, "USD": 2}


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-PLACES.get(currency, 2))


# Wide enough for a city fund's total in rials.
def amount_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=20, decimal_places=2, **kwargs)


def exact(value, places: int = 2) -> Decimal:
    """A sum read from the database, exact again. PostgreSQL sums decimals exactly; SQLite
    sums them as floats (3048688.50000001), which would make balanced books look wrong."""
    return Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-places))
