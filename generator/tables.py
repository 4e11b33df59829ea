"""Tables as data: build them from content and check their arithmetic like an auditor."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from .problems import Problem, SourceLocation, problem
from .records import Column, Row, Table
from .values import format_amount, parse_amount

# Forms number sections I…XX; single letters other than I, V, X (A, B, C, D…) are parts.
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
TOLERANCE = Decimal(1)
# A table (or named list) longer than this is unreadable on a phone: split it.
MAX_TABLE_ROWS = 10_000


@lru_cache(maxsize=4096)  # the same few numbers (1, 2, I, A, 1.1…) on every row
def level_of(stt: object) -> int:
    """Hierarchy level from the STT column, as official forms number their rows."""
    text = str(stt or "").strip().rstrip(".")
    if not text:
        return 9
    if text in ("-", "+", "*", "–"):
        return 5
    if _ROMAN.match(text):
        return 2
    if re.fullmatch(r"[A-Z]", text):
        return 1
    if re.fullmatch(r"\d+", text):
        return 3
    if re.fullmatch(r"\d+(\.\d+)+", text):
        return 3 + text.count(".")
    if re.fullmatch(r"[a-zđ]\)?", text):
        return 4
    return 9


_NOT_A_NUMBER = object()


def _amount(value: object) -> object:
    """The cell of an amount column: a Decimal, blank as written, else _NOT_A_NUMBER."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if value is None else str(value)
    number = parse_amount(value)
    return _NOT_A_NUMBER if number is None else number


def build_table(
    raw: dict[str, Any], loc: SourceLocation, lines: Any, path: tuple
) -> tuple[Table, list[Problem]]:
    """A Table from validated raw data; cells of amount columns become Decimals."""
    problems: list[Problem] = []
    columns = tuple(
        Column(
            title=c["title"],
            type=c.get("type", "text"),
            of=(c["of"][0], c["of"][1]) if c.get("of") else None,
        )
        for c in raw["columns"]
    )
    # Column by column: one comprehension per column instead of a branch per cell.
    width = len(columns)
    found: list[tuple[int, int, Problem]] = []  # (row, column or -1, problem): row order

    def where(i: int) -> SourceLocation:
        return loc.at(f"tables.rows[{i + 1}]", lines.line((*path, "rows", i)))

    grid: list[list[Any]] = []
    summed: list[bool] = []
    for i, raw_row in enumerate(raw["rows"]):
        if isinstance(raw_row, dict):
            cells_raw, summed_raw = raw_row["cells"], raw_row.get("sum", True)
        else:
            cells_raw, summed_raw = raw_row, True
        if len(cells_raw) != width:
            length = problem(
                "table-row-length", where(i), row=i + 1, found=len(cells_raw), expected=width
            )
            found.append((i, -1, length))
            cells_raw = (list(cells_raw) + [None] * width)[:width]
        grid.append(cells_raw)
        summed.append(bool(summed_raw))
    by_column: list[Any] = []
    values_of = list(zip(*grid, strict=True)) if grid else [()] * width
    for c, (column, values) in enumerate(zip(columns, values_of, strict=True)):
        if column.type == "text":
            by_column.append([None if v is None else str(v) for v in values])
            continue
        cells = [Decimal(v) if type(v) is int else _amount(v) for v in values]
        if not any(cell is _NOT_A_NUMBER for cell in cells):  # not `in`: no Decimal ==
            by_column.append(cells)
            continue
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            if cell is _NOT_A_NUMBER:
                bad = problem(
                    "table-cell-type", where(i), row=i + 1, column=column.title, value=repr(value)
                )
                found.append((i, c, bad))
                cells[i] = None
        by_column.append(cells)
    rows = (
        [
            Row(cells, level_of(cells[0]), sums)
            for cells, sums in zip(zip(*by_column, strict=True), summed, strict=True)
        ]
        if width
        else [Row((), 9, sums) for sums in summed]
    )
    problems.extend(p for _, _, p in sorted(found, key=lambda f: f[:2]))
    table = Table(
        title=raw["title"],
        columns=columns,
        rows=tuple(rows),
        form=raw.get("form", ""),
        unit=raw.get("unit", ""),
        note=raw.get("note", ""),
    )
    return table, problems


def _children(rows: tuple[Row, ...], index: int) -> list[int]:
    """Direct children of rows[index]: following rows one level deeper, until a peer."""
    parent = rows[index].level
    found: list[int] = []
    child_level: int | None = None
    for j in range(index + 1, len(rows)):
        level = rows[j].level
        if level <= parent or level == 9:
            break
        if child_level is None:
            child_level = level
        if level == child_level:
            found.append(j)
    return found


def _is_of_which(row: Row) -> bool:
    """'Trong đó' (of which) lines detail their parent; they are not added to it."""
    cells = row.cells
    name = cells[1] if len(cells) > 1 else None
    return isinstance(name, str) and name.lstrip()[:8].lower() == "trong đó"


def check_table(
    table: Table, loc: SourceLocation, line_of: Callable[[int], int | None] | None = None
) -> list[Problem]:
    """Totals equal the sum of their lines; percentages match their columns.

    A problem points at `row.line`, or at `line_of(row index)` (asked only for a problem).
    """
    problems: list[Problem] = []
    amount_cols = [i for i, c in enumerate(table.columns) if c.type == "amount"]
    percent_cols = [
        (c, col, col.of[0] - 1, col.of[1] - 1)
        for c, col in enumerate(table.columns)
        if col.type == "percent" and col.of
    ]
    rows = table.rows
    of_which = [_is_of_which(row) for row in rows] if amount_cols else []

    def where(i: int, row: Row) -> SourceLocation:
        line = row.line if row.line is not None or line_of is None else line_of(i)
        return loc.at(f"tables[{table.title}]", line)

    for i, row in enumerate(rows):
        if amount_cols and row.sum and row.level < 9 and not of_which[i]:
            kids = [j for j in _children(rows, i) if not of_which[j]]
            if kids:
                for c in amount_cols:
                    value = row.cells[c]
                    parts = [p for j in kids if type(p := rows[j].cells[c]) is Decimal]
                    if type(value) is not Decimal or not parts:
                        continue
                    expected = sum(parts, Decimal(0))
                    if abs(expected - value) > TOLERANCE:
                        stt, item = _label(row)
                        problems.append(
                            problem(
                                "budget-sum-mismatch",
                                where(i, row),
                                stt=stt,
                                item=item,
                                column=table.columns[c].title,
                                value=format_amount(value),
                                expected=format_amount(expected),
                            )
                        )
        for c, col, num_i, den_i in percent_cols:
            if not (0 <= num_i < len(row.cells) and 0 <= den_i < len(row.cells)):
                continue
            value, num, den = row.cells[c], row.cells[num_i], row.cells[den_i]
            if type(value) is not Decimal or type(num) is not Decimal or type(den) is not Decimal:
                continue
            if not den or abs(value * den - num * 100) * 10 <= abs(den):
                continue  # within 0.1 of the exact ratio: within 0.15 of it rounded
            expected = (num / den * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if abs(expected - value) > Decimal("0.15"):
                stt, item = _label(row)
                problems.append(
                    problem(
                        "budget-percent-mismatch",
                        where(i, row),
                        stt=stt,
                        item=item,
                        column=col.title,
                        value=format_amount(value),
                        expected=format_amount(expected),
                        numerator=table.columns[num_i].title,
                        denominator=table.columns[den_i].title,
                    )
                )
    return problems


def _label(row: Row) -> tuple[str, str]:
    stt = str(row.cells[0] or "").strip() or "(không số)"
    item = str(row.cells[1] or "").strip() if len(row.cells) > 1 else ""
    return stt, item
