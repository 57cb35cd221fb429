"""Bodies and their members; the warnings a body's composition raises against its type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mahalla.governance.models import Body, Membership
from mahalla.people.models import Organisation


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


def current_members(body: Body, on: date) -> list[Membership]:
    members = getattr(body, "_prefetched_objects_cache", {}).get("memberships")
    if members is None:
        members = body.memberships.select_related("organisation", "user")
    return [m for m in members if m.is_current(on)]


def composition_warnings(body: Body, on: date) -> list[Warning]:
    """What the body lacks against its type's rules, on the date `on`."""
    rules = body.body_type
    members = current_members(body, on)
    roles = Counter(m.role for m in members)
    warnings: list[Warning] = []
    if rules.requires_chair and not roles[Membership.Role.CHAIR]:
        warnings.append(Warning("no_chair", str(_("The body has no chair."))))
    if rules.requires_secretary and not roles[Membership.Role.SECRETARY]:
        warnings.append(Warning("no_secretary", str(_("The body has no secretary."))))
    if len(members) < rules.min_members:
        warnings.append(
            Warning(
                "too_few",
                str(_("The body has %(count)s members; its type needs at least %(min)s."))
                % {"count": _n(len(members)), "min": _n(rules.min_members)},
            )
        )
    if rules.max_members and len(members) > rules.max_members:
        warnings.append(
            Warning(
                "too_many",
                str(_("The body has %(count)s members; its type allows at most %(max)s."))
                % {"count": _n(len(members)), "max": _n(rules.max_members)},
            )
        )
    civil = sum(1 for m in members if m.is_civil_society)
    if civil < rules.civil_society_seats:
        warnings.append(
            Warning(
                "civil_society",
                str(_("%(missing)s of %(seats)s civil-society seats are empty."))
                % {
                    "missing": _n(rules.civil_society_seats - civil),
                    "seats": _n(rules.civil_society_seats),
                },
            )
        )
    kinds = Counter(m.organisation.kind for m in members if m.organisation_id)
    for rule in rules.seat_rules.all():
        if kinds[rule.organisation_kind] < rule.seats:
            warnings.append(
                Warning(
                    f"seats_{rule.organisation_kind}",
                    str(_("%(missing)s of %(seats)s seats for a %(kind)s are empty."))
                    % {
                        "missing": _n(rule.seats - kinds[rule.organisation_kind]),
                        "seats": _n(rule.seats),
                        "kind": Organisation.Kind(rule.organisation_kind).label,
                    },
                )
            )
    expired = [m for m in body.memberships.all() if m.term_end is not None and m.term_end < on]
    recent = [m for m in expired if not any(c.person_name == m.person_name for c in members)]
    if recent:
        warnings.append(
            Warning(
                "expired",
                str(_("The terms of %(names)s have ended."))
                % {
                    "names": "، ".join(m.person_name for m in recent)
                    if _rtl()
                    else ", ".join(m.person_name for m in recent)
                },
            )
        )
    return warnings


def _n(value: int) -> str:
    from mahalla.core.i18n.digits import format_number

    return format_number(value)


def _rtl() -> bool:
    from django.utils.translation import get_language_bidi

    return get_language_bidi()


@transaction.atomic
def membership_add(*, body: Body, by: Any, **fields: Any) -> Membership:
    membership = Membership(body=body, **fields)
    membership.full_clean()
    _check_single_roles(membership)
    membership._history_user = by
    membership.save()
    return membership


def _check_single_roles(membership: Membership) -> None:
    """A body has one chair and one secretary at a time (terms that overlap are refused)."""
    if membership.role not in (Membership.Role.CHAIR, Membership.Role.SECRETARY):
        return
    others = Membership.objects.filter(body=membership.body, role=membership.role).exclude(
        pk=membership.pk
    )
    for other in others:
        starts_before_other_ends = other.term_end is None or membership.term_start <= other.term_end
        ends_after_other_starts = (
            membership.term_end is None or membership.term_end >= other.term_start
        )
        if starts_before_other_ends and ends_after_other_starts:
            raise ValidationError(
                {
                    "role": _("%(name)s is already %(role)s in this term; end that term first.")
                    % {"name": other.person_name, "role": other.get_role_display()}
                }
            )


@transaction.atomic
def membership_end(*, membership: Membership, on: date, by: Any) -> Membership:
    if on < membership.term_start:
        raise ValidationError({"term_end": _("A term cannot end before it starts.")})
    membership.term_end = on
    membership._history_user = by
    membership.save(update_fields=["term_end"])
    return membership


@transaction.atomic
def body_save(*, form, by: Any) -> Body:
    """Create or change a body from its validated form, with the change in its history."""
    body = form.save(commit=False)
    body._history_user = by
    body.save()
    form.save_m2m()
    return body
