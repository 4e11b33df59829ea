"""Write the provincial site's own pages: its home, the dashboard and the dashboard's JSON.

The pages are plain HTML with one small stylesheet and one small script (theme/province/),
not a MkDocs build: they are the province's index of its communes' sites, readable
without JavaScript, and are rewritten in a moment whenever any commune is rebuilt or a
report is merged. Each commune's site under /SLUG/ keeps its own theme and assets, so the
same folder can also be served alone on the commune's domain.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from .dashboard import JUDGED, Figures, Row
from .province import DASHBOARD_DIR, PROVINCE_ASSETS_DIR, Province
from .render import TEMPLATES, THEME
from .values import format_date

DASHBOARD_FORMAT = "congkhai-province-dashboard/1"
ASSETS = THEME / "province"

STATE_LABELS = {
    "published": "Đang công khai",
    "kept": "Lần dựng mới có lỗi; vẫn giữ trang trước",
    "failed": "Dựng trang có lỗi; chưa có trang",
    "absent": "Chưa có báo cáo",
}
BASIS = (
    "Kết quả kiểm tra tự động các tệp nội dung mà mỗi xã lưu, theo các văn bản pháp luật "
    "có hiệu lực vào ngày đánh giá ghi ở từng dòng; không phải kết luận thanh tra, kiểm tra. "
    "Chỉ các yêu cầu đã đến hạn được tính (đã công khai, chưa có, thiếu thông tin, quá hạn); "
    "yêu cầu chưa đến hạn hoặc không áp dụng không bao giờ bị tính là thiếu."
)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["vdate"] = format_date
    return env


def rule_sets(rows: Sequence[Row]) -> list[tuple[str, ...]]:
    """The distinct sets of legal documents the rows were judged under, first seen first."""
    found: list[tuple[str, ...]] = []
    for row in rows:
        if row.figures is not None and row.figures.regimes not in found:
            found.append(row.figures.regimes)
    return found


def _figures_json(f: Figures, rule_set: int) -> dict[str, Any]:
    return {
        "commune": f.commune,
        "as_of": f.as_of.isoformat(),
        "rule_set": rule_set,
        "regimes": list(f.regimes),
        "summary": f.counts,
        "judged": f.judged,
        "overdue": [
            {
                "id": o.id,
                "title": o.title,
                "due": o.due.isoformat() if o.due else None,
                "days_overdue": o.days,
                "periods": list(o.periods),
                "legal_basis": list(o.legal_basis),
            }
            for o in f.overdue
        ],
        "latest_publication": f.latest_publication.isoformat() if f.latest_publication else None,
    }


def dashboard_json(province: Province, rows: Sequence[Row]) -> dict[str, Any]:
    """The dashboard as data: the same figures as the page, for other tools."""
    sets = rule_sets(rows)
    communes = []
    for row in rows:
        item: dict[str, Any] = {
            "slug": row.slug,
            "name": row.name,
            "domain": row.domain,
            "url": f"https://{row.domain}/",
            "site": f"{row.slug}/" if row.has_site else None,
            "report": f"{row.slug}/bao-cao-cong-khai.json" if row.has_site else None,
            "state": row.state,
            "state_vi": STATE_LABELS[row.state],
            "figures": (
                _figures_json(row.figures, sets.index(row.figures.regimes) + 1)
                if row.figures
                else None
            ),
            "failed_build": (
                {"as_of": row.failed.as_of.isoformat(), "blocking_problems": row.failed.blocking}
                if row.failed
                else None
            ),
        }
        communes.append(item)
    return {
        "format": DASHBOARD_FORMAT,
        "province": province.name,
        "authority": province.authority,
        "sample_data": province.sample_data,
        "basis": BASIS,
        "judged_statuses": list(JUDGED),
        "rule_sets": [{"id": i + 1, "regimes": list(s)} for i, s in enumerate(sets)],
        "communes": communes,
    }


def _row_view(row: Row, sets: list[tuple[str, ...]], prefix: str) -> dict[str, Any]:
    f = row.figures
    filters = [row.state]
    if row.failed:
        filters.append("failed-build")
    view: dict[str, Any] = {
        "slug": row.slug,
        "name": row.name,
        "domain": row.domain,
        "href": f"{prefix}{row.slug}/" if row.has_site else "",
        "report_href": f"{prefix}{row.slug}/bao-cao-cong-khai.json" if row.has_site else "",
        "state": row.state,
        "state_vi": STATE_LABELS[row.state],
        "failed": row.failed,
        "figures": None,
    }
    if f is not None:
        c = f.counts
        for key in ("overdue", "missing", "incomplete"):
            if c.get(key):
                filters.append(key)
        view["figures"] = {
            "as_of": f.as_of,
            "rule_set": sets.index(f.regimes) + 1,
            "met": c.get("met", 0),
            "missing": c.get("missing", 0),
            "incomplete": c.get("incomplete", 0),
            "overdue": c.get("overdue", 0),
            "not_yet_due": c.get("not_yet_due", 0),
            "not_applicable": c.get("not_applicable", 0),
            "judged": f.judged,
            "score": round(100 * c.get("met", 0) / f.judged) if f.judged else None,
            "late": f.overdue,
            "latest_publication": f.latest_publication,
        }
    view["filters"] = " ".join(filters)
    return view


def render_pages(province: Province, rows: Sequence[Row]) -> dict[str, str]:
    """Site path → HTML of the province's home page and dashboard."""
    env = _environment()
    sets = rule_sets(rows)
    dates = sorted({r.figures.as_of for r in rows if r.figures})
    common = {
        "province": province.name,
        "authority": province.authority,
        "sample_data": province.sample_data,
        "count": len(rows),
        "dashboard_dir": DASHBOARD_DIR,
    }
    home = env.get_template("province_home.html").render(
        **common,
        root="",
        assets=f"{PROVINCE_ASSETS_DIR}/",
        communes=[_row_view(r, sets, "") for r in rows],
    )
    dashboard = env.get_template("province_dashboard.html").render(
        **common,
        root="../",
        assets=f"../{PROVINCE_ASSETS_DIR}/",
        rows=[_row_view(r, sets, "../") for r in rows],
        rule_sets=sets,
        dates=dates,
        basis=BASIS,
        json_href=f"../{DASHBOARD_DIR}.json",
    )
    return {"index.html": home, f"{DASHBOARD_DIR}/index.html": dashboard}


def _write(target: Path, data: bytes) -> None:
    """Replace one file atomically: a visitor never gets half a page."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def write(site: Path, province: Province, rows: Sequence[Row]) -> list[Path]:
    """Write the home page, dashboard, its JSON and the province assets into `site`."""
    written = []
    for rel, html in render_pages(province, rows).items():
        _write(site / rel, html.encode())
        written.append(site / rel)
    data = json.dumps(dashboard_json(province, rows), ensure_ascii=False, indent=1)
    _write(site / f"{DASHBOARD_DIR}.json", data.encode())
    written.append(site / f"{DASHBOARD_DIR}.json")
    assets = site / PROVINCE_ASSETS_DIR
    assets.mkdir(parents=True, exist_ok=True)
    for source in sorted(ASSETS.iterdir()):
        shutil.copyfile(source, assets / source.name)
    return written
