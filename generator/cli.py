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
        raise argparse.ArgumentTypeError(f"'{text}' không phải là ngày (ghi 2026-11-27 hoặc 27/11/2026)")
    return parsed


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="congkhai",
        description="Kiểm tra nội dung công khai của xã theo quy định pháp luật và dựng trang thông tin tĩnh.",
    )
    p.add_argument("--version", action="version", version=f"congkhai {__version__}")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    def common(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("--config", type=Path, default=Path("site_config.yml"), help="tệp cấu hình (mặc định site_config.yml)")
        cmd.add_argument("--as-of", type=_as_of, default=None, help="đánh giá tại ngày này (mặc định hôm nay)")
        cmd.add_argument("--strict", action="store_true", help="coi cảnh báo như lỗi")

    b = sub.add_parser("build", help="kiểm tra và dựng trang vào site/")
    common(b)
    b.add_argument("--out", type=Path, default=Path("site"), help="thư mục xuất (mặc định site/)")
    b.add_argument("--docs-dir", type=Path, default=None, help="giữ lại dự án MkDocs (mkdocs.yml và docs/) ở thư mục này")

    c = sub.add_parser("check", help="báo cáo nội dung thiếu, chậm, sai hoặc không được công khai")
    common(c)
    c.add_argument("--format", choices=("text", "json", "md"), default="text", help="định dạng báo cáo")

    s = sub.add_parser("serve", help="xem trước trang tại http://127.0.0.1:8000")
    common(s)
    s.add_argument("--port", type=int, default=8000)
    return p


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        print(p.render(), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_USAGE
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
