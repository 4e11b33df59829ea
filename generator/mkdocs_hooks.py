"""MkDocs hooks (plain functions, not a plugin): skip Markdown parsing of our pages.

render.py writes every page body as finished, sanitised HTML. Python-Markdown would only
pass that HTML through, at a cost that dominates large builds (its HTML block parser
walks every tag of every table), so the page's HTML is set aside before parsing and put
back as the page content afterwards. Without this file the site comes out the same,
only slower.
"""

from __future__ import annotations

from typing import Any

MARK = '<div class="ck-page">'
_stash: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if markdown.lstrip().startswith(MARK):
        _stash[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return _stash.pop(page.file.src_uri, html)
