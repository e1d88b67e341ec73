"""Update a DataTable in place: change only the cells that changed (per-key work stays small)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable


def sync_table(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]]) -> bool:
    """Make `table` show `rows` ([(key, cells)]), touching only what differs.

    Returns True when the set or order of rows changed (the table was rebuilt).
    """
    from yiting.ui.text import cells

    # Cells hold text people typed: never let a DataTable parse it as markup.
    rows = [(key, cells(values)) for key, values in rows]
    keys = [key for key, _ in rows]
    current = [row_key.value for row_key in table.rows]
    if keys != current:
        cursor = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        return True
    columns = list(table.columns)
    for key, cells in rows:
        old = table.get_row(key)
        for index, value in enumerate(cells):
            if index < len(old) and old[index] != value:
                table.update_cell(key, columns[index], value)
    return False


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
    except Exception:  # noqa: BLE001 - a cursor past the end after rows went away
        return None
