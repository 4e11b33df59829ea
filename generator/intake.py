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

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

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
        values = doc.refs if doc is not None else ()
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


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector while content is read, then freeze what was read.

    Content is trees of dicts, lists and records, freed by reference counting; the cycle
    collector would only re-scan the growing heap, again and again (measured: 45 % of a
    cold `check` of 5,000 disclosures). What is read lives until the program ends, so it
    is frozen out of later collections too.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def intake(config: SiteConfig) -> tuple[tuple[Problem, ...], Validated]:
    """(problems met while reading, validated content) for the commune's content/."""
    with _without_cycle_collector():
        return _intake(config)


# The child also pickles what it found and the parent unpickles it (about a third of the
# work of reading it, measured): the child gets that much less to read.
CHILD_SHARE = 0.45


def _halves(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(the parent's, the child's) entries, split by size so both finish together."""
    sizes = {e.rel: _size(e.path) for e in entries}
    mine: list[Entry] = []
    theirs: list[Entry] = []
    load = [0.0, 0.0]  # parent, child: bytes weighted by what each must do with them
    for entry in sorted(entries, key=lambda e: -sizes[e.rel]):
        if load[0] * CHILD_SHARE <= load[1] * (1 - CHILD_SHARE):
            mine.append(entry)
            load[0] += sizes[entry.rel]
        else:
            theirs.append(entry)
            load[1] += sizes[entry.rel]
    return mine, theirs


# Files per batch the child sends back: the parent turns each into records between its own.
BATCH = 100


def _batches(entries: list[Entry]) -> Iterator[list[Entry]]:
    for start in range(0, len(entries), BATCH):
        yield entries[start : start + BATCH]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _intake(config: SiteConfig) -> tuple[tuple[Problem, ...], Validated]:
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
        mine_entries, their_entries = _halves(entries)

        def send_in_batches(send: Callable[[list[Result]], None]) -> None:
            for batch in _batches(their_entries):
                send(_check(root, batch, phones, own, store))

        theirs = background.stream(send_in_batches)
        mine: list[Result] = []
        other: list[Result] = []
        for batch in _batches(mine_entries):
            mine += _check(root, batch, phones, own, store)
            other += [result for sent in theirs.ready() for result in sent]
        other += [result for sent in theirs.rest() for result in sent]
        order = {e.rel: i for i, e in enumerate(entries)}
        results = sorted([*mine, *other], key=lambda r: order[r[0]])
    records = sorted((r[1] for r in results if r[1] is not None), key=lambda r: (r.kind, r.slug))
    read_problems = tuple(p for r in results for p in r[2])
    checked = tuple(p for r in results for p in r[3])
    return (*found, *read_problems), Validated(Content(tuple(records)), checked)
