"""Live preview: build into a temporary folder, serve it, rebuild when content changes."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path


def _snapshot(folders: list[Path]) -> dict[str, float]:
    return {
        str(p): p.stat().st_mtime
        for folder in folders
        if folder.exists()
        for p in folder.rglob("*")
        if p.is_file()
    }


def serve(config_path: Path, as_of: date, port: int) -> int:
    """Serve a preview on 127.0.0.1:`port` until interrupted."""
    from .build import build

    out = Path(tempfile.mkdtemp(prefix="congkhai-preview-")) / "site"
    watched = [config_path.parent / "content", config_path, Path(__file__).parent.parent / "theme"]

    def rebuild() -> None:
        result = build(config_path, out, as_of)
        for p in result.checked.problems:
            print(p.render(), file=sys.stderr)
        state = (
            "đã cập nhật" if result.built else "CHƯA cập nhật (còn lỗi, đang hiển thị bản trước)"
        )
        print(f"[{time.strftime('%H:%M:%S')}] Trang xem trước {state}.", file=sys.stderr)

    rebuild()

    def watch() -> None:
        seen = _snapshot(watched)
        while True:
            time.sleep(1.0)
            now = _snapshot(watched)
            if now != seen:
                seen = now
                rebuild()

    threading.Thread(target=watch, daemon=True).start()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Xem trước tại http://127.0.0.1:{port}/ (Ctrl+C để dừng).", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()
    return 0
