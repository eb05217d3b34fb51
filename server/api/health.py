"""Health: `GET /healthz` for load balancers and for `sbp` to check a gateway address."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from server.gateway import gateway
from server.problems import unavailable

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz() -> Response:
    if not gateway().health.healthy():
        raise unavailable("the gateway cannot reach its tables")
    return jsonify(status="ok")
