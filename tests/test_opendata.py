"""Open data: every table as CSV, XLSX and JSON; a valid Data Package; one deterministic zip."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pytest
from small_commune import data, files, page, render_site

from generator.datasets import Dataset, Field, field_names
from generator.opendata import build_stamp, csv_cell, neutralise, to_csv, to_xlsx, zip_bytes

STAMP = datetime(2026, 11, 27, tzinfo=UTC)
SAMPLE = Dataset(
    name="mau",
    title="Bảng mẫu",
    page_url="ngan-sach/2025/du-toan/",
    page_title="Dự toán",
    anchor="bieu-1",
    fields=(Field("STT", "string"), Field("Nội dung", "string"), Field("Số tiền", "number")),
    rows=(
        ("-", "=1+1", Decimal("-5")),
        ("+", "@A1", Decimal("12.50")),
        ("1", "Chi thường xuyên", None),
    ),
)


def test_formula_cells_get_an_apostrophe_numbers_do_not() -> None:
    assert [neutralise(t) for t in ("=1+1", "+84", "-", "@x", "\tx", "Thu")] == [
        "'=1+1",
        "'+84",
        "'-",
        "'@x",
        "'\tx",
        "Thu",
    ]
    assert csv_cell(Decimal("-5")) == "-5"
    assert csv_cell(Decimal("1E+3")) == "1000"
    assert csv_cell(date(2024, 12, 31)) == "2024-12-31"
    assert csv_cell(None) == ""


def test_csv_is_utf8_with_bom_crlf_and_neutralised() -> None:
    raw = to_csv(SAMPLE)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n") == [
        "STT,Nội dung,Số tiền",
        "'-,'=1+1,-5",
        "'+,'@A1,12.50",
        "1,Chi thường xuyên,",
        "",
    ]


def test_field_names_are_unique_and_never_formulas() -> None:
    assert field_names(["Dự toán", "Dự toán", "", "=Tổng"]) == [
        "Dự toán",
        "Dự toán (2)",
        "Cột 3",
        "Tổng",
    ]


def test_xlsx_keeps_text_as_text_and_is_deterministic() -> None:
    first = to_xlsx(SAMPLE, "https://xa.vn/", "UBND xã Thử Nghiệm", STAMP)
    assert first == to_xlsx(SAMPLE, "https://xa.vn/", "UBND xã Thử Nghiệm", STAMP)
    book = openpyxl.load_workbook(io.BytesIO(first))
    sheet = book["Dữ liệu"]
    assert [c.value for c in sheet[1]] == ["STT", "Nội dung", "Số tiền"]
    formula = sheet["B2"]
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert sheet["C2"].value == -5
    assert sheet["C3"].value == 12.5
    assert book.properties.created == datetime(2026, 11, 27)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_stamp_honours_source_date_epoch_else_the_as_of_date() -> None:
    assert build_stamp(date(2026, 11, 27), {}) == STAMP
    assert build_stamp(date(2026, 11, 27), {"SOURCE_DATE_EPOCH": "1700000000"}) == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )


def test_zip_bytes_depend_only_on_files_and_stamp() -> None:
    one = zip_bytes([("b.csv", b"2"), ("a.csv", b"1")], STAMP)
    assert one == zip_bytes([("a.csv", b"1"), ("b.csv", b"2")], STAMP)
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        assert archive.namelist() == ["a.csv", "b.csv"]
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 27, 0, 0, 0)}


@pytest.fixture
def small(tree: Callable[..., Path]) -> dict[str, bytes]:
    _, rendered = render_site(tree(files()))
    return data(rendered)


def test_each_table_is_linked_under_it_as_csv_xlsx_json(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    body = page(rendered, "ngan-sach/2025/du-toan/")
    base = "../../../du-lieu/ngan-sach/2025/du-toan/bieu-1"
    assert (
        f'<p class="ck-downloads">Tải dữ liệu: <a href="{base}.csv" download>CSV</a> · '
        f'<a href="{base}.xlsx" download>XLSX</a> · <a href="{base}.json" download>JSON</a></p>'
    ) in body
    assert "du-lieu/van-ban/danh-sach.csv" in page(rendered, "van-ban/")
    assert "du-lieu/ho-ngheo/ra-soat-2026/tong-hop.csv" in page(rendered, "ho-ngheo/ra-soat-2026/")
    listing = page(rendered, "du-lieu/")
    assert "du-lieu-cong-khai.zip" in listing and "datapackage.json" in listing


def test_json_keeps_types_and_source(small: dict[str, bytes]) -> None:
    doc = json.loads(small["du-lieu/ngan-sach/2025/du-toan/bieu-1.json"])
    assert doc["source"] == "https://thunghiem.hungyen.gov.vn/ngan-sach/2025/du-toan/#bieu-1"
    assert doc["fields"][2] == {"name": "Dự toán", "type": "number"}
    assert doc["rows"][0] == {
        "STT": "A",
        "Nội dung": "TỔNG THU",
        "Dự toán": 300,
        "So sánh (%)": 94.5,
    }
    assert doc["rows"][2]["Nội dung"] == '=HYPERLINK("http://vi-du.vn")'


def test_named_poverty_list_is_never_a_download(small: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(small["du-lieu/du-lieu-cong-khai.zip"]))
    everything = [small[k] for k in small] + [archive.read(n) for n in archive.namelist()]
    for name in ("Trịnh Thị Hà", "Lê Văn Long", "Ngô Thị Sen"):
        assert not any(name.encode() in blob for blob in everything), name
    counts = small["du-lieu/ho-ngheo/ra-soat-2026/tong-hop.csv"].decode("utf-8-sig").splitlines()
    assert counts == [
        "Thôn,Hộ nghèo,Hộ cận nghèo,Số nhân khẩu",
        "Thôn 1,1,1,6",
        "Thôn 2,1,0,5",
        "Tổng cộng,2,1,11",
    ]


def test_zip_holds_every_file_the_package_and_a_vietnamese_readme(small: dict[str, bytes]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(small["du-lieu/du-lieu-cong-khai.zip"]))
    names = set(archive.namelist())
    published = {k.removeprefix("du-lieu/") for k in small if k.startswith("du-lieu/")}
    assert names == (published - {"du-lieu-cong-khai.zip"}) | {"README.md"}
    readme = archive.read("README.md").decode()
    assert "UTF-8 có BOM" in readme
    assert "| Dự toán | số (dấu chấm thập phân) |  |" in readme
    assert "Danh sách có tên người" in readme


def test_data_package_passes_frictionless(small: dict[str, bytes], tmp_path: Path) -> None:
    for dest, blob in small.items():
        if dest.startswith("du-lieu/"):
            target = tmp_path / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blob)
    package = json.loads(small["du-lieu/datapackage.json"])
    assert package["title"] == "Dữ liệu công khai xã Thử Nghiệm, tỉnh Hưng Yên"
    assert [r["path"] for r in package["resources"]] == [
        "ngan-sach/2025/du-toan/bieu-1.csv",
        "ho-ngheo/ra-soat-2026/tong-hop.csv",
        "van-ban/danh-sach.csv",
        "danh-muc-cong-khai/danh-muc.csv",
    ]
    report = frictionless.validate(str(tmp_path / "du-lieu" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # A changed byte is caught by the hash in the package.
    csv_file = tmp_path / "du-lieu" / "ngan-sach" / "2025" / "du-toan" / "bieu-1.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b"300", b"301"))
    assert not frictionless.validate(str(tmp_path / "du-lieu" / "datapackage.json")).valid


def test_two_renders_give_identical_bytes(
    tree: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tree(files())
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = data(render_site(config)[1])
    assert first == data(render_site(config)[1])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = data(render_site(config)[1])
    assert stamped["du-lieu/du-lieu-cong-khai.zip"] != first["du-lieu/du-lieu-cong-khai.zip"]
    assert stamped == data(render_site(config)[1])


def test_example_data_package_is_valid(built_example: Path) -> None:
    package = built_example / "du-lieu" / "datapackage.json"
    resources = json.loads(package.read_text("utf-8"))["resources"]
    assert len(resources) >= 90
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for resource in resources:
        page_url, _, anchor = resource["sources"][0]["path"].partition("#")
        local = page_url.removeprefix("https://nguyentrai.hungyen.gov.vn/")
        html = (built_example / local / "index.html").read_text("utf-8")
        assert f'id="{anchor}"' in html, resource["name"]
        assert resource["path"].removesuffix(".csv") in html, resource["name"]
