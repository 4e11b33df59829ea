"""End to end: the example commune builds, and bad content never costs the published site."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.build import build
from generator.cli import main

AS_OF = date(2026, 11, 27)


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from shutil import copy, copytree

    root = tmp_path_factory.mktemp("example")
    repo = Path(__file__).resolve().parent.parent
    copy(repo / "site_config.yml", root / "site_config.yml")
    copytree(repo / "content", root / "content")
    result = build(root / "site_config.yml", root / "site", AS_OF)
    assert [p.render() for p in result.checked.problems if p.blocking] == []
    assert result.built
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def test_every_kind_has_an_index_and_pages(site: Path) -> None:
    for folder in (
        "ngan-sach",
        "ho-ngheo",
        "dat-dai",
        "thu-tuc",
        "van-ban",
        "ke-hoach",
        "cong-khai",
    ):
        index = read(site, folder)
        links = re.findall(r'href="([^"#]+/)"', index)
        assert links, folder
    for url in ("to-chuc", "to-chuc/dia-phuong", "can-bo", "tiep-cong-dan", "en", "en/contacts"):
        assert "<table" in read(site, url) or "<h2" in read(site, url), url


def test_budget_page_shows_form_tables_and_legal_facts(site: Path) -> None:
    page = read(site, "ngan-sach/2025/du-toan-duoc-giao")
    assert "Biểu số 108/CK TC-NSNN" in page
    assert "<caption" in page and 'scope="col"' in page
    assert "Thời gian niêm yết" in page and "Căn cứ pháp lý" in page
    assert "15/NQ-HĐND" in page
    assert "dữ liệu mẫu" in page.lower()


def test_procedure_page_has_decree_63_fields(site: Path) -> None:
    page = read(site, "thu-tuc/dang-ky-khai-sinh")
    for heading in ("Trình tự thực hiện", "Cách thức thực hiện", "Thành phần, số lượng hồ sơ",
                    "Thời hạn giải quyết", "Đối tượng thực hiện", "Cơ quan thực hiện",
                    "Kết quả thực hiện", "Phí, lệ phí", "Căn cứ pháp lý"):  # fmt: skip
        assert heading in page, heading
    assert "1.001193" in page


def test_generated_catalogue_and_quarterly_list(site: Path) -> None:
    catalogue = read(site, "danh-muc-cong-khai")
    assert "Danh mục thông tin phải được công khai" in catalogue
    assert "15/NQ-HĐND" in catalogue
    quarterly = read(site, "danh-sach-cong-khai-theo-quy")
    assert "Quý IV năm 2025" in quarterly and "Quý I năm 2024" in quarterly


def test_named_poverty_list_removed_after_posting_window(site: Path) -> None:
    old = read(site, "ho-ngheo/ra-soat-ho-ngheo-2023")
    assert "Danh sách hộ theo kết quả rà soát" not in old
    assert "Số hộ theo thôn và phân loại" in old


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//[^"']+["'][^>]*>""")
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text("utf-8", errors="replace")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", text):
            assert not pattern.search(tag) or 'rel="canonical"' in tag or "alternate" in tag, (
                path,
                tag,
            )
        if path.suffix == ".css":
            assert not re.search(r"url\((['\"]?)(https?:)?//", text), path
            assert "@import" not in text, path


def test_broken_yaml_exits_1_and_keeps_previous_site(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = example.parent / "site"
    assert (
        main(["build", "--config", str(example), "--out", str(out), "--as-of", "2026-11-27"]) == 0
    )
    before = tree_digest(out)
    target = example.parent / "content" / "ngan-sach" / "2025" / "du-toan-duoc-giao.yml"
    target.write_text(
        target.read_text("utf-8").replace("budget_year: 2025", "budget_year: [2025"), "utf-8"
    )
    capsys.readouterr()
    assert (
        main(["build", "--config", str(example), "--out", str(out), "--as-of", "2026-11-27"]) == 1
    )
    err = capsys.readouterr().err
    assert "content/ngan-sach/2025/du-toan-duoc-giao.yml:" in err
    assert "lỗi [yaml-syntax]" in err
    assert tree_digest(out) == before


def test_missing_required_field_exits_1_and_keeps_previous_site(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = example.parent / "site"
    assert (
        main(["build", "--config", str(example), "--out", str(out), "--as-of", "2026-11-27"]) == 0
    )
    before = tree_digest(out)
    target = example.parent / "content" / "thu-tuc" / "dang-ky-khai-sinh.yml"
    text = target.read_text("utf-8")
    target.write_text(re.sub(r"(?m)^time_limit:.*\n", "", text), "utf-8")
    capsys.readouterr()
    assert (
        main(["build", "--config", str(example), "--out", str(out), "--as-of", "2026-11-27"]) == 1
    )
    err = capsys.readouterr().err
    assert "content/thu-tuc/dang-ky-khai-sinh.yml:" in err
    assert "time_limit" in err and "Thiếu trường bắt buộc" in err
    assert tree_digest(out) == before


def test_bad_config_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(tmp_path / "nope.yml")]) == 2
    assert "config-missing" in capsys.readouterr().err


def test_check_json_is_what_the_standard_library_would_write(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`congkhai check --format json` uses orjson for speed; the bytes are json.dumps'."""
    from generator.checking import check
    from generator.report import to_json

    root = Path(__file__).resolve().parent.parent
    assert main(["check", "--config", str(root / "site_config.yml"), "--format", "json",
                 "--as-of", "2026-11-27"]) == 0  # fmt: skip
    expected = json.dumps(
        to_json(check(root / "site_config.yml", date(2026, 11, 27)).report),
        ensure_ascii=False,
        indent=2,
    )
    assert capsys.readouterr().out == expected + "\n"
