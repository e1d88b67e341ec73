"""The trust commands of `yiting`: verify (the log against itself and against every checkpoint
published), check-minutes (a published meeting, as anyone can check it, with no database) and
key (the community's signing key); registered by `yiting.cli`."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from yiting.cli_common import Context, friendly, say
from yiting.errors import YitingError
from yiting.i18n import t


def _finding_line(f: Any) -> str:
    return "  - " + t(f"verify.{f.kind}", seq=f.seq, table=f.table, row=f.row_id, columns=", ".join(f.columns))


def report(db: Any, *, sites: tuple[str, ...] = (), heads: tuple[str, ...] = ()) -> bool:
    """Print what verify finds in `db` (and against `sites` and `heads`); True when all is well."""
    from yiting.store import checkpoints
    from yiting.store.verify import against_checkpoints, against_head, remembered, verify
    from yiting.trust.checkpoint import short

    chain = verify(db)
    findings = list(chain.findings) + remembered(db)
    notes: list[str] = []
    published = checkpoints.published(db)
    if published:
        notes.append(t("cli.verify_checkpoints", count=len(published), fp=short(published[-1]["fingerprint"])))
    for location in sites:
        proven = []
        for check in _site_checks(location):
            for number, checkpoint in check.signed:
                proven.append((t("verify.site_version", meeting=check.meeting, version=number), checkpoint))
            findings += [_site_problem(check, p) for p in check.problems if p.failure]
        findings += against_checkpoints(db, proven)
        notes.append(t("cli.verify_site", site=location, count=len(proven)))
    for head in heads:
        found, seq = against_head(db, head)
        findings += found
        if seq is not None:
            notes.append(t("cli.verify_head", head=head, seq=seq))
    if findings:
        say(t("cli.verify_bad", count=len(findings)))
        for f in findings:
            say(_finding_line(f))
    else:
        say(t("cli.verify_ok", events=chain.events, rows=chain.rows, head=chain.head))
    for note in notes:
        say(note)
    say(t("cli.verify_not_covered"))
    return not findings


def _site_checks(location: str) -> list[Any]:
    from yiting.trust.site import Site, check_meeting

    site = Site(location)
    return [check_meeting(site, folder) for folder in site.meetings()]


def _site_problem(check: Any, problem: Any) -> Any:
    from yiting.store.verify import Finding

    label = t("verify.site_meeting", meeting=check.meeting if check.meeting is not None else check.folder)
    return Finding("site_bad", label, columns=(_problem_text(problem),))


def _problem_text(problem: Any) -> str:
    params = dict(problem.params)
    if "reason" in params:
        params["reason_text"] = t(params.pop("reason"))
    return t(problem.key, **params)


def _head(text: str, what: str = "cli.bad_head") -> str:
    """Hex digits as copied off a notice (spaces and separators dropped); `what` names the
    message for text that is not one: a head, or a key's fingerprint."""
    head = re.sub(r"[\s:·.…-]", "", text).lower()
    if not re.fullmatch(r"[0-9a-f]{8,64}", head):
        raise YitingError(what, head=text)
    return head


@click.command()
@click.option("--site", "sites", multiple=True, metavar="DIR|URL",
              help="Also compare the log with the checkpoints of a published site (a folder or its address).")
@click.option("--head", "heads", multiple=True, metavar="HEX",
              help="Also check that a head copied from a notice (16 hex digits or more) is in the log.")
@click.pass_obj
@friendly
def verify(obj: Context, sites: tuple[str, ...], heads: tuple[str, ...]) -> None:
    """Walk the hash-chained event log, replay it against the tables, and check it against every
    checkpoint published from this database (and a site's, or a notice's head).

    Names any event or row changed behind yiting's back, a rewrite or a rollback of the log since
    it was published, a dropped append-only guard; prints the log's head hash.
    """
    wanted = tuple(_head(h) for h in heads)
    if not report(obj.database(readonly=True), sites=sites, heads=wanted):
        sys.exit(1)


@click.command(name="check-minutes")
@click.argument("location", metavar="DIR|URL")
@click.option("--fingerprint", help="The community key's fingerprint you hold (its first 16 hex digits or more).")
@friendly
def check_minutes(location: str, fingerprint: str | None) -> None:
    """Check published minutes as any resident can, with no database: each version's signature,
    that its minutes.json and pages hash to what its checkpoint says, and that each version
    extends the one before. DIR|URL is a site or one meeting's folder (…/m/3/)."""
    from yiting.trust.checkpoint import short

    pinned = _head(fingerprint, "cli.bad_fingerprint") if fingerprint else None
    checks = _site_checks_pinned(location, pinned)
    bad = 0
    for check in checks:
        folder = check.folder or location
        if check.ok and check.proven:
            last = check.proven[-1][1]
            say(t("check.meeting_ok", title=check.title, folder=folder, versions=check.versions,
                  fingerprint=short(last.fingerprint), size=last.size, head=short(last.head)))
        else:
            bad += 1
            say(t("check.meeting_bad", title=check.title, folder=folder))
        for problem in check.problems:
            say(("  - " if problem.failure else "  · ") + _problem_text(problem))
    if bad:
        say(t("check.summary_bad", bad=bad, count=len(checks)))
        sys.exit(1)
    say(t("check.summary_pinned" if pinned else "check.summary_ok", count=len(checks), fingerprint=pinned or ""))


def _site_checks_pinned(location: str, fingerprint: str | None) -> list[Any]:
    from yiting.trust.site import Site, check_meeting

    site = Site(location)
    return [check_meeting(site, folder, fingerprint) for folder in site.meetings()]


PASSPHRASE_ENV = "YITING_KEY_PASSPHRASE"  # for scripts; otherwise asked for, unseen


def passphrase(*, twice: bool) -> str:
    import os

    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    first = click.prompt(t("key.passphrase"), hide_input=True, err=True)
    if twice and click.prompt(t("key.passphrase"), hide_input=True, err=True) != first:
        raise YitingError("key.mismatch")
    return first


def export_key_file(target: str) -> str:
    """Write the community key, passphrase-protected, to `target`; its fingerprint."""
    from pathlib import Path

    from yiting.trust.keys import existing_key, export_key, write_private

    data = export_key(passphrase(twice=True))
    path = Path(target).expanduser()
    if path.exists():
        raise YitingError("store.backup_exists", path=str(path))
    write_private(path, data)
    key = existing_key()
    return key.fingerprint if key else ""


@click.group(name="key")
def key_group() -> None:
    """The community's signing key: show its fingerprint, export it (passphrase-protected) to keep
    a copy, import it on a new laptop."""


@key_group.command(name="show")
@friendly
def key_show() -> None:
    """Print the community key's fingerprint (the community's identity on every page and notice)."""
    from yiting.trust.checkpoint import short
    from yiting.trust.keys import existing_key, key_path

    key = existing_key()
    if key is None:
        raise YitingError("key.none", path=str(key_path()))
    say(t("key.show", fingerprint=key.fingerprint, short=short(key.fingerprint), path=key_path()))


@key_group.command(name="export")
@click.argument("file", type=click.Path(dir_okay=False))
@friendly
def key_export(file: str) -> None:
    """Write the signing key to FILE, protected by a passphrase (asked twice; env
    YITING_KEY_PASSPHRASE for scripts). Keep the file and the passphrase apart."""
    fingerprint = export_key_file(file)
    say(t("key.exported", path=file, fingerprint=fingerprint))


@key_group.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--replace", is_flag=True, help="Replace a different key already here (it is kept under a new name).")
@friendly
def key_import(file: str, replace: bool) -> None:
    """Install a signing key exported with `yiting key export` (asks its passphrase)."""
    from pathlib import Path

    from yiting.trust.keys import import_key

    key = import_key(Path(file).read_bytes(), passphrase(twice=False), replace=replace)
    say(t("key.imported", fingerprint=key.fingerprint))


commands: list[click.Command] = [verify, check_minutes, key_group]
