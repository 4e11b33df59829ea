"""`congkhai import`, `template` and `new`: parse, call one function, print, exit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import Problem, has_blocking

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _print(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        print(p.render(), file=sys.stderr)


def _usage(message: str) -> int:
    print(f"congkhai: lỗi cách dùng: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return _import(args)
    if args.command == "template":
        return _template(args)
    return _new(args)


def _commune_phones(config: Path) -> tuple[str, ...]:
    """The commune's own phone numbers, which may appear in any content."""
    if not config.is_file():
        return ()
    from .config import ConfigError, load_config

    try:
        loaded = load_config(config)
    except ConfigError:
        return ()
    return tuple(p for p in (loaded.phone, loaded.fax) if p)


def _import(args: argparse.Namespace) -> int:
    from .envelope import OPTIONS, ImportUsageError
    from .importer import import_file

    options = {
        name: value
        for name in OPTIONS
        if (value := getattr(args, name.replace("-", "_"))) is not None
    }
    content = args.content or args.config.parent / "content"
    try:
        result = import_file(
            args.kind,
            args.file,
            content,
            options=options,
            sets=tuple(args.set),
            output=args.output,
            force=args.force,
            sheet=args.sheet,
            dry_run=args.dry_run,
            commune_phones=_commune_phones(args.config),
        )
    except ImportUsageError as err:
        return _usage(str(err))
    _print(result.problems)
    if has_blocking(result.problems):
        count = sum(1 for p in result.problems if p.blocking)
        print(f"Không ghi tệp nào: có {count} lỗi cần sửa trong {args.file}.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.dry_run:
        print(f"Kiểm tra xong {args.file}: không có lỗi. Chưa ghi tệp nào (--dry-run).")
        return EXIT_OK
    for path in result.written:
        print(f"Đã ghi {path}")
    print("Tiếp theo: chạy 'congkhai check' để kiểm tra toàn bộ nội dung.")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from .xlsx_template import write_template

    target = args.output or Path(f"mau-{args.kind}.xlsx")
    problems = write_template(args.kind, target, force=args.force)
    _print(problems)
    if has_blocking(problems):
        return EXIT_PROBLEMS
    print(f"Đã tạo {target}. Điền từ dòng dưới dòng hướng dẫn, rồi chạy:")
    print(f"  congkhai import {args.kind} {target}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .scaffold import default_target, write_skeleton

    target = args.output or default_target(args.kind, args.content, args.name)
    problems = write_skeleton(args.kind, target, force=args.force)
    _print(problems)
    if has_blocking(problems):
        return EXIT_PROBLEMS
    print(f"Đã tạo {target}. Điền các trường (bắt buộc), rồi chạy: congkhai check")
    return EXIT_OK
