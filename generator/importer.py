"""Import: an Excel sheet or CSV file → content files, every problem pointed at its cell.

import_file reads the workbook, finds each sheet's header, maps columns to fields by their
Vietnamese titles, converts every cell, checks the result exactly as `congkhai check` would,
and writes the files only when nothing blocks. Nothing is written on any error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import envelope
from .columns import IMPORT_KINDS, KIND_TITLES, LIST_KEYS, row_fields
from .envelope import ImportUsageError
from .importcheck import final_check
from .kinds import BY_NAME
from .problems import Problem, SourceLocation, has_blocking, problem
from .rowimport import Cells, Item, read_list
from .sheetlayout import MAX_HEADER_ROW
from .spreadsheet import SUFFIXES, Sheet, Workbook, read
from .tableimport import ImportedTable, read_table
from .yamlwrite import FlowMap, dump, write_all


@dataclass(frozen=True)
class Imported:
    written: tuple[Path, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Planned:
    target: Path
    data: dict[str, Any]
    cells: Cells


def import_file(
    kind: str,
    source: Path,
    content_dir: Path,
    *,
    options: dict[str, str] | None = None,
    sets: tuple[str, ...] = (),
    output: Path | None = None,
    force: bool = False,
    sheet: str | None = None,
    dry_run: bool = False,
    commune_phones: tuple[str, ...] = (),
) -> Imported:
    """Import `source` as content of `kind` under `content_dir`; write only when nothing blocks."""
    if kind not in IMPORT_KINDS:
        raise ImportUsageError(f"không nhập được loại '{kind}'; chọn: {', '.join(IMPORT_KINDS)}")
    if not source.is_file():
        raise ImportUsageError(f"không thấy tệp {source}")
    if source.suffix.lower() not in SUFFIXES:
        loc = SourceLocation(str(source))
        return Imported(
            (), (problem("import-file-type", loc, suffix=source.suffix or "(không có)"),)
        )
    given = envelope.from_options(kind, options or {}, sets)
    book, problems = read(source)
    if book is None:
        return Imported((), tuple(problems))
    info = [s for s in book.sheets if envelope.is_info_sheet(s)]
    sheets = [s for s in book.sheets if s not in info]
    if sheet is not None:
        sheets = [s for s in sheets if s.name.strip().lower() == sheet.strip().lower()]
        if not sheets:
            names = ", ".join(s.name for s in book.sheets)
            raise ImportUsageError(f"tệp không có trang '{sheet}'; các trang: {names}")
    if kind in ("budget", "land-use"):
        planned, found = _tables(kind, book, sheets, info, given, content_dir)
    else:
        planned, found = _rows(kind, book, sheets, info, given, content_dir)
    problems.extend(found)
    if output is not None:
        planned = _redirect(planned, output)
    if not has_blocking(problems):
        for plan in planned:
            problems.extend(
                final_check(kind, plan.target, plan.data, plan.cells, content_dir, commune_phones)
            )
    texts = {p.target: dump(kind, p.data, p.target, (f"Nhập từ {source.name}.",)) for p in planned}
    for target in texts:
        if target.exists() and not force:
            problems.append(
                problem("file-exists", SourceLocation(_shown(target)), target=_shown(target))
            )
    if has_blocking(problems) or dry_run:
        return Imported((), tuple(problems))
    write_all(texts)
    return Imported(tuple(texts), tuple(problems))


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _redirect(planned: list[_Planned], output: Path) -> list[_Planned]:
    if len(planned) == 1 and output.suffix in (".yml", ".yaml"):
        return [replace(planned[0], target=output)]
    return [replace(p, target=output / p.target.name) for p in planned]


# Tables: budget and land-use ---------------------------------------------------------------


def _tables(
    kind: str,
    book: Workbook,
    sheets: list[Sheet],
    info: list[Sheet],
    given: dict[str, tuple[str, SourceLocation]],
    content_dir: Path,
) -> tuple[list[_Planned], list[Problem]]:
    problems: list[Problem] = []
    skipped: list[Problem] = []  # said only when another sheet was read
    tables: list[ImportedTable] = []
    cells: Cells = {}
    for sheet in sheets:
        table, found = read_table(book, sheet)
        problems.extend(found)
        if table is None:
            skipped.append(_skipped(book, sheet, kind))
            continue
        for path, loc in table.cells.items():
            cells[("tables", len(tables), *path)] = loc
        tables.append(table)
    if not tables:
        return [], [*problems, _no_header(book, kind)]
    problems.extend(skipped)
    hints = envelope.hints(kind, [t.block for t in tables])
    meta, meta_cells, found = envelope.read(kind, book, info, given, hints)
    problems.extend(found)
    data = {**meta, "tables": [t.data for t in tables]}
    cells.update(meta_cells)
    target = content_dir / BY_NAME[kind].folder / envelope.file_name(kind, meta)
    return [_Planned(target, data, cells)], problems


def _skipped(book: Workbook, sheet: Sheet, kind: str) -> Problem:
    loc = SourceLocation(book.path, None, None, sheet.ref(1, 1))
    return problem("import-sheet-skipped", loc, sheet=sheet.name, what=KIND_TITLES[kind], kind=kind)


def _no_header(book: Workbook, kind: str) -> Problem:
    first = book.sheets[0] if book.sheets else Sheet("Sheet1", ())
    if kind in ("budget", "land-use"):
        columns = "STT, Nội dung (hoặc Chỉ tiêu) và các cột số liệu"
    else:
        columns = ", ".join(f.title for f in row_fields(kind) if f.required)
    return problem(
        "import-header-missing",
        SourceLocation(book.path, None, None, first.ref(1, 1)),
        what=KIND_TITLES[kind],
        rows=MAX_HEADER_ROW,
        columns=columns,
        kind=kind,
    )


# Rows: officials, poverty, procedures, documents ------------------------------------------


def _rows(
    kind: str,
    book: Workbook,
    sheets: list[Sheet],
    info: list[Sheet],
    given: dict[str, tuple[str, SourceLocation]],
    content_dir: Path,
) -> tuple[list[_Planned], list[Problem]]:
    problems: list[Problem] = []
    skipped: list[Problem] = []  # said only when another sheet was read
    items: list[Item] = []
    read_any = False
    for sheet in sheets:
        rows, found = read_list(kind, book, sheet)
        problems.extend(found)
        if rows is None:
            skipped.append(_skipped(book, sheet, kind))
            continue
        read_any = True
        items.extend(rows)
    if not read_any:
        return [], [*problems, _no_header(book, kind)]
    problems.extend(skipped)
    folder = content_dir / BY_NAME[kind].folder
    if kind in LIST_KEYS:
        key = LIST_KEYS[kind]
        cells: Cells = {}
        rows_out = []
        for i, (item, item_cells) in enumerate(items):
            rows_out.append(FlowMap(item) if kind == "poverty" else item)
            for path, loc in item_cells.items():
                cells[(key, i, *path)] = loc
        data: dict[str, Any] = {}
        if kind == "poverty":
            meta, meta_cells, found = envelope.read(kind, book, info, given, {})
            problems.extend(found)
            data.update(meta)
            cells.update(meta_cells)
        data[key] = rows_out
        name = envelope.file_name(kind, data)
        return [_Planned(folder / name, data, cells)], problems
    planned: list[_Planned] = []
    seen: dict[Path, SourceLocation] = {}
    for item, item_cells in items:
        if kind == "procedures":
            item.setdefault("code", "")
            stem = envelope.file_slug(str(item.get("name", "")))
        elif kind == "questions":  # 2024-01-08-cap-doi-giay-chung-nhan
            words = str(item.get("title") or item.get("question", "")).split()[:7]
            received = str(item.get("received_on", ""))[:10]
            stem = "-".join(x for x in (received, envelope.file_slug(" ".join(words))) if x)
        else:
            year = str(item.get("issued_on", ""))[:4]
            stem = "-".join(x for x in (envelope.file_slug(str(item.get("number", ""))), year) if x)
        target = folder / f"{stem or 'khong-ten'}.yml"
        row_loc = item_cells[()]
        if target in seen:
            problems.append(
                problem(
                    "import-duplicate-file",
                    row_loc,
                    target=_shown(target),
                    other=seen[target].cell or seen[target].path,
                )
            )
            continue
        seen[target] = row_loc
        planned.append(_Planned(target, item, item_cells))
    return planned, problems
