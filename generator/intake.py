"""Load and validate the content files: cached per file, split over two processes.

Reading and checking one file needs nothing from the others except the officials' duty
phones (which may appear anywhere), so those are read first. Then:

- a file whose bytes, referenced files (attachments, images: size and modification time)
  and checking code are unchanged since the last run is not read again: its record and
  problems come from `.congkhai-cache/` beside site_config.yml, like make or mypy do.
  `CONGKHAI_CACHE=0` turns this off;
- the other files are read and validated half in a forked child, half in the parent.

The records come back in the same order, with the same problems, as a single cold pass.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import background
from .config import SiteConfig
from .load import Entry, SourceDocument, discover, read
from .problems import Problem
from .records import Content, Record
from .validate import Validated, official_phones, validate

# Below this many files to read, a second process costs more than it saves.
SPLIT_FROM = 200
CACHE_DIR = ".congkhai-cache/intake-v1"

# (rel, record, problems met reading the file, problems met validating it)
Result = tuple[str, Record | None, tuple[Problem, ...], tuple[Problem, ...]]


@cache
def code_fingerprint() -> str:
    """Changes whenever the code or schemas that read and check content change."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *package.glob("schemas/*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _file_values(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "file" and isinstance(value, str):
                yield value
            else:
                yield from _file_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _file_values(value)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class Cache:
    """Per-file results keyed by the file's bytes, the code and the allowed phones."""

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt

    def key(self, entry: Entry, data: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(entry.rel.encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, entry: Entry) -> tuple[str, Result | None]:
        data = entry.path.read_bytes()
        key = self.key(entry, data)
        if self.folder is None:
            return key, None
        try:
            deps, result = pickle.loads((self.folder / key[:2] / key).read_bytes())
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            return key, None
        if any(_stat(Path(path)) != facts for path, facts in deps):
            return key, None
        return key, result

    def put(self, key: str, doc: SourceDocument | None, entry: Entry, result: Result) -> None:
        if self.folder is None:
            return
        values = _file_values(doc.data) if doc is not None else iter(())
        deps = [(str(p), _stat(p)) for p in (entry.path.parent / v for v in values)]
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps((deps, result), pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, target)
        except OSError:
            pass  # a read-only checkout simply runs uncached


def _check(
    root: Path, entries: list[Entry], phones: frozenset[str], own: tuple[str, ...], store: Cache
) -> list[Result]:
    results: list[Result] = []
    for entry in entries:
        key, hit = store.get(entry)
        if hit is not None:
            results.append(hit)
            continue
        loaded = read(root, [entry])
        validated = validate(loaded.documents, own, allowed_phones=phones)
        records = validated.content.records
        result = (entry.rel, records[0] if records else None, loaded.problems, validated.problems)
        store.put(key, loaded.documents[0] if loaded.documents else None, entry, result)
        results.append(result)
    return results


def intake(config: SiteConfig) -> tuple[tuple[Problem, ...], Validated]:
    """(problems met while reading, validated content) for the commune's content/."""
    root = config.content_dir.resolve()
    entries, found = discover(root)
    own = (config.phone, config.fax)
    officials = [e for e in entries if e.kind.name == "officials"]
    phones = official_phones(read(root, officials).documents, own)
    use_cache = os.environ.get("CONGKHAI_CACHE", "1") != "0"
    folder = config.path.resolve().parent / CACHE_DIR if use_cache else None
    store = Cache(folder, code_fingerprint() + "|" + "|".join(sorted(phones)) + "|" + str(root))
    if len(entries) < SPLIT_FROM:
        results = _check(root, entries, phones, own, store)
    else:
        theirs = background.start(lambda: _check(root, entries[1::2], phones, own, store))
        mine = _check(root, entries[0::2], phones, own, store)
        other = theirs()
        order = {e.rel: i for i, e in enumerate(entries)}
        results = sorted([*mine, *other], key=lambda r: order[r[0]])
    records = sorted((r[1] for r in results if r[1] is not None), key=lambda r: (r.kind, r.slug))
    read_problems = tuple(p for r in results for p in r[2])
    checked = tuple(p for r in results for p in r[3])
    return (*found, *read_problems), Validated(Content(tuple(records)), checked)
