"""The `congkhai` command: parse, call one function, print, exit.

Exit codes (DESIGN.md contract): 0 success, 1 blocking content problems, 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from . import __version__
from .config import ConfigError
from .problems import Problem
from .values import parse_date

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"congkhai: lỗi cách dùng: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _as_of(text: str) -> date:
    parsed = parse_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải là ngày (ghi 2026-11-27 hoặc 27/11/2026)"
        )
    return parsed


def _period(text: str) -> Any:
    from .periodic_report import parse_period

    found = parse_period(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải là kỳ báo cáo (ghi 2024-H1, 2024-H2 hoặc 2024)"
        )
    return found


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="congkhai",
        description=(
            "Kiểm tra nội dung công khai của xã theo quy định pháp luật "
            "và dựng trang thông tin tĩnh."
        ),
    )
    p.add_argument("--version", action="version", version=f"congkhai {__version__}")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    def common(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument(
            "--config",
            type=Path,
            default=Path("site_config.yml"),
            help="tệp cấu hình (mặc định site_config.yml)",
        )
        cmd.add_argument(
            "--as-of", type=_as_of, default=None, help="đánh giá tại ngày này (mặc định hôm nay)"
        )
        cmd.add_argument("--strict", action="store_true", help="coi cảnh báo như lỗi")

    b = sub.add_parser("build", help="kiểm tra và dựng trang vào site/")
    common(b)
    b.add_argument(
        "--out",
        type=Path,
        default=None,
        help="thư mục xuất (mặc định site/; với --commune, --all: site/ cạnh province.yml)",
    )
    b.add_argument(
        "--docs-dir",
        type=Path,
        default=None,
        help="giữ lại dự án MkDocs (mkdocs.yml và docs/) ở thư mục này",
    )

    from .province_cli import add_build_options, add_commands

    add_build_options(b)
    c = sub.add_parser("check", help="báo cáo nội dung thiếu, chậm, sai hoặc không được công khai")
    common(c)
    c.add_argument(
        "--format", choices=("text", "json", "md"), default="text", help="định dạng báo cáo"
    )

    r = sub.add_parser(
        "report",
        help="viết báo cáo công khai 6 tháng hoặc năm (Markdown và .docx)",
        description="Viết phần công khai thông tin của báo cáo 6 tháng hoặc năm: nội dung đã "
        "công khai (ngày, hình thức, đúng hạn hay chậm), câu hỏi của người dân đã nhận và đã "
        "trả lời, tình trạng từng nhiệm vụ của kế hoạch kèm minh chứng. Số liệu tính đến hết "
        "kỳ báo cáo.",
    )
    r.add_argument(
        "--period",
        required=True,
        type=_period,
        metavar="KỲ",
        help="2024-H1 (6 tháng đầu năm), 2024-H2 (6 tháng cuối năm) hoặc 2024 (cả năm)",
    )
    r.add_argument(
        "--config",
        type=Path,
        default=Path("site_config.yml"),
        help="tệp cấu hình (mặc định site_config.yml)",
    )
    r.add_argument(
        "--out", type=Path, default=Path("bao-cao"), help="thư mục ghi báo cáo (mặc định bao-cao/)"
    )
    r.add_argument("--date", type=_as_of, default=None, help="ngày báo cáo (mặc định hôm nay)")
    r.add_argument(
        "--number", default="", help="số báo cáo, ví dụ 45/BC-UBND (để trống để văn thư điền)"
    )

    s = sub.add_parser("serve", help="xem trước trang tại http://127.0.0.1:8000")
    common(s)
    s.add_argument("--port", type=int, default=8000)
    _staff_commands(sub)
    add_commands(sub)
    return p


def _staff_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """import, template and new: the commands staff use to add content."""
    from .columns import IMPORT_KINDS, KIND_TITLES
    from .envelope import OPTIONS
    from .kinds import KINDS

    kinds = "\n".join(f"  {k:<11} {KIND_TITLES[k]}" for k in IMPORT_KINDS)
    i = sub.add_parser(
        "import",
        help="nhập bảng Excel (.xlsx) hoặc CSV thành tệp nội dung",
        description="Nhập bảng Excel (.xlsx, .xls, .ods) hoặc CSV thành tệp nội dung trong "
        f"content/. Có lỗi thì không ghi tệp nào.\n\nLOẠI là một trong:\n{kinds}",
        epilog="Ví dụ:\n  congkhai import poverty ho-ngheo-2025.xlsx\n"
        "  congkhai import budget du-toan-2025.xlsx --year 2025 --package 'dự toán'\n"
        "Hướng dẫn đầy đủ: HUONG-DAN.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("kind", metavar="LOẠI", choices=IMPORT_KINDS, help=", ".join(IMPORT_KINDS))
    i.add_argument("file", metavar="TỆP", type=Path, help="tệp .xlsx, .xls, .ods hoặc .csv")
    i.add_argument(
        "--config", type=Path, default=Path("site_config.yml"), help="tệp cấu hình của xã"
    )
    i.add_argument(
        "--content", type=Path, default=None, help="thư mục nội dung (mặc định content/)"
    )
    i.add_argument(
        "--output",
        type=Path,
        default=None,
        help="ghi ra tệp khác chỗ mặc định (thư mục, với procedures và documents)",
    )
    i.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    i.add_argument("--sheet", default=None, help="chỉ nhập trang (sheet) có tên này")
    i.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi tệp")
    meta = i.add_argument_group(
        "thông tin công khai (budget, poverty, land-use; thay cho trang 'Thông tin')"
    )
    for name, (keys, text) in OPTIONS.items():
        meta.add_argument(f"--{name}", metavar="GIÁ_TRỊ", help=f"{text} [{', '.join(keys)}]")
    meta.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="TRƯỜNG=GIÁ_TRỊ",
        help="trường khác, ví dụ --set announcement.number=12/QĐ-UBND",
    )

    t = sub.add_parser("template", help="tạo tệp Excel mẫu để điền rồi nhập")
    t.add_argument("kind", metavar="LOẠI", choices=IMPORT_KINDS, help=", ".join(IMPORT_KINDS))
    t.add_argument("--output", type=Path, default=None, help="tên tệp (mặc định mau-LOẠI.xlsx)")
    t.add_argument("--force", action="store_true", help="ghi đè tệp đã có")

    all_kinds = [k.name for k in KINDS]
    n = sub.add_parser("new", help="tạo tệp nội dung mới có chú thích từng trường")
    n.add_argument("kind", metavar="LOẠI", choices=all_kinds, help=", ".join(all_kinds))
    n.add_argument("name", metavar="TÊN", nargs="?", default=None, help="tên tệp (mặc định moi)")
    n.add_argument("--content", type=Path, default=Path("content"), help="thư mục nội dung")
    n.add_argument("--output", type=Path, default=None, help="đường dẫn tệp cần tạo")
    n.add_argument("--force", action="store_true", help="ghi đè tệp đã có")


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        print(p.render(), file=sys.stderr)


def run() -> None:
    """The `congkhai` command: main(), then exit without tearing down the heap.

    Freeing a big commune's content object by object takes a noticeable part of a second
    and serves nothing when the process ends; output is flushed first (as mypy does).
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_USAGE
    if args.command in ("import", "template", "new"):
        from .staff_commands import run

        return run(args)
    as_of = getattr(args, "as_of", None) or date.today()
    if args.command == "build":
        from .province_cli import misused

        if message := misused(args):
            parser().error(message)
    try:
        if args.command == "build" and (args.commune or args.all):
            from .province_cli import build as build_province

            return build_province(args, as_of)
        if args.command == "build":
            return _build(args, as_of)
        if args.command == "province":
            from .province_cli import run as run_province

            return run_province(args, as_of)
        if args.command == "check":
            return _check(args, as_of)
        if args.command == "report":
            return _report(args, args.date or date.today())
        if args.command == "serve":
            from .serve import serve

            return serve(args.config, as_of, args.port)
    except ConfigError as err:
        _print_problems(err.problems)
        return EXIT_USAGE
    return EXIT_USAGE


def _check(args: argparse.Namespace, as_of: date) -> int:
    from .checking import blocks, check
    from .report import render_markdown, render_text, to_json

    checked = check(args.config, as_of, outlines=True)  # renders nothing
    if args.format == "json":
        # orjson writes what json.dumps(indent=2, ensure_ascii=False) writes, ten times faster
        # (the report of a big commune is megabytes).
        sys.stdout.write(orjson.dumps(to_json(checked.report), option=orjson.OPT_INDENT_2).decode())
        sys.stdout.write("\n")
    elif args.format == "md":
        print(render_markdown(checked.report))
    else:
        print(render_text(checked.report))
    return EXIT_PROBLEMS if blocks(checked.problems, args.strict) else EXIT_OK


def _report(args: argparse.Namespace, report_date: date) -> int:
    from .periodic_report import write

    period = args.period
    if report_date < period.start:
        print(
            f"congkhai: lỗi cách dùng: kỳ {period.code} chưa bắt đầu vào ngày báo cáo "
            f"{report_date.strftime('%d/%m/%Y')}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    written = write(args.config, period, args.out, report_date, args.number)
    if written.problems:
        _print_problems(written.problems)
        print(
            f"Không viết báo cáo: có {len(written.problems)} lỗi trong nội dung cần sửa trước "
            "(số liệu của các tệp lỗi sẽ bị thiếu).",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    for path in written.files:
        print(f"Đã ghi {path}")
    return EXIT_OK


def _build(args: argparse.Namespace, as_of: date) -> int:
    from .build import blocks, build

    args.out = args.out or Path("site")
    result = build(args.config, args.out, as_of, strict=args.strict, docs_dir=args.docs_dir)
    problems = result.checked.problems
    _print_problems(problems)
    if not result.built:
        print(
            f"Không dựng trang: có {sum(1 for p in problems if p.blocking)} lỗi cần sửa. "
            f"Trang cũ trong {args.out}/ được giữ nguyên.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS if blocks(problems, args.strict) else EXIT_USAGE
    print(f"Đã dựng trang vào {args.out}/ (đánh giá ngày {as_of.strftime('%d/%m/%Y')}).")
    manifest = Path(args.out) / "manifest.json"
    if manifest.is_file():
        digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
        print(f"Mã SHA-256 của {args.out}/manifest.json: {digest}")
    return EXIT_OK
