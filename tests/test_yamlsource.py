import pytest

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
