"""Text as stored and text as shown: the one rule every door applies, as a table and as a
property over any text at all."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbp.core import stored
from sbp.core.errors import InvalidInput, SbpError
from sbp.core.printable import has_visible, printable, shown

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NASTY = st.sampled_from(
    ["\x1b[2J", "\x1b]0;PWNED\x07", "\x1b]8;;http://x\x1b\\", "\x1bc", "\x9b31m", "\x00",
     "\u202e", "\u2067", "\u200b", "\ufeff", "\udce9", "\ud800", "\r\n", "\x85", "\u2029"]
)  # fmt: skip
ANY_TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=8).map("".join)


def drives_a_terminal(text: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs") or c in BIDI for c in text)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x1b[2J\x1b]0;PWNED\x07 coffee", " coffee"),  # the sequences go whole
        ("\x1b[31mred\x1b[0m wine", "red wine"),
        ("link \x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\", "link here"),
        ("reset\x1bc", "reset"),
        ("evil\u202egnp", "evilgnp"),  # a bidi override would reverse the rest of the line
        ("iso\u2066late\u2069d", "isolated"),
        ("nul\x00byte", "nulbyte"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("tab\tand\nline\r\nbreaks", "tab and line  breaks"),
        ("8-bit \x9b31mcsi", "8-bit 31mcsi"),  # a C1 control goes; what followed is plain
        ("caf\udce9", "caf\ufffd"),  # a byte that was not UTF-8
        ("family \U0001f468\u200d\U0001f469\u200d\U0001f467", "family 👨‍👩‍👧"),  # joiners stay
        ("Grüße, 東京 ☕", "Grüße, 東京 ☕"),
    ],
)
def test_text_as_stored_keeps_what_shows_and_nothing_that_drives_a_terminal(
    typed: str, kept: str
) -> None:
    assert printable(typed) == kept


@pytest.mark.parametrize(
    "blank", ["", "   ", "\u200b\u200b", "\ufeff", "\u3164", "\u2800", "\u0301"]
)
def test_text_with_nothing_to_see_has_nothing_visible(blank: str) -> None:
    assert not has_visible(printable(blank))


@given(ANY_TEXT)
def test_stored_text_never_drives_a_terminal_and_is_stable(text: str) -> None:
    cleaned = printable(text)
    assert not drives_a_terminal(cleaned)
    assert printable(cleaned) == cleaned
    assert "\x1b" not in cleaned


@given(ANY_TEXT)
def test_every_door_stores_printable_one_line_text_or_refuses_it(text: str) -> None:
    for rule in (stored.description, stored.note, stored.category, stored.pattern):
        try:
            kept = rule(text)
        except InvalidInput as refused:
            assert not drives_a_terminal(refused.message)
            continue
        assert not drives_a_terminal(kept) and "\n" not in kept
        assert kept == "" or has_visible(kept)
    imported = stored.imported(text)
    assert not drives_a_terminal(imported) and (imported == "" or has_visible(imported))


@given(ANY_TEXT)
def test_a_message_echoing_any_text_shows_every_character_and_drives_nothing(text: str) -> None:
    message = SbpError(f"'{text}' is wrong", hint=text).message

    assert not drives_a_terminal(message)
    assert message == f"'{shown(text)}' is wrong"


def test_a_message_writes_escapes_out_rather_than_dropping_them() -> None:
    assert shown("12\x1b[2J") == "12\\x1b[2J"
    assert shown("caf\udce9") == "caf\\xe9"  # the byte as it was
    assert shown("a\u202eb") == "a\\u202eb"
    assert shown("café ☕") == "café ☕"


def test_a_description_or_category_with_nothing_to_see_is_refused() -> None:
    with pytest.raises(InvalidInput, match="description is empty"):
        stored.description("\u200b \x1b[2J")
    with pytest.raises(InvalidInput, match="category is empty"):
        stored.category("\ufeff")
    assert stored.note("\u200b") == ""
    assert stored.imported("\x1b[2J\u200b") == ""
