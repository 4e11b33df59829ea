"""Reproducible: the same content and --as-of date give the same site/, byte for byte.

Two builds of the example run as separate processes, from different folders, at different
times and with different hash seeds (so a set or dict iterated in hash order would show);
SOURCE_DATE_EPOCH, when set, is the one time written into files.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from small_commune import data, files, render_site

ROOT = Path(__file__).resolve().parent.parent
BUILD = "import sys, time; time.sleep(float(sys.argv[1])); from generator.cli import main; " \
    "sys.exit(main(sys.argv[2:]))"  # fmt: skip


def tree(root: Path) -> dict[str, str]:
    """Every file of a tree, by path, as the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_content_are_byte_identical(tmp_path: Path) -> None:
    runs = []
    for name, seed, delay in (("a", "1", 0.0), ("mot-thu-muc-khac", "2", 2.5)):
        root = tmp_path / name
        root.mkdir()
        shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
        shutil.copytree(ROOT / "content", root / "content")
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env.update(PYTHONHASHSEED=seed, TZ="Asia/Ho_Chi_Minh" if seed == "1" else "UTC")
        args = ["build", "--as-of", "2026-11-27", "--out", "site"]
        command = [sys.executable, "-c", BUILD, str(delay), *args]
        runs.append((root, subprocess.Popen(command, cwd=root, env=env, stderr=subprocess.PIPE)))
    for _root, run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()[-2000:]
    first, second = (tree(root / "site") for root, _ in runs)
    assert len(first) > 300
    assert sorted(set(first) ^ set(second)) == []
    assert sorted(p for p in first if first[p] != second[p]) == []


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [(None, (2026, 11, 27, 0, 0, 0)), ("1767225600", (2026, 1, 1, 0, 0, 0))],
)
def test_files_carry_the_as_of_date_or_source_date_epoch_never_the_clock(
    tree: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    epoch: str | None,
    expected: tuple[int, ...],
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert datetime.fromtimestamp(int(epoch), UTC).timetuple()[:6] == expected
    _, rendered = render_site(tree(files()))
    archive = zipfile.ZipFile(io.BytesIO(data(rendered)["du-lieu/du-lieu-cong-khai.zip"]))
    assert {info.date_time for info in archive.infolist()} == {expected}
    books = [name for name in archive.namelist() if name.endswith(".xlsx")]
    assert books
    for name in books:
        with zipfile.ZipFile(io.BytesIO(archive.read(name))) as book:
            # xlsxwriter dates the parts of a workbook 1980-01-01, always; its properties
            # carry the build's time.
            assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = book.read("docProps/core.xml").decode()
            assert datetime(*expected).strftime("%Y-%m-%dT%H:%M:%SZ") in core  # type: ignore[misc]
