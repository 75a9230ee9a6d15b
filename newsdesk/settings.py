"""Newsdesk settings: everything that varies between machines comes from the
environment (see the table in README.md and CONTRACT.md), with safe defaults."""

import os
import secrets
from pathlib import Path

import csp.constants
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
    "csp",
    "axes",
    "security",
    "articles",
    "photos",
    "wire",
    "subscribers",  # before django_tasks_db: its db_worker adds delivery recovery to theirs
    "django_tasks",
    "django_tasks_db",
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
    "csp.middleware.CSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
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
                "csp.context_processors.nonce",
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
    # WAL: readers never wait for the writer. An 8 MiB page cache per connection
    # (SQLite's default is 2 MiB): a search or archive at 20,000 stories touches
    # more than 2 MiB of pages, and re-reading them from the OS on every request
    # cost a third of the database time (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA cache_size=-8192;"}
    )
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: one Redis shared by every app server when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Parallel test workers (pytest-xdist) share one Redis: each keeps its own keys.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + os.environ.get("PYTEST_XDIST_WORKER", ""),
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
# The ticker (on every reader page) is kept in the cache at most this long;
# changes clear it at once (articles/ticker.py, docs/performance.md).
TICKER_CACHE_SECONDS = int(os.environ.get("TICKER_CACHE_SECONDS", "30"))

# Wire ingest (docs/wire.md): a file or fetched feed over the first limit is
# rejected whole; a single story over the second is rejected on its own.
WIRE_MAX_FILE_BYTES = int(os.environ.get("WIRE_MAX_FILE_BYTES", 64 * 1024 * 1024))
WIRE_MAX_ITEM_BYTES = int(os.environ.get("WIRE_MAX_ITEM_BYTES", 2 * 1024 * 1024))
WIRE_API_PAGE_SIZE = 50
# Hosts pictures that come with wire copy may be fetched from (comma list; ".agency.example" takes subdomains).
WIRE_MEDIA_HOSTS = [h.lower() for h in env_list("WIRE_MEDIA_HOSTS", "")]

# Photos (photos/processing.py): uploads over either limit are refused with a reason.
PHOTOS_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTOS_MAX_UPLOAD_MB", "25")) * 1024 * 1024
PHOTOS_MAX_PIXELS = int(os.environ.get("PHOTOS_MAX_MEGAPIXELS", "60")) * 1_000_000

# Editorial workflow (docs/desk.md)
PREVIEW_LINK_MAX_AGE = int(os.environ.get("PREVIEW_LINK_MAX_AGE", 60 * 60 * 48))  # seconds a shared preview link works
PRESENCE_TIMEOUT = 45  # seconds an open change form counts as "also open" after its last ping

# Subscribers (docs/subscribers.md): the keyed ninjs API and webhook push, run by
# `python manage.py db_worker` through Django's tasks API (django-tasks backport).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")  # absolute links in pushed documents
WEBHOOK_RETRY_BASE_SECONDS = float(os.environ.get("WEBHOOK_RETRY_BASE_SECONDS", "30"))  # doubles each attempt
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "8"))  # then the delivery is a dead letter
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
# A worker holds a delivery this long; past it (the worker died) another worker takes it over.
WEBHOOK_LEASE_SECONDS = float(os.environ.get("WEBHOOK_LEASE_SECONDS", WEBHOOK_TIMEOUT_SECONDS + 20))
WEBHOOK_RECOVERY_SECONDS = float(os.environ.get("WEBHOOK_RECOVERY_SECONDS", "15"))  # how often workers look
WEBHOOK_MAX_RESPONSE_BYTES = 4096  # of a receiver's answer, kept for the delivery log
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK")  # plain-http 127.0.0.1 receivers (tests, benchmarks)
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env_bool("WEBHOOK_ALLOW_PRIVATE_NETWORKS")  # 10/8, 192.168/16, link-local…
# Hardening (docs/security.md). The Content-Security-Policy: our own files only,
# inline scripts and styles only with the per-request nonce, never eval.
# CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only to try a
# change out (framing stays refused, as X-Frame-Options does); CSP_REPORT_URI
# is where browsers post what they blocked (or would have).
csp_directives = {
    "default-src": ["'self'"],
    "script-src": ["'self'", csp.constants.NONCE],
    # The hash: the base stylesheet the body editor (tiptap, in django-prose-editor 0.28) injects as a
    # <style> with no way to pass it a nonce. An upgrade that changes it fails tests/browser/test_csp_browser.py.
    "style-src": ["'self'", csp.constants.NONCE, "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": os.environ.get("CSP_REPORT_URI") or None,
}
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": csp_directives}
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": None, "frame-ancestors": ["'none'"]}}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": csp_directives}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), gyroscope=()"

# Client addresses: the number of proxies in front of the app (load balancer,
# nginx) whose X-Forwarded-For we trust; 0 reads REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Admin login lockout (django-axes): 5 wrong passwords for one account from
# one address lock that pair out for an hour, or until a Desk chief unlocks it.
AUTHENTICATION_BACKENDS = ["security.backends.LoginLockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "security.ip.client_ip"
AXES_VERBOSE = False

# Rate limits on the shared cache (security/ratelimit.py): requests per
# minute per reader address (search, shared preview links) or per desk user
# (presence pings, tag suggestions). RATE_LIMITS=off lifts the reader ones.
RATE_LIMITS = os.environ.get("RATE_LIMITS", "on").strip().lower() not in {"off", "0", "false", "no"}
RATE_LIMITS_PER_MINUTE = {"search": 30, "preview": 30, "presence": 30, "tag-suggestions": 120}

# Photos are private until a story using them is published (security/media.py).
# Django serves MEDIA_URL itself unless MEDIA_ACCEL_REDIRECT names the internal
# nginx location that serves MEDIA_ROOT (deploy/nginx/newsdesk.conf).
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
