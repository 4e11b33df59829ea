"""Check: load, validate and assess a commune's content; never writes anything.

Kept apart from build.py so that `congkhai check` loads none of the rendering machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import collisions
from .assess import assess
from .config import SiteConfig, load_config
from .history import History, read_history
from .intake import intake
from .problems import Problem, Severity, sort_key
from .records import Outlines
from .report import Report, latest_publication
from .rules import load_rules
from .withdrawals import REGISTER, Withdrawals, judge_removals, load_withdrawals


@dataclass(frozen=True)
class Checked:
    config: SiteConfig
    report: Report
    content: object
    history: History = field(default_factory=lambda: History(False))
    withdrawals: Withdrawals = field(default_factory=lambda: Withdrawals(f"content/{REGISTER}"))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.report.problems


def check(
    config_path: Path, as_of: date, url: str | None = None, outlines: bool = False
) -> Checked:
    """Load, validate and assess the content; never writes anything.

    `url` replaces site.url of the config: a province assigns its communes' domains.
    With `outlines`, `content` holds outlines of the records (`records.Outlines`): the same
    problems and report, for a caller that renders nothing.
    """
    config = load_config(config_path)
    if url is not None:
        config = replace(config, url=url)
    book = load_rules()
    read_problems, validated = intake(config, Outlines(book.looked_into) if outlines else None)
    history = read_history(config.content_dir)
    withdrawals = load_withdrawals(config.content_dir)
    report = assess(config, validated.content, as_of, invalid=validated.problems, rules=book)
    removed = judge_removals(history.removals, withdrawals, as_of)
    problems = sorted(
        (
            *read_problems,
            *validated.problems,
            *report.problems,
            *history.problems,
            *withdrawals.problems,
            *removed,
            *collisions.published_files(validated.content.records),
        ),
        key=sort_key,
    )
    report = Report(
        as_of=report.as_of,
        commune=report.commune,
        regimes=report.regimes,
        requirements=report.requirements,
        problems=tuple(problems),
        upcoming=report.upcoming,
        latest_publication=latest_publication(validated.content.records, as_of),
    )
    return Checked(config, report, validated.content, history, withdrawals)


def blocks(problems: tuple[Problem, ...], strict: bool) -> bool:
    return any(
        p.severity is Severity.ERROR or (strict and p.severity is Severity.WARNING)
        for p in problems
    )
