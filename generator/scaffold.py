"""`congkhai new`: a content file with every field of the kind's schema explained in comments.

The skeleton is generated from the JSON Schema, so it always lists the fields the checker
accepts, with their Vietnamese titles and descriptions. Required fields are written with an
empty value for staff to fill (`congkhai check` points at any left empty); optional fields
are written commented out, ready to use by deleting the '# ' in front.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from .columns import resolve
from .kinds import BY_NAME
from .problems import Problem, SourceLocation, problem
from .schema import load_schema
from .yamlwrite import modeline, write_all

WIDTH = 96


def default_target(kind: str, content_dir: Path, name: str | None) -> Path:
    k = BY_NAME[kind]
    if k.singleton:
        return content_dir / k.folder / k.singleton
    stem = (name or "moi").removesuffix(".yml").removesuffix(".yaml")
    return content_dir / k.folder / f"{stem}.yml"


def write_skeleton(kind: str, target: Path, force: bool = False) -> list[Problem]:
    if target.exists() and not force:
        return [problem("file-exists", SourceLocation(target.as_posix()), target=target.as_posix())]
    write_all({target: skeleton(kind, target)})
    return []


def skeleton(kind: str, target: Path, optional_commented: bool = True) -> str:
    """The commented YAML skeleton of `kind` for a file at `target`."""
    root = load_schema(kind)
    lines = [
        modeline(kind, target),
        f"# {root.get('title', kind)}",
        *_wrap(root.get("description", ""), ""),
        "#",
        '# Cách điền: thay "" bằng nội dung; trường (bắt buộc) phải có giá trị. Trường không',
        "# bắt buộc đang tắt bằng dấu '# ' ở đầu dòng: muốn dùng thì xoá '# '. Ngày ghi",
        "# 2024-12-31 hoặc 31/12/2024. Đoạn văn dài viết sau 'tên_trường: |' ở các dòng dưới,",
        "# thụt lề hai dấu cách. Kiểm tra bằng lệnh: congkhai check",
        "",
    ]
    _object(root, lines, "", not optional_commented, top=True)
    return "\n".join(lines).rstrip() + "\n"


def _wrap(text: str, pad: str) -> list[str]:
    return [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - len(pad) - 2)] if text else []


def _explain(key: str, node: dict[str, Any], required: bool, pad: str) -> list[str]:
    title = node.get("title", key)
    need = "bắt buộc" if required else "không bắt buộc"
    text = f"{title} ({need})."
    description = node.get("description", "")
    if description and description != title:
        text += " " + description
    return _wrap(text, pad)


def _object(
    node: dict[str, Any], lines: list[str], pad: str, show_all: bool, top: bool = False
) -> None:
    node = resolve(node)
    required = set(node.get("required", []))
    for key, raw in node.get("properties", {}).items():
        prop = resolve(raw)
        is_required = key in required
        if top:
            lines.append("")
        lines.extend(_explain(key, prop, is_required, pad))
        off = "" if is_required or show_all else "# "
        lines.extend(f"{pad}{off}{line}" for line in _field(key, prop, show_all))


def _field(key: str, node: dict[str, Any], show_all: bool) -> list[str]:
    """The lines of one field (without the comment that explains it)."""
    if "oneOf" in node:
        node = resolve(node["oneOf"][0])
    kind = node.get("type")
    if "properties" in node:
        inner: list[str] = []
        _object(node, inner, "  ", show_all)
        return [f"{key}:", *inner]
    if kind == "array":
        items = resolve(node.get("items", {}))
        if items.get("$defs") or key == "tables" or "columns" in items.get("properties", {}):
            return [f"{key}:", *_table_lines()]
        if "properties" in items:
            inner = []
            _object(items, inner, "    ", show_all)
            return [f"{key}:", "  -", *inner]
        return [f"{key}:", '  - ""']
    return [f"{key}: {_placeholder(node)}".rstrip()]


def _placeholder(node: dict[str, Any]) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        kind = "string" if "string" in kind else kind[0]
    if kind in ("integer", "number"):
        return ""
    if kind == "boolean":
        return "false"
    return '""'


def _table_lines() -> list[str]:
    """A table skeleton: the common table schema is too general to write field by field."""
    common = load_schema("common")["$defs"]
    table = common["table"]["properties"]
    return [
        "  -",
        *_wrap(
            f"{table['form']['title']} (không bắt buộc). {table['form']['description']}", "    "
        ),
        '    # form: ""',
        *_wrap(f"{table['title']['title']} (bắt buộc).", "    "),
        '    title: ""',
        *_wrap(
            f"{table['unit']['title']} (không bắt buộc). {table['unit']['description']}", "    "
        ),
        '    # unit: ""',
        *_wrap(
            f"{table['columns']['title']} (bắt buộc): hai cột đầu luôn là STT và Nội dung; "
            "type: text (chữ), amount (số), percent (tỷ lệ %, of: [cột tử số, cột mẫu số]).",
            "    ",
        ),
        "    columns:",
        "      - {title: STT, type: text}",
        "      - {title: Nội dung, type: text}",
        '      - {title: "Dự toán năm", type: amount}',
        *_wrap(
            f"{table['rows']['title']} (bắt buộc): mỗi dòng một danh sách ô theo thứ tự cột; "
            "STT theo mẫu A, B; I, II; 1, 2; 1.1; ô trống ghi null; dòng có dòng con phải "
            "bằng tổng các dòng con.",
            "    ",
        ),
        "    rows:",
        '      - ["A", "", null]',
    ]
