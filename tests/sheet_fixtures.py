"""Spreadsheets as communes send them, built in the tests: official forms and plain lists.

Each fixture is a grid of cells (what a printed sheet shows: merged cells hold their value
in the top-left cell only) plus the merged ranges, so the same fixture can be saved as
.xlsx with real merges and exported as CSV in every encoding Excel writes.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from generator.vietnamese import to_cp1258

Grid = list[list[object]]


@dataclass
class Form:
    grid: Grid
    merges: list[str] = field(default_factory=list)
    sheet: str = "Sheet1"


def save_xlsx(path: Path, *forms: Form) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for form in forms:
        ws = book.create_sheet(form.sheet)
        for r, row in enumerate(form.grid, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for rng in form.merges:
            ws.merge_cells(rng)
    book.save(path)
    return path


def csv_bytes(grid: Grid, encoding: str, delimiter: str) -> bytes:
    """The grid as Excel's 'Save as CSV' (or 'Unicode text') writes it."""
    width = max(len(r) for r in grid)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in grid:
        writer.writerow(["" if v is None else v for v in row] + [""] * (width - len(row)))
    text = buffer.getvalue()
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


# The same words in Unicode, typed with .VnTime (TCVN3) and with VNI-Times, as Excel stores
# the keystrokes of those old fonts.
UNICODE = "Cộng hòa xã hội chủ nghĩa Việt Nam"
TCVN3 = "Céng hßa x· héi chñ nghÜa ViÖt Nam"
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"


def tcvn3_bytes(text: str) -> bytes:
    """Unicode as the bytes a TCVN3 font file holds (the converter's inverse, for fixtures)."""
    from generator.vietnamese import _TCVN3_BYTES

    table = {char: b for b, char in _TCVN3_BYTES.items()}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        out += bytes([table[char]]) if char in table else char.encode("ascii")
    return bytes(out)


# Every encoding and separator of the issue: UTF-8 with and without BOM, UTF-16 (Excel's
# "Unicode text"), Windows-1258; comma, semicolon and tab.
CSV_VARIANTS = [
    (encoding, delimiter)
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1258")
    for delimiter in (",", ";", "\t")
]


def variant_id(variant: tuple[str, str]) -> str:
    encoding, delimiter = variant
    return f"{encoding}-{ {',': 'comma', ';': 'semicolon', chr(9): 'tab'}[delimiter] }"


# A budget form laid out like the official ones (TT 343/2016, biểu 119): title rows, a
# header merged over two rows, a row of column numbers, amounts typed as text with dots,
# signatures under the table.
BUDGET = Form(
    [
        ["UBND XÃ NGUYỄN TRÃI", None, None, None, None, "Biểu số 119/CK TC-NSNN"],
        ["CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025"],
        ["(Kèm theo Báo cáo số 45/BC-UBND ngày 10/7/2025 của UBND xã)"],
        [None, None, None, None, None, "Đơn vị: đồng"],
        ["STT", "Nội dung", "Dự toán năm", "Ước thực hiện 6 tháng",
         "So sánh ước thực hiện với (%)"],
        [None, None, None, None, "Dự toán năm", "Cùng kỳ năm trước"],
        ["A", "B", "1", "2", "3=2/1", "4"],
        ["A", "TỔNG THU NGÂN SÁCH XÃ", "12.500.000.000", "6.250.000.000", "50,0", "105,2"],
        ["I", "Thu ngân sách xã được hưởng theo phân cấp", "3.500.000.000", "1.750.000.000",
         "50,0", "-"],
        ["1", "Các khoản thu 100%", "1.200.000.000", "600.000.000", "50,0"],
        ["2", "Các khoản thu phân chia", "2.300.000.000", "1.150.000.000", "50,0"],
        ["II", "Thu bổ sung từ ngân sách cấp trên", "9.000.000.000", "4.500.000.000", "50,0"],
        ["B", "TỔNG CHI NGÂN SÁCH XÃ", "12.500.000.000", "5.000.000.000", "40,0"],
        ["I", "Chi đầu tư phát triển", "2.500.000.000", "1.000.000.000", "40,0"],
        ["II", "Chi thường xuyên", "10.000.000.000", "4.000.000.000", "40,0"],
        [],
        [None, "Người lập biểu", None, None, "TM. UỶ BAN NHÂN DÂN"],
    ],
    ["A2:F2", "A3:F3", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:F5"],
)  # fmt: skip

BUDGET_OPTIONS = {
    "package": "tình hình thực hiện",
    "period": "6 tháng",
    "decision-type": "Báo cáo",
    "decision-number": "45/BC-UBND",
    "decision-date": "10/7/2025",
    "decision-issuer": "UBND xã Nguyễn Trãi",
    "published-on": "15/07/2025",
    "posting-from": "15/07/2025",
    "posting-to": "14/08/2025",
    "narrative": "Thu ngân sách 6 tháng đạt 50% dự toán năm; chi đạt 40%.",
}

POVERTY = Form(
    [
        ["UBND XÃ NGUYỄN TRÃI"],
        ["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025"],
        ["(Kèm theo Quyết định số 486/QĐ-UBND ngày 12/12/2025)"],
        ["STT", "Họ và tên chủ hộ", "Thôn", "Phân loại", "Số nhân khẩu"],
        [1, "Phạm Văn Lâm", "Thôn 1", "Hộ nghèo", 3],
        [2, "Nguyễn Thị Thủy", "Thôn 1", "hộ cận nghèo", "4"],
        [3, "Đào Văn Huy", "Thôn 2", "Thoát nghèo", 2],
        [4, "Lê Thị Oanh", "Thôn 3", "thoát cận nghèo", 5],
        [None, "Tổng cộng", None, None, 14],
        [],
        [None, "Người lập biểu", None, "TM. UBND XÃ"],
    ],
    ["A2:E2", "A3:E3"],
)

POVERTY_OPTIONS = {
    "year": "2025",
    "review": "định kỳ",
    "decision-type": "Quyết định",
    "decision-number": "486/QĐ-UBND",
    "decision-date": "12/12/2025",
    "decision-issuer": "UBND xã Nguyễn Trãi",
    "published-on": "15/12/2025",
    "posting-from": "15/12/2025",
    "posting-to": "14/01/2026",
}

PROCEDURES = Form(
    [
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH THỰC HIỆN TẠI UBND XÃ"],
        [],
        ["Mã TTHC", "Tên thủ tục", "Lĩnh vực", "Trình tự thực hiện", "Cách thức thực hiện",
         "Thành phần hồ sơ", "Thời hạn giải quyết", "Đối tượng thực hiện", "Cơ quan thực hiện",
         "Kết quả thực hiện", "Phí, lệ phí", "Căn cứ pháp lý", "Dịch vụ công trực tuyến"],
        ["1.001193", "Đăng ký khai sinh", "Hộ tịch",
         "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa\nBước 2: Công chức tư pháp - hộ tịch kiểm tra\n"
         "Bước 3: Trả Giấy khai sinh",
         "Trực tiếp\nTrực tuyến qua Cổng Dịch vụ công quốc gia",
         "Tờ khai đăng ký khai sinh (01 bản chính)\nGiấy chứng sinh: 01 bản chính",
         "Ngay trong ngày tiếp nhận", "Cá nhân", "UBND cấp xã", "Giấy khai sinh",
         "Miễn lệ phí", "Luật Hộ tịch số 60/2014/QH13\nNghị định 123/2015/NĐ-CP", "Toàn trình"],
        ["2.000635", "Cấp bản sao Trích lục hộ tịch", "Hộ tịch", "Bước 1: Nộp tờ khai",
         "Trực tiếp", "Tờ khai cấp bản sao Trích lục hộ tịch - 01 bản chính",
         "Trong ngày", "Cá nhân", "UBND cấp xã", "Bản sao Trích lục hộ tịch",
         "8.000 đồng/bản sao", "Luật Hộ tịch số 60/2014/QH13", "một phần"],
    ],
    ["A1:M1"],
)  # fmt: skip
