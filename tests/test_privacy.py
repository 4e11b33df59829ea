"""Personal-data guard: named lists publish only what the law needs, nothing else slips out.

Every detector is tried on a value of a different kind and place (a field, a nested list,
a table cell typed as text or as a number, a column title, an extra field of a named
list); each hit is a blocking error that names the file, the line and the field.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hostile_content import IMAGE_MARKERS, tagged_image
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from small_commune import POVERTY, files, render_site

from generator import privacy
from generator.build import build, check
from generator.config import load_config
from generator.engine import clean_image
from generator.load import load
from generator.problems import Problem, SourceLocation
from generator.validate import validate
from generator.yamlsource import parse

AS_OF = date(2026, 11, 27)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")

NOTICE = """\
requirement: g01-sed-plan
title: Thông báo kết quả họp dân
published_on: 2026-11-01
body: |
  Cuộc họp đã thống nhất nội dung.
  {body}
tables:
- title: Kết quả
  columns:
  - {{title: STT, type: text}}
  - {{title: {column}, type: text}}
  - {{title: Số tiền, type: amount}}
  rows:
  - [1, {cell}, 300000000]
"""

OFFICIALS = """\
officials:
- name: Nguyễn Văn An
  position: Chủ tịch UBND xã
  unit: UBND xã Thử Nghiệm
  phone: 0221 3868 101
  email: ubnd.thunghiem@hungyen.gov.vn
  bio: {bio}
"""

PLAN = """\
title: Kế hoạch tổ chức hội nghị
number: 04/KH-UBND
issuer: UBND xã Thử Nghiệm
issued_on: 2026-01-10
published_on: 2026-01-12
tasks:
- task: Chuẩn bị hội trường
  lead: Văn phòng
- task: {task}
  lead: Công an xã
"""

QUESTION = """\
question: Xin hỏi thủ tục đăng ký khai sinh cần giấy tờ gì?
received_on: 2026-10-01
channel: email
answer: {answer}
answered_on: 2026-10-05
"""


def notice(body: str = "", column: str = "Nội dung", cell: str = "Họp thôn 1") -> str:
    return NOTICE.format(body=body, column=column, cell=cell)


def problems_of(config_path: Path) -> list[Problem]:
    """What load and validate say about a content tree."""
    config = load_config(config_path)
    loaded = load(config.content_dir)
    validated = validate(loaded.documents, (config.phone, config.fax))
    return [*loaded.problems, *validated.problems]


def personal(found: list[Problem]) -> list[tuple[str, str, int | None, str | None]]:
    """(code, file, line, field) of the personal-data problems, each a blocking error."""
    hits = [p for p in found if p.code.startswith("personal-data")]
    assert all(p.blocking for p in hits), [p.render() for p in hits]
    return sorted(
        (p.code, p.location.path, p.location.line, p.location.field) for p in hits if p.location
    )


ID, PHONE, BIRTH, FIELD = (
    "personal-data-id",
    "personal-data-phone",
    "personal-data-birthdate",
    "personal-data-field",
)
N, CELL, COL = "cong-khai/a.yml", "tables[1].rows[1][2]", "tables[1].columns[2]"
P, HEAD = "ho-ngheo/r.yml", "households[1].head"
CASES = [
    # 12-digit citizen ID in free text, before a comma
    (N, notice(body="Ông A, CCCD 001089012345, đã nộp."), ID, 4, "body"),
    # 9-digit old ID as text in a table cell, and as a number YAML read without quotes
    (N, notice(cell="'CMND 125678901'"), ID, 14, CELL),
    (N, notice(cell="125678901"), ID, 14, CELL),
    # a 12-digit ID typed without quotes looks octal to YAML 1.1: the digits must survive
    (N, notice(cell="001234567012"), ID, 14, CELL),
    # mobile phones: spaced, +84 with dots, and one YAML would read as an octal number
    ("ke-hoach/k.yml", PLAN.format(task="Gọi anh Bình 0912 345 678"), PHONE, 9, "tasks[2].task"),
    ("hoi-dap/h.yml", QUESTION.format(answer="Gọi +84 912.345.678."), PHONE, 4, "answer"),
    (N, notice(cell="0312345670"), PHONE, 14, CELL),
    # a landline that is not the commune's
    (N, notice(body="Gọi số 0221 3865 999."), PHONE, 4, "body"),
    # dates of birth: in text with the word, and anywhere in a named list
    (N, notice(body="Bà C sinh ngày 12/05/1980."), BIRTH, 4, "body"),
    (P, POVERTY.replace("Trịnh Thị Hà,", "'Trịnh Thị Hà 12/05/1980',"), BIRTH, 8, HEAD),
    # health and ethnicity columns, birth-date and ID columns
    (N, notice(column="Dân tộc"), FIELD, 11, COL),
    (N, notice(column="Tình trạng sức khỏe"), FIELD, 11, COL),
    (N, notice(column="Khuyết tật"), FIELD, 11, COL),
    (N, notice(column="Năm sinh"), FIELD, 11, COL),
    (N, notice(column="Số CCCD"), FIELD, 11, COL),
    # a named list carries only its allowed fields
    (P, POVERTY.replace("2}", "2, dan_toc: Kinh}", 1), FIELD, 8, "households[1].dan_toc"),
    (P, POVERTY.replace("2}", "2, benh: tim}", 1), FIELD, 8, "households[1].benh"),
    # officials' duty phones are allowed; a private number in their biography is not
    ("can-bo/can-bo.yml", OFFICIALS.format(bio="0987 654 321"), PHONE, 7, "officials[1].bio"),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "text", "code", "line", "field"), CASES)
def test_each_detector_blocks_with_its_location(
    tree: Callable[..., Path], rel: str, text: str, code: str, line: int, field: str
) -> None:
    found = problems_of(tree({rel: text}))
    assert (code, f"content/{rel}", line, field) in personal(found)


def test_officials_phones_emails_and_the_communes_own_number_are_allowed(
    tree: Callable[..., Path],
) -> None:
    found = problems_of(
        tree(
            {
                "can-bo/can-bo.yml": OFFICIALS.format(bio="Cử nhân Luật."),
                "cong-khai/a.yml": notice(
                    body="Liên hệ ông An (0221 3868 101, ubnd.thunghiem@hungyen.gov.vn) "
                    "hoặc văn phòng UBND xã (0221 3865 100). Họp ngày 12/05/2026."
                ),
            }
        )
    )
    assert personal(found) == []


def test_sums_of_money_are_not_id_numbers(tree: Callable[..., Path]) -> None:
    # 300000000 (nine digits) sits in the amount column of every NOTICE table.
    assert personal(problems_of(tree({"cong-khai/a.yml": notice()}))) == []


def test_a_hit_blocks_check_and_build(tree: Callable[..., Path]) -> None:
    config = tree({"cong-khai/a.yml": notice(body="Gọi 0912 345 678.")})
    checked = check(config, date(2026, 11, 27))
    phone = [p for p in checked.problems if p.code == "personal-data-phone"]
    assert phone and phone[0].render().startswith("content/cong-khai/a.yml:4  body\n  lỗi ")
    assert "091…78" in phone[0].message and "0912 345 678" not in phone[0].render()
    result = build(config, config.parent / "site", date(2026, 11, 27))
    assert not result.built and not (config.parent / "site").exists()


def test_the_withdrawals_register_is_published_so_it_is_checked_too(
    tree: Callable[..., Path],
) -> None:
    register = (
        "withdrawn:\n"
        "- path: content/cong-khai/cu.yml\n"
        "  date: 2026-03-02\n"
        "  reason: Ghi sai số CCCD 001089012345 của ông A; gọi 0912 345 678 để hỏi.\n"
    )
    config = tree({"_thu-hoi.yml": register})
    found = [p for p in check(config, AS_OF).problems if p.code.startswith("personal-data")]
    assert sorted((p.code, str(p.location)) for p in found) == [
        ("personal-data-id", "content/_thu-hoi.yml:4"),
        ("personal-data-phone", "content/_thu-hoi.yml:4"),
    ]


# Images ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_published_images_carry_no_exif_gps_or_text(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / f"anh.{fmt.lower()}"
    source.write_bytes(tagged_image(fmt))
    assert any(m in source.read_bytes() for m in IMAGE_MARKERS)  # the test image is tagged
    data = clean_image(source, fmt)
    assert [m for m in IMAGE_MARKERS if m in data] == []
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not {"exif", "xmp", "comment", "Comment", "XML:com.adobe.xmp"} & set(image.info)
        if fmt != "GIF":
            assert image.size == (20, 40)  # turned upright before the orientation was dropped


def test_every_image_a_build_publishes_is_clean(hostile_site: Path) -> None:
    """End to end: phone photos (JPEG, PNG, WebP, GIF) attached to a notice, then built."""
    published = sorted(p for p in hostile_site.rglob("*") if p.suffix in IMAGE_SUFFIXES)
    names = {p.name for p in published}
    assert {"anh-hien-truong.jpg", "so-do.png", "dong-gop.webp", "ban-tin.gif"} <= names
    blobs = {str(p): p.read_bytes() for p in published}
    for path in hostile_site.rglob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            blobs.update({f"{path}!{n}": archive.read(n) for n in archive.namelist()})
    assert {name for name, blob in blobs.items() if any(m in blob for m in IMAGE_MARKERS)} == set()


# Named lists leave the site when their posting window ends --------------------------------


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as text, members of zip files (and of xlsx) included."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            texts[str(path.relative_to(site))] = _text(path.read_bytes())
    return texts


def _text(data: bytes) -> str:
    if data[:2] == b"PK":  # a zip, or an xlsx whose strings are inside its own zip
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(_text(archive.read(n)) for n in archive.namelist())
    return data.decode("utf-8", errors="replace")


def _heads(path: Path) -> set[str]:
    data, _ = parse(path.read_text("utf-8"))
    return {str(h["head"]) for h in data.get("households", [])}


def test_named_lists_leave_every_file_of_the_site_after_posting(hostile_site: Path) -> None:
    """As of 27/11/2026 the 2023–2025 lists are past their posting window: their names are
    in no file of the site (pages, search index, data, feeds, zip), their counts stay."""
    content = hostile_site.parent / "content"
    expired: set[str] = set()
    showing: set[str] = set()
    for path in sorted((content / "ho-ngheo").glob("*.yml")):
        data, _ = parse(path.read_text("utf-8"))
        window_ends = date.fromisoformat(str(data["posting"]["to"]))
        (expired if window_ends < AS_OF else showing).update(_heads(path))
    # Names also written elsewhere (an official, a current list) may rightly stay.
    others = "\n".join(
        p.read_text("utf-8") for p in content.rglob("*.yml") if "ho-ngheo" not in p.parts
    )
    secret = {name for name in expired - showing if name not in others}
    assert len(secret) > 20
    texts = site_texts(hostile_site)
    leaks = sorted(
        {f"{name}: {file}" for file, text in texts.items() for name in secret if name in text}
    )
    assert leaks == []
    page = texts["ho-ngheo/ra-soat-ho-ngheo-2023/index.html"]
    assert "Số hộ theo thôn và phân loại" in page and ">Thôn 1<" in page
    assert "Danh sách hộ theo kết quả rà soát" not in page


@pytest.mark.parametrize(
    ("as_of", "named"), [(date(2026, 12, 21), True), (date(2026, 12, 22), False)]
)
def test_a_named_list_shows_names_only_to_the_last_day_of_its_window(
    tree: Callable[..., Path], as_of: date, named: bool
) -> None:
    """POVERTY is posted 21/11–21/12/2026: its names are on the page to 21/12, then gone
    from every page and data file the generator writes; the counts stay."""
    _, rendered = render_site(tree(files()), as_of)
    written = [p.body + p.description + p.title for p in rendered.pages]
    written += [data.decode("utf-8", errors="replace") for _, data in rendered.data]
    found = {
        name
        for name in ("Trịnh Thị Hà", "Lê Văn Long", "Ngô Thị Sen")
        for t in written
        if name in t
    }
    assert bool(found) is named
    page = next(p for p in rendered.pages if p.url == "ho-ngheo/ra-soat-2026/")
    assert page.noindex is named
    assert "Số hộ theo thôn và phân loại" in page.body


# --- the look at a whole file never clears what a detector would find ------------------

_TRICKY = st.one_of(
    st.text(alphabet='0123456789 .-/+,\n"\\sinhSINHſıİ ngàyNăm', max_size=40),
    st.integers(min_value=0, max_value=10**30),  # whole numbers: ID numbers without quotes
)


@given(st.lists(_TRICKY, max_size=6), st.booleans())
@settings(max_examples=400, deadline=None)
def test_the_whole_file_look_never_clears_a_hit(values: list[object], in_list: bool) -> None:
    texts = [text for _, text in privacy.walk_text(values, numbers=True)]
    found = any(
        privacy.scan_text(t, SourceLocation("x.yml"), frozenset(), in_list=in_list) for t in texts
    )
    if found or privacy.may_contain(texts, in_list=in_list):
        assert privacy.may_contain_any(privacy.serialise({"a": values}), in_list=in_list)


def test_a_birth_word_in_look_alike_letters_is_still_seen() -> None:
    for word in ("ngày sınh 01/02/1990", "NGÀY SİNH 01/02/1990", "ngày ſinh 01/02/1990"):
        assert privacy.scan_text(word, SourceLocation("x.yml"), frozenset())
        assert privacy.may_contain_any(privacy.serialise([word]))
