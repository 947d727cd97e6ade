"""Django settings. One switch selects the database: env ``DATABASE_URL`` (PostgreSQL via
psycopg 3); without it an embedded SQLite file under ``GONGKAI_DATA_DIR`` (default ``./var/``)."""

from __future__ import annotations

import os
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
    "gongkai.web.registers",
    "gongkai.web.reports",
    "gongkai.web.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files without DEBUG, offline
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "gongkai.sqlite3")}


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
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

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public form: at most this many submissions per client address in the window (seconds).
GONGKAI_PUBLIC_RATE_LIMIT = int(os.environ.get("GONGKAI_PUBLIC_RATE_LIMIT", "5"))
GONGKAI_PUBLIC_RATE_WINDOW = int(os.environ.get("GONGKAI_PUBLIC_RATE_WINDOW", "3600"))
# Cases whose reply is due within this many working days are listed as "due soon".
GONGKAI_DUE_SOON_WORKDAYS = 5
# Documents released with a reply (applications/services/files.py): stored under DATA_DIR.
GONGKAI_CASE_FILE_MAX_BYTES = int(os.environ.get("GONGKAI_CASE_FILE_MAX_BYTES", str(20 * 1024 * 1024)))
GONGKAI_CASE_FILES_PER_STEP = 20
