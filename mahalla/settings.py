"""Settings for mahalla, read from environment variables.

The helpers fail loudly on malformed values: a typo in production must stop the start-up,
not silently fall back to a development default.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "mahalla.core.csrf.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "mahalla.core",
    "mahalla.places",
    "mahalla.people",
    "mahalla.surveys",
    "mahalla.registry",
    "mahalla.governance",
    "mahalla.savings",
    "mahalla.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mahalla.core.middleware.UserLanguageMiddleware",
    "mahalla.core.middleware.PrivatePagesMiddleware",
    "mahalla.core.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a flagged failed login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mahalla.urls"
WSGI_APPLICATION = "mahalla.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mahalla" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mahalla.core.context_processors.site",
                "mahalla.people.context_processors.navigation",
            ],
            "builtins": ["mahalla.core.templatetags.locale_format"],
        },
    }
]

# SQLite in WAL mode is the zero-set-up default; PostgreSQL is set with DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'mahalla.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Django binds its own queries on the client, which never prepares; the statements that
    # ask for it (`prepared.execute`, the OpenRosa intake) are prepared once per connection.
    # psycopg disables every prepare while this is None, Django's default.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "mahalla.people.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout first: a locked-out username and address is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "mahalla.people.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (docs/decisions/0004-login-lockout.md): failures are counted per username
# *and* address, so an attacker can neither guess one password for long nor lock everyone
# else out by trying their usernames from elsewhere.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "10")
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "mahalla.people.lockout.lockout_response"
# The client's address as DRF's throttles see it (REST_FRAMEWORK["NUM_PROXIES"]), so the
# lockout and the token throttle count the same thing behind a proxy.
AXES_CLIENT_IP_CALLABLE = "mahalla.people.lockout.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
# Links in e-mails (digests) point here: the address people open the site at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
LANGUAGES = [("th", "ไทย"), ("fa", "فارسی"), ("en", "English")]
LANGUAGES_BIDI = ["fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "mahalla_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads above this size are refused before they are read into memory.
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_BYTES", str(50 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "mahalla <noreply@localhost>")

# Behind a TLS-terminating proxy in production; the demo runs plain HTTP on localhost.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false" if DEBUG else "true")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "false" if DEBUG else "true")
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mahalla.people.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Reverse proxies in front of the app (each adds one X-Forwarded-For entry); 0: none.
    "NUM_PROXIES": envint("TRUSTED_PROXY_COUNT", "0") or None,
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "20/minute")},
}
# API tokens stop working this many days after they were made (and when the password changes).
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", "30")
SPECTACULAR_SETTINGS = {
    "TITLE": "mahalla API",
    "DESCRIPTION": "Places, organisations and people of community-led upgrading programmes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # The docs pages load Swagger UI and Redoc from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mahalla.core.api_schema.add_error_responses",
    ],
}

AUTH_USER_MODEL = "people.User"

# Throttle counters must be shared by every server process, so they live in the database
# (a per-process memory cache would multiply the limit by the number of workers). The
# table is made by a migration of the people app.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mahalla_throttle_cache",
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# A running job renews its lease as it reports progress; a job whose lease has run out belongs
# to a worker that died and is marked failed (it can be run again from its page).
JOB_LEASE_SECONDS = envint("JOB_LEASE_SECONDS", "300")
# Uploaded boundary files whose import was never started are deleted after this many days.
IMPORT_UPLOAD_RETENTION_DAYS = envint("IMPORT_UPLOAD_RETENTION_DAYS", "14")
# How often an import waiting for another import into the same place checks again.
IMPORT_WAIT_SECONDS = envint("IMPORT_WAIT_SECONDS", "2")
# Features one boundary file may hold (checked when it is uploaded, from GDAL's count) and one
# import job may read (checked again in the job): a million points would take gigabytes.
IMPORT_MAX_FEATURES = envint("IMPORT_MAX_FEATURES", "50000")
IMPORT_MAX_FEATURES_PER_JOB = envint("IMPORT_MAX_FEATURES_PER_JOB", "50000")

# Base map for MapLibre: empty means none (maps draw the data on a plain background offline).
BASEMAP_STYLE_URL = os.environ.get("BASEMAP_STYLE_URL", "")
# Raster tiles for the web form's map widget (OpenLayers, in ODK Web Forms), as an XYZ URL
# template such as https://tiles.example.org/{z}/{x}/{y}.png: empty means none (the widget
# draws the campaign's places on a plain background, which works offline), and with it the
# HTML its attribution line shows.
BASEMAP_TILE_URL = os.environ.get("BASEMAP_TILE_URL", "")
BASEMAP_TILE_ATTRIBUTION = os.environ.get("BASEMAP_TILE_ATTRIBUTION", "")
# Places the web form's map draws around a campaign's area (its area first, then the largest).
WEBFORM_MAP_MAX_FEATURES = envint("WEBFORM_MAP_MAX_FEATURES", "300")
# Most features one map response carries (the largest places first), whatever the data size.
MAP_MAX_FEATURES = envint("MAP_MAX_FEATURES", "2000")


def url_origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{url!r} is not an http(s) URL")
    return f"{parts.scheme}://{parts.netloc}"


# Where a base map's style, tiles, glyphs and sprites come from: the style's own origin, plus
# any other servers its style names (comma-separated), so the security policy lets them in.
BASEMAP_ORIGINS = sorted(
    {
        url_origin(url)
        for url in [BASEMAP_STYLE_URL, BASEMAP_TILE_URL, *envlist("BASEMAP_ORIGINS", "")]
        if url
    }
)


def inline_style_hashes(template: Path) -> list[str]:
    """CSP hashes of a template's <style> blocks, so they may stay inline and nothing else."""
    blocks = re.findall(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), re.DOTALL)
    digests = (base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in blocks)
    return [f"'sha256-{digest}'" for digest in digests]


# Everything the pages load is our own. MapLibre starts its workers from blob: URLs and draws
# icons from data:/blob: images. No inline scripts anywhere (static/js/ holds them all); htmx's
# indicator style is in mahalla.css, not injected. The 500 page keeps its style inline (it must
# show even when static files are what failed), allowed by its hash. The API docs pages relax
# the policy for themselves only (mahalla/api_urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *inline_style_hashes(BASE_DIR / "mahalla/templates/500.html")],
        "img-src": ["'self'", "data:", "blob:", *BASEMAP_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *BASEMAP_ORIGINS],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # fontTools logs every font it unpacks for a PDF report at INFO.
        "fontTools": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes announces itself at INFO on every start, management commands included,
        # which puts a line on stderr of a collectstatic that succeeded; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}

# District reports (registry/reports): communities one report may list, reports one person
# may have waiting or running at once, and days a made PDF is kept.
REGISTRY_REPORT_MAX_COMMUNITIES = envint("REGISTRY_REPORT_MAX_COMMUNITIES", "2000")
REGISTRY_REPORT_MAX_ACTIVE = envint("REGISTRY_REPORT_MAX_ACTIVE", "3")
REGISTRY_REPORT_RETENTION_DAYS = envint("REGISTRY_REPORT_RETENTION_DAYS", "30")
# Evidence of tenure (registry/evidence.py): the largest document, and documents per right.
REGISTRY_EVIDENCE_MAX_MB = envint("REGISTRY_EVIDENCE_MAX_MB", "10")
REGISTRY_EVIDENCE_MAX_PER_RELATIONSHIP = envint("REGISTRY_EVIDENCE_MAX_PER_RELATIONSHIP", "20")

# OpenRosa server (ODK Collect): the largest submission body (XML and attachments together)
# it accepts, announced as X-OpenRosa-Accept-Content-Length; the largest XML part, checked
# before it is parsed; Basic sign-in over plain HTTP is refused unless DEBUG or this is on
# (docs/decisions/0007-openrosa-access.md).
OPENROSA_MAX_SUBMISSION_BYTES = envint("OPENROSA_MAX_SUBMISSION_BYTES", str(100 * 1024 * 1024))
OPENROSA_MAX_XML_BYTES = envint("OPENROSA_MAX_XML_BYTES", str(10 * 1024 * 1024))
OPENROSA_ALLOW_BASIC_OVER_HTTP = envbool("OPENROSA_ALLOW_BASIC_OVER_HTTP", "false")
# Benchmark only (bench/bench_submissions.py): a bare endpoint that stores a request body and
# nothing else, to measure the server's floor. Never on in production.
BENCH_BARE_ENDPOINT = envbool("BENCH_BARE_ENDPOINT", "false")

# Survey data imports (surveys/imports): rows of submissions and of repeats one file may hold,
# and the most a csv.zip may unpack to.
SURVEY_IMPORT_MAX_ROWS = envint("SURVEY_IMPORT_MAX_ROWS", "20000")
SURVEY_IMPORT_MAX_REPEAT_ROWS = envint("SURVEY_IMPORT_MAX_REPEAT_ROWS", "100000")
# An ODK Central zip with its attachments is larger than other uploads; its `media/` files
# are limited in number and in unpacked total (a zip bomb is refused before it is read).
SURVEY_IMPORT_MAX_UPLOAD_BYTES = envint("SURVEY_IMPORT_MAX_UPLOAD_BYTES", str(500 * 1024**2))
SURVEY_IMPORT_MAX_MEDIA_FILES = envint("SURVEY_IMPORT_MAX_MEDIA_FILES", "20000")
SURVEY_IMPORT_MAX_MEDIA_BYTES = envint("SURVEY_IMPORT_MAX_MEDIA_BYTES", str(1024**3))
SURVEY_IMPORT_MAX_UNPACKED_BYTES = envint(
    "SURVEY_IMPORT_MAX_UNPACKED_BYTES", str(200 * 1024 * 1024)
)
