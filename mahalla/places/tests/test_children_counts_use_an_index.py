"""Counting everything beneath each row of a page is an index range, not a table scan."""

from __future__ import annotations

import re

from django.db import connection

from mahalla.places.models import Area
from mahalla.places.selectors import with_counts


def test_descendant_count_is_served_by_a_path_index(world):
    page = with_counts(Area.objects.filter(pk__in=[world.khlong_toei.pk, world.bangkok.pk]))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The test tables are tiny; ask whether an index *can* serve the range.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = page.explain()
        # A plain or a bitmap index scan, depending on the table's statistics.
        assert re.search(r"Index Scan (using|on) places_area_path_bytes", plan), plan
        assert "Seq Scan" not in plan
    else:
        plan = page.explain()
        assert "USING COVERING INDEX places_area_path_" in plan and "(path>? AND path<?)" in plan
        assert "SCAN U0" not in plan
