"""Withdrawals: the register of disclosures taken down before their posting window ended.

A disclosure may be withdrawn or replaced while it is still posted only in the open: the
reason is published (Access to Information Law 2016, Art. 22: wrong information is
corrected, never silently changed). The register is one file, content/_thu-hoi.yml (the
leading "_" keeps the loader from reading it as a disclosure), checked against
schemas/withdrawn.schema.json:

    withdrawn:
      - path: content/cong-khai/thong-bao-cu.yml     # the deleted file, as the checker names it
        date: 2026-03-02                             # date of the decision to withdraw
        reason: Thông báo ghi sai đối tượng được hỗ trợ; thay bằng thông báo mới.
        replaced_by: content/cong-khai/thong-bao-moi.yml   # optional
        decision: {type: Quyết định, number: 12/QĐ-UBND, date: 2026-03-02, issuer: UBND xã}

`load_withdrawals` reads the register (the load side); `judge_removals` is pure: every file
that git says was deleted inside its posting window (history.Removal) and that the register
does not explain is a blocking error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import privacy, schema
from .history import Removal
from .problems import Problem, SourceLocation, problem
from .records import Decision
from .values import format_date, parse_date
from .yamlsource import YamlError, parse

REGISTER = "_thu-hoi.yml"


@dataclass(frozen=True)
class Withdrawal:
    """One entry of the register: which file was withdrawn, when and why."""

    path: str  # content/…
    on: date
    reason: str
    replaced_by: str = ""  # content/… of the disclosure that replaces it
    decision: Decision | None = None
    line: int | None = None


@dataclass(frozen=True)
class Withdrawals:
    register: str  # content/_thu-hoi.yml, as shown to staff
    entries: tuple[Withdrawal, ...] = ()
    problems: tuple[Problem, ...] = ()

    def find(self, path: str) -> Withdrawal | None:
        return next((w for w in self.entries if w.path == path), None)


def content_path(value: str, display_prefix: str = "content") -> str:
    """'cong-khai/a.yml' or 'content/cong-khai/a.yml' → 'content/cong-khai/a.yml'."""
    text = unicodedata.normalize("NFC", value.strip()).lstrip("./")
    return text if text.startswith(f"{display_prefix}/") else f"{display_prefix}/{text}"


def load_withdrawals(content_dir: Path, display_prefix: str = "content") -> Withdrawals:
    """Read and check content/_thu-hoi.yml; an absent register is an empty one."""
    rel = f"{display_prefix}/{REGISTER}"
    path = content_dir / REGISTER
    if not path.is_file():
        return Withdrawals(rel)
    loc = SourceLocation(rel)
    try:
        data, lines = parse(path.read_text("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Withdrawals(rel, problems=(problem("file-encoding", loc, offset=exc.start),))
    except YamlError as err:
        found = problem(err.code, loc.at(line=err.line), detail=err.detail)
        return Withdrawals(rel, problems=(found,))
    if not isinstance(data, dict):
        found = problem("yaml-not-mapping", loc.at(line=1), found="không phải nhóm trường", kind="")
        return Withdrawals(rel, problems=(found,))
    invalid = schema.check("withdrawn", data, lines, rel)
    if invalid:
        return Withdrawals(rel, problems=tuple(invalid))
    entries = tuple(
        _entry(item, lines.line(("withdrawn", i)), display_prefix)
        for i, item in enumerate(data["withdrawn"])
    )
    present = tuple(
        problem(
            "withdrawn-still-present",
            SourceLocation(rel, w.line, f"withdrawn[{i + 1}].path"),
            path=w.path,
            register=rel,
        )
        for i, w in enumerate(entries)
        if (content_dir / w.path[len(display_prefix) + 1 :]).is_file()
    )
    return Withdrawals(rel, entries, (*present, *_personal_data(data, lines, rel)))


def _personal_data(data: dict[str, Any], lines: Any, rel: str) -> list[Problem]:
    """The register is published on thu-hoi/: the personal-data guard reads it too."""
    from .load import _field_name

    found = []
    for path, text in privacy.walk_text(data, numbers=True):
        where = SourceLocation(rel, lines.line(path), _field_name(path))
        found.extend(privacy.scan_text(text, where, frozenset()))
    return found


def _entry(item: dict[str, Any], line: int | None, display_prefix: str) -> Withdrawal:
    raw = item.get("decision")
    decision = None
    if isinstance(raw, dict) and raw.get("number") and parse_date(raw.get("date")):
        decision = Decision(
            str(raw["number"]),
            parse_date(raw["date"]) or date.min,
            str(raw.get("issuer", "")),
            str(raw.get("type", "")),
            str(raw.get("title", "")),
        )
    replaced = item.get("replaced_by")
    return Withdrawal(
        path=content_path(str(item["path"]), display_prefix),
        on=parse_date(item["date"]) or date.min,
        reason=str(item["reason"]).strip(),
        replaced_by=content_path(str(replaced), display_prefix) if replaced else "",
        decision=decision,
        line=line,
    )


def window_text(r: Removal) -> str:
    """'từ 02/03/2026 đến 31/03/2026', or '… (niêm yết thường xuyên)'."""
    start = format_date(r.posting_from) if r.posting_from else "?"
    if r.permanent or r.posting_to is None:
        return f"từ {start} (niêm yết thường xuyên)"
    return f"từ {start} đến {format_date(r.posting_to)}"


def judge_removals(
    removals: Iterable[Removal], withdrawals: Withdrawals, as_of: date
) -> list[Problem]:
    """A blocking error for each file removed inside its posting window without a reason."""
    found = []
    for r in removals:
        if not r.open_on(as_of) or withdrawals.find(r.path) is not None:
            continue
        found.append(
            problem(
                "removed-in-posting-window",
                SourceLocation(r.path),
                title=r.title or r.path,
                removed=format_date(r.when.date()),
                commit=r.short,
                reason=r.reason,
                window=window_text(r),
                git_path=r.git_path,
                path=r.path,
                register=withdrawals.register,
            )
        )
    return found
