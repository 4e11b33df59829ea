"""Links between content files: a plan task's evidence, a question's related disclosures.

A link is written as a section, 'folder' (hoi-dap, ngan-sach), or as one page,
'folder/slug': the file's path under content/ without '.yml' (ngan-sach/2024/du-toan-duoc-giao).
A link is good when it leads to a page the site will have; the checker warns about the
others, pointing at the file and line where the link is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .kinds import BY_NAME, Kind
from .problems import Problem, SourceLocation, problem
from .records import Content, Plan, Question, Record


class Index:
    """Every page a link may lead to: one record's page, or a section with content."""

    def __init__(self, content: Content):
        self.targets: dict[str, Record | Kind] = {}
        for record in content.records:
            kind = BY_NAME[record.kind]
            self.targets.setdefault(kind.folder, kind)
            if not kind.singleton:
                self.targets[record.url.strip("/")] = record

    def resolve(self, ref: str) -> Record | Kind | None:
        """The record (a page) or the kind (a section index) that `ref` leads to."""
        return self.targets.get(ref.strip().strip("/"))


def written(content: Content) -> Iterator[tuple[Record, str, int | None, str]]:
    """(record, link, line, field) of every link written in content."""
    for record in content.records:
        if isinstance(record, Plan):
            for t, task in enumerate(record.tasks):
                lines = task.evidence_lines or (None,) * len(task.evidence)
                for e, (ref, line) in enumerate(zip(task.evidence, lines, strict=False)):
                    yield record, ref, line, f"tasks[{t + 1}].evidence[{e + 1}]"
        elif isinstance(record, Question):
            lines = record.related_lines or (None,) * len(record.related)
            for e, (ref, line) in enumerate(zip(record.related, lines, strict=False)):
                yield record, ref, line, f"related[{e + 1}]"


def broken(content: Content) -> list[Problem]:
    """A warning for every link that leads to no page of the site."""
    index = Index(content)
    found = []
    for record, ref, line, field in written(content):
        if index.resolve(ref) is not None:
            continue
        close = difflib.get_close_matches(ref.strip().strip("/"), sorted(index.targets), n=1)
        guess = f" Có phải là '{close[0]}'?" if close else ""
        loc = SourceLocation(record.source.path, line, field)
        found.append(problem("link-broken", loc, ref=ref, guess=guess))
    return found
