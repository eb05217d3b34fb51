"""The API's blueprints, one per concern, all under `/api/v1`."""

from __future__ import annotations

API_PREFIX = "/api/v1"
