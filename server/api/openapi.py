"""The OpenAPI document, for clients and for the property-based tests."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from server.openapi_document import openapi_document

openapi = Blueprint("openapi", __name__)


@openapi.get("/openapi.json")
def document() -> Response:
    return jsonify(openapi_document())
