"""Walk the hash chain and replay the event log against the tables; then check the log against
what was published of it.

An edit behind the app's back, to a log row or to a record table, shows up here: a broken
hash names the event, a row that differs from what the log says names the table, the row
and the last event that touched it. A log rewritten to agree with itself, or rolled back, no
longer holds the heads its signed checkpoints name: those kept in the database
(`remembered`), on a site or on a notice (`against_checkpoints`, `against_head`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from yiting.errors import StoreError
from yiting.store.database import Database
from yiting.store.log import GENESIS, event_hash
from yiting.store.schema import RECORD_TABLES


@dataclass(frozen=True)
class Finding:
    # verify(): "hash", "chain", "event_missing", "bad_event", "row_changed", "row_missing", "row_unlogged";
    # remembered(): "trigger_missing", "checkpoint_bad", "checkpoint_chain", "checkpoint_rewritten",
    # "checkpoint_rolled_back", "search_changed"; against a site or a notice: "site_rewritten",
    # "site_rolled_back", "site_unknown", "site_bad", "head_unknown"
    kind: str
    table: str = ""
    row_id: int | None = None
    seq: int | None = None
    columns: tuple[str, ...] = ()


@dataclass
class Report:
    events: int = 0
    rows: int = 0
    head: str = GENESIS
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def _changes(text: Any) -> list[dict[str, Any]] | None:
    """An event's row changes, or None when they are not what the write path writes
    (a list of {"t": table, "id": int, "before": row or null, "after": row or null})."""
    try:
        changes = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(changes, list):
        return None
    for change in changes:
        if not isinstance(change, dict) or not isinstance(change.get("t"), str) \
                or not isinstance(change.get("id"), int):
            return None
        if not all(change.get(k) is None or isinstance(change[k], dict) for k in ("before", "after")):
            return None
    return changes


def verify(db: Database) -> Report:
    """Check every event's hash and link, then compare the replayed rows with the tables.

    Raises StoreError when the log or a record table is missing altogether.
    """
    try:
        return _verify(db)
    except sqlite3.DatabaseError as exc:
        from yiting.store.backup import database_file

        raise StoreError("store.corrupt", path=str(database_file(db) or ""), detail=str(exc)) from exc


def _verify(db: Database) -> Report:
    report = Report()
    expected: dict[str, dict[int, dict[str, Any]]] = {t: {} for t in RECORD_TABLES}
    last_touch: dict[tuple[str, int], int] = {}
    previous = GENESIS
    previous_seq = 0
    cursor = db.execute(
        "SELECT seq, at, actor, action, meeting_id, reason, changes, prev_hash, hash FROM events ORDER BY seq"
    )
    for seq, at, actor, action, meeting_id, reason, changes_text, prev_hash, stored_hash in cursor:
        report.events += 1
        if seq != previous_seq + 1:  # a row taken out of the log: name the first one missing
            report.findings.append(Finding("event_missing", seq=previous_seq + 1))
        previous_seq = seq
        changes = _changes(changes_text)
        if changes is None:
            report.findings.append(Finding("bad_event", seq=seq))
            previous = stored_hash
            continue
        event = {"seq": seq, "at": at, "actor": actor, "action": action, "meeting_id": meeting_id,
                 "reason": reason, "changes": changes, "prev_hash": prev_hash}
        if prev_hash != previous:
            report.findings.append(Finding("chain", seq=seq))
        if event_hash(event) != stored_hash:
            report.findings.append(Finding("hash", seq=seq))
        previous = stored_hash
        for change in changes:
            table, row_id = change.get("t"), change.get("id")
            if table not in expected:
                report.findings.append(Finding("bad_event", table=str(table), seq=seq))
                continue
            if change.get("after") is None:
                expected[table].pop(row_id, None)
            else:
                expected[table][row_id] = change["after"]
            last_touch[(table, row_id)] = seq
    report.head = previous
    for table in RECORD_TABLES:
        want = expected[table]
        cur = db.execute(f"SELECT * FROM [{table}]")
        names = [d[0] for d in cur.description]
        for values in cur:
            report.rows += 1
            row = dict(zip(names, values, strict=False))
            row_id = row["id"]
            logged = want.pop(row_id, None)
            if logged is None:
                report.findings.append(Finding("row_unlogged", table, row_id))
                continue
            differing = tuple(c for c in names if logged.get(c) != row[c])
            if differing:
                report.findings.append(
                    Finding("row_changed", table, row_id, last_touch.get((table, row_id)), differing)
                )
        for row_id in sorted(want):
            report.findings.append(Finding("row_missing", table, row_id, last_touch.get((table, row_id))))
    return report


def remembered(db: Database) -> list[Finding]:
    """What the log must still hold of what was published, and the guards it must still have:
    each checkpoint kept in the database is validly signed, names the one before it, and its
    head is still the log's hash at its size; the append-only triggers are in place; the search
    index, when up to date, says what the record says."""
    from yiting.store import checkpoints
    from yiting.trust.checkpoint import ZERO, CheckpointError, note_hash
    from yiting.trust.checkpoint import verify as check_note

    found = [Finding("trigger_missing", name) for name in checkpoints.missing_guards(db)]
    previous = ZERO
    for row in checkpoints.published(db):
        try:
            note = check_note(row["note"])
            if (note.size, note.head) != (row["size"], row["head"]) or note_hash(row["note"]) != row["hash"]:
                raise CheckpointError("trust.bad_layout")
            if note.prev != previous:
                found.append(Finding("checkpoint_chain", row_id=row["id"]))
        except CheckpointError as exc:
            found.append(Finding("checkpoint_bad", row_id=row["id"], columns=(exc.reason,)))
        previous = row["hash"]
    for gone in checkpoints.gone_heads(db):
        kind = "checkpoint_rolled_back" if gone["now"] is None else "checkpoint_rewritten"
        found.append(Finding(kind, row_id=gone["id"], seq=gone["size"], columns=(gone["head"][:16],)))
    found += _search_index(db)
    return found


def _search_index(db: Database) -> list[Finding]:
    """Entries of the search index that differ from the record (only when the index is up to
    date: one behind the log is caught up at the next search, not a sign of tampering)."""
    from yiting.store import search

    try:
        if search.pending(db):
            return []
        rows = db.execute("SELECT id, text, kind FROM search_text ORDER BY id").fetchall()
    except sqlite3.OperationalError:
        return []  # an older schema without the index
    sources = {code: pair for pair, code in search.SOURCES.items()}
    found = []
    for key, text, code in rows:
        table, column = sources.get(code, ("", ""))
        row = db.execute(f"SELECT [{column}] FROM [{table}] WHERE id = ?", [key // 8]).fetchone() if table else None
        if row is None or row[0] != text or key % 8 != code:
            found.append(Finding("search_changed", row_id=key))
    for (table, column), code in search.SOURCES.items():  # a text the index lost
        cursor = db.execute(f"SELECT id * 8 + {code} FROM [{table}] WHERE TRIM(COALESCE([{column}], '')) != ''"
                            f" AND id * 8 + {code} NOT IN (SELECT id FROM search_text)")
        found += [Finding("search_changed", row_id=key) for (key,) in cursor]
    return found


def against_checkpoints(db: Database, proven: list[tuple[str, Any]]) -> list[Finding]:
    """Compare the log with checkpoints held elsewhere (a site's: `label`, Checkpoint): each
    head must still be the log's hash at its size, and each checkpoint known to the database."""
    from yiting.store import checkpoints

    known = {row["hash"] for row in checkpoints.published(db)}
    found = []
    for label, checkpoint in proven:
        now = checkpoints.hash_at(db, checkpoint.size)
        if now is None:
            found.append(Finding("site_rolled_back", label, seq=checkpoint.size))
        elif now != checkpoint.head:
            found.append(Finding("site_rewritten", label, seq=checkpoint.size, columns=(checkpoint.head[:16],)))
        if checkpoint.hash not in known:
            found.append(Finding("site_unknown", label))
    return found


def against_head(db: Database, head: str) -> tuple[list[Finding], int | None]:
    """Whether a head copied from a notice (its first hex digits at least) is in the log; the
    event it names when it is."""
    from yiting.store import checkpoints

    matches = checkpoints.heads_starting(db, head)
    if not matches:
        return [Finding("head_unknown", columns=(head,))], None
    return [], matches[0][0]
