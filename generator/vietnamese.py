"""Vietnamese text as staff's files really hold it: NFC, and the legacy TCVN3 and VNI fonts.

Before Unicode, Vietnamese was typed with 8-bit fonts (.VnTime for TCVN3/ABC, VNI-Times for
VNI). Excel keeps those keystrokes as Western (Windows-1252) characters, so "Thôn" typed in
.VnTime arrives as "Th«n" and in VNI-Times as "Thoân". We convert such text when exactly one
reading gives real Vietnamese syllables, and refuse it otherwise: guessing would publish
garbled names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# TCVN3 (TCVN 5712:1993, VN3): one byte per lower-case letter; capitals with tones do not
# exist (the .VnTimeH font draws the lower-case codes as capitals).
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip


def latin_view(data: bytes) -> str:
    """Bytes as Excel shows 8-bit font text: Windows-1252, with Latin-1 for its five holes."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) if b >= 0x80 else chr(b)
        for b in data
    )


_TCVN3 = {latin_view(bytes([b])): char for b, char in _TCVN3_BYTES.items()}

# VNI Windows: a base letter followed by one mark character.
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # acute, grave, hook, tilde, dot below
_VNI_TONE = {"ù": 0, "ø": 1, "û": 2, "õ": 3, "ï": 4}
_VNI_CIRCUMFLEX = {"â": None, "á": 0, "à": 1, "å": 2, "ã": 3, "ä": 4}
_VNI_BREVE = {"ê": None, "é": 0, "è": 1, "ú": 2, "ü": 3, "ë": 4}
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _compose(base: str, tone: int | None) -> str:
    return unicodedata.normalize("NFC", base + (_TONES[tone] if tone is not None else ""))


def from_tcvn3(text: str) -> str:
    """Text typed in a TCVN3 (.VnTime) font, as Excel stores it, to Unicode."""
    converted = "".join(_TCVN3.get(c, c) for c in text)
    # Capitals in .VnTimeH are lower-case codes drawn large: "DANH S¸CH" means "DANH SÁCH".
    ascii_letters = [c for c in text if c.isascii() and c.isalpha()]
    if converted != text and len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return converted.upper()
    return converted


def from_vni(text: str) -> str:
    """Text typed in a VNI font, as Excel stores it, to Unicode."""
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        mark = text[i + 1].lower() if i + 1 < len(text) else ""
        low, upper = c.lower(), c.isupper()
        if low in ("ô", "ö"):  # VNI writes ơ as ô and ư as ö
            base = "ơ" if low == "ô" else "ư"
            tone = _VNI_TONE.get(mark)
            out.append(_case(_compose(base, tone), upper))
            i += 2 if tone is not None else 1
            continue
        if c in _VNI_SINGLE:
            out.append(_VNI_SINGLE[c])
            i += 1
            continue
        if low in "aeo" and low and mark in _VNI_CIRCUMFLEX:
            base = {"a": "â", "e": "ê", "o": "ô"}[low]
            out.append(_case(_compose(base, _VNI_CIRCUMFLEX[mark]), upper))
            i += 2
            continue
        if low == "a" and mark in _VNI_BREVE:
            out.append(_case(_compose("ă", _VNI_BREVE[mark]), upper))
            i += 2
            continue
        if low and low in "aeouy" and mark in _VNI_TONE:
            out.append(_case(_compose(low, _VNI_TONE[mark]), upper))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def convert_font(text: str, font: str) -> str:
    return from_tcvn3(text) if font == "tcvn3" else from_vni(text)


def _case(text: str, upper: bool) -> str:
    return text.upper() if upper else text


# What real Vietnamese text may contain besides ASCII.
_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
LETTERS = frozenset(unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in ("", *_TONES)) | {
    "đ",
    "Đ",
}
_PUNCTUATION = frozenset("–—‘’“”…•°€₫№×±≤≥²³\u00a0\u202f")

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_FINAL = "ch|ng|nh|[cmnptk]"
_OPEN = (
    "uya|uyu|uây|uôi|ươi|ươu|iêu|yêu|oai|oao|oay|oeo|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ"
)
_CLOSED = "uyê|iê|yê|uô|ươ|oă|uâ|ă|â"
_EITHER = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{_OPEN})|(?:{_CLOSED})(?:{_FINAL})|(?:{_EITHER})(?:{_FINAL})?|(?:oo|ôô)(?:ng|c))"
)
_WORD = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile(r"[aeiouy]")


def is_syllable(word: str) -> bool:
    """Whether `word` is one Vietnamese syllable: onset, vowel group, final, one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


def _acceptable(word: str) -> bool:
    # Abbreviations such as HĐND, QĐ or đ (đồng) have no vowel and are not syllables.
    return is_syllable(word) or not _VOWEL.search(fold(word))


def badness(text: str) -> int:
    """How un-Vietnamese a text looks: stray symbols plus accented non-syllables."""
    stray = sum(1 for c in text if ord(c) > 127 and c not in LETTERS and c not in _PUNCTUATION)
    words = sum(1 for w in _WORD.findall(text) if not w.isascii() and not _acceptable(w))
    return stray + words


def _has_stray(text: str) -> bool:
    return any(ord(c) > 127 and c not in LETTERS and c not in _PUNCTUATION for c in text)


FONTS = {"tcvn3": "TCVN3 (ABC, .VnTime)", "vni": "VNI (VNI-Times)"}


@dataclass(frozen=True)
class Reading:
    """What one text cell holds: its Unicode text and, if it was converted, from which font."""

    text: str
    font: str | None = None  # "tcvn3" or "vni" when converted
    unsure: bool = False  # legacy font detected but no reading is clean Vietnamese


def read_text(text: str) -> Reading:
    """NFC text, converted from TCVN3 or VNI when exactly that reading is real Vietnamese."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return Reading(text)
    before = badness(text)
    if before == 0:
        return Reading(text)
    readings = {"tcvn3": from_tcvn3(text), "vni": from_vni(text)}
    clean = {font: t for font, t in readings.items() if t != text and badness(t) == 0}
    if len(clean) == 1:
        font, converted = next(iter(clean.items()))
        return Reading(converted, font)
    if len(set(clean.values())) == 1 and clean:
        return Reading(next(iter(clean.values())), "tcvn3")
    if _has_stray(text) and any(badness(t) < before for t in readings.values()):
        return Reading(text, unsure=True)
    return Reading(text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces: ' Họ  TÊN ' → 'ho ten'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(bare.split())


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters with separate tone marks."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)
