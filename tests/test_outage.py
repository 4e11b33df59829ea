"""Planned outages (Decree 224/2026, Art. 13): announced ≥ 7 working days ahead, on every page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import CONFIG

from generator.build import blocks, check
from generator.config import ConfigError, load_config
from generator.problems import Severity
from generator.render import Rendered, render
from generator.report import RequirementResult

NOTICE = """\
requirement: g12-fees
title: Công khai các khoản phí, lệ phí năm 2026
published_on: 2026-01-16
body: Mức thu phí chứng thực bản sao 2.000 đồng/trang.
"""


def outage(
    announced: str, start: str = "2026-10-19", end: str = "2026-10-20", extra: str = ""
) -> str:
    return CONFIG + (
        f"outage: {{from: {start}, to: {end}, announced_on: {announced}, "
        f"reason: Bảo trì máy chủ của Cổng thông tin tỉnh{extra}}}\n"
    )


def requirement(config: Path, as_of: date = date(2026, 10, 12)) -> RequirementResult:
    found = [r for r in check(config, as_of).report.requirements if r.id == "f-outage-notice"]
    assert found, "f-outage-notice not judged"
    return found[0]


def test_announcing_less_than_7_working_days_ahead_warns(tree: Callable[..., Path]) -> None:
    # 7 working days before Monday 19/10/2026 is Thursday 08/10/2026.
    result = requirement(tree(config=outage("2026-10-09")))
    assert result.status == "overdue"
    assert result.due == date(2026, 10, 8)
    (p,) = result.problems
    assert p.severity is Severity.WARNING and not p.blocking
    assert p.render() == (
        "site_config.yml  outage.announced_on\n"
        "  cảnh báo [outage-short-notice] Thông báo tạm ngừng trang ngày 09/10/2026, muộn 1 ngày "
        "so với hạn 08/10/2026: phải báo trước ít nhất 7 ngày làm việc trước ngày bắt đầu tạm "
        "ngừng (19/10/2026) theo Nghị định 224/2026/NĐ-CP, Điều 13.\n"
        "  cách sửa: dời ngày bắt đầu tạm ngừng ('outage.from' trong site_config.yml) sang "
        "20/10/2026 hoặc muộn hơn; nếu phải ngừng vì sự cố bất khả kháng, thêm "
        "'force_majeure: true'; nếu ngày thông báo ghi chưa đúng, sửa 'outage.announced_on'."
    )
    assert not blocks((p,), strict=False) and blocks((p,), strict=True)


def test_exactly_7_working_days_ahead_is_enough(tree: Callable[..., Path]) -> None:
    result = requirement(tree(config=outage("2026-10-08")))
    assert (result.status, result.problems) == ("met", ())


def test_holidays_do_not_count(tree: Callable[..., Path]) -> None:
    # Before Monday 07/09/2026: 31/08 (swapped day off), 01/09 and 02/09 (Quốc khánh) are off.
    late = requirement(
        tree(config=outage("2026-08-25", "2026-09-07", "2026-09-08")), date(2026, 9, 1)
    )
    assert late.status == "overdue" and late.due == date(2026, 8, 24)
    ok = requirement(
        tree(config=outage("2026-08-24", "2026-09-07", "2026-09-08")), date(2026, 9, 1)
    )
    assert ok.status == "met"


def test_force_majeure_needs_no_notice_period(tree: Callable[..., Path]) -> None:
    config = tree(config=outage("2026-10-16", extra=", force_majeure: true"))
    assert load_config(config).outage.force_majeure is True  # type: ignore[union-attr]
    assert requirement(config).status == "met"


def test_without_an_outage_the_rule_does_not_apply(tree: Callable[..., Path]) -> None:
    result = requirement(tree())
    assert result.status == "not_applicable"
    assert result.reason == "Không có kế hoạch tạm dừng trang (mục outage trong site_config.yml)."


def test_before_decree_224_there_is_no_such_rule(tree: Callable[..., Path]) -> None:
    config = tree(config=outage("2026-06-01", "2026-06-05", "2026-06-06"))
    ids = {r.id for r in check(config, date(2026, 6, 2)).report.requirements}
    assert "f-outage-notice" not in ids


def test_restoration_before_the_start_is_a_config_error(tree: Callable[..., Path]) -> None:
    config = tree(config=outage("2026-10-01", "2026-10-19", "2026-10-18"))
    with pytest.raises(ConfigError) as err:
        load_config(config)
    (p,) = err.value.problems
    assert p.code == "outage-order"
    assert (
        p.message == "Ngày khôi phục trang (18/10/2026) trước ngày bắt đầu tạm ngừng (19/10/2026)."
    )


# The notice on every page ----------------------------------------------------------------


def site(config: Path, as_of: date) -> Rendered:
    checked = check(config, as_of)
    return render(checked.config, checked.content, checked.report, as_of)  # type: ignore[arg-type]


def test_the_notice_is_on_every_page_from_its_announcement(tree: Callable[..., Path]) -> None:
    config = tree({"cong-khai/phi-le-phi.yml": NOTICE}, config=outage("2026-10-08"))
    result = site(config, date(2026, 10, 8))
    urls = {p.url for p in result.pages}
    assert {"", "cong-khai/phi-le-phi/", "cong-khai/phi-le-phi/niem-yet/", "kiem-tra/"} <= urls
    for page in result.pages:
        assert page.body.startswith('<div class="admonition warning ck-outage" role="note">'), (
            page.url
        )
    home = next(p.body for p in result.pages if p.url == "")
    assert '<p class="admonition-title">Thông báo tạm ngừng trang</p>' in home
    assert (
        "UBND xã Thử Nghiệm sẽ tạm ngừng cung cấp thông tin, dịch vụ trên trang này từ ngày "
        '<time datetime="2026-10-19">19/10/2026</time>; dự kiến khôi phục ngày '
        '<time datetime="2026-10-20">20/10/2026</time>. Lý do: Bảo trì máy chủ của Cổng thông '
        "tin tỉnh." in home
    )
    assert "Trụ sở UBND xã Thử Nghiệm; điện thoại 0221 3865 100" in home


def test_during_the_outage_the_notice_says_so(tree: Callable[..., Path]) -> None:
    config = tree({"cong-khai/phi-le-phi.yml": NOTICE}, config=outage("2026-10-08"))
    home = next(p.body for p in site(config, date(2026, 10, 19)).pages if p.url == "")
    assert '<p class="admonition-title">Trang đang tạm ngừng một phần</p>' in home
    assert "UBND xã Thử Nghiệm tạm ngừng cung cấp" in home


@pytest.mark.parametrize("as_of", [date(2026, 10, 7), date(2026, 10, 21)], ids=["before", "after"])
def test_no_notice_before_it_is_announced_or_after_the_site_is_back(
    tree: Callable[..., Path], as_of: date
) -> None:
    config = tree({"cong-khai/phi-le-phi.yml": NOTICE}, config=outage("2026-10-08"))
    assert not any("ck-outage" in p.body for p in site(config, as_of).pages)


def test_the_notice_is_not_searched(tree: Callable[..., Path]) -> None:
    # A word found nowhere else (the staff guide, also searchable, quotes the usual reason).
    config = tree(
        {"cong-khai/phi-le-phi.yml": NOTICE}, config=outage("2026-10-08", extra=" Zenithqua")
    )
    result = site(config, date(2026, 10, 8))
    index = b"".join(data for path, data in result.data if path.startswith("tim-kiem/"))
    assert b"zenithqua" not in index.lower()
