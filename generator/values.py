"""Read the values Vietnamese staff actually write: dates and amounts in local formats."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date | None:
    """A date from 2024-12-31, 31/12/2024, 31/12/24, a date object or an Excel serial.

    Returns None when the value is not a real calendar date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Excel serial numbers: 1 = 1900-01-01; plausible range 1990..2100.
        if 32874 <= value <= 73050:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        return None
    text = str(value).strip()
    if not text:
        return None
    text = text.split("T")[0].split(" ")[0]
    m = _ISO.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(text)
        if m:
            year = int(m[3])
            if year < 100:
                year += 2000 if year < 70 else 1900
            return date(year, int(m[2]), int(m[1]))
    except ValueError:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return parse_date(float(text))
    return _parse_words(str(value))


# "ngày 20 tháng 12 năm 2024", "20 tháng 12 năm 2024", "Ngày 5 tháng 01 năm 2025"
_WORDS = re.compile(r"(?i)^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$")


def _parse_words(text: str) -> date | None:
    m = _WORDS.match(unicodedata.normalize("NFC", text))
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


_CURRENCY = re.compile(r"(?i)\s*(vnđ|vnd|đồng|đ)\s*$")


def parse_amount(value: object) -> Decimal | None:
    """An amount from 1234567, "1.234.567", "1,234,567", "1 234 567 đồng", "12,5".

    Vietnamese writes thousands with dots and decimals with a comma; spreadsheets exported
    in English locales use the opposite. A single separator followed by exactly three
    digits is read as thousands. Returns None when the text is not a number.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = _CURRENCY.sub("", str(value)).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not text:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-"):
        negative, text = True, text[1:].strip()
    text = text.replace(" ", "")
    if not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # The later separator is the decimal one.
        if text.rfind(",") > text.rfind("."):
            integer, _, frac = text.rpartition(",")
            integer = integer.replace(".", "")
        else:
            integer, _, frac = text.rpartition(".")
            integer = integer.replace(",", "")
        if not re.fullmatch(r"\d{1,3}(\d{3})*", integer):
            return None
        text = f"{integer}.{frac}"
    elif dots or commas:
        sep = "." if dots else ","
        parts = text.split(sep)
        if len(parts) > 2 or len(parts[-1]) == 3:
            if not all(len(p) == 3 for p in parts[1:]) or not 1 <= len(parts[0]) <= 3:
                return None
            text = "".join(parts)
        else:
            text = f"{parts[0]}.{parts[1]}"
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return -number if negative else number


def format_amount(value: Decimal | int | float | None) -> str:
    """Format for Vietnamese readers: 1.234.567 and 12,5."""
    if value is None:
        return ""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    number = abs(number)
    integer = int(number)
    frac = number - integer
    out = f"{integer:,}".replace(",", ".")
    if frac:
        digits = format(frac.normalize(), "f").split(".")[1][:2]
        out += "," + digits
    return sign + out


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
