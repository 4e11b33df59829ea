"""Reading .xlsx and CSV as Excel writes them: cells, addresses, merges, encodings, fonts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest
from sheet_fixtures import (
    BUDGET,
    CSV_VARIANTS,
    POVERTY,
    TCVN3,
    UNICODE,
    VNI,
    Form,
    csv_bytes,
    save_xlsx,
    tcvn3_bytes,
    variant_id,
)

from generator.spreadsheet import Sheet, address, column_letter, read


def test_addresses_are_excels() -> None:
    assert [column_letter(c) for c in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert address(14, 3) == "C14"
    assert Sheet("Sheet1", ()).ref(14, 3) == "Sheet1!C14"
    assert Sheet("Biểu 1", ()).ref(14, 3) == "'Biểu 1'!C14"
    assert Sheet("ho-ngheo", (), (), in_workbook=False).ref(14, 3) == "C14"


def test_xlsx_merged_cells_carry_the_top_left_value(tmp_path: Path) -> None:
    book, problems = read(save_xlsx(tmp_path / "bieu.xlsx", BUDGET))
    assert book is not None and problems == []
    sheet = book.sheets[0]
    assert sheet.text(6, 1) == "STT"  # A5:A6
    assert sheet.text(5, 6) == "So sánh ước thực hiện với (%)"  # E5:F5
    assert sheet.text(8, 3) == "12.500.000.000"  # amounts stay the text staff typed
    assert sheet.spans_rows(5)


@pytest.mark.parametrize("variant", CSV_VARIANTS, ids=variant_id)
def test_csv_in_every_encoding_reads_the_same_cells(
    tmp_path: Path, variant: tuple[str, str]
) -> None:
    encoding, delimiter = variant
    path = tmp_path / "ho-ngheo.csv"
    path.write_bytes(csv_bytes(POVERTY.grid, encoding, delimiter))
    book, problems = read(path)
    assert book is not None and problems == []
    assert book.delimiter == delimiter
    sheet = book.sheets[0]
    assert sheet.text(4, 2) == "Họ và tên chủ hộ"
    assert sheet.text(6, 2) == "Nguyễn Thị Thủy"
    assert sheet.ref(6, 2) == "B6"


def test_decomposed_accents_become_nfc(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(
        unicodedata.normalize("NFD", "Họ tên chủ hộ,Thôn\nNguyễn Thị Lụa,Thôn Đông\n").encode()
    )
    book, problems = read(path)
    assert book is not None and problems == []
    assert book.sheets[0].text(2, 1) == "Nguyễn Thị Lụa"
    assert unicodedata.is_normalized("NFC", book.sheets[0].text(2, 2))


def test_csv_encoding_names(tmp_path: Path) -> None:
    names = {}
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1258"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(csv_bytes(POVERTY.grid, encoding, ","))
        book, _ = read(path)
        assert book is not None
        names[encoding] = book.encoding
    assert names == {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 (có BOM)",
        "utf-16": "UTF-16 (Unicode text)",
        "cp1258": "Windows-1258",
    }


def test_utf16_without_bom_and_excel_sep_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("Thôn\tSố nhân khẩu\r\nThôn 1\t4\r\n".encode("utf-16-le"))
    book, _ = read(path)
    assert book is not None and book.sheets[0].text(2, 1) == "Thôn 1"
    path.write_bytes("sep=;\r\nThôn;Ghi chú, nếu có\r\nThôn 1;x\r\n".encode())
    book, _ = read(path)
    assert book is not None and book.delimiter == ";"
    assert book.sheets[0].text(1, 2) == "Ghi chú, nếu có"


def test_csv_typed_in_tcvn3_is_converted_and_said(tmp_path: Path) -> None:
    path = tmp_path / "cu.csv"
    path.write_bytes(tcvn3_bytes(f"Ghi chú\r\n{UNICODE}\r\n"))
    book, problems = read(path)
    assert book is not None
    assert book.encoding == "Windows-1252 (phông TCVN3/VNI)"
    assert book.sheets[0].text(2, 1) == UNICODE
    assert [p.render() for p in problems] == [
        f"{path}!A1\n"
        "  ghi chú [legacy-font-converted] 2 ô gõ bằng phông TCVN3 (ABC, .VnTime) (bảng mã cũ) "
        "đã được chuyển sang Unicode, ví dụ 'Ghi chó' → 'Ghi chú'.\n"
        "  cách sửa: đọc lại nội dung đã chuyển, nhất là chữ hoa; lần sau gõ bằng bảng mã "
        "Unicode (Unikey: bảng mã Unicode, phông Times New Roman)."
    ]


def test_xlsx_typed_in_vni_is_converted(tmp_path: Path) -> None:
    path = save_xlsx(tmp_path / "vni.xlsx", Form([["Nội dung"], [VNI], [TCVN3]]))
    book, problems = read(path)
    assert book is not None
    assert [book.sheets[0].text(r, 1) for r in (2, 3)] == [UNICODE, UNICODE]
    assert [(p.code, p.location.cell if p.location else None) for p in problems] == [
        ("legacy-font-converted", "Sheet1!A2"),
        ("legacy-font-converted", "Sheet1!A3"),
    ]


def test_formula_without_saved_result_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = save_xlsx(
        tmp_path / "f.xlsx", Form([["STT", "Nội dung", "Dự toán"], ["A", "Tổng", None]])
    )
    book = openpyxl.load_workbook(path)
    book["Sheet1"]["C2"] = "=SUM(C3:C9)"
    book.save(path)
    _, problems = read(path)
    assert [p.render() for p in problems] == [
        f"{path} Sheet1!C2\n"
        "  lỗi [cell-formula-no-value] Ô có công thức =SUM(C3:C9) nhưng tệp chưa lưu kết quả "
        "tính.\n"
        "  cách sửa: mở tệp bằng Excel hoặc LibreOffice, bấm Lưu rồi nhập lại (khi lưu, Excel "
        "ghi cả kết quả của công thức)."
    ]


def test_hidden_sheets_are_not_read(tmp_path: Path) -> None:
    path = save_xlsx(tmp_path / "h.xlsx", Form([["a"]]), Form([["b"]], sheet="Ẩn"))
    book = openpyxl.load_workbook(path)
    book["Ẩn"].sheet_state = "hidden"
    book.save(path)
    read_book, _ = read(path)
    assert read_book is not None and [s.name for s in read_book.sheets] == ["Sheet1"]


def test_broken_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a zip file")
    book, problems = read(path)
    assert book is None
    assert [p.code for p in problems] == ["import-file-unreadable"]


def test_xls_and_ods_reader_sees_what_openpyxl_sees(tmp_path: Path) -> None:
    from generator.spreadsheet import _read_calamine, _read_xlsx

    path = save_xlsx(tmp_path / "bieu.xlsx", BUDGET)
    by_openpyxl, _ = _read_xlsx(path, "bieu.xlsx")
    by_calamine, _ = _read_calamine(path, "bieu.xlsx", "xlsx")
    assert by_calamine.sheets[0].rows == by_openpyxl.sheets[0].rows
    assert by_calamine.sheets[0].merged == by_openpyxl.sheets[0].merged
