"""Search index at scale: build time, memory and first-search bytes for N synthetic pages.

    .venv/bin/python bench/search_index.py 5000

The pages are the example commune's, repeated with other years, numbers and URLs until there
are N of them, so the syllables and their frequencies are those of real disclosures. The
first search costs the manifest, one shard per term (syllables and adjacent pairs) and the
metadata chunks of the first ten results; the pages themselves and search.js come on top.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import resource
import sys
import time
from datetime import date
from itertools import pairwise
from pathlib import Path

from generator.build import check
from generator.render import Page, render
from generator.search import INDEX_DIR, build_index, fnv1a, fold, segments

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("ngan sach", "ho ngheo", "duong", "dat dai", "ngân sách xã năm 2024")


def synthetic_pages(n: int) -> list[Page]:
    checked = check(ROOT / "site_config.yml", date(2026, 11, 27))
    as_of = date(2026, 11, 27)
    base = render(checked.config, checked.content, checked.report, as_of).pages  # type: ignore[arg-type]
    pages: list[Page] = []
    while len(pages) < n:
        for page in base:
            k = len(pages)
            year = str(2000 + k % 30)
            pages.append(
                dataclasses.replace(
                    page,
                    url=f"{page.url}x{k}/",
                    title=f"{page.title.replace('2024', year)} số {k}",
                    body=page.body.replace("2024", year).replace("2025", str(1990 + k % 37)),
                )
            )
            if len(pages) == n:
                break
    return pages


def first_search(files: dict[str, bytes], query: str) -> tuple[int, int]:
    """Bytes (raw, gzip) of the index files the first search for `query` downloads."""
    manifest = json.loads(files[f"{INDEX_DIR}index.json"])
    words = [w for seg in segments(query) for w in seg]
    keys = {fold(w) for w in words} | {f"{fold(a)} {fold(b)}" for a, b in pairwise(words)}
    paths = {f"{INDEX_DIR}index.json"}
    paths |= {f"{INDEX_DIR}t/{fnv1a(k) % manifest['shards']}.json" for k in keys}
    # Ten results span one to three chunks: count the three largest, an upper bound.
    chunks = sorted(
        (p for p in files if p.startswith(f"{INDEX_DIR}d/")), key=lambda p: -len(files[p])
    )
    paths |= set(chunks[:3])
    return sum(len(files[p]) for p in paths), sum(len(gzip.compress(files[p])) for p in paths)


def main(n: int) -> None:
    pages = synthetic_pages(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    files = dict(build_index(pages))
    seconds = time.process_time() - started
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    manifest = json.loads(files[f"{INDEX_DIR}index.json"])
    total = sum(len(b) for b in files.values())
    print(f"{n} pages ({manifest['docs']} indexed): {seconds:.2f} s CPU, +{peak:.0f} MiB peak")
    print(f"index: {len(files)} files, {total / 1e6:.2f} MB, {manifest['shards']} shards")
    for query in QUERIES:
        raw, packed = first_search(files, query)
        print(f"first search {query!r}: {raw / 1000:.0f} kB ({packed / 1000:.0f} kB gzip)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
