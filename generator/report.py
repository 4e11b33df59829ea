"""The Report: what the checker judged, as data, for staff, CI and citizens."""

from __future__ import annotations

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

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.status]


@dataclass(frozen=True)
class Report:
    as_of: date
    commune: str
    regimes: tuple[str, ...]
    requirements: tuple[RequirementResult, ...] = ()
    problems: tuple[Problem, ...] = ()
    upcoming: tuple[tuple[date, str, str], ...] = field(default=())  # (due, requirement id, what)

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
