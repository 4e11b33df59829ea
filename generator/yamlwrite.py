"""Write content files as staff would: schema key order, Vietnamese as is, one row per line.

Every file starts with the modeline that lets VS Code's YAML extension check and complete
fields from the same schema `congkhai check` uses. Several files are written all or none.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .columns import resolve
from .schema import SCHEMA_DIR, load_schema


class Flow(list[Any]):
    """A list written on one line: [A, Tổng thu, 12500]."""


class FlowMap(dict[str, Any]):
    """A mapping written on one line: {head: …, village: …}."""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _decimal(dumper: yaml.SafeDumper, data: Decimal) -> yaml.Node:
    if data == data.to_integral_value():
        return dumper.represent_int(int(data))
    return dumper.represent_float(float(data))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(
    Flow, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)
)
_Dumper.add_representer(
    FlowMap,
    lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True),
)


def modeline(kind: str, target: Path) -> str:
    """The comment that points editors at the schema, relative to the file's folder."""
    schema_file = (SCHEMA_DIR / f"{kind}.schema.json").resolve()
    try:
        rel = Path(os.path.relpath(schema_file, target.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        rel = schema_file.as_uri()
    return f"# yaml-language-server: $schema={rel}"


def ordered(data: Any, node: dict[str, Any]) -> Any:
    """`data` with mapping keys in the order the schema lists them."""
    node = resolve(node)
    if isinstance(data, dict):
        props = node.get("properties", {})
        keys = [k for k in props if k in data] + [k for k in data if k not in props]
        out = {k: ordered(data[k], props.get(k, {})) for k in keys}
        return FlowMap(out) if isinstance(data, FlowMap) else out
    if isinstance(data, list):
        items = [ordered(v, node.get("items", {})) for v in data]
        return Flow(items) if isinstance(data, Flow) else items
    return data


def dump(kind: str, data: dict[str, Any], target: Path, comments: tuple[str, ...] = ()) -> str:
    """YAML text of one content file, with the schema modeline and `comments` on top."""
    body = yaml.dump(
        ordered(data, load_schema(kind)),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    head = [modeline(kind, target), *(f"# {c}" for c in comments)]
    return "\n".join(head) + "\n" + body


def write_all(files: dict[Path, str]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are moved."""
    staged: list[tuple[Path, str]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".congkhai-", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            staged.append((target, tmp))
    except BaseException:
        for _target, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for target, tmp in staged:
        os.replace(tmp, target)
