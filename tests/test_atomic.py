"""Atomic and lossless: a build that fails or is killed at any stage leaves the previous
site byte for byte; staff files are never overwritten without --force.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sheet_fixtures import PROCEDURES, save_xlsx

from generator import engine
from generator.build import build
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 27)


def digest(root: Path) -> str:
    """Names, bytes, link targets and permissions of everything under `root`."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(path.relative_to(root).as_posix().encode())
        info = path.lstat()
        h.update(f"{stat.S_IMODE(info.st_mode):o}".encode())
        if path.is_symlink():
            h.update(os.readlink(path).encode())
        elif path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def previous(example: Path) -> Iterator[Path]:
    """A published site/ beside the example's config (a small stand-in for a real one)."""
    out = example.parent / "site"
    (out / "ngan-sach" / "2025").mkdir(parents=True)
    (out / "index.html").write_text("<h1>Trang cũ</h1>", "utf-8")
    (out / "ngan-sach" / "2025" / "index.html").write_text("<p>cũ</p>", "utf-8")
    (out / "du-lieu.zip").write_bytes(bytes(range(256)))
    os.symlink("index.html", out / "trang-chu.html")
    out.chmod(0o755)
    yield out


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def build_args(config: Path, out: Path) -> list[str]:
    return ["build", "--config", str(config), "--out", str(out), "--as-of", "2026-11-27"]


def test_an_engine_failure_exits_1_and_keeps_the_site(
    example: Path,
    previous: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = digest(previous)

    def broken(project: engine.Project) -> None:
        (project.site_dir / "index.html").write_text("nửa chừng", "utf-8")  # half-written
        raise engine.EngineError("Config value 'theme': hỏng")

    monkeypatch.setattr(engine, "build", broken)
    assert main(build_args(example, previous)) == 1
    err = capsys.readouterr().err
    assert "lỗi [engine-failed] Bước dựng trang (MkDocs) thất bại: Config value 'theme'" in err
    assert "được giữ nguyên" in err
    assert digest(previous) == before and leftovers(previous) == []


def test_a_broken_theme_override_fails_in_mkdocs_and_keeps_the_site(
    example: Path,
    previous: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    main_html = theme / "overrides" / "main.html"
    main_html.write_text(main_html.read_text("utf-8") + "\n{% block footer %}", "utf-8")
    monkeypatch.setattr(engine, "THEME", theme)
    before = digest(previous)
    assert main(build_args(example, previous)) == 1
    assert "lỗi [engine-failed]" in capsys.readouterr().err
    assert digest(previous) == before and leftovers(previous) == []


def test_a_crash_after_mkdocs_keeps_the_site(
    example: Path, previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any other failure is our bug and shows as one, but still costs no published byte."""

    def crash(*args: object) -> None:
        raise RuntimeError("lỗi giả")

    monkeypatch.setattr(engine, "fill_pages", crash)
    before = digest(previous)
    with pytest.raises(RuntimeError):
        build(example, previous, AS_OF)
    assert digest(previous) == before and leftovers(previous) == []


def test_a_killed_build_keeps_the_site_and_the_next_build_recovers(
    example: Path, previous: Path
) -> None:
    before = digest(previous)
    command = [sys.executable, "-m", "generator", *build_args(example, previous)]
    child = subprocess.Popen(
        command, cwd=example.parent, start_new_session=True, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        # Wait until MkDocs writes into the new site folder, then kill the whole build.
        while not any(
            any(staged.iterdir()) for staged in previous.parent.glob(f".{previous.name}.new-*")
        ):
            assert child.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert digest(previous) == before
    assert [name.split("-")[0] for name in leftovers(previous)] == [".site.new"]
    result = build(example, previous, AS_OF)
    assert result.built
    assert leftovers(previous) == []
    assert "Cổng công khai" in (previous / "index.html").read_text("utf-8")
    # The new site is readable by a web server, like the one it replaced.
    assert stat.S_IMODE(previous.stat().st_mode) == 0o755


def test_a_build_killed_between_the_two_renames_gets_the_site_back(
    example: Path, previous: Path
) -> None:
    before = digest(previous)
    # The swap had moved site/ aside and died before moving the new one in.
    os.rename(previous, previous.parent / ".site.old-x1y2z3")
    (previous.parent / ".site.new-a1b2c3").mkdir()
    # The next build stops on a content error, yet puts the previous site back.
    target = example.parent / "content" / "thu-tuc" / "dang-ky-khai-sinh.yml"
    target.write_text(target.read_text("utf-8") + "\n: :\n", "utf-8")
    assert not build(example, previous, AS_OF).built
    assert digest(previous) == before and leftovers(previous) == []


# Staff files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["new", "poverty", "ra-soat-2026"], "content/ho-ngheo/ra-soat-2026.yml"),
        (["template", "poverty"], "mau-poverty.xlsx"),
        (["import", "procedures", "tthc.xlsx"], "content/thu-tuc/dang-ky-khai-sinh.yml"),
    ],
)
def test_staff_commands_never_overwrite_without_force(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    target: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    save_xlsx(tmp_path / "tthc.xlsx", PROCEDURES)
    existing = tmp_path / target
    existing.parent.mkdir(parents=True, exist_ok=True)
    existing.write_bytes("# sửa tay, không được mất\n".encode())
    before = set(tmp_path.rglob("*"))
    assert main(args) == 1
    assert "[file-exists]" in capsys.readouterr().err
    assert existing.read_bytes() == "# sửa tay, không được mất\n".encode()
    assert set(tmp_path.rglob("*")) == before  # nothing else written either
    assert main([*args, "--force"]) == 0
    assert existing.read_bytes() != "# sửa tay, không được mất\n".encode()
