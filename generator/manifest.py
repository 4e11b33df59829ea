"""Manifest: site/manifest.json, the publication record of every file the site serves.

build.py writes it last, on the staging folder after the engine ran and before the swap,
so it hashes exactly the bytes that go online. It is deterministic (sorted, no build time:
the same content and date give the same bytes), and a paper notice, a downloaded file or
a later copy of the site can be checked against it. The page `kiem-tra/` explains how, in
plain Vietnamese.

    {
     "format": "congkhai-manifest/1",
     "site": "https://nguyentrai.hungyen.gov.vn/",
     "authority": "UBND xã Nguyễn Trãi", "province": "Hưng Yên",
     "as_of": "2026-11-27",                      the date the content was judged on
     "algorithm": "sha256",
     "disclosures": {                            every content file that has files on the site
       "content/ngan-sach/2025/du-toan.yml": {
         "kind": "budget", "title": "…", "url": "ngan-sach/2025/du-toan/",
         "legal_dates": {"decided_on": "2024-12-20", "published_on": "2024-12-27",
                         "posting_from": "2024-12-27", "posting_to": "2025-01-27"},
         "decision": "Nghị quyết số 15/NQ-HĐND ngày 20/12/2024 của HĐND xã …",
         "correction_of": "…"                    only for a correction
       }, …},
     "files": [                                  every file under site/ but manifest.json itself
       {"path": "ngan-sach/2025/du-toan/index.html", "size": 18311, "sha256": "…",
        "disclosure": "content/ngan-sach/2025/du-toan.yml"},   null for shared files
       …]
    }

Legal dates come from the content, never from git (DESIGN.md, "Facts to respect").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import SiteConfig
from .kinds import BY_NAME
from .load import sha256_of
from .records import Content, Record, stored_files
from .render import CHECK_URL, NOTICE_URL, WITHDRAWN_URL, Page, relative

if TYPE_CHECKING:
    from .render import Asset, Rendered, Renderer

NAME = "manifest.json"
FORMAT = "congkhai-manifest/1"


def page_file(url: str) -> str:
    """The site file of the page at `url`: 'a/b/' → 'a/b/index.html'."""
    return f"{url}index.html"


def owners(
    r: Renderer, pages: Iterable[Page], assets: Iterable[Asset]
) -> tuple[tuple[str, str], ...]:
    """(site path, content file) for every file that belongs to one record's page."""
    found: dict[str, str] = {}
    by_file: dict[str, str] = {}
    for record in r.content.records:
        for f in stored_files(record):
            by_file.setdefault(f.rel, record.source.path)
    sources: dict[str, str] = {}
    for page in pages:
        if page.source:
            found[page_file(page.url)] = page.source
            sources.setdefault(page.url, page.source)
    for asset in assets:
        if asset.file.rel in by_file:
            found[asset.dest] = by_file[asset.file.rel]
    for (page_url, _), dataset in r.datasets.items():
        if page_url in sources:
            for path in dataset.files.values():
                found[path] = sources[page_url]
    return tuple(sorted(found.items()))


def legal_dates(record: Record) -> dict[str, Any]:
    """The dates the content states for a record: decision, issue, publication, posting."""
    dates: dict[str, Any] = {}
    decision = getattr(record, "decision", None) or getattr(record, "publication", None)
    if decision is not None:
        dates["decided_on"] = decision.date.isoformat()
    for name in ("issued_on", "effective_on", "published_on"):
        value = getattr(record, name, None)
        if isinstance(value, date) and value != date.min:
            dates[name] = value.isoformat()
    posting = getattr(record, "posting", None)
    if posting is not None:
        dates["posting_from"] = posting.start.isoformat()
        dates["posting_to"] = posting.end.isoformat() if posting.end else None
    return dates


def own_pages(owned: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Content file → URL of its own page (not its A4 notice, not the English page)."""
    found: dict[str, str] = {}
    for path, source in owned:
        if not path.endswith("index.html") or path.startswith("en/"):
            continue
        url = path[: -len("index.html")]
        if not url.endswith(NOTICE_URL) and len(url) < len(found.get(source, url + "-")):
            found[source] = url
    return found


def disclosure(record: Record, url: str) -> dict[str, Any]:
    """A record as the manifest describes it: what it is, where, and its legal dates."""
    kind = BY_NAME[record.kind]
    entry: dict[str, Any] = {
        "kind": record.kind,
        "title": kind.title if kind.singleton else record.display_title,
        "url": url,
        "legal_dates": legal_dates(record),
    }
    decision = getattr(record, "decision", None) or getattr(record, "publication", None)
    if decision is not None:
        entry["decision"] = decision.label
    correction = getattr(record, "correction_of", "")
    if correction:
        entry["correction_of"] = correction
    return entry


def build_manifest(
    site_dir: Path,
    config: SiteConfig,
    content: Content,
    owned: Iterable[tuple[str, str]],
    as_of: date,
) -> dict[str, Any]:
    """The manifest of the files now in `site_dir`."""
    owned = tuple(owned)
    owner = dict(owned)
    urls = own_pages(owned)
    records = {r.source.path: r for r in content.records}
    files: list[dict[str, Any]] = []
    for rel, path in _site_files(site_dir):
        source = owner.get(rel)
        files.append(
            {
                "path": rel,
                "size": path.stat().st_size,
                "sha256": sha256_of(path),
                "disclosure": source if source in records else None,
            }
        )
    used = {str(f["disclosure"]) for f in files if f["disclosure"]}
    return {
        "format": FORMAT,
        "site": config.base_url,
        "authority": config.authority,
        "province": config.province,
        "as_of": as_of.isoformat(),
        "algorithm": "sha256",
        "disclosures": {
            path: disclosure(records[path], urls.get(path, records[path].url))
            for path in sorted(used)
        },
        "files": files,
    }


def lines(manifest: dict[str, Any]) -> Iterator[str]:
    """JSON with one file per line: small enough, and a diff shows what changed.

    Line by line, each with its line end, so that it is written without being joined.
    """
    head = {k: v for k, v in manifest.items() if k not in ("disclosures", "files")}
    yield "{\n"
    for k, v in head.items():
        yield f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
    yield ' "disclosures": {\n'
    items = list(manifest["disclosures"].items())
    for i, (path, entry) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        yield f"  {json.dumps(path, ensure_ascii=False)}: {text}{comma}\n"
    yield " },\n"
    yield ' "files": [\n'
    files = manifest["files"]
    for i, f in enumerate(files):
        comma = "," if i < len(files) - 1 else ""
        yield f"  {json.dumps(f, ensure_ascii=False)}{comma}\n"
    yield " ]\n"
    yield "}\n"


def write(
    site_dir: Path, config: SiteConfig, content: Content, rendered: Rendered, as_of: date
) -> Path:
    """Write site_dir/manifest.json; call it after the engine, before the swap."""
    manifest = build_manifest(site_dir, config, content, rendered.owners, as_of)
    target = site_dir / NAME
    with target.open("w", encoding="utf-8") as handle:
        handle.writelines(lines(manifest))
    return target


def _site_files(site_dir: Path) -> list[tuple[str, Path]]:
    """Every file of the site but the manifest, by its path in the site, sorted as text."""
    found = ((p.relative_to(site_dir).as_posix(), p) for p in site_dir.rglob("*") if p.is_file())
    return sorted((rel, p) for rel, p in found if rel != NAME)


def verify(site_dir: Path) -> list[str]:
    """Files whose bytes differ from the manifest, or that it lacks or lists in vain."""
    manifest = json.loads((site_dir / NAME).read_text("utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    wrong = []
    for rel, path in _site_files(site_dir):
        entry = listed.pop(rel, None)
        if entry is None:
            wrong.append(f"{rel}: không có trong {NAME}")
        elif entry["size"] != path.stat().st_size or entry["sha256"] != sha256_of(path):
            wrong.append(f"{rel}: khác mã SHA-256 trong {NAME}")
    wrong += [f"{rel}: có trong {NAME} nhưng không có trên trang" for rel in sorted(listed)]
    return wrong


def integrity_page(r: Renderer) -> Page:
    """'Kiểm tra tính toàn vẹn': how to check a file or a paper notice, in plain words."""
    from .notices import SHORT_HASH

    body = r.template(
        "integrity.html",
        authority=r.config.authority,
        manifest_href=relative(CHECK_URL, NAME),
        manifest_url=r.config.base_url + NAME,
        withdrawn_href=relative(CHECK_URL, WITHDRAWN_URL) if r.withdrawals.entries else "",
        short=SHORT_HASH,
        address=r.config.address,
        phone=r.config.phone,
        email=r.config.email,
    )
    return Page(
        CHECK_URL,
        "Kiểm tra tính toàn vẹn",
        body,
        "Cách đối chiếu tệp đã tải về và bản niêm yết giấy với mã SHA-256 của trang",
        section="tiep-can-thong-tin",
    )
