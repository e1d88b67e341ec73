"""The sentences the minutes say about a record, shared by the page, the Markdown and the CSV so
that they say the same thing: the meeting's span, attendance and participation, a speech's
line and the reasons given for it, a vote's result, figures and notes, an item's status."""

from __future__ import annotations

from datetime import date
from typing import Any

from yiting.domain import Rules, Spoken, Stance, VoteRule, label, quorum_rule_phrase, speaking_time
from yiting.i18n import t


def moment(value: str | None) -> str:
    """`2025-09-12T19:04:25+08:00` → `2025-09-12 19:04`."""
    return f"{value[:10]} {value[11:16]}".strip() if value else ""


def span(record: dict[str, Any], lang: str) -> str:
    """When the meeting was held: one day and its hours, or from its first to its last day."""
    start = record.get("started_at") or record.get("scheduled_at") or ""
    end = record.get("ended_at") or ""
    if not start:
        return ""
    if not end or end[:10] == start[:10]:
        if not end:
            return moment(start)
        return t("minutes.span_same_day", lang, day=start[:10], start=start[11:16], end=end[11:16])
    try:
        days = (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days + 1
    except ValueError:
        return moment(start)
    return t("minutes.span_days", lang, start=moment(start), end=moment(end), days=days)


def duration(seconds: int | None, lang: str) -> str:
    seconds = int(seconds or 0)
    if seconds >= 60:
        return t("minutes.minutes_seconds", lang, m=seconds // 60, s=seconds % 60)
    return t("minutes.seconds", lang, s=seconds)


def stance_labels(lang: str) -> dict[str, str]:
    """`{"pro": "赞成", …}`: looked up once per document, not once per speech."""
    return {stance.value: label(stance, lang) for stance in Stance}


def speech_text(speech: dict[str, Any], lang: str) -> str:
    """The note-taker's summary, or, when none was written, say so and how long they spoke."""
    if speech.get("summary"):
        return speech["summary"]
    missing = t("minutes.no_summary", lang)
    if speech.get("seconds"):
        return f"{missing} {t('minutes.duration', lang, time=duration(speech['seconds'], lang))}"
    return missing


def speech_notes(speech: dict[str, Any], lang: str) -> list[str]:
    """The departures from the rules a speech had, each with the facilitator's reason."""
    return [t(f"minutes.override.{o['kind']}", lang, reason=o["reason"], seconds=o.get("seconds", 0))
            for o in speech.get("overrides", [])]


def rule_notes(record: dict[str, Any], lang: str) -> list[str]:
    return [t("minutes.rules_changed", lang, time=moment(c["at"]), reason=c["reason"])
            for c in record.get("rule_changes", [])]


def _length(seconds: int, lang: str) -> str:
    """A time limit as the rules say it: 2 分钟, or 1 分 30 秒 when not whole minutes."""
    if seconds % 60 == 0:
        return t("order.rules.whole_minutes", lang, m=seconds // 60)
    return duration(seconds, lang)


def rules_in_force(record: dict[str, Any], lang: str) -> list[str]:
    """Every rule that decided something at the meeting, in words, so that no hidden setting
    decides an outcome: speech length and count, the order of speakers and points of order,
    each vote rule used with its threshold, how abstentions and ties count, and the quorum."""
    rules = Rules.stored(record.get("rules"))
    lines = [
        t("order.rules.speeches", lang, per=rules.speeches_per_person,
          time=_length(rules.speech_seconds, lang), warn=rules.warn_seconds),
        t("order.rules.order", lang),
    ]
    if rules.party_seconds:
        lines.append(t("order.rules.party_budget", lang, time=_length(rules.party_seconds, lang)))
    used = [VoteRule(v["rule"]) for i in record.get("agenda", ()) for p in i["proposals"] for v in p["votes"]]
    for rule in dict.fromkeys([rules.vote_rule, *used]):
        key = "order.rules.vote_default" if rule is rules.vote_rule else "order.rules.vote_also"
        lines.append(t(key, lang, rule=label(rule, lang), how=t(f"order.rules.vote.{rule.value}", lang)))
    quorum_key = "order.rules.no_quorum" if rules.quorum_kind.value == "none" else "order.rules.quorum"
    lines.append(t(quorum_key, lang, quorum=quorum_rule_phrase(rules).text(lang)))
    return lines


def speaking_time_line(speeches: list[dict[str, Any]], parties: dict[Any, str], lang: str, *,
                       people: bool = False) -> str:
    """Who held the floor how long: by party ("居民 3 分 20 秒（2 次）· 物业公司 …"), or, with
    `people`, by speaker as the record shows them (masked where they did not agree)."""
    time = speaking_time(Spoken(s.get("speaker_id"), parties.get(s.get("speaker_id"), ""), s.get("seconds") or 0)
                         for s in speeches if s.get("started_at"))
    names = {s.get("speaker_id"): s["speaker"] for s in speeches}
    shares = time.by_person if people else time.by_party
    sep = "；" if lang == "zh" else "; "
    return sep.join(t("order.minutes.time_share", lang,
                      who=(names.get(share.key) if people else share.key) or t("order.time.no_party", lang),
                      time=duration(share.seconds, lang), n=share.speeches) for share in shares)


def votes_in_order(proposal: dict[str, Any]) -> list[dict[str, Any]]:
    """A proposal's votes, the cancelled ones among them, in the order they were opened."""
    return sorted([*proposal["votes"], *proposal.get("cancelled_votes", [])], key=lambda v: v["id"])


def is_owners_vote(vote: dict[str, Any]) -> bool:
    return "yes_area_m2" in vote


# How a vote came out, in words: on the page (with its marks), or plain for a spreadsheet cell.
_RESULT_KEYS = {False: ("pub.vote_open", "pub.passed", "pub.failed"), True: ("csv.open", "csv.passed", "csv.failed")}


def vote_result(vote: dict[str, Any], lang: str, *, plain: bool = False) -> str:
    still_open, passed, failed = _RESULT_KEYS[plain]
    if vote["status"] == "cancelled":
        return t("minutes.cancelled_result", lang)
    if vote["status"] != "closed":
        return t(still_open, lang)
    if vote["consultative"]:
        return t("minutes.consultative_result", lang)
    return t(passed, lang) if vote["passed"] else t(failed, lang)


def roll_call_lines(vote: dict[str, Any], lang: str) -> list[str]:
    """A roll call's names by choice ("记名表决 · 赞成：王**、陈静"), from a public record's vote."""
    lines = []
    for choice in ("yes", "no", "abstain"):
        names = [b["name"] for b in vote.get("ballots", ()) if b["choice"] == choice]
        if names:
            lines.append(t("pub.roll_call", lang, choice=t(f"pub.choice_{choice}", lang),
                           names=("、" if lang == "zh" else ", ").join(names)))
    return lines


def vote_figures(vote: dict[str, Any], lang: str) -> str:
    """The counts. An owners' vote counts who voted (in the hall or at their door) among all
    owners: that is participation, not attendance, and says so."""
    counts = {k: vote[k] for k in ("yes", "no", "abstain", "present", "eligible")}
    if is_owners_vote(vote):
        return t("minutes.owner_figures", lang, cast=vote["yes"] + vote["no"] + vote["abstain"], **counts)
    return t("minutes.figures", lang, **counts)


def vote_notes(vote: dict[str, Any], lang: str) -> list[str]:
    """What the record says about a vote beyond its count: cancelled, consultative, a correction."""
    notes = []
    if vote["status"] == "cancelled":
        notes.append(t("minutes.cancelled", lang, time=moment(vote.get("closed_at")), reason=vote.get("reason", "")))
    elif vote["consultative"]:
        notes.append(t("minutes.consultative_reason", lang, reason=vote["reason"]) if vote.get("reason")
                     else t("minutes.consultative", lang))
    if vote.get("corrects"):
        notes.append(t("pub.correction", lang, reason=vote["correction_reason"]))
    if vote.get("denominators"):  # an owners' vote counted per unit
        notes.append(t("owners.minutes_denominators", lang, denominators=vote["denominators"]))
        if vote.get("objection_until"):
            notes.append(t("owners.minutes_objection", lang, until=vote["objection_until"]))
    return notes


def adopted(proposal: dict[str, Any]) -> bool:
    return proposal["status"] == "adopted"


def adopted_without_decision(item: dict[str, Any]) -> list[dict[str, Any]]:
    """Proposals adopted by vote on an item for which no decision was written down."""
    if item["decisions"]:
        return []
    return [p for p in item["proposals"] if adopted(p)]


def item_status(item: dict[str, Any], lang: str) -> str:
    """The item's status as the record has it: an item left open at the close is recorded as
    deferred, but one whose proposal was adopted by vote was not put off."""
    if item["status"] in ("deferred", "discussing", "voting") and any(adopted(p) for p in item["proposals"]):
        key = "minutes.item_adopted" if item["decisions"] else "minutes.item_adopted_no_decision"
        return t(key, lang)
    return t("item." + item["status"], lang)


def item_notes(item: dict[str, Any], lang: str) -> list[str]:
    """The reason given when the item was closed: why it was deferred or withdrawn."""
    if not item.get("close_reason"):
        return []
    key = f"minutes.item_reason_{item['status']}" if item["status"] in ("deferred", "withdrawn") else "minutes.item_reason"
    return [t(key, lang, reason=item["close_reason"])]


def attendance_facts(record: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """到会 (voters checked in) and, when there was an owners' vote, 参与表决 (owners who voted,
    many at their doors): two different figures, each named for what it counts."""
    facts = []
    present, eligible = record["attendance"]["present"], record["attendance"]["eligible"]
    if present:  # nobody checked in (ballots collected door to door): the votes tell participation
        facts.append((t("export.attendance", lang), t("minutes.attendance", lang, present=present, eligible=eligible)))
    owner_votes = [v for i in record["agenda"] for p in i["proposals"] for v in p["votes"]
                   if is_owners_vote(v) and v["status"] == "closed"]
    if owner_votes:
        vote = owner_votes[-1]
        facts.append((t("minutes.participation", lang), t(
            "minutes.participation_value", lang, cast=vote["yes"] + vote["no"] + vote["abstain"],
            eligible=vote["eligible"])))
    return facts
