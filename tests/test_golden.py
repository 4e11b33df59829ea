"""Golden files: the Markdown the generator writes for a small fixed commune.

Refresh after an intended change with `make golden`, then review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator import engine
from generator.build import check
from generator.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden" / "mini"
AS_OF = date(2026, 11, 27)
UPDATE = os.environ.get("CONGKHAI_UPDATE_GOLDEN") == "1"


def generated() -> dict[str, str]:
    checked = check(FIXTURE / "site_config.yml", AS_OF)
    # The mini commune is incomplete on purpose; only content errors would make it unfit.
    content_errors = [p for p in checked.problems if p.blocking and p.requirement is None]
    assert [p.render() for p in content_errors] == []
    rendered = render(checked.config, checked.content, checked.report, AS_OF)  # type: ignore[arg-type]
    return {page.path: engine.page_markdown(page) for page in rendered.pages}


def test_generated_markdown_matches_golden_files() -> None:
    pages = generated()
    if UPDATE:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        pytest.skip("golden files refreshed")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden`"
    for path, text in pages.items():
        assert text == expected[path], f"{path} changed: run `make golden` and review the diff"
