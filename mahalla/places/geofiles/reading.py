"""Reading boundary files (GeoJSON, GeoPackage, zipped Shapefile, KML) with pyogrio.

Pure: no ORM. Everything that can go wrong with a file ends as a `GeoFileError` with a
translated message that says what is wrong and where, never a GDAL stack trace.
"""

from __future__ import annotations

import re
import struct
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from mahalla.core.jobs.messages import Message, message, render_text
from mahalla.places.boundary_imports import property_samples
from mahalla.places.geofiles.dbf_encoding import (
    ENCODINGS,
    declares_encoding,
    decode_dbf_text,
    guess_dbf_encoding,
)
from mahalla.places.geofiles.repair import unreadable_reason

EXTENSIONS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".zip": "zip",
    ".kml": "kml",
}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
SHP_MAGIC = b"\x00\x00\x27\x0a"  # file code 9994, big-endian
# Zip limits: a 50 MB zip of boundaries never needs more than this unpacked.
ZIP_MAX_UNCOMPRESSED = 500 * 1024 * 1024
ZIP_MAX_ENTRIES = 2_000
# Columns LIBKML adds to every KML layer; they are styling, not data worth mapping.
KML_NOISE = {
    "timestamp", "begin", "end", "altitudeMode", "tessellate", "extrude",
    "visibility", "drawOrder", "icon",
}  # fmt: skip
# Rows read to guess the encoding of an undeclared Shapefile: enough names to be sure.
ENCODING_SAMPLE = 2_000
# Passed to pyogrio for undeclared Shapefiles: it switches GDAL's own recoding off and gives
# back every byte unchanged (as U+0000..U+00FF), so the bytes can be decoded here.
RAW = "latin1"
_GDAL_POSITION = re.compile(r"line (\d+)(?:,? (?:character|at offset|column) (\d+))?", re.I)


class GeoFileError(Exception):
    """A file that cannot be read, as a message code (see places/job_messages.py).

    `failure` is what a job stores; `message` is the text in the active language, for a page.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.failure = message(code, **params)
        super().__init__(code)

    @property
    def message(self) -> str:
        return render_text(self.failure)


@dataclass(frozen=True)
class LayerRef:
    name: str
    datasource: str  # what GDAL opens
    layer: str | None  # layer name inside the datasource, None for the only one
    # False for a Shapefile without .cpg nor a real language-driver id: GDAL would guess latin1.
    encoding_declared: bool = True


@dataclass
class Features:
    """The features of one layer, in file order, reprojected to longitude/latitude."""

    count: int
    geometries: np.ndarray  # shapely geometries or None (unreadable/missing)
    unreadable: dict[int, Message]  # index -> why the geometry could not be decoded
    properties: dict[str, list[str]] = field(default_factory=dict)


def file_kind(name: str) -> str:
    """The kind of boundary file from its name, or a GeoFileError."""
    kind = EXTENSIONS.get(Path(name).suffix.lower())
    if kind is None:
        raise GeoFileError("places.file_not_boundary", name=name)
    return kind


def _gdal_error(error: Exception, kind: str) -> GeoFileError:
    text = str(error)
    match = _GDAL_POSITION.search(text)
    if kind == "geojson":
        if match:
            return GeoFileError("places.json_line", line=int(match.group(1)))
        return GeoFileError("places.not_geojson")
    if kind == "kml":
        if match:
            return GeoFileError("places.xml_line", line=int(match.group(1)))
        return GeoFileError("places.not_kml")
    if kind == "gpkg":
        return GeoFileError("places.not_gpkg")
    return GeoFileError("places.shapefile_unreadable")


def _check_zip(path: Path) -> list[LayerRef]:
    """Refuse hostile zips and return one layer per complete Shapefile inside."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise GeoFileError("places.zip_invalid") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise GeoFileError("places.zip_too_many_files")
        names: list[str] = []
        total = 0
        for entry in entries:
            name = entry.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                raise GeoFileError("places.zip_unsafe_path", name=name)
            if entry.is_dir() or parts[0] == "__MACOSX" or parts[-1].startswith("._"):
                continue  # folders, and the resource forks macOS adds to zips
            if entry.flag_bits & 0x1:
                raise GeoFileError("places.zip_password")
            # Count what really comes out, not what the headers claim: bombs lie.
            try:
                with archive.open(entry) as stream:
                    if name.lower().endswith(".shp") and stream.read(4) != SHP_MAGIC:
                        raise GeoFileError("places.zip_not_shapefile", name=name)
                    while chunk := stream.read(1024 * 1024):
                        total += len(chunk)
                        if total > ZIP_MAX_UNCOMPRESSED:
                            raise GeoFileError(
                                "places.zip_too_large",
                                limit=ZIP_MAX_UNCOMPRESSED // (1024 * 1024),
                            )
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
                raise GeoFileError("places.zip_damaged", name=name) from None
            names.append(name)
    lowered = {name.lower(): name for name in names}
    shapefiles = sorted(name for name in names if name.lower().endswith(".shp"))
    if not shapefiles:
        raise GeoFileError("places.zip_no_shp")
    layers = []
    stems = [PurePosixPath(name).stem for name in shapefiles]
    for shp, stem in zip(shapefiles, stems, strict=True):
        base = shp[:-4]
        missing = [ext for ext in SHAPEFILE_PARTS[1:] if (base + ext).lower() not in lowered]
        if missing:
            raise GeoFileError("places.zip_missing_part", name=shp, parts=" ".join(missing))
        name = stem if stems.count(stem) == 1 else base
        declared = _declares_encoding(
            path, lowered.get((base + ".cpg").lower()), lowered[(base + ".dbf").lower()]
        )
        layers.append(
            LayerRef(
                name=name,
                datasource=f"/vsizip/{path}/{shp}",
                layer=None,
                encoding_declared=declared,
            )
        )
    return layers


def _declares_encoding(path: Path, cpg: str | None, dbf: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        declared = archive.read(cpg)[:200] if cpg else None
        with archive.open(dbf) as stream:
            header = stream.read(32)
    return declares_encoding(declared, header)


def _check_xml(path: Path) -> None:
    """KML is XML: refuse DTDs (entity bombs, external entities) and say where it breaks."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    root = None
    try:
        for event, element in SafeET.iterparse(str(path), ("start", "end"), forbid_dtd=True):
            if event == "start" and root is None:
                root = element.tag.rsplit("}", 1)[-1]
                if root != "kml":
                    raise GeoFileError("places.xml_not_kml")
            elif event == "end":
                element.clear()
    except DefusedXmlException:
        raise GeoFileError("places.kml_dtd") from None
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else "?"
        raise GeoFileError("places.xml_line", line=line) from None


def open_layers(path: Path, kind: str) -> list[LayerRef]:
    """The layers a stored file offers, after the safety checks for its kind."""
    path = Path(path)
    if kind == "zip":
        return _check_zip(path)
    if kind == "kml":
        _check_xml(path)
    # GDAL picks a driver from the content, not the name: check the content is what the name
    # says, so that e.g. a GDAL virtual-format file (which can read other files on the
    # server) never gets opened.
    with path.open("rb") as stream:
        head = stream.read(1024)
    if kind == "gpkg" and not head.startswith(b"SQLite format 3\x00"):
        raise GeoFileError("places.not_gpkg")
    if kind == "geojson" and not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        raise GeoFileError("places.not_geojson")
    try:
        listed = pyogrio.list_layers(str(path))
    except (DataSourceError, DataLayerError) as error:
        raise _gdal_error(error, kind) from None
    if len(listed) == 0:
        raise GeoFileError("places.no_layers")
    if len(listed) == 1:
        return [LayerRef(name=str(listed[0][0]), datasource=str(path), layer=None)]
    return [LayerRef(name=str(row[0]), datasource=str(path), layer=str(row[0])) for row in listed]


def _raw_info(ref: LayerRef) -> dict:
    """read_info, with the bytes of an undeclared Shapefile's field names left undecoded."""
    encoding = None if ref.encoding_declared else RAW
    return pyogrio.read_info(ref.datasource, layer=ref.layer, encoding=encoding)


def _raw(value: object) -> bytes:
    return value.encode(RAW) if isinstance(value, str) else b""


def _guess_encoding(ref: LayerRef, info: dict) -> str:
    """Guess from the field names and the first rows' text values, read as raw bytes."""
    texts = [str(name) for name, dtype in zip(info["fields"], info["dtypes"], strict=True)
             if dtype == "object"]  # fmt: skip
    samples = [_raw(name) for name in info["fields"]]
    if texts:
        _meta, _fids, _wkb, data = pyogrio.raw.read(
            ref.datasource,
            layer=ref.layer,
            columns=texts,
            read_geometry=False,
            max_features=ENCODING_SAMPLE,
            encoding=RAW,
        )
        samples += [_raw(value) for column in data for value in column]
    return guess_dbf_encoding(samples)


def _columns_as_text(ref: LayerRef, fields: list, data: list, encoding: str) -> dict[str, list]:
    """Every column's values as text, decoded as guessed for an undeclared Shapefile."""
    columns = {}
    for raw_name, values in zip(fields, data, strict=True):
        name = str(raw_name)
        if encoding:
            name = decode_dbf_text(_raw(name), encoding)
            values = [decode_dbf_text(_raw(v), encoding) if isinstance(v, str) else v
                      for v in values]  # fmt: skip
        columns[name] = [_text(v) for v in values]
    return columns


def count_features(ref: LayerRef) -> int:
    """The layer's feature count from GDAL, without reading the features."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        info = pyogrio.read_info(ref.datasource, layer=ref.layer, force_feature_count=True)
    return max(int(info.get("features") or 0), 0)


def inspect_file(path: Path, kind: str, *, max_features: int | None = None) -> dict:
    """What the uploader needs to map the file: layers, properties with samples, counts,
    types, CRS and extent.

    With `max_features`, a file holding more is refused from GDAL's count, before any feature
    is read: a million points must not be loaded to be told they are too many.
    """
    refs = open_layers(path, kind)
    if max_features is not None:
        try:
            count = sum(count_features(ref) for ref in refs)
        except (DataSourceError, DataLayerError) as error:
            raise _gdal_error(error, kind) from None
        if count > max_features:
            raise GeoFileError("places.too_many_features", count=count, limit=max_features)
    layers = []
    for ref in refs:
        encoding = ""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                info = _raw_info(ref)
                if not ref.encoding_declared:
                    encoding = _guess_encoding(ref, info)
                meta, _fids, wkb, data = pyogrio.raw.read(
                    ref.datasource,
                    layer=ref.layer,
                    encoding=None if ref.encoding_declared else RAW,
                )
        except (DataSourceError, DataLayerError) as error:
            raise _gdal_error(error, kind) from None
        geoms, _unreadable = _decode(wkb)
        types = sorted({g.geom_type for g in geoms if g is not None})
        columns = _columns_as_text(ref, list(meta["fields"]), list(data), encoding)
        if kind == "kml":
            columns = {k: v for k, v in columns.items() if k not in KML_NOISE}
        properties, property_info, left_out = property_samples.describe(columns)
        layer = {
            "name": ref.name,
            "properties": properties,
            "property_info": property_info,
            "feature_count": int(len(wkb)),
            "geometry_types": types,
            "crs": info.get("crs") or "",
            "bounds": _bounds(geoms),
        }
        if left_out:
            layer["properties_left_out"] = left_out
        if encoding:
            layer.update(encoding=encoding, encoding_guessed=True)
        layers.append(layer)
    return {
        "kind": kind,
        "layers": layers,
        "feature_count": sum(layer["feature_count"] for layer in layers),
    }


def _bounds(geoms: np.ndarray) -> list[float] | None:
    """The extent of the readable, finite geometries in the file's own coordinates."""
    present = geoms[~shapely.is_missing(geoms)]
    if not len(present):
        return None
    with np.errstate(invalid="ignore"):
        coords = shapely.get_coordinates(present)
    coords = coords[np.isfinite(coords).all(axis=1)]
    if not len(coords):
        return None
    return [float(coords[:, 0].min()), float(coords[:, 1].min()),
            float(coords[:, 0].max()), float(coords[:, 1].max())]  # fmt: skip


def find_layer(path: Path, kind: str, name: str) -> LayerRef:
    layers = open_layers(path, kind)
    if not name and len(layers) == 1:
        return layers[0]
    for ref in layers:
        if ref.name == name:
            return ref
    raise GeoFileError("places.no_such_layer", name=name)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))  # codes read as numbers: 1010.0 -> "1010"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def ring_sizes(data: bytes) -> list[int]:
    """Point counts of the rings of a (multi)polygon WKB, read without GEOS.

    GEOS refuses a ring of two points as "not closed"; counting tells the uploader the real
    problem. Anything unexpected gives [] (then GEOS's own reason is used).
    """
    sizes: list[int] = []

    def read(offset: int) -> int:
        order = "<" if data[offset] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", data, offset + 1)
        offset += 5
        if kind & 0x20000000:  # EWKB with an SRID
            offset += 4
        dims = 2 + bool(kind & 0x80000000) + bool(kind & 0x40000000)
        base = kind & 0x0FFFFFFF
        dims += {1: 1, 2: 1, 3: 2}.get(base // 1000, 0)
        base %= 1000
        (count,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        if base == 3:
            for _ in range(count):
                (points,) = struct.unpack_from(order + "I", data, offset)
                sizes.append(points)
                offset += 4 + 8 * dims * points
            return offset
        if base == 6:
            for _ in range(count):
                offset = read(offset)
            return offset
        raise ValueError(base)

    try:
        read(0)
    except (ValueError, struct.error, IndexError):
        return []
    return sizes


def _decode(wkb: np.ndarray) -> tuple[np.ndarray, dict[int, Message]]:
    with np.errstate(invalid="ignore"):  # NaN coordinates are reported per feature
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    unreadable: dict[int, Message] = {}
    for index in np.flatnonzero(shapely.is_missing(geoms)):
        if wkb[index] is None:
            continue
        try:
            shapely.from_wkb(wkb[index])
        except shapely.errors.GEOSException as error:
            unreadable[int(index)] = unreadable_reason(str(error), ring_sizes(bytes(wkb[index])))
    return geoms, unreadable


def to_lonlat(geoms: np.ndarray, crs: str | None) -> np.ndarray:
    """Reproject to EPSG:4326 (x = longitude) when the file uses another CRS."""
    if not crs:
        return geoms
    try:
        source = CRS.from_user_input(crs)
    except CRSError:
        raise GeoFileError("places.crs_unknown") from None
    if source.equals(CRS.from_epsg(4326), ignore_axis_order=True):
        return geoms
    transformer = Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)

    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    present = ~shapely.is_missing(geoms)
    out = geoms.copy()
    out[present] = shapely.transform(geoms[present], transform)
    return out


def _undeclared_columns(ref: LayerRef, columns: list[str], encoding: str) -> dict[str, str]:
    """Requested property name -> field name as pyogrio gives it when reading raw bytes.

    The names were chosen as inspected (decoded with the guessed encoding); the user may have
    chosen another encoding since, so a name matches its field under any of the encodings.
    """
    raw_names = [str(name) for name in _raw_info(ref)["fields"]]
    found: dict[str, str] = {}
    for wanted in columns:
        for candidate in dict.fromkeys((encoding, *ENCODINGS)):
            match = next(
                (raw for raw in raw_names if decode_dbf_text(_raw(raw), candidate) == wanted), None
            )
            if match is not None:
                found[wanted] = match
                break
    return found


def read_features(
    path: Path,
    kind: str,
    layer: str,
    columns: list[str],
    *,
    encoding: str = "",
    crs: str = "",
    swap_axes: bool = False,
) -> Features:
    """Read one layer whole (its feature count was checked against the limit first).

    `encoding` is used only for a Shapefile that does not declare its own; empty means guess.
    `crs` is the coordinate system the uploader declared for a file that lacks one (it wins
    over the longitude/latitude GeoJSON implies); `swap_axes` exchanges latitude and
    longitude after reprojection. `columns` may name nested properties (`tags.name`).
    """
    ref = find_layer(path, kind, layer)
    paths: dict[str, str] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unclosed rings are reported per feature
            names = {name: name for name in columns}
            if not ref.encoding_declared:
                encoding = encoding or _guess_encoding(ref, _raw_info(ref))
                names = _undeclared_columns(ref, columns, encoding)
            else:
                fields = [str(f) for f in _raw_info(ref)["fields"]]
                for name in columns:
                    found = property_samples.resolve(name, fields)
                    if found is not None:
                        names[name], paths[name] = found
            meta, _fids, wkb, data = pyogrio.raw.read(
                ref.datasource,
                layer=ref.layer,
                columns=list(dict.fromkeys(names.values())),
                encoding=None if ref.encoding_declared else RAW,
            )
    except (DataSourceError, DataLayerError) as error:
        raise _gdal_error(error, kind) from None
    geoms, unreadable = _decode(wkb)
    geoms = shapely.force_2d(geoms)
    geoms = to_lonlat(geoms, crs or meta.get("crs"))
    if swap_axes:
        present = ~shapely.is_missing(geoms)
        geoms[present] = shapely.transform(geoms[present], lambda xy: xy[:, ::-1])
    by_name = dict(zip(meta["fields"], data, strict=True))
    properties = {}
    for wanted, field_name in names.items():
        if field_name not in by_name:
            continue
        values = by_name[field_name]
        if not ref.encoding_declared and values.dtype == object:
            values = [decode_dbf_text(_raw(v), encoding) if isinstance(v, str) else v
                      for v in values]  # fmt: skip
        texts = [_text(v) for v in values]
        if paths.get(wanted):
            properties[wanted] = property_samples.read_path(texts, field_name, wanted)
        else:
            # An object is never a name or a code: the mapping step refuses such columns,
            # and a stray object in a text column reads as empty.
            properties[wanted] = [
                "" if property_samples.parse_object(t) is not None else t for t in texts
            ]
    return Features(count=len(wkb), geometries=geoms, unreadable=unreadable, properties=properties)


def iter_batches(count: int, size: int) -> Iterator[range]:
    for start in range(0, count, size):
        yield range(start, min(count, start + size))


def looks_like_lonlat(geom: BaseGeometry) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
