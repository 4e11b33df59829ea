"""Read the spreadsheets staff really have: .xlsx (also .xls, .ods) and CSV in any encoding.

A Workbook is a row of Sheets of plain values (text, numbers, dates) addressed like Excel
(Sheet1!C14). Text is NFC; text typed in the legacy TCVN3 or VNI fonts is converted when
that is certain and flagged when it is not. Cells of a merged range all carry the value of
its top-left cell, as a reader of the printed form would read them.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .problems import Problem, SourceLocation, problem
from .vietnamese import FONTS, Reading, badness, convert_font, latin_view, read_text

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".txt", ".tsv")
Value = str | int | float | date | datetime | bool | None

# Limits, checked before a library reads the file, so that a file made to exhaust memory
# (a "zip bomb": a few kilobytes that unzip to gigabytes) ends with a message instead.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # all parts of an .xlsx or .ods, unzipped
MAX_ZIP_ENTRIES = 10_000
MAX_SHEET_ROWS = 10_000 + 40  # a table of MAX_TABLE_ROWS rows, with its header above
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


@dataclass(frozen=True)
class Sheet:
    """One sheet: values by 1-based row and column, and its merged ranges."""

    name: str
    rows: tuple[tuple[Value, ...], ...]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # min_row, min_col, max_row, max_col
    in_workbook: bool = True  # False for CSV: addresses have no sheet name

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Value:
        if 1 <= row <= len(self.rows) and 1 <= col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return None

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        return "" if value is None else str(value).strip()

    def ref(self, row: int, col: int) -> str:
        """Excel-style address: Sheet1!C14, 'Biểu 1'!C14, or C14 for a CSV file."""
        cell = address(row, col)
        if not self.in_workbook:
            return cell
        name = self.name if re.fullmatch(r"\w+", self.name) else f"'{self.name}'"
        return f"{name}!{cell}"

    def spans_rows(self, row: int) -> bool:
        """Whether a merged range starts on `row` and reaches the row below (two-row header)."""
        return any(r0 == row and r1 > row for r0, _c0, r1, _c1 in self.merged)


@dataclass(frozen=True)
class Workbook:
    path: str  # as shown to staff
    sheets: tuple[Sheet, ...]
    format: str  # xlsx, xls, ods, csv
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only

    def at(self, sheet: Sheet, row: int, col: int, field: str | None = None) -> SourceLocation:
        return SourceLocation(self.path, None, field, sheet.ref(row, col))


def read(path: Path, display: str | None = None) -> tuple[Workbook | None, list[Problem]]:
    """Read a spreadsheet or CSV file; None and the problems when it cannot be read."""
    shown = display or str(path)
    suffix = path.suffix.lower()
    loc = SourceLocation(shown)
    try:
        too_big = _too_big(path, suffix, loc)
        if too_big is not None:
            return None, [too_big]
        if suffix in (".xlsx", ".xlsm"):
            book, problems = _read_xlsx(path, shown)
        elif suffix in (".xls", ".ods"):
            book, problems = _read_calamine(path, shown, suffix[1:])
        else:
            book, problems = _read_csv(path.read_bytes(), shown, Path(shown).stem)
    except _BROKEN as exc:
        return None, [problem("import-file-unreadable", loc, detail=_broken_detail(exc))]
    for sheet in book.sheets:
        if sheet.n_rows > MAX_SHEET_ROWS:
            return None, [_too_many_rows(loc, sheet.name, sheet.n_rows)]
    fixed, legacy = _legacy_fonts(book)
    return fixed, problems + legacy


def _too_many_rows(loc: SourceLocation, sheet: str, rows: int) -> Problem:
    limit = f"{MAX_SHEET_ROWS:,}".replace(",", ".")
    return problem(
        "import-too-many-rows", loc, sheet=sheet, rows=f"{rows:,}".replace(",", "."), limit=limit
    )


def _too_big(path: Path, suffix: str, loc: SourceLocation) -> Problem | None:
    """A problem when the file, or what it unzips to, is beyond what an import may read."""
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        return problem("import-file-too-large", loc, size=_mb(size), limit=_mb(MAX_IMPORT_BYTES))
    if suffix not in ZIP_SUFFIXES or not zipfile.is_zipfile(path):
        return None  # not a zip: the reader below says what it is
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        unzipped = sum(part.file_size for part in parts)
        packed = sum(part.compress_size for part in parts) or 1
        if len(parts) > MAX_ZIP_ENTRIES or unzipped > MAX_UNZIPPED_BYTES:
            ratio = f" (gấp {unzipped // packed:,} lần tệp nén)".replace(",", ".")
            return problem(
                "import-file-bomb",
                loc,
                size=_mb(unzipped),
                detail=ratio if unzipped // packed > 20 else "",
                limit=_mb(MAX_UNZIPPED_BYTES),
            )
        # The sizes above are what the file claims, and zipfile (which openpyxl uses) stops
        # at them. Count the rows of each sheet in pieces before a library holds them all;
        # a part larger than it claims fails its checksum here.
        for part in parts:
            if suffix == ".ods" or _is_sheet(part.filename):
                rows = _count_rows(archive, part)
                if rows > MAX_SHEET_ROWS:
                    name = part.filename.rsplit("/", 1)[-1].removesuffix(".xml")
                    return _too_many_rows(loc, name, rows)
    return None


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _count_rows(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """Row elements in one part of the zip, read in pieces (never more than it claims)."""
    rows, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            rows += data.count(b"<row") + data.count(b":row ") + data.count(b":table-row")
            tail = data[-16:]
            rows -= tail.count(b"<row") + tail.count(b":row ") + tail.count(b":table-row")
    rows += tail.count(b"<row") + tail.count(b":row ") + tail.count(b":table-row")
    return rows


def _mb(size: int) -> str:
    """50 MB, 50,1 MB, 1,0 GB: sizes as staff read them (decimal comma)."""
    if size >= 1000 * 1024**2:
        return f"{size / 1024**3:.1f} GB".replace(".", ",")
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _broken_exceptions() -> tuple[type[BaseException], ...]:
    """What the zip, XML and spreadsheet libraries raise for a file that is not what it says."""
    from xml.etree.ElementTree import ParseError

    from openpyxl.utils.exceptions import InvalidFileException
    from python_calamine import CalamineError

    found: tuple[type[BaseException], ...] = (
        OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError, csv.Error,
        ParseError, InvalidFileException, CalamineError,
    )  # fmt: skip
    try:  # openpyxl parses with lxml when it is installed
        from lxml.etree import LxmlError

        found += (LxmlError,)
    except ImportError:
        pass
    return found


_BROKEN = _broken_exceptions()


def _broken_detail(exc: BaseException) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "không phải tệp Excel .xlsx thật, có thể là tệp đổi đuôi"
    if isinstance(exc, OSError):
        return "không mở được tệp"
    return "nội dung tệp bị hỏng hoặc có mật khẩu"


def _read_xlsx(path: Path, shown: str) -> tuple[Workbook, list[Problem]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    for ws in values.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        raw = formulas[ws.title]
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    formula = raw.cell(r, c).value
                    if isinstance(formula, str) and formula.startswith("="):
                        sheet = Sheet(ws.title, ())
                        problems.append(
                            problem(
                                "cell-formula-no-value",
                                SourceLocation(shown, None, None, sheet.ref(r, c)),
                                formula=formula[:40],
                            )
                        )
                row[c - 1] = _plain(value)
        merged = tuple((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
        sheets.append(_sheet(ws.title, grid, merged))
    return Workbook(shown, tuple(sheets), "xlsx"), problems


def _read_calamine(path: Path, shown: str, fmt: str) -> tuple[Workbook, list[Problem]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    visible = {m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")}
    sheets = []
    for name in book.sheet_names:
        if name not in visible:
            continue
        ws = book.get_sheet_by_name(name)
        grid = [[_plain(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
        ranges = ws.merged_cell_ranges or []
        merged = tuple((r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges)
        sheets.append(_sheet(name, grid, merged))
    return Workbook(shown, tuple(sheets), fmt), []


def _plain(value: Any) -> Value:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, (str, int, float, date, bool)):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _sheet(
    name: str, grid: list[list[Value]], merged: tuple[tuple[int, int, int, int], ...]
) -> Sheet:
    for r0, c0, r1, c1 in merged:
        top = grid[r0 - 1][c0 - 1] if r0 <= len(grid) and c0 <= len(grid[r0 - 1]) else None
        for r in range(r0, min(r1, len(grid)) + 1):
            row = grid[r - 1]
            row.extend([None] * (c1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c - 1] = top
    return Sheet(name, _trim(grid), merged)


def _trim(grid: list[list[Value]]) -> tuple[tuple[Value, ...], ...]:
    rows = [list(r) for r in grid]
    for row in rows:
        while row and (row[-1] is None or (isinstance(row[-1], str) and not row[-1].strip())):
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return tuple(tuple(r) for r in rows)


# CSV --------------------------------------------------------------------------------------

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (có BOM)",
    "utf-16": "UTF-16 (Unicode text)",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1258": "Windows-1258",
    "legacy": "Windows-1252 (phông TCVN3/VNI)",
}


def _read_csv(data: bytes, shown: str, name: str) -> tuple[Workbook, list[Problem]]:
    encoding, text = _decode(data)
    delimiter, sheet = _csv_sheet(text, name)
    if encoding in ("cp1258", "legacy"):
        # One byte per character: the same bytes may be Windows-1258 or an old 8-bit font.
        candidates = {
            "legacy": sheet if encoding == "legacy" else _csv_sheet(latin_view(data), name)[1]
        }
        if encoding == "cp1258":
            candidates["cp1258"] = sheet
        encoding = min(candidates, key=lambda e: _font_score(candidates[e], e == "cp1258"))
        sheet = candidates[encoding]
    return Workbook(shown, (sheet,), "csv", _ENCODING_NAMES[encoding], delimiter), []


def _csv_sheet(text: str, name: str) -> tuple[str, Sheet]:
    delimiter, lines = _split(text)
    grid: list[list[Value]] = [[c if c.strip() else None for c in row] for row in lines]
    return delimiter, Sheet(name, _trim(grid), (), False)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", data.decode("utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data.decode("utf-16")
    sample = data[:4000]
    if len(sample) >= 4:
        odd_zero = sample[1::2].count(0) / (len(sample) / 2)
        even_zero = sample[0::2].count(0) / (len(sample) / 2)
        if odd_zero > 0.3:
            return "utf-16-le", data.decode("utf-16-le")
        if even_zero > 0.3:
            return "utf-16-be", data.decode("utf-16-be")
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return "cp1258", data.decode("cp1258")
    except UnicodeDecodeError:
        return "legacy", latin_view(data)


def _split(text: str, delimiter: str | None = None) -> tuple[str, list[list[str]]]:
    lines = text.splitlines()
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        delimiter, text = lines[0][4], "\n".join(lines[1:])
    if delimiter is None:
        delimiter = max(("\t", ";", ","), key=lambda d: _delimiter_score(text, d))
    return delimiter, list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _delimiter_score(text: str, delimiter: str) -> tuple[int, int]:
    sample = "\n".join(text.splitlines()[:60])
    rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    return sum(1 for r in rows if len(r) > 1), sum(len(r) for r in rows)


def _font_score(sheet: Sheet, plain: bool) -> tuple[int, bool]:
    """How garbled the sheet reads; ties go to Windows-1258 unless it needs a font converted."""
    score, converted = 0, False
    for value in _texts(sheet):
        reading = read_text(value)
        score += badness(reading.text) + (5 if reading.unsure else 0)
        converted = converted or reading.font is not None
    return score, converted or not plain


def _texts(sheet: Sheet) -> Iterator[str]:
    for row in sheet.rows:
        for value in row:
            if isinstance(value, str):
                yield value


# Legacy fonts -----------------------------------------------------------------------------


def _legacy_fonts(book: Workbook) -> tuple[Workbook, list[Problem]]:
    """Every text cell as NFC Unicode; a note per sheet and font converted, an error per doubt."""
    problems: list[Problem] = []
    sheets = []
    for sheet in book.sheets:
        readings = {
            (r, c): read_text(value)
            for r, row in enumerate(sheet.rows, start=1)
            for c, value in enumerate(row, start=1)
            if isinstance(value, str)
        }
        fonts = Counter(x.font for x in readings.values() if x.font)
        if fonts:
            # A sheet typed in an old font is typed in it throughout: words that happen to be
            # Vietnamese either way ("chó" is ú in TCVN3) follow the rest of the sheet.
            font = fonts.most_common(1)[0][0]
            for key, x in readings.items():
                if x.font is None and not x.unsure and all(ord(ch) < 256 for ch in x.text):
                    converted = convert_font(x.text, font)
                    if converted != x.text and badness(converted) == 0:
                        readings[key] = Reading(converted, font)
        converted_cells: dict[str, list[tuple[str, str, str]]] = {}
        rows = []
        for r, row in enumerate(sheet.rows, start=1):
            out: list[Value] = []
            for c, value in enumerate(row, start=1):
                reading = readings.get((r, c))
                if reading is None or not isinstance(value, str):
                    out.append(value)
                    continue
                if reading.font:
                    converted_cells.setdefault(reading.font, []).append(
                        (sheet.ref(r, c), value, reading.text)
                    )
                if reading.unsure:
                    problems.append(
                        problem(
                            "legacy-font",
                            SourceLocation(book.path, None, None, sheet.ref(r, c)),
                            value=_short(value),
                        )
                    )
                out.append(reading.text)
            rows.append(tuple(out))
        for font, cells in converted_cells.items():
            ref, before, after = cells[0]
            problems.append(
                problem(
                    "legacy-font-converted",
                    SourceLocation(book.path, None, None, ref),
                    count=len(cells),
                    font=FONTS[font],
                    before=_short(before),
                    after=_short(after),
                )
            )
        sheets.append(Sheet(sheet.name, tuple(rows), sheet.merged, sheet.in_workbook))
    return Workbook(book.path, tuple(sheets), book.format, book.encoding, book.delimiter), problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
