"""The rules of a meeting, the display names, and import hygiene (every message catalogue:
tests/test_i18n_catalogues.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.domain import (
    QuorumKind,
    Rules,
    SpeechKind,
    Stance,
    VoteMethod,
    VoteRule,
    label,
)
from yiting.errors import InvalidInput
from yiting.i18n import t

relaxed = settings(deadline=None)
SRC = Path(__file__).resolve().parents[2] / "src"


def test_defaults_are_the_nantang_rules_of_the_presets():
    from yiting.demo import rule_set

    rules = Rules()
    assert (rules.speech_seconds, rules.speeches_per_person, rules.warn_seconds) == (120, 2, 30)
    assert rules.vote_rule is VoteRule.PLAIN_MAJORITY
    assert (rules.quorum_kind, rules.quorum_value, rules.quorum_strict) == (QuorumKind.SHARE, 0.5, True)
    assert Rules.from_dict(rule_set("nantang")) == rules  # one place: the preset leaves them to Rules
    assert Rules.from_dict(rule_set("nantang_3min")) == Rules(speech_seconds=180)


def test_the_special_majority_preset_names_item_8_of_article_278_whole():
    from yiting.presets import load_presets

    special = next(r for r in load_presets()["rule_sets"] if r["name"] == "owners_assembly_special")
    assert "改变共有部分用途或者利用共有部分从事经营活动" in special["label_zh"]
    assert "for business" in special["label_en"]


def test_a_warning_longer_than_the_speech_is_refused():
    with pytest.raises(InvalidInput) as refused:
        Rules(speech_seconds=60, warn_seconds=90)
    assert refused.value.key == "domain.rules_warn_over_speech"
    assert "90" in refused.value.message("zh") and "60" in refused.value.message("en")
    assert Rules(speech_seconds=60, warn_seconds=60).warn_seconds == 60


def test_rules_saved_before_a_field_existed_keep_what_they_ran_under():
    old = {"speech_seconds": 20, "speeches_per_person": 2, "warn_seconds": 30, "vote_rule": "plain_majority",
           "quorum_kind": "share", "quorum_value": 0.5}
    rules = Rules.stored(old)
    assert (rules.quorum_strict, rules.warn_seconds) == (False, 20)
    assert Rules.stored({}).quorum_kind is QuorumKind.NONE


def test_to_dict_is_json_ready():
    data = Rules(vote_rule=VoteRule.ART278_SPECIAL, quorum_kind=QuorumKind.SHARE, quorum_value=0.5,
                 quorum_strict=False).to_dict()
    assert data == {
        "speech_seconds": 120,
        "speeches_per_person": 2,
        "warn_seconds": 30,
        "vote_rule": "art278_special",
        "quorum_kind": "share",
        "quorum_value": 0.5,
        "quorum_strict": False,
        "party_seconds": 0,
    }
    assert json.loads(json.dumps(data)) == data


def test_from_dict_ignores_unknown_and_defaults_missing():
    rules = Rules.from_dict({"speech_seconds": 180, "colour": "red"})
    assert rules == Rules(speech_seconds=180)
    assert Rules.from_dict({}) == Rules()


def test_from_dict_accepts_strings_from_the_command_line():
    rules = Rules.from_dict({"speech_seconds": "180", "vote_rule": "two_thirds", "quorum_kind": "count",
                             "quorum_value": "11"})
    assert rules == Rules(speech_seconds=180, vote_rule=VoteRule.TWO_THIRDS,
                          quorum_kind=QuorumKind.COUNT, quorum_value=11)
    assert rules.vote_rule is VoteRule.TWO_THIRDS and rules.quorum_value == 11


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"speech_seconds": 9}, "speech_seconds"),
        ({"speech_seconds": 3601}, "speech_seconds"),
        ({"speech_seconds": 90.5}, "speech_seconds"),
        ({"speech_seconds": "two minutes"}, "speech_seconds"),
        ({"speeches_per_person": 0}, "speeches_per_person"),
        ({"speeches_per_person": 21}, "speeches_per_person"),
        ({"warn_seconds": -1}, "warn_seconds"),
        ({"vote_rule": "loudest_wins"}, "vote_rule"),
        ({"quorum_kind": "most"}, "quorum_kind"),
        ({"quorum_kind": "share", "quorum_value": 0}, "quorum_value"),
        ({"quorum_kind": "share", "quorum_value": 1.01, "quorum_strict": False}, "quorum_value"),
        ({"quorum_kind": "share", "quorum_value": 1}, "quorum_value"),  # more than all: never met
        ({"quorum_strict": "maybe"}, "quorum_strict"),
        ({"party_seconds": -1}, "party_seconds"),
        ({"party_seconds": 36001}, "party_seconds"),
        ({"quorum_kind": "count", "quorum_value": -1}, "quorum_value"),
        ({"quorum_kind": "count", "quorum_value": 2.5}, "quorum_value"),
        ({"quorum_kind": "count", "quorum_value": float("inf")}, "quorum_value"),
    ],
)
def test_from_dict_refuses(data, field):
    with pytest.raises(InvalidInput) as caught:
        Rules.from_dict(data)
    assert caught.value.key == "domain.rules_invalid"
    assert caught.value.params["field"] == field
    # the message names the setting as the facilitator knows it, not by its identifier
    message = caught.value.message("zh")
    assert t(f"field.{field}", lang="zh") in message and field not in message


@pytest.mark.parametrize(
    "data",
    [
        {"speech_seconds": 10, "warn_seconds": 10},
        {"speech_seconds": 3600},
        {"speeches_per_person": 1},
        {"speeches_per_person": 20},
        {"quorum_kind": "share", "quorum_value": 1, "quorum_strict": False},
        {"quorum_kind": "share", "quorum_value": 0.99},
        {"quorum_strict": "false"},
        {"quorum_kind": "count", "quorum_value": 0},
        {"quorum_kind": "count", "quorum_value": 12.0},
    ],
)
def test_from_dict_accepts_the_edges(data):
    Rules.from_dict(data)


RULES = st.builds(
    Rules,
    speech_seconds=st.integers(3600, 3600),
    speeches_per_person=st.integers(1, 20),
    warn_seconds=st.integers(0, 3600),
    vote_rule=st.sampled_from(VoteRule),
    quorum_kind=st.just(QuorumKind.COUNT),
    quorum_value=st.integers(0, 500),
    quorum_strict=st.booleans(),
) | st.builds(
    Rules,
    speech_seconds=st.integers(10, 3600),
    warn_seconds=st.integers(0, 10),
) | st.builds(
    Rules,
    quorum_kind=st.just(QuorumKind.SHARE),
    quorum_value=st.floats(min_value=0.01, max_value=0.99),
    quorum_strict=st.booleans(),
)


@relaxed
@given(RULES)
def test_round_trip_through_json(rules):
    assert Rules.from_dict(json.loads(json.dumps(rules.to_dict()))) == rules


def test_rules_are_frozen():
    with pytest.raises(AttributeError):
        Rules().speech_seconds = 60  # type: ignore[misc]


@pytest.mark.parametrize(
    ("member", "zh", "en"),
    [
        (VoteRule.PLAIN_MAJORITY, "简单多数（赞成多于反对）", "Simple majority (more yes than no)"),
        (VoteRule.ART278_SPECIAL, "《民法典》第278条 特别多数（四分之三）",
         "Civil Code art. 278, special majority (three quarters)"),
        (Stance.PRO, "赞成", "Pro"),
        (Stance.CON, "反对", "Con"),
        (VoteMethod.ROLL_CALL, "记名表决", "Roll call"),
        (SpeechKind.POINT_OF_ORDER, "程序问题", "Point of order"),
    ],
)
def test_labels(member, zh, en):
    assert label(member, "zh") == zh
    assert label(member, "en") == en


@pytest.mark.parametrize("member", [m for enum in (Stance, SpeechKind, VoteRule, VoteMethod, QuorumKind)
                                    for m in enum])
def test_every_enum_member_has_a_label(member):
    for lang in ("zh", "en"):
        text = label(member, lang)
        assert text and not text.startswith("domain.")


def test_label_refuses_other_values():
    with pytest.raises(TypeError):
        label("pro", "zh")  # type: ignore[arg-type]


def test_domain_imports_no_ui_and_no_database():
    code = (
        "import sys, yiting.domain\n"
        "yiting.domain.label(yiting.domain.Stance.PRO, 'zh')\n"  # loads the message catalogue too
        "print(','.join(m for m in ('textual', 'sqlite3', '_sqlite3', 'sqlite_utils') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == ""
