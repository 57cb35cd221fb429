"""What the web form's map widget draws besides the surveyor's own answer.

ODK Web Forms' map (geopoint on a map, geotrace, geoshape) would ask OpenStreetMap for tiles;
the island (frontend/webforms/patches.mjs) draws these instead: tiles from the server the
settings name, if any, and the campaign's area with its places, simplified and bounded, from
this page's own data, so the map also works offline once the page is cached.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from mahalla.places.map_data import area_feature_collection
from mahalla.surveys.models import Campaign, FormVersion

MAP_TYPES = frozenset({"geopoint", "geotrace", "geoshape"})


def has_map_question(version: FormVersion) -> bool:
    return any(field.get("type") in MAP_TYPES for field in version.fields or [])


def reference_map(*, user: Any, version: FormVersion, campaign: Campaign | None) -> dict:
    """The island's `mahallaWebFormsMap`: {tiles, attribution, areas (GeoJSON or None)}."""
    if not has_map_question(version):
        return {}
    areas = None
    if campaign is not None:
        text = area_feature_collection(
            user=user,
            area=campaign.area,
            url_for=lambda pk: "",  # the widget does not link places
            limit=settings.WEBFORM_MAP_MAX_FEATURES,
        )
        areas = json.loads(text)
        if not areas["features"]:
            areas = None
    return {
        "tiles": settings.BASEMAP_TILE_URL,
        "attribution": settings.BASEMAP_TILE_ATTRIBUTION,
        "areas": areas,
    }
