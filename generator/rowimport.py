"""Read a list from a sheet: one row per household, official, procedure or document.

Columns are matched to fields by their Vietnamese headers (see columns.py); every column
is accounted for: a column the kind does not have is an error, a column of personal data
is an error of its own, so nothing is dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .cellvalues import convert, is_blank
from .columns import (
    KIND_TITLES,
    PERSONAL_HEADERS,
    ROW_ITEMS,
    Field,
    header_keys,
    match_field,
    row_fields,
)
from .columns import is_ignored_header as ignored
from .privacy import ALLOWED_LIST_FIELDS, forbidden_name
from .problems import Problem, SourceLocation, problem
from .sheetlayout import Header, data_rows, find_header, is_total
from .spreadsheet import Sheet, Workbook, column_letter

Cells = dict[tuple[str | int, ...], SourceLocation]
Item = tuple[dict[str, Any], Cells]  # a row's fields, and the cell of each


def read_list(kind: str, book: Workbook, sheet: Sheet) -> tuple[list[Item] | None, list[Problem]]:
    """The rows of `sheet` as items of `kind`; None when the sheet has no such list."""
    header = find_header(sheet, _score(kind), minimum=2)
    if header is None:
        return None, []
    columns, problems = _check_columns(kind, book, sheet, header)
    items, found = _read_rows(kind, book, sheet, header, columns)
    problems.extend(found)
    if not items:
        loc = book.at(sheet, header.last_row, 1)
        problems.append(problem("import-no-rows", loc, item=ROW_ITEMS[kind]))
    return items, problems


@dataclass(frozen=True)
class _Columns:
    fields: dict[int, Field]
    marks: dict[int, str]  # poverty: a column per category, ticked with x


def _match(kind: str, header: Header) -> _Columns:
    fields: dict[int, Field] = {}
    marks: dict[int, str] = {}
    category = next((f for f in row_fields(kind) if f.key == "category"), None)
    for col in sorted(header.titles):
        for text in header.candidates(col):
            f = _field_for(kind, text)
            if f is not None:
                fields[col] = f
                break
            if category and text and category.parse_choice(text):
                marks[col] = category.parse_choice(text) or ""
                break
    return _Columns(fields, marks)


def _field_for(kind: str, text: str) -> Field | None:
    return match_field(row_fields(kind), text)


def _score(kind: str) -> Any:
    def score(header: Header) -> int:
        cols = _match(kind, header)
        return len({f.key for f in cols.fields.values()}) + (1 if cols.marks else 0)

    return score


def _check_columns(
    kind: str, book: Workbook, sheet: Sheet, header: Header
) -> tuple[_Columns, list[Problem]]:
    columns = _match(kind, header)
    problems: list[Problem] = []
    allowed = ", ".join(f.title for f in row_fields(kind))
    seen: dict[str, int] = {}
    for col, title in sorted(header.titles.items()):
        loc = book.at(sheet, header.row, col)
        f = columns.fields.get(col)
        if f is not None:
            if f.key in seen:
                other = sheet.ref(header.row, seen[f.key])
                problems.append(problem("import-duplicate-column", loc, header=title, other=other))
            seen.setdefault(f.key, col)
            continue
        if col in columns.marks or ignored(title):
            continue
        if kind in PERSONAL_HEADERS and (
            forbidden_name(title) or set(header_keys(title)) & set(PERSONAL_HEADERS[kind])
        ):
            problems.append(problem("import-personal-dropped", loc, header=title))
            continue
        label = forbidden_name(title)
        if label:
            kept = ALLOWED_LIST_FIELDS.get(kind)
            names = ", ".join(f.title for f in row_fields(kind) if not kept or f.key in kept)
            problems.append(
                problem("import-personal-column", loc, header=title, label=label, allowed=names)
            )
        else:
            problems.append(
                problem(
                    "import-unknown-column",
                    loc,
                    header=title,
                    what=KIND_TITLES[kind],
                    columns=allowed,
                )
            )
    rows = data_rows(sheet, header)
    for col in range(1, sheet.n_cols + 1):
        if col not in header.titles and any(sheet.text(r, col) for r in rows):
            problems.append(
                problem(
                    "import-column-no-header",
                    book.at(sheet, header.row, col),
                    column=column_letter(col),
                    example=row_fields(kind)[0].title,
                )
            )
    present = {f.key for f in columns.fields.values()} | ({"category"} if columns.marks else set())
    for f in row_fields(kind):
        if f.required and f.key not in present:
            problems.append(
                problem(
                    "import-missing-column",
                    book.at(sheet, header.row, 1),
                    title=f.title,
                    example=f.example,
                )
            )
    return columns, problems


def _read_rows(
    kind: str, book: Workbook, sheet: Sheet, header: Header, columns: _Columns
) -> tuple[list[Item], list[Problem]]:
    problems: list[Problem] = []
    out: list[Item] = []
    by_key = {f.key: col for col, f in columns.fields.items()}
    for r in data_rows(sheet, header):
        mapped = [c for c in sorted(columns.fields) if not is_blank(sheet.value(r, c))]
        ticked = [c for c in columns.marks if not is_blank(sheet.value(r, c))]
        if not mapped and not ticked:
            continue
        first = sheet.text(r, mapped[0]) if mapped else ""
        if is_total(first) and len(mapped) <= 2:
            loc = book.at(sheet, r, mapped[0])
            problems.append(problem("import-total-row", loc, text=first, item=ROW_ITEMS[kind]))
            continue
        item: dict[str, Any] = {}
        cells: Cells = {(): book.at(sheet, r, (mapped or ticked)[0])}
        bad: set[str] = set()
        for col, f in sorted(columns.fields.items()):
            loc = book.at(sheet, r, col, f.title)
            value, found = convert(f, sheet.value(r, col), loc)
            problems.extend(found)
            if any(p.blocking for p in found):
                bad.add(f.key)
            if value is not None:
                item[f.key] = value
                cells[(f.key,)] = loc
        if ticked and "category" not in item:
            item["category"] = columns.marks[ticked[0]]
            cells[("category",)] = book.at(sheet, r, ticked[0])
        for f in row_fields(kind):
            if f.required and f.key not in item and f.key not in bad and f.key in by_key:
                col = by_key[f.key]
                problems.append(
                    problem(
                        "cell-empty",
                        book.at(sheet, r, col, f.title),
                        title=f.title,
                        title_lower=f.title[0].lower() + f.title[1:],
                        example=f.example,
                    )
                )
        out.append((_ordered_item(kind, item), cells))
    return out, problems


def _ordered_item(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    order = [f.key for f in row_fields(kind)]
    return {k: item[k] for k in sorted(item, key=lambda k: order.index(k) if k in order else 99)}
