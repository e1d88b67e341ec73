"""`yiting objection`: the objection period (询异期) of a meeting, and the objections residents
raise after its minutes are published, with their answers. Registered by `yiting.cli`."""

from __future__ import annotations

import json

import click

from yiting.cli_common import Context, friendly, say
from yiting.i18n import t


@click.group(name="objection")
def objection() -> None:
    """The objection period after the minutes are published (询异期): set it, record objections
    and their answers, list them. Publish again afterwards: the next version of the minutes
    shows them."""


@objection.command(name="period")
@click.argument("meeting")
@click.option("--days", help="How many days residents may object once the minutes are published (1-90; default 7).")
@click.option("--contact", help="Where or to whom to object: an office or an official phone, never a resident's.")
@click.option("--reason", default="", help="Why it changes (needed once the minutes are published; it is logged).")
@click.pass_obj
@friendly
def period(obj: Context, meeting: str, days: str | None, contact: str | None, reason: str) -> None:
    """Show or set a meeting's objection period."""
    desk = obj.desk()
    if days is not None or contact is not None:
        desk.set_objection_period(meeting, days=days, contact=contact, reason=reason)
        say(t("objection.cli_period_set"))
    _say_period(desk, meeting)


def _say_period(desk, meeting: str) -> None:
    setting = desk.objection_period(meeting)
    say(t("objection.cli_period", days=setting["days"], contact=setting["contact"] or t("objection.cli_no_contact")))
    if setting["until"]:
        say(t("objection.cli_runs", start=setting["from"], until=setting["until"]))
    else:
        say(t("objection.cli_not_started"))


@objection.command(name="add")
@click.argument("meeting")
@click.argument("text")
@click.option("--person", "person", help="The objector's id on the meeting's roster (see yiting export).")
@click.option("--name", default="", help="The objector's name as given, if not on the roster (or leave it out).")
@click.option("--named", is_flag=True, help="They agreed to be named in the published minutes.")
@click.option("--received", help="When it was received, e.g. 2026-12-08 10:20 (default: now).")
@click.pass_obj
@friendly
def add(obj: Context, meeting: str, text: str, person: str | None, name: str, named: bool,
        received: str | None) -> None:
    """Record an objection to a closed meeting's result. A resident is named in public only
    with their consent (--named, or as the roster says); otherwise as 王**."""
    row = obj.desk().add_objection(meeting, text, participant_id=person, name=name, named=named,
                                   received_at=received)
    say(t("objection.cli_added", id=row["id"]))


@objection.command(name="answer")
@click.argument("objection_id")
@click.argument("answer")
@click.option("--by", "by", required=True, help="Who answers: an office or a person in an official capacity.")
@click.option("--at", "at", help="When it was answered (default: now).")
@click.option("--reason", default="", help="Why an answer already given changes (it is logged).")
@click.pass_obj
@friendly
def answer(obj: Context, objection_id: str, answer: str, by: str, at: str | None, reason: str) -> None:
    """Record the answer to an objection."""
    obj.desk().answer_objection(objection_id, answer, answered_by=by, answered_at=at, reason=reason)
    say(t("objection.cli_answered", id=objection_id))


@objection.command(name="list")
@click.argument("meeting")
@click.option("--json", "as_json", is_flag=True, help="Print the objections as JSON.")
@click.pass_obj
@friendly
def list_objections(obj: Context, meeting: str, as_json: bool) -> None:
    """A meeting's objection period and its objections, oldest first (names as recorded:
    this is the office's list, not the published one)."""
    from yiting.desk import Desk

    desk = Desk(obj.database(readonly=True), actor="cli")
    rows = desk.objections(meeting)
    if as_json:
        keys = ("id", "name", "participant_id", "named", "text", "received_at", "answer", "answered_by", "answered_at")
        say(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False, indent=2))
        return
    _say_period(desk, meeting)
    if not rows:
        say(t("objection.cli_none"))
    for r in rows:
        who = r["name"] or t("objection.not_named")
        say(f"#{r['id']}  {r['received_at'][:16].replace('T', ' ')}  {who}"
            f"{'' if r['named'] else ' ' + t('objection.cli_not_public')}")
        say("    " + " ".join(r["text"].split()))
        if r["answer"]:
            say("    → " + t("objection.answered", at=(r["answered_at"] or "")[:16].replace("T", " "),
                             by=r["answered_by"], answer=" ".join(r["answer"].split())))
        else:
            say("    → " + t("objection.awaiting"))


commands: list[click.Command] = [objection]
