"""Tables as data: build them from content and check their arithmetic like an auditor."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .problems import Problem, SourceLocation, problem
from .records import Column, Row, Table
from .values import format_amount, parse_amount

# Forms number sections I…XX; single letters other than I, V, X (A, B, C, D…) are parts.
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
TOLERANCE = Decimal(1)
# A table (or named list) longer than this is unreadable on a phone: split it.
MAX_TABLE_ROWS = 10_000


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
    rows: list[Row] = []
    for i, raw_row in enumerate(raw["rows"]):
        row_path = (*path, "rows", i)
        line = lines.line(row_path)
        if isinstance(raw_row, dict):
            cells_raw, summed = raw_row["cells"], raw_row.get("sum", True)
        else:
            cells_raw, summed = raw_row, True
        if len(cells_raw) != len(columns):
            problems.append(
                problem(
                    "table-row-length",
                    loc.at(f"tables.rows[{i + 1}]", line),
                    row=i + 1,
                    found=len(cells_raw),
                    expected=len(columns),
                )
            )
            cells_raw = (list(cells_raw) + [None] * len(columns))[: len(columns)]
        cells: list[str | Decimal | None] = []
        for col, value in zip(columns, cells_raw, strict=True):
            if (
                col.type == "text"
                or value is None
                or (isinstance(value, str) and not value.strip())
            ):
                cells.append(None if value is None else str(value))
                continue
            number = parse_amount(value)
            if number is None:
                problems.append(
                    problem(
                        "table-cell-type",
                        loc.at(f"tables.rows[{i + 1}]", line),
                        row=i + 1,
                        column=col.title,
                        value=repr(value),
                    )
                )
            cells.append(number)
        rows.append(Row(tuple(cells), level_of(cells[0]), bool(summed), line))
    table = Table(
        title=raw["title"],
        columns=columns,
        rows=tuple(rows),
        form=raw.get("form", ""),
        unit=raw.get("unit", ""),
        note=raw.get("note", ""),
        line=lines.line(path),
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
    name = str(row.cells[1] or "") if len(row.cells) > 1 else ""
    return name.strip().lower().startswith("trong đó")


def check_table(table: Table, loc: SourceLocation) -> list[Problem]:
    """Totals equal the sum of their lines; percentages match their columns."""
    problems: list[Problem] = []
    amount_cols = [i for i, c in enumerate(table.columns) if c.type == "amount"]
    rows = table.rows
    for i, row in enumerate(rows):
        where = loc.at(f"tables[{table.title}]", row.line)
        stt, item = _label(row)
        if row.sum and row.level < 9 and not _is_of_which(row):
            kids = [j for j in _children(rows, i) if not _is_of_which(rows[j])]
            if kids:
                for c in amount_cols:
                    value = row.cells[c]
                    parts = [rows[j].cells[c] for j in kids]
                    if not isinstance(value, Decimal) or not any(
                        isinstance(p, Decimal) for p in parts
                    ):
                        continue
                    expected = sum((p for p in parts if isinstance(p, Decimal)), Decimal(0))
                    if abs(expected - value) > TOLERANCE:
                        problems.append(
                            problem(
                                "budget-sum-mismatch",
                                where,
                                stt=stt,
                                item=item,
                                column=table.columns[c].title,
                                value=format_amount(value),
                                expected=format_amount(expected),
                            )
                        )
        for c, col in enumerate(table.columns):
            if col.type != "percent" or not col.of:
                continue
            num_i, den_i = col.of[0] - 1, col.of[1] - 1
            if not (0 <= num_i < len(row.cells) and 0 <= den_i < len(row.cells)):
                continue
            value, num, den = row.cells[c], row.cells[num_i], row.cells[den_i]
            if not all(isinstance(x, Decimal) for x in (value, num, den)) or den == 0:
                continue
            assert (
                isinstance(num, Decimal) and isinstance(den, Decimal) and isinstance(value, Decimal)
            )
            expected = (num / den * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if abs(expected - value) > Decimal("0.15"):
                problems.append(
                    problem(
                        "budget-percent-mismatch",
                        where,
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
