"""Production smoke test: the site as deployed, fetched page by page over HTTP.

In a temporary directory with its own SQLite database, media and static roots, with the
production settings (DEBUG off, a random SECRET_KEY, the hashed and compressed static storage):
migrate, build the demo, collectstatic, start gunicorn and the job worker, sign in as the demo
administrator through the login form, run one boundary import and one district report (a PDF)
through the worker, then fetch every page of the URL configuration in Thai and in Persian and
every static file they name.

Run by scripts/test.sh: `.venv/bin/python scripts/smoke.py`. Exits non-zero on any failure.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smoke_client import Client, SmokeFailure, assets_of_css, assets_of_html  # noqa: E402

ADMIN = ("admin", "mahalla-demo")  # the demo's administrator (mahalla/demo/personas.py)
IMPORT_TIMEOUT = 60  # seconds for the worker to finish the boundary import
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")  # name.0123456789ab.js from the manifest
YEAR = 365 * 24 * 3600
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
DIRECTION = {"th": "ltr", "fa": "rtl"}

SMOKE_FEATURES = [  # three neighbouring community polygons inside Khlong Toei
    ("SMOKE-1", "Smoke Test One", "ชุมชนทดสอบหนึ่ง", "سکونتگاه آزمون یک", 100.560),
    ("SMOKE-2", "Smoke Test Two", "ชุมชนทดสอบสอง", "سکونتگاه آزمون دو", 100.565),
    ("SMOKE-3", "Smoke Test Three", "ชุมชนทดสอบสาม", "سکونتگاه آزمون سه", 100.570),
]


def log(message: str) -> None:
    print(f"[smoke] {message}", flush=True)


def production_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "mahalla.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp / 'smoke.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        # SECURE_SSL_REDIRECT, secure cookies and HSTS keep their production defaults (on).
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict[str, str], *args: str) -> None:
    log("manage.py " + " ".join(args))
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def process(name: str, command: list[str], env: dict[str, str], logs: Path) -> Iterator[None]:
    """A background process in its own process group, stopped whatever happens."""
    logfile = (logs / f"{name}.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603 - gunicorn and the worker, fixed arguments
        command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield
    except BaseException:
        logfile.flush()
        tail = (logs / f"{name}.log").read_text(errors="replace")[-3000:]
        print(f"--- last lines of the {name} log ---\n{tail}", file=sys.stderr)
        raise
    finally:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=wait)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        logfile.close()


def wait_until_serving(client: Client, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.get("/accounts/login/")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SmokeFailure("gunicorn did not answer within 30 s") from None
            time.sleep(0.3)


def sign_in(client: Client) -> None:
    page = client.get("/accounts/login/")
    client.expect(page, 200, "the login page")
    username, password = ADMIN
    data = {"username": username, "password": password, "next": "/"}
    response = client.post_form("/accounts/login/", data)
    client.expect(response, 302, "signing in")
    if "sessionid" not in client.cookies:
        raise SmokeFailure("signing in set no session cookie")


def set_language(client: Client, code: str) -> None:
    response = client.post_form("/accounts/language/", {"language": code, "next": "/"})
    client.expect(response, 302, f"switching to {code}")


# -- the boundary import, through the pages and the worker


def boundary_geojson() -> bytes:
    import json

    features = []
    for code, name_en, name_th, name_fa, west in SMOKE_FEATURES:
        ring = [[west, 13.715], [west + 0.004, 13.715], [west + 0.004, 13.719], [west, 13.719]]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name_en": name_en, "name_th": name_th,
                               "name_fa": name_fa},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def mapping_form_data(fields: dict[str, str], *, level_pk: int) -> dict[str, str]:
    """What the mapping step's form is sent: its own defaults (it guesses the properties from
    their names), with the level of the new areas chosen. Adjust here when the form changes."""
    return {**fields, "level": str(level_pk), "code_field": "code", "name_en_field": "name_en",
            "name_th_field": "name_th", "name_fa_field": "name_fa"}  # fmt: skip


def wait_for_job(client: Client, pk: int, what: str, *, written: bool = False) -> None:
    """Poll the import's progress fragment until its job (the plan or the write) is done."""
    from django.urls import reverse

    from mahalla.places.models import BoundaryImport

    progress_url = reverse("places:boundary_import_progress", kwargs={"pk": pk})
    deadline = time.monotonic() + IMPORT_TIMEOUT
    while True:
        progress = client.get(progress_url)
        if not written and progress.status == 302 and "/preview/" in progress.location:
            return  # the plan is ready: the progress sends the page on to the preview
        client.expect(progress, 200, "the import progress")
        status = re.search(r'data-status="([a-z_]+)"', progress.text).group(1)
        done = status == "done" and (not written or BoundaryImport.objects.get(pk=pk).is_written)
        if done:
            return
        if status == "failed":
            raise SmokeFailure(f"{what} of the boundary import failed:\n{progress.text[:2000]}")
        if time.monotonic() > deadline:
            raise SmokeFailure(f"{what} is still {status} after {IMPORT_TIMEOUT} s")
        time.sleep(0.5)


def boundary_import(client: Client) -> int:
    from django.urls import reverse

    from mahalla.places.models import Area, AreaLevel

    district = Area.objects.get(code="1033", level__code="district")
    community = AreaLevel.objects.get(code="community")
    upload = client.post_multipart(
        reverse("places:boundary_import_new", kwargs={"pk": district.pk}),
        {},
        ("file", "smoke-communities.geojson", "application/geo+json", boundary_geojson()),
    )
    client.expect(upload, 302, "uploading the boundary file")
    detail_url = upload.location
    step = client.get(detail_url)
    client.expect(step, 200, "the mapping step")
    fields = client.form_fields(step.text, form_class="mapping-form")
    mapped = client.post_form(detail_url, mapping_form_data(fields, level_pk=community.pk))
    client.expect(mapped, 302, "starting the import")
    pk = int(re.search(r"/imports/(\d+)/", detail_url).group(1))
    wait_for_job(client, pk, "the plan")
    preview_url = reverse("places:boundary_import_preview", kwargs={"pk": pk})
    preview = client.get(preview_url)
    client.expect(preview, 200, "the preview of the plan")
    if Area.objects.filter(parent=district, code__in=[f[0] for f in SMOKE_FEATURES]).exists():
        raise SmokeFailure("the plan wrote areas before it was confirmed")
    written = client.post_form(reverse("places:boundary_import_write", kwargs={"pk": pk}), {})
    client.expect(written, 302, "writing the planned changes")
    wait_for_job(client, pk, "the write", written=True)
    created = Area.objects.filter(parent=district, code__in=[f[0] for f in SMOKE_FEATURES])
    if created.count() != len(SMOKE_FEATURES):
        raise SmokeFailure(f"the import created {created.count()} of {len(SMOKE_FEATURES)} areas")
    tally = re.search(r'class="tally-created">([^<]*)<', client.get(detail_url).text)
    if not tally or tally.group(1).strip() != str(len(SMOKE_FEATURES)):
        raise SmokeFailure("the import's page does not show the areas it created")
    log(f"boundary import {pk}: {len(SMOKE_FEATURES)} communities created by the worker")
    return pk


# -- the district report, made as a PDF by the worker with the collected fonts


def district_report(client: Client) -> int:
    """Ask for Khlong Toei's report in Persian, wait for the worker, download the PDF."""
    import zlib

    from django.urls import reverse

    from mahalla.places.models import Area

    district = Area.objects.get(code="1033", level__code="district")
    asked = client.post_form(
        reverse("registry:report_new", kwargs={"pk": district.pk}), {"language": "fa"}
    )
    client.expect(asked, 302, "asking for the district report")
    pk = int(re.search(r"/reports/(\d+)/", asked.location).group(1))
    progress_url = reverse("registry:report_progress", kwargs={"pk": pk})
    deadline = time.monotonic() + IMPORT_TIMEOUT
    while True:
        progress = client.get(progress_url)
        client.expect(progress, 200, "the report progress")
        status = re.search(r'data-status="([a-z_]+)"', progress.text).group(1)
        if status == "done":
            break
        if status == "failed" or time.monotonic() > deadline:
            raise SmokeFailure(f"the district report is {status}:\n{progress.text[:2000]}")
        time.sleep(0.5)
    pdf = client.get(reverse("registry:report_file", kwargs={"pk": pk}))
    client.expect(pdf, 200, "downloading the district report")
    if not pdf.body.startswith(b"%PDF-"):
        raise SmokeFailure("the district report is not a PDF")
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf.body, re.S)
    inflated = b"".join(_inflate(zlib, chunk) for chunk in streams)
    if b"Vazirmatn-Arabic" not in inflated:
        raise SmokeFailure("the Persian report does not embed the shipped Vazirmatn font")
    log(f"district report {pk}: {len(pdf.body)} bytes of PDF made by the worker")
    return pk


def _inflate(zlib, chunk: bytes) -> bytes:
    try:
        return zlib.decompress(chunk)
    except zlib.error:
        return b""


# -- every page, in both languages, and what they load


def fetch_pages(client: Client, language: str, demo, assets: set[str]) -> int:
    from django.urls import reverse
    from smoke_pages import PAGES, url_names

    missing = [name for name in url_names() if name not in PAGES]
    if missing:
        raise SmokeFailure(f"add these URL names to scripts/smoke_pages.py: {missing}")
    checked = 0
    for name in url_names():
        page = PAGES[name]
        url = reverse(name, kwargs=page.kwargs(demo))
        response = client.get(url)
        what = f"{name} ({url}) in {language}"
        client.expect(response, page.status, what)
        if page.kind in ("page", "fragment", "docs") and "Server Error" in response.text:
            raise SmokeFailure(f"{what} shows a server error")
        if response.status == 200 and page.kind == "page":
            tag = HTML_TAG.search(response.text)
            expected = f'lang="{language}" dir="{DIRECTION[language]}"'
            if not tag or expected not in tag.group(0):
                raise SmokeFailure(f"{what}: expected <html {expected}>, got {tag and tag[0]}")
            if "default-src 'self'" not in response.headers.get("Content-Security-Policy", ""):
                raise SmokeFailure(f"{what} has no Content-Security-Policy")
            if "private" not in response.headers.get("Cache-Control", ""):
                raise SmokeFailure(f"{what} is not marked Cache-Control: private")
        if response.status == 200 and page.kind in ("page", "docs"):
            assets.update(assets_of_html(response.text, base=url))
        checked += 1
    return checked


def fetch_assets(client: Client, assets: set[str]) -> int:
    """Every file the pages name: 200; text compressed; hashed names cached for a year."""
    from django.conf import settings

    static = "/" + settings.STATIC_URL.lstrip("/")
    queue, seen = sorted(assets), set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        client.expect(response, 200, f"the file {url}")
        if not url.startswith(static):
            continue  # e.g. Swagger UI's start-up script, made by a view
        kind = response.headers.get("Content-Type", "")
        encoding = response.headers.get("Content-Encoding", "")
        if kind.startswith(TEXT_TYPES) and encoding != "gzip":
            raise SmokeFailure(f"{url} ({kind}) is served uncompressed")
        # Pages name static files through {% static %} and CSS through the manifest's rewriting:
        # every one has a hashed name, so browsers may keep it for a year.
        if not HASHED.search(url.split("?")[0]):
            raise SmokeFailure(f"{url} is not a hashed name")
        cache = response.headers.get("Cache-Control", "")
        max_age = re.search(r"max-age=(\d+)", cache)
        if not max_age or int(max_age.group(1)) < YEAR:
            raise SmokeFailure(f"{url} has a hashed name but Cache-Control {cache!r}")
        if kind.startswith("text/css"):
            queue.extend(assets_of_css(response.text, base=url))
    return len(seen)


def run(tmp: Path) -> None:
    started = time.monotonic()
    env = production_env(tmp)
    manage(env, "migrate", "--no-input")
    manage(env, "demo_data", "--force", "--households", "300")
    manage(env, "collectstatic", "--no-input")
    os.environ.update(env)  # this process reads the same database to build URLs
    import django

    django.setup()
    from smoke_pages import demo_lookup

    port = free_port()
    # No control socket: its default path in $HOME would clash with another gunicorn there.
    gunicorn = [sys.executable, "-m", "gunicorn", "mahalla.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", "2", "--timeout", "60", "--graceful-timeout", "5",
                "--no-control-socket"]  # fmt: skip
    worker = [sys.executable, "manage.py", "worker",
              "--interval", "0.5"]  # fmt: skip
    with process("gunicorn", gunicorn, env, tmp), process("worker", worker, env, tmp):
        client = Client(port)
        wait_until_serving(client)
        log(f"gunicorn serving on 127.0.0.1:{port}, worker running")
        sign_in(client)
        import_pk = boundary_import(client)
        report_pk = district_report(client)
        demo = demo_lookup(boundary_import_pk=import_pk, report_pk=report_pk)
        assets: set[str] = set()
        for language in ("th", "fa"):
            set_language(client, language)
            count = fetch_pages(client, language, demo, assets)
            log(f"{count} URL names fetched in {language}")
        log(f"{fetch_assets(client, assets)} static files fetched, compressed and cacheable")
    log(f"passed in {time.monotonic() - started:.0f} s")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mahalla-smoke-") as tmp:
        try:
            run(Path(tmp))
        except SmokeFailure as failure:
            print(f"[smoke] FAILED: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
