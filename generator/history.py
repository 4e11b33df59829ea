"""History: what git remembers about the content files (the load side: it reads disk).

Each disclosure's page lists when its files were first put on the site and every later
change, with the reason staff wrote in the commit message. These are dates of *file
changes*, never legal dates: published_on, posting windows and decision dates come from
the content (DESIGN.md, "Facts to respect"; anchors.md, pain point 6).

Git is asked twice for the whole content folder, not once per file, so a commune with
thousands of files costs two processes:

    git log -M --name-status           every change of every file, renames included
    git log -G 'correction_of:'        the changes that set or altered a correction

Renames are followed newest to oldest, as `git log --follow` would, so a file moved to
another folder keeps its past. A file deleted in the past and absent now is a Removal;
its last version (`git show COMMIT^:PATH`) says which posting window it was in, and
generator/withdrawals.py judges whether it could be removed.

No git, no repository, or a shallow clone (CI's default) never fails the build: the
history is then empty or partial and one Vietnamese note says why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .problems import Problem, problem
from .values import parse_date
from .yamlsource import YamlError, parse

VIETNAM = timezone(timedelta(hours=7), "ICT")
CORRECTION_PATTERN = "correction_of[[:space:]]*:"
_TIMEOUT = 120  # seconds; git log over years of content takes well under one
_RS, _US = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit that touched one content file."""

    commit: str  # full hash
    when: datetime  # committer date, in Vietnam time: when the change entered the repository
    reason: str  # the commit message's first line
    kind: str  # added | changed | renamed | correction | removed
    path: str  # the file's name in that commit: content/…
    previous: str = ""  # for renamed: the name before
    seq: int = 0  # order of the commit in the history, oldest 0: breaks ties of `when`

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Removal:
    """A content file deleted in the past and absent now, with its last version's window."""

    path: str  # content/…
    git_path: str  # the same file, relative to the repository's top folder
    commit: str
    when: datetime
    reason: str
    title: str = ""
    posting_from: date | None = None
    posting_to: date | None = None
    permanent: bool = False

    @property
    def short(self) -> str:
        return self.commit[:7]

    def open_on(self, day: date) -> bool:
        """Whether its posting window had started and not yet ended on `day`."""
        if self.posting_from is None or self.posting_from > day:
            return False
        return self.permanent or self.posting_to is None or day <= self.posting_to


@dataclass(frozen=True)
class History:
    """What git says about content/: changes by current file, and removed files."""

    available: bool
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # oldest first
    removals: tuple[Removal, ...] = ()
    problems: tuple[Problem, ...] = ()

    def of(self, paths: Iterable[str]) -> tuple[Change, ...]:
        """The changes of several files (a disclosure and its attachments), oldest first."""
        found = [c for p in dict.fromkeys(paths) for c in self.changes.get(p, ())]
        return tuple(sorted(found, key=lambda c: (c.when, c.seq, c.path)))


class GitError(Exception):
    pass


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-c", "i18n.logOutputEncoding=UTF-8", *args],
            cwd=cwd,
            capture_output=True,
            timeout=_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(type(exc).__name__) from exc
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(first[0] if first else f"git exit {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def read_history(content_dir: Path, display_prefix: str = "content") -> History:
    """Read the history of every file under `content_dir`; never raises."""
    content_dir = content_dir.resolve()
    if not content_dir.is_dir():
        return History(False)
    try:
        said = _git(
            content_dir, "rev-parse", "--is-shallow-repository", "--show-toplevel", "--show-prefix"
        )
        shallow, top, prefix = [*said.split("\n"), "", "", ""][:3]
    except GitError as exc:
        return _unavailable(exc)
    try:
        log = _git(content_dir, "log", "-M", "--name-status", "-z", _FORMAT, "--", ".")
        corrections = _git(
            content_dir, "log", "-M", "-z", "--name-only", "--format=%x1e%H", "-G",
            CORRECTION_PATTERN, "--", ".",
        )  # fmt: skip
    except GitError as exc:
        return _unavailable(exc)

    def shown(git_path: str) -> str | None:
        if not git_path.startswith(prefix):
            return None
        return f"{display_prefix}/{git_path[len(prefix) :]}"

    corrected = _corrections(corrections, shown)
    changes, deleted = _changes(_commits(log), shown, corrected, content_dir, display_prefix)
    removals = tuple(
        sorted(
            (_removal(Path(top), path, git_path, c) for path, (git_path, c) in deleted.items()),
            key=lambda r: r.path,
        )
    )
    notes = (problem("history-shallow", None),) if shallow.strip() == "true" else ()
    return History(True, changes, removals, notes)


_FORMAT = f"--format={_RS}%H{_US}%cI{_US}%s"
_REASONS = {
    "not a git repository": "thư mục không nằm trong một kho git",
    "FileNotFoundError": "máy chưa cài git",
    "dubious ownership": "git từ chối đọc kho của người dùng khác (safe.directory)",
    "TimeoutExpired": "git chạy quá lâu",
    "does not have any commits": "kho git chưa có lần ghi nào",
}


def _unavailable(exc: GitError) -> History:
    said = str(exc)
    detail = next((vi for en, vi in _REASONS.items() if en in said), f"git báo: {said}")
    return History(False, problems=(problem("history-unavailable", None, detail=detail),))


@dataclass(frozen=True)
class _Commit:
    commit: str
    when: datetime
    reason: str
    files: tuple[tuple[str, ...], ...]  # (status, path[, new path])
    seq: int = 0


def _commits(log: str) -> list[_Commit]:
    """Parse `git log --name-status -z` in our format, newest first as git gives them."""
    commits = []
    for chunk in log.split(_RS)[1:]:
        head, _, rest = chunk.partition("\0")
        commit, when, reason = [*head.split(_US), "", ""][:3]
        tokens = rest.lstrip("\n").split("\0")
        files: list[tuple[str, ...]] = []
        i = 0
        while i < len(tokens):
            status = tokens[i].strip()
            if not status:
                i += 1
                continue
            width = 2 if status[0] in "RC" else 1
            files.append((status[0], *tokens[i + 1 : i + 1 + width]))
            i += 1 + width
        try:
            day = datetime.fromisoformat(when).astimezone(VIETNAM)
        except ValueError:
            continue  # not a commit header: nothing git would print in our format
        commits.append(_Commit(commit, day, reason.strip(), tuple(files)))
    count = len(commits)
    return [replace(c, seq=count - 1 - i) for i, c in enumerate(commits)]


def _corrections(log: str, shown: Any) -> set[tuple[str, str]]:
    """(commit, content path) of each change that set or altered `correction_of`."""
    found = set()
    for chunk in log.split(_RS)[1:]:
        commit, *paths = chunk.strip("\n").split("\0")
        for path in paths:
            name = shown(path.strip("\n"))
            if name:
                found.add((commit.strip(), name))
    return found


def _changes(
    commits: list[_Commit],
    shown: Any,
    corrected: set[tuple[str, str]],
    content_dir: Path,
    display_prefix: str,
) -> tuple[dict[str, tuple[Change, ...]], dict[str, tuple[str, _Commit]]]:
    """Changes by the file's current name, and the last deletion of each file gone now."""
    by_file: dict[str, list[Change]] = {}
    now_name: dict[str, str] = {}  # name in an older commit → name today
    deleted: dict[str, tuple[str, _Commit]] = {}

    def exists(name: str) -> bool:
        return (content_dir / name[len(display_prefix) + 1 :]).is_file()

    for c in commits:  # newest first
        for status, *paths in c.files:
            names = [shown(p) for p in paths]
            if any(n is None for n in names):
                continue
            name = names[-1]
            assert name is not None
            current = now_name.get(name, name)
            if status == "D":
                if not exists(name) and name not in deleted and name not in now_name:
                    deleted[name] = (paths[-1], c)
                if exists(current):
                    by_file.setdefault(current, []).append(_change(c, "removed", name))
                continue
            if status == "R":
                old = names[0]
                assert old is not None
                now_name[old] = current
                by_file.setdefault(current, []).append(_change(c, "renamed", name, old))
                continue
            kind = "added" if status in "AC" else "changed"
            if (c.commit, name) in corrected and kind == "changed":
                kind = "correction"
            by_file.setdefault(current, []).append(_change(c, kind, name))
    changes = {
        name: tuple(sorted(found, key=lambda ch: (ch.when, ch.seq)))
        for name, found in sorted(by_file.items())
        if exists(name)
    }
    return changes, deleted


def _change(c: _Commit, kind: str, path: str, previous: str = "") -> Change:
    return Change(c.commit, c.when, c.reason, kind, path, previous, c.seq)


def _removal(top: Path, path: str, git_path: str, c: _Commit) -> Removal:
    """A deleted file, with the title and posting window of its last version."""
    base = Removal(path, git_path, c.commit, c.when, c.reason)
    if not path.endswith((".yml", ".yaml")):
        return base
    try:
        # The loader's own YAML reader: safe against alias bombs and deep nesting.
        data, _lines = parse(_git(top, "show", f"{c.commit}^:{git_path}"))
    except (GitError, YamlError):
        return base
    if not isinstance(data, dict):
        return base
    posting = data.get("posting")
    title = str(data.get("title") or data.get("name") or "")
    if not isinstance(posting, dict):
        return Removal(path, git_path, c.commit, c.when, c.reason, title)
    return Removal(
        path,
        git_path,
        c.commit,
        c.when,
        c.reason,
        title,
        parse_date(posting.get("from")),
        parse_date(posting.get("to")) if posting.get("to") is not None else None,
        posting.get("permanent") is True or posting.get("to") is None,
    )
