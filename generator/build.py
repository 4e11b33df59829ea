"""The pipeline, top to bottom: check (load → validate → assess) → render → engine → publish."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from . import collisions, engine, manifest, sitecheck
from .checking import Checked, blocks, check
from .problems import Problem, problem
from .publish import recover, staging
from .render import render
from .report import to_json
from .spool import Spool


@dataclass(frozen=True)
class BuildResult:
    checked: Checked
    built: bool
    out: Path


def build(
    config_path: Path,
    out: Path,
    as_of: date,
    strict: bool = False,
    docs_dir: Path | None = None,
    url: str | None = None,
) -> BuildResult:
    """Check, then render and build the site into `out`; leave `out` untouched on failure."""
    recover(out)  # even a build that stops on content problems leaves the last site in place
    checked = check(config_path, as_of, url)
    if blocks(checked.problems, strict):
        return BuildResult(checked, False, out)
    with Spool() as spool:  # page bodies and data files, until they go into the site
        return _publish(checked, out, as_of, spool, docs_dir)


def _publish(
    checked: Checked, out: Path, as_of: date, spool: Spool, docs_dir: Path | None
) -> BuildResult:
    """Render the checked content, build the site and swap it in for `out`."""
    rendered = render(
        checked.config,
        checked.content,  # type: ignore[arg-type]
        checked.report,
        as_of,
        history=checked.history,
        withdrawals=checked.withdrawals,
        spool=spool,
    )
    report_json = json.dumps(to_json(checked.report), ensure_ascii=False, indent=1).encode()
    rendered = rendered.with_file("bao-cao-cong-khai.json", report_json)
    clashes = collisions.outputs(rendered)
    if clashes:
        return BuildResult(_with(checked, *clashes), False, out)
    try:
        with staging(out) as site_dir:
            if docs_dir is not None:
                project_root = docs_dir.resolve()
                project_root.mkdir(parents=True, exist_ok=True)
                project = engine.write_project(checked.config, rendered, project_root, site_dir)
                engine.build(project)
            else:
                with tempfile.TemporaryDirectory(prefix="congkhai-docs-") as tmp:
                    project = engine.write_project(
                        checked.config, rendered, Path(tmp), site_dir, complete=False
                    )
                    engine.build(project)
            unfit = sitecheck.verify(site_dir, checked.report)
            if unfit:
                raise _Unfit(unfit)
            # Last: the site's files are final only once the engine has run.
            manifest.write(site_dir, checked.config, checked.content, rendered, as_of)  # type: ignore[arg-type]
    except _Unfit as unfit:
        return BuildResult(_with(checked, *unfit.problems), False, out)
    except engine.EngineError as exc:
        failed = problem("engine-failed", None, detail=str(exc).splitlines()[0][:300])
        return BuildResult(_with(checked, failed), False, out)
    return BuildResult(checked, True, out)


class _Unfit(Exception):
    """The built site lacks a portal function the law requires; it is not published."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _with(checked: Checked, *found: Problem) -> Checked:
    """`checked` with more problems met while building."""
    report = replace(checked.report, problems=(*checked.report.problems, *found))
    return replace(checked, report=report)
