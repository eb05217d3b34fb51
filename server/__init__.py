"""The sign-in gateway: accounts, sessions, scoped AWS credentials and presigned S3 addresses.

`create_app()` builds the Flask app from the environment; `gunicorn 'server:create_app()'` runs it.
"""

from server.app import create_app

__all__ = ["create_app"]
