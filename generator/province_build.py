"""Build many communes of a province, each in its own process, each failing alone.

Every commune is built by the ordinary single-commune pipeline (generator/build.py) into
`OUT/SLUG/`, with the same atomic swap: a commune whose content has blocking problems, or
whose build crashes, keeps its previous site and does not touch any other commune's.

Each commune is built in a forked child process, `jobs` at a time. With one job a commune
may use the second core for its own background work (generator/background.py); with more
jobs each child runs with CONGKHAI_JOBS=1 so N communes use N processes, not 2N.

What each build judged is written as an outcome file `REPORTS/SLUG.json` (the commune's
JSON report plus whether its site was published and the blocking problems); the province
dashboard (generator/dashboard.py) is made from these files, here or on another machine.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from .config import ConfigError
from .problems import Problem, Severity, SourceLocation, problem
from .province import CommuneEntry

OUTCOME_FORMAT = "congkhai-commune-build/1"


@dataclass(frozen=True)
class Outcome:
    """What became of one commune's build."""

    entry: CommuneEntry
    built: bool
    as_of: date
    seconds: float
    problems: tuple[Problem, ...]  # every problem found (blocking ones stopped the build)
    report: dict[str, Any] | None  # the JSON report; None when its config could not be read

    @property
    def blocking(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.blocking)


def build_commune(entry: CommuneEntry, out_root: Path, as_of: date, strict: bool) -> Outcome:
    """Check and build one commune into `out_root/SLUG`, in this process."""
    from .build import blocks, build
    from .report import to_json

    start = time.perf_counter()
    try:
        result = build(entry.config, out_root / entry.slug, as_of, strict=strict, url=entry.url)
    except ConfigError as err:
        return Outcome(entry, False, as_of, time.perf_counter() - start, tuple(err.problems), None)
    problems = result.checked.problems
    if not result.built and strict and not any(p.blocking for p in problems):
        # --strict: the warnings stopped the build; say so as errors in the outcome.
        problems = tuple(
            Problem(p.code, Severity.ERROR, p.message, p.fix, p.location, p.requirement)
            if blocks((p,), strict)
            else p
            for p in problems
        )
    return Outcome(
        entry,
        result.built,
        as_of,
        time.perf_counter() - start,
        problems,
        to_json(result.checked.report),
    )


def crashed(entry: CommuneEntry, as_of: date, detail: str, seconds: float = 0.0) -> Outcome:
    return Outcome(
        entry, False, as_of, seconds, (problem("commune-crashed", None, detail=detail),), None
    )


# --- outcome files ---------------------------------------------------------------------


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    e = outcome.entry
    return {
        "format": OUTCOME_FORMAT,
        "slug": e.slug,
        "name": e.name,
        "domain": e.domain,
        "url": e.url,
        "folder": e.folder.as_posix(),
        "built": outcome.built,
        "as_of": outcome.as_of.isoformat(),
        "seconds": round(outcome.seconds, 2),
        "blocking": [p.as_dict() for p in outcome.blocking],
        "report": outcome.report,
    }


def write_outcome(outcome: Outcome, target: Path) -> None:
    """Write atomically: a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(outcome_json(outcome), ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, target)


def problem_from_dict(raw: dict[str, Any]) -> Problem:
    location = None
    if raw.get("path"):
        location = SourceLocation(raw["path"], raw.get("line"), raw.get("field"), raw.get("cell"))
    return Problem(
        code=str(raw["code"]),
        severity=Severity(raw["severity"]),
        message=str(raw["message"]),
        fix=str(raw["fix"]),
        location=location,
        requirement=raw.get("requirement"),
    )


def read_outcome(entry: CommuneEntry, path: Path) -> Outcome:
    raw = json.loads(path.read_text("utf-8"))
    report = raw.get("report")
    problems = [problem_from_dict(p) for p in raw.get("blocking", [])]
    if report:
        problems += [
            problem_from_dict(p) for p in report.get("problems", []) if p["severity"] != "error"
        ]
    return Outcome(
        entry,
        bool(raw["built"]),
        date.fromisoformat(raw["as_of"]),
        float(raw.get("seconds", 0.0)),
        tuple(problems),
        report,
    )


# --- running many builds ---------------------------------------------------------------


def _preload() -> None:
    """Import the whole pipeline once in the parent, so forked children start warm."""
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401

    from . import build, engine, render  # noqa: F401


def _child(entry: CommuneEntry, out_root: Path, as_of: date, strict: bool, target: Path) -> None:
    start = time.perf_counter()
    try:
        outcome = build_commune(entry, out_root, as_of, strict)
    except Exception as exc:  # our bug, never bad content: keep the traceback for the admin
        traceback.print_exc(file=sys.stderr)
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        outcome = crashed(entry, as_of, detail, time.perf_counter() - start)
    write_outcome(outcome, target)


def build_communes(
    entries: Iterable[CommuneEntry],
    out_root: Path,
    reports: Path,
    as_of: date,
    *,
    strict: bool = False,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every commune, `jobs` at a time; write REPORTS/SLUG.json for each.

    Returns the outcomes in the order given. `on_done` is called as each one finishes.
    """
    todo = list(entries)
    reports.mkdir(parents=True, exist_ok=True)
    out_root.mkdir(parents=True, exist_ok=True)
    done: dict[str, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        done[outcome.entry.slug] = outcome
        if on_done is not None:
            on_done(outcome)

    if not hasattr(os, "fork"):
        for entry in todo:
            _child(entry, out_root, as_of, strict, reports / f"{entry.slug}.json")
            finish(read_outcome(entry, reports / f"{entry.slug}.json"))
        return [done[e.slug] for e in todo]

    _preload()
    context = multiprocessing.get_context("fork")
    queue = list(reversed(todo))
    running: dict[Any, tuple[Any, CommuneEntry, Path, float]] = {}  # by process sentinel
    previous = os.environ.get("CONGKHAI_JOBS")
    if jobs > 1:
        os.environ["CONGKHAI_JOBS"] = "1"  # inherited by the children: one process each
    try:
        while queue or running:
            while queue and len(running) < max(1, jobs):
                entry = queue.pop()
                target = reports / f".{entry.slug}.{os.getpid()}.new.json"
                target.unlink(missing_ok=True)
                process = context.Process(
                    target=_child, args=(entry, out_root, as_of, strict, target), daemon=False
                )
                process.start()
                running[process.sentinel] = (process, entry, target, time.perf_counter())
            for sentinel in wait(list(running)):
                process, entry, target, started = running.pop(sentinel)
                process.join()
                final = reports / f"{entry.slug}.json"
                if target.is_file():
                    os.replace(target, final)
                    finish(read_outcome(entry, final))
                else:
                    detail = f"tiến trình kết thúc với mã {process.exitcode}"
                    outcome = crashed(entry, as_of, detail, time.perf_counter() - started)
                    write_outcome(outcome, final)
                    finish(outcome)
    finally:
        for process, _entry, target, _started in running.values():
            process.terminate()
            process.join()
            target.unlink(missing_ok=True)
        if previous is None:
            os.environ.pop("CONGKHAI_JOBS", None)
        else:
            os.environ["CONGKHAI_JOBS"] = previous
    return [done[e.slug] for e in todo]
