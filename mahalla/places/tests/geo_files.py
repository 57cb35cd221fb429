"""Helpers for the import/export tests: write small boundary files, upload and import them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from shapely.geometry import box

from mahalla.places.boundary_imports.preview import boundary_import_confirm
from mahalla.places.boundary_imports.service import boundary_import_start, boundary_import_upload
from mahalla.places.models import BoundaryImport

# Three communities inside Khlong Toei (100.54..100.58, 13.70..13.73 in the test world).
COMMUNITIES = [
    ("KT-101", "Lock 4-5-6", "ล็อค 4-5-6", "محله یک", box(100.545, 13.705, 100.55, 13.71)),
    ("KT-102", "Pattana", "พัฒนา", "محله دو", box(100.55, 13.705, 100.555, 13.71)),
    ("KT-103", "Klong Toey Nai", "คลองเตยใน", "محله سه", box(100.56, 13.712, 100.565, 13.718)),
]


def write_layer(
    path: Path,
    geometries: list,
    properties: dict[str, list],
    *,
    driver: str | None = None,
    crs: str = "EPSG:4326",
    layer: str | None = None,
    append: bool = False,
    geometry_type: str | None = None,
) -> Path:
    geoms = np.empty(len(geometries), dtype=object)
    geoms[:] = geometries
    if geometry_type is None:
        types = {g.geom_type for g in geometries if g is not None}
        geometry_type = types.pop() if len(types) == 1 else "Unknown"
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(geoms),
        [np.array(values, dtype=object) for values in properties.values()],
        list(properties),
        driver=driver,
        crs=crs,
        layer=layer,
        append=append,
        geometry_type=geometry_type,
        encoding="UTF-8" if driver == "ESRI Shapefile" else None,
    )
    return Path(path)


def community_columns(rows: list = COMMUNITIES) -> tuple[list, dict[str, list]]:
    geometries = [row[4] for row in rows]
    properties = {
        "code": [row[0] for row in rows],
        "name": [row[1] for row in rows],
        "name_th": [row[2] for row in rows],
        "name_fa": [row[3] for row in rows],
    }
    return geometries, properties


def write_geojson_text(path: Path, features: list[dict]) -> Path:
    """A GeoJSON written by hand, for geometries shapely refuses to build."""
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def feature(properties: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def zip_folder(folder: Path, target: Path, *, arcdir: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"{arcdir}{file.name}")
    return target


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def upload_file(world: Any, path: Path, *, parent: Any = None, user: Any = None) -> BoundaryImport:
    return boundary_import_upload(
        user=user or world.admin, parent=parent or world.khlong_toei, uploaded_file=upload(path)
    )


def plan_file(
    world: Any, path: Path, *, parent: Any = None, level: Any = None, **mapping: str
) -> BoundaryImport:
    """Upload a file and make its plan as the admin (the test task backend runs jobs inline)."""
    mapping.setdefault("code_field", "code")
    if not any(key.startswith("name_") for key in mapping):
        mapping.update(name_en_field="name", name_th_field="name_th", name_fa_field="name_fa")
    boundary_import = upload_file(world, path, parent=parent)
    return boundary_import_start(
        boundary_import=boundary_import,
        user=world.admin,
        level=level or world.community,
        **mapping,
    )


def import_file(
    world: Any, path: Path, *, parent: Any = None, level: Any = None, **mapping: str
) -> BoundaryImport:
    """Upload, plan and write a file as the admin, confirming the plan as it is.

    A failed plan, or one with ambiguous places to decide, is returned unwritten.
    """
    planned = plan_file(world, path, parent=parent, level=level, **mapping)
    if not planned.awaiting_confirmation or planned.ambiguous_count:
        return planned
    return boundary_import_confirm(boundary_import=planned, user=world.admin)


def write_encoded_shapefile_zip(
    folder: Path,
    rows: list[tuple[str, str, Any]],
    *,
    name_field: str,
    encoding: str,
    crs: str,
    keep_cpg: bool = False,
) -> Path:
    """A zipped Shapefile in a projected CRS whose DBF text is in `encoding`.

    rows are (code, name, lon/lat geometry). Without `keep_cpg` the .cpg GDAL writes is
    removed and the DBF language-driver byte zeroed, as in files from older desktop GIS.
    """
    from pyproj import Transformer

    folder.mkdir()
    to_projected = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform
    geometries = [
        shapely.transform(row[2], lambda xy: np.column_stack(to_projected(xy[:, 0], xy[:, 1])))
        for row in rows
    ]
    pyogrio.raw.write(
        str(folder / "areas.shp"),
        shapely.to_wkb(np.array(geometries, dtype=object)),
        [
            np.array([r[0] for r in rows], dtype=object),
            np.array([r[1] for r in rows], dtype=object),
        ],
        ["code", name_field],
        driver="ESRI Shapefile",
        crs=crs,
        geometry_type="Polygon",
        encoding=encoding,
    )
    assert (folder / "areas.prj").exists()
    if not keep_cpg:
        (folder / "areas.cpg").unlink()
        dbf = folder / "areas.dbf"
        data = bytearray(dbf.read_bytes())
        data[29] = 0  # no language driver
        dbf.write_bytes(bytes(data))
    return zip_folder(folder, folder.with_suffix(".zip"))


def start_and_write(**arguments: Any) -> BoundaryImport:
    """`boundary_import_start`, then "Write these changes" when the plan is ready."""
    planned = boundary_import_start(**arguments)
    if not planned.awaiting_confirmation or planned.ambiguous_count:
        return planned
    return boundary_import_confirm(boundary_import=planned, user=arguments["user"])
