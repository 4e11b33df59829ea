"""Vietnamese text as files hold it: NFC, legacy TCVN3 and VNI fonts, Windows-1258."""

from __future__ import annotations

import unicodedata

import pytest
from sheet_fixtures import TCVN3, UNICODE, VNI, tcvn3_bytes

from generator.vietnamese import (
    badness,
    fold,
    from_tcvn3,
    from_vni,
    is_syllable,
    latin_view,
    read_text,
    to_cp1258,
)


def test_tcvn3_converts_whole_alphabet() -> None:
    assert from_tcvn3(TCVN3) == UNICODE
    assert from_tcvn3("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert from_tcvn3("Ng\xadêi ®øng ®Çu") == "Người đứng đầu"


def test_tcvn3_capitals_typed_in_vntimeh_become_capitals() -> None:
    assert from_tcvn3("DANH S¸CH Hé NGHÌO") == "DANH SÁCH HỘ NGHÈO"


def test_vni_converts_marks_after_the_letter() -> None:
    assert from_vni(VNI) == UNICODE
    assert from_vni("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"
    assert from_vni("Nguyeãn Vaên Ñöùc, thoân Ñoâng") == "Nguyễn Văn Đức, thôn Đông"
    assert from_vni("THOÂN ÑOÂNG") == "THÔN ĐÔNG"


@pytest.mark.parametrize(
    ("typed", "text", "font"),
    [
        (TCVN3, UNICODE, "tcvn3"),
        (VNI, UNICODE, "vni"),
        ("Th«n 1", "Thôn 1", "tcvn3"),
        ("Thoân 1", "Thôn 1", "vni"),  # no stray symbol, only an impossible syllable
        ("Q§-UBND ngµy 20/12/2024", "QĐ-UBND ngày 20/12/2024", "tcvn3"),
    ],
)
def test_read_text_converts_only_when_one_reading_is_vietnamese(
    typed: str, text: str, font: str
) -> None:
    reading = read_text(typed)
    assert (reading.text, reading.font, reading.unsure) == (text, font, False)


@pytest.mark.parametrize(
    "text",
    ["Hoà Bình", "Nguyễn Văn Hùng", "Quyết định 15/QĐ-UBND", "Đắk Lắk", "UBND xã", "khuyến nông"],
)
def test_unicode_text_is_left_alone(text: str) -> None:
    assert read_text(text).text == text
    assert read_text(text).font is None


def test_nfd_text_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lụa")
    assert decomposed != "Nguyễn Thị Lụa"
    assert read_text(decomposed).text == "Nguyễn Thị Lụa"


def test_legacy_text_that_no_font_explains_is_refused() -> None:
    reading = read_text("Th«n ø¸ xyz¶")
    assert reading.unsure
    assert reading.text == "Th«n ø¸ xyz¶"  # never half-converted


def test_syllables() -> None:
    for word in ("người", "khuyến", "quốc", "giữa", "thuở", "xoong", "Yên", "ân", "Trãi"):
        assert is_syllable(word), word
    for word in ("Thoân", "nghÜa", "Thoõn", "Hùngg"):
        assert not is_syllable(word), word
    assert badness(UNICODE) == 0
    assert badness(TCVN3) > 0


def test_fold_drops_accents_case_and_spaces() -> None:
    assert fold("  Họ   TÊN Chủ hộ ") == "ho ten chu ho"
    assert fold("Đường") == "duong"


def test_cp1258_uses_separate_tone_marks_and_decodes_back() -> None:
    data = to_cp1258("Việt Nam, đồng ₫")
    assert b"\xea\xf2" in data  # ê + combining dot below
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == "Việt Nam, đồng ₫"


def test_latin_view_matches_excels_view_of_font_bytes() -> None:
    assert latin_view(tcvn3_bytes(UNICODE)) == TCVN3
