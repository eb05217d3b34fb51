"""The gateway's Flask application, built by `create_app` (the factory gunicorn calls).

gunicorn --workers 5 --bind 127.0.0.1:8000 'server:create_app()'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, cast

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from server import access_log, problems
from server.api import API_PREFIX
from server.api.alerts import alerts
from server.api.auth import auth
from server.api.health import health
from server.api.openapi import openapi
from server.api.receipts import receipts
from server.api.reports import reports
from server.config import ConfigurationError, GatewayConfig
from server.credentials import stack_mismatches
from server.gateway import Gateway

# A coarse guard per client address against floods of password guesses or sign-ups, kept in
# each process's memory; the real limits are the DynamoDB counters every instance shares.
COARSE_SIGN_IN_LIMIT = "30 per minute;300 per hour"
_GUARDED = ("auth.login", "auth.register")
_HOOKS = ("before_request_funcs", "after_request_funcs", "teardown_request_funcs")


def create_app(config: GatewayConfig | None = None) -> Flask:
    """The gateway app for `config`, or for the environment's configuration when None.

    A configuration problem stops the process with one line on stderr listing every problem.
    """
    if config is None:
        try:
            config = checked(GatewayConfig.from_environ(os.environ))
        except ConfigurationError as error:
            print(f"sbp gateway: {error}", file=sys.stderr)
            raise SystemExit(3) from None
    app = Flask(__name__)
    app.config.update(config.flask_settings())
    if config.proxy_hops:
        hops = config.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    access_log.install(app)
    problems.install(app)
    app.after_request(_protective_headers)
    Gateway.build(config).attach(app)
    for blueprint in (auth, receipts, reports, alerts, health, openapi):
        app.register_blueprint(blueprint, url_prefix=API_PREFIX)
    limiter = Limiter(get_remote_address, storage_uri="memory://", headers_enabled=True)
    _sign_in_only(app, lambda: limiter.init_app(app))
    guard = limiter.shared_limit(COARSE_SIGN_IN_LIMIT, scope="sign-in")
    for endpoint in _GUARDED:
        app.view_functions[endpoint] = cast(Any, guard(app.view_functions[endpoint]))
    return app


def _sign_in_only(app: Flask, install: Callable[[], None]) -> None:
    """Run the request hooks `install` adds to `app` for the guarded endpoints only. The
    limiter has no limit for any other endpoint, yet its hooks cost every request a search
    for one (a tenth of a presign's time)."""
    before = {name: list(getattr(app, name).get(None, [])) for name in _HOOKS}
    install()
    for name in _HOOKS:
        hooks = getattr(app, name).setdefault(None, [])
        hooks[:] = [hook if hook in before[name] else _when_guarded(hook) for hook in hooks]


def _when_guarded(hook: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        if request.endpoint in _GUARDED:
            return hook(*args)
        return args[0] if args else None  # an after-request hook hands the response on

    return run


def _protective_headers(response: Response) -> Response:
    """Answers carry tokens and credentials: never cached, never sniffed, only over HTTPS."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    return response


def checked(config: GatewayConfig) -> GatewayConfig:
    """`config`, once its resource names agree with the stack's naming."""
    mismatches = stack_mismatches(config)
    if mismatches:
        raise ConfigurationError("gateway configuration: " + "; ".join(mismatches))
    return config
