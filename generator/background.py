"""Run a stage's independent work in a second process while the first goes on.

A commune's site is built on a 2-core machine (CI, the commune's own PC): the open-data
files (thousands of small CSV, XLSX and JSON files and a zip) need nothing but the
records, so they are made in a forked child while the parent renders the pages. Where
fork is unavailable, or CONGKHAI_JOBS=1, the work runs inline and the result is the same.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The child process died without an answer (killed, out of memory)."""


def start(work: Callable[[], T]) -> Callable[[], T]:
    """Begin `work`; return a function that waits for and returns its result."""
    if not hasattr(os, "fork") or os.environ.get("CONGKHAI_JOBS") == "1":
        result = work()
        return lambda: result
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            answer: tuple[bool, Any] = (True, work())
        except BaseException as exc:  # sent back and raised in the parent
            answer = (False, exc)
        sender.send(answer)
        sender.close()

    process = context.Process(target=child, daemon=True)
    process.start()
    sender.close()

    def wait() -> T:
        try:
            ok, value = receiver.recv()
        except EOFError:
            raise BackgroundError(f"tiến trình phụ dừng đột ngột (mã {process.exitcode})") from None
        finally:
            process.join()
            receiver.close()
        if not ok:
            raise value
        return value

    return wait


class Stream:
    """Batches a child process sends while it works, received as they come."""

    def __init__(self, batches: list[Any], receiver: Any = None, process: Any = None):
        self._batches = batches  # already received
        self._receiver = receiver
        self._process = process

    def ready(self) -> list[Any]:
        """The batches sent so far, without waiting."""
        while self._receiver is not None and self._receiver.poll():
            self._take()
        out, self._batches = self._batches, []
        return out

    def rest(self) -> list[Any]:
        """Every batch not taken yet, waiting for the child to finish."""
        while self._receiver is not None:
            self._take()
        return self.ready()

    def _take(self) -> None:
        try:
            kind, value = self._receiver.recv()
        except EOFError:
            code = self._process.exitcode
            self._close()
            raise BackgroundError(f"tiến trình phụ dừng đột ngột (mã {code})") from None
        if kind == "batch":
            self._batches.append(value)
        elif kind == "done":
            self._close()
        else:
            self._close()
            raise value

    def _close(self) -> None:
        self._process.join()
        self._receiver.close()
        self._receiver = None


def stream(work: Callable[[Callable[[Any], None]], None]) -> Stream:
    """Begin `work(send)` in a child; each `send(batch)` reaches the parent as it is made.

    The parent takes batches between its own steps (`Stream.ready`), so turning them back
    into objects overlaps the child's work instead of following it.
    """
    if not hasattr(os, "fork") or os.environ.get("CONGKHAI_JOBS") == "1":
        batches: list[Any] = []
        work(batches.append)
        return Stream(batches)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        try:
            work(lambda batch: sender.send(("batch", batch)))
            sender.send(("done", None))
        except BaseException as exc:  # sent back and raised in the parent
            sender.send(("error", exc))
        sender.close()

    process = context.Process(target=child, daemon=True)
    process.start()
    sender.close()
    return Stream([], receiver, process)
