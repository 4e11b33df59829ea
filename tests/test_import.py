"""`congkhai import` and `template`: from the sheets communes have to content that builds."""

from __future__ import annotations

import copy
import os
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from sheet_fixtures import (
    BUDGET,
    BUDGET_OPTIONS,
    CSV_VARIANTS,
    POVERTY,
    POVERTY_OPTIONS,
    PROCEDURES,
    Form,
    csv_bytes,
    save_xlsx,
    variant_id,
)

from generator.cli import main
from generator.columns import IMPORT_KINDS
from generator.importer import import_file
from generator.load import load
from generator.problems import CATALOGUE, has_blocking
from generator.validate import validate
from generator.xlsx_template import build
from generator.yamlwrite import modeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = {
    "budget": (BUDGET, BUDGET_OPTIONS),
    "poverty": (POVERTY, POVERTY_OPTIONS),
    "procedures": (PROCEDURES, {}),
}


def builds(content: Path) -> list[str]:
    """Blocking problems of load + validate over a content folder (empty when it builds)."""
    loaded = load(content)
    checked = validate(loaded.documents)
    return [p.render() for p in (*loaded.problems, *checked.problems) if p.blocking]


def bodies(content: Path) -> dict[str, object]:
    """Every written file's data, without the comment naming the source file."""
    return {
        p.relative_to(content).as_posix(): yaml.safe_load(p.read_text("utf-8"))
        for p in sorted(content.rglob("*.yml"))
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse refuses the command line itself
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# Every fixture, as .xlsx and as CSV in every encoding, imports into content that builds ----


@pytest.mark.parametrize("kind", sorted(FIXTURES))
def test_xlsx_fixture_imports_into_content_that_builds(tmp_path: Path, kind: str) -> None:
    form, options = FIXTURES[kind]
    source = save_xlsx(tmp_path / f"{kind}.xlsx", form)
    result = import_file(kind, source, tmp_path / "content", options=options)
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    assert result.written
    assert builds(tmp_path / "content") == []


@pytest.mark.parametrize("kind", sorted(FIXTURES))
@pytest.mark.parametrize("variant", CSV_VARIANTS, ids=variant_id)
def test_csv_in_every_encoding_imports_the_same_content(
    tmp_path: Path, kind: str, variant: tuple[str, str]
) -> None:
    form, options = FIXTURES[kind]
    xlsx = save_xlsx(tmp_path / f"{kind}.xlsx", form)
    import_file(kind, xlsx, tmp_path / "from-xlsx", options=options)
    source = tmp_path / f"{kind}.csv"
    source.write_bytes(csv_bytes(form.grid, *variant))
    result = import_file(kind, source, tmp_path / "content", options=options)
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    assert builds(tmp_path / "content") == []
    assert bodies(tmp_path / "content") == bodies(tmp_path / "from-xlsx")


def test_budget_form_becomes_this_table(tmp_path: Path) -> None:
    source = save_xlsx(tmp_path / "bieu-119.xlsx", BUDGET)
    result = import_file("budget", source, tmp_path / "content", options=BUDGET_OPTIONS)
    [written] = result.written
    assert written == tmp_path / "content/ngan-sach/2025/thuc-hien-6-thang.yml"
    text = written.read_text("utf-8")
    schema = Path(os.path.relpath(ROOT / "generator/schemas/budget.schema.json", written.parent))
    assert text.startswith(
        f"# yaml-language-server: $schema={schema.as_posix()}\n# Nhập từ bieu-119.xlsx.\n"
    )
    data = yaml.safe_load(text)
    assert (
        data["title"] == "Công khai tình hình thực hiện dự toán ngân sách xã 6 tháng đầu năm 2025"
    )
    assert (data["budget_year"], data["package"], data["period"]) == (2025, "execution", "h1")
    [table] = data["tables"]
    assert table["form"] == "119/CK TC-NSNN"
    assert table["title"] == "CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025"
    assert table["unit"] == "đồng"
    assert table["columns"] == [
        {"title": "STT", "type": "text"},
        {"title": "Nội dung", "type": "text"},
        {"title": "Dự toán năm", "type": "amount"},
        {"title": "Ước thực hiện 6 tháng", "type": "amount"},
        {"title": "So sánh ước thực hiện với (%) – Dự toán năm", "type": "percent", "of": [4, 3]},
        {"title": "So sánh ước thực hiện với (%) – Cùng kỳ năm trước", "type": "percent"},
    ]
    assert table["rows"][0] == ["A", "TỔNG THU NGÂN SÁCH XÃ", 12500000000, 6250000000, 50, 105.2]
    assert table["rows"][1][5] is None  # a dash for "no figure"
    assert len(table["rows"]) == 8  # the numbering row and the signatures are not data
    assert "  - [A, TỔNG THU NGÂN SÁCH XÃ, 12500000000, 6250000000, 50, 105.2]\n" in text


def test_modeline_points_at_the_schema_from_the_file() -> None:
    assert modeline("poverty", ROOT / "content/ho-ngheo/x.yml") == (
        "# yaml-language-server: $schema=../../generator/schemas/poverty.schema.json"
    )
    assert modeline("budget", ROOT / "content/ngan-sach/2025/x.yml") == (
        "# yaml-language-server: $schema=../../../generator/schemas/budget.schema.json"
    )


def test_poverty_list_keeps_only_the_four_fields(tmp_path: Path) -> None:
    source = save_xlsx(tmp_path / "ho-ngheo.xlsx", POVERTY)
    result = import_file("poverty", source, tmp_path / "content", options=POVERTY_OPTIONS)
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert data["households"] == [
        {"head": "Phạm Văn Lâm", "village": "Thôn 1", "category": "poor", "members": 3},
        {"head": "Nguyễn Thị Thủy", "village": "Thôn 1", "category": "near_poor", "members": 4},
        {"head": "Đào Văn Huy", "village": "Thôn 2", "category": "escaped_poor", "members": 2},
        {"head": "Lê Thị Oanh", "village": "Thôn 3", "category": "escaped_near_poor", "members": 5},
    ]
    assert [p.code for p in result.problems] == ["import-total-row"]


def test_procedures_become_one_file_each(tmp_path: Path) -> None:
    source = save_xlsx(tmp_path / "tthc.xlsx", PROCEDURES)
    result = import_file("procedures", source, tmp_path / "content")
    assert [p.name for p in result.written] == [
        "dang-ky-khai-sinh.yml",
        "cap-ban-sao-trich-luc-ho-tich.yml",
    ]
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert data["code"] == "1.001193"
    assert data["steps"] == [
        "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa",
        "Bước 2: Công chức tư pháp - hộ tịch kiểm tra",
        "Bước 3: Trả Giấy khai sinh",
    ]
    assert data["dossier"] == [
        {"name": "Tờ khai đăng ký khai sinh", "copies": "01 bản chính"},
        {"name": "Giấy chứng sinh", "copies": "01 bản chính"},
    ]
    assert data["online"] == "full"


# Malformed sheets: a Vietnamese message at the cell, exit 1, nothing written ----------------


def _fail(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    form: Form,
    options: dict[str, str],
) -> str:
    monkeypatch.chdir(tmp_path)
    save_xlsx(tmp_path / f"{kind}.xlsx", form)
    args = ["import", kind, f"{kind}.xlsx", "--content", "content", "--config", "khong-co.yml"]
    for name, value in options.items():
        args += [f"--{name}", value]
    code, out, err = run(args, capsys)
    assert code == 1, err
    assert not (tmp_path / "content").exists()  # nothing written
    assert out == ""
    assert err.endswith(
        f"Không ghi tệp nào: có {err.count('  lỗi [')} lỗi cần sửa trong {kind}.xlsx.\n"
    )
    return err


def test_unknown_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[3].append("Ghi chú")
    err = _fail(tmp_path, capsys, monkeypatch, "poverty", form, POVERTY_OPTIONS)
    assert err.startswith(
        "poverty.xlsx Sheet1!F4\n"
        "  lỗi [import-unknown-column] Cột 'Ghi chú' không thuộc mẫu danh sách hộ nghèo, hộ cận "
        "nghèo.\n"
        "  cách sửa: đổi tiêu đề cho đúng một trong: Họ tên chủ hộ, Thôn, Phân loại, Số nhân "
        "khẩu; hoặc xoá cột nếu không cần công khai.\n"
    )


def test_personal_data_column_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[3].append("Số CCCD")
    form.grid[4].append("001085012345")
    err = _fail(tmp_path, capsys, monkeypatch, "poverty", form, POVERTY_OPTIONS)
    assert err.startswith(
        "poverty.xlsx Sheet1!F4\n"
        "  lỗi [import-personal-column] Cột 'Số CCCD' là số CCCD: thông tin cá nhân không được "
        "công khai.\n"
        "  cách sửa: xoá cả cột khỏi bảng trước khi nhập; danh sách chỉ gồm các cột: Họ tên chủ "
        "hộ, Thôn, Phân loại, Số nhân khẩu.\n"
    )


def test_empty_required_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[5][2] = None  # Thôn of Nguyễn Thị Thủy
    err = _fail(tmp_path, capsys, monkeypatch, "poverty", form, POVERTY_OPTIONS)
    assert err.startswith(
        "poverty.xlsx Sheet1!C6  Thôn\n"
        "  lỗi [cell-empty] Ô 'Thôn' bắt buộc nhưng đang để trống.\n"
        "  cách sửa: điền thôn, ví dụ: Thôn 1.\n"
    )


def test_bad_choice_and_bad_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[4][3] = "khá giả"
    form.grid[4][4] = "ba"
    err = _fail(tmp_path, capsys, monkeypatch, "poverty", form, POVERTY_OPTIONS)
    assert (
        "poverty.xlsx Sheet1!D5  Phân loại\n"
        '  lỗi [field-choice] Giá trị "khá giả" không thuộc các lựa chọn cho phép.\n'
        "  cách sửa: chọn một trong: hộ nghèo, hộ cận nghèo, thoát nghèo, thoát cận nghèo.\n"
    ) in err
    assert (
        "poverty.xlsx Sheet1!E5  Số nhân khẩu\n"
        '  lỗi [field-type] Giá trị "ba" không đúng kiểu: cần số nguyên.\n'
        "  cách sửa: ghi lại giá trị theo dạng 4.\n"
    ) in err


def test_bad_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = Form(
        [
            ["DANH MỤC VĂN BẢN"],
            ["Loại văn bản", "Số, ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu"],
            ["Nghị quyết", "15/NQ-HĐND", "HĐND xã Nguyễn Trãi", "31/13/2024", "Về dự toán"],
        ]
    )
    err = _fail(tmp_path, capsys, monkeypatch, "documents", form, {})
    assert err.startswith(
        "documents.xlsx Sheet1!D3  Ngày ban hành\n"
        '  lỗi [date-format] "31/13/2024" không phải là ngày hợp lệ.\n'
        "  cách sửa: ghi theo dạng 2024-12-31 hoặc 31/12/2024.\n"
    )


def test_bad_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(BUDGET)
    form.grid[9][3] = "6OO.000.000"  # letter O typed for zero
    err = _fail(tmp_path, capsys, monkeypatch, "budget", form, BUDGET_OPTIONS)
    assert err.startswith(
        "budget.xlsx Sheet1!D10\n"
        '  lỗi [amount-format] "6OO.000.000" không phải là số tiền hợp lệ.\n'
        "  cách sửa: ghi số nguyên, có thể dùng dấu chấm ngăn cách hàng nghìn, ví dụ 1.234.567.\n"
    )


def test_wrong_total_points_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(BUDGET)
    form.grid[7][2] = "12.600.000.000"  # C8: total revenue, lines add up to 12.500.000.000
    err = _fail(tmp_path, capsys, monkeypatch, "budget", form, BUDGET_OPTIONS)
    assert err.startswith(
        "budget.xlsx Sheet1!C8\n"
        "  lỗi [budget-sum-mismatch] Dòng A 'TỔNG THU NGÂN SÁCH XÃ', cột 'Dự toán năm': ghi "
        "12.600.000.000 nhưng tổng các dòng con là 12.500.000.000.\n"
        "  cách sửa: sửa số ở ô này hoặc ở các dòng con; nếu các dòng bên dưới chỉ kể ra một "
        "phần ('trong đó'), ghi ô Nội dung của dòng đầu tiên bắt đầu bằng 'Trong đó:'.\n"
    )
    # The percentage computed from the wrong total is wrong too, and said at its own cell.
    assert "budget.xlsx Sheet1!E8\n  lỗi [budget-percent-mismatch]" in err


def test_legacy_font_that_cannot_be_converted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[6][1] = "§µo V¨n ø¸ xyz¶"
    err = _fail(tmp_path, capsys, monkeypatch, "poverty", form, POVERTY_OPTIONS)
    assert err.startswith(
        "poverty.xlsx Sheet1!B7\n"
        "  lỗi [legacy-font] Ô có chữ gõ bằng phông cũ (TCVN3 hoặc VNI) không chuyển chắc chắn "
        "được sang Unicode: '§µo V¨n ø¸ xyz¶'.\n"
        "  cách sửa: chuyển mã cả bảng bằng Unikey Toolkit (Ctrl+Shift+F6, từ TCVN3 hoặc VNI "
        "Windows sang Unicode), lưu rồi nhập lại; chữ đúng trông như 'Thôn Đông'.\n"
    )


def test_missing_metadata_says_which_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = {k: v for k, v in BUDGET_OPTIONS.items() if k != "decision-number"}
    err = _fail(tmp_path, capsys, monkeypatch, "budget", BUDGET, options)
    assert err.startswith(
        "budget.xlsx  decision.number\n"
        "  lỗi [import-meta-missing] Thiếu Số, ký hiệu (decision.number).\n"
        "  cách sửa: thêm --decision-number khi chạy lệnh, hoặc điền vào trang 'Thông tin' của "
        "tệp Excel; ví dụ: 15/NQ-HĐND.\n"
    )


def test_header_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    err = _fail(
        tmp_path, capsys, monkeypatch, "poverty", Form([["a", "b"], ["1", "2"]]), POVERTY_OPTIONS
    )
    assert err.startswith(
        "poverty.xlsx Sheet1!A1\n"
        "  lỗi [import-header-missing] Không tìm thấy dòng tiêu đề cột của danh sách hộ nghèo, "
        "hộ cận nghèo trong 40 dòng đầu.\n"
        "  cách sửa: dòng tiêu đề cần có các cột: Họ tên chủ hộ, Thôn, Phân loại; tải tệp mẫu "
        "bằng lệnh 'congkhai template poverty'.\n"
    )


def test_column_problems_point_at_header_cells(tmp_path: Path) -> None:
    form = Form(
        [
            ["Họ tên chủ hộ", "Phân loại", "Chủ hộ", None],
            ["Phạm Văn Lâm", "hộ nghèo", "Phạm Văn Lâm", "ghi thêm"],
        ]
    )
    source = save_xlsx(tmp_path / "a.xlsx", form)
    result = import_file("poverty", source, tmp_path / "content", options=POVERTY_OPTIONS)
    assert [p.render().replace(str(source), "a.xlsx") for p in result.problems] == [
        "a.xlsx Sheet1!C1\n"
        "  lỗi [import-duplicate-column] Cột 'Chủ hộ' trùng nội dung với cột Sheet1!A1.\n"
        "  cách sửa: giữ một cột, xoá hoặc đổi tiêu đề cột còn lại.",
        "a.xlsx Sheet1!D1\n"
        "  lỗi [import-column-no-header] Cột D có dữ liệu nhưng không có tiêu đề.\n"
        "  cách sửa: ghi tiêu đề cho cột, ví dụ 'Họ tên chủ hộ', hoặc xoá cột.",
        "a.xlsx Sheet1!A1\n"
        "  lỗi [import-missing-column] Thiếu cột bắt buộc 'Thôn'.\n"
        "  cách sửa: thêm cột 'Thôn' vào dòng tiêu đề; giá trị ví dụ: Thôn 1.",
    ]
    assert not (tmp_path / "content").exists()


# Files: never overwritten without --force; usage errors exit 2 -----------------------------


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    save_xlsx(tmp_path / "tthc.xlsx", PROCEDURES)
    args = ["import", "procedures", "tthc.xlsx", "--config", "khong-co.yml"]
    code, out, _err = run(args, capsys)
    assert code == 0
    assert out.splitlines()[:2] == [
        "Đã ghi content/thu-tuc/dang-ky-khai-sinh.yml",
        "Đã ghi content/thu-tuc/cap-ban-sao-trich-luc-ho-tich.yml",
    ]
    target = tmp_path / "content/thu-tuc/dang-ky-khai-sinh.yml"
    target.write_text("# sửa tay\n", "utf-8")
    code, _out, err = run(args, capsys)
    assert code == 1
    assert err.startswith(
        "content/thu-tuc/dang-ky-khai-sinh.yml\n"
        "  lỗi [file-exists] Tệp content/thu-tuc/dang-ky-khai-sinh.yml đã có nên không ghi đè.\n"
        "  cách sửa: thêm --force để ghi đè, hoặc ghi ra tệp khác bằng --output.\n"
    )
    assert target.read_text("utf-8") == "# sửa tay\n"
    code, _out, _err = run([*args, "--force"], capsys)
    assert code == 0
    assert "code: '1.001193'" in target.read_text("utf-8")


def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["import", "poverty", "khong-co.xlsx"], capsys)[0] == 2
    assert run(["import", "plans", "a.xlsx"], capsys)[0] == 2
    save_xlsx(tmp_path / "tthc.xlsx", PROCEDURES)
    code, _out, err = run(["import", "procedures", "tthc.xlsx", "--year", "2025"], capsys)
    assert code == 2
    assert "tuỳ chọn --year chỉ dùng khi nhập: budget, poverty" in err
    (tmp_path / "a.docx").write_bytes(b"x")
    code, _out, err = run(["import", "documents", "a.docx"], capsys)
    assert code == 1 and "[import-file-type]" in err


def test_import_help_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["import", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for kind in IMPORT_KINDS:
        assert re.search(rf"^  {re.escape(kind)}\s+\S", out, re.M), kind


# What real files contain -------------------------------------------------------------------


def test_dates_in_every_form_staff_type(tmp_path: Path) -> None:
    form = Form(
        [
            ["Loại văn bản", "Số, ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu",
             "Ngày có hiệu lực"],
            ["Nghị quyết", "15/NQ-HĐND", "HĐND xã", "20/12/2024", "Về dự toán", 45658],
            ["Quyết định", "21/QĐ-UBND", "UBND xã", datetime(2024, 3, 5), "Về quy chế", "5/3/24"],
            ["Kế hoạch", "04/KH-UBND", "UBND xã", "ngày 22 tháng 01 năm 2024", "Về PAPI", None],
        ]
    )  # fmt: skip
    result = import_file("documents", save_xlsx(tmp_path / "vb.xlsx", form), tmp_path / "content")
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    found = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in result.written}
    assert str(found["15-nq-hdnd-2024.yml"]["effective_on"]) == "2025-01-01"  # Excel serial
    assert str(found["21-qd-ubnd-2024.yml"]["issued_on"]) == "2024-03-05"
    assert str(found["21-qd-ubnd-2024.yml"]["effective_on"]) == "2024-03-05"
    assert str(found["04-kh-ubnd-2024.yml"]["issued_on"]) == "2024-01-22"


@pytest.mark.parametrize(
    "typed",
    ["1.200.000.000", "1,200,000,000", "1 200 000 000", "1\u00a0200\u00a0000\u00a0000",
     "1.200.000.000 đồng", "1.200.000.000đ", "1.200.000.000 VNĐ", 1200000000, 1200000000.0],
)  # fmt: skip
def test_amounts_in_every_form_staff_type(tmp_path: Path, typed: object) -> None:
    form = copy.deepcopy(BUDGET)
    form.grid[9][2] = typed  # C10: Các khoản thu 100%, dự toán
    source = save_xlsx(tmp_path / "bieu.xlsx", form)
    result = import_file("budget", source, tmp_path / "content", options=BUDGET_OPTIONS)
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    rows = yaml.safe_load(result.written[0].read_text("utf-8"))["tables"][0]["rows"]
    assert rows[2][2] == 1200000000


def test_checks_after_mapping_still_point_at_the_cell(tmp_path: Path) -> None:
    form = copy.deepcopy(POVERTY)
    form.grid[5][1] = "Nguyễn Thị Thủy 001085012345"
    source = save_xlsx(tmp_path / "a.xlsx", form)
    result = import_file("poverty", source, tmp_path / "content", options=POVERTY_OPTIONS)
    assert [p.render().replace(str(source), "a.xlsx") for p in result.problems if p.blocking] == [
        "a.xlsx Sheet1!B6  Họ tên chủ hộ\n"
        "  lỗi [personal-data-id] Có dãy số giống số CCCD/CMND (001…45) trong nội dung công "
        "khai.\n"
        "  cách sửa: xoá số định danh cá nhân; công khai chỉ cần họ tên chủ hộ và thôn."
    ]


def test_headers_without_accents_any_case_extra_spaces(tmp_path: Path) -> None:
    form = Form(
        [
            ["  HO VA TEN CHU HO ", "thon", "PHAN  LOAI", "so khau (nguoi)"],
            ["Trần Văn Xuân", "Thôn 4", "ho ngheo", "2 người"],
        ]
    )
    result = import_file(
        "poverty",
        save_xlsx(tmp_path / "a.xlsx", form),
        tmp_path / "content",
        options=POVERTY_OPTIONS,
    )
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert data["households"] == [
        {"head": "Trần Văn Xuân", "village": "Thôn 4", "category": "poor", "members": 2}
    ]


def test_poverty_categories_ticked_under_a_merged_header(tmp_path: Path) -> None:
    form = Form(
        [
            ["STT", "Họ tên chủ hộ", "Thôn", "Phân loại", None, "Số nhân khẩu"],
            [None, None, None, "Hộ nghèo", "Hộ cận nghèo", None],
            [1, "Trần Văn Xuân", "Thôn 4", "x", None, 2],
            [2, "Lê Thị Hoa", "Thôn 5", None, "x", 3],
        ],
        ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"],
    )
    result = import_file(
        "poverty",
        save_xlsx(tmp_path / "a.xlsx", form),
        tmp_path / "content",
        options=POVERTY_OPTIONS,
    )
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert [h["category"] for h in data["households"]] == ["poor", "near_poor"]


def test_sheet_typed_in_tcvn3_is_converted(tmp_path: Path) -> None:
    form = Form(
        [
            ["Hä vµ tªn chñ hé", "Th«n", "Ph©n lo¹i", "Sè nh©n khÈu"],
            ["NguyÔn V¨n Ch÷", "Th«n §«ng", "Hé nghÌo", 3],
        ]
    )
    result = import_file(
        "poverty",
        save_xlsx(tmp_path / "a.xlsx", form),
        tmp_path / "content",
        options=POVERTY_OPTIONS,
    )
    assert [p.code for p in result.problems] == ["legacy-font-converted"]
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert data["households"] == [
        {"head": "Nguyễn Văn Chữ", "village": "Thôn Đông", "category": "poor", "members": 3}
    ]


def test_officials_phone_that_lost_its_zero(tmp_path: Path) -> None:
    form = Form(
        [
            ["Họ và tên", "Chức vụ", "Chức vụ (tiếng Anh)", "Đơn vị", "Đơn vị (tiếng Anh)",
             "Điện thoại", "Email", "Lãnh đạo", "Đầu mối"],
            ["Nguyễn Văn An", "Chủ tịch UBND xã", "Chairman", "UBND xã Nguyễn Trãi",
             "Nguyen Trai Commune People's Committee", 2213865100,
             "chutich.nguyentrai@hungyen.gov.vn", "x", "tiếp cận thông tin; phát ngôn"],
        ]
    )  # fmt: skip
    result = import_file("officials", save_xlsx(tmp_path / "cb.xlsx", form), tmp_path / "content")
    assert [p.code for p in result.problems] == ["import-phone-zero"]
    [official] = yaml.safe_load(result.written[0].read_text("utf-8"))["officials"]
    assert official["phone"] == "02213865100"
    assert official["leader"] is True
    assert official["contact_point"] == ["ati", "press"]
    assert builds(tmp_path / "content") == []


def test_multi_sheet_workbook_gives_one_table_per_sheet(tmp_path: Path) -> None:
    second = copy.deepcopy(BUDGET)
    second.sheet = "Biểu 2"
    second.grid[1] = ["CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025 (BẢN 2)"]
    info = Form(
        [["Thông tin", "Giá trị"], ["Năm ngân sách", 2025], ["Ghi chú lạ", "x"]], sheet="Thông tin"
    )
    source = save_xlsx(tmp_path / "ns.xlsx", info, BUDGET, second)
    result = import_file("budget", source, tmp_path / "content", options=BUDGET_OPTIONS)
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    assert [p.code for p in result.problems] == ["import-unknown-label"]
    data = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert [t["title"] for t in data["tables"]] == [
        "CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025",
        "CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025 (BẢN 2)",
    ]


# Templates: the right headers, an instruction row, dropdowns; a filled one imports --------


FILL = {
    "officials": [
        [
            "Nguyễn Văn An",
            "Chủ tịch UBND xã",
            "Chairman of the Commune People's Committee",
            "UBND xã Nguyễn Trãi",
            "Nguyen Trai Commune People's Committee",
            "0221 3865 100",
            "chutich.nguyentrai@hungyen.gov.vn",
            None,
            "Phụ trách chung",
            "x",
            "tiếp cận thông tin",
            None,
        ]
    ],
    "poverty": [
        ["Trần Văn Xuân", "Thôn 4", "hộ nghèo", 2],
        ["Lê Thị Hoa", "Thôn 5", "hộ cận nghèo", 3],
    ],
    "procedures": [
        [
            "1.001193",
            None,
            "Đăng ký khai sinh",
            "Hộ tịch",
            "Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả",
            "Trực tiếp",
            "Tờ khai (01 bản chính)",
            "Trong ngày",
            "Cá nhân",
            "UBND cấp xã",
            "Giấy khai sinh",
            "Miễn lệ phí",
            "Không",
            "Luật Hộ tịch số 60/2014/QH13",
            "Tờ khai đăng ký khai sinh",
            "toàn trình",
            None,
            None,
        ]
    ],
    "documents": [
        [
            "Nghị quyết",
            "15/NQ-HĐND",
            "HĐND xã Nguyễn Trãi",
            datetime(2024, 12, 20),
            datetime(2025, 1, 1),
            "Về dự toán ngân sách xã năm 2025",
            "Tài chính - ngân sách",
            None,
            datetime(2024, 12, 27),
            "còn hiệu lực",
        ]
    ],
    "questions": [
        [
            "Cấp đổi giấy chứng nhận",
            "Xin hỏi muốn cấp đổi giấy chứng nhận đã cũ thì nộp hồ sơ ở đâu?",
            datetime(2024, 1, 8),
            "trang thông tin điện tử",
            "Đất đai",
            "N.V.H.",
            "x",
            "Hồ sơ nộp tại Bộ phận Một cửa của UBND xã.",
            datetime(2024, 1, 15),
            "Công chức Địa chính - Xây dựng",
            None,
        ],
        [None, "Xin hỏi lịch thu gom rác?", "20/11/2026", "thư điện tử", "Môi trường"],
    ],
    "budget": [
        ["A", "TỔNG THU", "1.000", "600", "60,0"],
        ["1", "Thu thuế", "400", "250", "62,5"],
        ["2", "Thu bổ sung", "600", "350", "58,3"],
    ],
    "land-use": [
        ["1", "Đất nông nghiệp", "NNP", "500,5", "62,6"],
        ["1.1", "Đất trồng lúa", "LUA", "300,5", None],
        ["1.2", "Đất trồng cây lâu năm", "CLN", "200", None],
        ["2", "Đất phi nông nghiệp", "PNN", "299,5", "37,4"],
    ],
}
INFO = {
    "budget": {
        "Năm ngân sách": 2025,
        "Loại công khai": "tình hình thực hiện",
        "Kỳ báo cáo": "6 tháng",
    },
    "poverty": {"Năm rà soát": 2025, "Hình thức rà soát": "định kỳ hằng năm"},
    "land-use": {
        "Tiêu đề": "Kế hoạch sử dụng đất năm 2025 xã Nguyễn Trãi",
        "Loại": "kế hoạch sử dụng đất hằng năm",
        "Từ năm": 2025,
        "Đến năm": 2025,
    },
}
ENVELOPE = {
    "Số, ký hiệu": "45/BC-UBND",
    "Ngày ban hành": datetime(2025, 7, 10),
    "Cơ quan ban hành": "UBND xã Nguyễn Trãi",
    "Ngày công khai": datetime(2025, 7, 15),
    "Niêm yết từ ngày": datetime(2025, 7, 15),
    "Niêm yết đến ngày": datetime(2025, 8, 14),
    "Địa điểm niêm yết": "Trụ sở UBND xã; Nhà văn hóa các thôn",
    "Thuyết minh": "Thu đạt 60% dự toán.\nChi đạt 40% dự toán.",
}


def fill_template(kind: str, path: Path) -> Path:
    book = build(kind)
    if kind in INFO:
        sheet = book["Thông tin"]
        values = {**INFO[kind], **ENVELOPE}
        for row in range(1, sheet.max_row + 1):
            label = sheet.cell(row, 1).value
            if label in values:
                sheet.cell(row, 2, values[label])
    data = book.worksheets[1] if kind in INFO else book.worksheets[0]
    start = 7 if kind in ("budget", "land-use") else 5
    if kind in ("budget", "land-use"):
        data["A2"] = (
            "CÂN ĐỐI NGÂN SÁCH XÃ 6 THÁNG ĐẦU NĂM 2025"
            if kind == "budget"
            else "CHỈ TIÊU SỬ DỤNG ĐẤT NĂM 2025"
        )
    for r, row in enumerate(FILL[kind], start=start):
        for c, value in enumerate(row, start=1):
            if value is not None:
                data.cell(r, c, value)
    book.save(path)
    return path


@pytest.mark.parametrize("kind", IMPORT_KINDS)
def test_filled_template_imports_cleanly(tmp_path: Path, kind: str) -> None:
    source = fill_template(kind, tmp_path / f"mau-{kind}.xlsx")
    result = import_file(kind, source, tmp_path / "content")
    assert not has_blocking(result.problems), [p.render() for p in result.problems]
    assert [p.code for p in result.problems if p.code != "path-missing"] == []
    assert result.written
    assert builds(tmp_path / "content") == []


def test_template_has_headers_instructions_and_dropdowns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _err = run(["template", "poverty"], capsys)
    assert code == 0 and out.startswith("Đã tạo mau-poverty.xlsx.")
    book = openpyxl.load_workbook(tmp_path / "mau-poverty.xlsx")
    assert book.sheetnames == ["Thông tin", "Danh sách", "Lựa chọn"]
    assert book["Lựa chọn"].sheet_state == "hidden"
    sheet = book["Danh sách"]
    assert [c.value for c in sheet[3]] == ["Họ tên chủ hộ", "Thôn", "Phân loại", "Số nhân khẩu"]
    assert [c.value for c in sheet[4]] == [
        "(bắt buộc) ví dụ: Nguyễn Văn An",
        "(bắt buộc) ví dụ: Thôn 1",
        "(bắt buộc) chọn trong danh sách: hộ nghèo, hộ cận nghèo, thoát nghèo, thoát cận nghèo",
        "(không bắt buộc) ví dụ: 4",
    ]
    rules = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    source = re.fullmatch(r"'Lựa chọn'!\$([A-Z])\$1:\$\1\$4", rules["C5:C1000"])
    assert source is not None
    assert [c.value for c in book["Lựa chọn"][source[1]]] == [
        "hộ nghèo", "hộ cận nghèo", "thoát nghèo", "thoát cận nghèo"
    ]  # fmt: skip
    assert run(["template", "poverty"], capsys)[0] == 1  # exists: not overwritten


# The staff guide documents every command and every import problem code --------------------


def test_staff_guide_covers_commands_and_codes() -> None:
    guide = (ROOT / "HUONG-DAN.md").read_text("utf-8")
    for command in ("congkhai import", "congkhai template", "congkhai new", "congkhai check"):
        assert command in guide, command
    for kind in IMPORT_KINDS:
        assert f"congkhai import {kind}" in guide, kind
    import_codes = [
        c for c in CATALOGUE
        if c.startswith(("import-", "cell-", "legacy-font")) or c == "file-exists"
    ]  # fmt: skip
    missing = [c for c in import_codes if f"`{c}`" not in guide]
    assert missing == []
    from generator.envelope import OPTIONS

    for name in OPTIONS:
        assert f"--{name}" in guide, name
