"""The `congkhai` command: parse, call one function, print, exit.

Exit codes (DESIGN.md contract): 0 success, 1 blocking content problems, 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

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
    b.add_argument("--out", type=Path, default=Path("site"), help="thư mục xuất (mặc định site/)")
    b.add_argument(
        "--docs-dir",
        type=Path,
        default=None,
        help="giữ lại dự án MkDocs (mkdocs.yml và docs/) ở thư mục này",
    )

    c = sub.add_parser("check", help="báo cáo nội dung thiếu, chậm, sai hoặc không được công khai")
    common(c)
    c.add_argument(
        "--format", choices=("text", "json", "md"), default="text", help="định dạng báo cáo"
    )

    s = sub.add_parser("serve", help="xem trước trang tại http://127.0.0.1:8000")
    common(s)
    s.add_argument("--port", type=int, default=8000)
    _staff_commands(sub)
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


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_USAGE
    if args.command in ("import", "template", "new"):
        from .staff_commands import run

        return run(args)
    as_of = args.as_of or date.today()
    try:
        if args.command == "build":
            return _build(args, as_of)
        if args.command == "check":
            return _check(args, as_of)
        if args.command == "serve":
            from .serve import serve

            return serve(args.config, as_of, args.port)
    except ConfigError as err:
        _print_problems(err.problems)
        return EXIT_USAGE
    return EXIT_USAGE


def _check(args: argparse.Namespace, as_of: date) -> int:
    from .build import blocks, check
    from .report import render_markdown, render_text, to_json

    checked = check(args.config, as_of)
    if args.format == "json":
        print(json.dumps(to_json(checked.report), ensure_ascii=False, indent=2))
    elif args.format == "md":
        print(render_markdown(checked.report))
    else:
        print(render_text(checked.report))
    return EXIT_PROBLEMS if blocks(checked.problems, args.strict) else EXIT_OK


def _build(args: argparse.Namespace, as_of: date) -> int:
    from .build import blocks, build

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
    return EXIT_OK
