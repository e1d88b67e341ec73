"""Update a DataTable in place: change only the rows and cells that changed (per-key work stays small)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from textual.widgets import DataTable

from yiting.ui.text import cells

# What sync_table last put in each table, as given (before `cells`): comparing with it costs
# a tuple comparison a row, where reading the table back costs a lookup a cell. A table kept
# by sync_table is changed only through it.
_synced: WeakKeyDictionary[DataTable, dict[str, tuple[Any, ...]]] = WeakKeyDictionary()


def sync_table(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]], *, order_by: str | None = None) -> bool:
    """Make `table` show `rows` ([(key, cells)]), touching only what differs.

    Rows that went are removed and new rows at the end are added. When the rows it keeps
    change order (or a new row comes before one it keeps) the table is filled again, or, given
    `order_by` (the key of a column holding each row's position, 1, 2, …), sorted by that
    column. The cursor stays on the same line (clamped to the rows left). Returns True when
    the set or order of rows changed.
    """
    rows = [(key, tuple(values)) for key, values in rows]
    shown = _synced.get(table, {})
    _synced[table] = dict(rows)
    keys = [key for key, _ in rows]
    current = [row.key.value for row in table.ordered_rows]
    if keys == current:
        _update_cells(table, rows, shown)
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
    _update_cells(table, [(key, values) for key, values in rows if key in known], shown)
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
        table.add_row(*cells(values), key=key)


def _update_cells(table: DataTable, rows: Sequence[tuple[str, Sequence[Any]]],
                  shown: dict[str, tuple[Any, ...]]) -> None:
    columns = None
    for key, values in rows:
        old = shown.get(key)
        if old == values:
            continue
        if old is None:  # not put there by sync_table: read it back
            old = tuple(table.get_row(key))
            values = cells(values)
        columns = columns or list(table.columns)
        for index, value in enumerate(values[: len(columns)]):
            if index >= len(old) or old[index] != value:
                # Widths are not measured again (the queue renumbers every row on each call):
                # a longer word in an auto-width column is cut, with an ellipsis.
                table.update_cell(key, columns[index], cells((value,))[0])


def selected_row(table: DataTable, rows: Iterable[Mapping[str, Any]]) -> Any:
    """The row of `rows` (keyed in the table by its "id") under the cursor, or None."""
    key = selected_key(table)
    return next((row for row in rows if str(row["id"]) == key), None)


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    try:
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
    except Exception:  # noqa: BLE001 - a cursor past the end after rows went away
        return None
