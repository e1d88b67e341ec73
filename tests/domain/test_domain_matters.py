"""The six steps' rules: steps only move on, overdue from the day passed in, evaluation verdicts."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yiting.domain.matters import (
    STEPS,
    advanced,
    can_merge,
    days_overdue,
    duty_order,
    duty_state,
    evaluation,
    is_overdue,
    path_steps,
    percent,
    raiser_is_named,
)
from yiting.errors import InvalidInput


def test_a_step_never_moves_back_by_itself():
    assert advanced("raised", "deliberating") == "deliberating"
    assert advanced("assigned", "deliberating") == "assigned"
    assert [advanced(a, b) for a in STEPS for b in STEPS].count("closed") == 11


def test_overdue_turns_at_midnight_of_the_day_after_the_due_date():
    duty = {"id": 1, "status": "open", "due": "2026-10-31"}
    assert not is_overdue(duty, "2026-10-31")
    assert is_overdue(duty, "2026-11-01")
    assert days_overdue(duty, "2026-11-03") == 3
    assert duty_state(duty, "2026-11-01") == "overdue"
    assert duty_state({**duty, "status": "done"}, "2027-01-01") == "done"
    assert duty_state({**duty, "due": None}, "2027-01-01") == "open"


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)), st.integers(-400, 400))
def test_days_overdue_counts_calendar_days(due, shift):
    today = due + timedelta(days=shift)
    duty = {"id": 1, "status": "in_progress", "due": due.isoformat()}
    assert days_overdue(duty, today.isoformat()) == max(shift, 0)


def test_overdue_first_then_by_due_date_then_done():
    duties = [
        {"id": 1, "status": "done", "due": "2026-01-01"},
        {"id": 2, "status": "open", "due": "2026-12-01"},
        {"id": 3, "status": "open", "due": "2026-05-01"},
        {"id": 4, "status": "in_progress", "due": "2026-03-01"},
        {"id": 5, "status": "open", "due": None},
    ]
    assert [d["id"] for d in duty_order(duties, "2026-06-01")] == [4, 3, 2, 5, 1]


def test_evaluation_verdicts_and_satisfaction():
    assert evaluation(20, 5, 3).verdict == "satisfied"
    assert evaluation(5, 10, 3).verdict == "fairly_satisfied"
    judged = evaluation("2", "3", "6")
    assert judged.verdict == "dissatisfied" and judged.reopens
    assert judged.satisfaction == Fraction(5, 11) and percent(judged.satisfaction) == "45%"
    assert evaluation(1, 1, 1).verdict == "fairly_satisfied"  # no half for anyone
    assert evaluation(1, 0, 1).verdict == "fairly_satisfied"  # exactly half is not more than half
    with pytest.raises(InvalidInput):
        evaluation(0, 0, 0)
    with pytest.raises(InvalidInput):
        evaluation(-1, 3, 0)
    with pytest.raises(InvalidInput):
        evaluation("三", 3, 0)


def test_merge_rules():
    kept = {"id": 1, "status": "classified", "merged_into": None}
    assert can_merge(kept, {"id": 2, "status": "raised", "merged_into": None}) is None
    assert can_merge(kept, kept) == "matters.merge_self"
    assert can_merge(kept, {"id": 2, "status": "assigned", "merged_into": None}) == "matters.merge_taken_up"
    assert can_merge(kept, {"id": 2, "status": "raised", "merged_into": 3}) == "matters.merge_merged"


def test_raisers_in_a_role_are_named_residents_only_with_consent():
    assert raiser_is_named({"kind": "grid_worker", "named": 0})
    assert not raiser_is_named({"kind": "resident", "named": 0})
    assert not raiser_is_named({"kind": "building_head", "named": 0})
    assert raiser_is_named({"kind": "resident", "named": 1})


def test_path_steps_in_the_order_a_resident_follows():
    path = {
        "matter": {"id": 1, "raised_at": "2026-08-02T09:00:00+08:00", "sorted_at": "2026-08-03T10:00:00+08:00",
                   "closed_at": None},
        "raisers": [{"name": "李桂兰", "raised_at": "2026-08-02T09:00:00+08:00", "from_matter_id": None},
                    {"name": "王强", "raised_at": "2026-08-05T09:00:00+08:00", "from_matter_id": 2}],
        "meetings": [],
        "duties": [{"duty": {"created_at": "2026-08-06T10:00:00+08:00", "accepted_at": None,
                             "done_at": "2026-09-18T17:00:00+08:00"},
                    "notes": [{"noted_on": "2026-09-01"}],
                    "evaluations": [{"taken_on": "2026-09-20"}]}],
    }
    kinds = [m["kind"] for m in path_steps(path)]
    assert kinds == ["raised", "sorted", "also_raised", "duty", "note", "done", "evaluated"]
