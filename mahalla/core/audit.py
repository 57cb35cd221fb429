"""The access log: who viewed, searched or exported personal data.

Callers pass narrow arguments; the request is only read for the client address, so jobs and
commands can record entries too.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from mahalla.core.models import AccessLog

_DETAIL_MAX = AccessLog._meta.get_field("detail").max_length


def _object_area_id(obj: Model) -> int | None:
    # An area is its own place; other records name their area by `area_id`.
    if obj._meta.label_lower == "places.area":
        return obj.pk
    return getattr(obj, "area_id", None)


def _client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: forwarded headers can be forged unless the proxy is configured to
    # overwrite them, and a wrong address in an audit trail is worse than none.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    user: Any,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    area: Any = None,
    detail: str = "",
    rows: int | None = None,
    request: HttpRequest | None = None,
) -> AccessLog:
    """Append one entry to the access log and return it.

    `obj` fills `object_type` ("app_label.model"), `object_id` and the area when they are not
    given; `area` may be an Area or an area id.
    """
    if action not in AccessLog.Action.values:
        raise ValueError(f"unknown access log action {action!r}")
    area_id = getattr(area, "pk", area)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        if area_id is None:
            area_id = _object_area_id(obj)
    if not object_type:
        raise ValueError("access log entries need an object or an object type")
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    return AccessLog.objects.create(
        user=user if signed_in else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        area_id=area_id,
        detail=(detail or "")[:_DETAIL_MAX],
        rows=rows,
        ip_address=_client_ip(request),
    )
