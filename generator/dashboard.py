"""The province dashboard: every commune's figures, read from the communes' JSON reports.

Figures are published carefully (anchors.md, pain point 15): each row says what was
judged, on which date and under which legal documents; "chưa đến hạn" (not yet due) is
never counted as missing; and the page says that these are the results of an automatic
check of the files each commune keeps, not an inspection's conclusion.

Only reports are read, never content, so a province can merge reports built on other
machines (CI shards): an outcome file `REPORTS/SLUG.json` written by
`congkhai build --all`, or a commune site's own `bao-cao-cong-khai.json`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .problems import Problem, SourceLocation, problem
from .province import CommuneEntry, Province
from .province_build import OUTCOME_FORMAT

REPORT_FILE = "bao-cao-cong-khai.json"  # in every commune's site (generator/build.py)
JUDGED = ("met", "missing", "incomplete", "overdue")  # not_yet_due and not_applicable are not


@dataclass(frozen=True)
class Overdue:
    """A requirement past its deadline: since when, and by how many days on the as-of date."""

    id: str
    title: str
    due: date | None
    days: int | None
    legal_basis: tuple[str, ...]
    periods: tuple[str, ...] = ()  # the years or periods that are late ("năm 2025")


@dataclass(frozen=True)
class Figures:
    """What one report judged: on which date, under which documents, with what result."""

    commune: str
    as_of: date
    regimes: tuple[str, ...]
    counts: dict[str, int]  # the report's summary: total, met, …, score
    overdue: tuple[Overdue, ...]
    latest_publication: date | None

    @property
    def judged(self) -> int:
        """Requirements already due (met + missing + incomplete + overdue)."""
        return sum(self.counts.get(k, 0) for k in JUDGED)


@dataclass(frozen=True)
class Attempt:
    """The latest build of a commune, when it did not publish."""

    as_of: date
    blocking: int


@dataclass(frozen=True)
class Row:
    slug: str
    name: str
    domain: str
    state: str  # published | kept (new build failed, previous site stays) | failed | absent
    figures: Figures | None  # of the site citizens can read now
    failed: Attempt | None = None

    @property
    def has_site(self) -> bool:
        return self.state in ("published", "kept")


@dataclass(frozen=True)
class Source:
    """One report read from disk: whose, what it judged, and how its build ended."""

    slug: str
    path: str
    figures: Figures | None
    built: bool
    as_of: date | None
    blocking: int
    outcome: bool = False  # an outcome file of `congkhai build` (else a bare report)


# --- reading reports -------------------------------------------------------------------


def figures(report: dict[str, Any]) -> Figures:
    """The dashboard's view of a JSON report (the contract in DESIGN.md)."""
    as_of = date.fromisoformat(report["as_of"])
    overdue = []
    for r in report.get("requirements", []):
        if r.get("status") != "overdue":
            continue
        due = date.fromisoformat(r["due"]) if r.get("due") else None
        late = [c for c in r.get("checks", []) if c.get("status") == "overdue"]
        if due is None:
            dues = [date.fromisoformat(c["due"]) for c in late if c.get("due")]
            due = min(dues, default=None)
        overdue.append(
            Overdue(
                id=r["id"],
                title=r.get("title", ""),
                due=due,
                days=(as_of - due).days if due else None,
                legal_basis=tuple(r.get("legal_basis", ())),
                periods=tuple(c["label"] for c in late if c.get("label")),
            )
        )
    latest = report.get("latest_publication")
    return Figures(
        commune=str(report.get("commune", "")),
        as_of=as_of,
        regimes=tuple(report.get("regimes", ())),
        counts={k: int(v) for k, v in report.get("summary", {}).items()},
        overdue=tuple(sorted(overdue, key=lambda o: (o.due or date.max, o.id))),
        latest_publication=date.fromisoformat(latest) if latest else None,
    )


def read_source(path: Path) -> Source:
    """An outcome file or a bare report; ValueError (in Vietnamese) when it is neither."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc).splitlines()[0][:200]) from None
    try:
        if isinstance(raw, dict) and raw.get("format") == OUTCOME_FORMAT:
            report = raw.get("report")
            return Source(
                slug=str(raw["slug"]),
                path=str(path),
                figures=figures(report) if report else None,
                built=bool(raw["built"]),
                as_of=date.fromisoformat(raw["as_of"]),
                blocking=len(raw.get("blocking", [])),
                outcome=True,
            )
        if isinstance(raw, dict) and "summary" in raw and "as_of" in raw:
            # A commune site's own report: its folder is the commune's slug.
            slug = path.parent.name if path.name == REPORT_FILE else path.stem
            found = figures(raw)
            return Source(slug, str(path), found, True, found.as_of, 0)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"thiếu hoặc sai trường {exc}") from None
    raise ValueError("không phải báo cáo của congkhai (thiếu 'as_of' và 'summary')")


def collect(paths: Iterable[Path]) -> tuple[list[Source], list[Problem]]:
    """Every report under `paths` (files, or folders searched for *.json)."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith("."):
                continue  # a build still writing it
            try:
                sources.append(read_source(file))
            except ValueError as exc:
                problems.append(
                    problem("report-unreadable", SourceLocation(str(file)), value=file.name,
                            detail=str(exc))
                )  # fmt: skip
    return sources, problems


def published_report(site: Path, slug: str) -> Figures | None:
    """The report of the site citizens can read now, if there is one."""
    file = site / slug / REPORT_FILE
    if not file.is_file():
        return None
    try:
        return read_source(file).figures
    except ValueError:
        return None


def rows(province: Province, sources: Iterable[Source], site: Path) -> list[Row]:
    """One row per commune of the province, in the province's order.

    A commune whose latest build failed shows the figures of the site still published
    (with the failed build noted), so the dashboard describes what citizens can read.
    """
    latest: dict[str, Source] = {}
    for s in sources:  # the newest judgement of each commune; a build's outcome first
        old = latest.get(s.slug)
        if old is None or (s.as_of or date.min, s.outcome) > (old.as_of or date.min, old.outcome):
            latest[s.slug] = s
    out = []
    for entry in province.communes:
        out.append(_row(entry, latest.get(entry.slug), site))
    return out


def _row(entry: CommuneEntry, source: Source | None, site: Path) -> Row:
    if source is not None and source.built:
        return Row(entry.slug, entry.name, entry.domain, "published", source.figures)
    shown = published_report(site, entry.slug)
    if source is None:
        state = "published" if shown else "absent"
        return Row(entry.slug, entry.name, entry.domain, state, shown)
    attempt = Attempt(source.as_of or date.min, source.blocking)
    state = "kept" if shown else "failed"
    return Row(entry.slug, entry.name, entry.domain, state, shown, attempt)
