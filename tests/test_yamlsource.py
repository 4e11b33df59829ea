from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import yamlsource
from generator.yamlsource import YamlError, parse


def test_lines_of_nested_values() -> None:
    data, lines = parse("a: 1\nb:\n  c: x\n  d:\n    - 1\n    - 2\n")
    assert data == {"a": 1, "b": {"c": "x", "d": [1, 2]}}
    assert lines.line(("b", "c")) == 3
    assert lines.line(("b", "d", 1)) == 6
    assert lines.line(("b", "missing")) == 2


def test_dates_stay_text_and_nfc() -> None:
    data, _ = parse('d: 2024-12-31\nt: "Ho\u0302\u0300"\n')
    assert data == {"d": "2024-12-31", "t": "Hồ"}


def test_syntax_error_has_line_and_vietnamese_detail() -> None:
    with pytest.raises(YamlError) as err:
        parse("a: 1\nb: [1, 2\nc: 3\n")
    assert err.value.code == "yaml-syntax"
    assert err.value.line is not None


def test_duplicate_key_refused() -> None:
    with pytest.raises(YamlError) as err:
        parse("a: 1\na: 2\n")
    assert "hai lần" in err.value.detail


def test_alias_bomb_refused_quickly() -> None:
    bomb = "a: &a [1,1,1,1,1,1,1,1,1,1]\n"
    for i in range(1, 12):
        prev, name = chr(96 + i), chr(97 + i)
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    with pytest.raises(YamlError) as err:
        parse(bomb)
    assert err.value.code == "yaml-too-complex"


def test_deep_nesting_refused() -> None:
    with pytest.raises(YamlError) as err:
        parse("a: " + "[" * 200 + "]" * 200)
    assert err.value.code == "yaml-too-complex"


def test_keys_are_names_not_booleans() -> None:
    data, _ = parse("no: 1\nyes: 2\non: 3\n")
    assert data == {"no": 1, "yes": 2, "on": 3}


# --- the fast reader gives what the exact reader gives ------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _outcome(read: Callable[[str], tuple[Any, Any]], text: str) -> str:
    try:
        return repr(read(text)[0])
    except YamlError as err:
        return f"error {err.code} {err.line} {err.detail}"


def test_fast_reader_is_used_for_ordinary_content() -> None:
    text = (ROOT / "content/ngan-sach/2024/du-toan-duoc-giao.yml").read_text(encoding="utf-8")
    assert yamlsource._fast_enough(text)
    data, lines = parse(text)
    assert repr(data) == repr(yamlsource._exact(text)[0])
    assert lines.line(("tables", 0, "rows", 2)) == yamlsource._exact(text)[1].line(
        ("tables", 0, "rows", 2)
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: 0123\n",  # octal to YAML 1.1, 123 to YAML 1.2
        "a: -0123\n",
        "a: 0912345678\n",  # a phone number stays text
        "a: +84912345678\n",
        "a: yes\n",
        "a: [On, off]\n",
        "a: {b: No}\n",
        "a: 7:30\n",
        "a: 1_000\n",
        "a: 1e3\n",
        "a: .NaN\n",
        "a: -.inf\n",
        "true: 1\n",
        "1: x\n",
        "- 1.5: x\n",
        "a: [b: 1]\n",
        "a: &x 1\nb: *x\n",
        "<<: {a: 1}\n",
        'a: "\\u00e9"\n',
        "---\na: 1\n---\nb: 2\n",
        "a:\n\t- 1\n",
        "a: x\u2028y\n",  # a line break to YAML 1.1, a character to YAML 1.2
        "a: x\x85y\n",
        "a: x\x00y\n",  # refused by one, cut short by the other
        "a: x\x07\n",
        "a: 1\n: :\n",  # an empty key
        "a: {: 1}\n",
    ],
)
def test_what_the_two_readers_would_read_differently_takes_the_exact_one(text: str) -> None:
    assert not yamlsource._fast_enough(text)
    assert _outcome(parse, text) == _outcome(yamlsource._exact, text)


def test_what_the_fast_reader_refuses_the_exact_one_explains() -> None:
    assert yamlsource._fast_enough("a: 1\na: 2\n")  # yaml-rs refuses it: the exact one says why
    with pytest.raises(YamlError) as err:
        parse("a: 1\na: 2\n")
    assert (err.value.line, "hai lần" in err.value.detail) == (2, True)


def _parse_bytes(text: str) -> tuple[Any, Any]:
    """As the loader calls it: with the bytes the text was decoded from."""
    return parse(text, text.encode())


def test_every_example_content_file_reads_the_same_both_ways() -> None:
    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "tests").rglob("*.yml"))
    fast = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        assert _outcome(parse, text) == _outcome(yamlsource._exact, text), path
        assert _outcome(_parse_bytes, text) == _outcome(yamlsource._exact, text), path
        fast += yamlsource._fast_enough(text)
    assert fast > len(files) // 2  # the fast reader is really used


_SCALARS = [
    "0", "00", "07", "0123", "-017", "+5", "+84 912 345 678", "0912.345.678", "12", "-5",
    "1_000", "1e3", "1.5e+3", "12.300", ".5", "5.", "-.inf", ".NaN", "NaN", "7:30", "190:20:30",
    "1.234.567", "1,5", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "~", "",
    "2024-01-05", "2024-01-05 10:00:00", "03/QĐ-UBND", "Thôn 1", "Bước 1: nộp hồ sơ",
    "a # b", "x#y", "'quoted'", '"dq"', "it's", "- x", "[x]", "{x}", "*x", "&x", "!x", "%x",
    "@x", "`x", "?x", "a, b", "a]b", "Ngày sinh", "Hồ", "0x1F", "0o17", "0b101",
    "x\u2028y", "x\x85", "\x00", "a\tb", "a\\b", "Hồ\u0300", "\ufeffx", "x\xa0",
]  # fmt: skip
_KEYS = ["a", "title", "no", "On", "true", "null", "1", "1.5", "~", "tên", "a b", "0x", "", " "]

_scalar = st.sampled_from(_SCALARS)
_key = st.sampled_from(_KEYS)
_tree = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_key, inner, max_size=3),
    max_leaves=8,
)


def _block(node: Any, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(node, dict):
        if not node:
            return "{}"
        return "".join(f"\n{pad}{k}: {_block(v, indent + 2)}" for k, v in node.items())
    if isinstance(node, list):
        if not node:
            return "[]"
        return "".join(f"\n{pad}- {_block(v, indent + 2)}" for v in node)
    return str(node)


def _flow(node: Any) -> str:
    if isinstance(node, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_flow(v) for v in node) + "]"
    return str(node)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_key, _tree, min_size=1, max_size=4), st.booleans())
def test_generated_documents_read_the_same_both_ways(doc: dict[str, Any], flow: bool) -> None:
    body = "".join(f"{k}: {_flow(v) if flow else _block(v, 2)}\n" for k, v in doc.items())
    exact = _outcome(yamlsource._exact, body)
    assert _outcome(parse, body) == exact, body
    assert _outcome(_parse_bytes, body) == exact, body
