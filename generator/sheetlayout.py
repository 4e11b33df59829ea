"""Where a table sits on a sheet: title rows, the header (one or two rows), data, footer.

Official forms open with the unit's name, the form number, a title, the unit of measure,
then a header whose groups are merged over two rows, often a row of column numbers
("A B 1 2 3=2/1"), the data, and signatures. Staff's own lists are plainer. This module
finds those parts; what the columns mean is the importer's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .spreadsheet import Sheet
from .vietnamese import fold

MAX_HEADER_ROW = 40


@dataclass(frozen=True)
class Header:
    row: int  # first header row
    height: int  # 1 or 2 rows
    titles: dict[int, str]  # column → title as read (groups joined: "So sánh (%) – Dự toán")
    parts: dict[int, tuple[str, str]]  # column → (top row text, second row text)
    data_start: int  # first row below the header, numbering and instruction rows
    numbering: dict[int, str] = field(default_factory=dict)  # column → "1", "3=2/1"…

    @property
    def last_row(self) -> int:
        return self.row + self.height - 1

    def candidates(self, col: int) -> tuple[str, ...]:
        """Texts to match a column by: the joined title, then each part."""
        top, sub = self.parts.get(col, ("", ""))
        return tuple(t for t in (self.titles.get(col, ""), sub, top) if t)


def _titles(sheet: Sheet, row: int, two: bool) -> tuple[dict[int, str], dict[int, tuple[str, str]]]:
    top = {c: sheet.text(row, c) for c in range(1, sheet.n_cols + 1)}
    sub = {c: sheet.text(row + 1, c) if two else "" for c in top}
    if two:
        # CSV (and unmerged sheets) write a group's title over its first column only.
        group = ""
        for c in top:
            if top[c]:
                group = top[c] if sub[c] else ""
            elif sub[c] and group:
                top[c] = group
            else:
                group = ""
    titles: dict[int, str] = {}
    parts: dict[int, tuple[str, str]] = {}
    for c in top:
        t, s = top[c], sub[c]
        if not t and not s:
            continue
        parts[c] = (t, s)
        titles[c] = t if not s or s == t else s if not t else f"{t} – {s}"
    return titles, parts


def find_header(
    sheet: Sheet,
    score: Callable[[Header], int],
    minimum: int = 2,
    second_row: Callable[[Sheet, int], bool] | None = None,
) -> Header | None:
    """The best-scoring header in the first rows; two rows when the second row adds to it."""
    best: tuple[int, Header] | None = None
    for row in range(1, min(sheet.n_rows, MAX_HEADER_ROW) + 1):
        titles, parts = _titles(sheet, row, False)
        if len(titles) < 2:
            continue
        single = Header(row, 1, titles, parts, row + 1)
        choice, value = single, score(single)
        if row < sheet.n_rows and value > 0:  # the top row must itself look like a header
            titles2, parts2 = _titles(sheet, row, True)
            double = Header(row, 2, titles2, parts2, row + 2)
            value2 = score(double)
            merged = sheet.spans_rows(row) and not _is_numbering(sheet, row + 1)
            looks = second_row(sheet, row) if second_row else False
            if value2 > value or (value2 >= value and (merged or looks)):
                choice, value = double, value2
        if value >= minimum and (best is None or value > best[0]):
            best = (value, choice)
    if best is None:
        return None
    return _skip_helper_rows(sheet, best[1])


_NUMBER_TOKEN = re.compile(r"^\(?([A-Z]|\d{1,2})\)?(\s*=\s*[\d\s()/:*x×+\-]+(100)?%?)?$")


def _is_numbering(sheet: Sheet, row: int) -> bool:
    """A row of column numbers: A, B, 1, 2, 3=2/1 (letters, then numbers, in sequence)."""
    texts = [sheet.text(row, c) for c in range(1, sheet.n_cols + 1)]
    filled = [t for t in texts if t]
    if len(filled) < 2 or not all(_NUMBER_TOKEN.match(t) for t in filled):
        return False
    previous = ""
    for text in filled:
        token = re.sub(r"[()\s]", "", text.split("=")[0])
        if token.isdigit():
            expected = str(int(previous) + 1) if previous.isdigit() else "1"
        else:
            expected = chr(ord(previous) + 1) if previous.isalpha() else "A"
        if token != expected:
            return False
        previous = token
    return True


def _is_instruction(sheet: Sheet, row: int) -> bool:
    filled = [sheet.value(row, c) for c in range(1, sheet.n_cols + 1)]
    texts = [v for v in filled if v is not None]
    return bool(texts) and all(isinstance(v, str) and v.strip().startswith("(") for v in texts)


def _skip_helper_rows(sheet: Sheet, header: Header) -> Header:
    row = header.last_row + 1
    numbering: dict[int, str] = {}
    for _ in range(2):
        if _is_numbering(sheet, row):
            numbering = {
                c: sheet.text(row, c) for c in range(1, sheet.n_cols + 1) if sheet.text(row, c)
            }
        elif not _is_instruction(sheet, row):
            break
        row += 1
    return Header(header.row, header.height, header.titles, header.parts, row, numbering)


_FOOTER = re.compile(
    r"^(nguoi lap|lap bieu|ke toan|chu tich|pho chu tich|t/?m\.? ?(ubnd|uy ban)|tm\.|"
    r"thu truong|xac nhan|noi nhan|truong thon|ngay \S+ thang \S+ nam|[^,]{2,40}, ngay \S+ thang)"
)
_TOTAL = re.compile(r"^(tong cong|tong so|cong|tong)\b[\s:]*")


def row_texts(sheet: Sheet, row: int) -> list[str]:
    return [sheet.text(row, c) for c in range(1, sheet.n_cols + 1)]


def is_empty(sheet: Sheet, row: int) -> bool:
    return not any(row_texts(sheet, row))


def is_footer(sheet: Sheet, row: int) -> bool:
    """Signatures and the place-and-date line under a form."""
    values = [sheet.value(row, c) for c in range(1, sheet.n_cols + 1)]
    if any(isinstance(v, (int, float, date)) and not isinstance(v, bool) for v in values):
        return False
    first = next((t for t in row_texts(sheet, row) if t), "")
    return bool(_FOOTER.match(fold(first)))


def is_total(text: str) -> bool:
    return bool(_TOTAL.match(fold(text)))


def data_rows(sheet: Sheet, header: Header) -> list[int]:
    """Rows below the header up to the footer, without empty rows."""
    rows = []
    for row in range(header.data_start, sheet.n_rows + 1):
        if is_footer(sheet, row):
            break
        if not is_empty(sheet, row):
            rows.append(row)
    return rows


@dataclass(frozen=True)
class TitleBlock:
    """What the rows above a form's header say: its title, form number and unit."""

    title: str = ""
    form: str = ""
    unit: str = ""
    texts: tuple[str, ...] = ()


_FORM = re.compile(r"(?i)^(biểu|mẫu)\s*(số)?\s*:?\s*(.*\d.*)$")
_UNIT = re.compile(r"(?i)^\(?\s*đơn vị( tính)?\s*:\s*(.+?)\)?$")
_NOT_TITLE = re.compile(
    r"^(ubnd|uy ban|hdnd|hoi dong|cong hoa|doc lap|dang|xa |phuong |huyen |tinh |so:|\()"
)


def title_block(sheet: Sheet, header: Header) -> TitleBlock:
    texts: list[str] = []
    for row in range(1, header.row):
        for c in range(1, sheet.n_cols + 1):
            text = " ".join(sheet.text(row, c).split())
            if text and text not in texts:
                texts.append(text)
    form = unit = title = ""
    for text in texts:
        if m := _FORM.match(text):
            form = m.group(3).strip()
        elif m := _UNIT.match(text):
            unit = m.group(2).strip()
        elif _could_be_title(text) and not title:
            title = text
    return TitleBlock(title, form, unit, tuple(texts))


def _could_be_title(text: str) -> bool:
    placeholder = "…" in text or "..." in text
    return len(text) >= 8 and not placeholder and not _NOT_TITLE.match(fold(text))
