"""HTML safety: content cannot make a page run or load anything; every page has a CSP;
CSV downloads cannot run as spreadsheet formulas.

The pages are checked as a browser parses them (html.parser), in the example commune built
with hostile content added (tests/hostile_content.py): script, event handlers, iframes,
forms, inline styles and javascript: links in every Markdown field, in a title and in a
table cell.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_content import ATTACK, FORMULAS

from generator.markup import to_html

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
RUNNABLE = {"", "text/javascript", "application/javascript", "module"}


class Page(HTMLParser):
    """What a browser would find in a page: tags with attributes, and each script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []
        self.in_head = False
        self.head_order: list[str] = []  # 'csp' and 'script' in the order they appear in <head>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "head":
            self.in_head = True
        if (
            self.in_head
            and tag == "meta"
            and values.get("http-equiv", "").lower() == ("content-security-policy")
        ):
            self.head_order.append("csp")
        if tag == "script":
            self._script, self._text = values, []
            if self.in_head:
                self.head_order.append("script")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    return pages


def dangers(page: Page) -> list[str]:
    found = []
    for tag, attrs in page.tags:
        if tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append("meta refresh")
        if tag == "form" and re.match(r"\s*([a-z]+:|//)", attrs.get("action", ""), re.I):
            found.append(f"form to {attrs.get('action')}")  # our own search forms are relative
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name == "style":
                found.append(f"<{tag} style>")
            if name in URL_ATTRIBUTES and re.sub(r"\s", "", value).lower().startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                found.append(f"<{tag} {name}={value}>")
    for attrs, text in page.scripts:
        if ATTACK in text and attrs.get("type", "").lower() in RUNNABLE:
            found.append("script with the attack")  # JSON-LD may quote a title: it is data
        if re.match(r"(https?:)?//", attrs.get("src", "")):
            found.append(f"script from {attrs['src']}")
    return found


def test_hostile_markup_never_reaches_a_page(hostile_site: Path) -> None:
    page = (hostile_site / "cong-khai" / "kiem-tra-an-toan" / "index.html").read_text("utf-8")
    # The hostile content is on the page, as harmless text: the test reads the right page.
    assert "CKSTYLE" in page and "CKLINK" in page and ATTACK in page
    question = hostile_site / "hoi-dap" / "2026-11-03-kiem-tra-an-toan" / "index.html"
    assert "CKSTYLE" in question.read_text("utf-8")
    found = {
        str(p.relative_to(hostile_site)): d
        for p in html_pages(hostile_site)
        if (d := dangers(parse(p)))
    }
    assert found == {}


@pytest.mark.parametrize(
    "markdown",
    [
        f"<script>{ATTACK}()</script>",
        f'<img src=x onerror="{ATTACK}()">',
        "<iframe src='https://evil.example'></iframe>",
        "<form action='https://evil.example'><input></form>",
        "<p style='position:fixed'>x</p>",
        f"[x](javascript:{ATTACK}())",
        f"<a href=' javascript:{ATTACK}()'>x</a>",
        f'<svg><a xlink:href="javascript:{ATTACK}()"><text>x</text></a></svg>',
        "<style>*{display:none}</style>",
        f"<scr<script>ipt>{ATTACK}()</script>",
    ],
)
def test_the_sanitiser_removes_each_attack(markdown: str) -> None:
    page = Page()
    page.feed(to_html(markdown))
    assert dangers(page) == []


# Content-Security-Policy ------------------------------------------------------------------


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_has_a_csp_naming_exactly_its_inline_scripts(hostile_site: Path) -> None:
    wrong = {}
    for path in html_pages(hostile_site):
        page = parse(path)
        policies = [
            attrs["content"]
            for tag, attrs in page.tags
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"
        ]
        if len(policies) != 1 or page.head_order[:1] != ["csp"]:
            wrong[path] = f"{len(policies)} policies, head order {page.head_order[:2]}"
            continue
        rules = dict(rule.strip().split(" ", 1) for rule in policies[0].split(";"))
        inline = {
            script_hash(text)
            for attrs, text in page.scripts
            if "src" not in attrs and attrs.get("type", "").lower() in RUNNABLE
        }
        expected = {
            "default-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self' data:",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
        }
        got = {name: rules.get(name) for name in expected}
        sources = set(rules.get("script-src", "").split())
        if got != expected or sources != {"'self'", *inline} or not inline:
            wrong[path] = policies[0]
        if re.search(r"https?:|\*|unsafe-", policies[0]):
            wrong[path] = policies[0]
    assert wrong == {}


# CSV downloads ---------------------------------------------------------------------------


def test_csv_downloads_never_start_a_cell_with_a_formula(hostile_site: Path) -> None:
    files = sorted(hostile_site.rglob("*.csv"))
    assert files
    cells = [
        (path.name, cell)
        for path in files
        for row in csv.reader(io.StringIO(path.read_text("utf-8-sig")))
        for cell in row
    ]
    formulas = [
        (name, cell)
        for name, cell in cells
        if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        and not re.fullmatch(r"-\d+(\.\d+)?", cell)  # a negative number is a number
    ]
    assert formulas == []
    # The hostile cells are there, defused by a leading apostrophe.
    assert {f"'{f}" for f in FORMULAS} <= {cell for _, cell in cells}
