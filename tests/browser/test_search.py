"""Search in the built example site, in Chromium: accents forgiven, exact accents first, light."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

INDEX = "tim-kiem/chi-muc/"
WORD = re.compile(r"[^\W_]+")


def page_words(site_dir: Path, path: str) -> str:
    """The words of a built page as search sees them: its article and its description."""
    text = (site_dir / path / "index.html").read_text("utf-8")
    article = re.search(r"<article\b.*?</article>", text, re.S)
    described = re.search(r'<meta name="description" content="([^"]*)"', text)
    parts = [article.group(0) if article else "", described.group(1) if described else ""]
    plain = html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))
    return " ".join(WORD.findall(unicodedata.normalize("NFC", plain).lower()))


def contains(site_dir: Path, path: str, phrase: str) -> bool:
    return f" {phrase} " in f" {page_words(site_dir, path)} "


def all_pages(site_dir: Path) -> list[str]:
    return [
        p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
        if p.parent != site_dir and "tim-kiem" not in p.parts
    ]


def search(page: Page, base_url: str, query: str, everything: bool = False) -> list[str]:
    """Type `query` on the search page; the result paths in rank order (all pages of them)."""
    page.goto(base_url + "tim-kiem/")
    page.fill("#ck-search-q", query)
    page.press("#ck-search-q", "Enter")
    expect(page.locator("#ck-search-status")).to_contain_text("Tìm thấy")
    results = page.locator("#ck-search-results > li")
    expect(results.first).to_be_visible()
    more = page.locator("#ck-search-more")
    while everything and more.is_visible():
        before = results.count()
        more.click()
        expect(results).not_to_have_count(before)
    hrefs = page.locator("#ck-search-results > li > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [h.removeprefix(base_url) for h in hrefs]


@pytest.mark.parametrize(
    ("query", "accented"),
    [
        ("ngan sach", "ngân sách"),
        ("ho ngheo", "hộ nghèo"),
        ("duong", "đường"),
        ("dat dai", "đất đai"),
    ],
)
def test_query_without_accents_finds_the_accented_pages_first(
    page: Page, base_url: str, site_dir: Path, query: str, accented: str
) -> None:
    having = [p for p in all_pages(site_dir) if contains(site_dir, p, accented)]
    assert having, f"the example site has no page with {accented!r}"
    found = search(page, base_url, query)
    top = found[: min(5, len(having))]
    assert [p for p in top if not contains(site_dir, p, accented)] == [], (query, found)
    status = page.locator("#ck-search-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(r"^Tìm thấy \d+ kết quả"))


@pytest.mark.parametrize("word", ["dưỡng", "phạt", "đạt"])
def test_accented_query_ranks_the_exact_spelling_before_other_tones(
    page: Page, base_url: str, site_dir: Path, word: str
) -> None:
    found = search(page, base_url, word, everything=True)
    exact = [contains(site_dir, p, word) for p in found]
    assert any(exact) and not all(exact), (word, found)
    assert exact.index(False) == sum(exact), f"{word}: a page without it ranks above one with it"


def test_phrase_ranks_above_scattered_words(page: Page, base_url: str, site_dir: Path) -> None:
    found = search(page, base_url, "ngan sach", everything=True)
    phrase = [contains(site_dir, p, "ngân sách") for p in found]
    assert any(phrase) and not all(phrase)
    assert phrase.index(False) == sum(phrase)


def test_results_show_titles_sections_and_marked_words(page: Page, base_url: str) -> None:
    search(page, base_url, "ho ngheo")
    first = page.locator("#ck-search-results > li").first
    expect(first.locator("a mark").first).to_have_text(re.compile("hộ|nghèo", re.I))
    expect(first.locator(".ck-snippet")).not_to_be_empty()
    expect(page.locator("#ck-search-nojs")).to_be_hidden()
    assert "q=ho+ngheo" in page.url or "q=ho%20ngheo" in page.url


def test_first_search_downloads_only_a_few_small_files(
    page: Page, base_url: str, site_dir: Path
) -> None:
    page.goto(base_url + "tim-kiem/")
    page.wait_for_load_state("load")
    requests: list[Request] = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.fill("#ck-search-q", "ngan sach")
    page.press("#ck-search-q", "Enter")
    expect(page.locator("#ck-search-results > li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    sizes = {
        r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests
    }
    assert all(url.startswith(base_url) for url in sizes), sizes
    shards = [u for u in sizes if f"{INDEX}t/" in u]
    chunks = [u for u in sizes if f"{INDEX}d/" in u]
    assert 1 <= len(shards) <= 3 and 1 <= len(chunks) <= 10, sorted(sizes)
    whole_index = sum(f.stat().st_size for f in (site_dir / INDEX).rglob("*.json"))
    downloaded = sum(sizes.values())
    assert downloaded < 150_000, sizes
    assert downloaded < whole_index / 5, (downloaded, whole_index)


def test_other_pages_load_no_search_code_or_index(page: Page, base_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert [u for u in urls if "chi-muc" in u or "search.js" in u] == []
    assert all(u.startswith(base_url) for u in urls), urls


def test_header_form_takes_a_search_to_the_search_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "ngan-sach/")
    form = page.locator('form[role="search"]')
    expect(form).to_have_count(1)
    page.get_by_label("Tìm thông tin công khai").fill("dat dai")
    page.get_by_label("Tìm thông tin công khai").press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=dat\+dai$"))
    expect(page.locator("#ck-search-q")).to_have_value("dat dai")
    expect(page.locator("#ck-search-results a").first).to_contain_text(re.compile("đất", re.I))


def test_without_javascript_the_search_page_points_to_the_sections(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "ngan-sach/")
        page.get_by_label("Tìm thông tin công khai").fill("ngan sach")
        page.get_by_label("Tìm thông tin công khai").press("Enter")
        page.wait_for_url(re.compile(r"/tim-kiem/\?q=ngan\+sach$"))
        notice = page.locator("#ck-search-nojs")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Tìm kiếm cần JavaScript")
        expect(notice.get_by_role("link", name="Công khai ngân sách")).to_have_attribute(
            "href", "../ngan-sach/"
        )
    finally:
        context.close()


def test_budget_table_reads_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "ngan-sach/2025/du-toan-duoc-giao/")
        table = page.locator("table.ck-table").first
        expect(table).to_be_visible()
        expect(table.locator("caption")).to_contain_text("Biểu số")
        assert table.locator('thead th[scope="col"]').count() >= 2
        assert table.locator("tbody tr").count() >= 3
    finally:
        context.close()


def test_no_result_says_so_in_vietnamese(page: Page, base_url: str) -> None:
    page.goto(base_url + "tim-kiem/?q=zzqx+constructor")
    expect(page.locator("#ck-search-status")).to_have_text(
        re.compile(r"^Không tìm thấy kết quả nào cho “zzqx constructor”")
    )
    expect(page.locator("#ck-search-results > li")).to_have_count(0)
