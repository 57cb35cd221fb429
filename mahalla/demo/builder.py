"""Idempotent writers for the demo: find what a previous run made, create what is missing,
update what differs, and leave the rest untouched (so a second run writes no history)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from mahalla.people.models import Organisation, RoleGrant, User
from mahalla.people.services import organisation_create, organisation_update, role_grant
from mahalla.places.models import Area, AreaLevel
from mahalla.places.services import area_create, area_level_get_or_create, area_update

REASON = "demo data"


def _geojson(geom: BaseGeometry | None) -> Any:
    """GeoJSON as it reads back from the database (lists, not tuples)."""
    return None if geom is None else json.loads(json.dumps(mapping(geom)))


@dataclass
class DemoBuilder:
    levels: dict[str, AreaLevel] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)
    _children: dict[int | None, dict[tuple, Area]] = field(default_factory=dict)

    # Levels -------------------------------------------------------------------------------
    def level(self, code: str, **fields: Any) -> AreaLevel:
        level = area_level_get_or_create(code=code, **fields)
        self.levels[code] = level
        return level

    # Areas --------------------------------------------------------------------------------
    def _existing(self, parent: Area | None) -> dict[tuple, Area]:
        """The parent's children, loaded once, by code or (for code-less areas) by name."""
        parent_id = parent.pk if parent else None
        if parent_id not in self._children:
            found: dict[tuple, Area] = {}
            for area in Area.objects.filter(parent_id=parent_id).select_related("level"):
                found[self._key(area.level.code, area.code, area.name_en, area.name_th)] = area
            self._children[parent_id] = found
        return self._children[parent_id]

    @staticmethod
    def _key(level: str, code: str, name_en: str, name_th: str) -> tuple:
        return (level, "code", code) if code else (level, "name", name_en or name_th)

    def area(
        self,
        key: str,
        *,
        level: str,
        parent: str | None = None,
        code: str = "",
        name_en: str = "",
        name_th: str = "",
        name_fa: str = "",
        registration: str = "",
        geometry: BaseGeometry | None = None,
    ) -> Area:
        parent_area = self.areas[parent] if parent else None
        existing = self._existing(parent_area)
        lookup = self._key(level, code, name_en, name_th)
        wanted = {
            "name_en": name_en,
            "name_th": name_th,
            "name_fa": name_fa,
            "registration": registration,
        }
        area = existing.get(lookup)
        if area is None:
            area = area_create(
                level=self.levels[level],
                parent=parent_area,
                code=code,
                geometry=geometry,
                synthetic_geometry=geometry is not None,
                reason=REASON,
                **wanted,
            )
            existing[lookup] = area
            self.stats["areas created"] += 1
        else:
            changed = {
                name: value for name, value in wanted.items() if getattr(area, name) != value
            }
            if area.geometry != _geojson(geometry) or (
                geometry is not None and not area.geometry_is_synthetic
            ):
                changed.update(geometry=geometry, synthetic_geometry=geometry is not None)
            if changed:
                area = area_update(area=area, reason=REASON, **changed)
                self.stats["areas updated"] += 1
        self.areas[key] = area
        return area

    # Organisations ------------------------------------------------------------------------
    def organisation(self, key: str, *, area: str | None = None, **fields: Any) -> Organisation:
        area_obj = self.areas[area] if area else None
        blank = dict.fromkeys(
            ("short_name_en", "short_name_th", "short_name_fa", "name_th", "name_fa"), ""
        )
        wanted = {"area": area_obj, **blank, **fields}
        organisation = Organisation.objects.filter(
            kind=fields["kind"], name_en=fields["name_en"]
        ).first()
        if organisation is None:
            organisation = organisation_create(by=None, reason=REASON, **wanted)
            self.stats["organisations created"] += 1
        else:
            changed = {k: v for k, v in wanted.items() if getattr(organisation, k) != v}
            if changed:
                organisation = organisation_update(
                    organisation=organisation, by=None, reason=REASON, **changed
                )
                self.stats["organisations updated"] += 1
        self.organisations[key] = organisation
        return organisation

    # Role grants --------------------------------------------------------------------------
    def grant(self, *, user: User, role: str, on: str, granted_by: User) -> RoleGrant:
        """Give `role` on the area or organisation called `on`, unless it is held already."""
        area = self.areas.get(on)
        organisation = None if area is not None else self.organisations[on]
        grant = RoleGrant.objects.filter(
            user=user, role=role, area=area, organisation=organisation, revoked_at__isnull=True
        ).first()
        if grant is None:
            grant = role_grant(
                granted_by=granted_by,
                user=user,
                role=role,
                area=area,
                organisation=organisation,
                reason=REASON,
            )
            self.stats["role grants created"] += 1
        return grant
