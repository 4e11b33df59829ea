"""Check imported content exactly as `congkhai check` will, and point problems at cells.

The content about to be written is dumped, read back and validated with the checker's
own code (schema, dates, personal data), so an import never writes what `check` refuses;
each problem found there is moved from its YAML path to the cell the value came from.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from . import validate
from .kinds import BY_NAME
from .load import SourceDocument, _field_name, read_document
from .problems import Problem, Severity, SourceLocation, problem
from .yamlsource import parse
from .yamlwrite import dump

Cells = dict[tuple[str | int, ...], SourceLocation]


def final_check(
    kind: str,
    target: Path,
    data: dict[str, Any],
    cells: Cells,
    content_dir: Path,
    commune_phones: tuple[str, ...] = (),
) -> list[Problem]:
    """Problems `congkhai check` would find in this content, located at their cells."""
    written, line_map = parse(dump(kind, data, target))
    try:
        rel = "content/" + target.resolve().relative_to(content_dir.resolve()).as_posix()
    except ValueError:
        rel = target.as_posix()
    doc = SourceDocument(BY_NAME[kind], rel, target.stem, written, line_map, {})
    others = _officials(content_dir) if kind != "officials" else ()
    checked = validate.validate((doc, *others), commune_phones)
    out = []
    for p in checked.problems:
        # Sums and percentages were already checked cell by cell.
        if not p.location or p.location.path != rel or p.code.startswith("budget-"):
            continue
        out.append(replace(p, location=_locate(p, cells, line_map.lines)))
    attached = written.get("file") if kind == "documents" else None
    if isinstance(attached, str) and not (target.parent / attached).is_file():
        loc = cells.get(("file",), SourceLocation(rel))
        out.append(problem("path-missing", loc, severity=Severity.WARNING, value=attached))
    return out


def _officials(content_dir: Path) -> tuple[SourceDocument, ...]:
    """The officials' file, whose duty phones may appear in any content."""
    kind = BY_NAME["officials"]
    path = content_dir / kind.folder / (kind.singleton or "")
    if not path.is_file():
        return ()
    doc, _problems = read_document(content_dir.resolve(), path.resolve(), kind, "can-bo", "can-bo")
    return (doc,) if doc else ()


def _locate(p: Problem, cells: Cells, lines: dict[tuple[str | int, ...], int]) -> SourceLocation:
    loc = p.location
    assert loc is not None
    path: tuple[str | int, ...] | None = None
    if loc.field and p.code != "field-required":
        path = next((k for k in lines if _field_name(k) == loc.field), None)
    if path is None and loc.line is not None:
        on_line = [k for k, line in lines.items() if line == loc.line]
        path = max(on_line, key=len) if on_line else None
    path = path or ()
    while path not in cells and path:
        path = path[:-1]
    target = cells.get(path) or next(iter(cells.values()), SourceLocation(loc.path))
    return SourceLocation(target.path, None, target.field or loc.field, target.cell)
