"""Turn one spreadsheet cell into the value a content field holds, or say why it cannot."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .columns import Field
from .problems import Problem, SourceLocation, problem
from .values import parse_amount, parse_date
from .vietnamese import fold

_TRUE = ("x", "co", "yes", "true", "1", "✓", "v", "dung", "lanh dao", "la lanh dao")
_FALSE = ("khong", "no", "false", "0", "-")
_BULLET = re.compile(r"^\s*(?:[-+•*–]|\d+[.)])\s+")
_COPIES = re.compile(r"^(.*?)\s*(?:[(:;]|\s[-–]\s)\s*(\d+\s*bản[^()]*)\)?\s*$")
_COUNT_WORDS = re.compile(r"(?i)\s*(người|nhân khẩu|khẩu|hộ|năm)\s*$")


def show(value: object) -> str:
    """A value as staff typed it, quoted, for messages."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    text = " ".join(str(value).split())
    return f'"{text if len(text) <= 50 else text[:49] + "…"}"'


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def split_lines(value: object) -> list[str]:
    """Items of a list cell: one per line, or separated by ';' when on one line."""
    text = as_text(value)
    parts = text.split("\n") if "\n" in text else text.split(";")
    return [_BULLET.sub("", p).strip() for p in parts if _BULLET.sub("", p).strip()]


def convert(f: Field, value: object, loc: SourceLocation) -> tuple[Any, list[Problem]]:
    """The content value of `value` for field `f`; None when blank or wrong (with problems)."""
    if is_blank(value):
        return None, []
    name = f.key.rsplit(".", 1)[-1]
    if f.type == "date":
        parsed = parse_date(value)
        if parsed is None:
            return None, [problem("date-format", loc, value=show(value))]
        return parsed, []
    if f.type == "integer":
        return _integer(f, value, loc)
    if f.type == "number":
        number = parse_amount(value)
        if number is None:
            return None, [problem("amount-format", loc, value=show(value))]
        return plain_number(number), []
    if f.type == "boolean":
        folded = fold(as_text(value))
        if folded in _TRUE:
            return True, []
        if folded in _FALSE:
            return False, []
        return None, [
            problem("field-choice", loc, value=show(value), choices="x (có) hoặc để trống")
        ]
    if f.type == "choice":
        chosen = f.parse_choice(as_text(value))
        if chosen is None:
            return None, [
                problem("field-choice", loc, value=show(value), choices=f.choice_labels())
            ]
        return chosen, []
    if f.type == "choices":
        return _choices(f, value, loc)
    if f.type == "list":
        return split_lines(value) or None, []
    if f.type == "dossier":
        return [_dossier_item(line) for line in split_lines(value)] or None, []
    if name in ("phone", "fax") and isinstance(value, (int, float)):
        return _phone(value, loc)
    if name == "code" and isinstance(value, float):
        return f"{value:.6f}", []
    return as_text(value) or None, []


def _integer(f: Field, value: object, loc: SourceLocation) -> tuple[Any, list[Problem]]:
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return value, []
    if isinstance(value, float) and value.is_integer():
        return int(value), []
    text = _COUNT_WORDS.sub("", as_text(value)).strip()
    if re.fullmatch(r"\d+", text):
        return int(text), []
    return None, [
        problem("field-type", loc, value=show(value), expected="số nguyên", example=f.example)
    ]


def _choices(f: Field, value: object, loc: SourceLocation) -> tuple[Any, list[Problem]]:
    text = as_text(value)
    parts = split_lines(text) if ("\n" in text or ";" in text) else [text]
    chosen: list[str] = []
    problems: list[Problem] = []
    for part in parts:
        picked = f.parse_choice(part)
        if picked is None:
            problems.append(
                problem("field-choice", loc, value=show(part), choices=f.choice_labels())
            )
        elif picked not in chosen:
            chosen.append(picked)
    return (chosen or None), problems


def _dossier_item(line: str) -> dict[str, str]:
    m = _COPIES.match(line)
    if m and m.group(1).strip():
        return {"name": m.group(1).strip(), "copies": m.group(2).strip()}
    return {"name": line}


def _phone(value: int | float, loc: SourceLocation) -> tuple[Any, list[Problem]]:
    digits = str(int(value))
    if len(digits) in (9, 10) and not digits.startswith("0"):
        fixed = "0" + digits
        return fixed, [problem("import-phone-zero", loc, value=digits, fixed=fixed)]
    return digits, []


def plain_number(number: Decimal) -> int | float:
    """A Decimal as YAML should show it: 1234567, or 12.5."""
    if number == number.to_integral_value():
        return int(number)
    return float(number)
