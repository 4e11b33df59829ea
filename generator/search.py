"""Search: a static index of the rendered pages, folded for Vietnamese and split into shards.

Citizens type "ngan sach" for "ngân sách", on slow phones. So every syllable is indexed under
its folded form (đ → d, no tone or vowel marks, lower case) with each exact spelling kept
apart, which lets the browser match all spellings and still rank the exact one first. Pairs
of adjacent syllables ("ngan sach") are indexed too, so a phrase ranks above scattered words.

The index is many small JSON files: a term's postings sit in shard number
fnv1a(term) mod S, and per-document titles and snippets sit in chunks of a few documents,
so a query downloads only the shards of its terms and the chunks of its top results.
theme/assets/search.js reads this format; change both together (FORMAT below).

    tim-kiem/chi-muc/index.json      {"format", "key", "docs", "shards", "chunk"}
    tim-kiem/chi-muc/t/<shard>.json  {folded term: {exact spelling: postings}}
    tim-kiem/chi-muc/d/<chunk>.json  [[url, title, section, snippet], ...]

Postings are one string of base-64 digits (DIGITS), documents in increasing id order. A
document right after the previous one (most of them, for common syllables) is one digit,
32 + weight. Any other is the gap to it, minus two, in 4-bit digits (low first; 16–31 say
"more follows", 0–15 end it), then one digit of weight. The weight (0–31) is 16 if the term
is in the title, plus 8 if in the description, plus 0–7 for how much of the body it is
(BM25's term-frequency part).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import Protocol

from .kinds import KINDS

FORMAT = 1
SEARCH_URL = "tim-kiem/"
INDEX_DIR = f"{SEARCH_URL}chi-muc/"
SHARD_BYTES = 4_000  # aim per shard: a query pays this much for its terms' neighbours
CHUNK_DOCS = 12  # documents per metadata chunk: ten results cost one to three chunks
SNIPPET_CHARS = 200
REFERENCE_LENGTH = 600  # syllables: BM25's "average" length, fixed so weights are reproducible
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

SECTION_TITLES = {
    **{k.folder: k.title for k in KINDS},
    "": "Trang chủ",
    "tiep-can-thong-tin": "Tiếp cận thông tin",
    "en": "English",
}

_TOKEN = re.compile(r"[^\W_]+")
# Where a phrase cannot continue: sentence punctuation and the edges of blocks and cells.
_BREAK = re.compile(r"[\n.,;:!?()\[\]{}\"“”‘’…|•·–—]+")
# Numbers in table cells and file hashes are noise for a text search; row labels stay.
_SKIP = re.compile(
    r"<(script|style)\b.*?</\1>"
    r"|<td\b[^>]*\bck-num\b[^>]*>.*?</td>"
    r"|<code class=\"ck-hash\">.*?</code>",
    re.S | re.I,
)
# The legal facts block opens most disclosure pages; a snippet of it says nothing.
_FACTS = re.compile(r"<dl class=\"ck-facts\">.*?</dl>", re.S)
_INLINE = re.compile(r"</?(?:a|abbr|b|code|em|i|mark|small|span|strong|sub|sup|time)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


class Indexable(Protocol):
    """What the index needs of a page (render.Page has it)."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def noindex(self) -> bool: ...
    @property
    def section(self) -> str: ...


_folded: dict[str, str] = {}


def fold(token: str) -> str:
    """A syllable without its marks, as people type it without accents: 'Đường' → 'duong'."""
    found = _folded.get(token)
    if found is None:
        bare = unicodedata.normalize("NFD", token.lower().replace("đ", "d"))
        found = unicodedata.normalize(
            "NFC", "".join(c for c in bare if not unicodedata.category(c).startswith("M"))
        )
        _folded[token] = found
    return found


def segments(text: str) -> Iterator[list[str]]:
    """Runs of lower-case NFC syllables that a phrase may span."""
    for part in _BREAK.split(unicodedata.normalize("NFC", text).lower()):
        tokens = _TOKEN.findall(part)
        if tokens:
            yield tokens


def text_of(body: str) -> str:
    """The readable text of a page body: tags out, blocks on their own lines."""
    body = _SKIP.sub("\n", body)
    body = _INLINE.sub("", body)
    return html.unescape(_TAG.sub("\n", body))


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; search.js computes the same."""
    h = 0x811C9DC5
    for byte in term.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _terms(text: str, counts: Counter[str]) -> int:
    """Count the syllables and adjacent pairs of `text` into `counts`; return the syllables."""
    found: list[str] = []
    length = 0
    for tokens in segments(text):
        length += len(tokens)
        found += tokens
        found += map(" ".join, pairwise(tokens))
    counts.update(found)
    return length


def _body_weights(length: int) -> list[int]:
    """BM25's term-frequency part for tf = 0, 1, 2, … in a body of `length` syllables, as 0–7."""
    k1, b = 1.2, 0.75
    norm = k1 * (1 - b + b * length / REFERENCE_LENGTH)
    return [0] + [max(1, min(7, round(tf * (k1 + 1) / (tf + norm) * 3.2))) for tf in range(1, 33)]


def _encode(postings: Iterable[int]) -> str:
    """Postings given as doc << 5 | weight, in increasing doc order, as one string."""
    out = []
    last = -1
    for item in postings:
        doc, weight = item >> 5, item & 31
        if doc == last + 1:
            out.append(_NEXT[weight])
        else:
            gap = doc - last - 2
            while gap >= 16:
                out.append(DIGITS[16 + (gap & 15)])
                gap >>= 4
            out.append(DIGITS[gap] + DIGITS[weight])
        last = doc
    return "".join(out)


_NEXT = [DIGITS[32 + weight] for weight in range(32)]


_folded_terms: dict[str, str] = {}


def _fold_term(term: str) -> str:
    found = _folded_terms.get(term)
    if found is None:
        found = _folded_terms[term] = " ".join(fold(t) for t in term.split(" "))
    return found


def _snippet(text: str, title: str) -> str:
    flat = " ".join(text.split())
    if flat.startswith(title):
        flat = flat[len(title) :].lstrip(" .:–-")
    if len(flat) <= SNIPPET_CHARS:
        return flat
    cut = flat.rfind(" ", 0, SNIPPET_CHARS)
    return flat[: cut if cut > SNIPPET_CHARS // 2 else SNIPPET_CHARS] + " …"


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


class Index:
    """The search index, fed one page at a time as pages are rendered.

    Each page is reduced when it comes to what the index needs of it: its metadata row and
    its terms with their weights (terms numbered, so a page costs a few bytes per term).
    Documents are numbered in (section, URL) order, known only once every page has come,
    so the postings are put together in `files()`.
    """

    def __init__(self) -> None:
        self._terms: dict[str, int] = {}  # exact term → its number
        # per document: (section, URL) to order by, metadata row, term number << 5 | weight
        self._docs: list[tuple[tuple[str, str], list[str], array[int]]] = []

    def add(self, page: Indexable) -> None:
        """Take the page into the index, unless it may not be indexed."""
        if page.noindex or page.url == SEARCH_URL:
            return
        facts = "\n".join(_FACTS.findall(page.body))
        text = text_of(_FACTS.sub("\n", page.body))
        body: Counter[str] = Counter()
        weights = _body_weights(_terms(text, body) + _terms(text_of(facts), body))
        heads: Counter[str] = Counter()
        _terms(page.title, heads)
        title = set(heads)
        heads.clear()
        _terms(page.description, heads)
        described = set(heads)
        for term in title | described:
            body.setdefault(term, 0)
        numbers = self._terms
        found = array("I")
        for term, tf in body.items():
            weight = weights[tf] if tf < len(weights) else weights[-1]
            if term in title:
                weight += 16
            if term in described:
                weight += 8
            number = numbers.get(term)
            if number is None:
                numbers[term] = number = len(numbers)
            found.append(number << 5 | weight)
        section = SECTION_TITLES.get(page.section, page.section)
        metadata = [page.url, page.title, section, _snippet(text, page.title)]
        self._docs.append(((page.section, page.url), metadata, found))

    def files(self) -> list[tuple[str, bytes]]:
        """The search index files (site path, bytes) for the pages taken so far."""
        docs = sorted(self._docs, key=lambda d: d[0])
        postings = [array("l") for _ in self._terms]  # by term number: doc << 5 | weight
        for doc, (_, _, found) in enumerate(docs):
            at = doc << 5
            for item in found:
                postings[item >> 5].append(at | item & 31)
        metadata = [row for _, row, _ in docs]

        index: dict[str, dict[str, str]] = {}
        size = 0
        for term, number in self._terms.items():
            folded = _fold_term(term)
            encoded = index.setdefault(folded, {})[term] = _encode(postings[number])
            size += len(term) + len(encoded) + 6 + (len(folded) + 6) * (len(index[folded]) == 1)
        shard_count = max(1, math.ceil(size / SHARD_BYTES))
        shards: list[dict[str, dict[str, str]]] = [{} for _ in range(shard_count)]
        for folded, spellings in index.items():
            shards[fnv1a(folded) % shard_count][folded] = spellings

        files = [(f"{INDEX_DIR}t/{n}.json", _json(shard)) for n, shard in enumerate(shards)]
        files += [
            (f"{INDEX_DIR}d/{n}.json", _json(metadata[start : start + CHUNK_DOCS]))
            for n, start in enumerate(range(0, len(metadata), CHUNK_DOCS))
        ]
        digest = hashlib.sha256()
        for path, content in files:
            digest.update(path.encode() + b"\0" + content)
        manifest = {
            "format": FORMAT,
            "key": digest.hexdigest()[:12],
            "docs": len(docs),
            "shards": shard_count,
            "chunk": CHUNK_DOCS,
        }
        return [(f"{INDEX_DIR}index.json", _json(manifest)), *files]


def build_index(pages: Iterable[Indexable]) -> list[tuple[str, bytes]]:
    """The search index files (site path, bytes) for every page that may be indexed."""
    index = Index()
    for page in pages:
        index.add(page)
    return index.files()
