"""Reports made in the cloud: the gateway has the report function render the PDF from the
user's replica into S3, and the device downloads it by the presigned link it gets back."""

from __future__ import annotations

from sbp.cloud.session import CloudSession, with_access_token
from sbp.cloud.transfer import download
from sbp.core.errors import CloudUnavailable
from sbp.core.report_periods import ReportPeriod, period_fields

MAX_REPORT_BYTES = 200 * 1024 * 1024


def cloud_report(session: CloudSession, period: ReportPeriod) -> bytes:
    """The PDF of `period` as the cloud renders it from the user's replica."""
    gateway = session.gateway()
    link = with_access_token(session, lambda token: gateway.report(token, period_fields(period)))
    pdf = download(str(link["url"]), MAX_REPORT_BYTES)
    if not pdf.startswith(b"%PDF-"):
        raise CloudUnavailable("the cloud's report is not a PDF", hint="try again in a minute")
    return pdf
