"""Temporary git repositories with fixed names and dates, for the history tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str, when: str = "2026-01-01T09:00:00+07:00") -> str:
    """Run git in `root` as a fixed person at a fixed time; return what it printed."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Văn phòng UBND xã",
        "GIT_AUTHOR_EMAIL": "vanphong@example.invalid",
        "GIT_COMMITTER_NAME": "Văn phòng UBND xã",
        "GIT_COMMITTER_EMAIL": "vanphong@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def init(root: Path) -> None:
    git(root, "init", "-q")


def commit(root: Path, message: str, when: str) -> str:
    """Stage everything under `root` and commit it; return the commit hash."""
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD").strip()
