"""Codes of the messages the boundary-import job stores (rendered at view time).

The templates are the sentences the pages showed before codes existed, so their
translations carry over; parameters use `%(name)s` only (they arrive rendered).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs.messages import register

MESSAGES = {
    # -- the file as a whole
    "places.file_not_boundary": _(
        "“%(name)s” is not a boundary file. Upload GeoJSON, GeoPackage, a zipped Shapefile or KML."
    ),
    "places.json_line": _("Line %(line)s: not valid JSON."),
    "places.not_geojson": _("The file is not valid GeoJSON."),
    "places.xml_line": _("Line %(line)s: not well-formed XML."),
    "places.not_kml": _("The file is not valid KML."),
    "places.not_gpkg": _("The file is not a valid GeoPackage."),
    "places.shapefile_unreadable": _("The Shapefile in the zip cannot be read."),
    "places.zip_invalid": _("The file is not a valid zip archive."),
    "places.zip_too_many_files": _("The zip holds too many files."),
    "places.zip_unsafe_path": _("The zip holds a file with an unsafe path: “%(name)s”."),
    "places.zip_password": _("The zip is password-protected."),
    "places.zip_not_shapefile": _("“%(name)s” in the zip is not a Shapefile."),
    "places.zip_too_large": _("The zip unpacks to more than %(limit)s MB."),
    "places.zip_damaged": _("The zip is damaged: “%(name)s” cannot be unpacked."),
    "places.zip_no_shp": _("The zip holds no .shp file."),
    "places.zip_missing_part": _("“%(name)s” in the zip lacks its %(parts)s file."),
    "places.xml_not_kml": _("The file is XML but not KML."),
    "places.kml_dtd": _("The KML declares a document type or entities, which is not allowed."),
    "places.no_layers": _("The file holds no layers."),
    "places.no_such_layer": _("The file has no layer “%(name)s”."),
    "places.crs_unknown": _("The file's coordinate system is not recognised."),
    "places.no_features": _("The file holds no features."),
    "places.file_gone": _("The uploaded file is no longer stored; upload it again."),
    "places.upload_expired": _(
        "The file was uploaded but the import was never started; it has been deleted after "
        "%(days)s days. Upload it again to import it."
    ),
    "places.no_such_property": _("The file has no property “%(property)s”."),
    "places.mapping_missing": _("Choose the level and properties before importing."),
    "places.too_large": _("The file is larger than %(limit)s MB."),
    "places.storage_failed": _(
        "The file could not be stored: the server's storage is full or cannot be written. "
        "Nothing was saved; try again later or tell the administrator."
    ),
    "places.too_many_features": _(
        "The file holds %(count)s features; one file may hold at most %(limit)s. Split it into "
        "smaller files (for example one per district) and upload them one by one."
    ),
    "places.too_many_features_job": _(
        "The layer holds %(count)s features; one import may read at most %(limit)s. Split the "
        "file into smaller files and import them one by one."
    ),
    # -- the file against the place it goes into (shown on the mapping step)
    "places.check_no_crs": _(
        "The file has no coordinate system and its coordinates are not longitude/latitude "
        "(they start at %(x)s, %(y)s). Choose its coordinate system below (for example "
        "%(example)s), or export the file from QGIS as EPSG:4326."
    ),
    "places.check_no_crs_zone": _(
        "The file has no coordinate system and its coordinates are not longitude/latitude "
        "(they start at %(x)s, %(y)s). Read as %(example)s, the UTM zone of %(parent)s, the "
        "file falls inside %(parent)s: it is chosen below; check it, or export the file from "
        "QGIS as EPSG:4326."
    ),
    "places.check_swapped": _(
        "The features lie outside %(parent)s, but would lie inside it with latitude and "
        "longitude swapped: the file has them the wrong way round. “Swap latitude and "
        "longitude” is ticked below."
    ),
    "places.check_far": _(
        "The features lie outside %(parent)s, even with latitude and longitude swapped: about "
        "%(distance)s km away. Check that this is the file and the place you meant; the import "
        "starts only once you confirm it below."
    ),
    "places.check_no_boundary": _(
        "%(parent)s has no boundary, so the file could not be checked against it: the "
        "features are imported wherever they lie."
    ),
    # -- one feature
    "places.feature_no_name": _("The feature has no name in the chosen name properties."),
    "places.code_too_long": _("The code is longer than %(max)s characters."),
    "places.name_too_long": _("A name is longer than %(max)s characters."),
    "places.parent_code_unknown": _(
        "No area with the parent code “%(code)s” exists under %(parent)s."
    ),
    "places.parent_code_ambiguous": _("The parent code “%(code)s” matches several areas."),
    "places.parent_not_above": _("The parent “%(parent)s” is not above the level %(level)s."),
    "places.duplicate_in_file": _(
        "Feature %(number)s already has this code or name under the same parent."
    ),
    "places.level_conflict": _(
        "An area with this code already exists here at the level %(level)s."
    ),
    "places.outside_parent_rejected": _(
        "The feature lies outside %(parent)s, at %(point)s; it was not imported."
    ),
    "places.outside_parent_flagged": _(
        "The feature lies outside %(parent)s, at %(point)s; it was imported as you chose: check it."
    ),
    "places.registration_unknown_new": _(
        "The registration value “%(value)s” is not understood; the community was recorded as "
        "not registered."
    ),
    "places.registration_unknown_kept": _(
        "The registration value “%(value)s” is not understood; the community's registration "
        "was left as it was."
    ),
    "places.more_problems": _("More problems were found; only the first ones are listed."),
    # -- one geometry, in plain words
    "places.ring_not_closed": _(
        "A ring of the polygon is not closed (its first and last points differ)."
    ),
    "places.ring_too_few_points": _("A ring of the polygon has fewer than 4 points."),
    "places.geometry_unreadable": _("The geometry cannot be read."),
    "places.no_geometry": _("The feature has no geometry."),
    "places.geometry_empty": _("The geometry is empty."),
    "places.coordinates_missing": _("The geometry has missing or infinite coordinates."),
    "places.not_lonlat": _(
        "The coordinates are not longitude/latitude; the file may lack its coordinate system."
    ),
    "places.collection_without_polygon": _("The collection holds no polygon."),
    "places.wrong_geometry_type": _(
        "The geometry is a %(found)s where a %(expected)s is expected."
    ),
    "places.polygon_unrepairable": _(
        "The polygon is invalid (%(reason)s) and has no area left once repaired."
    ),
    "places.polygon_repaired": _("The polygon was invalid (%(reason)s) and has been repaired."),
    # Reasons GEOS gives for an invalid polygon, in words (the spot is a map link).
    "places.why_self_intersection": _("its outline crosses itself at %(point)s"),
    "places.why_ring_self_intersection": _("a ring touches itself at %(point)s"),
    "places.why_hole_outside": _("a hole lies outside the outline, at %(point)s"),
    "places.why_nested_holes": _("a hole lies inside another hole, at %(point)s"),
    "places.why_nested_shells": _("one part lies inside another, at %(point)s"),
    "places.why_disconnected": _("a hole cuts the polygon in two, at %(point)s"),
    "places.why_too_few_points": _("a part has too few points, at %(point)s"),
    "places.why_duplicate_rings": _("a ring is repeated, at %(point)s"),
    "places.why_invalid_coordinate": _("a point has an invalid coordinate, at %(point)s"),
    "places.why_other": _("its shape is not valid, near %(point)s"),
    "places.why_unknown": _("its shape is not valid"),
    # Geometry types, named for people.
    "places.type_point": _("point"),
    "places.type_polygon": _("polygon"),
    "places.type_line": _("line"),
    "places.type_collection": _("collection of shapes"),
}

register(MESSAGES)

register(
    {
        # -- the preview and the write
        "places.plan_drift": _(
            "Nothing was written: %(count)s of the places in the plan changed since it was "
            "made (the first is feature %(number)s), by a hand edit or another import. Make "
            "the plan again and check it."
        ),
    }
)
