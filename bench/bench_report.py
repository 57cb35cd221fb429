"""The district report (PDF) for a district of 200 communities: seconds, for information.

PostgreSQL only (a throwaway database, as for `dashboard`). Builds a district with
`BENCH_REPORT_COMMUNITIES` (200) communities, each a small square on a grid with a settlement
profile, and `BENCH_REPORT_HOUSEHOLDS` (20,000) households with their members, by the
dashboard benchmark's SQL. Then times, best of 3:

- the report as the job makes it: the indicators, the list of communities, the map, the
  HTML in Thai and WeasyPrint's PDF with the embedded fonts;
- the baseline: WeasyPrint alone writing the PDF of that same HTML (the library's floor).

No target: the issue asks for the figure. The PDF's pages and size are printed;
`BENCH_REPORT_SAVE=/tmp/report.pdf` keeps the PDF to look at.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

os.environ.setdefault("BENCH_COMMUNITIES", os.environ.get("BENCH_REPORT_COMMUNITIES", "200"))
os.environ.setdefault("BENCH_HOUSEHOLDS", os.environ.get("BENCH_REPORT_HOUSEHOLDS", "20000"))

import bench_dashboard  # noqa: E402
from child import child_main, run_child  # noqa: E402
from common import Result, best_of_alternating  # noqa: E402

REPEATS = 3
SAVE = os.environ.get("BENCH_REPORT_SAVE", "")  # a path: the last PDF is written there


def _square(index: int):
    from shapely.geometry import box

    x, y = 100.50 + (index % 20) * 0.004, 13.68 + (index // 20) * 0.004
    return box(x, y, x + 0.003, y + 0.003)


def _measure(label: str) -> dict:
    from mahalla.registry.reports import build

    start = time.perf_counter()
    district = bench_dashboard._build(_square)
    built = time.perf_counter() - start
    reader = bench_dashboard._Everyone()
    reader.time_zone = ""
    html_of_last = {}

    def report():
        data = build.collect(user=reader, area=district, language="th", filters={})
        html = build.report_html(data, reader)
        handle = io.BytesIO()
        pages = build.write_pdf(html, "th", handle)
        html_of_last.update(html=html, pages=pages, size=handle.tell(), rows=len(data.communities))
        if SAVE:  # to look at the PDF of the benchmark's district
            Path(SAVE).write_bytes(handle.getvalue())
        return pages

    report()  # warm: fonts, templates, plans
    html = html_of_last["html"]

    def weasyprint_alone():
        handle = io.BytesIO()
        return build.write_pdf(html, "th", handle)

    (report_time, _pages), (floor_time, _p) = best_of_alternating(REPEATS, report, weasyprint_alone)
    assert html_of_last["rows"] == bench_dashboard.COMMUNITIES
    collect_times = []
    for _ in range(REPEATS):
        begin = time.perf_counter()
        build.report_html(
            build.collect(user=reader, area=district, language="th", filters={}), reader
        )
        collect_times.append(time.perf_counter() - begin)
    return {
        "database": label,
        "built": built,
        "communities": html_of_last["rows"],
        "households": bench_dashboard.HOUSEHOLDS,
        "pages": html_of_last["pages"],
        "size": html_of_last["size"],
        "report": report_time,
        "floor": floor_time,
        "collect": min(collect_times),
    }


def run(argv: list[str] | None = None) -> list[Result]:
    figures = run_child(__file__, ["--postgres"])
    if "skipped" in figures:
        print(f"!!! SKIPPING the report benchmark: {figures['skipped']}")
        return []
    print(
        f"   {figures['database']}: {figures['communities']:,} communities, "
        f"{figures['households']:,} households, built in {figures['built']:.0f} s; the PDF has "
        f"{figures['pages']} pages, {figures['size'] / 1024:.0f} KB; collecting the figures and "
        f"writing the HTML took {figures['collect']:.2f} s of it"
    )
    return [
        Result(
            f"district report PDF, {figures['communities']} communities (best of {REPEATS})",
            figures["report"],
            figures["floor"],
            note="baseline: WeasyPrint alone writing the PDF of the same HTML",
        )
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child_main(["--postgres"], bench_dashboard._django, _measure)
    else:
        for item in run():
            print(item.line())
