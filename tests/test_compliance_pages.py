"""The public verdict pages and the portal-function check on the built site."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from icalendar import Calendar

from generator.build import check
from generator.report import Report
from generator.sitecheck import verify

ROOT = Path(__file__).resolve().parent.parent


def test_compliance_page_states_date_rules_and_never_counts_not_yet_due(
    built_example: Path,
) -> None:
    page = (built_example / "muc-do-cong-khai" / "index.html").read_text("utf-8")
    assert "đánh giá ngày 27/11/2026" in page
    assert "Nghị định 224/2026/NĐ-CP" in page
    assert "không được tính vào tỷ lệ này và không bị coi là thiếu" in page
    report = check(ROOT / "site_config.yml", date(2026, 11, 27)).report
    s = report.summary
    judged = s["met"] + s["missing"] + s["incomplete"] + s["overdue"]
    assert f"<strong>{s['met']}/{judged}</strong>" in page
    for req in report.requirements:
        assert f'id="{req.id}"' in page


def test_calendar_lists_coming_obligations_as_ics(built_example: Path) -> None:
    report = check(ROOT / "site_config.yml", date(2026, 11, 27)).report
    ics = Calendar.from_ical((built_example / "lich-cong-khai" / "lich-cong-khai.ics").read_bytes())
    events = ics.walk("VEVENT")
    assert len(events) == len(report.upcoming) > 0
    first_due, first_id, _ = sorted(report.upcoming)[0]
    assert events[0].decoded("dtstart") == first_due
    assert str(events[0]["uid"]).startswith(first_id)
    page = (built_example / "lich-cong-khai" / "index.html").read_text("utf-8")
    assert first_due.strftime("%d/%m/%Y") in page


def site_copy(built_example: Path, tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(built_example, target)
    return target


def test_built_site_has_the_portal_functions(built_example: Path) -> None:
    d42 = Report(date(2025, 6, 1), "xã", ("Nghị định 42/2022/NĐ-CP (đến 30/06/2026)",))
    assert verify(built_example, d42) == []


def test_missing_english_pages_block_only_under_decree_42(
    built_example: Path, tmp_path: Path
) -> None:
    site = site_copy(built_example, tmp_path)
    shutil.rmtree(site / "en")
    d42 = Report(date(2025, 6, 1), "xã", ("Nghị định 42/2022/NĐ-CP (đến 30/06/2026)",))
    d224 = Report(date(2026, 11, 27), "xã", ("Nghị định 224/2026/NĐ-CP (từ 01/07/2026)",))
    (found,) = verify(site, d42)
    assert found.code == "portal-function-missing" and found.blocking
    assert "trang tiếng Anh" in found.message and "Điều 7 khoản 2" in found.message
    assert verify(site, d224) == []


def test_missing_search_or_print_stylesheet_blocks(built_example: Path, tmp_path: Path) -> None:
    site = site_copy(built_example, tmp_path)
    (site / "tim-kiem" / "chi-muc" / "index.json").unlink()
    css = site / "assets" / "congkhai.css"
    css.write_text(css.read_text("utf-8").replace("@media print", "@media screen"), "utf-8")
    d224 = Report(date(2026, 11, 27), "xã", ("Nghị định 224/2026/NĐ-CP (từ 01/07/2026)",))
    assert [p.message.split(" (")[0] for p in verify(site, d224)] == [
        "Trang vừa dựng thiếu chức năng tìm kiếm toàn văn",
        "Trang vừa dựng thiếu chức năng bản in của từng trang",
    ]
