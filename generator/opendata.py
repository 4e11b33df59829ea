"""Open data: every dataset as CSV, XLSX and JSON, a Data Package, one zip and a page.

The bytes are deterministic: two builds of the same content on the same as-of date give
identical files (zip and xlsx carry a fixed timestamp: SOURCE_DATE_EPOCH when it is set,
else midnight UTC of the as-of date).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO, Any

import xlsxwriter

from .datasets import FORMULA_STARTS, Cell, Dataset
from .load import human_size, slugify_path
from .render import DATA_URL, Page, Renderer, relative
from .values import format_date

DATAPACKAGE = f"{DATA_URL}datapackage.json"
ZIP = f"{DATA_URL}du-lieu-cong-khai.zip"
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
TYPE_LABELS = {
    "string": "chữ",
    "number": "số (dấu chấm thập phân)",
    "integer": "số nguyên",
    "date": "ngày (YYYY-MM-DD)",
}
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest time a zip entry can carry
# How to read the files, at the head of the README in the zip.
READING_GUIDE = """\
## Cách đọc các tệp

- Mỗi bảng có ba tệp cùng nội dung: `.csv` (mở bằng Excel, LibreOffice), `.xlsx` (Excel)
  và `.json` (cho lập trình viên).
- Tệp CSV mã hóa UTF-8 có BOM để Excel hiện đúng tiếng Việt; các cột cách nhau bằng dấu
  phẩy.
- Số viết không có dấu phân cách hàng nghìn, phần thập phân sau dấu chấm: `15514`, `94.5`.
- Ngày viết theo dạng năm-tháng-ngày: `2024-12-26`.
- Ô chữ bắt đầu bằng `=`, `+`, `-` hoặc `@` được thêm dấu `'` ở đầu trong tệp CSV để
  Excel không hiểu nhầm là công thức (ví dụ số thứ tự `-` thành `'-`).
- Tệp `datapackage.json` mô tả mọi bảng theo chuẩn Frictionless Data Package: tên, kiểu
  của từng trường, mã SHA-256 của từng tệp CSV.
- Danh sách có tên người (hộ nghèo, hộ cận nghèo) không có trong bộ dữ liệu này: danh
  sách chỉ niêm yết trong thời hạn luật định; sau đó chỉ công bố số liệu tổng hợp. Có thể
  đề nghị cung cấp thông tin theo Luật Tiếp cận thông tin."""


def build_stamp(as_of: date, environ: Mapping[str, str] = os.environ) -> datetime:
    """The time written into zip and xlsx files: SOURCE_DATE_EPOCH, else the as-of date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)


# cells ---------------------------------------------------------------------------------
def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number_text(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date):
        return value.isoformat()
    return number_text(value)


def json_cell(value: Cell) -> str | int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# one dataset, three formats ------------------------------------------------------------
def to_csv(ds: Dataset) -> bytes:
    """UTF-8 with BOM (so Excel shows Vietnamese), comma-separated, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f.name for f in ds.fields])
    writer.writerows([csv_cell(v) for v in row] for row in ds.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_json(ds: Dataset, base_url: str) -> bytes:
    doc = {
        "name": ds.name,
        "title": ds.title,
        "description": ds.description,
        "unit": ds.unit,
        "source": f"{base_url}{ds.page_url}#{ds.anchor}",
        "fields": [{"name": f.name, "type": f.type} for f in ds.fields],
        "rows": [
            {f.name: json_cell(v) for f, v in zip(ds.fields, row, strict=True)} for row in ds.rows
        ],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_xlsx(ds: Dataset, base_url: str, author: str, stamp: datetime) -> bytes:
    """One sheet with the table (header in row 1), one with what it is and where from."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties(
        {
            "title": ds.title[:250],
            "author": author,
            "company": author,
            "comments": ds.description[:250],
            "created": stamp.replace(tzinfo=None),
        }
    )
    header = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EEF2F6"}
    )
    quoted = book.add_format({"quote_prefix": True})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Dữ liệu")
    for col, f in enumerate(ds.fields):
        sheet.write_string(0, col, f.name, header)
        width = max([len(f.name) // 2, *(len(csv_cell(r[col])) for r in ds.rows)], default=8)
        sheet.set_column(col, col, min(max(width, 8), 60))
    for i, row in enumerate(ds.rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                # Written as text, never as a formula; the quote prefix keeps it so on edit.
                sheet.write_string(
                    i, col, value, quoted if value.startswith(FORMULA_STARTS) else None
                )
            elif isinstance(value, date):
                sheet.write_datetime(i, col, datetime(value.year, value.month, value.day), day)
            else:
                sheet.write_number(i, col, float(value))
    sheet.freeze_panes(1, 0)
    about = book.add_worksheet("Thông tin")
    about.set_column(0, 0, 22)
    about.set_column(1, 1, 90)
    facts = [
        ("Tên dữ liệu", ds.title),
        ("Mô tả", ds.description),
        ("Đơn vị tính", ds.unit),
        ("Trang nguồn", f"{base_url}{ds.page_url}#{ds.anchor}"),
        ("Cơ quan công khai", author),
    ]
    for i, (label, value) in enumerate(facts):
        about.write_string(i, 0, label, header)
        about.write_string(i, 1, value)
    book.close()
    return buffer.getvalue()


# the package ---------------------------------------------------------------------------
def schema(ds: Dataset) -> dict[str, Any]:
    fields = []
    for f in ds.fields:
        field: dict[str, Any] = {"name": f.name, "title": f.name, "type": f.type}
        if f.description:
            field["description"] = f.description
        fields.append(field)
    return {"fields": fields}


def datapackage(
    datasets: Iterable[Dataset], csvs: Mapping[str, tuple[int, str]], r: Renderer, stamp: datetime
) -> dict[str, Any]:
    """A Frictionless Data Package describing the CSV of every dataset.

    `csvs` gives each dataset's CSV file as (bytes, SHA-256), by dataset name.
    """
    resources = []
    for ds in datasets:
        size, sha256 = csvs[ds.name]
        resource: dict[str, Any] = {
            "name": ds.name,
            "title": ds.title,
            "path": ds.files["csv"].removeprefix(DATA_URL),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": size,
            "hash": "sha256:" + sha256,
            "schema": schema(ds),
            "sources": [
                {"title": ds.page_title, "path": f"{r.config.base_url}{ds.page_url}#{ds.anchor}"}
            ],
        }
        if ds.description:
            resource["description"] = ds.description
        resources.append(resource)
    description = (
        f"Số liệu các bảng công khai trên trang thông tin của {r.config.authority}, tỉnh "
        f"{r.config.province}. Không gồm danh sách có tên người (danh sách hộ nghèo, hộ cận nghèo)."
    )
    if r.config.sample_data:
        description += " Dữ liệu mẫu, không phải thông tin chính thức."
    return {
        "name": slugify_path(f"cong khai {r.config.full_name}"),
        "title": f"Dữ liệu công khai {r.config.full_name}, tỉnh {r.config.province}",
        "description": description,
        "homepage": r.config.base_url,
        "created": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "contributors": [
            {"title": r.config.authority, "role": "publisher", "email": r.config.email}
        ],
        "resources": resources,
    }


def readme(datasets: Iterable[Dataset], r: Renderer, stamp: datetime) -> str:
    """A Vietnamese guide to the files and every field, for the zip."""
    lines = [
        f"# Dữ liệu công khai {r.config.full_name}, tỉnh {r.config.province}",
        "",
        f"Số liệu các bảng đăng trên {r.config.base_url} , lập ngày {format_date(stamp.date())}.",
    ]
    if r.config.sample_data:
        lines += [
            "",
            "**Dữ liệu mẫu:** số liệu, tên và số văn bản không phải thông tin chính thức.",
        ]
    lines += ["", *READING_GUIDE.splitlines(), "", "## Các bảng"]
    for ds in datasets:
        base = ds.files["csv"].removeprefix(DATA_URL).removesuffix(".csv")
        lines += [
            "",
            f"### {ds.title}",
            "",
            f"- Tệp: `{base}.csv`, `{base}.xlsx`, `{base}.json`",
            f"- Trang nguồn: {r.config.base_url}{ds.page_url}#{ds.anchor}",
        ]
        if ds.description:
            lines.append(f"- Mô tả: {ds.description}")
        lines += [f"- Số dòng: {len(ds.rows)}", "", "| Trường | Kiểu | Ghi chú |", "|---|---|---|"]
        for f in ds.fields:
            name = f.name.replace("|", "\\|")
            lines.append(f"| {name} | {TYPE_LABELS.get(f.type, f.type)} | {f.description} |")
    return "\n".join(lines) + "\n"


def zip_bytes(files: Iterable[tuple[str, bytes]], stamp: datetime) -> bytes:
    """A zip whose bytes depend only on its files and the stamp."""
    buffer = io.BytesIO()
    write_zip(buffer, sorted(files), stamp)
    return buffer.getvalue()


def write_zip(target: IO[bytes], files: Iterable[tuple[str, bytes]], stamp: datetime) -> None:
    """Write a zip of `files`, in the order given (sorted by name for reproducible bytes).

    `files` may be an iterator: one file at a time is held.
    """
    when = max(stamp, ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=when)
            # XLSX files are zip archives already: store them; deflate the text files.
            packed = name.endswith(".xlsx")
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=None if packed else 6)


# the page -------------------------------------------------------------------------------
def data_page(r: Renderer, datasets: list[Dataset], zip_size: int) -> Page:
    """du-lieu/: every dataset by section and page, with the zip and the package."""
    sections: dict[str, dict[str, dict[str, Any]]] = {}
    for ds in datasets:
        pages = sections.setdefault(ds.section, {})
        shown = pages.setdefault(
            ds.page_url,
            {"title": ds.page_title, "href": relative(DATA_URL, ds.page_url), "datasets": []},
        )
        shown["datasets"].append(
            {
                "title": ds.title,
                "href": relative(DATA_URL, ds.page_url) + f"#{ds.anchor}",
                "rows": len(ds.rows),
                "links": [
                    {"label": fmt.upper(), "href": relative(DATA_URL, path)}
                    for fmt, path in ds.files.items()
                ],
            }
        )
    body = r.template(
        "data_index.html",
        count=len(datasets),
        authority=r.config.authority,
        zip_href=relative(DATA_URL, ZIP),
        zip_size=human_size(zip_size),
        package_href=relative(DATA_URL, DATAPACKAGE),
        feed_href=relative(DATA_URL, "feed.xml"),
        groups=[
            {"title": title, "anchor": slugify_path(title), "pages": list(pages.values())}
            for title, pages in sections.items()
        ],
    )
    return Page(
        DATA_URL,
        "Dữ liệu mở",
        body,
        f"Tải số liệu công khai của {r.config.full_name}: CSV, XLSX, JSON",
        section="tiep-can-thong-tin",
    )


def publish(r: Renderer) -> tuple[list[Page], list[str]]:
    """The data page and every data file: each dataset in three formats, the package, the zip.

    The files are written to the renderer's spool as they are made (a commune of 5,000
    disclosures has some 180 MB of them); their site paths are returned.
    """
    datasets = list(r.datasets.values())
    stamp = build_stamp(r.as_of)
    written: list[str] = []

    def put(dest: str, data: bytes) -> None:
        r.spool.write(dest, data)
        written.append(dest)

    csvs: dict[str, tuple[int, str]] = {}
    for ds in datasets:
        data = to_csv(ds)
        csvs[ds.name] = (len(data), hashlib.sha256(data).hexdigest())
        put(ds.files["csv"], data)
        put(ds.files["xlsx"], to_xlsx(ds, r.config.base_url, r.config.authority, stamp))
        put(ds.files["json"], to_json(ds, r.config.base_url))
    package = json.dumps(datapackage(datasets, csvs, r, stamp), ensure_ascii=False, indent=1) + "\n"
    put(DATAPACKAGE, package.encode("utf-8"))
    guide = readme(datasets, r, stamp).encode("utf-8")
    inside = {dest.removeprefix(DATA_URL): dest for dest in written}

    def contents() -> Iterator[tuple[str, bytes]]:
        """The zip's files by name, read back from the spool one at a time."""
        for name in sorted([*inside, "README.md"]):
            yield name, r.spool.read(inside[name]) if name in inside else guide

    with r.spool.path(ZIP).open("wb") as archive:
        write_zip(archive, contents(), stamp)
    written.append(ZIP)
    return [data_page(r, datasets, r.spool.size(ZIP))], written
