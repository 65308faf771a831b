"""WSGI entry point for gunicorn: `gunicorn kembang.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kembang.config.settings")
application = get_wsgi_application()
