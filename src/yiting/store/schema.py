"""The schema, as numbered, append-only migration steps.

Never edit a step that has shipped: add a new one. Each step also sets `PRAGMA user_version`
to its number, so a database written by a newer yiting is recognised before anything is
touched (see `yiting.store.db`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database as UtilsDatabase

    from yiting.store.database import Database

Step = Callable[["UtilsDatabase"], None]
_steps: list[tuple[str, Step]] = []


def step(number: int, name: str) -> Callable[[Step], Step]:
    """Register migration `number`; steps must be added in order, one number each."""
    if number != len(_steps) + 1:
        raise RuntimeError(f"migration {number} registered out of order")

    def register(function: Step) -> Step:
        _steps.append((f"{number:04d}_{name}", function))
        return function

    return register


def migrate(db: Database) -> None:
    """Apply the steps `db` has not had yet, each in one transaction with its record in
    `_sqlite_migrations` (sqlite-utils' `Migrations`).

    sqlite-utils is imported here, not at module level: a database already at the current
    version never needs it, and the console starts ~35 ms sooner without it.
    """
    from sqlite_utils import Database as UtilsDatabase
    from sqlite_utils import Migrations

    migrations = Migrations("yiting")
    for name, function in _steps:
        migrations(name=name)(function)
    migrations.apply(UtilsDatabase(db.conn, execute_plugins=False))


def run_script(db: UtilsDatabase, script: str) -> None:
    """Run several statements inside the current transaction.

    `sqlite3.executescript` would commit first, which breaks the migration's transaction.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement in migration script")

# The tables whose rows the event log records; `verify` replays the log against these.
RECORD_TABLES = (
    "meetings",
    "participants",
    "matters",
    "agenda_items",
    "speeches",
    "proposals",
    "votes",
    "ballots",
    "decisions",
    "actions",
    "objection_periods",
    "objections",
    "matter_raisers",
    "duty_notes",
    "evaluations",
    "units",
    "owners",
    "unit_owners",
    "unit_votes",
    "unit_ballots",
)


@step(1, "record")
def _m0001_record(db: UtilsDatabase) -> None:
    run_script(
        db,
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            community TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft',
            scheduled_at TEXT,
            started_at TEXT,
            ended_at TEXT,
            facilitator TEXT NOT NULL DEFAULT '',
            note_taker TEXT NOT NULL DEFAULT '',
            rules TEXT NOT NULL DEFAULT '{}',
            current_item_id INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            name TEXT NOT NULL,
            party TEXT NOT NULL DEFAULT '',
            building TEXT NOT NULL DEFAULT '',
            voting INTEGER NOT NULL DEFAULT 1,
            area_m2 REAL,
            phone TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            named INTEGER NOT NULL DEFAULT 0,
            checked_in_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX participants_meeting ON participants(meeting_id);
        CREATE TABLE matters (
            id INTEGER PRIMARY KEY,
            community TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            urgency TEXT NOT NULL DEFAULT 'normal',
            raised_by TEXT NOT NULL DEFAULT '',
            raised_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'raised'
        );
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            timebox_minutes INTEGER NOT NULL DEFAULT 10,
            matter_id INTEGER REFERENCES matters(id),
            status TEXT NOT NULL DEFAULT 'pending',
            started_at TEXT,
            ended_at TEXT
        );
        CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
        CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES agenda_items(id),
            proposer_id INTEGER REFERENCES participants(id),
            seconder_id INTEGER REFERENCES participants(id),
            text TEXT NOT NULL,
            amends_id INTEGER REFERENCES proposals(id),
            status TEXT NOT NULL DEFAULT 'submitted',
            submitted_at TEXT NOT NULL
        );
        CREATE INDEX proposals_item ON proposals(item_id);
        CREATE TABLE speeches (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES agenda_items(id),
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            proposal_id INTEGER REFERENCES proposals(id),
            stance TEXT NOT NULL DEFAULT 'neutral',
            kind TEXT NOT NULL DEFAULT 'normal',
            status TEXT NOT NULL DEFAULT 'queued',
            queued_at TEXT NOT NULL,
            started_at TEXT,
            paused_at TEXT,
            paused_seconds REAL NOT NULL DEFAULT 0,
            extra_seconds INTEGER NOT NULL DEFAULT 0,
            ended_at TEXT,
            seconds INTEGER,
            summary TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX speeches_item ON speeches(item_id, status);
        CREATE TABLE votes (
            id INTEGER PRIMARY KEY,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            method TEXT NOT NULL,
            rule TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            consultative INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT NOT NULL,
            closed_at TEXT,
            yes INTEGER NOT NULL DEFAULT 0,
            no INTEGER NOT NULL DEFAULT 0,
            abstain INTEGER NOT NULL DEFAULT 0,
            present INTEGER NOT NULL DEFAULT 0,
            eligible INTEGER NOT NULL DEFAULT 0,
            yes_area REAL NOT NULL DEFAULT 0,
            no_area REAL NOT NULL DEFAULT 0,
            abstain_area REAL NOT NULL DEFAULT 0,
            eligible_area REAL NOT NULL DEFAULT 0,
            passed INTEGER,
            explanation TEXT NOT NULL DEFAULT '',
            corrects_vote_id INTEGER REFERENCES votes(id),
            correction_reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX votes_proposal ON votes(proposal_id);
        CREATE TABLE ballots (
            id INTEGER PRIMARY KEY,
            vote_id INTEGER NOT NULL REFERENCES votes(id),
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            choice TEXT NOT NULL,
            area_m2 REAL NOT NULL DEFAULT 0,
            cast_at TEXT NOT NULL,
            UNIQUE (vote_id, participant_id)
        );
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            item_id INTEGER REFERENCES agenda_items(id),
            proposal_id INTEGER REFERENCES proposals(id),
            vote_id INTEGER REFERENCES votes(id),
            text TEXT NOT NULL,
            decided_at TEXT NOT NULL
        );
        CREATE INDEX decisions_meeting ON decisions(meeting_id);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER REFERENCES meetings(id),
            item_id INTEGER REFERENCES agenda_items(id),
            decision_id INTEGER REFERENCES decisions(id),
            matter_id INTEGER REFERENCES matters(id),
            task TEXT NOT NULL,
            owner_party TEXT NOT NULL DEFAULT '',
            owner_person TEXT NOT NULL DEFAULT '',
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            notes TEXT NOT NULL DEFAULT '',
            evaluation TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            done_at TEXT
        );
        CREATE INDEX actions_meeting ON actions(meeting_id);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            meeting_id INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            changes TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX events_meeting ON events(meeting_id);
        -- The log is append-only: refuse edits and deletes made through SQL as well.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        PRAGMA user_version = 1;
        """
    )



@step(2, "search")
def _m0002_search(db: UtilsDatabase) -> None:
    # A derived index, not part of the record: `yiting.store.search` fills it from the event
    # log (and rebuilds it from the tables when far behind), so verify and exports ignore it.
    # The texts sit in a plain table (a one- or two-character query scans it with LIKE), indexed
    # by an external-content FTS5 table with the trigram tokenizer: unicode61 would not split
    # Chinese into words, trigrams find any run of three or more characters.
    run_script(
        db,
        """
        CREATE TABLE search_text (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            kind INTEGER NOT NULL,
            meeting_id INTEGER,
            item_id INTEGER
        );
        CREATE VIRTUAL TABLE search_index USING fts5(
            text, content = 'search_text', content_rowid = 'id', tokenize = 'trigram'
        );
        CREATE TABLE search_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_seq INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO search_state (id, last_seq) VALUES (1, 0);
        PRAGMA user_version = 2;
        """
    )


# The parties whose people appear in an official capacity, as data/presets.json had them when
# step 3 was written (a step never changes, whatever the presets become).
_OFFICIAL_PARTIES_0003 = (
    "业委会", "物业公司", "社区党委", "社区工作者", "网格员", "法律顾问", "政府部门", "街道", "居委会",
    "owners_committee", "property_company", "party_committee", "community_worker", "grid_worker",
    "legal_adviser", "government", "subdistrict", "residents_committee",
    "Owners' committee", "Property management company", "Community Party committee", "Community worker",
    "Grid worker", "Legal adviser", "Government department", "Subdistrict office", "Residents' committee",
)


@step(3, "official_and_employer")
def _m0003_official_and_employer(db: UtilsDatabase) -> None:
    """`participants.official`: the person appears in an official capacity (named in public
    without their own consent); `participants.employer`: their 单位, kept and never published.

    Until now a party that merely ended in 公司/局/中心/所 was taken as official. Existing rows
    become official only when their party is exactly an official party of the presets; `named`
    (their consent) stays as it was. The change is written to the event log, one event per
    meeting, so that `verify` replays it and the minutes are published anew.
    """
    from datetime import datetime

    from yiting.store.database import Database
    from yiting.store.log import change

    run_script(
        db,
        """
        ALTER TABLE participants ADD COLUMN official INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE participants ADD COLUMN employer TEXT NOT NULL DEFAULT '';
        PRAGMA user_version = 3;
        """,
    )
    record = Database(db.conn)
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    marks = ", ".join("?" for _ in _OFFICIAL_PARTIES_0003)
    meetings = [r[0] for r in record.execute("SELECT DISTINCT meeting_id FROM participants ORDER BY meeting_id")]
    for meeting_id in meetings:
        cursor = record.execute("SELECT * FROM participants WHERE meeting_id = ? ORDER BY id", [meeting_id])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]
        with change(record, action="upgrade_participants", actor="yiting", at=at, meeting_id=meeting_id,
                    reason="schema 3: official capacity by party preset, employer kept private") as cs:
            record.execute(f"UPDATE participants SET official = 1 WHERE meeting_id = ? AND TRIM(party) IN ({marks})",
                           [meeting_id, *_OFFICIAL_PARTIES_0003])
            for row in rows:
                before = {k: v for k, v in row.items() if k not in ("official", "employer")}
                cs.logged("participants", row["id"], before)


@step(4, "checkpoints")
def _m0004_checkpoints(db: UtilsDatabase) -> None:
    """The signed checkpoints this database published (yiting.trust.checkpoint): `verify`
    checks the log against each, and `publish` refuses when one's head is no longer in the log.
    Append-only like the log; not part of the record (no events), so exports do not change."""
    run_script(
        db,
        """
        CREATE TABLE checkpoints (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            size INTEGER NOT NULL,
            head TEXT NOT NULL,
            hash TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            meeting_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            note TEXT NOT NULL
        );
        CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
            BEGIN SELECT RAISE(ABORT, 'published checkpoints are append-only'); END;
        CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
            BEGIN SELECT RAISE(ABORT, 'published checkpoints are append-only'); END;
        PRAGMA user_version = 4;
        """,
    )


@step(5, "objections")
def _m0005_objections(db: UtilsDatabase) -> None:
    """The objection period (询异期) after the minutes are published: how long and whom to
    tell (`objection_periods`, one row a meeting once set; without one, seven days and no
    contact), and the objections received with their answers (`objections`).

    New tables only: older rows and their events stay as they were.
    """
    run_script(
        db,
        """
        CREATE TABLE objection_periods (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
            days INTEGER NOT NULL DEFAULT 7,
            contact TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE objections (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            participant_id INTEGER REFERENCES participants(id),
            name TEXT NOT NULL DEFAULT '',
            named INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            received_at TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            answered_by TEXT NOT NULL DEFAULT '',
            answered_at TEXT
        );
        CREATE INDEX objections_meeting ON objections(meeting_id);
        PRAGMA user_version = 5;
        """,
    )


@step(6, "matters_and_duties")
def _m0006_matters_and_duties(db: UtilsDatabase) -> None:
    """The six steps (docs/domain.md "Matters and duties"): who raised a matter and where, the
    matters merged into another, and the list of duties.

    A duty IS a row of `actions`: an action item decided in a meeting has its `meeting_id`; a
    duty dispatched straight to a party (派单) has none and says who dispatched it. So one list
    (履职清单) covers both. Progress notes and residents' evaluations are rows of their own.
    Existing matters and actions keep every value they had and gain the new columns at their
    defaults; one event logs them so that `verify` replays the columns too.
    """
    from datetime import datetime

    from yiting.store.database import Database
    from yiting.store.log import change

    record = Database(db.conn)
    old_rows = {table: _rows_0006(record, table) for table in ("matters", "actions")}
    run_script(
        db,
        """
        ALTER TABLE matters ADD COLUMN raiser_kind TEXT NOT NULL DEFAULT '';
        ALTER TABLE matters ADD COLUMN raiser_named INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE matters ADD COLUMN building TEXT NOT NULL DEFAULT '';
        ALTER TABLE matters ADD COLUMN sorted_at TEXT;
        ALTER TABLE matters ADD COLUMN closed_at TEXT;
        ALTER TABLE matters ADD COLUMN merged_into INTEGER REFERENCES matters(id);
        CREATE INDEX matters_merged_into ON matters(merged_into);
        CREATE INDEX agenda_items_matter ON agenda_items(matter_id);
        CREATE TABLE matter_raisers (
            id INTEGER PRIMARY KEY,
            matter_id INTEGER NOT NULL REFERENCES matters(id),
            from_matter_id INTEGER REFERENCES matters(id),
            name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            named INTEGER NOT NULL DEFAULT 0,
            building TEXT NOT NULL DEFAULT '',
            raised_at TEXT NOT NULL
        );
        CREATE INDEX matter_raisers_matter ON matter_raisers(matter_id);
        ALTER TABLE actions ADD COLUMN dispatched_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE actions ADD COLUMN accepted_at TEXT;
        ALTER TABLE actions ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX actions_matter ON actions(matter_id);
        CREATE INDEX actions_due ON actions(status, due);
        CREATE TABLE duty_notes (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id),
            noted_on TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX duty_notes_action ON duty_notes(action_id);
        CREATE TABLE evaluations (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id),
            meeting_id INTEGER REFERENCES meetings(id),
            method TEXT NOT NULL,
            satisfied INTEGER NOT NULL DEFAULT 0,
            fairly_satisfied INTEGER NOT NULL DEFAULT 0,
            dissatisfied INTEGER NOT NULL DEFAULT 0,
            verdict TEXT NOT NULL,
            taken_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX evaluations_action ON evaluations(action_id);
        PRAGMA user_version = 6;
        """
    )
    if not any(old_rows.values()):
        return
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    with change(record, action="upgrade_matters_and_duties", actor="yiting", at=at, meeting_id=None,
                reason="schema 6: matters and duties") as cs:
        for table, rows in old_rows.items():
            for row in rows:
                cs.logged(table, row["id"], row)


def _rows_0006(record: Database, table: str) -> list[dict[str, object]]:
    cursor = record.execute(f"SELECT * FROM [{table}] ORDER BY id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]


@step(7, "owners_units_and_unit_ballots")
def _m0007_owners_units_and_unit_ballots(db: UtilsDatabase) -> None:
    """The owners' register of a meeting's property (Civil Code art. 278): `units` (专有部分:
    building, unit, area and where the area comes from), `owners` (a person, or the developer
    for its unsold units) and `unit_owners` (who owns which unit; co-owners share one). An
    owners' vote counts per unit, in `unit_ballots`, collected door to door over days; a vote
    may cover one building (`votes.scope`), states the denominators and where they came from
    (`votes.denominators`), and the date until which owners may check their ballot
    (`votes.objection_until`, 询异期)."""
    run_script(
        db,
        """
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            building TEXT NOT NULL DEFAULT '',
            label TEXT NOT NULL,
            area_m2 REAL NOT NULL,
            area_source TEXT NOT NULL DEFAULT 'register',
            created_at TEXT NOT NULL,
            UNIQUE (meeting_id, building, label)
        );
        CREATE TABLE owners (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            name TEXT NOT NULL,
            developer INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX owners_meeting ON owners(meeting_id);
        CREATE TABLE unit_owners (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            owner_id INTEGER NOT NULL REFERENCES owners(id),
            UNIQUE (unit_id, owner_id)
        );
        CREATE TABLE unit_ballots (
            id INTEGER PRIMARY KEY,
            vote_id INTEGER NOT NULL REFERENCES votes(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            choice TEXT NOT NULL,
            collected_by TEXT NOT NULL DEFAULT '',
            collected_at TEXT NOT NULL,
            entered_at TEXT NOT NULL,
            UNIQUE (vote_id, unit_id)
        );
        CREATE TABLE unit_votes (
            id INTEGER PRIMARY KEY,
            vote_id INTEGER NOT NULL UNIQUE REFERENCES votes(id),
            scope TEXT NOT NULL DEFAULT '',
            denominators TEXT NOT NULL,
            objection_until TEXT
        );
        PRAGMA user_version = 7;
        """,
    )


SCHEMA_VERSION = len(_steps)
