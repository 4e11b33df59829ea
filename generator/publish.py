"""Publish: build into a fresh folder beside site/ and swap it in only when all went well.

A failure at any stage, or a build killed half-way, leaves the previous site/ exactly as
it was: the new site is written to a hidden sibling folder, and the swap is two renames
on the same filesystem (os.rename of a directory is atomic on POSIX).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """Yield an empty folder beside `out`; on success it replaces `out`, else it is removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _sweep(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    # mkdtemp makes a private (0700) folder; the site must stay readable by the web server.
    os.chmod(tmp, _folder_mode(out))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap(tmp, out)


def swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
    os.rename(new, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _folder_mode(out: Path) -> int:
    """The previous site's permissions, or those of a new folder (0755 under umask 022)."""
    if out.is_dir():
        return stat.S_IMODE(out.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask


def recover(out: Path) -> None:
    """Put back the previous site if a build was killed between the two renames."""
    _sweep(out.resolve())


def _sweep(out: Path) -> None:
    """Remove leftovers of builds that were killed (never the published site)."""
    for leftover in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    if out.exists():
        for leftover in out.parent.glob(f".{out.name}.old-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    else:
        # Killed between the two renames: the previous site is the newest .old folder.
        olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if olds:
            os.rename(olds[-1], out)
