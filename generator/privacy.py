"""Personal-data guard: what must never reach a published page.

Publication of a named list is lawful only for the fields the law needs (legal catalog,
section 3). These detectors run over every text value and table of every content file;
a hit is a blocking error. Officials' duty phones and the commune's own numbers are the
only phone numbers allowed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import orjson

from .problems import Problem, SourceLocation, problem

# The named lists (lists of people) each kind publishes, and the only fields an entry of
# them may carry (legal catalog §3). A later list of people is one more line in each.
NAMED_LISTS = {"poverty": "households"}
ALLOWED_LIST_FIELDS = {"poverty": ("head", "village", "category", "members")}

# A run of exactly 12 (CCCD) or 9 (CMND) digits: not part of a longer number such as
# 1.234.567.890 or 123456789,5, but a comma or full stop after it in a sentence is fine.
CITIZEN_ID = re.compile(r"(?<!\d)(?<!\d[.,])0\d{11}(?!\d|[.,]\d)")
OLD_ID = re.compile(r"(?<!\d)(?<!\d[.,/])\d{9}(?!\d|[.,/]\d)")
# Phone candidates: +84 or 0, then digits with single spaces, dots or dashes between.
PHONE = re.compile(r"(?<![\d+])(?:\+84|0)(?:[ .\-]?\d){8,10}(?![\d])")
URL = re.compile(r"https?://\S+")
BIRTH_WORDS = re.compile(r"(?i)\b(ngày sinh|năm sinh|sinh ngày|sinh năm|ngay sinh|nam sinh)\b")
DATE_IN_TEXT = re.compile(
    r"(?<!\d)(\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}|(19|20)\d{2}-\d{2}-\d{2})(?!\d)"
)

# Column or field names that announce personal data (folded, lower case).
FORBIDDEN_NAMES = {
    "cccd": "số CCCD",
    "cmnd": "số CMND",
    "can cuoc": "số căn cước",
    "so dinh danh": "số định danh",
    "ngay sinh": "ngày sinh",
    "nam sinh": "năm sinh",
    "dan toc": "dân tộc",
    "suc khoe": "tình trạng sức khỏe",
    "benh": "bệnh",
    "khuyet tat": "khuyết tật",
    "so dien thoai": "số điện thoại",
    "dien thoai": "số điện thoại",
    "thu nhap": "thu nhập",
    "bhyt": "số thẻ BHYT",
    "bao hiem y te": "thẻ bảo hiểm y tế",
    "birth": "ngày sinh",
    "ethnic": "dân tộc",
    "phone": "số điện thoại",
    "id_number": "số định danh",
}


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics: 'Đường' → 'duong'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask(text: str) -> str:
    d = digits(text)
    return d[:3] + "…" + d[-2:] if len(d) > 5 else "…"


_FORBIDDEN = [
    (re.compile(rf"(?<![a-z]){re.escape(key)}(?![a-z])"), label)
    for key, label in FORBIDDEN_NAMES.items()
]


@lru_cache(maxsize=4096)  # column titles repeat from table to table
def forbidden_name(name: str) -> str | None:
    folded = fold(name).replace("_", " ").strip()
    for pattern, label in _FORBIDDEN:
        if pattern.search(folded):
            return label
    return None


def walk_text(
    node: Any, path: tuple[str | int, ...] = (), numbers: bool = False
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value with its path; with `numbers`, also whole numbers of 9 digits or more
    (an ID number typed without quotes is a number to YAML)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from walk_text(value, (*path, key), numbers)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_text(value, (*path, i), numbers)
    elif numbers and type(node) is int and node >= 100_000_000:
        yield path, str(node)


# Anything any detector could match starts with 9 digits in a row, a phone-like run, or a
# birth word: one pass of this over a whole file clears most files at once.
QUICK = re.compile(r"\d{9}|(?:\+84|0)(?:[ .\-]?\d){8}|(?i:sinh)")


# For a whole file at once: every digit becomes 0 and the separators a phone number may
# have are dropped, so an ID number or a phone is a run of nine zeros; a date needs a digit
# on each side of one of its separators. Plain byte operations, at memory speed.
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
# Letters (?i) takes for one of "sinh" besides the ASCII ones: ſ for s, ı and İ for i.
_SINH_LOOKALIKES = tuple(c.encode() for c in "\u017f\u0131\u0130")


def serialise(value: Any) -> bytes:
    """Every text and number in `value`, as UTF-8 JSON, for `may_contain_any`."""
    try:
        return orjson.dumps(value, default=str)
    except TypeError:  # a whole number beyond 64 bits, a key that is not text, a surrogate
        return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "replace")


def may_contain_any(raw: bytes, in_list: bool = False) -> bool:
    """Whether any detector could match any value of a file serialised as `raw`.

    Never says no when `may_contain` (or a detector) would say yes for one of its values.
    """
    if b"0" * 9 in raw.translate(_DIGITS_TO_ZERO, b" .-"):
        return True
    if b"sinh" in raw.lower() or any(c in raw for c in _SINH_LOOKALIKES):
        return True
    if in_list:
        zeros = raw.translate(_DIGITS_TO_ZERO)
        return any(sep in zeros for sep in (b"0/0", b"0.0", b"0-0"))
    return False


def may_contain(texts: list[str], in_list: bool = False) -> bool:
    """Whether any detector could match; in a named list any date may be a birth date."""
    joined = "\n".join(texts)
    return QUICK.search(joined) is not None or (in_list and DATE_IN_TEXT.search(joined) is not None)


def scan_text(
    text: str, loc: SourceLocation, allowed_phones: frozenset[str], in_list: bool = False
) -> list[Problem]:
    """Problems for ID numbers, private phones and birth dates found in `text`."""
    found: list[Problem] = []
    text = URL.sub(" ", text)  # identifiers inside web addresses are not personal data
    for m in CITIZEN_ID.finditer(text):
        found.append(problem("personal-data-id", loc, masked=mask(m.group())))
    for m in OLD_ID.finditer(text):
        found.append(problem("personal-data-id", loc, masked=mask(m.group())))
    for m in PHONE.finditer(text):
        number = normalise_phone(m.group())
        mobile = len(number) == 10 and number[1] in "35789"
        landline = len(number) in (10, 11) and number[1] == "2"
        if (mobile or landline) and number not in allowed_phones:
            found.append(problem("personal-data-phone", loc, masked=mask(m.group())))
    if (in_list or BIRTH_WORDS.search(text)) and DATE_IN_TEXT.search(text):
        found.append(
            problem("personal-data-birthdate", loc, masked=DATE_IN_TEXT.search(text).group())  # type: ignore[union-attr]
        )
    return found


def normalise_phone(text: str) -> str:
    number = digits(text)
    return "0" + number[2:] if text.strip().startswith("+84") else number
