"""The owners' commands of `yiting`: the register of units (`yiting units …`) and owners' votes
counted per unit (`yiting owners-vote …`); registered by `yiting.cli`."""

from __future__ import annotations

from pathlib import Path

import click

from yiting.cli_common import Context, friendly, say
from yiting.i18n import t


@click.group(name="units")
def units_group() -> None:
    """The register of units (专有部分) and owners of a meeting's property (业主大会)."""


@units_group.command(name="list")
@click.option("--meeting", "-m", required=True, help="The meeting id (see yiting list).")
@click.option("--building", default="", help="Only this building (a vote of one building).")
@click.pass_obj
@friendly
def list_units(obj: Context, meeting: str, building: str) -> None:
    """The units with their area, its source and their owners, then the art. 278 denominators."""
    from yiting.store import owners as register

    desk = obj.desk()
    target = desk.meeting(meeting)
    for row in register.register(desk.db, target["id"], building):
        place = " ".join(p for p in (row["building"], row["label"]) if p)
        say(t("owners.cli_unit_line", id=row["id"], unit=place, area=f"{row['area_m2']:.2f}",
              source=t(f"owners.source.{row['area_source']}"), owners="、".join(row["owner_names"]) or "—"))
    say(desk.owners_denominators(target["id"], building).sentence())


@units_group.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--meeting", "-m", required=True, help="The meeting id (see yiting list).")
@click.pass_obj
@friendly
def import_units(obj: Context, file: str, meeting: str) -> None:
    """Add units from a CSV file (comma, tab or semicolon; UTF-8 or GBK, as Excel saves it).

    Columns, English or Chinese headers: building/楼栋, unit/房号, area/面积 (m²),
    area_source/面积来源 (登记簿, 实测 or 合同; empty: 登记簿), owners/业主 (co-owners as
    "王芳、李明", or one a row repeating the unit), developer/开发商 (是: an unsold unit). All
    units or, when a line is wrong, none; the message names the line.
    """
    from yiting.units_csv import parse_units

    desk = obj.desk()
    target = desk.meeting(meeting)
    added = desk.import_units(target["id"], parse_units(Path(file).read_bytes()))
    say(t("owners.cli_imported", count=len(added)))
    say(desk.owners_denominators(target["id"]).sentence())


def _unit_options(command):
    for option in reversed([
        click.option("--building", default=None, help="The building, e.g. 12号楼1单元."),
        click.option("--area", default=None, help="The exclusive floor area in m²."),
        click.option("--source", default=None, help="Where the area comes from: 登记簿, 实测 or 合同."),
        click.option("--owners", default=None, help="The owners, co-owners as 王芳、李明."),
        click.option("--developer/--not-developer", default=None, help="An unsold unit of the developer."),
    ]):
        command = option(command)
    return command


@units_group.command(name="add")
@click.option("--meeting", "-m", required=True, help="The meeting id (see yiting list).")
@click.option("--unit", "label", required=True, help="The unit, e.g. 301.")
@_unit_options
@click.pass_obj
@friendly
def add_unit(obj: Context, meeting: str, label: str, building: str | None, area: str | None, source: str | None,
             owners: str | None, developer: bool | None) -> None:
    """Add one unit to the register."""
    row = obj.desk().add_unit(meeting, label, area, building=building or "", area_source=source or "",
                              owners=owners or "", developer=bool(developer))
    say(t("owners.cli_added", id=row["id"]))


@units_group.command(name="edit")
@click.argument("unit_id")
@click.option("--unit", "label", default=None, help="The unit, e.g. 301.")
@_unit_options
@click.pass_obj
@friendly
def edit_unit(obj: Context, unit_id: str, label: str | None, building: str | None, area: str | None,
              source: str | None, owners: str | None, developer: bool | None) -> None:
    """Change a unit: only the options given change."""
    given = {"label": label, "building": building, "area_m2": area, "area_source": source, "owners": owners,
             "developer": developer}
    obj.desk().edit_unit(unit_id, **{k: v for k, v in given.items() if v is not None})
    say(t("owners.cli_edited", id=unit_id))


@units_group.command(name="remove")
@click.argument("unit_id")
@click.pass_obj
@friendly
def remove_unit(obj: Context, unit_id: str) -> None:
    """Take a unit off the register (refused once a ballot of it was counted)."""
    obj.desk().remove_unit(unit_id)
    say(t("owners.cli_removed", id=unit_id))


@click.group(name="owners-vote")
def owners_vote_group() -> None:
    """Owners' votes counted per unit, ballots entered as they come back over days."""


@owners_vote_group.command(name="status")
@click.argument("vote_id")
@click.pass_obj
@friendly
def status(obj: Context, vote_id: str) -> None:
    """Where the vote stands: participation and agreement, and what is still needed."""
    from yiting.domain import VoteRule
    from yiting.domain.owners import needed_sentences

    count = obj.desk().owners_count(vote_id)
    say(count["denominators"].sentence())
    say(t("owners.cli_returned", returned=len(count["ballots"]), units=len(count["units"])))
    if count["vote"]["status"] != "open":  # what the closed vote decided, as the record says it
        from yiting.domain import recorded_explanation

        say(recorded_explanation(count["vote"]) or "")
        return
    for line in needed_sentences(VoteRule(count["vote"]["rule"]), count["needed"]):
        say(line)


@owners_vote_group.command(name="ballot")
@click.argument("vote_id")
@click.argument("unit")
@click.argument("choice")
@click.option("--by", "collected_by", default="", help="Who collected the ballot.")
@click.option("--at", "collected_at", default=None, help="When it was collected, e.g. 2023-03-19 15:20 (default: now).")
@click.pass_obj
@friendly
def ballot(obj: Context, vote_id: str, unit: str, choice: str, collected_by: str, collected_at: str | None) -> None:
    """Enter one returned ballot: UNIT (its id or "12号楼1单元 301") and CHOICE (同意, 反对, 弃权)."""
    from yiting.domain import VoteRule
    from yiting.domain.owners import choice_from_text, needed_sentences, unit_label

    desk = obj.desk()
    count = desk.owners_count(vote_id)
    row = desk.find_unit(count["meeting_id"], unit)
    desk.record_unit_ballot(vote_id, row["id"], choice_from_text(choice), collected_by=collected_by,
                            collected_at=collected_at)
    say(t("owners.cli_ballot", unit=unit_label(row), choice=t(f"owners.choice.{choice_from_text(choice)}")))
    count = desk.owners_count(vote_id)
    for line in needed_sentences(VoteRule(count["vote"]["rule"]), count["needed"]):
        say(line)


@owners_vote_group.command(name="withdraw")
@click.argument("vote_id")
@click.argument("unit")
@click.option("--reason", required=True, help="Why the ballot is taken back (logged).")
@click.pass_obj
@friendly
def withdraw(obj: Context, vote_id: str, unit: str, reason: str) -> None:
    """Take back a ballot entered by mistake."""
    desk = obj.desk()
    count = desk.owners_count(vote_id)
    row = desk.find_unit(count["meeting_id"], unit)
    desk.withdraw_unit_ballot(vote_id, row["id"], reason)
    say(t("owners.cli_withdrawn", id=row["id"]))


@owners_vote_group.command(name="objection")
@click.argument("vote_id")
@click.argument("until")
@click.option("--reason", default="", help="Why it changes (needed once the minutes are published; it is logged).")
@click.pass_obj
@friendly
def objection(obj: Context, vote_id: str, until: str, reason: str) -> None:
    """Set the last day of the objection period (询异期), e.g. 2023-04-08."""
    obj.desk().set_vote_objection_period(vote_id, until, reason)
    say(t("owners.cli_objection", until=until))


@owners_vote_group.command(name="papers")
@click.argument("vote_id")
@click.option("--out", "-o", type=click.Path(file_okay=False), default=".", show_default=True,
              help="The folder to write ballots.pdf and counting-sheet.pdf into.")
@click.pass_obj
@friendly
def papers(obj: Context, vote_id: str, out: str) -> None:
    """Write the printable ballots (one A4 a unit) and the counting sheet as PDF."""
    from yiting.publish.ballots import ballots_pdf, counting_sheet_pdf

    db = obj.database(readonly=True)
    folder = Path(out).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in (("ballots.pdf", ballots_pdf), ("counting-sheet.pdf", counting_sheet_pdf)):
        pdf = make(db, vote_id)
        target = folder / f"vote-{int(vote_id)}-{name}"
        target.write_bytes(pdf)
        say(t("owners.cli_wrote", path=target))


commands = [units_group, owners_vote_group]
