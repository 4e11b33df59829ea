"""The province commands: `congkhai build --commune/--all` and `congkhai province …`.

    congkhai build --all [--jobs N] [--shard I/N] [--province F] [--out DIR] [--reports DIR]
    congkhai build --commune SLUG [--province F] …
    congkhai province merge [REPORT …] [--sites DIR …] [--province F] [--out DIR]
    congkhai province list [--shard I/N] [--format text|json]

Without --commune or --all, `congkhai build` builds the single commune of site_config.yml
exactly as before; province.yml is never read.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from . import dashboard
from .problems import Problem, SourceLocation, problem
from .province import (
    DASHBOARD_DIR,
    CommuneEntry,
    Province,
    find_province,
    load_province,
    parse_shard,
    shard,
)
from .province_build import Outcome, build_communes
from .publish import staging

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _shard(text: str) -> tuple[int, int]:
    try:
        return parse_shard(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' phải là số nguyên từ 1 trở lên")
    return int(text)


def _province_option(cmd: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    cmd.add_argument(
        "--province",
        type=Path,
        default=None,
        metavar="TỆP",
        help="danh sách xã của tỉnh (mặc định province.yml, hoặc province/province.yml)",
    )


def add_build_options(b: argparse.ArgumentParser) -> None:
    """The province options of `congkhai build`."""
    g = b.add_argument_group("nhiều xã của một tỉnh (province.yml)")
    which = g.add_mutually_exclusive_group()
    which.add_argument("--commune", metavar="MÃ_XÃ", help="dựng một xã trong danh sách của tỉnh")
    which.add_argument("--all", action="store_true", help="dựng mọi xã trong danh sách của tỉnh")
    g.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N", help="số xã dựng song song (mặc định 1)"
    )
    g.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="SỐ/TỔNG",
        help="chỉ dựng phần SỐ trong TỔNG phần của danh sách (chia việc cho nhiều máy CI)",
    )
    g.add_argument(
        "--reports",
        type=Path,
        default=None,
        metavar="THƯ_MỤC",
        help="thư mục ghi kết quả dựng của từng xã (mặc định reports/ cạnh province.yml)",
    )
    _province_option(g)


def add_commands(sub: argparse._SubParsersAction[Any]) -> None:
    """`congkhai province merge` and `congkhai province list`."""
    p = sub.add_parser("province", help="trang tổng hợp của tỉnh: gộp báo cáo, liệt kê các xã")
    actions = p.add_subparsers(dest="province_command", metavar="VIỆC", parser_class=type(p))
    m = actions.add_parser(
        "merge",
        help="gộp báo cáo các xã (dựng ở máy khác) thành bảng tổng hợp của tỉnh",
        description="Đọc báo cáo JSON của các xã và ghi trang chủ, bảng tổng hợp "
        f"({DASHBOARD_DIR}/ và {DASHBOARD_DIR}.json) của trang tỉnh.",
    )
    m.add_argument(
        "paths",
        metavar="BÁO_CÁO",
        nargs="*",
        type=Path,
        help="tệp báo cáo hoặc thư mục chứa chúng (mặc định reports/ cạnh province.yml)",
    )
    m.add_argument(
        "--sites",
        type=Path,
        action="append",
        default=[],
        metavar="THƯ_MỤC",
        help="thư mục chứa trang đã dựng của các xã (MÃ_XÃ/): chuyển từng xã vào --out",
    )
    m.add_argument(
        "--out", type=Path, default=None, help="trang của tỉnh (mặc định site/ cạnh province.yml)"
    )
    _province_option(m)
    ls = actions.add_parser("list", help="liệt kê mã các xã (theo phần --shard nếu có)")
    ls.add_argument("--shard", type=_shard, default=None, metavar="SỐ/TỔNG")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    _province_option(ls)


def misused(args: argparse.Namespace) -> str | None:
    """Why the province options of `congkhai build` cannot be used as given, if so."""
    if args.commune or args.all:
        return None
    given = [
        name
        for name, value in (
            ("--jobs", args.jobs != 1),
            ("--shard", args.shard),
            ("--reports", args.reports),
            ("--province", args.province),
        )
        if value
    ]
    if given:
        return f"{', '.join(given)} chỉ dùng cùng --commune MÃ_XÃ hoặc --all"
    return None


# --- helpers ----------------------------------------------------------------------------


def _defaults(province: Province, out: Path | None, reports: Path | None) -> tuple[Path, Path]:
    here = province.path.parent
    return out or here / "site", reports or here / "reports"


def located(p: Problem, folder: Path) -> Problem:
    """The problem with its path from here (the commune's folder first), for logs and editors."""
    loc = p.location
    if loc is None or Path(loc.path).is_absolute():
        return p
    if not (loc.path.startswith("content/") or loc.path == "site_config.yml"):
        return p
    path = (folder / loc.path).as_posix()
    return replace(p, location=SourceLocation(path, loc.line, loc.field, loc.cell))


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _print_outcome(outcome: Outcome, out_root: Path) -> None:
    e = outcome.entry
    warnings = sum(1 for p in outcome.problems if p.severity.value == "warning")
    if outcome.built:
        note = f"; {warnings} cảnh báo, xem: congkhai check --config {e.config}" if warnings else ""
        print(
            f"✓ {e.name} ({e.slug}): đã dựng vào {out_root / e.slug}/ "
            f"({_seconds(outcome.seconds)} giây{note}).",
            flush=True,
        )
        return
    blocking = outcome.blocking
    print(
        f"✗ {e.name} ({e.slug}): không dựng: {len(blocking)} lỗi cần sửa. "
        f"Trang cũ trong {out_root / e.slug}/ (nếu có) được giữ nguyên.",
        flush=True,
    )
    for p in blocking:
        print(located(p, e.folder).render(), file=sys.stderr, flush=True)


# --- build --commune / --all -------------------------------------------------------------


def build(args: argparse.Namespace, as_of: date) -> int:
    province = load_province(find_province(args.province))
    out_root, reports = _defaults(province, args.out, args.reports)
    if args.commune:
        entries: tuple[CommuneEntry, ...] = (province.commune(args.commune),)
    else:
        entries = province.communes
    if args.shard:
        index, total = args.shard
        entries = tuple(e for e in shard(province.communes, index, total) if e in entries)
    share = f", phần {args.shard[0]}/{args.shard[1]}" if args.shard else ""
    print(
        f"Tỉnh {province.name}: dựng {len(entries)} xã{share} ({args.jobs} xã song song), "
        f"đánh giá ngày {as_of.strftime('%d/%m/%Y')}.",
        flush=True,
    )
    outcomes = build_communes(
        entries,
        out_root,
        reports,
        as_of,
        strict=args.strict,
        jobs=args.jobs,
        on_done=lambda o: _print_outcome(o, out_root),
    )
    failed = [o.entry.slug for o in outcomes if not o.built]
    summary = f"Kết quả: {len(outcomes) - len(failed)} xã đã dựng"
    summary += f", {len(failed)} xã có lỗi ({', '.join(failed)})." if failed else "."
    print(summary)
    if args.shard:
        print(
            f"Kết quả từng xã ở {reports}/; bảng tổng hợp được ghi ở bước gộp "
            "(congkhai province merge)."
        )
    else:
        _merge_and_print(province, [reports], out_root)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _merge_and_print(
    province: Province, paths: list[Path], out_root: Path, given: bool = False
) -> list[Problem]:
    """Write the dashboard from the reports under `paths`; problems with those reports.

    `given`: the paths were named on the command line, so a missing path or a report of
    a commune the province does not list is a mistake worth saying.
    """
    from . import dashboard_pages  # Jinja2 and the templates: only when writing pages

    sources, problems = dashboard.collect(p for p in paths if p.exists())
    if given:
        known = {e.slug for e in province.communes}
        problems += [
            problem("report-unreadable", SourceLocation(str(p)), value=str(p),
                    detail="không có tệp hoặc thư mục này")
            for p in paths
            if not p.exists()
        ]  # fmt: skip
        problems += [
            problem("report-unreadable", SourceLocation(s.path), value=Path(s.path).name,
                    detail=f"không có xã mã '{s.slug}' trong {province.path}")
            for s in sources
            if s.slug not in known
        ]  # fmt: skip
    rows = dashboard.rows(province, sources, out_root)
    dashboard_pages.write(out_root, province, rows)
    for p in problems:
        print(p.render(), file=sys.stderr)
    shown = sum(1 for r in rows if r.figures is not None)
    print(
        f"Bảng tổng hợp: {out_root / DASHBOARD_DIR}/ ({shown}/{len(rows)} xã có số liệu); "
        f"trang của tỉnh: {out_root}/index.html."
    )
    return problems


# --- province merge / list ---------------------------------------------------------------


def run(args: argparse.Namespace, as_of: date) -> int:
    if args.province_command is None:
        print("congkhai province: cần một việc: merge hoặc list.", file=sys.stderr)
        return EXIT_USAGE
    province = load_province(find_province(args.province))
    if args.province_command == "list":
        entries = province.communes
        if args.shard:
            entries = shard(entries, *args.shard)
        slugs = [e.slug for e in entries]
        print(json.dumps(slugs) if args.format == "json" else "\n".join(slugs))
        return EXIT_OK
    out_root, reports = _defaults(province, args.out, None)
    moved = 0
    for folder in args.sites:
        moved += move_sites(province, folder, out_root)
    if args.sites:
        print(f"Đã chuyển trang của {moved} xã vào {out_root}/.")
    problems = _merge_and_print(province, args.paths or [reports], out_root, bool(args.paths))
    return EXIT_PROBLEMS if problems else EXIT_OK


def move_sites(province: Province, folder: Path, out_root: Path) -> int:
    """Swap each built commune site `folder/SLUG/` into `out_root/SLUG/`, one at a time."""
    count = 0
    for entry in province.communes:
        source = folder / entry.slug
        if not source.is_dir():
            continue
        with staging(out_root / entry.slug) as tmp:
            os.rmdir(tmp)
            try:
                os.rename(source, tmp)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                shutil.copytree(source, tmp)
        count += 1
    return count
