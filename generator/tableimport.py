"""Read a budget or land-use form from a sheet into a content table, checked cell by cell.

One sheet holds one table. The first two columns are STT and Nội dung, as on the official
forms; the others are amounts, percentages or text. A row of column numbers under the
header ("A B 1 2 3=2/1") tells which columns a percentage divides. Totals are checked
against their lines with tables.check_table, and a wrong total is reported at its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .cellvalues import as_text, plain_number, show
from .columns import header_keys
from .problems import Problem, SourceLocation, problem
from .records import Column, Row, Table
from .sheetlayout import Header, TitleBlock, data_rows, find_header, title_block
from .spreadsheet import Sheet, Workbook, column_letter
from .tables import check_table, level_of
from .values import parse_amount
from .vietnamese import fold
from .yamlwrite import Flow, FlowMap

STT_HEADERS = ("stt", "tt", "so tt", "so thu tu", "thu tu")
CONTENT_HEADERS = (
    "noi dung", "chi tieu", "noi dung thu", "noi dung chi", "noi dung thu, chi", "noi dung thu chi",
    "chi tieu su dung dat", "loai dat", "muc dich su dung dat", "muc dich su dung", "ten chi tieu",
    "danh muc", "noi dung chi tieu", "khoan muc", "ten cong trinh, du an", "ten du an",
)  # fmt: skip
TEXT_HEADERS = ("ma", "ma dat", "ma loai dat", "ky hieu", "ghi chu", "don vi tinh", "dvt", "don vi")
_NOTHING = ("-", "–", "—", "x", "X")
_PERCENT = re.compile(r"%|\bty le\b|\bso sanh\b|\bco cau\b")
# In a sheet, rows opt out of the sum check by starting with "Trong đó", not with YAML.
SUM_FIX = (
    "sửa số ở ô này hoặc ở các dòng con; nếu các dòng bên dưới chỉ kể ra một phần "
    "('trong đó'), ghi ô Nội dung của dòng đầu tiên bắt đầu bằng 'Trong đó:'."
)
_RATIO = re.compile(r"^\(?(\d+)\)?\s*=\s*\(?(\d+)\)?\s*[/:]\s*\(?(\d+)\)?")


@dataclass(frozen=True)
class ImportedTable:
    data: dict[str, Any]  # as written in content: form, title, unit, columns, rows
    cells: dict[tuple[str | int, ...], SourceLocation]  # path inside the table → its cell
    block: TitleBlock


def _find(header: Header, col: int, names: tuple[str, ...]) -> bool:
    return any(k in names for text in header.candidates(col) for k in header_keys(text))


def _key_columns(header: Header) -> tuple[int | None, int | None]:
    stt = next((c for c in sorted(header.titles) if _find(header, c, STT_HEADERS)), None)
    content = next((c for c in sorted(header.titles) if _find(header, c, CONTENT_HEADERS)), None)
    return stt, content


def _score(header: Header) -> int:
    stt, content = _key_columns(header)
    return 2 + (len(header.titles) > 2) if stt and content else 0


def _second_row(sheet: Sheet, row: int) -> bool:
    """Whether `row + 1` continues the header: sub-titles under groups, STT and Nội dung empty."""
    titles = {c: sheet.text(row, c) for c in range(1, sheet.n_cols + 1)}
    keys = [c for c, t in titles.items() if t and fold(t) in (*STT_HEADERS, *CONTENT_HEADERS)]
    if len(keys) < 2:
        return False
    below = {c: sheet.text(row + 1, c) for c in titles}
    if any(below[c] and below[c] != titles[c] for c in keys):
        return False
    others = [t for c, t in below.items() if t and c not in keys]
    return bool(others) and all(parse_amount(t) is None and len(t) > 2 for t in others)


def read_table(book: Workbook, sheet: Sheet) -> tuple[ImportedTable | None, list[Problem]]:
    """The form on `sheet`, or None when the sheet holds none."""
    header = find_header(sheet, _score, minimum=2, second_row=_second_row)
    if header is None:
        return None, []
    stt, content = _key_columns(header)
    assert stt is not None and content is not None
    problems: list[Problem] = []
    rows = data_rows(sheet, header)
    others = [c for c in sorted(header.titles) if c not in (stt, content)]
    for c in range(1, sheet.n_cols + 1):
        if c not in header.titles and any(sheet.text(r, c) for r in rows):
            problems.append(
                problem(
                    "import-column-no-header",
                    book.at(sheet, header.row, c),
                    column=column_letter(c),
                    example="Dự toán năm 2025",
                )
            )
    order = [stt, content, *others]
    types = {stt: "text", content: "text"} | {
        c: _column_type(header, sheet, c, rows) for c in others
    }
    columns: list[dict[str, Any]] = []
    for c in order:
        column: dict[str, Any] = FlowMap(title=header.titles[c], type=types[c])
        of = _ratio(header, c, order) if types[c] == "percent" else None
        if of:
            column["of"] = Flow(of)
        columns.append(column)
    cells: dict[tuple[str | int, ...], SourceLocation] = {}
    written: list[list[Any]] = []
    numbers: list[tuple[int, list[str | Decimal | None]]] = []
    for r in rows:
        row_out: list[Any] = []
        row_num: list[str | Decimal | None] = []
        for j, c in enumerate(order):
            value = sheet.value(r, c)
            loc = book.at(sheet, r, c)
            if isinstance(value, str) and value.strip() in _NOTHING:
                value = None  # forms write a dash where there is no figure
            if types[c] == "text" or value is None:
                text = (
                    _stt_text(value)
                    if c == stt
                    else (as_text(value) if value is not None else None)
                )
                row_out.append(text or None)
                row_num.append(text or None)
            else:
                raw = value.replace("%", "") if isinstance(value, str) else value
                number = parse_amount(raw)
                if number is None:
                    problems.append(problem("amount-format", loc, value=show(value)))
                row_out.append(plain_number(number) if number is not None else None)
                row_num.append(number)
            cells[("rows", len(written), j)] = loc
        if row_out[1] is None and all(v is None for v in row_out[2:]):
            continue  # a numbered but empty line of a template
        cells[("rows", len(written))] = book.at(sheet, r, stt)
        written.append(Flow(row_out))
        numbers.append((r, row_num))
    if not written:
        problems.append(
            problem("import-no-rows", book.at(sheet, header.last_row, stt), item="dòng")
        )
    block = title_block(sheet, header)
    data: dict[str, Any] = {}
    if block.form:
        data["form"] = block.form
    data["title"] = block.title or sheet.name
    if block.unit:
        data["unit"] = block.unit
    data["columns"] = columns
    data["rows"] = written
    cells[()] = book.at(sheet, header.row, stt)
    table = ImportedTable(data, cells, block)
    problems.extend(_arithmetic(book, sheet, columns, order, numbers))
    return table, problems


def _stt_text(value: object) -> str | None:
    return as_text(value) if value is not None else None


def _column_type(header: Header, sheet: Sheet, col: int, rows: list[int]) -> str:
    title = fold(header.titles[col])
    if _PERCENT.search(title):
        return "percent"
    if any(k in TEXT_HEADERS for text in header.candidates(col) for k in header_keys(text)):
        return "text"
    values = [sheet.value(r, col) for r in rows if sheet.value(r, col) is not None]
    words = sum(1 for v in values if isinstance(v, str) and parse_amount(v) is None)
    return "text" if values and words * 2 > len(values) else "amount"


def _ratio(header: Header, col: int, order: list[int]) -> list[int] | None:
    """[numerator, denominator] as 1-based column numbers, from a '3=2/1' column number."""
    m = _RATIO.match(header.numbering.get(col, "").replace(" ", ""))
    if not m:
        return None
    by_number = {re.sub(r"\D", "", t.split("=")[0]): c for c, t in header.numbering.items()}
    num, den = by_number.get(m.group(2)), by_number.get(m.group(3))
    if num not in order or den not in order:
        return None
    return [order.index(num) + 1, order.index(den) + 1]


def _arithmetic(
    book: Workbook,
    sheet: Sheet,
    columns: list[dict[str, Any]],
    order: list[int],
    numbers: list[tuple[int, list[str | Decimal | None]]],
) -> list[Problem]:
    """Totals and percentages, one column at a time so each problem knows its cell."""
    problems: list[Problem] = []
    for j, column in enumerate(columns):
        if column["type"] == "amount":
            picked, cols = (
                [0, 1, j],
                [_col(columns[0]), _col(columns[1]), Column(column["title"], "amount")],
            )
        elif column["type"] == "percent" and column.get("of"):
            n, d = column["of"][0] - 1, column["of"][1] - 1
            picked = [0, 1, n, d, j]
            cols = [
                _col(columns[0]), _col(columns[1]), Column(columns[n]["title"]),
                Column(columns[d]["title"]), Column(column["title"], "percent", (3, 4)),
            ]  # fmt: skip
        else:
            continue
        rows = tuple(
            Row(tuple(cells[k] for k in picked), level_of(cells[0]), True, r)
            for r, cells in numbers
        )
        table = Table("", tuple(cols), rows)
        for p in check_table(table, SourceLocation(book.path)):
            line = p.location.line if p.location else None
            cell = sheet.ref(line, order[j]) if line else None
            fix = SUM_FIX if p.code == "budget-sum-mismatch" else p.fix
            problems.append(
                replace(p, location=SourceLocation(book.path, None, None, cell), fix=fix)
            )
    return problems


def _col(raw: dict[str, Any]) -> Column:
    return Column(raw["title"], "text")
