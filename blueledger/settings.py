"""The one settings module. Every value that varies by deployment comes from a BLUELEDGER_* variable
(see .env.example); a bad value raises ConfigurationError, which the `blueledger` command prints as one line.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from blueledger.lib import envvars

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = envvars.read_directory("BLUELEDGER_DATA_DIR", Path.cwd() / "var")
DEBUG = envvars.read_bool("BLUELEDGER_DEBUG", default=False)
SECRET_KEY = envvars.read_secret_key("BLUELEDGER_SECRET_KEY", DATA_DIR / "secret_key")
ALLOWED_HOSTS = envvars.read_list("BLUELEDGER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
PORT = envvars.read_int("BLUELEDGER_PORT", 8000, minimum=1, maximum=65535)
DATABASE_URL = envvars.read_database_url("BLUELEDGER_DATABASE_URL", f"sqlite:///{DATA_DIR / 'blueledger.sqlite3'}")
UPLOAD_LIMIT_MB = envvars.read_int("BLUELEDGER_UPLOAD_LIMIT_MB", 20, minimum=1, maximum=500)
# Deployment behind a TLS proxy (README "Deploying"): the site is served over https only, and the proxy in
# front says so in X-Forwarded-Proto.
HTTPS = envvars.read_bool("BLUELEDGER_HTTPS", default=False)
BEHIND_TLS_PROXY = envvars.read_bool("BLUELEDGER_BEHIND_TLS_PROXY", default=False)
CSRF_TRUSTED_ORIGINS = envvars.read_origins("BLUELEDGER_CSRF_TRUSTED_ORIGINS")
HSTS_SECONDS = envvars.read_int("BLUELEDGER_HSTS_SECONDS", 31_536_000, minimum=0, maximum=63_072_000)
SESSION_HOURS = envvars.read_int("BLUELEDGER_SESSION_HOURS", 8, minimum=1, maximum=720)
API_TOKEN_HOURS = envvars.read_int("BLUELEDGER_API_TOKEN_HOURS", 8, minimum=1, maximum=8760)
LOGIN_FAILURE_LIMIT = envvars.read_int("BLUELEDGER_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
LOGIN_LOCKOUT_MINUTES = envvars.read_int("BLUELEDGER_LOGIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=1440)
XLSX_LIMIT_MB = envvars.read_int("BLUELEDGER_XLSX_LIMIT_MB", 10, minimum=1, maximum=500)
IMPORT_MAX_ROWS = envvars.read_int("BLUELEDGER_IMPORT_MAX_ROWS", 10_000, minimum=10, maximum=1_000_000)
ZIP_MEMBER_LIMIT_MB = envvars.read_int("BLUELEDGER_ZIP_MEMBER_LIMIT_MB", 50, minimum=1, maximum=4096)
ZIP_TOTAL_LIMIT_MB = envvars.read_int("BLUELEDGER_ZIP_TOTAL_LIMIT_MB", 200, minimum=1, maximum=16384)
ZIP_MAX_RATIO = envvars.read_int("BLUELEDGER_ZIP_MAX_RATIO", 100, minimum=2, maximum=10_000)
ATTACHMENT_LIMIT_MB = envvars.read_int("BLUELEDGER_ATTACHMENT_LIMIT_MB", 20, minimum=1, maximum=500)
REMIND_DAYS_BEFORE = envvars.read_int("BLUELEDGER_REMIND_DAYS_BEFORE", 3, minimum=0, maximum=30)
CARD_YELLOW_ROUNDS = envvars.read_int("BLUELEDGER_CARD_YELLOW_ROUNDS", 2, minimum=1, maximum=24)
CARD_RED_ROUNDS = envvars.read_int("BLUELEDGER_CARD_RED_ROUNDS", 3, minimum=1, maximum=24)
NOTIFY_SENDER = envvars.read_list("BLUELEDGER_NOTIFY_SENDER", ["blueledger.core.notify.ConsoleSender"])[0]
MAILERS = {"default": {"BACKEND": envvars.read_list(
    "BLUELEDGER_EMAIL_BACKEND", ["django.core.mail.backends.console.EmailBackend"])[0]}}
DEFAULT_FROM_EMAIL = envvars.read_list("BLUELEDGER_FROM_EMAIL", ["blueledger@localhost"])[0]
JOB_TIME_LIMIT_S = envvars.read_int("BLUELEDGER_JOB_TIME_LIMIT_S", 600, minimum=1, maximum=86_400)
JOB_QUEUE_LIMIT_DAYS = envvars.read_int("BLUELEDGER_JOB_QUEUE_LIMIT_DAYS", 7, minimum=1, maximum=365)

INSTALLED_APPS = [
    "django.contrib.admin",
    # Before django.contrib.auth: its changepassword and createsuperuser commands replace auth's (the first app
    # listed wins); it holds no templates or static files that could shadow auth's or the admin's.
    "blueledger.users",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "blueledger.core",
    "blueledger.orgs",
    "blueledger.documents",
    "blueledger.ledgers",
    "blueledger.projects",
    "blueledger.fisheries",
    "blueledger.dispatch",
    "blueledger.economy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "blueledger.core.middleware.RefuseNullCharacters",  # its 400 page is the site's frame: after auth, messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "blueledger.urls"
WSGI_APPLICATION = "blueledger.wsgi.application"
ASGI_APPLICATION = "blueledger.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "blueledger.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while a report is written; busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (imports, position ingest) are queued in the database and run by `blueledger worker`
# (django-tasks-db's db_worker); `blueledger run` starts one beside the development server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_USER_MODEL = "users.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = ["blueledger.users.backends.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Chinese only: the English switch was removed because most pages (ledgers, dispatch, projects, users) were
# never translated, and a half-English site is worse than none. Browsers asking for English get Chinese.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the package's static folders, so `make run` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_LIMIT_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Failed sign-ins, counted across gunicorn's workers (users/throttle.py).
    "login_throttle": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                       "LOCATION": str(DATA_DIR / "cache" / "login_throttle")},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_HOURS * 3600
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = HSTS_SECONDS if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS and HSTS_SECONDS > 0
if BEHIND_TLS_PROXY:
    # Only behind a proxy that sets this header itself (and drops a client's): otherwise anyone could claim https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Enforced: no template has inline script (core/tests/test_no_inline_script.py keeps it so); page code lives in
# static files and gets its data through json_script. Styles keep 'unsafe-inline': templates set layout with
# style attributes, ECharts' SVG renderer and htmx (its indicator <style>) write inline styles, and a style
# cannot run code, while every user text is escaped anyway.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "blueledger.users.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "blueledger.core.api.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "blueledger.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "blueledger API",
    "DESCRIPTION": "蓝色台账 REST API — same permissions as the pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {
        "DepartmentKindEnum": "blueledger.orgs.choices.DepartmentKind",
        "LedgerKindEnum": "blueledger.ledgers.choices.LedgerKind",
        "ProjectKindEnum": "blueledger.projects.choices.ProjectKind",
        "CertificateKindEnum": "blueledger.fisheries.choices.CertificateKind",
        "VesselStatusEnum": "blueledger.fisheries.choices.VesselStatus",
        "AlertStatusEnum": "blueledger.fisheries.choices.AlertStatus",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "blueledger.core.api.document_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
