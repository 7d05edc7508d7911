"""Linli settings, read from the environment.

Zero configuration gives a development site on SQLite. Production sets at
least DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL.
"""

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "linli-development-key-do-not-use-in-production"
SECRET_KEY = os.getenv("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = envbool("DEBUG", "True")
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("DEBUG is off but SECRET_KEY is the development key: set SECRET_KEY in the environment.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,.localhost,testserver")  # .localhost: the demo's portals
# 发布到其他渠道 (newsroom/channels/): the WeChat API's address (a loopback server in the tests, which
# alone may use a private address), and the key the 公众号 AppSecrets are encrypted with (derived
# from SECRET_KEY when unset; set it to rotate SECRET_KEY without re-entering the secrets).
WECHAT_API_BASE = os.environ.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
WECHAT_API_ALLOW_PRIVATE = envbool("WECHAT_API_ALLOW_PRIVATE", "False")
CHANNEL_SECRETS_KEY = os.environ.get("CHANNEL_SECRETS_KEY", "")
# Hours the moderator has to remove by hand a copy on a channel without a delete API.
CHANNEL_REMOVAL_HOURS = int(os.environ.get("CHANNEL_REMOVAL_HOURS", "24"))

# 纠错留言 (newsroom/feedback/): reports one address may send per hour.
FEEDBACK_LIMIT_PER_HOUR = envint("FEEDBACK_LIMIT_PER_HOUR", "10")
# Hosts whose front page is the platform's directory of portals (站群首页) rather than a portal's
# (`make run` names localhost; other pages on such a host are the default portal's).
PLATFORM_HOSTS = envlist("PLATFORM_HOSTS", "")

INSTALLED_APPS = [
    "newsroom.core.adminsite.LinliAdminConfig",  # django.contrib.admin; every list takes only its declared filters
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for TemplatesSetting below
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "ckeditor",
    "csp",
    "axes",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "newsroom.core",
    "communities",
    "newsroom",
    "newsroom.search",
    "newsroom.takedowns",
    "newsroom.inspection",
    "newsroom.comments",
    "newsroom.feedback",
    "newsroom.exchange",
    "newsroom.ledger",
    "newsroom.channels",
]

MIDDLEWARE = [
    # First: the whole request runs in one reserved stretch of CPython's frame stack
    # (newsroom/core/datastack.py says why).
    "newsroom.core.datastack.RoomyStackMiddleware",
    "newsroom.core.proxy.RealIPMiddleware",
    "newsroom.core.requestlog.RequestLogMiddleware",
    "newsroom.core.nul.RejectNulMiddleware",
    # Which requests may read the replica (only when DATABASE_REPLICA_URL is set).
    *(["newsroom.core.replica.ReplicaMiddleware"] if os.getenv("DATABASE_REPLICA_URL") else []),
    # A full disk on a POST: files it stored are deleted, the sender gets a message (507).
    "newsroom.core.diskfull.DiskFullMiddleware",
    # Whole pages for anonymous readers, stored with the headers the middleware below gave
    # them; a hit skips everything else (newsroom/core/pagecache.py).
    "newsroom.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with hashed names and gzip/brotli copies, straight from the app server
    # (nginx serves /static/ itself when it sits in front; see docs/nginx.conf).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.core.csp.LinliCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.portals.PortalMiddleware",
    "newsroom.core.reader.ScriptConversionMiddleware",
    # Last, as django-axes asks: counts failed admin logins and locks out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "builtins": ["newsroom.core.templatetags.chinese_text"],  # |clip: truncation ending in ……
            # A portal's theme (templates/themes/<theme>/) first, then the defaults; cached per theme.
            "loaders": [
                (
                    "newsroom.core.themes.Loader",
                    [
                        "newsroom.core.themes.ThemeLoader",
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.portal",
                "newsroom.core.reader.reader_preferences",
                "newsroom.core.pagecache.page_path",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite file by default; PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
        # A connection the database dropped is replaced before use, not answered with a 500.
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, in WAL mode, with writers queueing instead of failing: concurrent
    # readers (and their view counts) work on SQLite as they do on PostgreSQL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # One test database file per checkout, so two clones can test at once.
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]
    DATABASES["default"]["TEST"] = {
        "NAME": os.getenv("SQLITE_TEST_NAME", str(Path(tempfile.gettempdir()) / f"linli-test-{checkout}.sqlite3"))
    }
elif envbool("DB_PREPARED_STATEMENTS", "1"):
    # PostgreSQL plans a statement again on every run unless it is prepared; an article page's
    # statements took ~5 ms of planning each time. Server-side binding lets psycopg prepare a
    # statement from its second run on this connection. DB_PREPARED_STATEMENTS=0 behind a
    # pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})

# A streaming replica of the PostgreSQL primary (docs/operations.md): anonymous readers' pages
# may be read from it, never older than a change they could already see (newsroom/core/replica.py).
DATABASE_REPLICA_URL = os.getenv("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=envint("DB_CONN_MAX_AGE", "0")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["newsroom.core.replica.ReplicaRouter"]
# After a form is sent, its sender reads the primary this long (they see what they sent).
REPLICA_STICKY_SECONDS = envint("REPLICA_STICKY_SECONDS", "10")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploads: on disk under MEDIA_ROOT by default; in a private bucket of an S3-compatible store
# when MEDIA_S3_BUCKET is set (newsroom/core/objectstore.py, docs/operations.md).
MEDIA_S3_BUCKET = os.getenv("MEDIA_S3_BUCKET", "")
MEDIA_STORAGE = (
    {
        "BACKEND": "newsroom.core.objectstore.ObjectMediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.getenv("MEDIA_S3_ENDPOINT_URL") or None,
            "access_key": os.getenv("MEDIA_S3_ACCESS_KEY_ID", ""),
            "secret_key": os.getenv("MEDIA_S3_SECRET_ACCESS_KEY", ""),
            "region_name": os.getenv("MEDIA_S3_REGION") or None,
            "location": os.getenv("MEDIA_S3_PREFIX", ""),
            "addressing_style": "path",
        },
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "newsroom.core.storage.MediaStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))
# Every upload is served through an access check (newsroom/media.py): a photo hidden by a
# takedown or on an article that is not public answers 404. Behind nginx, Django answers with
# X-Accel-Redirect to MEDIA_ACCEL_LOCATION (an internal location, docs/nginx.conf), and nginx
# sends the file. Browsers may keep a public file MEDIA_CACHE_SECONDS.
MEDIA_ACCEL_REDIRECT = envbool("MEDIA_ACCEL_REDIRECT", "False")
MEDIA_ACCEL_LOCATION = os.getenv("MEDIA_ACCEL_LOCATION", "/protected-media/")
# With the object store, nginx fetches the bucket through this internal location (docs/nginx.conf).
MEDIA_ACCEL_OBJECT_LOCATION = os.getenv("MEDIA_ACCEL_OBJECT_LOCATION", "/protected-object/")
MEDIA_CACHE_SECONDS = envint("MEDIA_CACHE_SECONDS", "4")

# Identity documents and evidence from takedown notices: outside MEDIA_ROOT, never served directly.
PRIVATE_MEDIA_ROOT = Path(os.getenv("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
MAX_EVIDENCE_BYTES = envint("MAX_EVIDENCE_BYTES", str(10 * 1024 * 1024))
TAKEDOWN_LIMIT_PER_IP = envint("TAKEDOWN_LIMIT_PER_IP", "5")
# Searches one address may run per minute that no cache answered (newsroom/search/views.py).
SEARCH_LIMIT_PER_MINUTE = envint("SEARCH_LIMIT_PER_MINUTE", "30")

# Reader comments (newsroom/comments/): who verifies commenters. The console verifier shows the
# code in the server's log and is refused with DEBUG off (comments stay off until a real SMS or
# 网号/网证 adapter is configured here). The key salts the hash of each number (defaults to
# SECRET_KEY; set it apart so that rotating SECRET_KEY keeps the blacklist working).
COMMENT_VERIFIER = os.environ.get("COMMENT_VERIFIER", "newsroom.comments.verifiers.ConsoleVerifier")
COMMENT_IDENTITY_KEY = os.environ.get("COMMENT_IDENTITY_KEY", "")
COMMENT_LIKES_PER_HOUR = envint("COMMENT_LIKES_PER_HOUR", "120")
TAKEDOWN_LIMIT_PER_EMAIL = envint("TAKEDOWN_LIMIT_PER_EMAIL", "3")
# Notifiers' and counter-notifiers' personal data (contacts, ID numbers, evidence) are kept this
# many days after a request is closed; `manage.py purge_takedown_data` (daily cron) clears them.
TAKEDOWN_RETENTION_DAYS = envint("TAKEDOWN_RETENTION_DAYS", str(3 * 365))
EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "noreply@example.com")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: Pillow refuses images above this many pixels (decompression bombs);
# our own validator refuses them earlier with a form error.
MAX_IMAGE_PIXELS = envint("MAX_IMAGE_PIXELS", str(40_000_000))
MAX_IMAGE_UPLOAD_BYTES = envint("MAX_IMAGE_UPLOAD_BYTES", str(20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Rich text: CKEditor 4 through django-ckeditor. The field, the sanitiser and the
# allow-list live in newsroom/core/richtext.py; this is the browser-side toolbar only.
# No image button and no uploader: every image a reader sees in an article is a
# newsroom.Photo with a structured credit.
CKEDITOR_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "height": 360,
        "width": "100%",
        "toolbar": "Linli",
        "toolbar_Linli": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "HorizontalRule"],
            ["Link", "Unlink", "Table"],
            ["RemoveFormat", "Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "image,exportpdf",
        # An editable <div> instead of the default iframe, whose document CKEditor writes with
        # an inline <script> that the Content-Security-Policy (script-src 'self') refuses.
        "extraPlugins": "divarea",
        "disallowedContent": "img script iframe; *[on*]; *{*}",
        # Highlighted text pasted from Word/WPS stays visible as <mark> (static/js/admin-paste.js);
        # 清除格式 takes it off again.
        "extraAllowedContent": "mark",
        "removeFormatTags": "b,big,cite,code,del,dfn,em,font,i,ins,kbd,mark,q,s,samp,small,span,strike,strong,"
        "sub,sup,tt,u,var",
    }
}

# django-ckeditor warns (ckeditor.W001) that CKEditor 4 has unfixed security
# issues. We know: every rich-text field is sanitised server-side with nh3
# (newsroom/core/richtext.py), so what the browser-side editor lets through never
# reaches a reader. docs/operations.md explains the choice and its guards.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGIN_URL = "admin:login"

# Cache and sessions: Redis when REDIS_URL is set (Django's own Redis backend), else local
# memory. Sessions are kept in the cache and written through to the database.
REDIS_URL = os.getenv("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "newsroom.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.getenv("CACHE_KEY_PREFIX", "linli"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "linli"}
    )
}
# Sessions live in the database, not the cache: staff (and the takedown desk) can log in and
# work while Redis is down. Only staff have sessions; readers get cached pages without one.
# newsroom/core/sessions.py: no row for a made-up cookie or an empty session.
SESSION_ENGINE = "newsroom.core.sessions"
# Admin sessions end after two idle hours (each request renews the two hours).
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", str(2 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True

# Whole-page cache for anonymous readers (newsroom/core/pagecache.py); 0 turns it off. Pages are made
# stale by content changes at once, so the timeout only bounds how long a 点击 figure lags.
# On by default only with Redis: a per-process cache would not hear of changes saved by other
# workers. PAGE_CACHE_BLOCKS: navigation, footer and side blocks kept the same way.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0")
PAGE_CACHE_BLOCKS = envbool("PAGE_CACHE_BLOCKS", str(bool(REDIS_URL)))
# Each worker trusts its last look at the page cache's tag versions for this long and keeps this many
# recent pages in memory: a hit on a hot page then costs no Redis round trip.
PAGE_CACHE_LOCAL_SECONDS = envint("PAGE_CACHE_LOCAL_SECONDS", "1")
# After a publish, re-render its hottest pages in the background for these origins (comma-
# separated, e.g. "https://www.yqnews.cn"): newsroom/warmup.py. Empty: off.
PAGE_WARMUP_ORIGINS = [o.strip() for o in os.environ.get("PAGE_WARMUP_ORIGINS", "").split(",") if o.strip()]
PAGE_CACHE_LOCAL_PAGES = envint("PAGE_CACHE_LOCAL_PAGES", "200")
# How long nginx's micro-cache may keep an anonymous page (docs/nginx.conf). The first reader
# after a quiet spell always gets a fresh answer (nginx serves no stale copy while updating);
# under a steady stream of readers a takedown reaches them within this second (nginx counts it
# in whole seconds: up to two) plus the worker's (PAGE_CACHE_LOCAL_SECONDS).
MICRO_CACHE_SECONDS = envint("MICRO_CACHE_SECONDS", "1")
# Where Django asks nginx to refresh the pages a takedown touched (newsroom/microcache.py): each
# nginx in front, as seen from the app servers, e.g. http://127.0.0.1:80; and the secret that
# docs/nginx.conf's `map $http_x_linli_refresh` holds. Unset: no refresh is sent.
MICRO_CACHE_REFRESH_URLS = envlist("MICRO_CACHE_REFRESH_URLS", "")
MICRO_CACHE_REFRESH_TOKEN = os.getenv("MICRO_CACHE_REFRESH_TOKEN", "")
# 点击数 counted in Redis and written in batches (newsroom/viewcounts.py); without Redis every
# view is one UPDATE.
VIEW_COUNT_BUFFER = envbool("VIEW_COUNT_BUFFER", str(bool(REDIS_URL)))
VIEW_COUNT_FLUSH_SECONDS = envint("VIEW_COUNT_FLUSH_SECONDS", "10")
# One reader (address and browser) counts once per article within this window (0: every view).
VIEW_COUNT_DEDUPE_SECONDS = envint("VIEW_COUNT_DEDUPE_SECONDS", "1800")

# Content Security Policy (django-csp): no inline script on public pages, no third-party origin.
# Inline styles stay allowed for the admin's and CKEditor 4's style attributes; the admin also
# allows CKEditor's inline event handlers (newsroom/core/csp.py says why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name,
# from any addresses, that user name is locked out for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "newsroom.portals.RoleBackend",  # roles held per portal (站群)
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "30"))
# Per user name, whatever the address: a password spray from many addresses locks too. (Not
# per address alone: a whole office behind one NAT address would be locked out together. The
# pair is listed for axes' own check, axes.W006; the user name alone already covers it.)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "newsroom.core.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# Behind nginx, the reader's address comes from X-Real-IP (newsroom/core/proxy.py).
BEHIND_PROXY = envbool("BEHIND_PROXY", "False")

# HTTPS: on by default with DEBUG off (HTTPS=0 for a plain-HTTP intranet server).
HTTPS = envbool("HTTPS", str(not DEBUG))
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Request logging without personal data: method, path (no query string), status and time;
# no IP addresses, cookies or user names (newsroom/core/requestlog.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "linli.requests": {"handlers": ["console"], "level": os.getenv("REQUEST_LOG_LEVEL", "WARNING")},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}

# Where the admin is reached from an e-mail (notification links).
ADMIN_BASE_URL = os.getenv("ADMIN_BASE_URL", "http://127.0.0.1:8000")

# How often the article page sends what the editor typed to the server (newsroom/autosave.py);
# 0 turns autosave off.
ARTICLE_AUTOSAVE_SECONDS = int(os.getenv("ARTICLE_AUTOSAVE_SECONDS", "30"))

# Public pages show renditions (newsroom/renditions.py); 0 shows originals (the benchmark's baseline).
IMAGE_RENDITIONS = envbool("IMAGE_RENDITIONS", "1")

# Background work (django-tasks, the backport of Django 6's tasks): a queue in the database by
# default, so development needs nothing else (`manage.py db_worker` runs it; `make run` starts
# one). Production may point TASKS_BACKEND at django_tasks_rq.RQBackend with Redis (docs/operations.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # RQ on Redis: `manage.py rqworker default --job-class django_tasks_rq.Job` on each worker
    # machine (docs/operations.md); the queue lives in Redis, shared by every app server.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.getenv("RQ_REDIS_URL", REDIS_URL), "DEFAULT_TIMEOUT": 600}}

# Form widgets render through the project's template engine (cached loader in production), so
# a widget may use a template of templates/ (a byline row's plain <select>).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
