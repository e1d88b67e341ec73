"""The `yiting` command: thin wrappers over the desk, the store and publish/."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from yiting.cli_common import Context, friendly, say
from yiting.cli_usage import usage_errors_in_language
from yiting.errors import YitingError
from yiting.i18n import LANGUAGES, language_from_env, set_language, t
from yiting.network import DEFAULT_PORT


def _open_app(obj: Context, db_path: Path) -> None:
    """The console on `db_path`; on a database with no meetings it offers the demo, and when
    the facilitator takes it, the console opens again on the demo database."""
    from yiting.locations import demo_db
    from yiting.ui.app import run_app

    if run_app(db_path, lang=obj.lang, serve=obj.serve) == "demo":
        path = demo_db()
        _write_demo(path, rebuild=not path.exists())
        run_app(path, lang=obj.lang, serve=obj.serve)
        say(t("demo.left", demo=path, own=db_path))


def _write_demo(path: Path, *, rebuild: bool, yes: bool = False) -> None:
    """Build the demo at `path`: only a demo database is replaced, never one in use, and never
    without a backup and saying what it holds that the demo did not make."""
    from yiting import demo as demos
    from yiting.locations import demo_db
    from yiting.store import holders
    from yiting.store.db import file_size

    exists = file_size(path) is not None
    if exists:
        demos.check_ours(path)
        if holders.in_use(path):
            raise YitingError("demo.in_use", path=str(path))
        if not rebuild:
            return
        own = demos.meetings_not_from_demo(path)
        if own:
            say(t("demo.user_meetings", path=path, count=len(own), titles="、".join(own[:5])
                  + ("…" if len(own) > 5 else "")))
        if not yes and not (sys.stdin.isatty() and click.confirm(t("cli.demo_exists", path=path), default=False)):
            say(t("cli.demo_kept"))
            return
    else:
        say(t("demo.creating", path=path))
    built = demos.staging(path)
    try:
        ids = demos.build_file(built)
        saved = demos.replace_with(built, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{built}{suffix}").unlink(missing_ok=True)
    if saved is not None:
        say(t("demo.backed_up", path=saved))
    _clear_demo_site(path)
    at_home = path.resolve() == demo_db().resolve()
    say(t("cli.demo_written" if at_home else "demo.written_at", path=path, count=len(ids)))


class GlobalOptionsGroup(click.Group):
    """Accepts --db and --lang after the command too (`yiting export 2 --db x.sqlite`), and says
    click's usage errors (a missing argument, `--port 70000`) in the chosen language."""

    hoisted = ("--db", "--lang")

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with usage_errors_in_language():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with usage_errors_in_language():
            return super().invoke(ctx)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # The language first: an error in the options after it is said in it.
        set_language(_language_asked(args) or language_from_env())
        front: list[str] = []
        rest: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                rest.extend(args[i:])
                break
            name = arg.split("=", 1)[0]
            if name in self.hoisted:
                if "=" in arg:
                    front.append(arg)
                elif i + 1 < len(args):
                    front.extend(args[i:i + 2])
                    i += 1
                else:
                    rest.append(arg)
            else:
                rest.append(arg)
            i += 1
        return super().parse_args(ctx, front + rest)


def _language_asked(args: list[str]) -> str | None:
    """The language `--lang` names among `args` (the last one wins, as click's does), if valid."""
    asked = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            asked = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(args):
            asked = args[i + 1]
    return asked if asked in LANGUAGES else None


@click.group(cls=GlobalOptionsGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", envvar="YITING_DB", type=click.Path(dir_okay=False),
              help="The database file (default: yiting.sqlite in the user's data directory; env YITING_DB); "
                   "'demo' names the demo database.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the app and messages: zh (default) or en (env YITING_LANG).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535),
              help="The port on which the console serves the minutes and the live page to phones.")
@click.option("--no-serve", is_flag=True, help="The console serves nothing (yiting serve runs elsewhere).")
@click.version_option(package_name="yiting")
@click.pass_context
@friendly
def main(ctx: click.Context, db_path: str | None, lang: str | None, port: int, no_serve: bool) -> None:
    """议亭 yiting: run a neighbourhood meeting from one laptop and publish its minutes.

    With no command, opens the facilitator's console on the database.
    """
    lang = lang or language_from_env()
    set_language(lang)
    ctx.obj = Context(db_path, lang, serve=None if no_serve else ("0.0.0.0", port))
    if ctx.invoked_subcommand is None:
        if db_path == "demo" and not ctx.obj.db_path.exists():
            _write_demo(ctx.obj.db_path, rebuild=True)  # `yiting --db demo` before any `yiting demo`
        _open_app(ctx.obj, ctx.obj.db_path)


@main.command()
@click.option("--no-open", is_flag=True, help="Only write the demo database; do not open the app.")
@click.option("--yes", "-y", is_flag=True, help="Rebuild an existing demo database without asking.")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="The port on which the console serves the demo's minutes and live page (default 8000).")
@click.pass_obj
@friendly
def demo(obj: Context, no_open: bool, yes: bool, port: int | None) -> None:
    """Build the demo meetings (from the seed article) and open the app on them.

    The demo database lives in the user's data directory, apart from real meetings, unless
    --db names another file. It only ever replaces a database it made itself (marked as the
    demo's), never while a console or another command has it open, and keeps a backup first.
    """
    from yiting.locations import default_db, demo_db

    path = obj.db_path if obj._db_path else demo_db()
    _write_demo(path, rebuild=True, yes=yes)
    if port is not None and obj.serve is not None:
        obj.serve = (obj.serve[0], port)
    if not no_open:
        _open_app(obj, path)
        say(t("demo.left", demo=path, own=default_db()))


def _clear_demo_site(path: Path) -> None:
    """The rebuilt demo starts with no minutes published: its old ones (from a meeting closed
    in an earlier try) would stand at the addresses of meetings now in progress again."""
    import shutil

    from yiting.locations import site_dir

    shutil.rmtree(site_dir(path, demo=True), ignore_errors=True)  # the demo's own site, never the real one


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the meetings as JSON.")
@click.pass_obj
@friendly
def list_meetings(obj: Context, as_json: bool) -> None:
    """List the meetings in the database, newest first."""
    from yiting.store import queries

    if not obj.db_path.exists() and not obj.explicit_db:
        rows = []  # a fresh install: no database yet, so no meetings
    else:
        rows = queries.meetings(obj.database(readonly=True))
    if as_json:
        keys = ("id", "title", "community", "venue", "kind", "status", "scheduled_at", "started_at", "ended_at")
        say(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        say(t("cli.no_meetings"))
    for r in rows:
        when = (r["started_at"] or r["scheduled_at"] or "")[:16].replace("T", " ")
        say(f"{r['id']:>4}  {when:16}  {t('meeting.' + r['status']):6}  {r['title']}  · {r['venue']}")


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000), help="Show at most this many matches.")
@click.option("--rebuild", is_flag=True, help="Rebuild the search index from the record first (it is derived data).")
@click.pass_obj
@friendly
def search(obj: Context, query: tuple[str, ...], as_json: bool, limit: int, rebuild: bool) -> None:
    """Search all minutes: meeting and item titles, speech summaries, proposals, decisions,
    action items. Chinese works as typed (any two characters or more; single characters too).

    Every term must appear (terms are separated by spaces).
    """
    from yiting.store import search as index

    text = " ".join(query)
    try:
        db = obj.database()
        if rebuild:
            say(t("search.rebuilt", count=index.rebuild(db)), err=True)
        index.update(db)
    except YitingError as exc:
        if exc.key != "store.readonly":
            raise
        db = obj.database(readonly=True)  # a read-only copy: search the index as it was left
    rows = index.search(db, text, limit=limit)
    if as_json:
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        say(t("search.none", query=text))
        return
    for r in rows:
        place = " › ".join(x for x in (r["meeting"], r["item"]) if x)
        say(f"{r['when']:10}  #{r['meeting_id']}  {place}")
        say(f"            [{t('search.' + r['kind'])}] {' '.join(r['text'].split())[:200]}")
    say(t("search.count", count=len(rows), limit=limit), err=True)


@main.command()
@click.argument("meeting")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "csv"]), default="json", show_default=True,
              help="json: the open record format; md: minutes in Markdown; csv: one row per speech, vote, decision, action.")
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of the terminal.")
@click.pass_obj
@friendly
def export(obj: Context, meeting: str, fmt: str, out: str | None) -> None:
    """Export one meeting's record (never phone numbers or addresses)."""
    from datetime import date

    from yiting.publish.formats import render
    from yiting.publish.objections import with_period_state
    from yiting.publish.record import meeting_record

    record = with_period_state(meeting_record(obj.database(readonly=True), meeting, obj.lang), date.today())
    text = render(record, fmt, obj.lang)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        say(t("cli.exported", path=out), err=True)
    else:
        say(text, nl=False)


@main.group(name="import")
def import_group() -> None:
    """Bring data into a meeting."""


@import_group.command(name="roster")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--meeting", "-m", required=True, help="The meeting id (see yiting list).")
@click.pass_obj
@friendly
def import_roster(obj: Context, file: str, meeting: str) -> None:
    """Add people to a meeting's roster from a CSV file.

    Columns (English or Chinese headers): name/姓名, party/身份, building/楼栋, voting/表决权
    (是/否, yes/no, 1/0), area/面积 (m²), phone/电话 (kept private), named/公开姓名,
    official/公开身份 (empty: as the party's preset says), employer/单位 (kept private).
    UTF-8 or GBK, as Excel saves it. Rows that cannot be taken are listed with their line.
    """
    from yiting.roster_csv import parse
    from yiting.store import queries

    desk = obj.desk()
    target = desk.meeting(meeting)
    if target["status"] not in ("draft", "open"):  # say so before listing the file's lines
        raise YitingError("desk.meeting_ended", title=target["title"])
    existing = {(p["name"], p["building"]) for p in queries.participants(desk.db, target["id"])}
    parsed = parse(Path(file).read_bytes(), existing)
    for refusal in parsed.refused:
        say(t("roster.refused_line", line=refusal.line, name=refusal.name, reason=refusal.message()))
    if parsed.people:
        desk.add_participants(target["id"], parsed.people)
    say(t("roster.imported", count=len(parsed.people), refused=len(parsed.refused)))
    if parsed.refused:
        sys.exit(1)


@main.command()
@click.pass_obj
@friendly
def check(obj: Context) -> None:
    """Check the database: opens it (migrating an older one after a backup), runs SQLite's
    integrity check, then verify."""
    from yiting.cli_trust import report
    from yiting.store import queries
    from yiting.store.schema import SCHEMA_VERSION

    if not obj.db_path.exists():
        raise YitingError("store.missing", path=str(obj.db_path))
    db = obj.database()
    result = queries.integrity_check(db)
    if result != "ok":
        raise YitingError("store.corrupt", path=str(obj.db_path), detail=result)
    say(t("cli.check_ok", version=SCHEMA_VERSION))
    if not report(db):
        sys.exit(1)


@main.command()
@click.option("--to", "target", type=click.Path(dir_okay=False), help="The backup file (default: the backups folder beside the database).")
@click.option("--list", "list_only", is_flag=True, help="List the backups in the backups folder.")
@click.option("--with-key", is_flag=True, help="Also back up the community's signing key, passphrase-protected, beside the copy (FILE.key.pem).")
@click.pass_obj
@friendly
def backup(obj: Context, target: str | None, list_only: bool, with_key: bool) -> None:
    """Copy the database safely (SQLite's backup API), even while the app is running.

    To restore, quit yiting and copy a backup over the database file (see README).
    """
    from yiting.store import backup as backups

    source = obj.db_path
    folder = source.parent / "backups"
    if list_only:
        found = sorted(folder.glob("*.sqlite")) if folder.is_dir() else []
        if not found:
            say(t("cli.backup_none"))
        for path in found:
            say(f"{path}  {path.stat().st_size // 1024} KB")
        return
    obj.database(readonly=True).close()
    if with_key:
        from yiting.trust.keys import existing_key, key_path

        if existing_key() is None:
            raise YitingError("key.none", path=str(key_path()))
    written = backups.copy_database(source, Path(target) if target else backups.default_target(source, "manual"))
    say(t("cli.backup_done", path=written))
    if with_key:
        from yiting.cli_trust import export_key_file

        key_file = Path(written).with_name(Path(written).name + ".key.pem")
        export_key_file(str(key_file))
        say(t("backup.key_written", path=key_file))


def _register_publishing_commands() -> None:
    from yiting.cli_objection import commands as objection_commands
    from yiting.cli_owners import commands as owners_commands
    from yiting.cli_publish import commands
    from yiting.cli_trust import commands as trust_commands

    for command in [*commands, *trust_commands, *objection_commands, *owners_commands]:
        main.add_command(command)
    from yiting.cli_matters import commands as matter_commands

    for command in matter_commands:
        main.add_command(command)


_register_publishing_commands()
