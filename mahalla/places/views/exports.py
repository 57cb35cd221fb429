"""Downloads of an area's subtree as GeoJSON or GeoPackage."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from mahalla.people.roles import Perm
from mahalla.people.scopes import for_user
from mahalla.places.models import Area

# format in the URL -> (exporter function name, content type, file extension)
FORMATS = {
    "geojson": ("area_subtree_geojson", "application/geo+json", "geojson"),
    "gpkg": ("area_subtree_geopackage", "application/geopackage+sqlite3", "gpkg"),
}


@login_required
def area_export(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    if fmt not in FORMATS:
        raise Http404
    exportable = for_user(request.user, Perm.EXPORT_AREAS, Area.objects.all())
    area = get_object_or_404(exportable, pk=pk)
    from mahalla.places import exports  # imported here: the exporters load GDAL bindings

    function_name, content_type, extension = FORMATS[fmt]
    # The scoped queryset goes along so nothing outside the user's scope is written.
    data = getattr(exports, function_name)(area=area, areas_qs=exportable)
    stem = slugify(area.name_en or area.code) or f"area-{area.pk}"
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{stem}-{area.pk}.{extension}",
        content_type=content_type,
    )
