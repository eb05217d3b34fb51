"""Reports: ask the report Lambda for a PDF of a period and hand back its presigned URL."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from sbp.core.report_periods import PERIOD_FIELDS
from server.bodies import json_body
from server.gateway import gateway
from server.guard import signed_in
from server.reports import render_report, requested_period, today_utc

reports = Blueprint("reports", __name__)


@reports.post("/reports")
def make_report() -> Response:
    claims = signed_in()
    period = requested_period(json_body(*PERIOD_FIELDS), today_utc())
    gw = gateway()
    return jsonify(render_report(gw.aws.lambda_, gw.config.report_function, claims.user_id, period))
