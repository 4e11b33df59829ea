"""Check content against the published JSON Schemas and say what is wrong in Vietnamese.

The schemas in generator/schemas/ are the same files editors use (VS Code's YAML
extension reads the `$schema` modeline at the top of each content file), so staff see the
same rules while typing as `congkhai check` applies.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .problems import Problem, SourceLocation, problem
from .yamlsource import LineMap

if TYPE_CHECKING:  # imported when first needed: most runs never explain a rejected file
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SCHEMA_DIR = Path(__file__).parent / "schemas"

_EXAMPLES = {
    "date": "2024-12-31 hoặc 31/12/2024",
    "amount": "1.234.567",
    "phone": "0221 3812 345",
    "email": "ubnd@nguyentrai.hungyen.gov.vn",
    "url": "https://dichvucong.gov.vn",
    "tthc-code": '1.001193 (hoặc để trống "" nếu chưa xác minh)',
    "path": "files/ten-tep.pdf",
    "domain": "nguyentrai.hungyen.gov.vn",
    "province-domain": "hungyen.gov.vn",
    "slug": "nguyentrai",
    "config-path": "communes/nguyentrai/site_config.yml",
}
_TYPES = {
    "string": "chữ",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách (mỗi dòng bắt đầu bằng '- ')",
    "object": "nhóm trường con",
    "null": "để trống",
}


def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    return data


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources_ = []
    for entry in SCHEMA_DIR.iterdir():
        if entry.name.endswith(".schema.json"):
            contents = json.loads(entry.read_text("utf-8"))
            resources_.append((entry.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources_)


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name), registry=_registry())


def inline_refs(node: Any, base: str) -> Any:
    """The schema with every $ref replaced by what it points at (our schemas have no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            file, _, pointer = str(node["$ref"]).partition("#")
            name = file.removesuffix(".schema.json") if file else base
            target: Any = load_schema(name)
            for part in pointer.strip("/").split("/"):
                if part:
                    target = target[part]
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**inline_refs(target, name), **rest}
        return {k: inline_refs(v, base) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, base) for v in node]
    return node


@cache
def gate(name: str) -> Any:
    """A compiled (Rust) validator of the same schema: a fast yes/no before the details."""
    return jsonschema_rs.validator_for(inline_refs(load_schema(name), name))


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _resolve(error: ValidationError) -> dict[str, Any]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema


def check(name: str, data: Any, lines: LineMap, rel: str) -> list[Problem]:
    """Validate `data` against schema `name`; one Problem per error, located by line."""
    if gate(name).is_valid(data):
        return []
    problems: list[Problem] = []
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        problems.extend(_to_problems(error, lines, rel))
    # The same mistake can surface through several branches (oneOf); say it once.
    unique: dict[tuple[str, str | None, int | None, str], Problem] = {}
    for p in problems:
        loc = p.location
        unique.setdefault(
            (p.code, loc.field if loc else None, loc.line if loc else None, p.message), p
        )
    return list(unique.values())


def _to_problems(error: ValidationError, lines: LineMap, rel: str) -> list[Problem]:
    from .load import _field_name

    path = tuple(error.absolute_path)
    loc = SourceLocation(rel, lines.line(path), _field_name(path))
    schema = _resolve(error)
    kind = error.validator
    if kind == "oneOf" and error.context:
        # Report the branch that got furthest (the deepest error).
        best = max(error.context, key=lambda e: len(e.absolute_path))
        return _to_problems(best, lines, rel)
    if kind == "required":
        name = str(error.message).split("'")[1]
        props = schema.get("properties", {})
        title = props.get(name, {}).get("title", name)
        where = f"nhóm '{_field_name(path)}'" if path else "tệp"
        return [problem("field-required", loc.at(name), name=name, title=title, where=where)]
    if kind == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        instance: Any = error.instance
        extras = sorted(set(instance) - set(schema.get("properties", {})))
        return [
            problem(
                "field-unknown",
                SourceLocation(rel, lines.line((*path, extra)), _field_name((*path, extra))),
                name=extra,
                allowed=allowed,
            )
            for extra in extras
        ]
    fmt = schema.get("x-format")
    if kind == "pattern" and fmt == "date":
        return [problem("date-format", loc, value=_show(error.instance))]
    if kind == "pattern" and fmt == "amount":
        return [problem("amount-format", loc, value=_show(error.instance))]
    if kind == "pattern":
        what = schema.get("title", "yêu cầu")
        return [
            problem(
                "field-format",
                loc,
                value=_show(error.instance),
                what=f"'{what}'",
                example=_EXAMPLES.get(str(fmt), "như mẫu"),
            )
        ]
    if kind == "enum":
        choices = schema.get("description") or ", ".join(map(str, schema["enum"]))
        return [problem("field-choice", loc, value=_show(error.instance), choices=choices)]
    if kind in ("minLength", "minItems"):
        return [problem("field-empty", loc, name=_field_name(path) or "")]
    if kind == "type":
        expected: Any = error.validator_value
        names: list[str] = [expected] if isinstance(expected, str) else list(expected)
        return [
            problem(
                "field-type",
                loc,
                value=_show(error.instance),
                expected=" hoặc ".join(_TYPES.get(n, n) for n in names if n != "null"),
                example=_EXAMPLES.get(str(fmt), _example_for(names)),
            )
        ]
    # minimum, maximum and the rest: a plain range message.
    return [
        problem(
            "field-format",
            loc,
            value=_show(error.instance),
            what=f"'{schema.get('title', _field_name(path))}'",
            example=schema.get("description", "như mẫu"),
        )
    ]


def _example_for(names: list[str]) -> str:
    if "array" in names:
        return "\n    - mục thứ nhất\n    - mục thứ hai"
    if "object" in names:
        return "tên_trường: giá trị (thụt lề hai dấu cách)"
    if "integer" in names or "number" in names:
        return "một con số, ví dụ 2025"
    if "boolean" in names:
        return "true"
    return "chữ, đặt trong ngoặc kép nếu có dấu hai chấm"
