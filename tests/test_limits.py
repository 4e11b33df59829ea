"""Limits: files too big, too long, too deep or made to exhaust memory end with a message.

The big files are made here, in tmp_path. What could take the machine down (a zip bomb,
deep nesting that overflows libyaml's C stack, a 10 MB list) runs in a child process with
its memory capped, and must answer with the right problem code, quickly, in little memory.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from small_commune import POVERTY
from zip_bombs import ods_bomb, xlsx_bomb

from generator import load as load_module
from generator import spreadsheet
from generator.config import load_config
from generator.importer import import_file
from generator.load import load
from generator.problems import Problem
from generator.validate import validate

MEMORY_CAP = 512 * 1024 * 1024


def bounded(code: str, *args: str) -> tuple[str, int]:
    """Run `code` in a child capped at 512 MB and 60 s: (its output, its peak memory in MB)."""
    # VmHWM, not ru_maxrss: the latter keeps the forked parent's size across exec.
    script = (
        "import sys\n"
        + textwrap.dedent(code)
        + "\npeak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
        + "\nprint('peak', int(peak.split()[1]) // 1024)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP)),
    )
    assert child.returncode == 0, child.stderr[-3000:]
    *lines, peak = child.stdout.splitlines()
    return "\n".join(lines), int(peak.split()[1])


READ_CONTENT = """
from pathlib import Path
from generator.load import load
for p in load(Path(sys.argv[1])).problems:
    print(p.render())
"""

READ_SHEET = """
from pathlib import Path
from generator.spreadsheet import read
book, problems = read(Path(sys.argv[1]))
print(book is None, [p.render() for p in problems])
"""


def problems_of(config_path: Path) -> list[Problem]:
    config = load_config(config_path)
    loaded = load(config.content_dir)
    return [*loaded.problems, *validate(loaded.documents, (config.phone,)).problems]


def only(found: list[Problem], code: str) -> Problem:
    hits = [p for p in found if p.code == code]
    assert len(hits) == 1 and hits[0].blocking, [p.render() for p in found]
    return hits[0]


# Content files ------------------------------------------------------------------------------

DOCUMENT = """\
doc_type: Quyết định
number: 21/QĐ-UBND
issuer: UBND xã Thử Nghiệm
issued_on: 2024-03-01
published_on: 2024-03-02
abstract: Bản đồ địa chính
file: files/ban-do.pdf
"""


def test_an_attachment_over_50_mb_is_refused_without_being_read(
    tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tree({"van-ban/21.yml": DOCUMENT})
    big = config.parent / "content" / "van-ban" / "files" / "ban-do.pdf"
    big.parent.mkdir()
    with big.open("wb") as handle:  # sparse: 50 MB and one byte, costing no disk
        handle.truncate(50 * 1024 * 1024 + 1)

    def never(path: Path) -> str:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(load_module, "sha256_of", never)
    found = only(problems_of(config), "file-too-large")
    assert found.render() == (
        "content/van-ban/21.yml:7  file\n"
        "  lỗi [file-too-large] Tệp nặng 50,0 MB, vượt giới hạn 50 MB cho loại tệp này.\n"
        "  cách sửa: chia nhỏ tệp hoặc nén lại (PDF scan nên để 150–200 dpi)."
    )


def test_a_yaml_file_over_10_mb_is_refused_before_parsing(tree: Callable[..., Path]) -> None:
    config = tree()
    big = config.parent / "content" / "cong-khai" / "lon.yml"
    big.parent.mkdir()
    head = "title: x\nbody: |\n  "
    big.write_text(head + "a" * (10 * 1024 * 1024 - len(head)) + "\n", "utf-8")
    assert big.stat().st_size == 10 * 1024 * 1024 + 1
    assert only(problems_of(config), "file-too-large").message == (
        "Tệp nặng 10,0 MB, vượt giới hạn 10 MB cho loại tệp này."
    )


def test_a_yaml_list_just_under_10_mb_ends_quickly_in_little_memory(tmp_path: Path) -> None:
    """2.5 million entries: libyaml alone would take a minute and most of a gigabyte."""
    big = tmp_path / "content" / "cong-khai" / "danh-sach.yml"
    big.parent.mkdir(parents=True)
    big.write_text("title: x\nitems:\n" + "- 1\n" * 2_450_000, "utf-8")
    assert 9 * 1024 * 1024 < big.stat().st_size < 10 * 1024 * 1024
    out, peak = bounded(READ_CONTENT, str(tmp_path / "content"))
    assert "lỗi [yaml-too-complex] Tệp quá phức tạp để đọc an toàn (quá nhiều phần tử)." in out
    assert peak < 200


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 50_000 + "]" * 50_000,  # flow sequences
        "a: " + "{b: " * 50_000 + "1" + "}" * 50_000,  # flow mappings
        "a:\n" + "- " * 50_000 + "x\n",  # block sequences on one line
        "".join(" " * i + "k:\n" for i in range(3_000)) + " " * 3_000 + "v\n",  # indentation
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences", "indentation"],
)
def test_deeply_nested_yaml_is_refused_not_a_crash(tmp_path: Path, text: str) -> None:
    """libyaml's composer recurses in C: 50,000 levels crash the process outright."""
    target = tmp_path / "content" / "cong-khai" / "sau.yml"
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    out, peak = bounded(READ_CONTENT, str(tmp_path / "content"))
    assert "lỗi [yaml-too-complex] Tệp quá phức tạp để đọc an toàn (lồng nhau quá sâu)." in out
    assert peak < 200


def test_a_yaml_alias_bomb_is_refused(tree: Callable[..., Path]) -> None:
    bomb = "title: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        bomb += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"  # 10 billion x
    config = tree({"cong-khai/bom.yml": bomb})
    assert "quá nhiều phần tử" in only(problems_of(config), "yaml-too-complex").message


def test_invalid_utf8_is_refused_with_its_position(tree: Callable[..., Path]) -> None:
    config = tree()
    target = config.parent / "content" / "cong-khai" / "sai-ma.yml"
    target.parent.mkdir()
    target.write_bytes("title: Thông báo\n".encode() + b"body: Th\xf4ng b\xe1o\n")
    assert only(problems_of(config), "file-encoding").render() == (
        "content/cong-khai/sai-ma.yml\n"
        "  lỗi [file-encoding] Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí 27).\n"
        "  cách sửa: mở tệp bằng trình soạn thảo và lưu lại với mã hoá UTF-8."
    )


# Tables of 20,000 rows -----------------------------------------------------------------------

ROWS = 20_000


def test_a_20000_row_table_in_content_is_refused(tree: Callable[..., Path]) -> None:
    rows = "".join(f"  - ['{i}', Khoản chi {i}, {i}]\n" for i in range(ROWS))
    notice = (
        "requirement: g01-sed-plan\ntitle: Bảng dài\npublished_on: 2026-11-01\n"
        "tables:\n- title: Bảng\n  columns:\n  - {title: STT, type: text}\n"
        "  - {title: Nội dung, type: text}\n  - {title: Số tiền, type: amount}\n"
        f"  rows:\n{rows}"
    )
    config = tree({"cong-khai/dai.yml": notice})
    found = only(problems_of(config), "table-too-long")
    assert found.render() == (
        "content/cong-khai/dai.yml:10  tables[1].rows\n"
        "  lỗi [table-too-long] Bảng 1 có 20000 dòng, vượt giới hạn 10.000 dòng.\n"
        "  cách sửa: chia thành nhiều bảng hoặc nhiều tệp nhỏ hơn, ví dụ theo thôn hoặc theo quý."
    )


def test_a_20000_household_list_is_refused(tree: Callable[..., Path]) -> None:
    households = "".join(
        f"- {{head: Người {i}, village: Thôn 1, category: poor, members: 2}}\n" for i in range(ROWS)
    )
    head = POVERTY.split("households:")[0]  # a complete disclosure, but for its length
    poverty = f"{head}households:\n{households}"
    found = only(problems_of(tree({"ho-ngheo/dai.yml": poverty})), "table-too-long")
    assert found.message == "Danh sách có 20000 dòng, vượt giới hạn 10.000 dòng."


def test_a_20000_row_csv_import_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "ho-ngheo.csv"
    lines = ["Họ tên chủ hộ,Thôn,Phân loại,Số nhân khẩu"]
    lines += [f"Người {i},Thôn 1,Hộ nghèo,2" for i in range(ROWS)]
    source.write_text("\n".join(lines), "utf-8")
    result = import_file("poverty", source, tmp_path / "content")
    assert [p.render() for p in result.problems] == [
        f"{source}\n"
        "  lỗi [import-too-many-rows] Trang 'ho-ngheo' có 20.001 dòng, vượt giới hạn 10.040 "
        "dòng cho một lần nhập.\n"
        "  cách sửa: chia bảng thành nhiều tệp nhỏ hơn (ví dụ theo thôn) rồi nhập từng tệp."
    ]
    assert result.written == () and not (tmp_path / "content").exists()


def test_a_20000_row_xlsx_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "ho-ngheo.xlsx"
    book = xlsxwriter.Workbook(str(source), {"constant_memory": True})
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, ["Họ tên chủ hộ", "Thôn", "Phân loại", "Số nhân khẩu"])
    for i in range(1, ROWS + 1):
        sheet.write_row(i, 0, [f"Người {i}", "Thôn 1", "Hộ nghèo", 2])
    book.close()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened the file")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    book_read, found = spreadsheet.read(source)
    assert book_read is None
    assert [p.code for p in found] == ["import-too-many-rows"]
    assert "có 20.001 dòng" in found[0].message


# Zip bombs ---------------------------------------------------------------------------------


def test_a_zip_bomb_named_xlsx_is_refused_before_unzipping(tmp_path: Path) -> None:
    bomb = xlsx_bomb(tmp_path / "ho-ngheo.xlsx", gigabytes=1.0)
    assert bomb.stat().st_size < 4 * 1024 * 1024  # a few megabytes that unzip to 1 GB
    out, peak = bounded(READ_SHEET, str(bomb))
    assert out.startswith("True")
    assert "lỗi [import-file-bomb] Tệp Excel giải nén ra 1,0 GB dữ liệu (gấp" in out
    assert peak < 200


def test_a_zip_bomb_named_ods_is_refused_before_unzipping(tmp_path: Path) -> None:
    bomb = ods_bomb(tmp_path / "ho-ngheo.ods", gigabytes=1.0)
    out, peak = bounded(READ_SHEET, str(bomb))
    assert out.startswith("True") and "[import-file-bomb]" in out
    assert peak < 200


@pytest.mark.parametrize("make", [xlsx_bomb, ods_bomb], ids=["xlsx", "ods"])
def test_a_zip_that_lies_about_its_size_is_refused_in_little_memory(
    tmp_path: Path, make: Callable[..., Path]
) -> None:
    """The headers claim 50 KB; the part unzips to half a gigabyte."""
    name = "ho-ngheo.ods" if make is ods_bomb else "ho-ngheo.xlsx"
    bomb = make(tmp_path / name, gigabytes=0.5, claimed=50_000)
    out, peak = bounded(READ_SHEET, str(bomb))
    assert out.startswith("True") and "[import-file-unreadable]" in out
    assert peak < 200


def test_a_file_to_import_over_50_mb_is_refused_without_being_read(tmp_path: Path) -> None:
    source = tmp_path / "ho-ngheo.csv"
    with source.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    book, found = spreadsheet.read(source)
    assert book is None and [p.message for p in found] == [
        "Tệp nặng 50,0 MB, vượt giới hạn 50 MB cho tệp nhập."
    ]
