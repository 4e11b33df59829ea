"""Citizens' questions: the kind, the personal-data rules, timeliness, links, pages, import."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import CONFIG, ROOT

from generator import questions
from generator.build import check
from generator.cli import main
from generator.importer import import_file
from generator.records import Question
from generator.render import render

AS_OF = date(2026, 11, 27)
EXAMPLE = ROOT / "content" / "hoi-dap"

ANSWERED = """\
title: Cấp đổi giấy chứng nhận
question: Xin hỏi muốn cấp đổi giấy chứng nhận đã cũ thì nộp hồ sơ ở đâu?
received_on: 2026-10-05
channel: portal
topic: Đất đai
asker_initials: N.V.H.
asker_consent: true
answer: Nộp tại Bộ phận Một cửa của UBND xã.
answered_on: 2026-10-09
answered_by: Công chức Địa chính - Xây dựng
"""

OPEN = """\
question: Xin hỏi lịch thu gom rác của thôn?
received_on: 2026-11-02
channel: email
topic: Môi trường
"""


def problems_of(config: Path, as_of: date = AS_OF) -> list[str]:
    """The problems of the questions' files, rendered as staff read them."""
    found = check(config, as_of).problems
    return [p.render() for p in found if p.location and "/hoi-dap/" in p.location.path]


def codes(config: Path, as_of: date = AS_OF) -> list[str]:
    return [p.code for p in check(config, as_of).problems]


# --- the asker's identity ----------------------------------------------------------------


def test_a_question_becomes_a_typed_record(tree: Callable[..., Path]) -> None:
    config = tree({"hoi-dap/cap-doi.yml": ANSWERED})
    checked = check(config, AS_OF)
    (q,) = checked.content.of("questions")  # type: ignore[attr-defined]
    assert isinstance(q, Question)
    assert (q.received_on, q.answered_on, q.asker_initials) == (
        date(2026, 10, 5),
        date(2026, 10, 9),
        "N.V.H.",
    )
    assert q.url == "hoi-dap/cap-doi/"
    assert [p for p in checked.problems if p.location and "hoi-dap" in p.location.path] == []


def test_initials_need_the_askers_consent(tree: Callable[..., Path]) -> None:
    config = tree({"hoi-dap/a.yml": ANSWERED.replace("asker_consent: true\n", "")})
    assert problems_of(config)[0] == (
        "content/hoi-dap/a.yml:6  asker_initials\n"
        "  lỗi [asker-consent-missing] Có tên viết tắt của người hỏi nhưng chưa ghi người hỏi "
        "đồng ý công khai.\n"
        "  cách sửa: nếu người hỏi đã đồng ý, thêm dòng 'asker_consent: true'; nếu chưa, xoá "
        "dòng 'asker_initials'."
    )


def test_a_full_name_is_never_published(tree: Callable[..., Path]) -> None:
    config = tree({"hoi-dap/a.yml": ANSWERED.replace("N.V.H.", "Nguyễn Văn Hùng")})
    assert problems_of(config)[0] == (
        "content/hoi-dap/a.yml:6  asker_initials\n"
        '  lỗi [asker-initials-format] "Nguyễn Văn Hùng" không phải tên viết tắt: chỉ được '
        "công khai chữ cái đầu của họ tên người hỏi.\n"
        "  cách sửa: ghi chữ cái đầu viết hoa, ví dụ N.V.A.; không bao giờ ghi họ tên đầy đủ."
    )
    # The name has no field of its own: the schema refuses one.
    config = tree({"hoi-dap/a.yml": ANSWERED + "asker_name: Nguyễn Văn Hùng\n"})
    assert "field-unknown" in codes(config)


def test_the_personal_data_guard_reads_the_question(tree: Callable[..., Path]) -> None:
    text = OPEN.replace(
        "question: Xin hỏi lịch thu gom rác của thôn?",
        'question: "Xin hỏi lịch thu gom rác? Gọi tôi: 0912 345 678. Tôi tên là Hùng."',
    )
    found = check(tree({"hoi-dap/a.yml": text}), AS_OF).problems
    mine = {
        (p.code, p.severity.value) for p in found if p.location and "hoi-dap" in p.location.path
    }
    assert ("personal-data-phone", "error") in mine
    assert ("asker-name-in-text", "warning") in mine


def test_answer_and_its_date_go_together(tree: Callable[..., Path]) -> None:
    no_date = ANSWERED.replace("answered_on: 2026-10-09\n", "")
    assert "answer-date-missing" in codes(tree({"hoi-dap/a.yml": no_date}))
    no_answer = ANSWERED.replace("answer: Nộp tại Bộ phận Một cửa của UBND xã.\n", "")
    assert "answer-missing" in codes(tree({"hoi-dap/a.yml": no_answer}))
    before = ANSWERED.replace("answered_on: 2026-10-09", "answered_on: 2026-10-01")
    assert "  lỗi [date-order] Ngày trả lời (01/10/2026) lại trước ngày nhận câu hỏi " in "\n".join(
        problems_of(tree({"hoi-dap/a.yml": before}))
    )


# --- timeliness ---------------------------------------------------------------------------


def test_unanswered_after_the_deadline_is_a_warning_on_the_file(
    tree: Callable[..., Path],
) -> None:
    config = tree({"hoi-dap/a.yml": ANSWERED, "hoi-dap/rac.yml": OPEN})
    checked = check(config, AS_OF)
    late = [p for p in checked.problems if p.code == "question-unanswered"]
    assert [p.render() for p in late] == [
        "content/hoi-dap/rac.yml  answered_on\n"
        "  cảnh báo [question-unanswered] Câu hỏi nhận ngày 02/11/2026 chưa được trả lời: hạn "
        "trả lời là ngày 17/11/2026 (15 ngày, thời hạn xã quy định tại questions.answer_days "
        "trong site_config.yml), đã quá 10 ngày.\n"
        "  cách sửa: trả lời người hỏi, rồi ghi 'answer' và 'answered_on' vào "
        "content/hoi-dap/rac.yml."
    ]
    (req,) = [r for r in checked.report.requirements if r.id == "f-questions-answered"]
    assert req.status == "overdue"
    assert not any(p.blocking for p in req.problems)
    # Before the deadline the same question is only waiting.
    config = tree({"hoi-dap/rac.yml": OPEN})
    (config.parent / "content/hoi-dap/a.yml").unlink()
    early = check(config, date(2026, 11, 10))
    (req,) = [r for r in early.report.requirements if r.id == "f-questions-answered"]
    assert (req.status, req.due) == ("not_yet_due", date(2026, 11, 17))


def test_the_deadline_comes_from_site_config(tree: Callable[..., Path]) -> None:
    config = tree({"hoi-dap/rac.yml": OPEN}, CONFIG + "questions:\n  answer_days: 5\n")
    (p,) = [p for p in check(config, date(2026, 11, 10)).problems if p.code.startswith("question")]
    assert "hạn trả lời là ngày 09/11/2026 (5 ngày," in p.message  # 07/11 is a Saturday
    assert "question-unanswered" not in codes(config, date(2026, 11, 9))


def test_answered_late_is_noted(tree: Callable[..., Path]) -> None:
    late = ANSWERED.replace("answered_on: 2026-10-09", "answered_on: 2026-10-30")
    (p,) = [p for p in check(tree({"hoi-dap/a.yml": late}), AS_OF).problems if "late" in p.code]
    assert (p.code, p.severity.value) == ("question-answered-late", "info")
    assert p.message == (
        "Câu hỏi nhận ngày 05/10/2026 được trả lời ngày 30/10/2026, muộn 10 ngày so với hạn "
        "20/10/2026 (15 ngày, thời hạn xã quy định tại questions.answer_days trong "
        "site_config.yml)."
    )


def test_figures_count_on_time_answers_and_the_median(tree: Callable[..., Path]) -> None:
    def q(received: str, answered: str | None) -> Question:
        from generator.problems import SourceLocation

        return Question(
            kind="questions",
            slug=received,
            source=SourceLocation("x"),
            question="?",
            received_on=date.fromisoformat(received),
            channel="portal",
            topic="Đất đai",
            answer="Trả lời." if answered else "",
            answered_on=date.fromisoformat(answered) if answered else None,
        )

    asked = [
        q("2024-03-18", "2024-04-08"),  # due 02/04: late
        q("2024-01-08", "2024-01-15"),
        q("2024-06-15", None),  # due 30/06 (a Sunday) → 01/07
        q("2024-06-01", "2024-07-05"),  # answered after the date judged
    ]
    f = questions.figures("Quý", asked, date(2024, 6, 30), 15)
    assert (f.received, f.answered, f.on_time, f.late, f.open, f.overdue) == (4, 2, 1, 1, 2, 1)
    assert f.median_text == "14"  # (7 + 21) / 2
    assert questions.answer_due(asked[2], 15) == date(2024, 7, 1)
    assert questions.figures("x", asked[:1], date(2024, 6, 30), 15).median_text == "21"
    assert questions.figures("x", [], date(2024, 6, 30), 15).median_text == "—"
    quarters = questions.by_quarter(asked, date(2024, 12, 31), 15)
    assert [(x.label, x.received, x.answered) for x in quarters] == [
        ("Quý II/2024", 2, 1),
        ("Quý I/2024", 2, 2),
    ]


# --- links between content ---------------------------------------------------------------

PLAN = """\
title: Kế hoạch thử
number: 01/KH-UBND
issuer: UBND xã Thử Nghiệm
issued_on: 2026-01-05
published_on: 2026-01-06
tasks:
  - task: Trả lời câu hỏi của người dân
    status: done
    evidence:
      - hoi-dap
      - hoi-dap/cap-doi
      - van-ban/khong-co
"""


def test_a_broken_evidence_link_warns_at_the_plan_file_and_line(
    tree: Callable[..., Path],
) -> None:
    config = tree({"ke-hoach/01.yml": PLAN, "hoi-dap/cap-doi.yml": ANSWERED})
    found = [p for p in check(config, AS_OF).problems if p.code == "link-broken"]
    assert [p.render() for p in found] == [
        "content/ke-hoach/01.yml:12  tasks[1].evidence[3]\n"
        "  cảnh báo [link-broken] Liên kết 'van-ban/khong-co' không dẫn tới nội dung nào trên "
        "trang.\n"
        "  cách sửa: ghi đường dẫn của một nội dung có trong content/: tên thư mục, hoặc thư "
        "mục/tên tệp không có đuôi .yml, ví dụ van-ban/04-kh-ubnd-2024."
    ]
    related = ANSWERED + "related: [hoi-dap/cap-doj]\n"
    config = tree({"hoi-dap/cap-doi.yml": related})
    (config.parent / "content/ke-hoach/01.yml").unlink()
    (p,) = [p for p in check(config, AS_OF).problems if p.code == "link-broken"]
    assert (p.location.line, p.location.field) == (11, "related[1]")  # type: ignore[union-attr]
    assert p.message.endswith("Có phải là 'hoi-dap/cap-doi'?")


# --- the example commune --------------------------------------------------------------------


def example_questions() -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted(EXAMPLE.glob("*.yml"))]


def test_the_example_has_answered_and_open_questions_without_personal_data() -> None:
    found = example_questions()
    answered = [q for q in found if q.get("answer")]
    assert len(answered) >= 20
    assert len({q["topic"] for q in answered}) >= 5
    assert 1 <= len(found) - len(answered) <= 5
    for q in found:
        assert not ({"asker_initials"} & set(q)) or q.get("asker_consent") is True
        assert not re.search(r"\b0\d{9}\b|\b0\d{2,3} \d{3,4} \d{3,4}\b", str(q["question"]))


def test_the_checker_flags_the_late_example_questions(example: Path) -> None:
    checked = check(example, AS_OF)
    late = [p for p in checked.problems if p.code == "question-unanswered"]
    assert [p.location.path for p in late if p.location] == [
        "content/hoi-dap/2026-10-19-chi-gioi-xay-dung-duong-truc-xa.yml",
        "content/hoi-dap/2026-11-02-kinh-phi-duong-truc-thon.yml",
    ]
    assert all(p.severity.value == "warning" for p in late)
    assert [p for p in checked.problems if p.code == "link-broken"] == []


def test_the_questions_pages(example: Path) -> None:
    checked = check(example, AS_OF)
    rendered = render(checked.config, checked.content, checked.report, AS_OF)  # type: ignore[arg-type]
    pages = {p.url: p for p in rendered.pages}
    index = pages["hoi-dap/"].body
    # The quarterly figures: received, answered, on time, median days, open.
    row = re.compile(r"<tr><th scope=\"row\"[^>]*>(Quý [IV]+/\d{4})</th>(.*?)</tr>")
    cells = {m[1]: re.findall(r'class="ck-num">([^<]*)<', m[2]) for m in row.finditer(index)}
    assert cells["Quý I/2024"] == ["5", "5", "4", "8", "0"]
    assert cells["Quý II/2024"] == ["7", "7", "6", "4", "0"]
    assert cells["Quý IV/2026"] == ["3", "0", "0", "—", "3 (quá hạn 2)"]
    assert '<h2 id="dat-dai">Đất đai</h2>' in index
    assert "theo-thang/" in index
    months = pages["hoi-dap/theo-thang/"].body
    assert '<h2 id="2024-01">Tháng 1/2024</h2>' in months
    page = pages["hoi-dap/2024-01-08-cap-doi-giay-chung-nhan/"].body
    assert "N.V.H. (tên viết tắt, người hỏi đồng ý công khai)" in page
    assert "(sau 7 ngày)" in page
    for body in (index, months, page):  # how to ask, and where to rate
        assert 'href="mailto:ubnd.nguyentrai@hungyen.gov.vn"' in body
        assert "Người hỏi không phải ghi họ tên." in body
        assert 'href="https://dichvucong.hungyen.gov.vn/" rel="external"' in body
    open_page = pages["hoi-dap/2026-11-20-diem-tap-ket-rac/"].body
    assert "sẽ trả lời trước ngày 07/12/2026" in open_page
    # Related disclosures are linked; every question is in the search index.
    related = pages["hoi-dap/2024-03-04-du-toan-ngan-sach-2024-cong-khai-o-dau/"].body
    assert 'href="../../ngan-sach/2024/du-toan-duoc-giao/"' in related
    searched = b"".join(data for path, data in rendered.data if path.startswith("tim-kiem"))
    assert "Chuyển mục đích sử dụng đất vườn".encode() in searched


def test_every_page_footer_says_how_to_ask(built_example: Path) -> None:
    html = (built_example / "ngan-sach" / "2024" / "du-toan-duoc-giao" / "index.html").read_text(
        "utf-8"
    )
    footer = html[html.index('class="md-footer ck-footer"') : html.index("</footer>")]
    assert "<strong>Hỏi, góp ý:</strong>" in footer
    assert 'href="mailto:ubnd.nguyentrai@hungyen.gov.vn"' in footer
    assert 'href="../../../hoi-dap/"' in footer
    assert "<script" not in footer  # the site itself tracks nobody


# --- import -------------------------------------------------------------------------------

EXPORT = """\
STT,Họ và tên,Số điện thoại,Địa chỉ,Ngày gửi,Kênh tiếp nhận,Lĩnh vực,Nội dung câu hỏi,\
Nội dung trả lời,Ngày trả lời,Đơn vị trả lời
1,Nguyễn Văn Thử,0912345678,Thôn 1,05/03/2025,Cổng thông tin,Đất đai,\
Xin hỏi thủ tục tách thửa đất nông nghiệp?,Hồ sơ nộp tại Bộ phận Một cửa.,12/03/2025,\
Công chức Địa chính
2,Trần Thị Mẫu,0987654321,Thôn 2,10/03/2025,Email,Hộ tịch,\
Xin hỏi đăng ký kết hôn cần giấy tờ gì?,,,
"""


def test_import_an_export_of_received_questions_without_the_askers(tmp_path: Path) -> None:
    source = tmp_path / "xuat.csv"
    source.write_text(EXPORT, "utf-8")
    result = import_file("questions", source, tmp_path / "content")
    assert [(p.code, p.location.cell if p.location else "") for p in result.problems] == [
        ("import-personal-dropped", "B1"),
        ("import-personal-dropped", "C1"),
        ("import-personal-dropped", "D1"),
    ]
    assert [p.name for p in result.written] == [
        "2025-03-05-xin-hoi-thu-tuc-tach-thua-dat.yml",
        "2025-03-10-xin-hoi-dang-ky-ket-hon-can.yml",
    ]
    text = "".join(p.read_text("utf-8") for p in result.written)
    assert "Nguyễn Văn Thử" not in text and "0912345678" not in text and "Thôn 1" not in text
    first = yaml.safe_load(result.written[0].read_text("utf-8"))
    assert first == {
        "question": "Xin hỏi thủ tục tách thửa đất nông nghiệp?",
        "received_on": date(2025, 3, 5),
        "channel": "portal",
        "topic": "Đất đai",
        "answer": "Hồ sơ nộp tại Bộ phận Một cửa.",
        "answered_on": date(2025, 3, 12),
        "answered_by": "Công chức Địa chính",
    }


def test_import_questions_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "xuat.csv").write_text(EXPORT, "utf-8")
    assert main(["import", "questions", "xuat.csv"]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi content/hoi-dap/2025-03-05-xin-hoi-thu-tuc-tach-thua-dat.yml" in out
    assert main(["new", "questions", "cau-hoi"]) == 0
    text = (tmp_path / "content/hoi-dap/cau-hoi.yml").read_text("utf-8")
    assert "# Tên viết tắt của người hỏi (không bắt buộc)." in text
