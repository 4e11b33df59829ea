"""`congkhai new` and the published schemas: the editor, the skeleton and the checker agree."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator import schema
from generator.cli import main
from generator.columns import resolve
from generator.kinds import KINDS
from generator.load import _field_name, load
from generator.scaffold import default_target, skeleton
from generator.yamlsource import parse

ROOT = Path(__file__).resolve().parent.parent
# What an unfilled skeleton may be told: only "fill this in", never a structural mistake.
FILL_ME = {"field-empty", "date-format", "field-choice", "field-type", "field-format"}


def _properties(node: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    node = resolve(node)
    found = []
    for key, prop in node.get("properties", {}).items():
        resolved = resolve(prop)
        found.append((path + key, resolved))
        found.extend(_properties(resolved, f"{path}{key}."))
        if resolved.get("type") == "array":
            found.extend(_properties(resolved.get("items", {}), f"{path}{key}[]."))
    return found


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_skeleton_explains_every_field_and_only_asks_to_be_filled(kind: str) -> None:
    target = ROOT / "content" / "x" / "moi.yml"
    text = skeleton(kind, target)
    assert text.startswith(
        f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\n"
    )
    for key, prop in _properties(schema.load_schema(kind)):
        if not key.startswith("tables[]."):
            assert f"# {prop['title']} (" in text, key
    for optional_commented in (True, False):
        data, lines = parse(skeleton(kind, target, optional_commented=optional_commented))
        found = {p.code for p in schema.check(kind, data, lines, "moi.yml")}
        assert found <= FILL_ME, found


def test_every_schema_field_has_a_vietnamese_title() -> None:
    for kind in KINDS:
        root = schema.load_schema(kind.name)
        assert root["title"] and root["description"]
        for key, prop in _properties(root):
            assert prop.get("title"), f"{kind.name}: {key}"


def test_new_writes_the_skeleton_where_the_kind_lives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "poverty", "ra-soat-2026"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã tạo content/ho-ngheo/ra-soat-2026.yml.")
    text = (tmp_path / "content/ho-ngheo/ra-soat-2026.yml").read_text("utf-8")
    schema_file = ROOT / "generator/schemas/poverty.schema.json"
    schema_path = Path(os.path.relpath(schema_file, tmp_path / "content/ho-ngheo")).as_posix()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema_path}"
    assert "# Họ tên chủ hộ (bắt buộc)." in text
    assert main(["new", "poverty", "ra-soat-2026"]) == 1
    assert "[file-exists]" in capsys.readouterr().err
    assert default_target("officials", Path("content"), None) == Path("content/can-bo/can-bo.yml")


def test_the_schemas_validate_the_example_content() -> None:
    loaded = load(ROOT / "content")
    assert loaded.documents
    problems = [
        p.render()
        for doc in loaded.documents
        for p in schema.check(doc.kind.name, doc.data, doc.lines, doc.rel)
    ]
    assert problems == []


WRONG = """\
# yaml-language-server: $schema=../../generator/schemas/poverty.schema.json
title: Công khai kết quả rà soát hộ nghèo năm 2025
year: 2025
review: annual
decision: {number: 486/QĐ-UBND, date: 2025-12-12, issuer: UBND xã Thử Nghiệm}
published_on: 2025-12-15
posting: {from: 2025-12-15, to: 2026-01-14}
households:
  - {head: Phạm Văn Lâm, village: Thôn 1, category: poor, members: 3}
  - {head: Nguyễn Thị Thủy, village: Thôn 1, category: khá giả, members: 4}
"""


def test_wrong_field_is_located_the_same_by_check_by_schema_and_by_jsonschema(
    tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tree({"ho-ngheo/ra-soat-2025.yml": WRONG})
    path = config.parent / "content/ho-ngheo/ra-soat-2025.yml"
    data, lines = parse(path.read_text("utf-8"))
    # jsonschema's own validator, on the published schema file, with nothing of ours.
    published = json.loads((ROOT / "generator/schemas/poverty.schema.json").read_text("utf-8"))
    raw = list(Draft202012Validator(published, registry=schema._registry()).iter_errors(data))
    assert [list(e.absolute_path) for e in raw] == [["households", 1, "category"]]
    expected = _field_name(tuple(raw[0].absolute_path))
    assert expected == "households[2].category"
    # Our schema check: same field, and the line of that household.
    [ours] = schema.check("poverty", data, lines, "content/ho-ngheo/ra-soat-2025.yml")
    assert (ours.code, ours.location.field if ours.location else None) == ("field-choice", expected)
    assert ours.location is not None and ours.location.line == 10
    # `congkhai check`: the same problem at the same place.
    code = main(["check", "--config", str(config), "--format", "json", "--as-of", "2025-12-20"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    located = [
        (p["code"], p["field"], p["line"])
        for p in report["problems"]
        if p["path"] == "content/ho-ngheo/ra-soat-2025.yml"
    ]
    assert located == [("field-choice", expected, 10)]
