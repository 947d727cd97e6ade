"""WSGI entry point. The templates are compiled here, once, before the server forks its
workers (warmup.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()

from gongkai.web.warmup import load_templates  # noqa: E402  (after Django is set up)

load_templates()
