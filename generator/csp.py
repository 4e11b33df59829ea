"""Content-Security-Policy of every page: nothing runs or loads unless it is ours.

theme/overrides/main.html puts a <meta http-equiv="Content-Security-Policy"> with a
placeholder at the top of every page's head; the MkDocs hook (generator/mkdocs_hooks.py)
replaces it in each page MkDocs renders, the shells included, so the pages engine.fill
copies from a shell carry the shell's policy. Scripts may come from the site itself or be
one of the inline scripts Material writes into the page, named by their SHA-256 hashes, so
a script smuggled into content (or a future template change) does not run.

A policy in a <meta> tag cannot say `frame-ancestors` (browsers ignore it there), nor send
violation reports: whoever serves the site should add `frame-ancestors 'self'` as an HTTP
header (see README).
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "CKCSPq7"

# Material's inline scripts (its settings loader, the tab restorer) and our JSON data blocks.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Types a browser runs as script; any other type (application/json, ld+json) is data only.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}

FIXED = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("media-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of `html` that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _RUNNABLE:
            found.append(body)
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(html: str) -> str:
    """The policy for a page: our fixed rules, and the hashes of exactly its inline scripts."""
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})
    rules = [("default-src", "'self'"), ("script-src", " ".join(["'self'", *hashes]))]
    rules += [rule for rule in FIXED if rule[0] != "default-src"]
    return "; ".join(f"{name} {value}" for name, value in rules)


def apply(html: str) -> str:
    """`html` with its placeholder replaced by its policy (unchanged without one)."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(PLACEHOLDER, policy(html), 1)
