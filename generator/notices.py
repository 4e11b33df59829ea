"""Print notices (bản niêm yết): an A4 page for the notice board for every disclosure.

Disclosure in a commune still means paper posted at the commune office and the village
halls. Each disclosure, procedure and document gets a printable page at `<its url>niem-yet/`
laid out like a Vietnamese administrative notice, with a QR code to the online page and
the short SHA-256 of each attached file, so a citizen can check the paper against the web.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import segno
from markupsafe import Markup

from .datasets import named_list, plan_tasks, poverty_aggregate
from .kinds import BY_NAME
from .load import human_size
from .records import (
    BudgetDisclosure,
    Disclosure,
    Document,
    LandUsePlan,
    Notice,
    Plan,
    PovertyReview,
    Procedure,
    Record,
    StoredFile,
    Table,
)
from .render import CHANNEL_LABELS, DOC_STATUS, NOTICE_URL, ONLINE_LABELS, Page, Renderer, relative
from .values import format_date

MAX_PRINTED_ROWS = 30  # a longer table prints its totals and main items only
SHORT_HASH = 16  # hex digits of SHA-256 printed on paper


def place_date(place: str, day: date) -> str:
    """'Nguyễn Trãi, ngày 05 tháng 01 năm 2026': days below 10 and months 1–2 take a zero."""
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def notice_date(record: Record, as_of: date) -> date:
    """The date a notice carries: posting start, else publication, else the build date."""
    if isinstance(record, Disclosure):
        if record.posting:
            return record.posting.start
        return record.published_on or as_of
    if isinstance(record, Document):
        return record.published_on or record.issued_on
    if isinstance(record, Procedure) and record.publication:
        return record.publication.date
    return as_of


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as inline SVG: no file, no request to anyone."""
    # A fixed mask pattern is as valid as the "best" one and spares scoring all eight.
    code = segno.make(url, error="m", micro=False, mask=2)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, title=f"Mã QR: {url}", svgclass="ck-qr")
    return Markup(svg)


def short_hash(file: StoredFile) -> str:
    return file.sha256[:SHORT_HASH]


def files_of(record: Record) -> list[tuple[str, StoredFile]]:
    """Each file published with the record, with its title."""
    found: list[tuple[str, StoredFile]] = []
    if isinstance(record, Disclosure):
        found += [(a.title, a.file) for a in record.attachments]
    if isinstance(record, LandUsePlan):
        found += [(m.caption or m.alt, m.file) for m in record.maps]
    if isinstance(record, Document) and record.file:
        found.append((f"Toàn văn {record.doc_type} số {record.number}", record.file))
    return found


def files_view(record: Record) -> list[dict[str, str]]:
    return [
        {
            "title": title,
            "name": file.name,
            "size": human_size(file.size),
            "short": short_hash(file),
        }
        for title, file in files_of(record)
    ]


def printed_table(table: Table, anchor: str, online: str) -> dict[str, Any]:
    """A table as printed: whole if short, else its totals and main items with a note."""
    if len(table.rows) <= MAX_PRINTED_ROWS:
        return {"table": table, "anchor": anchor, "note": ""}
    main = [r for r in table.rows if r.level <= 2]
    note = (
        f"Bảng đầy đủ có {len(table.rows)} dòng; bản in này gồm {len(main)} dòng tổng và mục lớn. "
        f"Xem toàn bộ tại {online}#{anchor} (quét mã QR) hoặc tại trụ sở."
    )
    return {"table": replace(table, rows=tuple(main)), "anchor": anchor, "note": note}


def tables_of(r: Renderer, record: Record, online: str) -> tuple[list[dict[str, Any]], str]:
    """The tables a notice prints, and a note on what it leaves to the web page."""
    if isinstance(record, BudgetDisclosure):
        return [printed_table(t, f"bieu-{i}", online) for i, t in enumerate(record.tables, 1)], ""
    if isinstance(record, (LandUsePlan, Notice)):
        return [printed_table(t, f"bang-{i}", online) for i, t in enumerate(record.tables, 1)], ""
    if isinstance(record, PovertyReview):
        if r.named_list_visible(record):
            return [{"table": named_list(record), "anchor": "danh-sach", "note": ""}], ""
        note = (
            "Thời gian niêm yết danh sách có tên đã kết thúc: bản này chỉ gồm số liệu tổng hợp. "
            "Có thể đề nghị cung cấp thông tin theo Luật Tiếp cận thông tin."
        )
        return [{"table": poverty_aggregate(record), "anchor": "tong-hop", "note": ""}], note
    if isinstance(record, Plan) and record.tasks:
        if len(record.tasks) <= MAX_PRINTED_ROWS:
            return [{"table": plan_tasks(record), "anchor": "phu-luc", "note": ""}], ""
        done = sum(t.status == "done" for t in record.tasks)
        note = (
            f"Kế hoạch có {len(record.tasks)} nhiệm vụ, {done} đã hoàn thành. "
            f"Danh sách nhiệm vụ và tình trạng thực hiện xem tại {online}#phu-luc (quét mã QR)."
        )
        return [], note
    return [], ""


def posting_view(record: Record, r: Renderer) -> dict[str, Any]:
    """When and where the notice is posted; blanks to fill in by hand when not recorded."""
    if isinstance(record, Disclosure) and record.posting:
        p = record.posting
        if p.end is None:
            window = (
                f"Từ ngày {format_date(p.start)}, niêm yết thường xuyên (cập nhật khi có thay đổi)"
            )
        else:
            window = (
                f"Từ ngày {format_date(p.start)} đến hết ngày {format_date(p.end)} ({p.days} ngày)"
            )
        return {"window": window, "places": "; ".join(p.places).rstrip("."), "blank": False}
    places = r.config.one_stop if isinstance(record, Procedure) else ""
    return {"window": "", "places": places.rstrip("."), "blank": True}


def heading(record: Record) -> str:
    if isinstance(record, Procedure):
        return "Niêm yết thủ tục hành chính"
    if isinstance(record, Document):
        return "Niêm yết văn bản"
    return "Thông báo niêm yết công khai"


def text_of(record: Record) -> tuple[str, str]:
    """Markdown printed before the tables: the summary, then the body a paper needs."""
    if isinstance(record, BudgetDisclosure):
        return record.summary, record.narrative
    if isinstance(record, Notice):
        return record.summary, record.body
    if isinstance(record, Disclosure):
        return record.summary, ""
    return "", ""


def facts_of(record: Record) -> list[tuple[str, str]]:
    if isinstance(record, Procedure):
        return [
            ("Mã thủ tục", record.code or "chưa xác minh"),
            ("Lĩnh vực", record.field),
            ("Cơ quan thực hiện", record.agency),
            ("Đối tượng thực hiện", record.applicants),
            ("Thời hạn giải quyết", record.time_limit),
            ("Phí, lệ phí", record.fees or "Không"),
            ("Dịch vụ công trực tuyến", ONLINE_LABELS.get(record.online, record.online)),
            ("Kết quả", record.result),
        ]
    if isinstance(record, Document):
        facts = [
            ("Số, ký hiệu", record.number),
            ("Loại văn bản", record.doc_type),
            ("Cơ quan ban hành", record.issuer),
            ("Ngày ban hành", format_date(record.issued_on)),
        ]
        if record.effective_on:
            facts.append(("Ngày có hiệu lực", format_date(record.effective_on)))
        facts += [
            ("Tình trạng", DOC_STATUS.get(record.status, record.status)),
            ("Trích yếu", record.abstract),
        ]
        return facts
    if isinstance(record, Disclosure):
        facts = []
        if record.decision:
            facts.append(("Văn bản", record.decision.label))
        if record.published_on:
            facts.append(("Ngày công khai", format_date(record.published_on)))
        if record.channels:
            facts.append(
                (
                    "Hình thức công khai",
                    ", ".join(CHANNEL_LABELS.get(c, c) for c in record.channels),
                )
            )
        if record.not_applicable:
            facts.append(("Không có nội dung phải công khai", record.not_applicable))
        if record.correction_of:
            facts.append(("Đính chính", record.correction_of))
        return facts
    return []


def notice_page(r: Renderer, record: Record) -> Page:
    """The A4 notice of one record's page."""
    url = record.url + NOTICE_URL
    online = r.config.base_url + record.url
    tables, tables_note = tables_of(r, record, online)
    summary, body = text_of(record)
    html = r.template(
        "print_notice.html",
        authority=r.config.authority.upper(),
        authority_name=r.config.authority,
        place_date=place_date(r.config.name, notice_date(record, r.as_of)),
        heading=heading(record),
        title=record.display_title,
        basis=r.basis(record),
        facts=facts_of(record),
        posting=posting_view(record, r),
        summary=summary,
        body=body,
        procedure=record if isinstance(record, Procedure) else None,
        tables=tables,
        tables_note=tables_note,
        files=files_view(record),
        qr=qr_svg(online),
        online=online,
        online_href=relative(url, record.url),
        sample=r.config.sample_data,
        printed_on=format_date(r.as_of),
        site=f"Cổng công khai {r.config.full_name}",
    )
    kind = BY_NAME[record.kind]
    return Page(
        url,
        f"Bản niêm yết: {record.display_title}",
        html,
        f"Bản niêm yết A4 để in: {record.display_title}",
        noindex=True,
        source=record.source.path,
        section=kind.folder,
    )


def notice_pages(r: Renderer) -> Iterator[Page]:
    """A notice page for every disclosure, procedure and document that has a page.

    They are made one at a time, as they are taken: together they are some 100 MB of
    HTML for a commune of 5,000 disclosures.
    """
    shown = {p.url for p in r.pages}
    return (
        notice_page(r, record)
        for record in r.content.records
        if isinstance(record, (Disclosure, Procedure, Document)) and record.url in shown
    )
