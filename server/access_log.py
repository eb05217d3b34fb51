"""Structured JSON logs: one line per request and one per security event, each with a request id.

Log lines carry ids (request, user, device, session family), never what a person typed: no
password, token, credential, presigned field or e-mail address reaches a record, because no code
here is given one. Every request gets a fresh id, returned in `X-Request-Id` and quoted in error
bodies; an id a client sends is not trusted (it could smuggle text into the logs).
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, g, request

log = logging.getLogger("sbp.gateway")

# What `logging` puts on every record; anything else on a record came in `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonLines(logging.Formatter):
    """Formats a record as one JSON object: time, level, message and its `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update((key, value) for key, value in vars(record).items() if key not in _STANDARD)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


JsonLines.converter = time.gmtime


def configure_logging() -> None:
    """Send the gateway's records to stderr as JSON lines, once per process."""
    if any(isinstance(handler.formatter, JsonLines) for handler in log.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = True  # so pytest's capture (and a host's root handler) still sees them


def event(name: str, **fields: Any) -> None:
    """Record a security event (login, refresh, reuse, refused access) with the request's id."""
    log.info(name, extra={"event": name, "request_id": g.get("request_id", ""), **fields})


def _start() -> None:
    g.request_id = uuid.uuid4().hex
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers["X-Request-Id"] = g.get("request_id", "")
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    log.info(
        "request",
        extra={
            "event": "request",
            "request_id": g.get("request_id", ""),
            "method": request.method,
            "route": request.url_rule.rule if request.url_rule else None,
            "status": response.status_code,
            "duration_ms": round(elapsed, 2),
            "remote": request.remote_addr,
            "user_id": g.get("user_id"),
        },
    )
    return response


def install(app: Flask) -> None:
    """Give every request of `app` an id and an access log line."""
    configure_logging()
    app.before_request(_start)
    app.after_request(_finish)
