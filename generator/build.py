"""The pipeline, top to bottom: load → validate → assess → render → engine → publish."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import engine
from .assess import assess
from .config import SiteConfig, load_config
from .load import load
from .problems import Problem, Severity, problem, sort_key
from .publish import staging
from .render import render
from .report import Report, to_json
from .validate import validate


@dataclass(frozen=True)
class Checked:
    config: SiteConfig
    report: Report
    content: object

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.report.problems


@dataclass(frozen=True)
class BuildResult:
    checked: Checked
    built: bool
    out: Path


def check(config_path: Path, as_of: date) -> Checked:
    """Load, validate and assess the content; never writes anything."""
    config = load_config(config_path)
    loaded = load(config.content_dir)
    validated = validate(loaded.documents, (config.phone, config.fax))
    report = assess(config, validated.content, as_of, invalid=validated.problems)
    problems = sorted((*loaded.problems, *validated.problems, *report.problems), key=sort_key)
    report = Report(
        as_of=report.as_of,
        commune=report.commune,
        regimes=report.regimes,
        requirements=report.requirements,
        problems=tuple(problems),
        upcoming=report.upcoming,
    )
    return Checked(config, report, validated.content)


def blocks(problems: tuple[Problem, ...], strict: bool) -> bool:
    return any(
        p.severity is Severity.ERROR or (strict and p.severity is Severity.WARNING)
        for p in problems
    )


def build(
    config_path: Path,
    out: Path,
    as_of: date,
    strict: bool = False,
    docs_dir: Path | None = None,
) -> BuildResult:
    """Check, then render and build the site into `out`; leave `out` untouched on failure."""
    checked = check(config_path, as_of)
    if blocks(checked.problems, strict):
        return BuildResult(checked, False, out)
    rendered = render(checked.config, checked.content, checked.report, as_of)  # type: ignore[arg-type]
    report_json = json.dumps(to_json(checked.report), ensure_ascii=False, indent=1).encode()
    rendered = type(rendered)(
        rendered.pages, rendered.assets, (*rendered.data, ("bao-cao-cong-khai.json", report_json))
    )
    try:
        with staging(out) as site_dir:
            if docs_dir is not None:
                project_root = docs_dir.resolve()
                project_root.mkdir(parents=True, exist_ok=True)
                project = engine.write_project(checked.config, rendered, project_root, site_dir)
                engine.build(project)
            else:
                with tempfile.TemporaryDirectory(prefix="congkhai-docs-") as tmp:
                    project = engine.write_project(checked.config, rendered, Path(tmp), site_dir)
                    engine.build(project)
    except engine.EngineError as exc:
        failed = problem("engine-failed", None, detail=str(exc).splitlines()[0][:300])
        report = checked.report
        checked = Checked(
            checked.config,
            Report(
                report.as_of,
                report.commune,
                report.regimes,
                report.requirements,
                (*report.problems, failed),
                report.upcoming,
            ),
            checked.content,
        )
        return BuildResult(checked, False, out)
    return BuildResult(checked, True, out)
