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


SCHEMA_VERSION = len(_steps)
