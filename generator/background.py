"""Run a stage's independent work in a second process while the first goes on.

A commune's site is built on a 2-core machine (CI, the commune's own PC): the open-data
files (thousands of small CSV, XLSX and JSON files and a zip) need nothing but the
records, so they are made in a forked child while the parent renders the pages. Where
fork is unavailable, or CONGKHAI_JOBS=1, the work runs inline and the result is the same.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
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
    """Batches a child process sends while it works, received as they come.

    A thread reads the pipe as soon as the child writes, so the child never waits for the
    parent (a pipe holds 64 KB; a batch is about a megabyte); the parent turns the bytes
    back into objects between its own steps.
    """

    def __init__(self, batches: list[Any], receiver: Any = None, process: Any = None):
        self._batches = batches  # already received
        self._process = process
        self._inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        if receiver is not None:
            threading.Thread(target=self._read, args=(receiver,), daemon=True).start()
        self._open = receiver is not None

    def _read(self, receiver: Any) -> None:
        try:
            while True:
                self._inbox.put(receiver.recv_bytes())
        except EOFError:
            self._inbox.put(None)
        finally:
            receiver.close()

    def ready(self) -> list[Any]:
        """The batches sent so far, without waiting."""
        while self._open and not self._inbox.empty():
            self._take(self._inbox.get())
        out, self._batches = self._batches, []
        return out

    def rest(self) -> list[Any]:
        """Every batch not taken yet, waiting for the child to finish."""
        while self._open:
            self._take(self._inbox.get())
        return self.ready()

    def _take(self, message: bytes | None) -> None:
        if message is None:
            self._open = False
            self._process.join()
            raise BackgroundError(f"tiến trình phụ dừng đột ngột (mã {self._process.exitcode})")
        kind, value = pickle.loads(message)
        if kind == "batch":
            self._batches.append(value)
            return
        self._open = False
        self._process.join()
        if kind == "error":
            raise value


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
