"""Printing in Chromium: every kind of page fits A4; notices and the data page pass axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .test_accessibility import FIXED, KIND_FOLDERS, first_page_of, violations

NOTICE = "ngan-sach/2025/du-toan-duoc-giao/niem-yet/"
A4_POINTS = (595.0, 842.0)  # PDF page size, portrait, within a point


def pages_to_print(site_dir: Path) -> list[str]:
    fixed = [url for name, url in FIXED.items() if name != "search"]
    disclosures = [first_page_of(site_dir, folder) for folder in KIND_FOLDERS]
    # Citizens' questions are answers, not disclosures: they have no notice for the board.
    notices = [url + "niem-yet/" for url in disclosures if not url.startswith("hoi-dap/")]
    return [*fixed, *disclosures, *notices, "du-lieu/"]


def overflowing(page: Page) -> list[str]:
    """Elements of the content wider than the printed column, as 'tag.class (px)'."""
    return list(
        page.evaluate(
            """() => {
                const column = document.querySelector('.md-content').getBoundingClientRect();
                const wide = [];
                for (const e of document.querySelectorAll('.md-content *')) {
                    const box = e.getBoundingClientRect();
                    if (box.width > 0 && box.right > column.right + 1) {
                        const over = Math.round(box.right - column.right);
                        wide.push(`${e.tagName.toLowerCase()}.${e.className} (${over}px)`);
                    }
                }
                return wide.slice(0, 5);
            }"""
        )
    )


def test_every_kind_of_page_fits_an_a4_column_when_printed(
    page: Page, base_url: str, site_dir: Path
) -> None:
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 less 35 mm of margins, at 96 dpi
    for url in pages_to_print(site_dir):
        page.goto(base_url + url)
        assert page.locator(".md-header").is_hidden(), url
        assert page.locator(".md-sidebar--primary").is_hidden(), url
        assert overflowing(page) == [], url


def test_notice_prints_on_a4_with_its_qr_code(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + NOTICE)
    pdf = tmp_path / "notice.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    head = pdf.read_bytes()
    sizes = {
        tuple(round(float(n)) for n in box.split()[2:4])
        for box in head.decode("latin-1").split("/MediaBox [")[1:]
        for box in [box.split("]")[0]]
    }
    assert sizes == {tuple(round(n) for n in A4_POINTS)}
    page.emulate_media(media="print")
    assert page.locator(".ck-notice svg.ck-qr").is_visible()
    assert page.locator(".ck-notice-screen").is_hidden()


@pytest.mark.parametrize("url", [NOTICE, "du-lieu/"])
def test_notice_and_data_pages_have_no_serious_violations(
    page: Page, base_url: str, url: str
) -> None:
    page.goto(base_url + url)
    assert violations(page) == [], url
