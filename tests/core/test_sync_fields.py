"""A record's fields as one JSON text (how a cloud record item keeps them)."""

from __future__ import annotations

import pytest

from sbp.core.sync.log import decode_fields, encode_fields
from sbp.core.sync.records import Stamped

V = "1790000000000-0000-laptop0000000000"


def test_fields_round_trip_with_every_kind_of_value() -> None:
    fields = {"amount": Stamped(1250, V), "note": Stamped("café", V), "x": Stamped(None, V),
              "deleted": Stamped(False, V)}  # fmt: skip

    assert decode_fields(encode_fields(fields)) == fields
    assert encode_fields(fields).startswith('{"amount":[1250,')


@pytest.mark.parametrize("text", ["[]", '{"a": 1}', '{"a": [1]}', '{"a": [[1], "v"]}', "{"])
def test_text_that_is_not_encoded_fields_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not encoded fields"):
        decode_fields(text)
