"""minutes.json is hashed byte for byte (a version's SHA-256): our encoder must write exactly
what `json.dumps(..., ensure_ascii=False, indent=2)` writes."""

from __future__ import annotations

import json
from enum import IntEnum

import pytest

from yiting.publish.formats import to_json
from yiting.publish.privacy import public_record
from yiting.publish.record import meeting_record
from yiting.store.db import connect


class Level(IntEnum):
    HIGH = 3


ODD = {
    "empty": [[], {}, ()], "text": "引号\"反斜杠\\ 换行\n\t\u2028 \x00 é \ud800", "floats": [0.1, -0.0, 1e300, 1e-7, 98.5],
    "special": [float("nan"), float("inf"), float("-inf")], "ints": [0, -1, 10**30, Level.HIGH], "flags": [True, False, None],
    1: "int key", 2.5: "float key", False: "bool key", None: "null key", "nested": {"a": [{"b": [[1], {"c": {}}]}]},
}


@pytest.mark.parametrize("value", [ODD, [], {}, "x", 3, None, [ODD, [ODD]]])
def test_to_json_is_json_dumps_byte_for_byte(value):
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_to_json_of_a_whole_meeting(meeting_db):
    path, mid = meeting_db
    db = connect(path, readonly=True)
    record = meeting_record(db, mid)
    for value in (record, public_record(record)):
        assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_to_json_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        to_json({"when": object()})
    with pytest.raises(TypeError):
        to_json({(1, 2): "tuple key"})


def test_markdown_escapes_what_would_become_structure():
    from yiting.publish.formats import _md_escape

    assert _md_escape("a\\b *x* [l](u) <t> #h |p| `c` _u_ \n  z") == \
        "a\\\\b \\*x\\* \\[l\\](u) \\<t\\> \\#h \\|p\\| \\`c\\` \\_u\\_ z"
