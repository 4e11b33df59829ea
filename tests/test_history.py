"""History from git: each disclosure's changes on its page, corrections, and removals.

Every test builds its own repository in tmp_path with fixed names and dates (gitrepo.py).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from gitrepo import commit, git, init

from generator.build import check
from generator.cli import main
from generator.history import read_history
from generator.problems import Severity
from generator.render import Rendered, render

AS_OF = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent

NOTICE = """\
requirement: g12-fees
title: Công khai các khoản phí, lệ phí năm 2026
decision: {type: Thông báo, number: 12/TB-UBND, date: 2026-01-15, issuer: UBND xã Thử Nghiệm}
published_on: 2026-01-16
posting: {from: 2026-01-16, to: 2026-12-31, places: [Trụ sở UBND xã]}
body: Mức thu phí chứng thực bản sao 2.000 đồng/trang.
attachments:
- {file: files/thong-bao-12.pdf, title: Thông báo số 12/TB-UBND}
"""
CORRECTION = "correction_of: Thông báo ngày 16/01/2026 ghi sai mức phí chứng thực bản sao.\n"


def rendered(config: Path, as_of: date = AS_OF) -> Rendered:
    checked = check(config, as_of)
    return render(
        checked.config,
        checked.content,  # type: ignore[arg-type]
        checked.report,
        as_of,
        history=checked.history,
        withdrawals=checked.withdrawals,
    )


def body(result: Rendered, url: str) -> str:
    found = [p.body for p in result.pages if p.url == url]
    assert found, f"no page {url}"
    return found[0]


def history_rows(page: str) -> list[list[str]]:
    """The cells of each row of the 'Lịch sử thay đổi' table, as plain text."""
    table = page.split('id="lich-su-thay-doi"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in rows]
    return [[re.sub(r"<[^>]+>", "", c) for c in row[:3]] for row in cells]


@pytest.fixture
def repo(tree: Callable[..., Path]) -> Path:
    """A commune whose fees notice was published, corrected, re-scanned and renamed."""
    config = tree(
        {
            "cong-khai/phi-le-phi.yml": NOTICE,
            "cong-khai/files/thong-bao-12.pdf": "%PDF-1.4 ban 1\n",
        }
    )
    root = config.parent
    init(root)
    commit(root, "Đăng thông báo phí, lệ phí năm 2026", "2026-01-18T09:00:00+07:00")
    notice = root / "content/cong-khai/phi-le-phi.yml"
    notice.write_text(NOTICE.replace("2.000", "3.000") + CORRECTION, "utf-8")
    commit(root, "Đính chính mức phí chứng thực bản sao", "2026-01-20T10:30:00+07:00")
    (root / "content/cong-khai/files/thong-bao-12.pdf").write_text("%PDF-1.4 ban 2\n", "utf-8")
    # 20:00 UTC on 3 February is 03:00 on 4 February in Viet Nam.
    commit(root, "Thay bản scan có chữ ký", "2026-02-03T20:00:00+00:00")
    git(root, "mv", "content/cong-khai/phi-le-phi.yml", "content/cong-khai/phi-le-phi-2026.yml")
    commit(root, "Đặt lại tên tệp theo năm", "2026-03-10T14:00:00+07:00")
    return config


def test_a_disclosure_page_lists_every_change_with_its_date_and_reason(repo: Path) -> None:
    page = body(rendered(repo), "cong-khai/phi-le-phi-2026/")
    assert history_rows(page) == [
        ["18/01/2026", "Đưa lên trang (phi-le-phi.yml, thong-bao-12.pdf)",
         "Đăng thông báo phí, lệ phí năm 2026"],
        ["20/01/2026", "Đính chính (phi-le-phi.yml)", "Đính chính mức phí chứng thực bản sao"],
        ["04/02/2026", "Sửa đổi (thong-bao-12.pdf)", "Thay bản scan có chữ ký"],
        ["10/03/2026", "Đổi tên tệp (phi-le-phi-2026.yml)", "Đặt lại tên tệp theo năm"],
    ]  # fmt: skip
    assert (
        'Đưa lên trang lần đầu ngày <time datetime="2026-01-18T09:00:00+07:00">18/01/2026</time>;'
        " sau đó thay đổi 3 lần" in page
    )
    assert (
        "Trang này đã được đính chính 1 lần</strong> (Luật Tiếp cận thông tin 2016, Điều 22)"
        in page
    )
    assert '<tr class="ck-history-correction">' in page
    assert '<a href="../../kiem-tra/">Kiểm tra tính toàn vẹn</a>' in page


def test_each_row_names_its_commit(repo: Path) -> None:
    page = body(rendered(repo), "cong-khai/phi-le-phi-2026/")
    hashes = git(repo.parent, "log", "--format=%h", "--abbrev=7", "--reverse").split()
    assert re.findall(r"<code>([0-9a-f]{7})</code>", page.split("lich-su-thay-doi")[1]) == hashes


def test_a_correction_is_shown_first_on_the_page(repo: Path) -> None:
    page = body(rendered(repo), "cong-khai/phi-le-phi-2026/")
    assert page.index('<p class="admonition-title">Đính chính</p>') < page.index("ck-facts")
    assert "ghi sai mức phí chứng thực bản sao" in page.split("ck-facts")[0]


def test_commit_dates_are_never_the_legal_dates(repo: Path) -> None:
    page = body(rendered(repo), "cong-khai/phi-le-phi-2026/")
    facts = page.split("</dl>")[0]
    assert "<dt>Ngày công khai</dt>" in facts
    assert '<time datetime="2026-01-16">16/01/2026</time>' in facts  # published_on, not git's
    assert "18/01/2026" not in facts
    assert "không phải ngày ban hành hay ngày công khai theo quy định" in page


def test_history_is_not_in_the_print_notice_nor_in_the_search_index(repo: Path) -> None:
    result = rendered(repo)
    assert "lich-su-thay-doi" not in body(result, "cong-khai/phi-le-phi-2026/niem-yet/")
    index = b"".join(data for path, data in result.data if path.startswith("tim-kiem/"))
    assert "Thay bản scan".encode() not in index


def test_history_reads_the_whole_folder_in_two_git_calls(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.history as history

    calls: list[tuple[str, ...]] = []
    real = history._git

    def counting(cwd: Path, *args: str) -> str:
        calls.append(args)
        return real(cwd, *args)

    monkeypatch.setattr(history, "_git", counting)
    found = read_history(repo.parent / "content")
    assert [c[0] for c in calls] == ["rev-parse", "log", "log"]
    assert sorted(found.changes) == [
        "content/cong-khai/files/thong-bao-12.pdf",
        "content/cong-khai/phi-le-phi-2026.yml",
    ]
    assert [c.kind for c in found.changes["content/cong-khai/phi-le-phi-2026.yml"]] == [
        "added",
        "correction",
        "renamed",
    ]


def test_without_git_a_note_and_no_history(tree: Callable[..., Path]) -> None:
    config = tree({"cong-khai/phi-le-phi.yml": NOTICE, "cong-khai/files/thong-bao-12.pdf": "x"})
    checked = check(config, AS_OF)
    (note,) = [p for p in checked.problems if p.code == "history-unavailable"]
    assert note.severity is Severity.INFO
    assert note.message == (
        "Không đọc được lịch sử thay đổi của nội dung (thư mục không nằm trong một kho git): "
        "trang sẽ không có mục 'Lịch sử thay đổi' và chưa kiểm tra được nội dung đã bị xoá."
    )
    assert "fetch-depth: 0" in note.fix
    assert "lich-su-thay-doi" not in body(rendered(config), "cong-khai/phi-le-phi/")


def test_a_shallow_clone_says_its_history_may_be_partial(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.parent.as_uri(), str(clone))
    found = read_history(clone / "content")
    assert [p.code for p in found.problems] == ["history-shallow"]
    assert found.problems[0].severity is Severity.INFO
    assert "GIT_DEPTH: 0" in found.problems[0].fix
    # Only the last commit is there: the page shows what is known, and nothing breaks.
    changes = found.changes["content/cong-khai/phi-le-phi-2026.yml"]
    assert [c.reason for c in changes] == ["Đặt lại tên tệp theo năm"]


# Removal ---------------------------------------------------------------------------------

SHORT_NOTICE = """\
requirement: g12-fees
title: Thông báo lịch thu phí vệ sinh
published_on: 2026-03-02
posting: {from: 2026-03-02, to: 2026-04-01, places: [Trụ sở UBND xã]}
body: Lịch thu phí vệ sinh môi trường quý II.
"""
OTHER = "requirement: g12-fees\ntitle: Thông báo khác\npublished_on: 2026-01-05\nbody: Nội dung.\n"


@pytest.fixture
def removed(tree: Callable[..., Path]) -> Path:
    """A notice posted 02/03–01/04/2026 and deleted on 10/03/2026."""
    config = tree({"cong-khai/lich-thu-phi.yml": SHORT_NOTICE, "cong-khai/khac.yml": OTHER})
    root = config.parent
    init(root)
    commit(root, "Đăng lịch thu phí vệ sinh", "2026-03-02T08:00:00+07:00")
    git(root, "rm", "-q", "content/cong-khai/lich-thu-phi.yml")
    commit(root, "Gỡ lịch thu phí", "2026-03-10T16:00:00+07:00")
    return config


def removal_problems(config: Path, as_of: date) -> list[str]:
    return [
        p.render() for p in check(config, as_of).problems if p.code == "removed-in-posting-window"
    ]


def test_removing_a_disclosure_inside_its_posting_window_is_a_blocking_error(
    removed: Path,
) -> None:
    short = git(removed.parent, "rev-parse", "--short=7", "HEAD").strip()
    assert removal_problems(removed, date(2026, 3, 20)) == [
        "content/cong-khai/lich-thu-phi.yml\n"
        '  lỗi [removed-in-posting-window] "Thông báo lịch thu phí vệ sinh" đã bị xoá ngày '
        f'10/03/2026 (lần ghi {short}: "Gỡ lịch thu phí") khi thời gian niêm yết từ 02/03/2026 '
        "đến 01/04/2026 chưa kết thúc. Thông tin đang niêm yết không được gỡ hay thay thế mà "
        "không công bố lý do.\n"
        f"  cách sửa: nếu xoá nhầm, khôi phục bằng lệnh 'git checkout {short}^ -- "
        "content/cong-khai/lich-thu-phi.yml'; nếu thu hồi là đúng, ghi vào "
        "content/_thu-hoi.yml một mục gồm 'path: content/cong-khai/lich-thu-phi.yml', 'date:' "
        "(ngày quyết định thu hồi) và 'reason:' (lý do thu hồi hoặc thay thế)."
    ]


def test_once_the_posting_window_has_ended_removal_is_allowed(removed: Path) -> None:
    assert removal_problems(removed, date(2026, 4, 2)) == []
    assert removal_problems(removed, date(2026, 4, 1)) != []


def test_a_permanent_posting_never_ends(tree: Callable[..., Path]) -> None:
    permanent = SHORT_NOTICE.replace("to: 2026-04-01", "permanent: true")
    config = tree({"cong-khai/lich-thu-phi.yml": permanent, "cong-khai/khac.yml": OTHER})
    init(config.parent)
    commit(config.parent, "Đăng", "2026-03-02T08:00:00+07:00")
    git(config.parent, "rm", "-q", "content/cong-khai/lich-thu-phi.yml")
    commit(config.parent, "Gỡ", "2026-03-10T08:00:00+07:00")
    (found,) = removal_problems(config, AS_OF)
    assert "khi thời gian niêm yết từ 02/03/2026 (niêm yết thường xuyên) chưa kết thúc" in found


def test_a_recorded_withdrawal_allows_the_removal_and_is_published(removed: Path) -> None:
    register = removed.parent / "content" / "_thu-hoi.yml"
    register.write_text(
        textwrap.dedent(
            """\
            withdrawn:
              - path: content/cong-khai/lich-thu-phi.yml
                date: 10/03/2026
                reason: Lịch thu ghi nhầm quý; sẽ đăng lại lịch đúng.
                decision:
                  type: Thông báo
                  number: 15/TB-UBND
                  date: 2026-03-10
                  issuer: UBND xã Thử Nghiệm
            """
        ),
        "utf-8",
    )
    as_of = date(2026, 3, 20)
    assert removal_problems(removed, as_of) == []
    result = rendered(removed, as_of)
    page = body(result, "thu-hoi/")
    assert '<time datetime="2026-03-10">10/03/2026</time>' in page
    assert "Thông báo lịch thu phí vệ sinh" in page  # the title of the deleted file's last version
    assert "Lịch thu ghi nhầm quý; sẽ đăng lại lịch đúng." in page
    assert "Thông báo số 15/TB-UBND ngày 10/03/2026 của UBND xã Thử Nghiệm" in page
    assert '<a href="../thu-hoi/">Thông tin đã thu hồi, thay thế</a>' in body(
        result, "tiep-can-thong-tin/"
    )


def test_the_withdrawal_register_is_checked_like_content(removed: Path) -> None:
    register = removed.parent / "content" / "_thu-hoi.yml"
    register.write_text(
        "withdrawn:\n  - path: content/cong-khai/lich-thu-phi.yml\n    date: 31/13/2026\n",
        "utf-8",
    )
    problems = check(removed, date(2026, 3, 20)).problems
    found = {(p.code, str(p.location), p.location.field if p.location else None) for p in problems}
    assert ("date-format", "content/_thu-hoi.yml:3", "withdrawn[1].date") in found
    assert ("field-required", "content/_thu-hoi.yml:2", "reason") in found
    # A register that cannot be read explains nothing.
    assert "removed-in-posting-window" in {p.code for p in problems}


def test_a_withdrawn_file_that_is_still_there_is_a_warning(tree: Callable[..., Path]) -> None:
    register = (
        "withdrawn:\n- {path: cong-khai/lich-thu-phi.yml, date: 2026-03-10, reason: Ghi nhầm.}\n"
    )
    config = tree({"cong-khai/lich-thu-phi.yml": SHORT_NOTICE, "_thu-hoi.yml": register})
    (p,) = [p for p in check(config, AS_OF).problems if p.code == "withdrawn-still-present"]
    assert p.severity is Severity.WARNING
    assert str(p.location) == "content/_thu-hoi.yml:2"
    assert p.message == (
        "Tệp content/cong-khai/lich-thu-phi.yml được ghi là đã thu hồi nhưng vẫn còn trong thư "
        "mục nội dung nên còn trên trang."
    )


def test_deleting_a_posted_disclosure_makes_check_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example commune passes; delete a notice still posted and `congkhai check` fails."""
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    notice = tmp_path / "content/cong-khai/canh-bao-nuoc-sinh-hoat.yml"
    notice.write_text(
        "requirement: p-public-interest\n"
        "title: Cảnh báo chất lượng nước sinh hoạt Thôn 2\n"
        "published_on: 2026-11-20\n"
        "posting: {from: 2026-11-20, to: 2026-12-20, places: [Nhà văn hóa Thôn 2]}\n"
        "body: Đun sôi nước trước khi uống cho đến khi có thông báo mới.\n",
        "utf-8",
    )
    init(tmp_path)
    commit(tmp_path, "Đăng cảnh báo nước sinh hoạt", "2026-11-20T08:00:00+07:00")
    args = ["check", "--config", str(tmp_path / "site_config.yml"), "--as-of", "2026-11-27"]
    assert main(args) == 0
    capsys.readouterr()

    git(tmp_path, "rm", "-q", "content/cong-khai/canh-bao-nuoc-sinh-hoat.yml")
    commit(tmp_path, "Gỡ cảnh báo", "2026-11-25T17:00:00+07:00")
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "content/cong-khai/canh-bao-nuoc-sinh-hoat.yml\n" in out
    assert (
        'lỗi [removed-in-posting-window] "Cảnh báo chất lượng nước sinh hoạt Thôn 2" đã bị xoá '
        "ngày 25/11/2026" in out
    )
    assert "khi thời gian niêm yết từ 20/11/2026 đến 20/12/2026 chưa kết thúc" in out

    (tmp_path / "content/_thu-hoi.yml").write_text(
        "withdrawn:\n"
        "- path: content/cong-khai/canh-bao-nuoc-sinh-hoat.yml\n"
        "  date: 2026-11-25\n"
        "  reason: Kết quả xét nghiệm lại cho thấy nước đạt chuẩn; cảnh báo không còn cần thiết.\n",
        "utf-8",
    )
    assert main(args) == 0


def test_the_staff_guide_example_of_the_register_is_valid() -> None:
    from generator import schema
    from generator.yamlsource import parse

    guide = (ROOT / "HUONG-DAN.md").read_text("utf-8")
    example = guide.split(
        "```yaml\n# yaml-language-server: $schema=../generator/schemas/withdrawn"
    )[1]
    data, lines = parse("# " + example.split("```", 1)[0])
    assert schema.check("withdrawn", data, lines, "HUONG-DAN.md") == []
    for code in ("removed-in-posting-window", "withdrawn-still-present", "outage-short-notice"):
        assert f"`{code}`" in guide, code
