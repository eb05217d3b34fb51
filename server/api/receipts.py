"""Receipts: a presigned POST to upload one, a presigned GET to read it back."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from sbp.core.ids import is_ulid
from server.bodies import json_body
from server.gateway import gateway
from server.guard import signed_in
from server.problems import Problem, invalid
from server.receipts import (
    MAX_BYTES,
    RECEIPT_TYPES,
    presign_download,
    presign_upload,
    receipt_key,
    stored_key,
)

receipts = Blueprint("receipts", __name__)
_TYPES = ", ".join(RECEIPT_TYPES)


@receipts.post("/receipts/presign")
def presign() -> Response:
    claims = signed_in()
    body = json_body("expense_id", "content_type", "size")
    expense_id = _expense_id(body.text("expense_id", max_length=26))
    content_type = body.text("content_type", max_length=100)
    if content_type not in RECEIPT_TYPES:
        raise Problem(
            415,
            "unsupported_media_type",
            "Unsupported receipt type",
            f"a receipt must be one of {_TYPES}",
        )
    size = body.integer("size", low=1)
    if size > MAX_BYTES:
        raise Problem(
            413,
            "payload_too_large",
            "Receipt too large",
            "a receipt may be at most 10 MB (10485760 bytes)",
        )
    gw = gateway()
    key = receipt_key(claims.user_id, expense_id, RECEIPT_TYPES[content_type])
    poster = gw.credentials.poster_for_user(claims.user_id)
    return jsonify(presign_upload(poster, key, content_type))


@receipts.get("/receipts/<expense_id>")
def read(expense_id: str) -> Response:
    claims = signed_in()
    expense_id = _expense_id(expense_id)
    extension = request.args.get("ext")
    known = set(RECEIPT_TYPES.values())
    if extension is not None and extension not in known:
        raise invalid(f"'ext' must be one of {', '.join(sorted(known))}")
    gw = gateway()
    s3 = gw.credentials.s3_for_user(claims.user_id)
    extensions = [extension] if extension else list(RECEIPT_TYPES.values())
    candidates = [receipt_key(claims.user_id, expense_id, ext) for ext in extensions]
    key = stored_key(s3, gw.config.bucket, candidates)
    if key is None:
        raise Problem(404, "not_found", "No such receipt", "this expense has no receipt stored")
    return jsonify(presign_download(s3, gw.config.bucket, key))


def _expense_id(text: str) -> str:
    upper = text.upper()
    if not is_ulid(upper):
        raise invalid("'expense_id' must be the expense's ULID (26 characters)")
    return upper
