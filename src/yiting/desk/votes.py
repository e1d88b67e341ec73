"""Proposals and votes: quorum first, tallies checked, a closed vote never edited."""

from __future__ import annotations

from typing import Any

from yiting.desk.base import Row, action, clean_text, parse_area, parse_date
from yiting.desk.owners import OwnersDesk
from yiting.domain import (
    Tally,
    VoteMethod,
    VoteRule,
    decide,
    explain,
    quorum_met,
    quorum_phrase,
    validate_tally,
)
from yiting.errors import InvalidInput, RuleViolation, YitingError
from yiting.parsing import parse_count
from yiting.store import lookups, queries
from yiting.store import owners as register
from yiting.store.log import Changeset

CHOICES = ("yes", "no", "abstain")


def _verdict(vote: Row, passed: bool) -> int | None:
    """What is stored as `passed`: nothing for a consultative vote, which decides nothing."""
    return None if vote["consultative"] else int(passed)


class VoteDesk(OwnersDesk):
    # -- proposals -------------------------------------------------------------------------
    @action
    def submit_proposal(
        self,
        item_id: Any,
        text: str,
        *,
        proposer_id: Any = None,
        seconder_id: Any = None,
        amends_id: Any = None,
    ) -> Row:
        """Record a proposal (方案/动议) on an item; `amends_id` makes it an amendment."""
        item = self._get("agenda_items", item_id)
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        values: dict[str, Any] = {
            "item_id": item["id"],
            "text": clean_text(text, "text", required=True, limit=2000),
            "status": "submitted",
            "submitted_at": self.now(),
        }
        for field, pid in (("proposer_id", proposer_id), ("seconder_id", seconder_id)):
            if pid not in (None, ""):
                person = self._get("participants", pid)
                if person["meeting_id"] != meeting["id"]:
                    raise InvalidInput("desk.not_on_roster", name=person["name"])
                values[field] = person["id"]
        if amends_id not in (None, ""):
            amended = self._get("proposals", amends_id)
            if amended["item_id"] != item["id"]:
                raise InvalidInput("desk.amends_other_item")
            values["amends_id"] = amended["id"]
        with self._change("submit_proposal", meeting["id"]) as cs:
            return self._get("proposals", cs.insert("proposals", values))

    @action
    def withdraw_proposal(self, proposal_id: Any) -> Row:
        proposal = self._get("proposals", proposal_id)
        item = self._get("agenda_items", proposal["item_id"])
        self._require_status(self._meeting_of_item(item), "open")
        if proposal["status"] != "submitted":
            raise YitingError("desk.proposal_not_submitted")
        with self._change("withdraw_proposal", item["meeting_id"]) as cs:
            return cs.update("proposals", proposal["id"], status="withdrawn")

    # -- votes -----------------------------------------------------------------------------
    def electorate(self, meeting_id: Any, rule: str | None = None) -> dict[str, Any]:
        """Who may vote now in a meeting, by `rule` (default: an ordinary vote, whose present and
        eligible voters the quorum counts): `present`, `eligible` and `eligible_area`."""
        meeting = self.meeting(meeting_id)
        try:
            rule_value = VoteRule(rule) if rule else VoteRule.PLAIN_MAJORITY
        except ValueError:
            raise InvalidInput("desk.bad_choice", field="rule", value=str(rule)) from None
        return self._electorate(meeting["id"], rule_value)

    def _electorate(self, meeting_id: int, rule: VoteRule, scope: str = "") -> dict[str, Any]:
        """Who may vote: present/eligible voters, or for an owners' vote all owners and their area
        (from the register of units when the meeting has one)."""
        if rule.is_art278 and register.has_units(self.db, meeting_id):
            return self._unit_electorate(meeting_id, scope)
        if rule.is_art278:
            owners = queries.owners(self.db, meeting_id)
            return {"present": len(owners), "eligible": len(owners),
                    "eligible_area": round(sum(o["area_m2"] for o in owners), 2)}
        present, eligible = queries.attendance(self.db, meeting_id)
        return {"present": present, "eligible": eligible, "eligible_area": 0}

    @action
    def open_vote(self, proposal_id: Any, method: str = "show_of_hands", rule: str | None = None,
                  *, consultative: bool = False, reason: str = "", scope: str = "",
                  objection_until: Any = None) -> Row:
        """Open a vote on a proposal. Without quorum it is refused, unless the facilitator records
        it as consultative only, with the facilitator's reason logged. An owners' vote (art. 278)
        is counted per owner; with a register of units, per unit over all units of the property
        (or of the building `scope`), ballots entered as they come back (`record_unit_ballot`)."""
        proposal = self._get("proposals", proposal_id)
        item = self._get("agenda_items", proposal["item_id"])
        meeting = self._meeting_of_item(item)
        self._require_status(meeting, "open")
        if proposal["status"] != "submitted":
            raise YitingError("desk.proposal_not_submitted")
        if queries.open_vote(self.db, meeting["id"]) is not None:
            raise YitingError("desk.vote_already_open")
        rules = self.rules(meeting["id"])
        try:
            method_value = VoteMethod(method)
            rule_value = VoteRule(rule) if rule else rules.vote_rule
        except ValueError:
            raise InvalidInput("desk.bad_choice", field="rule", value=f"{method}/{rule}") from None
        scope = clean_text(scope, "building", limit=100)
        if scope and (not rule_value.is_art278 or scope not in register.buildings(self.db, meeting["id"])):
            raise InvalidInput("owners.no_such_building", building=scope)
        electorate = self._electorate(meeting["id"], rule_value, scope)
        if rule_value.is_art278:
            if method_value == VoteMethod.SHOW_OF_HANDS:
                raise InvalidInput("desk.owners_vote_method")
            if electorate["eligible"] == 0:
                raise YitingError("desk.no_owners")
        elif electorate["eligible"] == 0:
            raise YitingError("desk.no_voters")
        elif not quorum_met(rules, electorate["present"], electorate["eligible"]) and not consultative:
            raise RuleViolation("desk.no_quorum", detail=quorum_phrase(
                rules, electorate["present"], electorate["eligible"]))
        values = {"proposal_id": proposal["id"], "method": method_value.value, "rule": rule_value.value,
                  "status": "open", "consultative": 1 if consultative else 0, "opened_at": self.now(),
                  **electorate}
        unit_vote = {"scope": scope, "denominators": values.pop("denominators", None),
                     "objection_until": parse_date(objection_until) if objection_until not in (None, "") else None}
        note = clean_text(reason, "reason", limit=500) or ("consultative" if consultative else "")
        with self._change("open_vote", meeting["id"], note) as cs:
            vote_id = cs.insert("votes", values)
            if unit_vote["denominators"] is not None:
                cs.insert("unit_votes", {"vote_id": vote_id, **unit_vote})
            cs.update("proposals", proposal["id"], status="voting")
            cs.update("agenda_items", item["id"], status="voting")
        return self._get("votes", vote_id)

    def _open_vote_row(self, vote_id: Any) -> tuple[Row, int]:
        vote = self._get("votes", vote_id)
        if vote["status"] != "open":
            raise YitingError("desk.vote_closed")
        proposal = self._get("proposals", vote["proposal_id"])
        meeting_id = self._get("agenda_items", proposal["item_id"])["meeting_id"]
        return vote, meeting_id

    def _tally(self, vote: Row, **counts: Any) -> Tally:
        return Tally.from_row(vote, **counts)

    def _refresh_present(self, vote: Row, meeting_id: int) -> dict[str, Any]:
        if register.unit_vote(self.db, vote["id"]) is not None:
            return {}  # counted per unit: the denominators were fixed when the vote opened
        return self._electorate(meeting_id, VoteRule(vote["rule"]))

    def _not_per_unit(self, vote: Row) -> None:
        if register.unit_vote(self.db, vote["id"]) is not None:
            raise YitingError("owners.enter_per_unit")

    @action
    def adjust_count(self, vote_id: Any, choice: str, delta: int = 1) -> Row:
        """Show of hands: add (or with delta=-1 take back) one yes, no or abstention."""
        vote, meeting_id = self._open_vote_row(vote_id)
        self._not_per_unit(vote)
        if choice not in CHOICES:
            raise InvalidInput("desk.bad_choice", field="choice", value=choice)
        if vote["method"] == VoteMethod.ROLL_CALL.value:
            raise YitingError("desk.roll_call_counts")
        electorate = self._refresh_present(vote, meeting_id)
        new_count = vote[choice] + int(delta)
        if new_count < 0:
            raise InvalidInput("desk.negative_count", field=choice)
        validate_tally(self._tally(vote, **{choice: new_count}, **electorate), VoteRule(vote["rule"]))
        with self._change("adjust_count", meeting_id) as cs:
            return cs.update("votes", vote["id"], **{choice: new_count}, **electorate)

    @action
    def set_counts(self, vote_id: Any, yes: Any, no: Any, abstain: Any = 0, *, yes_area: Any = None,
                   no_area: Any = None, abstain_area: Any = None) -> Row:
        """Paper ballot: type the counts after the tally (and the areas, for an owners' vote)."""
        vote, meeting_id = self._open_vote_row(vote_id)
        self._not_per_unit(vote)
        if vote["method"] == VoteMethod.ROLL_CALL.value:
            raise YitingError("desk.roll_call_counts")
        counts = self._parse_counts(vote, yes, no, abstain, yes_area, no_area, abstain_area)
        counts.update(self._refresh_present(vote, meeting_id))
        validate_tally(self._tally(vote, **counts), VoteRule(vote["rule"]))
        with self._change("set_counts", meeting_id) as cs:
            return cs.update("votes", vote["id"], **counts)

    def _parse_counts(self, vote: Row, yes: Any, no: Any, abstain: Any, yes_area: Any, no_area: Any,
                      abstain_area: Any) -> dict[str, Any]:
        counts: dict[str, Any] = {"yes": parse_count(yes, "yes"), "no": parse_count(no, "no"),
                                  "abstain": parse_count(abstain, "abstain")}
        if VoteRule(vote["rule"]).is_art278:
            for name, value in (("yes_area", yes_area), ("no_area", no_area), ("abstain_area", abstain_area)):
                area = parse_area(value)
                if area is None and counts[name[:-5]]:
                    raise InvalidInput("desk.area_required", field=name)
                counts[name] = area or 0.0
        return counts

    @action
    def cast_ballot(self, vote_id: Any, participant_id: Any, choice: str) -> Row:
        """Roll call: record one person's vote (a second call changes it while the vote is open)."""
        vote, meeting_id = self._open_vote_row(vote_id)
        self._not_per_unit(vote)
        if vote["method"] == VoteMethod.SHOW_OF_HANDS.value:
            raise YitingError("desk.not_roll_call")
        if choice not in CHOICES:
            raise InvalidInput("desk.bad_choice", field="choice", value=choice)
        person = self._get("participants", participant_id)
        owners_vote = VoteRule(vote["rule"]).is_art278
        if person["meeting_id"] != meeting_id or not (person["voting"] or owners_vote):
            # an owner's say in an owners' vote does not depend on the residents' meeting's 表决权
            raise InvalidInput("desk.not_a_voter", name=person["name"])
        if owners_vote and not (person["area_m2"] or 0) > 0:
            raise InvalidInput("desk.not_an_owner", name=person["name"])
        if not owners_vote and not person["checked_in_at"]:
            raise InvalidInput("desk.not_present", name=person["name"])
        existing = lookups.ballot_id(self.db, vote["id"], person["id"])
        with self._change("cast_ballot", meeting_id) as cs:
            if existing:
                cs.update("ballots", existing, choice=choice, cast_at=self.now())
            else:
                cs.insert("ballots", {"vote_id": vote["id"], "participant_id": person["id"], "choice": choice,
                                      "area_m2": person["area_m2"] or 0, "cast_at": self.now()})
            return self._recount(cs, vote, meeting_id)

    @action
    def clear_ballot(self, vote_id: Any, participant_id: Any) -> Row:
        vote, meeting_id = self._open_vote_row(vote_id)
        person = self._get("participants", participant_id)
        existing = lookups.ballot_id(self.db, vote["id"], person["id"])
        if not existing:
            return vote
        with self._change("clear_ballot", meeting_id) as cs:
            cs.delete("ballots", existing)
            return self._recount(cs, vote, meeting_id)

    def _recount(self, cs: Changeset, vote: Row, meeting_id: int) -> Row:
        counts: dict[str, Any] = {"yes": 0, "no": 0, "abstain": 0, "yes_area": 0.0, "no_area": 0.0,
                                  "abstain_area": 0.0}
        for ballot in queries.ballots(self.db, vote["id"]):
            counts[ballot["choice"]] += 1
            counts[ballot["choice"] + "_area"] += ballot["area_m2"]
        for name in ("yes_area", "no_area", "abstain_area"):
            counts[name] = round(counts[name], 2)
        counts.update(self._refresh_present(vote, meeting_id))
        return cs.update("votes", vote["id"], **counts)

    @action
    def close_vote(self, vote_id: Any) -> Row:
        """Close a vote: the rule decides, the result and its sentence are recorded, and the
        proposal is adopted or rejected (a consultative vote decides nothing)."""
        vote, meeting_id = self._open_vote_row(vote_id)
        electorate = self._refresh_present(vote, meeting_id)
        rule = VoteRule(vote["rule"])
        tally = self._tally(vote, **electorate)
        outcome = decide(rule, tally)
        with self._change("close_vote", meeting_id) as cs:
            row = cs.update("votes", vote["id"], status="closed", closed_at=self.now(),
                            passed=_verdict(vote, outcome.passed), **electorate,
                            explanation=explain(rule, tally, consultative=bool(vote["consultative"])))
            self._settle_proposal(cs, row, outcome.passed)
        return self._get("votes", vote["id"])

    @action
    def cancel_vote(self, vote_id: Any, reason: str) -> Row:
        """Call off an open vote (opened by mistake); the reason is logged."""
        vote, meeting_id = self._open_vote_row(vote_id)
        reason = clean_text(reason, "reason", required=True, limit=500)
        with self._change("cancel_vote", meeting_id, reason) as cs:
            row = cs.update("votes", vote["id"], status="cancelled", closed_at=self.now())
            proposal = self._get("proposals", vote["proposal_id"])
            cs.update("proposals", proposal["id"], status="submitted")
            cs.update("agenda_items", proposal["item_id"], status="discussing")
            return row

    def correctable_vote(self, vote_id: Any) -> Row:
        """The vote, if its count may be corrected (it is closed and counted by hand); else the
        refusal, saying how to correct it instead."""
        vote = self._get("votes", vote_id)
        if register.unit_vote(self.db, vote["id"]) is not None:
            # its count is its ballots per unit: a new count typed in would stand without them
            raise YitingError("owners.correct_open" if vote["status"] == "open" else "owners.correct_closed")
        if vote["status"] != "closed":
            raise YitingError("desk.vote_not_closed")
        return vote

    @action
    def correct_vote(self, vote_id: Any, reason: str, yes: Any, no: Any, abstain: Any = 0, *,
                     yes_area: Any = None, no_area: Any = None, abstain_area: Any = None) -> Row:
        """Correct a closed vote's count. The closed vote stays as it was; the correction is a new
        vote that names it and the reason, and decides the proposal anew."""
        original = self.correctable_vote(vote_id)
        proposal = self._get("proposals", original["proposal_id"])
        meeting_id = self._get("agenda_items", proposal["item_id"])["meeting_id"]
        if queries.open_vote(self.db, meeting_id) is not None:
            # settling the proposal anew would pull the item out of the vote under way
            raise YitingError("desk.vote_still_open")
        reason = clean_text(reason, "reason", required=True, limit=500)
        counts = self._parse_counts(original, yes, no, abstain, yes_area, no_area, abstain_area)
        tally = self._tally(original, **counts)
        outcome = decide(VoteRule(original["rule"]), tally)
        now = self.now()
        values = {k: original[k] for k in ("proposal_id", "method", "rule", "consultative", "present",
                                            "eligible", "eligible_area")}
        values.update(counts, status="closed", opened_at=now, closed_at=now,
                      passed=_verdict(original, outcome.passed),
                      explanation=explain(VoteRule(original["rule"]), tally,
                                          consultative=bool(original["consultative"])),
                      corrects_vote_id=original["id"], correction_reason=reason)
        with self._change("correct_vote", meeting_id, reason) as cs:
            row = self._get("votes", cs.insert("votes", values))
            self._settle_proposal(cs, row, outcome.passed)
        return self._get("votes", row["id"])

    def _settle_proposal(self, cs: Changeset, vote: Row, passed: bool) -> None:
        proposal = self._get("proposals", vote["proposal_id"])
        if vote["consultative"]:
            status = "submitted"
        else:
            status = "adopted" if passed else "rejected"
        cs.update("proposals", proposal["id"], status=status)
        item = self._get("agenda_items", proposal["item_id"])
        if item["status"] == "voting":
            cs.update("agenda_items", item["id"], status="discussing")
