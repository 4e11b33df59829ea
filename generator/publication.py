"""What the site says about its own publication: history, withdrawals, planned outages.

- Each disclosure's page ends with the history of its files (generator/history.py): when
  they were first put on the site and every later change, with the reason from the
  commit message; a change that set `correction_of` is marked as a correction.
- `thu-hoi/` lists the disclosures withdrawn or replaced before their posting window
  ended, with the reasons recorded in content/_thu-hoi.yml (generator/withdrawals.py).
- A planned outage set in site_config.yml (Decree 224/2026 Art. 13) is announced at the
  top of every page from its announcement date until the site is restored.

The history and the outage notice are added to each page after it is indexed for search
(render.Renderer.add): they are not what citizens search for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from .history import Change
from .manifest import integrity_page, owners
from .records import Record, stored_files
from .render import CHECK_URL, NOTICE_URL, WITHDRAWN_URL, Page, Renderer, relative
from .values import format_date

__all__ = ["finisher", "owners", "pages"]

LABELS = {
    "added": "Đưa lên trang",
    "attached": "Thêm tệp",
    "changed": "Sửa đổi",
    "correction": "Đính chính",
    "renamed": "Đổi tên tệp",
    "removed": "Gỡ tệp",
}


def _when(moment: datetime) -> dict[str, str]:
    return {"day": moment.strftime("%d/%m/%Y"), "iso": moment.isoformat()}


def history_entries(r: Renderer, record: Record) -> list[dict[str, Any]]:
    """One entry per commit that touched the record's file or its attachments, oldest first."""
    main = record.source.path
    paths = [main, *(f"content/{f.rel}" for f in stored_files(record))]
    by_commit: dict[str, list[Change]] = {}
    for change in r.history.of(paths):
        by_commit.setdefault(change.commit, []).append(change)
    entries: list[dict[str, Any]] = []
    for changes in by_commit.values():
        kinds = {c.kind for c in changes}
        first = changes[0]
        if "correction" in kinds:
            kind = "correction"
        elif any(c.kind == "added" and c.path == main for c in changes) or not entries:
            kind = "added"
        elif kinds == {"added"}:
            kind = "attached"
        elif "renamed" in kinds:
            kind = "renamed"
        elif kinds == {"removed"}:
            kind = "removed"
        else:
            kind = "changed"
        # The content file first, then its attachments.
        names = sorted(changes, key=lambda c: not c.path.endswith((".yml", ".yaml")))
        files = list(dict.fromkeys(c.path.rsplit("/", 1)[-1] for c in names))
        entries.append(
            {
                **_when(first.when),
                "kind": kind,
                "label": LABELS[kind],
                "correction": kind == "correction",
                "files": files,
                "reason": first.reason,
                "commit": first.short,
            }
        )
    return entries


def history_block(r: Renderer, record: Record, url: str) -> str:
    """The 'Lịch sử thay đổi' section of a record's page, or '' when git knows nothing."""
    entries = history_entries(r, record)
    if not entries:
        return ""
    return r.template(
        "history.html",
        entries=entries,
        first=entries[0],
        last=entries[-1],
        later=len(entries) - 1,
        corrections=sum(1 for e in entries if e["correction"]),
        check_href=relative(url, CHECK_URL),
    )


def outage_banner(r: Renderer) -> str:
    """The notice of a planned outage, from its announcement until the site is back."""
    o = r.config.outage
    if o is None or not (o.announced_on <= r.as_of <= o.end):
        return ""
    return r.template(
        "outage.html",
        ongoing=o.start <= r.as_of,
        authority=r.config.authority,
        start=format_date(o.start),
        start_iso=o.start.isoformat(),
        end=format_date(o.end),
        end_iso=o.end.isoformat(),
        announced=format_date(o.announced_on),
        announced_iso=o.announced_on.isoformat(),
        reason=o.reason.rstrip(". "),
        force_majeure=o.force_majeure,
        address=r.config.address,
        phone=r.config.phone,
    )


def finisher(r: Renderer) -> Callable[[Page], Page]:
    """A function that gives a page its outage notice and, for a record's own page, its history."""
    banner = outage_banner(r)
    by_source = {record.source.path: record for record in r.content.records}

    def finish(page: Page) -> Page:
        body = page.body
        record = by_source.get(page.source) if page.source else None
        own = record is not None and not page.url.endswith(NOTICE_URL)
        if own and r.history.available and not page.url.startswith("en/"):
            assert record is not None
            body = body.rstrip("\n") + "\n" + history_block(r, record, page.url)
        if banner:
            body = banner + body
        return page if body == page.body else replace(page, body=body)

    return finish


def withdrawn_page(r: Renderer) -> Page | None:
    """'Thông tin đã thu hồi, thay thế': every entry of content/_thu-hoi.yml."""
    if not r.withdrawals.entries:
        return None
    titles = {rm.path: rm.title for rm in r.history.removals}
    by_source = {record.source.path: record for record in r.content.records}
    entries = []
    for w in sorted(r.withdrawals.entries, key=lambda w: (w.on, w.path), reverse=True):
        target = by_source.get(w.replaced_by)
        entries.append(
            {
                "day": format_date(w.on),
                "iso": w.on.isoformat(),
                "title": titles.get(w.path) or w.path.rsplit("/", 1)[-1],
                "decision": w.decision.label if w.decision else "",
                "reason": w.reason,
                "replaced_href": relative(WITHDRAWN_URL, target.url) if target else "",
                "replaced_title": target.display_title if target else "",
            }
        )
    body = r.template("withdrawn.html", entries=entries)
    return Page(
        WITHDRAWN_URL,
        "Thông tin đã thu hồi, thay thế",
        body,
        "Nội dung đã gỡ khỏi trang hoặc thay thế trước hạn niêm yết, và lý do",
        section="tiep-can-thong-tin",
    )


def pages(r: Renderer) -> list[Page]:
    """The site's pages about its own publication: integrity check and withdrawals."""
    withdrawn = withdrawn_page(r)
    return [integrity_page(r), *([withdrawn] if withdrawn else [])]
