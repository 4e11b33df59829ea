"""Working days in Viet Nam, for deadlines written in the law as "n ngày làm việc".

A working day is Monday to Friday and not a public holiday. Holidays come from the
maintained `holidays` package (`holidays.country_holidays("VN")`), never from a hand list.
For Viet Nam it includes (checked against holidays 0.108):

- Tết Dương lịch (1/1);
- Tết Nguyên Đán: giao thừa, mùng 1 to mùng 4 (mùng 1–3 before 2013), and the day a Tết
  day falling on a weekend is moved to ("29 Tết", "mùng 5/6");
- Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh 2/9 plus the extra day next to
  it (from 2021), Ngày Văn hóa Việt Nam 24/11 (from 2026);
- the compensating day off when a holiday falls on a weekend (Bộ luật Lao động 2019,
  Điều 112 khoản 3);
- the swapped days off the Government announced and the library has recorded
  (e.g. 29/4/2024, 2/5/2025, 31/8/2026).

What it does NOT cover, so a deadline here can differ by a day from the official one:

- the make-up working Saturday of each swap (e.g. Saturday 4/5/2024, 26/4/2025,
  22/8/2026 were working days); we count it as a rest day, so a deadline comes out at
  most a day LATER, never earlier — the checker errs on the commune's side;
- swap days decided after the installed library was released, and extra Tết days a
  Prime Minister's decision may grant for a given year;
- days off decided by a province (storms, floods, local festivals).

Calendar-day deadlines ("n ngày") follow Bộ luật Dân sự 2015, Điều 147–148: counting
starts the day after the event, and a period whose last day is a weekend or holiday ends
on the next working day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

UNITS = ("working", "calendar")
UNIT_VI = {"working": "ngày làm việc", "calendar": "ngày"}


@lru_cache(maxsize=128)
def _holidays(year: int) -> dict[date, str]:
    found = holidays.country_holidays("VN", years=year, language="vi")
    return dict(found.items())


def holiday_name(day: date) -> str | None:
    """The Vietnamese name of the public holiday on `day`, if it is one."""
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the day of the event itself is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    if n == 0:
        return next_working_day(day)
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def count_working_days(first: date, last: date) -> int:
    """Working days from `first` to `last`, both included."""
    count = 0
    day = first
    while day <= last:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def deadline(start: date, n: int, unit: str) -> date:
    """The last day to act when the law gives n days (unit 'calendar') or n working days."""
    if unit == "working":
        return add_working_days(start, n)
    if unit == "calendar":
        return next_working_day(start + timedelta(days=n))
    raise ValueError(f"unknown unit {unit!r}: use one of {UNITS}")
