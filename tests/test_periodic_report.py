"""`congkhai report`: the six-month and annual disclosure report, Markdown and .docx.

The figures are pinned against the example commune and recounted here straight from its
content files, so a report that drifts from the content fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from docx import Document

from generator.build import check
from generator.cli import main
from generator.periodic_report import PeriodicReport, build, parse_period, to_markdown, write
from generator.records import Content

ROOT = Path(__file__).resolve().parent.parent
DISCLOSURE_FOLDERS = ("ngan-sach", "ho-ngheo", "dat-dai", "ke-hoach", "cong-khai")
H1_DATE, YEAR_DATE = date(2024, 7, 3), date(2025, 1, 3)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    shutil.copytree(ROOT / "content", root / "content")
    return root / "site_config.yml"


@pytest.fixture(scope="module")
def reports(example: Path) -> dict[str, PeriodicReport]:
    checked = check(example, YEAR_DATE)
    assert isinstance(checked.content, Content)
    return {
        code: build(checked.config, checked.content, parse_period(code), day)  # type: ignore[arg-type]
        for code, day in (("2024-H1", H1_DATE), ("2024", YEAR_DATE))
    }


def test_periods() -> None:
    h1 = parse_period("2024-H1")
    assert h1 is not None
    assert (h1.start, h1.end, h1.title) == (
        date(2024, 1, 1),
        date(2024, 6, 30),
        "6 tháng đầu năm 2024",
    )
    year = parse_period("2024")
    assert year is not None and (year.start, year.end, year.title) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
        "năm 2024",
    )
    h2 = parse_period("2024-h2")
    assert h2 is not None and (h2.code, h2.start) == ("2024-H2", date(2024, 7, 1))
    assert parse_period("2024-Q1") is None and parse_period("24") is None


# --- the figures, pinned and recounted -------------------------------------------------------


def recount(start: date, end: date) -> dict[str, int]:
    """The period's figures counted from the YAML files themselves."""
    asked = [yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "content/hoi-dap").glob("*.yml")]
    asked = [q for q in asked if start <= q["received_on"] <= end]
    answered = [q for q in asked if q.get("answered_on") and q["answered_on"] <= end]
    published = []
    for folder in DISCLOSURE_FOLDERS:
        for path in (ROOT / "content" / folder).rglob("*.yml"):
            day = yaml.safe_load(path.read_text("utf-8")).get("published_on")
            if day and start <= day <= end:
                published.append(path)
    return {
        "received": len(asked),
        "answered": len(answered),
        "open": len(asked) - len(answered),
        "disclosures": len(published),
    }


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2024-H1", {"received": 12, "answered": 10, "open": 2, "disclosures": 3}),
        ("2024", {"received": 22, "answered": 21, "open": 1, "disclosures": 10}),
    ],
)
def test_figures_match_the_content(
    reports: dict[str, PeriodicReport], code: str, expected: dict[str, int]
) -> None:
    r = reports[code]
    assert recount(r.period.start, r.period.end) == expected
    f = r.questions
    assert {
        "received": f.received,
        "answered": f.answered,
        "open": f.open,
        "disclosures": len(r.disclosures),
    } == expected
    assert sum(q.received for q in r.quarters) == f.received
    assert sum(n for _, n, _ in r.topics) == f.received
    assert sum(n for _, n in r.channels) == f.received


def test_the_six_month_report(reports: dict[str, PeriodicReport]) -> None:
    r = reports["2024-H1"]
    f = r.questions
    assert (f.on_time, f.late, f.overdue, f.median_text) == (9, 1, 1, "6")
    assert (r.on_time, r.late) == (2, 0)
    assert [(d.published_on, d.timing) for d in r.disclosures] == [
        (date(2024, 1, 24), "Không quy định thời hạn"),
        (date(2024, 3, 19), "Đúng hạn (hạn 22/03/2024)"),
        (date(2024, 4, 10), "Đúng hạn (hạn 15/04/2024)"),
    ]
    assert [(o.title, o.due) for o in r.overdue] == [
        ("Sửa chữa, cải tạo nhà ở có phải xin giấy phép xây dựng không", date(2024, 6, 20))
    ]
    text = to_markdown(r)
    for line in (
        "*Nguyễn Trãi, ngày 03 tháng 7 năm 2024*",
        "**Kết quả thực hiện công khai thông tin 6 tháng đầu năm 2024**",
        "Trong kỳ, UBND xã Nguyễn Trãi đã công khai 3 nội dung: 2 nội dung đúng hạn, không có "
        "nội dung nào chậm so với thời hạn quy định, 1 nội dung pháp luật không quy định thời "
        "hạn.",
        "Trong kỳ, UBND xã Nguyễn Trãi nhận 12 câu hỏi, kiến nghị của người dân; đã trả lời 10 "
        "câu (9 câu trong thời hạn 15 ngày, 1 câu chậm); số ngày trả lời (trung vị) là 6 ngày; "
        "đến ngày 30/06/2024 còn 2 câu chưa trả lời, trong đó 1 câu đã quá hạn.",
        "| Quý I/2024 | 5 | 5 | 4 | 8 | 0 |",
        "| Quý II/2024 | 7 | 5 | 5 | 4 | 2 |",
        "## III. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH SỐ 04/KH-UBND NGÀY 22/01/2024",
        "- UBND huyện Ân Thi (qua Phòng Nội vụ);",
        "- Lưu: VT, VP.",
    ):
        assert line + "\n" in text, line


def test_the_annual_report(reports: dict[str, PeriodicReport]) -> None:
    r = reports["2024"]
    f = r.questions
    assert (f.on_time, f.late, f.overdue, f.median_text) == (17, 4, 0, "8")
    assert (r.on_time, r.late) == (9, 0)
    (plan,) = r.plans
    assert len(plan.tasks) == 34
    counts = [plan.count(s) for s in ("done", "in_progress", "planned", "overdue")]
    assert counts == [23, 8, 3, 0]
    text = to_markdown(r)
    for line in (
        "Trong kỳ, UBND xã Nguyễn Trãi nhận 22 câu hỏi, kiến nghị của người dân; đã trả lời 21 "
        "câu (17 câu trong thời hạn 15 ngày, 4 câu chậm); số ngày trả lời (trung vị) là 8 ngày; "
        "đến ngày 31/12/2024 còn 1 câu chưa trả lời, trong đó chưa có câu nào quá hạn.",
        "Kế hoạch số 04/KH-UBND ngày 22/01/2024 (Kế hoạch nâng cao hiệu quả quản trị và hành "
        "chính công (PAPI) xã Nguyễn Trãi năm 2024) có 34 nhiệm vụ tại phụ lục: 23 nhiệm vụ đã "
        "hoàn thành, 8 đang thực hiện, 3 chưa thực hiện, 0 quá hạn. Tình trạng từng nhiệm vụ và "
        "minh chứng như sau:",
        "| Trang thông tin điện tử | 10 |",
        "**Vũ Đức Giang**",
    ):
        assert line + "\n" in text, line
    # Each task's evidence links to the real page.
    assert (
        "[Nghị quyết số 12/NQ-HĐND: Về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa "
        "bàn xã Nguyễn Trãi](https://nguyentrai.hungyen.gov.vn/van-ban/12-nq-hdnd-2024-bien-phap"
        "-dan-chu/)"
    ) in text
    assert "[Hỏi đáp](https://nguyentrai.hungyen.gov.vn/hoi-dap/)" in text


# --- the files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(example: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bao-cao")
    files = {}
    for code, day in (("2024-H1", H1_DATE), ("2024", YEAR_DATE)):
        period = parse_period(code)
        assert period is not None
        result = write(example, period, out, day, number="02/BC-UBND")
        assert result.problems == ()
        markdown, docx = result.files
        files[code + ".md"], files[code + ".docx"] = markdown, docx
    return files


def docx_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return paragraphs, tables


@pytest.mark.parametrize("code", ["2024-H1", "2024"])
def test_the_docx_says_what_the_markdown_says(written: dict[str, Path], code: str) -> None:
    text = written[code + ".md"].read_text("utf-8")
    markdown = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).split())
    assert written[code + ".docx"].name == f"bao-cao-cong-khai-{code}.docx"
    paragraphs, tables = docx_text(written[code + ".docx"])
    heading = tables[0][0]
    assert heading[0].split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "XÃ NGUYỄN TRÃI",
        "―――――",
        "Số: 02/BC-UBND",
    ]
    assert heading[1].split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "BÁO CÁO" in paragraphs
    sections = [p for p in paragraphs if p[:3] in ("I. ", "II.", "III", "IV.")]
    assert [s.split(".")[0] for s in sections] == ["I", "II", "III", "IV"]
    for p in paragraphs:  # every sentence of the .docx is in the Markdown
        if len(p) > 40:
            assert " ".join(p.split()) in markdown, p
    for table in tables[1:-1]:  # and every cell of every table
        for row in table[1:]:
            assert all(" ".join(c.split()) in markdown for c in row), row
    signature = tables[-1][0]
    assert signature[1].split("\n")[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signature[1].split("\n")[-1] == "Vũ Đức Giang"


def test_the_docx_is_an_a4_page_with_links(written: dict[str, Path]) -> None:
    doc = Document(str(written["2024-H1.docx"]))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm), round(section.right_margin.cm, 1)) == (3, 1.5)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://nguyentrai.hungyen.gov.vn/ngan-sach/2024/thuc-hien-quy-1/" in links
    assert doc.core_properties.title == (
        "Báo cáo kết quả thực hiện công khai thông tin 6 tháng đầu năm 2024"
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_docx(written: dict[str, Path], tmp_path: Path) -> None:
    source = written["2024-H1.docx"]
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=False,
    )  # fmt: skip
    pdf = tmp_path / (source.stem + ".pdf")
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


# --- the command ----------------------------------------------------------------------------


def test_report_command(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bc"
    args = ["report", "--config", str(example), "--out", str(out), "--date", "03/07/2024"]
    assert main([*args, "--period", "2024-H1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Đã ghi {out / 'bao-cao-cong-khai-2024-H1.md'}",
        f"Đã ghi {out / 'bao-cao-cong-khai-2024-H1.docx'}",
    ]
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--period", "2024-Q3"])
    assert exit_.value.code == 2
    assert "'2024-Q3' không phải là kỳ báo cáo (ghi 2024-H1, 2024-H2 hoặc 2024)" in (
        capsys.readouterr().err
    )
    assert main([*args, "--period", "2025"]) == 2
    assert "kỳ 2025 chưa bắt đầu vào ngày báo cáo 03/07/2024" in capsys.readouterr().err


def test_no_report_while_content_is_broken(
    tree: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tree({"hoi-dap/a.yml": "question: Xin hỏi?\nreceived_on: 31/13/2024\n"})
    out = tmp_path / "bc"
    code = main(["report", "--period", "2024", "--config", str(config), "--out", str(out)])
    assert code == 1
    assert "Không viết báo cáo: có" in capsys.readouterr().err
    assert not out.exists()


def test_a_report_before_the_period_ends_counts_to_its_date(
    reports: dict[str, PeriodicReport], example: Path
) -> None:
    checked = check(example, date(2024, 5, 15))
    period = parse_period("2024-H1")
    assert period is not None and isinstance(checked.content, Content)
    r = build(checked.config, checked.content, period, date(2024, 5, 15))
    assert r.period.end == date(2024, 5, 15)
    assert (r.questions.received, r.questions.answered) == (8, 8)
    assert "(số liệu từ ngày 01/01/2024 đến ngày 15/05/2024)" in to_markdown(r)
