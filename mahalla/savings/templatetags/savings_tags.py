"""`{{ amount|money:group }}`: an amount with its currency's places, in the reader's digits."""

from __future__ import annotations

from typing import Any

from django import template

from mahalla.core.i18n.digits import format_number
from mahalla.savings.models.money import PLACES

register = template.Library()


@register.filter
def money(value: Any, group: Any = None) -> str:
    if value is None or value == "":
        return ""
    places = PLACES.get(getattr(group, "currency", ""), 2)
    return format_number(value, decimal_places=places)


@register.filter
def entry(row: dict, name: str) -> Any:
    """`{{ row.recorded|entry:"deposit" }}`: a dictionary's value by a name in the template."""
    return row.get(name) if isinstance(row, dict) else None
