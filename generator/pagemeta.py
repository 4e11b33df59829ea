"""Page metadata for sharing and search engines: Open Graph type, dates, schema.org JSON-LD.

Python decides the values; theme/overrides/main.html writes them from the page's front
matter. The home page describes the commune authority (GovernmentOrganization); a page
with tables describes each as a Dataset with its downloads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html import escape
from typing import Any

from .datasets import Dataset
from .opendata import MEDIA_TYPES
from .records import Disclosure, Document, Record
from .render import Page, Renderer


def published_on(record: Record | None) -> date | None:
    if isinstance(record, Disclosure):
        return record.published_on
    if isinstance(record, Document):
        return record.published_on or record.issued_on
    return None


def organisation(r: Renderer) -> dict[str, Any]:
    c = r.config
    found: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "@id": f"{c.base_url}#co-quan",
        "name": c.authority,
        "url": c.base_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": c.address,
            "addressRegion": c.province,
            "addressCountry": "VN",
        },
        "areaServed": {"@type": "AdministrativeArea", "name": f"{c.full_name}, tỉnh {c.province}"},
    }
    if c.phone:
        found["telephone"] = c.phone
    if c.email:
        found["email"] = c.email
    if c.name_en:
        found["alternateName"] = f"People's Committee of {c.name_en}"
    return found


def dataset(r: Renderer, ds: Dataset) -> dict[str, Any]:
    base = r.config.base_url
    found: dict[str, Any] = {
        "@type": "Dataset",
        "name": ds.title,
        "description": ds.description or ds.title,
        "url": f"{base}{ds.page_url}#{ds.anchor}",
        "inLanguage": "vi",
        "isAccessibleForFree": True,
        "creator": {
            "@id": f"{base}#co-quan",
            "@type": "GovernmentOrganization",
            "name": r.config.authority,
        },
        "spatialCoverage": f"{r.config.full_name}, tỉnh {r.config.province}",
        "variableMeasured": [f.name for f in ds.fields],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[fmt], "contentUrl": base + path}
            for fmt, path in ds.files.items()
        ],
    }
    if ds.published_on:
        found["datePublished"] = ds.published_on.isoformat()
    return found


def json_ld(graph: list[dict[str, Any]]) -> str:
    """JSON-LD safe inside a <script> element: no <, > or & left as such."""
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head(r: Renderer, page: Page, published: date | None, graph: list[dict[str, Any]]) -> str:
    """The page's own <head> tags: robots, Open Graph and JSON-LD, ready to print."""
    tags = []
    if page.noindex:
        tags.append('<meta name="robots" content="noindex">')
    tags += [
        f'<meta property="og:type" content="{"website" if page.url == "" else "article"}">',
        '<meta property="og:locale" content="vi_VN">',
        f'<meta property="og:title" content="{escape(page.title)}">',
        f'<meta property="og:url" content="{escape(r.config.base_url + page.url)}">',
    ]
    if page.description:
        tags.append(f'<meta property="og:description" content="{escape(page.description)}">')
    if published:
        tags.append(f'<meta property="article:published_time" content="{published.isoformat()}">')
    if graph:
        tags.append(f'<script type="application/ld+json">{json_ld(graph)}</script>')
    return "\n".join(tags)


def annotator(r: Renderer) -> Callable[[Page], Page]:
    """A function that gives a page its head tags and publication date in its meta."""
    records = {record.url: record for record in r.content.records}

    def annotate(page: Page) -> Page:
        meta = dict(page.meta)
        day = published_on(records.get(page.url))
        if day:
            meta["published"] = day.isoformat()
        graph = [organisation(r)] if page.url == "" else []
        if not page.noindex:
            graph += [dataset(r, ds) for ds in r.page_datasets.get(page.url, ())]
        meta["head"] = head(r, page, day, graph)
        return replace(page, meta=tuple(sorted(meta.items())))

    return annotate
