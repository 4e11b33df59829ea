"""Check the built site for the portal functions the law requires (Decree 42/2022 Art. 7).

Run on the finished site before it replaces the published one: full-text search, a print
stylesheet (print and save every article), and, while Decree 42/2022 is in force, the
English pages for the organisation and the officials' contacts. A missing function
blocks publication like any other blocking problem.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, problem
from .report import Report


def _has(path: Path, *needles: str) -> bool:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return False
    return all(n in text for n in needles)


def verify(site: Path, report: Report) -> list[Problem]:
    """Problems for each required portal function the built site lacks."""
    found: list[Problem] = []
    checks = [
        (
            "tìm kiếm toàn văn",
            "Nghị định 42/2022/NĐ-CP, Điều 7 khoản 1 điểm a",
            _has(site / "tim-kiem" / "index.html", 'role="search"', "<form")
            and (site / "tim-kiem" / "chi-muc" / "index.json").is_file(),
            "tim-kiem/",
        ),
        (
            "bản in của từng trang (định dạng in)",
            "Nghị định 42/2022/NĐ-CP, Điều 7 khoản 1 điểm c",
            _has(site / "assets" / "congkhai.css", "@media print"),
            "assets/congkhai.css",
        ),
    ]
    if any(regime.startswith("Nghị định 42/2022") for regime in report.regimes):
        checks.append(
            (
                "trang tiếng Anh về cơ cấu tổ chức và liên hệ cán bộ",
                "Nghị định 42/2022/NĐ-CP, Điều 7 khoản 2",
                (site / "en" / "index.html").is_file()
                and (site / "en" / "contacts" / "index.html").is_file(),
                "en/",
            )
        )
    for what, basis, present, where in checks:
        if not present:
            found.append(
                problem("portal-function-missing", None, what=what, basis=basis, where=where)
            )
    return found
