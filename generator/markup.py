"""Staff-written Markdown to safe HTML: Python-Markdown, then the nh3 sanitiser.

Content may contain raw HTML pasted from Word or a web page; nothing it brings may run
in a citizen's browser: no script, event handler, iframe, form or inline style.
"""

from __future__ import annotations

from functools import lru_cache

import markdown as md_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}


def _converter() -> md_lib.Markdown:
    return md_lib.Markdown(extensions=["tables", "sane_lists"], output_format="html")


_md = _converter()


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=4096)
def to_html(text: str, shift: int = 1) -> str:
    """Markdown → sanitised HTML; headings shifted down so the page keeps one h1."""
    if not text:
        return ""
    _md.reset()
    html = _md.convert(text)
    for level in range(6 - shift, 0, -1):
        html = html.replace(f"<h{level}", f"<h{level + shift}").replace(
            f"</h{level}>", f"</h{level + shift}>"
        )
    return sanitise(html)
