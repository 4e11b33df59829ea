"""Working-day arithmetic: weekends and Vietnamese public holidays, Tết included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.workdays import (
    add_working_days,
    count_working_days,
    deadline,
    holiday_name,
    is_working_day,
    next_working_day,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 1),  # Tết Dương lịch
        date(2025, 1, 27),  # 28 Tết (day off for civil servants, 2025)
        date(2025, 1, 28),  # giao thừa
        date(2025, 1, 29),  # mùng 1
        date(2025, 1, 31),  # mùng 3
        date(2026, 2, 16),  # giao thừa 2026
        date(2026, 2, 20),  # mùng 4
        date(2025, 4, 7),  # Giỗ Tổ Hùng Vương
        date(2026, 4, 27),  # Giỗ Tổ on a Sunday, compensated on Monday
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),  # swapped day off (worked on Saturday 26/4)
        date(2025, 9, 1),  # the extra National Day holiday
        date(2025, 9, 2),
        date(2026, 8, 31),  # swapped day off before Quốc khánh 2026
        date(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
    ],
)
def test_public_holidays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)
    assert holiday_name(day)


def test_weekends_and_ordinary_days() -> None:
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 27))  # Friday
    assert holiday_name(date(2026, 11, 27)) is None


def test_holiday_names_are_vietnamese() -> None:
    assert holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert holiday_name(date(2025, 9, 2)) == "Quốc khánh"


def test_five_working_days_across_tet_2026() -> None:
    # Thursday 12/02/2026: Fri 13 is day 1, Tết runs Mon 16 – Fri 20, then 23–26.
    assert add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_one_working_day_across_tet_2025() -> None:
    # Friday 24/01/2025: 27/01–31/01 are Tết days off, 01–02/02 a weekend.
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)


def test_across_30_april_and_1_may() -> None:
    # 2025: 30/4 Wed, 1/5 Thu, 2/5 Fri (swapped), then the weekend.
    assert add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)
    assert add_working_days(date(2025, 4, 28), 3) == date(2025, 5, 6)
    # 2026: 30/4 Thu, 1/5 Fri.
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_across_2_september() -> None:
    # 2025: Mon 1/9 and Tue 2/9 off.
    assert add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)
    # 2026: Mon 31/8 (swapped), Tue 1/9 and Wed 2/9 off.
    assert add_working_days(date(2026, 8, 28), 2) == date(2026, 9, 4)


def test_zero_working_days_is_the_same_or_next_working_day() -> None:
    assert add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    assert next_working_day(date(2026, 2, 14)) == date(2026, 2, 23)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)


def test_calendar_deadline_ending_on_a_rest_day_moves_to_the_next_working_day() -> None:
    # Bộ luật Dân sự 2015, Điều 148 khoản 5.
    assert deadline(date(2024, 12, 20), 30, "calendar") == date(2025, 1, 20)  # Sunday 19/1
    assert deadline(date(2026, 4, 1), 30, "calendar") == date(2026, 5, 4)  # 1/5 holiday
    assert deadline(date(2026, 1, 17), 30, "calendar") == date(2026, 2, 23)  # Tết
    assert deadline(date(2025, 12, 31), 30, "calendar") == date(2026, 1, 30)  # a Friday


def test_working_deadline() -> None:
    assert deadline(date(2025, 12, 12), 5, "working") == date(2025, 12, 19)
    assert deadline(date(2026, 8, 28), 7, "working") == date(2026, 9, 11)  # 31/8–2/9 off


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        deadline(date(2026, 1, 1), 5, "weeks")


def test_count_working_days_over_tet_and_a_normal_week() -> None:
    assert count_working_days(date(2026, 2, 16), date(2026, 2, 20)) == 0
    assert count_working_days(date(2026, 11, 23), date(2026, 11, 27)) == 4  # 24/11 is off
    assert count_working_days(date(2026, 11, 27), date(2026, 11, 26)) == 0


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
def test_add_working_days_lands_on_the_nth_working_day(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert count_working_days(start + timedelta(days=1), end) == n


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_calendar_deadline_is_never_early_and_is_a_working_day(start: date, n: int) -> None:
    end = deadline(start, n, "calendar")
    assert end >= start + timedelta(days=n)
    assert is_working_day(end)
    assert all(not is_working_day(d) for d in _days(start + timedelta(days=n), end))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days)]
