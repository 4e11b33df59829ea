from datetime import date
from decimal import Decimal

import pytest

from generator.values import format_amount, parse_amount, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-31", date(2024, 12, 31)),
        ("31/12/2024", date(2024, 12, 31)),
        ("1/2/2025", date(2025, 2, 1)),
        ("5/9/24", date(2024, 9, 5)),
        ("31.12.2024", date(2024, 12, 31)),
        (45658, date(2025, 1, 1)),
        ("45658", date(2025, 1, 1)),
    ],
)
def test_dates_staff_write(text: object, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/13/2024", "30/02/2025", "hôm qua", "", "2024-13-01", 12])
def test_not_dates(text: object) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567", Decimal(1234567)),
        ("1,234,567", Decimal(1234567)),
        ("1 234 567", Decimal(1234567)),
        ("1.234.567 đồng", Decimal(1234567)),
        ("1.234.567đ", Decimal(1234567)),
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("(1.000)", Decimal(-1000)),
        (1500, Decimal(1500)),
        ("250", Decimal(250)),
    ],
)
def test_amounts_staff_write(text: object, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["1.23.4", "abc", "12,34,5", "", "1.2345.678"])
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_format_amount_vietnamese() -> None:
    assert format_amount(Decimal("1234567")) == "1.234.567"
    assert format_amount(Decimal("12.5")) == "12,5"
    assert format_amount(Decimal("-1000")) == "-1.000"
