"""The WSGI application for servers that want a module attribute: `gunicorn server.wsgi:app`."""

from server import create_app

app = create_app()
