"""`congkhai template`: an .xlsx to fill and import, with the right headers and dropdowns.

Headers are the schema titles the importer matches; the row under them says what each
column needs, with an example; fixed choices are dropdowns fed from a hidden sheet.
Budget and land-use templates are laid out like the official forms, with a row of column
numbers whose '3=2/1' tells the importer which columns a percentage divides.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .columns import IMPORT_KINDS, KIND_TITLES, NOTES, ROW_ITEMS, Field, meta_fields, row_fields
from .envelope import ENVELOPE_KINDS, INFO_SHEET
from .problems import Problem, SourceLocation, problem
from .spreadsheet import column_letter

CHOICES_SHEET = "Lựa chọn"
LAST_ROW = 1000
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_HINT_FONT = Font(italic=True, color="595959", size=9)
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")

FORMS = {
    "budget": (
        "Biểu 1",
        "CÂN ĐỐI NGÂN SÁCH XÃ NĂM ……",
        "Đơn vị: triệu đồng",
        ("STT", "Nội dung", "Dự toán năm", "Ước thực hiện", "So sánh (%)"),
        ("A", "B", "1", "2", "3=2/1"),
    ),
    "land-use": (
        "Biểu 1",
        "CHỈ TIÊU SỬ DỤNG ĐẤT ……",
        "Đơn vị: ha",
        ("STT", "Chỉ tiêu sử dụng đất", "Mã", "Diện tích (ha)", "Cơ cấu (%)"),
        ("A", "B", "C", "1", "2"),
    ),
}


def write_template(kind: str, target: Path, force: bool = False) -> list[Problem]:
    """Write the template of `kind` to `target`, unless it exists and `force` is off."""
    if target.exists() and not force:
        return [problem("file-exists", SourceLocation(target.as_posix()), target=target.as_posix())]
    book = build(kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".congkhai-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return []


def build(kind: str) -> Workbook:
    if kind not in IMPORT_KINDS:
        raise ValueError(kind)
    book = Workbook()
    first = book.active
    assert first is not None
    choices = book.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    lists = _Choices(choices)
    if kind in ENVELOPE_KINDS:
        first.title = INFO_SHEET
        _info_sheet(first, kind, lists)
        data = book.create_sheet(FORMS[kind][0] if kind in FORMS else "Danh sách", 1)
    else:
        first.title = "Danh sách"
        data = first
    if kind in FORMS:
        _form_sheet(data, kind)
    else:
        _list_sheet(data, kind, lists)
    book.active = 0
    return book


class _Choices:
    """Dropdown sources: one column of the hidden sheet per choice field."""

    def __init__(self, sheet: Worksheet):
        self.sheet = sheet
        self.columns: dict[str, str] = {}

    def formula(self, f: Field) -> str:
        if f.key not in self.columns:
            col = column_letter(len(self.columns) + 1)
            self.columns[f.key] = col
            for row, (_value, label) in enumerate(f.choices, start=1):
                self.sheet[f"{col}{row}"] = label
        col = self.columns[f.key]
        return f"'{CHOICES_SHEET}'!${col}$1:${col}${len(f.choices)}"


def _validation(sheet: Worksheet, f: Field, cells: str, lists: _Choices) -> None:
    if f.type == "choice":
        dv = DataValidation(type="list", formula1=lists.formula(f), allow_blank=True)
    elif f.type == "boolean":
        dv = DataValidation(type="list", formula1='"x"', allow_blank=True)
    elif f.type == "integer" and f.key == "members":
        dv = DataValidation(type="whole", operator="between", formula1="1", formula2="30")
    else:
        return
    dv.error = f"Giá trị không hợp lệ. {hint(f)}"
    dv.errorTitle = f.title
    dv.showErrorMessage = True
    sheet.add_data_validation(dv)
    dv.add(cells)


def hint(f: Field, kind: str = "") -> str:
    """What the instruction row says about a column."""
    need = "bắt buộc" if f.required else "không bắt buộc"
    if (kind, f.key) in NOTES:
        need = f"{need}; {NOTES[kind, f.key]}"
    if f.type == "choice":
        return f"({need}) chọn trong danh sách: {f.choice_labels()}"
    if f.type == "choices":
        return f"({need}) một hoặc nhiều, cách nhau bằng dấu ; trong: {f.choice_labels()}"
    if f.type == "boolean":
        return f"({need}) ghi x nếu đúng, để trống nếu không"
    return f"({need}) ví dụ: {f.example}" if f.example else f"({need})"


def _title_rows(sheet: Worksheet, width: int, title: str, note: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = note
    sheet["A2"].alignment = _WRAP
    sheet["A2"].font = _HINT_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[2].height = 45


def _header_cell(sheet: Worksheet, row: int, col: int, text: str) -> None:
    cell = sheet.cell(row, col, text)
    cell.font = _BOLD
    cell.fill = _HEAD_FILL
    cell.border = _BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _list_sheet(sheet: Worksheet, kind: str, lists: _Choices) -> None:
    fields = row_fields(kind)
    item = ROW_ITEMS[kind]
    _title_rows(
        sheet,
        len(fields),
        KIND_TITLES[kind].upper(),
        f"Mẫu nhập của congkhai. Mỗi dòng một {item}, điền từ dòng 5; giữ nguyên dòng tiêu đề "
        f"(dòng 3). Ô có nhiều mục (trình tự, hồ sơ, căn cứ…) ghi mỗi mục một dòng (Alt+Enter). "
        f"Nhập bằng lệnh: congkhai import {kind} TÊN-TỆP.xlsx",
    )
    for col, f in enumerate(fields, start=1):
        letter = column_letter(col)
        _header_cell(sheet, 3, col, f.title)
        hint_cell = sheet.cell(4, col, hint(f, kind))
        hint_cell.font = _HINT_FONT
        hint_cell.alignment = _WRAP
        sheet.column_dimensions[letter].width = 40 if f.type in ("list", "dossier") else 22
        _validation(sheet, f, f"{letter}5:{letter}{LAST_ROW}", lists)
        if f.type == "date":
            for row in range(5, 205):
                sheet.cell(row, col).number_format = "DD/MM/YYYY"
        if f.key in ("phone", "fax", "code", "number"):
            for row in range(5, 205):
                sheet.cell(row, col).number_format = "@"
    sheet.row_dimensions[4].height = 60
    sheet.freeze_panes = "A5"


def _info_sheet(sheet: Worksheet, kind: str, lists: _Choices) -> None:
    _title_rows(
        sheet,
        3,
        "THÔNG TIN CHUNG",
        "Điền cột B (Giá trị). Dòng (không bắt buộc) có thể để trống. Ngày ghi 31/12/2024. "
        "Số liệu ghi ở trang bên cạnh.",
    )
    for col, text in enumerate(("Thông tin", "Giá trị", "Hướng dẫn"), start=1):
        _header_cell(sheet, 3, col, text)
    for row, f in enumerate(meta_fields(kind), start=4):
        sheet.cell(row, 1, f.label).font = _BOLD if f.required else Font()
        sheet.cell(row, 2).border = _BOX
        sheet.cell(row, 2).alignment = _WRAP
        if f.type == "date":
            sheet.cell(row, 2).number_format = "DD/MM/YYYY"
        note = sheet.cell(row, 3, hint(f, kind))
        note.font = _HINT_FONT
        note.alignment = _WRAP
        _validation(sheet, f, f"B{row}", lists)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 60


def _form_sheet(sheet: Worksheet, kind: str) -> None:
    _name, title, unit, headers, numbers = FORMS[kind]
    width = len(headers)
    sheet["A1"] = "UBND XÃ ……"
    sheet.cell(1, width, "Biểu số ……")
    sheet["A2"] = title
    sheet["A2"].font = Font(bold=True, size=13)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet["A3"] = (
        "(Ghi tên biểu ở dòng 2 và số liệu từ dòng 7. STT theo mẫu: A, B; I, II; 1, 2; 1.1. "
        "Dòng có dòng con phải bằng tổng các dòng con. Thêm hoặc đổi tên cột số liệu nếu cần; "
        "dòng 6 ghi số thứ tự cột, cột tỷ lệ ghi như 3=2/1. Mỗi biểu một trang.)"
    )
    sheet["A3"].font = _HINT_FONT
    sheet["A3"].alignment = _WRAP
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    sheet.row_dimensions[3].height = 45
    sheet.cell(4, width, unit).font = Font(italic=True)
    for col, (head, number) in enumerate(zip(headers, numbers, strict=True), start=1):
        _header_cell(sheet, 5, col, head)
        cell = sheet.cell(6, col, number)
        cell.alignment = Alignment(horizontal="center")
        cell.font = _HINT_FONT
        sheet.column_dimensions[column_letter(col)].width = 45 if col == 2 else 16
    sheet.freeze_panes = "A7"
