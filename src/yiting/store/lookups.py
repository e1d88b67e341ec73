"""The reads the desk makes to check an action before it writes: positions, counts and
who is already waiting. Plain values, not rows; the rows themselves come from `queries`."""

from __future__ import annotations

from yiting.store.database import Database


def next_item_position(db: Database, meeting_id: int) -> int:
    """The position a new agenda item takes: after the last one."""
    return db.execute(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?", [meeting_id]
    ).fetchone()[0]


def participant_uses(db: Database, participant_id: int) -> int:
    """How often the record names a person: speeches, ballots, proposals made or seconded."""
    return db.execute(
        "SELECT (SELECT COUNT(*) FROM speeches WHERE participant_id = :p)"
        " + (SELECT COUNT(*) FROM ballots WHERE participant_id = :p)"
        " + (SELECT COUNT(*) FROM proposals WHERE proposer_id = :p OR seconder_id = :p)",
        {"p": participant_id},
    ).fetchone()[0]


def current_proposal_id(db: Database, item_id: int) -> int | None:
    """The proposal under discussion: the newest one not yet adopted, rejected or withdrawn."""
    row = db.execute(
        "SELECT id FROM proposals WHERE item_id = ? AND status IN ('submitted', 'voting')"
        " ORDER BY id DESC LIMIT 1",
        [item_id],
    ).fetchone()
    return row[0] if row else None


def speeches_counted(db: Database, item_id: int, participant_id: int, proposal_id: int | None) -> int:
    """Speeches a person has made (or is making) on an item's proposal; points of order do not count."""
    return db.execute(
        "SELECT COUNT(*) FROM speeches WHERE item_id = ? AND participant_id = ? AND proposal_id IS ?"
        " AND kind != 'point_of_order' AND status IN ('speaking', 'paused', 'interrupted', 'done')",
        [item_id, participant_id, proposal_id],
    ).fetchone()[0]


def last_stance(db: Database, item_id: int) -> str | None:
    """The stance ('pro' or 'con') of the last speech on an item that took one."""
    row = db.execute(
        "SELECT stance FROM speeches WHERE item_id = ? AND stance IN ('pro', 'con')"
        " AND status IN ('speaking', 'paused', 'interrupted', 'done') ORDER BY started_at DESC, id DESC LIMIT 1",
        [item_id],
    ).fetchone()
    return row[0] if row else None


def queued_speeches(db: Database, item_id: int) -> list[tuple]:
    """An item's waiting speeches in the order they were queued, with the one a point of order
    interrupted (status 'interrupted'): (id, participant_id, stance, kind, proposal_id, name,
    building, status)."""
    return db.execute(
        "SELECT s.id, s.participant_id, s.stance, s.kind, s.proposal_id, p.name, p.building, s.status"
        " FROM speeches s JOIN participants p ON p.id = s.participant_id"
        " WHERE s.item_id = ? AND s.status IN ('queued', 'interrupted') ORDER BY s.id",
        [item_id],
    ).fetchall()


def waiting_kinds(db: Database, item_id: int, participant_id: int) -> set[str]:
    """The kinds of speech a person is already waiting to make (or to resume) on an item."""
    return {row[0] for row in db.execute(
        "SELECT kind FROM speeches WHERE item_id = ? AND participant_id = ? AND status IN ('queued', 'interrupted')",
        [item_id, participant_id],
    )}


def ballot_id(db: Database, vote_id: int, participant_id: int) -> int | None:
    """The id of a person's ballot in a vote, if they cast one."""
    row = db.execute(
        "SELECT id FROM ballots WHERE vote_id = ? AND participant_id = ?", [vote_id, participant_id]
    ).fetchone()
    return row[0] if row else None
