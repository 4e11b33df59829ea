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
