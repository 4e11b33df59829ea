"""Feeds and metadata: Atom feed, robots.txt, sitemap without noindex pages, Open Graph, JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
from small_commune import data, files, render_site

from generator import engine
from generator.pagemeta import json_ld
from generator.render import Page, Rendered

BASE = "https://thunghiem.hungyen.gov.vn/"


def meta(rendered: Rendered, url: str) -> dict[str, str]:
    """The page's meta, with its head tags read back: og_type and jsonld when present."""
    found: list[Page] = [p for p in rendered.pages if p.url == url]
    assert found, url
    values = dict(found[0].meta)
    head = values.get("head", "")
    og = re.search(r'<meta property="og:type" content="([^"]+)">', head)
    if og:
        values["og_type"] = og.group(1)
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    if ld:
        values["jsonld"] = ld.group(1)
    return values


def graph(html_or_meta: str) -> list[dict]:
    return json.loads(html_or_meta)["@graph"]  # type: ignore[no-any-return]


def test_atom_feed_lists_published_disclosures_newest_first(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    feed = feedparser.parse(data(rendered)["feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Mới công khai – Cổng công khai xã Thử Nghiệm"
    assert feed.feed.links[0].href == BASE + "feed.xml"
    assert [(e.link, e.published[:10]) for e in feed.entries] == [
        (BASE + "ho-ngheo/ra-soat-2026/", "2026-11-21"),
        (BASE + "ngan-sach/2025/du-toan/", "2024-12-26"),
        (BASE + "van-ban/21-qd-ubnd/", "2024-03-02"),
    ]  # the notice published on 15/12/2026 is not out yet on 27/11/2026
    budget = feed.entries[1]
    assert budget.title == "Công khai dự toán ngân sách xã năm 2025"
    assert budget.summary == "<p>Tổng thu, tổng chi ngân sách xã 300 triệu đồng.</p>"
    assert budget.tags[0].term == "ngan-sach"
    assert budget.published == "2024-12-26T00:00:00+07:00"


def test_feed_never_names_households(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    assert "Trịnh Thị Hà" not in data(rendered)["feed.xml"].decode()


def test_robots_points_at_the_sitemap(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    assert data(rendered)["robots.txt"] == (
        b"User-agent: *\nAllow: /\n\nSitemap: https://thunghiem.hungyen.gov.vn/sitemap.xml\n"
    )


def test_home_page_describes_the_commune_authority(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    home = meta(rendered, "")
    assert home["og_type"] == "website"
    [organisation] = graph(home["jsonld"])
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "UBND xã Thử Nghiệm"
    assert organisation["address"]["addressRegion"] == "Hưng Yên"
    assert organisation["telephone"] == "0221 3865 100"


def test_pages_with_tables_describe_each_as_a_dataset(tree: Callable[..., Path]) -> None:
    _, rendered = render_site(tree(files()))
    budget = meta(rendered, "ngan-sach/2025/du-toan/")
    assert (budget["og_type"], budget["published"]) == ("article", "2024-12-26")
    [dataset] = graph(budget["jsonld"])
    assert dataset["@type"] == "Dataset"
    assert dataset["name"] == "Biểu số 108/CK TC-NSNN: Cân đối dự toán"
    assert dataset["url"] == BASE + "ngan-sach/2025/du-toan/#bieu-1"
    assert [d["contentUrl"] for d in dataset["distribution"]] == [
        BASE + "du-lieu/ngan-sach/2025/du-toan/bieu-1.csv",
        BASE + "du-lieu/ngan-sach/2025/du-toan/bieu-1.xlsx",
        BASE + "du-lieu/ngan-sach/2025/du-toan/bieu-1.json",
    ]
    assert "jsonld" not in meta(rendered, "ngan-sach/2025/du-toan/niem-yet/")
    front = engine.front_matter(
        next(p for p in rendered.pages if p.url == "ngan-sach/2025/du-toan/")
    )
    assert '<meta property="og:type" content="article">' in front
    assert "application/ld+json" in front


def test_json_ld_cannot_close_its_script_element() -> None:
    text = json_ld([{"name": "</script><script>alert(1)</script> & co"}])
    assert "<" not in text and ">" not in text and "&" not in text
    assert graph(text)[0]["name"] == "</script><script>alert(1)</script> & co"


def test_example_pages_carry_open_graph_json_ld_and_a_clean_sitemap(built_example: Path) -> None:
    home = (built_example / "index.html").read_text("utf-8")
    assert '<meta property="og:type" content="website">' in home
    assert '<meta property="og:url" content="https://nguyentrai.hungyen.gov.vn/">' in home
    assert 'type="application/atom+xml"' in home
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)
    assert graph(scripts[0])[0]["@type"] == "GovernmentOrganization"
    page = (built_example / "ngan-sach/2025/du-toan-duoc-giao/index.html").read_text("utf-8")
    assert '<meta property="article:published_time" content="2024-12-26">' in page
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert {d["@type"] for d in graph(scripts[0])} == {"Dataset"}
    sitemap = (built_example / "sitemap.xml").read_text("utf-8")
    noindex = [
        p.parent.relative_to(built_example).as_posix() + "/"
        for p in built_example.rglob("index.html")
        if '<meta name="robots" content="noindex">' in p.read_text("utf-8")
    ]
    assert noindex, "the example has print notices, which are noindex"
    for url in noindex:
        assert f"https://nguyentrai.hungyen.gov.vn/{url}</loc>" not in sitemap, url
    assert "<lastmod>2024-12-26</lastmod>" in sitemap
    feed = feedparser.parse((built_example / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) >= 30
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert published[0] <= "2026-11-27"
    robots = (built_example / "robots.txt").read_text("utf-8")
    assert "Sitemap: https://nguyentrai.hungyen.gov.vn/sitemap.xml" in robots
