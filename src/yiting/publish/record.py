"""The open export of a meeting (format `yiting.meeting/1`, see docs/record-format.md).

Private fields (phone, address, employer) never enter it. Everything else publish/ makes
starts here; what of it residents see is decided in `yiting.publish.privacy`.
"""

from __future__ import annotations

import json
from typing import Any

from yiting.domain import Rules, VoteRule, given_order, recorded_explanation
from yiting.errors import NotFound
from yiting.store import matters as duty_reads
from yiting.store import objections as objection_store
from yiting.store import owners as register
from yiting.store import queries
from yiting.store.database import Database
from yiting.store.log import head

FORMAT = "yiting.meeting/1"


def _participant(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "party": row["party"],
        "building": row["building"],
        "voting": bool(row["voting"]),
        "area_m2": row["area_m2"],
        "named": bool(row["named"]),
        "official": bool(row["official"]),
        "checked_in_at": row["checked_in_at"],
    }


def vote_outcome(row: dict[str, Any]) -> str:
    """A vote's result as one word: open, cancelled, consultative, passed or failed."""
    if row["status"] != "closed":
        return row["status"]
    if row["consultative"]:
        return "consultative"
    return "passed" if row["passed"] else "failed"


def vote_record(row: dict[str, Any], lang: str, unit_vote: dict[str, Any] | None = None) -> dict[str, Any]:
    vote: dict[str, Any] = {
        "id": row["id"],
        "method": row["method"],
        "rule": row["rule"],
        "status": row["status"],
        "consultative": bool(row["consultative"]),
        "yes": row["yes"],
        "no": row["no"],
        "abstain": row["abstain"],
        "present": row["present"],
        "eligible": row["eligible"],
        # A consultative vote decides nothing (older records stored a verdict for it anyway).
        "passed": None if row["passed"] is None or row["consultative"] else bool(row["passed"]),
        "result": vote_outcome(row),
        "explanation": row["explanation"],
        "opened_at": row["opened_at"],
        "closed_at": row["closed_at"],
        "corrects": row["corrects_vote_id"],
        "correction_reason": row["correction_reason"],
        "reason": "",
    }
    if VoteRule(row["rule"]).is_art278:
        vote.update(yes_area_m2=row["yes_area"], no_area_m2=row["no_area"],
                    abstain_area_m2=row["abstain_area"], eligible_area_m2=row["eligible_area"])
    vote["explanation"] = recorded_explanation(row, lang)
    if unit_vote is not None:  # counted per unit: the denominators and where they came from
        vote.update(unit_vote_record(unit_vote, lang))
    return vote


def unit_vote_record(unit_vote: dict[str, Any], lang: str) -> dict[str, Any]:
    from yiting.domain.owners import stored_denominators

    figures = json.loads(unit_vote["denominators"])
    return {"scope": unit_vote["scope"], "denominators": stored_denominators(unit_vote["denominators"]).sentence(lang),
            "denominator_figures": figures, "objection_until": unit_vote["objection_until"]}


# What each reasoned event means for the row it concerns (see queries.reasons_given).
_REASON_KINDS = {
    "queue_speaker_override": "over_limit",
    "queue_speaker_over_budget": "over_budget",
    "start_speech_out_of_turn": "out_of_turn",
    "extend_speech": "extra_time",
    "open_vote": "opened",
    "cancel_vote": "cancelled",
    "close_item": "closed",
    "set_rules": "rules",
    "set_objection_period": "period_changed",
    "set_vote_objection_period": "period_changed",
    "answer_objection": "answer_changed",
}


def _reasons(db: Database, meeting_id: int) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The reasons the facilitator gave during a meeting, by (table, row id), oldest first.
    A consultative vote opened without a typed reason is logged as "consultative": no reason."""
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in queries.reasons_given(db, meeting_id):
        kind = _REASON_KINDS.get(row["action"])
        if kind is None:  # a reasoned action the minutes do not word (yet)
            continue
        if kind == "opened" and row["reason"] == "consultative":
            continue
        entry: dict[str, Any] = {"kind": kind, "reason": row["reason"], "at": row["at"]}
        if kind == "extra_time":
            entry["seconds"] = row["extra_seconds"]
        found.setdefault((row["t"], row["row_id"]), []).append(entry)
    return found


def _objections(db: Database, meeting_id: int,
                 reasons: dict[tuple[str, int], list[dict[str, Any]]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The objection period as set (`from`: the day the meeting ended, `until`: the last day to
    object; both None while it has not ended) and the objections received, with their answers."""
    setting = objection_store.period(db, meeting_id)
    until = setting["until"]
    changed = [("objection_periods", setting["id"])] if setting["id"] else []
    changed += [("unit_votes", v["unit_vote_id"]) for v in register.unit_votes(db, meeting_id)]
    # an owners' vote may have given its owners longer than the days set: the minutes count the days to `until`
    period = {"days": setting["span"], "contact": setting["contact"], "from": setting["from"], "until": until,
              "changes": sorted(({"at": r["at"], "reason": r["reason"]} for key in changed for r in reasons.get(key, [])),
                                key=lambda c: c["at"])}
    objections = [{
        "id": o["id"], "name": o["name"], "participant_id": o["participant_id"], "named": bool(o["named"]),
        "text": o["text"], "received_at": o["received_at"],
        "late": bool(until and o["received_at"][:10] > until),
        "answer": o["answer"], "answered_by": o["answered_by"], "answered_at": o["answered_at"],
        "answer_changes": [{"at": r["at"], "reason": r["reason"]} for r in reasons.get(("objections", o["id"]), [])],
    } for o in objection_store.objections(db, meeting_id)]
    return period, objections


def meeting_record(db: Database, meeting_id: Any, lang: str = "zh") -> dict[str, Any]:
    """The whole meeting as plain data, ready for JSON: the export and the minutes' model."""
    try:
        meeting = queries.row(db, "meetings", int(meeting_id))
    except (TypeError, ValueError):
        meeting = None
    if meeting is None:
        raise NotFound("desk.no_meetings", id=meeting_id)
    mid = meeting["id"]
    reasons = _reasons(db, mid)
    people = queries.participants(db, mid)
    names = {p["id"]: p["name"] for p in people}
    speeches_by_item: dict[int, list] = {}
    for s in queries.speeches_of_meeting(db, mid):
        if s["status"] in ("queued", "withdrawn"):
            continue
        speeches_by_item.setdefault(s["item_id"], []).append({
            "id": s["id"], "speaker": names.get(s["participant_id"], ""), "speaker_id": s["participant_id"],
            "stance": s["stance"], "kind": s["kind"], "status": s["status"],
            "started_at": s["started_at"], "ended_at": s["ended_at"], "seconds": s["seconds"],
            "summary": s["summary"], "extra_seconds": s["extra_seconds"],
            "overrides": reasons.get(("speeches", s["id"]), []),
        })
    for spoken in speeches_by_item.values():  # in the order they were given (one may be taken out of turn)
        spoken.sort(key=given_order)
    votes_by_proposal: dict[int, list] = {}
    cancelled_by_proposal: dict[int, list] = {}
    per_unit = {v["id"]: v for v in register.unit_votes(db, mid)}
    for v in queries.votes_of_meeting(db, mid):
        vote = vote_record(v, lang, per_unit.get(v["id"]))
        given = reasons.get(("votes", v["id"]), [])
        if v["status"] == "cancelled":
            vote["reason"] = next((r["reason"] for r in given if r["kind"] == "cancelled"), "")
            cancelled_by_proposal.setdefault(v["proposal_id"], []).append(vote)
        else:
            vote["reason"] = next((r["reason"] for r in given if r["kind"] == "opened"), "")
            if v["method"] == "roll_call":  # a roll call records who voted how: the record says so
                vote["ballots"] = [{"participant_id": b["participant_id"], "name": names.get(b["participant_id"], ""),
                                    "choice": b["choice"]} for b in queries.ballots(db, v["id"])]
            votes_by_proposal.setdefault(v["proposal_id"], []).append(vote)
    proposals_by_item: dict[int, list] = {}
    for p in queries.proposals_of_meeting(db, mid):
        proposals_by_item.setdefault(p["item_id"], []).append({
            "id": p["id"], "text": p["text"], "proposer": names.get(p["proposer_id"]), "proposer_id": p["proposer_id"],
            "seconder": names.get(p["seconder_id"]), "seconder_id": p["seconder_id"],
            "amends": p["amends_id"], "status": p["status"],
            "submitted_at": p["submitted_at"], "votes": votes_by_proposal.get(p["id"], []),
            "cancelled_votes": cancelled_by_proposal.get(p["id"], []),
        })
    decisions_by_item: dict[Any, list] = {}
    for d in queries.decisions(db, mid):
        decisions_by_item.setdefault(d["item_id"], []).append({
            "id": d["id"], "text": d["text"], "proposal": d["proposal_id"], "vote": d["vote_id"],
            "decided_at": d["decided_at"],
        })
    progress = duty_reads.duty_notes_of_meeting(db, mid)
    actions = [{
        "id": a["id"], "task": a["task"], "owner": " ".join(x for x in (a["owner_party"], a["owner_person"]) if x),
        "owner_party": a["owner_party"], "owner_person": a["owner_person"], "due": a["due"],
        "status": a["status"], "item": a["item_id"], "notes": duty_reads.notes_text(a["notes"], progress.get(a["id"], [])),
        "evaluation": a["evaluation"],
        "done_at": a["done_at"],
    } for a in queries.actions(db, mid)]
    agenda = [{
        "id": i["id"], "position": i["position"], "title": i["title"], "description": i["description"],
        "status": i["status"], "timebox_minutes": i["timebox_minutes"], "matter": i["matter_id"],
        "started_at": i["started_at"], "ended_at": i["ended_at"],
        "close_reason": ([""] + [r["reason"] for r in reasons.get(("agenda_items", i["id"]), [])])[-1],
        "speeches": speeches_by_item.get(i["id"], []),
        "proposals": proposals_by_item.get(i["id"], []),
        "decisions": decisions_by_item.get(i["id"], []),
        "actions": [a for a in actions if a["item"] == i["id"]],
    } for i in queries.agenda(db, mid)]
    present, eligible = queries.attendance(db, mid)
    period, objections = _objections(db, mid, reasons)
    for proposal in (p for i in agenda for p in i["proposals"]):
        for vote in proposal["votes"]:
            if vote.get("objection_until") and period["until"]:  # the minutes say one date: the meeting's
                vote["objection_until"] = period["until"]
    return {
        "format": FORMAT,
        "id": mid,
        "title": meeting["title"],
        "community": meeting["community"],
        "venue": meeting["venue"],
        "kind": meeting["kind"],
        "status": meeting["status"],
        "scheduled_at": meeting["scheduled_at"],
        "started_at": meeting["started_at"],
        "ended_at": meeting["ended_at"],
        "facilitator": meeting["facilitator"],
        "note_taker": meeting["note_taker"],
        "rules": Rules.stored(json.loads(meeting["rules"] or "{}")).to_dict(),
        "attendance": {"present": present, "eligible": eligible},
        "rule_changes": [{"at": r["at"], "reason": r["reason"]} for r in reasons.get(("meetings", mid), [])],
        "participants": [_participant(p) for p in people],
        "agenda": agenda,
        "decisions": [d for ds in decisions_by_item.values() for d in ds],
        "actions": actions,
        "objection_period": period,
        "objections": objections,
        "log_head": head(db),
    }
