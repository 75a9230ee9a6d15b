"""Newsdesk settings: everything that varies between machines comes from the
environment (see the table in README.md and CONTRACT.md), with safe defaults."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    """True only for 1/true/yes/on (any case); anything else is False."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def dev_secret_key():
    """A per-checkout development key kept in var/, made on first use."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text("django-insecure-" + secrets.token_urlsafe(40))
    return path.read_text().strip()


DEBUG = env_bool("DEBUG")

# pytest sets PYTEST_VERSION; the suite runs with DEBUG off, as production does.
TESTING = "PYTEST_VERSION" in os.environ
SECRET_KEY = os.environ.get("SECRET_KEY") or (dev_secret_key() if DEBUG or TESTING else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off. Set SECRET_KEY, or DEBUG=1 for development.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_prose_editor",
    "reversion",
    "articles",
    "photos",
    "wire",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers readers from the shared page cache before sessions, auth and
    # the views run; keep it after Security (HTTPS redirect) and WhiteNoise.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise. Connections are
# kept open between requests (with a health check), which is worth about a
# quarter of a page's throughput over reconnecting each time.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsdesk.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: one Redis shared by every app server when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsdesk"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The reader page cache (docs/caching.md). Every worker and app server must
# share it: Redis when REDIS_URL is set, otherwise files under var/cache/pages
# (shared by the workers of one machine; never per-process memory).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # 0 turns it off
VARNISH_PURGE_URLS = env_list("VARNISH_PURGE_URLS", "")
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = CACHES["default"] | {"KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + "-pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "pagecache.filecache.SharedFileCache",
        "LOCATION": VAR_DIR / "cache" / "pages",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# After `collectstatic` (production), files get hashed names and far-future
# caching; before it (development, tests) they are served from their folders.
COLLECTED = (STATIC_ROOT / "staticfiles.json").exists() and not DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not COLLECTED

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Security. Production sits behind a TLS-terminating load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30))
# Whether every subdomain is HTTPS-only, and preload-list entry, are decisions about the domain.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

LOGIN_URL = "admin:login"

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Newsdesk
NEWSDESK_SITE_NAME = os.environ.get("SITE_NAME", "Newsdesk")
ARTICLES_PER_PAGE = 20
TICKER_SIZE = 10

# Syndication (docs/syndication.md). Partner origins allowed to frame
# /ticker/embed/ (CSP frame-ancestors), any site when unset; and how often
# tickers and the widget ask /ticker.json for news, in seconds.
TICKER_FRAME_ANCESTORS = env_list("TICKER_FRAME_ANCESTORS", "*")
TICKER_REFRESH_SECONDS = int(os.environ.get("TICKER_REFRESH_SECONDS", "60"))

# Wire ingest (docs/wire.md): a file or fetched feed over the first limit is
# rejected whole; a single story over the second is rejected on its own.
WIRE_MAX_FILE_BYTES = int(os.environ.get("WIRE_MAX_FILE_BYTES", 64 * 1024 * 1024))
WIRE_MAX_ITEM_BYTES = int(os.environ.get("WIRE_MAX_ITEM_BYTES", 2 * 1024 * 1024))
WIRE_API_PAGE_SIZE = 50

# Photos (photos/processing.py): uploads over either limit are refused with a reason.
PHOTOS_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTOS_MAX_UPLOAD_MB", "25")) * 1024 * 1024
PHOTOS_MAX_PIXELS = int(os.environ.get("PHOTOS_MAX_MEGAPIXELS", "60")) * 1_000_000

# Editorial workflow (docs/desk.md)
PREVIEW_LINK_MAX_AGE = int(os.environ.get("PREVIEW_LINK_MAX_AGE", 60 * 60 * 48))  # seconds a shared preview link works
PRESENCE_TIMEOUT = 45  # seconds an open change form counts as "also open" after its last ping
