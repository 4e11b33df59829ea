"""The checker's verdict for citizens: "Mức độ công khai" and "Lịch công khai" (+ .ics).

Every figure says what was judged, on which date and under which rules; requirements not
yet due or not applicable are shown as such and never counted as missing (anchors.md,
pain point 15: a public score must show its basis).
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from icalendar import Calendar, Event

from .records import Record
from .render import COMPLIANCE_URL, Page, Renderer, relative
from .report import STATUS_VI, RequirementResult

CALENDAR_URL = "lich-cong-khai/"
ICS = f"{CALENDAR_URL}lich-cong-khai.ics"
ORDER = {
    "overdue": 0,
    "missing": 1,
    "incomplete": 2,
    "met": 3,
    "not_yet_due": 4,
    "not_applicable": 5,
}


def _links(
    r: Renderer, req: RequirementResult, by_source: dict[str, Record]
) -> list[dict[str, str]]:
    found = []
    for item in req.items:
        record = by_source.get(item)
        if record is not None:
            found.append(
                {"href": relative(COMPLIANCE_URL, record.url), "title": record.display_title}
            )
    return found


def compliance_page(r: Renderer) -> Page | None:
    if r.report is None:
        return None
    report = r.report
    by_source = {rec.source.path: rec for rec in r.content.records}
    rows = [
        {
            "id": req.id,
            "title": req.title,
            "status": req.status,
            "status_vi": STATUS_VI[req.status],
            "basis": req.legal_basis,
            "due": req.due,
            "checks": [
                {"label": c.label, "status_vi": STATUS_VI.get(c.status, c.status), "due": c.due}
                for c in req.checks
            ],
            "reason": req.reason,
            "confidence": req.confidence,
            "links": _links(r, req, by_source)[:5],
        }
        for req in sorted(report.requirements, key=lambda q: (ORDER[q.status], q.id))
    ]
    summary = report.summary
    judged = summary["met"] + summary["missing"] + summary["incomplete"] + summary["overdue"]
    body = r.template(
        "compliance.html",
        rows=rows,
        summary=summary,
        judged=judged,
        as_of=report.as_of,
        regimes=report.regimes,
        authority=r.config.authority,
        calendar_href=relative(COMPLIANCE_URL, CALENDAR_URL),
        report_href=relative(COMPLIANCE_URL, "bao-cao-cong-khai.json"),
        statuses=STATUS_VI,
    )
    return Page(
        COMPLIANCE_URL,
        "Mức độ công khai",
        body,
        f"Các yêu cầu công khai của {r.config.authority}, đánh giá ngày {report.as_of:%d/%m/%Y}",
        section="tiep-can-thong-tin",
    )


def calendar_page(r: Renderer) -> Page | None:
    if r.report is None:
        return None
    report = r.report
    titles = {q.id: q for q in report.requirements}
    items = [
        {
            "due": due,
            "id": rid,
            "what": what,
            "basis": titles[rid].legal_basis[0]
            if rid in titles and titles[rid].legal_basis
            else "",
        }
        for due, rid, what in sorted(report.upcoming)
    ]
    body = r.template(
        "calendar.html",
        items=items,
        as_of=report.as_of,
        ics_href="lich-cong-khai.ics",
        compliance_href=relative(CALENDAR_URL, COMPLIANCE_URL),
    )
    return Page(
        CALENDAR_URL,
        "Lịch công khai",
        body,
        f"Các nội dung {r.config.authority} phải công khai sắp đến hạn",
        section="tiep-can-thong-tin",
    )


def calendar_ics(r: Renderer) -> bytes | None:
    """The coming obligations as all-day events staff can subscribe to."""
    if r.report is None:
        return None
    report = r.report
    cal = Calendar()
    cal.add("prodid", "-//congkhai//Lich cong khai//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Lịch công khai {r.config.full_name}")
    stamp = datetime.combine(report.as_of, time(0, 0), tzinfo=UTC)  # reproducible
    host = r.config.base_url.split("//", 1)[-1].strip("/").split("/")[0]
    titles = {q.id: q for q in report.requirements}
    for due, rid, what in sorted(report.upcoming):
        event = Event()
        event.add("uid", f"{rid}-{due.isoformat()}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("summary", f"Hạn công khai: {what}")
        basis = "; ".join(titles[rid].legal_basis) if rid in titles else ""
        event.add("description", f"Mã yêu cầu {rid}. Căn cứ: {basis}.")
        event.add("url", r.config.base_url + CALENDAR_URL)
        cal.add_component(event)
    return cal.to_ical()


def publish(r: Renderer) -> tuple[list[Page], list[tuple[str, bytes]]]:
    pages = [p for p in (compliance_page(r), calendar_page(r)) if p is not None]
    ics = calendar_ics(r)
    return pages, ([(ICS, ics)] if ics else [])
