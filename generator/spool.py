"""The spool: what a build has made but not yet published, kept on disk instead of in memory.

Pages and data files are made before the site folder can take them (MkDocs writes that
folder, and empties it first). A commune of 5,000 disclosures renders about 140 MB of
page bodies and 180 MB of open-data files; held in memory until then they took the
build's largest process over 1 GiB. In the spool they cost the page cache instead:

- data files sit at their site paths under `files/`; publishing one is a rename (a copy
  when the site is on another filesystem than the system's temporary folder);
- page bodies are appended to one file and read back by page URL.

The open-data child process writes its files into the same spool (it shares the folder,
never the bodies file).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from types import TracebackType
from typing import BinaryIO


class Spool:
    """A temporary folder for one build's outputs; removed on close (or when forgotten)."""

    def __init__(self) -> None:
        root = Path(tempfile.mkdtemp(prefix="congkhai-spool-"))
        self.data_dir = root / "files"
        self._bodies = (root / "bodies").open("x+b")
        self._cleanup = weakref.finalize(self, _remove, root, self._bodies)
        self._end = 0
        self._where: dict[str, tuple[int, int]] = {}  # page URL → (offset, length)
        self._folders: set[Path] = set()  # made by this process: no need to ask again

    # data files, by site path -----------------------------------------------------------
    def path(self, dest: str) -> Path:
        """Where the data file for site path `dest` is written (its folder made)."""
        target = self.data_dir / dest
        self._folder(target.parent)
        return target

    def write(self, dest: str, data: bytes) -> None:
        self.path(dest).write_bytes(data)

    def read(self, dest: str) -> bytes:
        return (self.data_dir / dest).read_bytes()

    def size(self, dest: str) -> int:
        return (self.data_dir / dest).stat().st_size

    def publish(self, dest: str, target: Path) -> None:
        """Move the data file `dest` to `target`, replacing what is there."""
        self._folder(target.parent)
        try:
            os.replace(self.data_dir / dest, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.copyfile(self.data_dir / dest, target)

    def _folder(self, folder: Path) -> None:
        """Make `folder` unless this spool made it already (thousands of files share one)."""
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    # page bodies, by URL ----------------------------------------------------------------
    def put_body(self, url: str, body: str) -> None:
        """Keep the body of the page at `url` (a later body for the same URL replaces it)."""
        data = body.encode("utf-8")
        self._bodies.seek(self._end)
        self._bodies.write(data)
        # Nothing left in the buffer that a forked child could write a second time.
        self._bodies.flush()
        self._where[url] = (self._end, len(data))
        self._end += len(data)

    def body(self, url: str) -> str:
        offset, length = self._where[url]
        self._bodies.seek(offset)
        return self._bodies.read(length).decode("utf-8")

    # lifetime -----------------------------------------------------------------------------
    def close(self) -> None:
        self._cleanup()

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _remove(root: Path, bodies: BinaryIO) -> None:
    bodies.close()
    shutil.rmtree(root, ignore_errors=True)
