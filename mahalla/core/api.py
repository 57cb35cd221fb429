"""Pieces every API endpoint shares: bounded integer inputs, pagination, the error schema.

Every integer a client sends (an id filter, a page number, a path id) is checked against the
range the databases can hold (a signed 64-bit integer) before it reaches a query: `1e20` or
`99999999999999999999` is a 400 (or a 404 for a path id), never an OverflowError and a 500.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_ID = 2**63 - 1  # the largest BigAutoField value on PostgreSQL and SQLite


class IdField(forms.IntegerField):
    """A whole number from 1 to MAX_ID, in any digit system Python reads (Persian, Thai…)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _id_schema(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": description}


class IdFilter(django_filters.Filter):
    """An id filter (`?parent=12`): anything but a whole number in range is a 400 naming it."""

    field_class = IdField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # drf-spectacular reads this per-instance override: integer, bounded, with its label.
        self._spectacular_annotation = {"field": _id_schema(str(self.label or ""))}


def parse_id(value: Any) -> int | None:
    """`value` as an id in range, or None."""
    try:
        return IdField().clean(value)
    except DjangoValidationError:
        return None


class BoundedLookupMixin:
    """Detail endpoints: a path id out of range is a 404 like any id that does not exist."""

    def get_object(self):
        lookup = self.lookup_url_kwarg or self.lookup_field
        if parse_id(self.kwargs.get(lookup)) is None:
            raise NotFound
        return super().get_object()


class StandardPagination(PageNumberPagination):
    """Page numbers and sizes are whole numbers from 1; a malformed one is a 400 naming it.
    A page size above the maximum is cut to it; a page past the last one is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def _parsed(self, request, name: str, field: forms.IntegerField) -> int | None:
        raw = request.query_params.get(name)
        if raw in (None, ""):
            return None
        try:
            return field.clean(raw)
        except DjangoValidationError as error:
            raise ValidationError({name: error.messages}) from error

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            return paginator.num_pages
        return self._parsed(request, self.page_query_param, IdField()) or 1

    def get_page_size(self, request):
        size = self._parsed(request, self.page_size_query_param, IdField())
        return min(size, self.max_page_size) if size else self.page_size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"].update({"minimum": 1, "maximum": MAX_ID})
        return parameters
