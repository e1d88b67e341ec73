"""Update a DataTable in place: change only the rows and cells that changed (per-key work stays small)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable


def sync_table(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]], *, order_by: str | None = None) -> bool:
    """Make `table` show `rows` ([(key, cells)]), touching only what differs.

    Rows that went are removed and new rows at the end are added. When the rows it keeps
    change order (or a new row comes before one it keeps) the table is filled again, or, given
    `order_by` (the key of a column holding each row's position, 1, 2, …), sorted by that
    column. The cursor stays on the same line (clamped to the rows left). Returns True when
    the set or order of rows changed.
    """
    from yiting.ui.text import cells

    # Cells hold text people typed: never let a DataTable parse it as markup.
    rows = [(key, cells(values)) for key, values in rows]
    keys = [key for key, _ in rows]
    current = [row.key.value for row in table.ordered_rows]
    if keys == current:
        _update_cells(table, rows)
        return False
    wanted = set(keys)
    kept = [key for key in current if key in wanted]
    if keys[: len(kept)] != kept and order_by is None:
        _refill(table, rows)
        return True
    for key in current:
        if key not in wanted:
            table.remove_row(key)
    known = set(kept)
    _update_cells(table, [(key, values) for key, values in rows if key in known])
    _add(table, [(key, values) for key, values in rows if key not in known])
    if keys[: len(kept)] != kept:
        table.sort(order_by, key=lambda position: int(str(position)))
    return True


def _refill(table: DataTable, rows: list[tuple[str, Sequence[Any]]]) -> None:
    cursor = table.cursor_row
    table.clear()
    _add(table, rows)
    if rows:
        table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)


def _add(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
    for key, values in rows:
        table.add_row(*values, key=key)


def _update_cells(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
    columns = list(table.columns)
    for key, values in rows:
        old = table.get_row(key)
        for index, value in enumerate(values):
            if index < len(old) and old[index] != value:
                table.update_cell(key, columns[index], value)


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
    except Exception:  # noqa: BLE001 - a cursor past the end after rows went away
        return None
