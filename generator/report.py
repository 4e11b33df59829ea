"""The Report: what the checker judged, as data, for staff, CI and citizens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .problems import Problem

STATUSES = ("met", "missing", "incomplete", "overdue", "not_yet_due", "not_applicable")
STATUS_VI = {
    "met": "đã công khai",
    "missing": "chưa có",
    "incomplete": "thiếu thông tin",
    "overdue": "quá hạn",
    "not_yet_due": "chưa đến hạn",
    "not_applicable": "không áp dụng",
}


@dataclass(frozen=True)
class Check:
    """One expected disclosure behind a requirement: a year, a period or one file."""

    label: str  # "năm 2025", "quý I năm 2026", or the file's title
    status: str
    due: date | None = None
    items: tuple[str, ...] = ()
    reason: str = ""

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.status]


@dataclass(frozen=True)
class RequirementResult:
    """One legal requirement as judged on a date."""

    id: str
    title: str
    status: str
    legal_basis: tuple[str, ...]
    title_en: str = ""
    instrument: str = ""
    confidence: str = "H"
    due: date | None = None
    items: tuple[str, ...] = ()  # content files that satisfy it (content/…)
    problems: tuple[Problem, ...] = ()
    reason: str = ""  # why not_applicable / what the status rests on
    checks: tuple[Check, ...] = ()  # the years, periods or files judged
    regimes: tuple[str, ...] = ()  # the instruments whose rules were applied

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.status]

    @property
    def blocking(self) -> bool:
        return any(p.blocking for p in self.problems)


@dataclass(frozen=True)
class Report:
    as_of: date
    commune: str
    regimes: tuple[str, ...]
    requirements: tuple[RequirementResult, ...] = ()
    problems: tuple[Problem, ...] = ()
    upcoming: tuple[tuple[date, str, str], ...] = field(default=())  # (due, requirement id, what)
    latest_publication: date | None = None  # newest published_on up to as_of, if any

    @property
    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for r in self.requirements:
            counts[r.status] += 1
        applicable = len(self.requirements) - counts["not_applicable"] - counts["not_yet_due"]
        score = round(100 * counts["met"] / applicable) if applicable else 100
        return {"total": len(self.requirements), **counts, "score": score}

    def legal_basis_for(self, item: str) -> tuple[str, ...]:
        """Legal bases of every requirement that `item` (a content path) helps satisfy."""
        seen: dict[str, None] = {}
        for r in self.requirements:
            if item in r.items:
                for basis in r.legal_basis:
                    seen.setdefault(basis, None)
        return tuple(seen)

    def requirements_for(self, item: str) -> tuple[RequirementResult, ...]:
        return tuple(r for r in self.requirements if item in r.items)


def latest_publication(records: Iterable[object], as_of: date) -> date | None:
    """The newest publication date up to `as_of` (a later date is not published yet)."""
    dates = [getattr(r, "published_on", None) for r in records]
    return max((d for d in dates if isinstance(d, date) and d <= as_of), default=None)


# --- output formats -------------------------------------------------------------------

# Worst first: how requirements are listed in the text and Markdown reports.
STATUS_ORDER = ("overdue", "missing", "incomplete", "met", "not_yet_due", "not_applicable")


def _vn(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def to_json(report: Report) -> dict[str, object]:
    """The report as the JSON contract of DESIGN.md (plus a few extra keys)."""
    return {
        "as_of": report.as_of.isoformat(),
        "commune": report.commune,
        "regimes": list(report.regimes),
        "summary": report.summary,
        "latest_publication": (
            report.latest_publication.isoformat() if report.latest_publication else None
        ),
        "requirements": [
            {
                "id": r.id,
                "title": r.title,
                "title_en": r.title_en,
                "status": r.status,
                "status_vi": r.status_vi,
                "legal_basis": list(r.legal_basis),
                "confidence": r.confidence,
                "instrument": r.instrument,
                "due": r.due.isoformat() if r.due else None,
                "items": list(r.items),
                "reason": r.reason,
                "checks": [
                    {
                        "label": c.label,
                        "status": c.status,
                        "due": c.due.isoformat() if c.due else None,
                        "items": list(c.items),
                        "reason": c.reason,
                    }
                    for c in r.checks
                ],
                "problems": [p.as_dict() for p in r.problems],
            }
            for r in report.requirements
        ],
        "problems": [p.as_dict() for p in report.problems],
        "upcoming": [
            {"due": due.isoformat(), "requirement": rid, "what": what}
            for due, rid, what in report.upcoming
        ],
    }


def _ordered(report: Report) -> list[RequirementResult]:
    return sorted(report.requirements, key=lambda r: STATUS_ORDER.index(r.status))


def _summary_line(report: Report) -> str:
    s = report.summary
    parts = [f"{STATUS_VI[k]} {s[k]}" for k in STATUS_ORDER if s[k]]
    return f"{s['total']} yêu cầu: " + ", ".join(parts) + f". Điểm: {s['score']}/100."


def _unattached(report: Report) -> list[Problem]:
    """Problems not tied to a requirement (file syntax, schema, personal data …)."""
    return [p for p in report.problems if not p.requirement]


def render_text(report: Report) -> str:
    """Plain Vietnamese text for staff and CI logs, grouped by requirement."""
    out = [
        f"Kiểm tra công khai thông tin — {report.commune}",
        f"Ngày đánh giá: {_vn(report.as_of)}",
        "Văn bản áp dụng:",
        *(f"  - {name}" for name in report.regimes),
        _summary_line(report),
        "",
    ]
    loose = _unattached(report)
    if loose:
        out.append(f"Lỗi trong các tệp nội dung ({len(loose)}):")
        out.extend(_indent(p.render(), "  ") for p in loose)
        out.append("")
    for r in _ordered(report):
        head = f"[{r.status_vi}] {r.id} — {r.title}"
        if r.due:
            head += f" (hạn {_vn(r.due)})"
        out.append(head)
        out.append(f"  căn cứ: {'; '.join(r.legal_basis)}")
        if r.reason:
            out.append(f"  ghi chú: {r.reason}")
        for c in r.checks:
            if not c.label or c.status in ("met", "not_applicable"):
                continue
            due = f", hạn {_vn(c.due)}" if c.due else ""
            out.append(f"  - {c.label}: {c.status_vi}{due}")
        for p in r.problems:
            out.append(_indent(p.render(), "    "))
        out.append("")
    blocking = sum(1 for p in report.problems if p.blocking)
    warnings = sum(1 for p in report.problems if p.severity.value == "warning")
    out.append(f"Tổng cộng: {blocking} lỗi, {warnings} cảnh báo.")
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report) -> str:
    """The same report as Markdown, for the site and for pasting into a document."""
    out = [
        f"# Kiểm tra công khai thông tin — {report.commune}",
        "",
        f"Ngày đánh giá: **{_vn(report.as_of)}**",
        "",
        "Văn bản áp dụng:",
        "",
        *(f"- {name}" for name in report.regimes),
        "",
        _summary_line(report),
        "",
        "| Trạng thái | Mã | Yêu cầu | Hạn | Căn cứ |",
        "|---|---|---|---|---|",
    ]
    for r in _ordered(report):
        out.append(
            f"| {r.status_vi} | `{r.id}` | {_md_cell(r.title)} | {_vn(r.due)} | "
            f"{_md_cell('; '.join(r.legal_basis))} |"
        )
    out.append("")
    with_problems = [r for r in _ordered(report) if r.problems]
    if with_problems:
        out += ["## Cần xử lý", ""]
    for r in with_problems:
        out += [f"### {r.id} — {r.title} ({r.status_vi})", ""]
        for p in r.problems:
            out.append(_md_problem(p))
        out.append("")
    loose = _unattached(report)
    if loose:
        out += ["## Lỗi trong các tệp nội dung", ""]
        out.extend(_md_problem(p) for p in loose)
        out.append("")
    if report.upcoming:
        out += ["## Lịch công khai sắp tới", "", "| Hạn | Mã | Nội dung |", "|---|---|---|"]
        out.extend(f"| {_vn(d)} | `{rid}` | {_md_cell(what)} |" for d, rid, what in report.upcoming)
        out.append("")
    return "\n".join(out)


def _md_problem(p: Problem) -> str:
    where = f"`{p.location}`" if p.location else "(chung)"
    if p.location and p.location.field:
        where += f" `{p.location.field}`"
    return f"- {where} — **{p.severity.label}** [{p.code}] {p.message} *Cách sửa:* {p.fix}"
