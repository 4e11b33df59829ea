"""Two things must never land on the same path of the site.

Names are made URL-safe on the way out (accents dropped, spaces to '-', lower case), so
'files/Quyết định.pdf' and 'files/quyet-dinh.pdf' would both become files/quyet-dinh.pdf
and one would silently replace the other. `published_files` finds that among the files
content refers to (run by `check`, so staff see it before building); `outputs` finds any
clash among everything a build writes: pages, content files and data files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .load import asset_dest
from .problems import Problem, SourceLocation, problem
from .records import Record, stored_files

if TYPE_CHECKING:
    from .render import Rendered


def published_files(records: Iterable[Record]) -> list[Problem]:
    """Files referred to by content that would be published under the same name."""
    found: list[Problem] = []
    seen: dict[str, str] = {}  # site path → content path of the first file published there
    for record in records:
        for file in stored_files(record):
            dest = asset_dest(file)
            name = dest.rsplit("/", 1)[-1]
            where = SourceLocation(record.source.path)
            if not name or name.startswith("."):
                found.append(problem("slug-empty", where, value=f"content/{file.rel}"))
                continue
            first = seen.setdefault(dest, file.rel)
            if first != file.rel:
                found.append(
                    problem(
                        "path-collision",
                        where,
                        dest=dest,
                        value=f"content/{file.rel}",
                        other=f"content/{first}",
                    )
                )
    return _once(found)


def outputs(rendered: Rendered) -> list[Problem]:
    """Pages, content files and data files of a build that would overwrite one another."""
    owners = dict(rendered.owners)
    written: dict[str, str] = {}  # site path → what puts it there
    found: list[Problem] = []

    def claim(path: str, what: str) -> None:
        if path not in written:
            written[path] = what
            return
        where = SourceLocation(owners.get(path, what)) if what.startswith("content/") else None
        found.append(problem("path-collision", where, dest=path, value=what, other=written[path]))

    for page in rendered.heads:
        path = f"{page.url}index.html"
        claim(path, page.source or owners.get(path) or f"trang '{page.title}'")
    for asset in rendered.assets:
        claim(asset.dest, f"content/{asset.file.rel}")
    for dest in rendered.files:
        claim(dest, f"tệp dữ liệu {dest}")
    # A file where another needs a folder ('a/b' and 'a/b/index.html') is a clash too.
    below: dict[str, str] = {}  # folder → a path inside it
    for path in written:
        parts = path.split("/")
        for n in range(1, len(parts)):
            below.setdefault("/".join(parts[:n]), path)
    for path, what in written.items():
        if path in below:
            other = written[below[path]]
            found.append(problem("path-collision", None, dest=path, value=what, other=other))
    return _once(found)


def _once(found: list[Problem]) -> list[Problem]:
    unique: dict[tuple[str, str], Problem] = {}
    for p in found:
        unique.setdefault((p.code, p.message), p)
    return list(unique.values())
