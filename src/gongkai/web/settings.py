"""Django settings. One switch selects the database: env ``DATABASE_URL`` (PostgreSQL via
psycopg 3); without it an embedded SQLite file under ``GONGKAI_DATA_DIR`` (default ``./var/``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from gongkai.web import deploy

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "var")).resolve()

# Production-safe by default (deploy.py): debugging only with GONGKAI_DEBUG=1, the secret key
# from GONGKAI_SECRET_KEY or generated once into DATA_DIR/secret_key (0600), local hosts only.
DEBUG = os.environ.get("GONGKAI_DEBUG", "0") == "1"
SECRET_KEY = deploy.secret_key(os.environ, DATA_DIR)
ALLOWED_HOSTS = deploy.hosts(os.environ)
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if os.environ.get("GONGKAI_HTTPS", "0") == "1":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_PROXY_SSL_HEADER = deploy.proxy_ssl_header(os.environ)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its own Swagger UI files: the API docs fetch nothing from a CDN
    "gongkai.web.agencies",
    "gongkai.web.workdays",
    "gongkai.web.applications",
    "gongkai.web.letters",
    "gongkai.web.public",
    "gongkai.web.portal",
    "gongkai.web.notices",
    "gongkai.web.registers",
    "gongkai.web.reports",
    "gongkai.web.supervision",
    "gongkai.web.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files without DEBUG, offline
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.web.limits.RequestSizeLimit",  # before anything reads a body (CSRF reads forms)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.web.errors.ErrorMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
CSRF_FAILURE_VIEW = "gongkai.web.errors.csrf_failure"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

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
                "gongkai.web.agencies.context.staff",
            ],
        },
    },
    {
        # long lists (web/jinja.py): templates named *.jinja in the apps' jinja2/ folders
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "gongkai.web.jinja.environment", "autoescape": True},
    },
]
# form widgets by Jinja2: Django's own widget templates, the same markup, a select of forty
# options in a fraction of the time its template-per-option rendering takes
FORM_RENDERER = "django.forms.renderers.Jinja2"


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dict(dj_database_url.parse(url, conn_max_age=60))
        if config["ENGINE"] == "django.db.backends.postgresql":
            given = config.get("OPTIONS")
            options = dict(given) if isinstance(given, dict) else {}
            config["OPTIONS"] = {**options, **deploy.postgres_options(os.environ)}
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "gongkai.sqlite3"),
        # a worker keeps its connection between requests (opening one, with the functions
        # Django registers on it and the pragmas below, cost 4 % of the server's time under
        # load); renewed every ten minutes, so the planner statistics the worker's daily
        # ANALYZE writes are read again
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # one writer at a time, by design: a write transaction takes the write lock when it
            # begins, so it never reads a state that another writer changes before it commits
            # (the year-end lock, double clicks); the others wait up to the busy timeout
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,  # seconds
            # readers do not block the writer nor it them
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        # the tests' database is a file too: threads of the concurrency tests share it as two
        # server processes share the real one (an in-memory database locks differently); one
        # per test process, so that two runs side by side never share it
        "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"gongkai-test-{os.getpid()}.sqlite3")},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# the request's user read with their staff membership and agency (one query less per page);
# Django's own backend stays listed, so sessions it signed in remain valid
AUTHENTICATION_BACKENDS = [
    "gongkai.web.agencies.auth.StaffBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:dashboard"
LOGOUT_REDIRECT_URL = "login"

# The site is in Chinese whatever the browser asks for (Accept-Language, a language cookie):
# no LocaleMiddleware, and Chinese is the one language there is, so Django's own messages
# (a required field, an invalid email, a length) are Chinese too.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise serves the files where the apps keep them (no collectstatic needed for the demo)
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic's target; may stay empty
WHITENOISE_AUTOREFRESH = DEBUG

# Request bodies: a form's fields (and the API's JSON) up to 2.5 MB, kept in memory; an upload
# up to GONGKAI_MAX_UPLOAD_BYTES as a whole (a report to import is at most 30 MB), streamed to
# a temporary file past 2.5 MB. Larger bodies are refused before they are read (limits.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
GONGKAI_MAX_UPLOAD_BYTES = int(os.environ.get("GONGKAI_MAX_UPLOAD_BYTES", str(32 * 1024 * 1024)))

# Background jobs (supervision import runs): a queue in the database itself, so the embedded
# SQLite set-up needs no other service; `gongkai-web db_worker` (scripts/worker) runs them. On
# PostgreSQL any number of workers, on any number of machines, share the one queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public form: at most this many submissions per client address in the window (seconds).
GONGKAI_PUBLIC_RATE_LIMIT = int(os.environ.get("GONGKAI_PUBLIC_RATE_LIMIT", "5"))
GONGKAI_PUBLIC_RATE_WINDOW = int(os.environ.get("GONGKAI_PUBLIC_RATE_WINDOW", "3600"))
# An application's lookup is suspended after this many wrong secrets within the window (s).
GONGKAI_SECRET_FAILURE_LIMIT = int(os.environ.get("GONGKAI_SECRET_FAILURE_LIMIT", "5"))
GONGKAI_SECRET_FAILURE_WINDOW = int(os.environ.get("GONGKAI_SECRET_FAILURE_WINDOW", "3600"))
# Staff login: at most this many failed attempts per account, and per client address, within
# the window (s); then every attempt is refused (429) until the window has passed.
GONGKAI_LOGIN_ACCOUNT_LIMIT = int(os.environ.get("GONGKAI_LOGIN_ACCOUNT_LIMIT", "5"))
GONGKAI_LOGIN_ADDRESS_LIMIT = int(os.environ.get("GONGKAI_LOGIN_ADDRESS_LIMIT", "20"))
GONGKAI_LOGIN_WINDOW = int(os.environ.get("GONGKAI_LOGIN_WINDOW", "900"))
# The client address for the limits is REMOTE_ADDR. Behind a reverse proxy, list its addresses
# or networks (comma-separated): the header it sets (X-Forwarded-For unless named) is then read
# on requests from it, the right-most address that is not a trusted proxy's being the client's.
# Without that list, naming the header takes the address that many proxies from the right. The
# header is never read otherwise, since a client can send it forged (public/ratelimit.py).
GONGKAI_TRUSTED_PROXIES = deploy.trusted_proxies(os.environ.get("GONGKAI_TRUSTED_PROXIES", ""))
GONGKAI_CLIENT_ADDRESS_HEADER = os.environ.get("GONGKAI_CLIENT_ADDRESS_HEADER", "")
GONGKAI_CLIENT_ADDRESS_PROXIES = int(os.environ.get("GONGKAI_CLIENT_ADDRESS_PROXIES", "1"))
# Cases whose reply is due within this many working days are listed as "due soon".
GONGKAI_DUE_SOON_WORKDAYS = 5
# Documents released with a reply (applications/services/files.py): stored under DATA_DIR.
GONGKAI_CASE_FILE_MAX_BYTES = int(
    os.environ.get("GONGKAI_CASE_FILE_MAX_BYTES", str(20 * 1024 * 1024))
)
GONGKAI_CASE_FILES_PER_STEP = 20

# The applicant's pages (portal/): a successful status lookup opens them for this many seconds,
# for that one application; correction files handed in there are limited in number and size.
GONGKAI_PORTAL_SESSION_SECONDS = int(os.environ.get("GONGKAI_PORTAL_SESSION_SECONDS", "1800"))
GONGKAI_CORRECTION_FILES = 10
GONGKAI_CORRECTION_MAX_BYTES = int(
    os.environ.get("GONGKAI_CORRECTION_MAX_BYTES", str(10 * 1024 * 1024))
)

# Email (notices/): written as files under DATA_DIR/mail unless the environment configures a
# server, so nothing leaves the machine by default. GONGKAI_EMAIL_HOST switches to SMTP
# (GONGKAI_EMAIL_BACKEND names any other Django email backend).
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "")
_BACKENDS = "django.core.mail.backends."
EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND", _BACKENDS + ("smtp" if EMAIL_HOST else "filebased") + ".EmailBackend"
)
if EMAIL_HOST:
    EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("GONGKAI_EMAIL_TLS", "0") == "1"
    EMAIL_USE_SSL = os.environ.get("GONGKAI_EMAIL_SSL", "0") == "1"
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")
# The address the applicant uses to reach the public pages, for links in emails.
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# Staff are reminded of open cases whose reply is due within this many working days.
GONGKAI_REMIND_WORKDAYS = 3
# When the worker (`gongkai-web worker`, scripts/worker) sends them: HH:MM local time.
GONGKAI_REMIND_AT = os.environ.get("GONGKAI_REMIND_AT", "07:30")
