"""Which tables of the site are open data: each becomes a Dataset record.

Every table a page shows (budget forms, land-use tables, tables in other disclosures,
poverty aggregates, a plan's tasks, the lists of procedures and documents, the catalogue
of disclosures) is also offered as a download. Named lists are never datasets: a poverty
list carries names and is published only on its page and only during its posting window
(legal catalog §3.4: no machine-readable bulk export of names).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from .kinds import BY_FOLDER
from .records import (
    BudgetDisclosure,
    Column,
    Disclosure,
    Document,
    LandUsePlan,
    Notice,
    Plan,
    PovertyReview,
    Procedure,
    Record,
    Row,
    Table,
)
from .render import (
    CATALOGUE_URL,
    CATEGORY_LABELS,
    DATA_URL,
    DOC_STATUS,
    ONLINE_LABELS,
    STATUS_LABELS,
    Renderer,
)

Cell = str | Decimal | int | date | None

# Table Schema types (Frictionless) for our column types.
FIELD_TYPES = {"text": "string", "amount": "number", "percent": "number"}
FORMATS = ("csv", "xlsx", "json")
# Text that a spreadsheet would run as a formula starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Field:
    name: str  # the column title, as in the CSV header
    type: str  # Table Schema type: string | number | integer | date
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    """One table offered as CSV, XLSX and JSON, and where the site shows it."""

    name: str  # resource name: lower case ASCII, digits and hyphens
    title: str
    page_url: str  # the page that shows the table
    page_title: str
    anchor: str  # id of the table (or its heading) on that page
    fields: tuple[Field, ...]
    rows: tuple[tuple[Cell, ...], ...]
    description: str = ""
    unit: str = ""
    published_on: date | None = None

    @property
    def path(self) -> str:
        """Site path of the files, without extension: du-lieu/<page url><anchor>."""
        return f"{DATA_URL}{self.page_url}{self.anchor}"

    @property
    def files(self) -> dict[str, str]:
        return {fmt: f"{self.path}.{fmt}" for fmt in FORMATS}

    @property
    def section(self) -> str:
        """Title of the site section the page belongs to."""
        kind = BY_FOLDER.get(self.page_url.split("/")[0])
        return kind.title if kind else "Tiếp cận thông tin"


def resource_name(page_url: str, anchor: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{page_url}{anchor}".lower()).strip("-")


def field_names(titles: list[str]) -> list[str]:
    """Column titles made usable as field names: not empty, unique, no formula start."""
    names: list[str] = []
    for i, title in enumerate(titles, start=1):
        name = " ".join(title.split()).lstrip("".join(FORMULA_STARTS)).strip() or f"Cột {i}"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def from_table(
    table: Table, record: Record, anchor: str, published_on: date | None = None
) -> Dataset:
    """A dataset from a table that a page shows."""
    names = field_names([c.title for c in table.columns])
    fields = tuple(
        Field(
            name,
            FIELD_TYPES.get(c.type, "string"),
            "tỷ lệ phần trăm" if c.type == "percent" else "",
        )
        for name, c in zip(names, table.columns, strict=True)
    )
    title = f"Biểu số {table.form}: {table.title}" if table.form else table.title
    description = ". ".join(
        part
        for part in (
            f"Bảng số liệu trong «{record.display_title}»",
            f"Đơn vị tính: {table.unit}" if table.unit else "",
            table.note,
        )
        if part
    )
    return Dataset(
        name=resource_name(record.url, anchor),
        title=title,
        page_url=record.url,
        page_title=record.display_title,
        anchor=anchor,
        fields=fields,
        rows=tuple(
            tuple(_typed(v, f.type) for v, f in zip(r.cells, fields, strict=True))
            for r in table.rows
        ),
        description=description,
        unit=table.unit,
        published_on=published_on,
    )


def _typed(value: str | Decimal | None, type_: str) -> Cell:
    if isinstance(value, str) and type_ != "string":
        return value.strip() or None
    return value


def poverty_aggregate(d: PovertyReview) -> Table:
    """Households by village and category, with members: what stays online after posting."""
    villages: dict[str, Counter[str]] = defaultdict(Counter)
    members: Counter[str] = Counter()
    for h in d.households:
        villages[h.village][h.category] += 1
        members[h.village] += h.members or 0
    cats = [c for c in CATEGORY_LABELS if any(h.category == c for h in d.households)]
    rows = [
        Row((v, *(Decimal(villages[v][c]) for c in cats), Decimal(members[v])), level=3)
        for v in sorted(villages)
    ]
    total = Row(
        (
            "Tổng cộng",
            *(Decimal(sum(villages[v][c] for v in villages)) for c in cats),
            Decimal(sum(members.values())),
        ),
        level=0,
    )
    columns = (
        Column("Thôn"),
        *(Column(CATEGORY_LABELS[c], "amount") for c in cats),
        Column("Số nhân khẩu", "amount"),
    )
    return Table("Số hộ theo thôn và phân loại", columns, (*rows, total), unit="hộ; người")


def named_list(d: PovertyReview) -> Table:
    """The named list as a table, for the notice board only (never a dataset)."""
    columns = (
        Column("STT"),
        Column("Họ tên chủ hộ"),
        Column("Thôn"),
        Column("Phân loại"),
        Column("Số nhân khẩu", "amount"),
    )
    rows = tuple(
        Row(
            (
                str(i),
                h.head,
                h.village,
                CATEGORY_LABELS.get(h.category, h.category),
                Decimal(h.members) if h.members is not None else None,
            ),
            level=3,
        )
        for i, h in enumerate(d.households, start=1)
    )
    return Table(f"Danh sách hộ theo kết quả rà soát năm {d.year}", columns, rows)


def plan_tasks(d: Plan) -> Table:
    columns = tuple(
        Column(t)
        for t in ("STT", "Nội dung", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Tình trạng")
    )
    rows = tuple(
        Row(
            (
                t.no,
                f"{t.area} – {t.sub_area}" if t.sub_area else t.area,
                t.task,
                t.lead,
                t.partners,
                t.deadline,
                STATUS_LABELS.get(t.status, t.status),
            ),
            level=3,
        )
        for t in d.tasks
    )
    return Table(f"Nhiệm vụ của kế hoạch {d.number} và tình trạng thực hiện", columns, rows)


# Anchors: the ids the page templates give each table (budget.html: bieu-N; land_use.html
# and notice.html: bang-N; poverty.html: tong-hop; plan.html: phu-luc).
def record_datasets(record: Record) -> list[Dataset]:
    """The datasets of one record's page."""
    published = record.published_on if isinstance(record, Disclosure) else None
    if isinstance(record, BudgetDisclosure):
        return [
            from_table(t, record, f"bieu-{i}", published) for i, t in enumerate(record.tables, 1)
        ]
    if isinstance(record, (LandUsePlan, Notice)):
        return [
            from_table(t, record, f"bang-{i}", published) for i, t in enumerate(record.tables, 1)
        ]
    if isinstance(record, PovertyReview) and record.households:
        counts = from_table(poverty_aggregate(record), record, "tong-hop", published)
        fields = tuple(
            Field(f.name, "integer" if f.type == "number" else f.type) for f in counts.fields
        )
        return [replace(counts, fields=fields)]
    if isinstance(record, Plan) and record.tasks:
        return [from_table(plan_tasks(record), record, "phu-luc", published)]
    return []


def procedures_dataset(r: Renderer, procedures: list[Procedure]) -> Dataset:
    fields = (
        Field("Mã thủ tục", "string", "mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính"),
        Field("Tên thủ tục", "string"),
        Field("Lĩnh vực", "string"),
        Field("Cơ quan thực hiện", "string"),
        Field("Thời hạn giải quyết", "string"),
        Field("Phí, lệ phí", "string"),
        Field("Dịch vụ công trực tuyến", "string"),
        Field("Địa chỉ trang", "string", "trang chi tiết của thủ tục"),
    )
    rows = tuple(
        (
            p.code,
            p.name,
            p.field,
            p.agency,
            p.time_limit,
            p.fees or "Không",
            ONLINE_LABELS.get(p.online, p.online),
            r.config.base_url + p.url,
        )
        for p in sorted(procedures, key=lambda p: (p.field, p.name))
    )
    return Dataset(
        name="thu-tuc-danh-sach",
        title="Danh mục thủ tục hành chính",
        page_url="thu-tuc/",
        page_title="Thủ tục hành chính",
        anchor="danh-sach",
        fields=fields,
        rows=rows,
        description=f"Thủ tục hành chính do {r.config.authority} tiếp nhận, giải quyết",
    )


def documents_dataset(r: Renderer, documents: list[Document]) -> Dataset:
    fields = (
        Field("Số, ký hiệu", "string"),
        Field("Loại văn bản", "string"),
        Field("Ngày ban hành", "date"),
        Field("Ngày có hiệu lực", "date"),
        Field("Cơ quan ban hành", "string"),
        Field("Trích yếu", "string"),
        Field("Lĩnh vực", "string"),
        Field("Tình trạng", "string"),
        Field(
            "SHA-256 của tệp",
            "string",
            "mã kiểm tra tệp văn bản, để đối chiếu bản in và bản điện tử",
        ),
        Field("Địa chỉ trang", "string", "trang chi tiết của văn bản"),
    )
    rows = tuple(
        (
            d.number,
            d.doc_type,
            d.issued_on,
            d.effective_on,
            d.issuer,
            d.abstract,
            d.field,
            DOC_STATUS.get(d.status, d.status),
            d.file.sha256 if d.file else "",
            r.config.base_url + d.url,
        )
        for d in sorted(documents, key=lambda d: (d.issued_on, d.number), reverse=True)
    )
    return Dataset(
        name="van-ban-danh-sach",
        title="Danh sách văn bản",
        page_url="van-ban/",
        page_title="Văn bản",
        anchor="danh-sach",
        fields=fields,
        rows=rows,
        description="Văn bản của HĐND, UBND xã và văn bản cấp trên liên quan",
    )


def catalogue_dataset(r: Renderer) -> Dataset | None:
    entries = r.catalogue_entries(CATALOGUE_URL)
    if not entries:
        return None
    fields = (
        Field("Tên thông tin", "string"),
        Field("Số, ký hiệu văn bản", "string"),
        Field("Ngày tạo", "date"),
        Field("Hình thức công khai", "string"),
        Field("Thời điểm, thời hạn công khai", "string"),
        Field("Địa chỉ trang", "string"),
    )
    rows = tuple(
        (e["title"], e["number"], e["created"], e["form"], e["timing"], e["url"]) for e in entries
    )
    return Dataset(
        name="danh-muc-cong-khai",
        title="Danh mục thông tin phải được công khai",
        page_url=CATALOGUE_URL,
        page_title="Danh mục thông tin phải được công khai",
        anchor="danh-muc",
        fields=fields,
        rows=rows,
        description="Luật Tiếp cận thông tin 2016, Điều 19 khoản 1 điểm g và Điều 34",
    )


def collect(r: Renderer) -> dict[tuple[str, str], Dataset]:
    """Every dataset of the site, keyed by (page url, anchor), in page order."""
    found: list[Dataset] = []
    for record in r.content.records:
        found.extend(record_datasets(record))
    procedures = [p for p in r.content.of("procedures") if isinstance(p, Procedure)]
    if procedures:
        found.append(procedures_dataset(r, procedures))
    documents = [d for d in r.content.of("documents") if isinstance(d, Document)]
    if documents:
        found.append(documents_dataset(r, documents))
    catalogue = catalogue_dataset(r)
    if catalogue:
        found.append(catalogue)
    return {(d.page_url, d.anchor): d for d in found}
