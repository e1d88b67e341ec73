"""`yiting matter …` and `yiting duty …`: the six steps from the command line, thin wrappers over
the desk and the store's reads (`yiting.store.matters`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from yiting.cli_common import Context, friendly, say
from yiting.i18n import t

KINDS = click.Choice(["resident", "grid_worker", "committee", "building_head"])
URGENCY = click.Choice(["low", "normal", "high", "urgent"])


@click.group(name="matter")
def matter_group() -> None:
    """The list of matters (议事清单): raise, sort, merge, dispatch, take into a meeting, close."""


@matter_group.command(name="add")
@click.argument("title")
@click.option("--description", "-d", default="", help="What the problem is, in a few lines.")
@click.option("--category", "-c", default="", help="A preset category: 漏水/leaks, 照明/lighting, 停车/parking …")
@click.option("--urgency", "-u", type=URGENCY, default="normal", show_default=True)
@click.option("--by", "raised_by", default="", help="Who raised it.")
@click.option("--kind", "raiser_kind", type=KINDS, default="resident", show_default=True, help="Who they are.")
@click.option("--named", "raiser_named", is_flag=True, help="The resident agreed to be named in public.")
@click.option("--building", "-b", default="", help="Where: the building (楼栋).")
@click.option("--at", "raised_at", default=None, help="When it was raised (YYYY-MM-DD [HH:MM]); default now.")
@click.pass_obj
@friendly
def add_matter(obj: Context, title: str, **fields: Any) -> None:
    """Raise a matter (随时说事)."""
    matter = obj.desk().raise_matter(title, **fields)
    say(t("cli_matters.added", id=matter["id"], title=matter["title"]))


def _raiser_shown(matter: dict[str, Any]) -> str:
    from yiting.publish.privacy import shown_raiser

    return shown_raiser({"name": matter["raised_by"], "kind": matter["raiser_kind"], "named": matter["raiser_named"]})


@matter_group.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the matters as JSON.")
@click.option("--step", type=click.Choice(["raised", "classified", "deliberating", "assigned", "evaluated", "closed"]),
              default=None, help="Only the matters at this step.")
@click.option("--merged", is_flag=True, help="Show the duplicates merged into others too.")
@click.pass_obj
@friendly
def list_matters(obj: Context, as_json: bool, step: str | None, merged: bool) -> None:
    """List the matters, newest first. People who raised them are masked unless they agreed."""
    from yiting.publish import matters_wording as words
    from yiting.store import matters as reads

    rows = reads.matter_list(obj.database(readonly=True), step=step, include_merged=merged)
    if as_json:
        keys = ("id", "title", "description", "category", "urgency", "status", "building", "raiser_kind",
                "raised_at", "sorted_at", "closed_at", "merged_into", "raisers", "duties", "duties_open")
        say(json.dumps([{**{k: r[k] for k in keys}, "raised_by": _raiser_shown(r)} for r in rows],
                       ensure_ascii=False, indent=2))
        return
    if not rows:
        say(t("cli_matters.none"))
    for r in rows:
        say(f"{r['id']:>4}  {r['raised_at'][:10]}  {words.step(r, obj.lang):6}  {words.category(r, obj.lang):6}"
            f"  {r['title']}  · {_raiser_shown(r)}"
            + (f"  (+{r['raisers'] - 1})" if r["raisers"] > 1 else ""))


@matter_group.command(name="show")
@click.argument("matter")
@click.option("--json", "as_json", is_flag=True, help="Print the path as JSON (raisers masked as in public).")
@click.pass_obj
@friendly
def show_matter(obj: Context, matter: str, as_json: bool) -> None:
    """Print a matter's whole path (全程查事): raised, sorted, meetings and their votes and
    decisions, duties, progress, done, evaluated."""
    from yiting.desk import Desk
    from yiting.domain.matters import path_steps
    from yiting.publish import matters_wording as words
    from yiting.publish.privacy import shown_raiser
    from yiting.store import matters as reads

    desk = Desk(obj.database(readonly=True), actor="cli")
    found = desk.matter(matter)
    path = reads.matter_path(desk.db, found["id"], desk.today())
    if as_json:
        moments = [{"at": m["at"], "kind": m["kind"], "text": words.moment_text(m, desk.today(), obj.lang)}
                   for m in path_steps(path)]
        shown = {**{k: v for k, v in found.items() if k not in ("raised_by", "raiser_named")},
                 "raised_by": _raiser_shown(found),
                 "raisers": [{"name": shown_raiser(r), "kind": r["kind"], "raised_at": r["raised_at"]}
                             for r in path["raisers"]],
                 "duties": [{k: e["duty"][k] for k in ("id", "task", "owner_party", "owner_person", "due", "status",
                                                       "evaluation", "meeting_id", "dispatched_by")}
                            for e in path["duties"]],
                 "path": moments}
        say(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for line in words.path_lines(path, path_steps(path), desk.today(), obj.lang):
        say(line)


@matter_group.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
@friendly
def import_matters(obj: Context, file: str) -> None:
    """Add the matters a grid worker collected, from a CSV file.

    Columns (English or Chinese headers): title/事项, description/描述, category/类别,
    urgency/紧急程度 (紧急, 较急, 一般, 不急), raised_by/提出人, raiser_kind/身份 (居民, 网格员,
    社区两委, 楼栋长), building/楼栋, raised_at/日期, named/公开姓名 (是/否). UTF-8 or GBK, as
    Excel saves it. Rows that cannot be taken are listed with their line; the rest are added.
    """
    from yiting.matters_csv import parse
    from yiting.store import matters as reads

    desk = obj.desk()
    existing = {(m["title"], m["building"]) for m in reads.matter_list(desk.db, include_merged=True)}
    parsed = parse(Path(file).read_bytes(), existing)
    for refusal in parsed.refused:
        say(t("roster.refused_line", line=refusal.line, name=refusal.name, reason=refusal.message()))
    if parsed.matters:
        desk.raise_matters(parsed.matters)
    say(t("cli_matters.imported", count=len(parsed.matters), refused=len(parsed.refused)))
    if parsed.refused:
        sys.exit(1)


@matter_group.command(name="sort")
@click.argument("matter")
@click.option("--category", "-c", default=None, help="A preset category.")
@click.option("--urgency", "-u", type=URGENCY, default=None)
@click.pass_obj
@friendly
def sort_matter(obj: Context, matter: str, category: str | None, urgency: str | None) -> None:
    """Sort a matter (分类理事): its category and urgency."""
    row = obj.desk().sort_matter(matter, category=category, urgency=urgency)
    say(t("cli_matters.sorted", id=row["id"], title=row["title"]))


@matter_group.command(name="merge")
@click.argument("kept")
@click.argument("duplicate")
@click.pass_obj
@friendly
def merge_matters(obj: Context, kept: str, duplicate: str) -> None:
    """Merge DUPLICATE into KEPT: the same problem raised twice; both raisers are kept."""
    row = obj.desk().merge_matters(kept, duplicate)
    say(t("cli_matters.merged", duplicate=duplicate, id=row["id"], title=row["title"]))


@matter_group.command(name="dispatch")
@click.argument("matter")
@click.argument("task")
@click.option("--party", "owner_party", default="", help="The party that takes it on (物业公司 …).")
@click.option("--person", "owner_person", default="", help="The person responsible.")
@click.option("--due", default=None, help="Due date (YYYY-MM-DD).")
@click.option("--by", "dispatched_by", default="", help="Who dispatches it (社区居委会 …).")
@click.pass_obj
@friendly
def dispatch_matter(obj: Context, matter: str, task: str, **fields: Any) -> None:
    """Dispatch a matter straight to a party as a duty, without a meeting (派单)."""
    duty = obj.desk().dispatch_matter(matter, task, **fields)
    say(t("cli_matters.dispatched", id=duty["id"], task=duty["task"]))


@matter_group.command(name="take")
@click.argument("matter")
@click.option("--meeting", "-m", required=True, help="The meeting id (see yiting list).")
@click.pass_obj
@friendly
def take_matter(obj: Context, matter: str, meeting: str) -> None:
    """Take a matter into a meeting (多方议事): an agenda item linked to it."""
    item = obj.desk().take_matter_into_meeting(matter, meeting)
    say(t("cli_matters.taken", title=item["title"], position=item["position"]))


@matter_group.command(name="close")
@click.argument("matter")
@click.option("--reason", default="", help="Why, if anything is worth saying.")
@click.pass_obj
@friendly
def close_matter(obj: Context, matter: str, reason: str) -> None:
    """Close a matter whose duties are all done (全程查事)."""
    row = obj.desk().close_matter(matter, reason)
    say(t("cli_matters.closed", id=row["id"], title=row["title"]))


@click.group(name="duty")
def duty_group() -> None:
    """The list of duties (履职清单): every meeting's action items and every dispatched duty."""


@duty_group.command(name="list")
@click.option("--party", default=None, help="Only this party's duties.")
@click.option("--person", default=None, help="Only this person's duties.")
@click.option("--overdue", is_flag=True, help="Only the overdue ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the duties as JSON.")
@click.pass_obj
@friendly
def list_duties(obj: Context, party: str | None, person: str | None, overdue: bool, as_json: bool) -> None:
    """List the duties, overdue first."""
    from yiting.desk import Desk
    from yiting.publish import matters_wording as words
    from yiting.store import matters as reads

    desk = Desk(obj.database(readonly=True), actor="cli")
    today = desk.today()
    rows = reads.duty_list(desk.db, today, party=party, person=person, overdue_only=overdue)
    if as_json:
        keys = ("id", "task", "owner_party", "owner_person", "due", "status", "overdue", "meeting_id",
                "meeting_title", "matter_id", "matter_title", "dispatched_by", "accepted_at", "done_at",
                "evaluation", "reopened")
        say(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        say(t("cli_matters.no_duties"))
    for r in rows:
        source = r["meeting_title"] or t("cli_matters.dispatched_source", by=r["dispatched_by"] or "—")
        say(f"{r['id']:>4}  {r['due'] or '':10}  {words.state(r, today, obj.lang):5}  {words.owner(r):14}"
            f"  {r['task']}  · {source}")
    counts = reads.duty_counts(desk.db, today)
    say(t("cli_matters.duty_counts", **counts), err=True)


def _duty_said(row: dict[str, Any]) -> None:
    say(t("cli_matters.duty_now", id=row["id"], task=row["task"], state=t(f"matters.duty_state.{row['status']}")))


@duty_group.command(name="accept")
@click.argument("duty")
@click.pass_obj
@friendly
def accept_duty(obj: Context, duty: str) -> None:
    """The party takes the duty on (接单): it is in progress."""
    _duty_said(obj.desk().accept_duty(duty))


@duty_group.command(name="note")
@click.argument("duty")
@click.argument("text")
@click.option("--by", "author", default="", help="Who reports the progress.")
@click.option("--on", "noted_on", default=None, help="The day (YYYY-MM-DD); default today.")
@click.pass_obj
@friendly
def note_duty(obj: Context, duty: str, text: str, author: str, noted_on: str | None) -> None:
    """Add a progress note to a duty."""
    note = obj.desk().add_duty_note(duty, text, author=author, noted_on=noted_on)
    say(t("cli_matters.noted", day=note["noted_on"]))


@duty_group.command(name="done")
@click.argument("duty")
@click.pass_obj
@friendly
def done_duty(obj: Context, duty: str) -> None:
    """Mark a duty done (办结)."""
    _duty_said(obj.desk().update_action(duty, status="done"))


@duty_group.command(name="evaluate")
@click.argument("duty")
@click.argument("satisfied")
@click.argument("fairly_satisfied")
@click.argument("dissatisfied")
@click.option("--paper", is_flag=True, help="Counted from paper forms (default: a show of hands at a meeting).")
@click.option("--meeting", "-m", default=None, help="The meeting where hands were counted.")
@click.option("--on", "taken_on", default=None, help="The day it was taken (YYYY-MM-DD); default today.")
@click.pass_obj
@friendly
def evaluate_duty(obj: Context, duty: str, satisfied: str, fairly_satisfied: str, dissatisfied: str, paper: bool,
                  meeting: str | None, taken_on: str | None) -> None:
    """Record residents' evaluation of a duty done (公开评事): counts of 满意 基本满意 不满意.
    More than half 不满意 reopens the duty."""
    from yiting.publish import matters_wording as words

    desk = obj.desk()
    judged = desk.record_evaluation(duty, satisfied, fairly_satisfied, dissatisfied,
                                    method="paper_forms" if paper else "show_of_hands",
                                    meeting_id=meeting, taken_on=taken_on)
    say(words.evaluation(judged, obj.lang))
    if judged["verdict"] == "dissatisfied":
        say(t("cli_matters.reopened"))


@duty_group.command(name="reopen")
@click.argument("duty")
@click.argument("reason")
@click.pass_obj
@friendly
def reopen_duty(obj: Context, duty: str, reason: str) -> None:
    """Open a duty marked done again, with the reason."""
    _duty_said(obj.desk().reopen_duty(duty, reason))


commands = [matter_group, duty_group]
