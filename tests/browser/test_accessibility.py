"""Accessibility in Chromium: axe-core on one page of every kind, and the keyboard path."""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

# axe-core's own build, as shipped inside the pinned axe-playwright-python wheel.
AXE_SOURCE = (importlib.resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
KIND_FOLDERS = (
    "ngan-sach", "ho-ngheo", "dat-dai", "thu-tuc", "van-ban", "ke-hoach", "cong-khai", "hoi-dap",
)  # fmt: skip
FIXED = {
    "home": "",
    "organisation": "to-chuc/",
    "locality": "to-chuc/dia-phuong/",
    "officials": "can-bo/",
    "reception": "tiep-cong-dan/",
    "catalogue": "danh-muc-cong-khai/",
    "quarterly": "danh-sach-cong-khai-theo-quy/",
    "ati": "tiep-can-thong-tin/",
    "integrity": "kiem-tra/",
    "english": "en/",
    "english-contacts": "en/contacts/",
    "search": "tim-kiem/?q=ngan+sach",
}


@pytest.fixture(scope="module")
def shared(browser: Browser) -> Iterator[BrowserContext]:
    """One profile for every page checked here: axe needs no fresh cache, and it saves time."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(shared: BrowserContext) -> Iterator[Page]:
    page = shared.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == [], errors


def first_page_of(site_dir: Path, folder: str) -> str:
    """One disclosure page of a kind: the first in its folder, in path order."""
    pages = sorted(
        p.parent.relative_to(site_dir).as_posix()
        for p in (site_dir / folder).rglob("index.html")
        if p.parent != site_dir / folder
    )
    assert pages, folder
    return pages[0] + "/"


def violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the loaded page, one line each."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
    # does not govern; a <script> tag would be (rightly) refused by it.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "which",
    [*FIXED, *(f"index:{f}" for f in KIND_FOLDERS), *(f"page:{f}" for f in KIND_FOLDERS)],
)
def test_no_serious_accessibility_violations(
    page: Page, base_url: str, site_dir: Path, which: str
) -> None:
    if which in FIXED:
        url = FIXED[which]
    elif which.startswith("index:"):
        url = which.removeprefix("index:") + "/"
    else:
        url = first_page_of(site_dir, which.removeprefix("page:"))
    page.goto(base_url + url)
    if which == "search":
        expect(page.locator("#ck-search-results > li").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert violations(page) == [], url


def test_phone_width_search_page_has_no_serious_violations(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + "tim-kiem/?q=ho+ngheo")
    expect(page.locator("#ck-search-results > li").first).to_be_visible()
    assert violations(page) == []


def focused(page: Page) -> str:
    return str(
        page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e) return "";
                if (e.id) return "#" + e.id;
                return e.closest("article") && e.tagName === "A" ? "article a" : e.tagName;
            }"""
        )
    )


def test_keyboard_reaches_the_search_box_then_the_content_links(page: Page, base_url: str) -> None:
    page.goto(base_url)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == "article a":
            break
    assert "#ck-header-q" in seen, seen
    assert seen[-1] == "article a", seen
    assert seen.index("#ck-header-q") < seen.index("article a")
    link = page.locator(":focus")
    expect(link).to_be_visible()
    target = link.evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
