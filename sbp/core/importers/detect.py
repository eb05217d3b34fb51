"""Which reader a file needs (OFX/QFX, QIF, sbp JSON, or CSV in any dialect), from its first bytes.

`read_statement` is the one entry point: it takes a byte stream and the person's settings and
returns a `Statement` whose rows are read lazily, so a huge CSV is never held in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import partial
from typing import BinaryIO

from sbp.core.errors import InvalidInput
from sbp.core.importers.csvlayout import detect_layout, is_own_export, is_own_listing
from sbp.core.importers.csvrows import RowReader
from sbp.core.importers.jsonfile import read_json
from sbp.core.importers.mapping import check_map
from sbp.core.importers.rows import Statement
from sbp.core.importers.text import (
    SAMPLE_BYTES,
    as_utf8,
    guess_encoding,
    sample_of,
    text_stream,
    wide_encoding,
)
from sbp.core.money import check_currency

_SAMPLE_LINES = 200


def sniff_kind(sample: bytes) -> str:
    """`ofx`, `json` or `csv`, from the start of the file."""
    head = sample[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"ofxheader" in head or b"<ofx>" in head or head.startswith(b"<ofx"):
        return "ofx"
    if head.startswith((b"!type", b"!account", b"!option", b"!clear")):
        return "qif"
    if head[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_statement(
    name: str, stream: BinaryIO, mapping: Mapping[str, str], currency: str
) -> Statement:
    """A statement over `stream`; `mapping` holds the person's `--map`/profile settings."""
    check_map(mapping)
    sample, whole = sample_of(stream)
    wide = wide_encoding(sample, mapping.get("encoding"))
    if wide is not None:  # every reader below takes UTF-8
        sample, whole = sample_of(as_utf8(whole, wide))
        mapping = {key: value for key, value in mapping.items() if key != "encoding"}
    if not sample.strip():
        raise InvalidInput(f"{name} is empty")
    kind = mapping.get("format") or sniff_kind(sample)
    if kind == "ofx":
        from sbp.core.importers.ofx import read_ofx

        account, rows = read_ofx(whole, currency)
        return Statement(name, "ofx", rows, account=account)
    if kind == "json":
        return Statement(name, "json", read_json(whole, currency), own_export=True)
    if kind == "qif":
        from sbp.core.importers.qif import read_qif

        return read_qif(name, whole, sample, mapping, currency)
    statement = _csv_statement(name, sample, whole, mapping, currency)
    if wide is not None:  # what a profile keeps
        statement.layout["encoding"] = wide
    return statement


def _csv_statement(
    name: str, sample: bytes, whole: BinaryIO, mapping: Mapping[str, str], currency: str
) -> Statement:
    encoding = mapping.get("encoding") or guess_encoding(sample)
    text = text_stream(whole, encoding)
    lines, complete = _sample_lines(sample, encoding)
    csv_map = {k: v for k, v in mapping.items() if k not in ("encoding", "format")}
    layout = detect_layout(lines, csv_map, whole=complete)
    header = next(iter(_records(lines, layout.delimiter, layout.header_line)), [])
    fixed = mapping.get("currency", "")
    store_currency = currency
    if "currency" not in layout.columns and len(fixed) == 3 and fixed.isalpha():
        currency = check_currency(fixed)
    elif layout.currency is not None:
        currency = layout.currency
    reader = RowReader(layout, currency)
    statement = Statement(name, "csv", reader.rows(text), blocks=partial(reader.blocks, text))
    statement.guesses.extend(layout.guesses)
    if currency != store_currency and not fixed:
        statement.guesses.append(
            f"the file's amounts are in {currency}, not {store_currency} (the store's currency),"
            f" so budgets do not count them (pin with --map currency={currency})"
        )
    if encoding == "cp1252":
        statement.guesses.append("the file is not UTF-8: read as Windows-1252 (--map encoding=...)")
    statement.layout = {**layout.pins(header), "encoding": encoding}
    statement.own_export = is_own_export(header)
    statement.own_categories = statement.own_export or is_own_listing(header)
    return statement


def _sample_lines(sample: bytes, encoding: str) -> tuple[list[str], bool]:
    """The first lines of the file, and whether they are all of it."""
    text = sample.decode(encoding, errors="replace")
    lines = text.splitlines(keepends=True)
    complete = len(sample) < SAMPLE_BYTES
    if not complete and not sample.endswith((b"\n", b"\r")) and len(lines) > 1:
        lines = lines[:-1]  # the sample ends inside a line
    return lines[:_SAMPLE_LINES], complete and len(lines) <= _SAMPLE_LINES


def _records(lines: list[str], delimiter: str, index: int) -> list[list[str]]:
    if index < 0:
        return []
    return [r for i, r in enumerate(csv.reader(lines, delimiter=delimiter)) if i == index]
