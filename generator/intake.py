"""Load and validate the content files: cached per file, split over two processes.

Reading and checking one file needs nothing from the others except the officials' duty
phones (which may appear anywhere), so those are read first. Then:

- a file whose bytes, referenced files (attachments, images: size and modification time)
  and checking code are unchanged since the last run is not read again: its record (or
  outline, for a check) and problems come from `.congkhai-cache/` beside site_config.yml,
  like make or mypy do. `CONGKHAI_CACHE=0` turns this off;
- the other files are read and validated half in a forked child, half in the parent.

The records come back in the same order, with the same problems, as a single cold pass.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from . import background
from .config import SiteConfig
from .load import Entry, SourceDocument, discover, read, read_document, read_file
from .problems import Problem
from .records import Content, Outlines, Record
from .validate import Validated, official_phones, validate

# Below this many files to read, a second process costs more than it saves.
SPLIT_FROM = 200
CACHE_FILE = ".congkhai-cache/intake-v3.sqlite3"

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
    """Per-file results keyed by the file's bytes, the code and the allowed phones.

    Kept in one SQLite file, written a batch at a time (thousands of small files cost more
    to create than to read). A build keeps whole records, a check outlines (for the lists
    kept whole then): a check takes an outline, or outlines a whole record and keeps that
    for next time; a build takes only a whole record. Anything wrong with the file (read
    only, locked, damaged) makes the run uncached, never wrong.
    """

    def __init__(self, path: Path | None, salt: str, outlines: Outlines | None):
        self.path = path
        self.salt = salt
        self.outlines = outlines
        self.kind = "whole" if outlines is None else "outline"
        self._pending: list[tuple[str, str, bytes]] = []
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._empty: bool | None = None

    def key(self, entry: Entry, data: bytes) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(entry.rel.encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, entry: Entry) -> tuple[str, Result | None, bytes | None]:
        """(cache key, result kept under it, the file's bytes); nothing while it is empty."""
        if self.path is None or self.empty():
            return "", None, None  # a fresh clone: the files are read once, where checked
        raw = read_file(entry.path)
        if raw is None:
            return "", None, None  # too large: reading it says so
        key = self.key(entry, raw)
        try:
            kept = dict(
                self._connect().execute("SELECT kind, value FROM kept WHERE key = ?", (key,))
            )
        except sqlite3.Error:
            return key, None, raw
        if self.outlines is not None:
            found = _fresh(kept.get("outline"))
            if found is not None and found[1][0] == self.outlines.whole:
                return key, found[1][1], None
        found = _fresh(kept.get("whole"))
        if found is None:
            return key, None, raw
        deps, result = found
        if self.outlines is not None:
            rel, record, reading, checking = result
            result = (rel, self.outlines.of(record) if record else None, reading, checking)
            self._keep(key, "outline", deps, (self.outlines.whole, result))
        return key, result, None

    def empty(self) -> bool:
        """Whether nothing was kept yet (or the cache cannot be used)."""
        if self._empty is None:
            try:
                rows = self._connect().execute("SELECT 1 FROM kept LIMIT 1").fetchall()
                self._empty = not rows
            except sqlite3.Error:
                self._empty = True
        return self._empty

    def put(self, key: str, doc: SourceDocument | None, entry: Entry, result: Result) -> None:
        if self.path is None:
            return
        values = doc.refs if doc is not None else ()
        deps = [(str(p), _stat(p)) for p in (entry.path.parent / v for v in values)]
        kept = result if self.outlines is None else (self.outlines.whole, result)
        self._keep(key, self.kind, deps, kept)

    def flush(self) -> None:
        """Write what was kept since the last flush, in one transaction."""
        if self.path is None or not self._pending:
            return
        rows, self._pending = self._pending, []
        try:
            with self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO kept VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # next time, these files are read again

    def prune(self, keys: list[str]) -> None:
        """Forget every file that is no longer as it was: the cache holds this content only."""
        if self.path is None or self.empty():
            return
        try:
            with self._connect() as db:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM seen")
                db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", [(k,) for k in keys])
                db.execute("DELETE FROM kept WHERE key NOT IN (SELECT key FROM seen)")
        except sqlite3.Error:
            pass  # kept a little longer

    def _keep(self, key: str, kind: str, deps: list[Any], kept: object) -> None:
        self._pending.append((key, kind, pickle.dumps((deps, kept), pickle.HIGHEST_PROTOCOL)))

    def _connect(self) -> sqlite3.Connection:
        """This process's connection: a forked child opens its own."""
        assert self.path is not None
        if self._db is None or self._pid != os.getpid():
            self._db, self._pid = None, os.getpid()
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _forget_older_caches(self.path)
                db = sqlite3.connect(self.path, timeout=60)
                db.execute("PRAGMA journal_mode=WAL")  # the child writes while the parent reads
                db.execute("PRAGMA synchronous=NORMAL")  # a cache: no flush to disk per batch
                db.execute(
                    "CREATE TABLE IF NOT EXISTS kept (key TEXT, kind TEXT, value BLOB, "
                    "PRIMARY KEY (key, kind)) WITHOUT ROWID"
                )
            except (OSError, sqlite3.Error) as exc:
                self.path = None  # not tried again in this run
                raise sqlite3.OperationalError(str(exc)) from None
            self._db = db
        return self._db


def _forget_older_caches(path: Path) -> None:
    """Remove what earlier versions kept beside `path` (folders of small files)."""
    for older in path.parent.glob("intake-v*"):
        if older.is_dir() and not older.is_symlink():
            shutil.rmtree(older, ignore_errors=True)


def _fresh(value: bytes | None) -> tuple[list[Any], Any] | None:
    """(deps, what was kept), if the files it refers to are unchanged."""
    if value is None:
        return None
    try:
        deps, kept = pickle.loads(value)
    except (pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if any(_stat(Path(path)) != facts for path, facts in deps):
        return None
    return deps, kept


def _check(
    root: Path,
    work: Work,
    phones: frozenset[str],
    own: tuple[str, ...],
    store: Cache,
) -> list[Result]:
    """Read and validate each file, and keep the results in the cache."""
    results: list[Result] = []
    for entry, key, raw in work:
        if raw is None and store.path is not None:
            raw = read_file(entry.path)  # its cache key is made from its bytes
        doc, reading = read_document(root, entry.path, entry.kind, entry.rel, entry.slug, raw)
        validated = validate((doc,) if doc else (), own, phones, store.outlines)
        records = validated.content.records
        result = (entry.rel, records[0] if records else None, tuple(reading), validated.problems)
        if raw is not None:
            store.put(key or store.key(entry, raw), doc, entry, result)
        results.append(result)
    store.flush()
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


def intake(
    config: SiteConfig, outlines: Outlines | None = None
) -> tuple[tuple[Problem, ...], Validated]:
    """(problems met while reading, validated content) for the commune's content/.

    With `outlines`, the records are outlines (`records.Outlines`), for a check.
    """
    with _without_cycle_collector():
        return _intake(config, outlines)


# The child also pickles what it found and the parent unpickles it (about a third of the
# work of reading it, measured): the child gets that much less to read.
CHILD_SHARE = 0.5


# Files to read, with their cache keys and bytes if already read ("", None if not).
Work = list[tuple[Entry, str, bytes | None]]


def _halves(work: Work) -> tuple[Work, Work]:
    """(the parent's, the child's) files, split by size so both finish together."""
    sizes = {entry.rel: len(raw) if raw else _size(entry.path) for entry, _, raw in work}
    mine: Work = []
    theirs: Work = []
    load = [0.0, 0.0]  # parent, child: bytes weighted by what each must do with them
    for item in sorted(work, key=lambda item: -sizes[item[0].rel]):
        if load[0] * CHILD_SHARE <= load[1] * (1 - CHILD_SHARE):
            mine.append(item)
            load[0] += sizes[item[0].rel]
        else:
            theirs.append(item)
            load[1] += sizes[item[0].rel]
    return mine, theirs


# Files per batch the child sends back: the parent turns each into records between its own.
BATCH = 100


def _batches(work: Work) -> Iterator[Work]:
    for start in range(0, len(work), BATCH):
        yield work[start : start + BATCH]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _intake(config: SiteConfig, outlines: Outlines | None) -> tuple[tuple[Problem, ...], Validated]:
    root = config.content_dir.resolve()
    entries, found = discover(root)
    own = (config.phone, config.fax)
    officials = [e for e in entries if e.kind.name == "officials"]
    phones = official_phones(read(root, officials).documents, own)
    use_cache = os.environ.get("CONGKHAI_CACHE", "1") != "0"
    path = config.path.resolve().parent / CACHE_FILE if use_cache else None
    salt = code_fingerprint() + "|" + "|".join(sorted(phones)) + "|" + str(root)
    store = Cache(path, salt, outlines)
    # Files unchanged since the last run come from the cache; the others are read here.
    results: list[Result] = []
    work: Work = []
    keys: list[str] = []
    for entry in entries:
        key, hit, raw = store.get(entry)
        keys.append(key)
        if hit is not None:
            results.append(hit)
        else:
            work.append((entry, key, raw))
    store.prune(keys)
    store.flush()  # outlines made from whole records; before the child is forked
    if len(work) < SPLIT_FROM:
        results += _check(root, work, phones, own, store)
    else:
        mine, theirs = _halves(work)

        def send_in_batches(send: Callable[[list[Result]], None]) -> None:
            for batch in _batches(theirs):
                send(_check(root, batch, phones, own, store))

        child = background.stream(send_in_batches)
        for batch in _batches(mine):
            results += _check(root, batch, phones, own, store)
            results += [result for sent in child.ready() for result in sent]
        results += [result for sent in child.rest() for result in sent]
    order = {e.rel: i for i, e in enumerate(entries)}
    results.sort(key=lambda r: order[r[0]])
    records = sorted((r[1] for r in results if r[1] is not None), key=lambda r: (r.kind, r.slug))
    read_problems = tuple(p for r in results for p in r[2])
    checked = tuple(p for r in results for p in r[3])
    return (*found, *read_problems), Validated(Content(tuple(records)), checked)
