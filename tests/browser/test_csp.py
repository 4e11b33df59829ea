"""The Content-Security-Policy in Chromium: our and Material's scripts run, search works,
nothing is blocked on our own pages, and a script smuggled into a page does not run."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""

PAGES = [
    "",  # home, rendered by MkDocs
    "ngan-sach/2025/du-toan-duoc-giao/",  # filled from a shell
    "ho-ngheo/ra-soat-ho-ngheo-2023/",
    "dat-dai/quy-hoach-su-dung-dat-2021-2030/",  # maps (images)
    "du-lieu/",
    "404.html",
]


@pytest.fixture
def watched(context: BrowserContext) -> BrowserContext:
    context.add_init_script(WATCH)
    return context


@pytest.mark.parametrize("url", PAGES)
def test_pages_run_their_scripts_and_break_no_rule(
    watched: BrowserContext, page: Page, base_url: str, url: str
) -> None:
    page.goto(base_url + url)
    page.wait_for_load_state("load")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    expect(policy).to_have_count(1)
    assert "script-src 'self' 'sha256-" in (policy.get_attribute("content") or "")
    # Material's inline settings script and its bundle both ran.
    assert page.evaluate("typeof __md_get === 'function' && typeof __md_scope === 'object'")
    assert page.evaluate("typeof document$ === 'object'")
    assert page.evaluate("window.__violations") == []


def test_search_works_under_the_policy(watched: BrowserContext, page: Page, base_url: str) -> None:
    page.goto(base_url + "tim-kiem/")
    page.fill("#ck-search-q", "ngan sach")
    page.press("#ck-search-q", "Enter")
    expect(page.locator("#ck-search-status")).to_contain_text("Tìm thấy")
    expect(page.locator("#ck-search-results > li").first).to_be_visible()
    assert page.evaluate("window.__violations") == []


def test_a_script_smuggled_into_a_page_does_not_run(
    watched: BrowserContext, page: Page, base_url: str
) -> None:
    page.goto(base_url + "ngan-sach/2025/du-toan-duoc-giao/")
    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.__ran = true';
          document.body.append(script);
          const image = document.createElement('img');
          image.setAttribute('src', 'https://evil.example/pixel.png');
          document.body.append(image);
        }"""
    )
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.__ran === undefined")
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any("evil.example" in v for v in violations), violations
