"""Citizens' questions in figures: answered or not, on time or late, per quarter or period.

One place computes them, so the site's quarterly table and the periodic report agree.
Pure: the date to judge on (`as_of`) and the time limit (site_config.yml,
questions.answer_days) are passed in.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .records import Question
from .workdays import deadline

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CHANNEL_LABELS = {
    "portal": "Trang thông tin điện tử",
    "email": "Thư điện tử",
    "one_stop": "Bộ phận Một cửa",
    "reception": "Tiếp công dân",
    "feedback": "Hệ thống phản ánh, kiến nghị",
    "phone": "Điện thoại",
    "letter": "Thư, đơn",
    "meeting": "Hội nghị, đối thoại",
}


def answer_due(question: Question, days: int) -> date:
    """The last day to answer: `days` calendar days after receipt (moved off a rest day)."""
    return deadline(question.received_on, days, "calendar")


@dataclass(frozen=True)
class Answered:
    """One question as judged on a date."""

    question: Question
    due: date
    answered_on: date | None  # None: not answered by the date judged

    @property
    def days(self) -> int | None:
        """Days from receipt to answer."""
        if self.answered_on is None:
            return None
        return (self.answered_on - self.question.received_on).days

    @property
    def on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.due


def judge(question: Question, as_of: date, days: int) -> Answered:
    return Answered(question, answer_due(question, days), question.answered_as_of(as_of))


@dataclass(frozen=True)
class Figures:
    """Questions received in a quarter or period, and what became of them by `as_of`."""

    label: str
    received: int
    answered: int
    on_time: int
    open: int  # not answered by as_of
    overdue: int  # not answered, and past the time limit
    median_days: float | None  # days from receipt to answer, answered questions only

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def median_text(self) -> str:
        """'7', '7,5' or '—' (nothing answered)."""
        if self.median_days is None:
            return "—"
        text = f"{self.median_days:.1f}".replace(".", ",")
        return text.removesuffix(",0")


def figures(label: str, questions: Iterable[Question], as_of: date, days: int) -> Figures:
    judged = [judge(q, as_of, days) for q in questions if q.received_on <= as_of]
    answered = [j for j in judged if j.answered_on is not None]
    waits = [j.days for j in answered if j.days is not None]
    return Figures(
        label=label,
        received=len(judged),
        answered=len(answered),
        on_time=sum(1 for j in answered if j.on_time),
        open=len(judged) - len(answered),
        overdue=sum(1 for j in judged if j.answered_on is None and j.due < as_of),
        median_days=float(statistics.median(waits)) if waits else None,
    )


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """'Quý I/2024'."""
    return f"Quý {ROMAN[quarter]}/{year}"


def by_quarter(questions: Iterable[Question], as_of: date, days: int) -> list[Figures]:
    """Figures for each quarter of receipt up to `as_of`, newest first."""
    groups: dict[tuple[int, int], list[Question]] = {}
    for q in questions:
        if q.received_on <= as_of:
            groups.setdefault(quarter_of(q.received_on), []).append(q)
    return [
        figures(quarter_label(y, n), groups[(y, n)], as_of, days)
        for y, n in sorted(groups, reverse=True)
    ]


def in_period(questions: Iterable[Question], start: date, end: date) -> list[Question]:
    """The questions received from `start` to `end`, both included, oldest first."""
    found = [q for q in questions if start <= q.received_on <= end]
    return sorted(found, key=lambda q: (q.received_on, q.slug))
