"""Intake: cached, two-process and outlined reading give what one cold pass gives."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator import background
from generator import intake as intake_module
from generator.checking import Checked, check
from generator.config import load_config
from generator.intake import intake
from generator.records import Outlines
from generator.report import to_json

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "site_config.yml"


def run(config_path: Path, cache: bool = True) -> tuple[object, ...]:
    os.environ["CONGKHAI_CACHE"] = "1" if cache else "0"
    try:
        problems, validated = intake(load_config(config_path))
    finally:
        os.environ.pop("CONGKHAI_CACHE", None)
    return problems, validated.content.records, validated.problems


def test_cache_and_split_change_nothing(commune: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = run(commune, cache=False)
    assert run(commune) == cold  # fills the cache
    assert (commune.parent / intake_module.CACHE_FILE).is_file()
    assert run(commune) == cold  # served from it
    monkeypatch.setattr(intake_module, "SPLIT_FROM", 2)
    assert run(commune, cache=False) == cold  # half read in a forked child
    monkeypatch.setattr(intake_module, "BATCH", 7)
    assert run(commune, cache=False) == cold  # sent back in many batches


def test_changed_attachment_is_read_again(commune: Path) -> None:
    def chart_hash() -> str:
        records = run(commune)[1]
        (organisation,) = [r for r in records if r.kind == "organisation"]  # type: ignore[attr-defined]
        return organisation.org_chart.file.sha256  # type: ignore[no-any-return]

    before = chart_hash()
    chart = next((commune.parent / "content" / "to-chuc" / "files").glob("so-do*.png"))
    chart.write_bytes(chart.read_bytes() + b"\0")
    os.utime(chart, ns=(1, 1))
    assert chart_hash() != before


def test_removed_attachment_is_reported(commune: Path) -> None:
    run(commune)
    chart = next((commune.parent / "content" / "to-chuc" / "files").glob("so-do*.png"))
    chart.unlink()
    problems = run(commune)[0]
    assert any(p.code == "path-missing" for p in problems)  # type: ignore[attr-defined]


def test_a_child_that_fails_fails_the_parent() -> None:
    def work(send: object) -> None:
        send([1])  # type: ignore[operator]
        raise ValueError("hỏng")

    stream = background.stream(work)
    with pytest.raises(ValueError, match="hỏng"):
        stream.rest()


def test_a_child_that_dies_is_reported() -> None:
    def work(send: object) -> None:
        os._exit(3)

    with pytest.raises(background.BackgroundError, match="mã 3"):
        background.stream(work).rest()


def test_outlines_are_judged_as_whole_records(
    commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = date(2026, 11, 27)
    monkeypatch.setenv("CONGKHAI_CACHE", "0")
    whole = check(commune, as_of)
    outlined = check(commune, as_of, outlines=True)
    assert to_json(outlined.report) == to_json(whole.report)
    monkeypatch.setattr(intake_module, "SPLIT_FROM", 2)  # outlined in the child too
    split = check(commune, as_of, outlines=True)
    assert to_json(split.report) == to_json(whole.report)
    assert split.content == outlined.content  # type: ignore[comparison-overlap]

    def lengths(checked: Checked, kind: str, name: str) -> list[int]:
        return [len(getattr(r, name)) for r in checked.content.records if r.kind == kind]  # type: ignore[attr-defined]

    assert max(lengths(whole, "poverty", "households")) > 1
    assert max(lengths(outlined, "poverty", "households")) == 1
    assert lengths(outlined, "budget", "tables") == lengths(whole, "budget", "tables")


def test_an_outline_keeps_what_judging_needs(commune: Path) -> None:
    records = run(commune, cache=False)[1]
    review = next(r for r in records if r.kind == "poverty")  # type: ignore[attr-defined]
    budget = next(r for r in records if r.kind == "budget" and r.tables)  # type: ignore[attr-defined]
    assert Outlines(frozenset({"households"})).of(review) is review  # a rule reads them all
    empty = replace(review, households=())
    assert Outlines().of(empty) == empty  # an empty list stays empty: judged incomplete
    cut = Outlines().of(budget)
    assert [t.form for t in cut.tables] == [t.form for t in budget.tables]  # type: ignore[attr-defined]
    assert all(len(t.rows) <= 1 for t in cut.tables)  # type: ignore[attr-defined]


def test_checks_and_builds_keep_their_own_cache(
    commune: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_of = date(2026, 11, 27)
    expected = to_json(check(commune, as_of).report)

    def report(outlines: bool) -> object:
        checked = check(commune, as_of, outlines=outlines)
        assert to_json(checked.report) == expected
        return checked.content

    whole = report(outlines=False)  # keeps whole records
    kept = sqlite3.connect(commune.parent / intake_module.CACHE_FILE)

    def kinds() -> list[str]:
        return sorted({kind for (kind,) in kept.execute("SELECT kind FROM kept")})

    assert kinds() == ["whole"]
    outlined = report(outlines=True)  # outlines the whole records, keeps the outlines
    assert kinds() == ["outline", "whole"]
    assert report(outlines=True) == outlined  # from the outlines
    assert report(outlines=False) == whole  # a build never takes an outline
    with kept:
        kept.execute("DELETE FROM kept WHERE kind = 'whole'")
    assert report(outlines=False) == whole  # read again, not outlined


def test_the_cache_holds_the_content_as_it_is(commune: Path) -> None:
    run(commune)
    kept = sqlite3.connect(commune.parent / intake_module.CACHE_FILE)

    def count() -> int:
        return int(kept.execute("SELECT count(*) FROM kept").fetchone()[0])

    before = count()
    budget = next((commune.parent / "content" / "ngan-sach").rglob("*.yml"))
    budget.write_text(budget.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run(commune)
    assert count() == before  # the old version of the file is forgotten
    budget.unlink()
    run(commune)
    assert count() == before - 1


def test_what_older_versions_cached_is_removed(commune: Path) -> None:
    older = commune.parent / ".congkhai-cache" / "intake-v1" / "ab"
    older.mkdir(parents=True)
    (older / "abcdef").write_bytes(b"an entry of the old cache")
    run(commune)
    assert sorted(p.name for p in older.parent.parent.iterdir() if p.is_dir()) == []
    assert (commune.parent / intake_module.CACHE_FILE).is_file()


def test_a_cache_that_cannot_be_used_changes_nothing(commune: Path) -> None:
    cold = run(commune, cache=False)
    cache = commune.parent / intake_module.CACHE_FILE
    cache.parent.mkdir()
    cache.write_bytes(b"not a database" * 100)  # damaged
    assert run(commune) == cold
    shutil.rmtree(cache.parent)
    cache.parent.write_text("")  # no folder can be made there
    assert run(commune) == cold
