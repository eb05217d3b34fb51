"""No input makes a reader fail with a traceback: any bytes, and the corpus's own files cut short
or with bytes changed, give a clean error (an `SbpError`) or rows, in every format."""

from __future__ import annotations

import io

from corpus import BANKS, corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbp.core.errors import SbpError
from sbp.core.importers.detect import read_statement

SAMPLES = [(BANKS / entry["file"]).read_bytes() for entry in corpus()]
FORMATS = ["csv", "ofx", "json", "qif", ""]
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def read_all(data: bytes, kind: str) -> None:
    """Read every record; a clean error is fine, anything else fails the test."""
    mapping = {"format": kind} if kind else {}
    try:
        statement = read_statement("fuzz", io.BytesIO(data), mapping, "USD")
        for _ in statement.in_blocks(7):
            pass
    except SbpError:
        pass


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(FORMATS))
def test_any_bytes_give_rows_or_a_clean_error(data: bytes, kind: str) -> None:
    read_all(data, kind)


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 1 << 16), st.binary(max_size=8)), max_size=6),
    st.integers(0, 1 << 16),
    st.sampled_from(FORMATS),
)
def test_real_files_damaged_give_rows_or_a_clean_error(
    sample: bytes, edits: list[tuple[int, bytes]], cut: int, kind: str
) -> None:
    damaged = bytearray(sample)
    for where, junk in edits:
        at = where % (len(damaged) + 1)
        damaged[at : at + len(junk)] = junk
    read_all(bytes(damaged[: max(cut, len(damaged) // 2)]), kind)


@FUZZ
@given(st.text(alphabet="<>/!-?OFXSTMRNADbx \n&;:", max_size=400))
def test_tag_soup_gives_rows_or_a_clean_error(text: str) -> None:
    read_all(f"<OFX><STMTRS>{text}".encode(), "ofx")


def test_json_nested_a_hundred_thousand_deep_is_a_clean_error() -> None:
    read_all(b"[" * 100_000 + b"]" * 100_000, "json")
    read_all(b'{"expenses": [' + b"[" * 100_000, "json")
