"""Feeds for machines: an Atom feed of new disclosures and robots.txt.

The sitemap is MkDocs' own, through theme/overrides/sitemap.xml, which leaves out the
pages marked noindex (print notices, named lists) and dates pages by their publication.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date

from . import markup
from .kinds import BY_NAME
from .records import Disclosure, Document, Record
from .render import Renderer

ATOM = "http://www.w3.org/2005/Atom"
FEED_URL = "feed.xml"
FEED_SIZE = 50  # entries: the newest disclosures
TIMEZONE = "+07:00"  # Vietnam; legal dates are days, published at the start of the day


def stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00{TIMEZONE}"


def feed_records(r: Renderer) -> list[tuple[date, Record]]:
    """Disclosures and documents published on or before the as-of date, newest first."""
    found: list[tuple[date, Record]] = []
    for record in r.content.records:
        day = record.published_on if isinstance(record, (Disclosure, Document)) else None
        if day and day <= r.as_of:
            found.append((day, record))
    found.sort(key=lambda item: (item[0], item[1].url), reverse=True)
    return found[:FEED_SIZE]


def summary_of(record: Record) -> tuple[str, str]:
    """(type, text) of an entry's summary: sanitised HTML from the summary, else plain text."""
    if isinstance(record, Disclosure) and record.summary:
        return "html", markup.to_html(record.summary)
    if isinstance(record, Document):
        return "text", record.abstract
    return "text", record.display_title


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def atom(r: Renderer, entries: Iterable[tuple[date, Record]]) -> bytes:
    base = r.config.base_url
    items = list(entries)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "vi"})
    _text(feed, "id", base)
    _text(feed, "title", f"Mới công khai – Cổng công khai {r.config.full_name}")
    _text(
        feed, "subtitle", f"Thông tin công khai của {r.config.authority}, tỉnh {r.config.province}"
    )
    _text(feed, "updated", stamp(items[0][0] if items else r.as_of))
    ET.SubElement(
        feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base + FEED_URL}
    )
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base})
    author = ET.SubElement(feed, "author")
    _text(author, "name", r.config.authority)
    if r.config.email:
        _text(author, "email", r.config.email)
    _text(author, "uri", base)
    _text(feed, "generator", "congkhai")
    for day, record in items:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", base + record.url)
        _text(entry, "title", record.display_title)
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "href": base + record.url}
        )
        _text(entry, "published", stamp(day))
        _text(entry, "updated", stamp(day))
        kind = BY_NAME[record.kind]
        ET.SubElement(entry, "category", {"term": kind.folder, "label": kind.title})
        kind_of_text, text = summary_of(record)
        _text(entry, "summary", text, type=kind_of_text)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def robots(r: Renderer) -> bytes:
    """Every page may be read; pages not to be listed say so with a noindex meta tag."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {r.config.base_url}sitemap.xml\n".encode()


def publish(r: Renderer) -> list[tuple[str, bytes]]:
    """feed.xml and robots.txt."""
    return [(FEED_URL, atom(r, feed_records(r))), ("robots.txt", robots(r))]
