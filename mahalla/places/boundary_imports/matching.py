"""Which existing place a feature without a code is, if any (docs/decisions/0005).

A feature without a code is the existing place of the same level under the same parent
whose name (in a language the file maps) folds to the same key AND whose location agrees
(`import_compare.locations_agree`). One such place: an update. None: a new place, even when
a place of that name exists elsewhere. Several, or a namesake whose location cannot be
compared (one of the two has no geometry): ambiguous, for the person to decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from mahalla.places.boundary_imports.compare import as_geometry, locations_agree, name_key
from mahalla.places.models import Area

NAME_FIELDS = ("name_en", "name_th", "name_fa")


def _keys(values: dict[str, str]) -> list[tuple[str, str]]:
    keys = [(f, name_key(values.get(f, ""))) for f in NAME_FIELDS]
    return [(f, key) for f, key in keys if key]


@dataclass
class Match:
    area: Area | None = None  # the one existing place the feature is
    candidates: list[Area] = field(default_factory=list)  # when it cannot be told alone


class CodelessIndex:
    """Existing code-less places of the imported level, by parent and folded name."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self._by_key: dict[tuple, list[Area]] = defaultdict(list)
        self._shapes: dict[int, BaseGeometry | None] = {}
        for area in areas:
            for name_field, key in _keys({f: getattr(area, f) for f in NAME_FIELDS}):
                self._by_key[(area.parent_id, name_field, key)].append(area)

    def _shape(self, area: Area) -> BaseGeometry | None:
        if area.pk not in self._shapes:
            self._shapes[area.pk] = as_geometry(area.geometry)
        return self._shapes[area.pk]

    def match(self, parent_id: int, values: dict[str, str], geometry: BaseGeometry) -> Match:
        named: dict[int, Area] = {}
        for name_field, key in _keys(values):
            for area in self._by_key.get((parent_id, name_field, key), []):
                named[area.pk] = area
        agreeing, unknown = [], []
        for area in sorted(named.values(), key=lambda a: a.pk):
            agrees = locations_agree(self._shape(area), geometry)
            if agrees is None:
                unknown.append(area)
            elif agrees:
                agreeing.append(area)
        if len(agreeing) == 1 and not unknown:
            return Match(area=agreeing[0])
        return Match(candidates=agreeing + unknown)


class SeenInFile:
    """Code-less features met so far: a repeat has a shared name key AND the same ground."""

    def __init__(self) -> None:
        self._by_key: dict[tuple, list[tuple[int, BaseGeometry]]] = defaultdict(list)

    def earlier(self, parent_id: int, values: dict[str, str], geometry: BaseGeometry) -> int | None:
        """The index of an earlier feature this one repeats, or None."""
        for name_field, key in _keys(values):
            for index, other in self._by_key.get((parent_id, name_field, key), []):
                if locations_agree(other, geometry):
                    return index
        return None

    def add(self, index: int, parent_id: int, values: dict[str, str], geometry: BaseGeometry):
        for name_field, key in _keys(values):
            self._by_key[(parent_id, name_field, key)].append((index, geometry))
