from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from mahalla.people.scopes import has_perm

PAGE_SIZE = 25


def require_perm(request: HttpRequest, perm: str) -> None:
    """403 for a page the user has no business on at all; objects out of scope give 404."""
    if not has_perm(request.user, perm):
        raise PermissionDenied


def paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
