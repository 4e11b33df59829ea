"""The periodic disclosure report: what the commune owes its superiors every six months.

`congkhai report --period 2024-H1` (or `2024`) writes the disclosure part of the six-month
or annual report (PAPI plan 04/KH-UBND, part III.1(b); Grassroots Democracy Law 2022,
Art. 14.3): what was disclosed, when, through which channel, on time or late; the citizens'
questions received and answered; the status of each task of the plan's appendix with its
evidence. The figures are cut off at the period's end (the plan: 30/6 and 31/12).

`build` turns the content into a PeriodicReport (pure: no disk, no clock); `body` lays it
out as numbered sections of blocks, which `to_markdown` here and report_docx.py write, so
the Markdown and the .docx always say the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from . import links, questions
from .assess import assess
from .config import SiteConfig
from .notices import place_date
from .problems import Problem
from .questions import Figures
from .records import Content, Disclosure, Officials, Plan, Question, Record
from .render import CHANNEL_LABELS, STATUS_LABELS
from .report import Report
from .values import format_date

_PERIOD = re.compile(r"^(\d{4})(?:-[Hh]([12]))?$")


@dataclass(frozen=True)
class Period:
    code: str  # "2024-H1", "2024-H2" or "2024"
    start: date
    end: date
    title: str  # "6 tháng đầu năm 2024"


def parse_period(text: str) -> Period | None:
    """'2024-H1' → the first half of 2024; '2024' → the whole year; else None."""
    m = _PERIOD.match(text.strip())
    if not m:
        return None
    year, half = int(m.group(1)), m.group(2)
    if half == "1":
        return Period(f"{year}-H1", date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}")
    if half == "2":
        return Period(
            f"{year}-H2", date(year, 7, 1), date(year, 12, 31), f"6 tháng cuối năm {year}"
        )
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), f"năm {year}")


@dataclass(frozen=True)
class Link:
    title: str
    url: str


Cell = str | tuple[Link, ...]


@dataclass(frozen=True)
class DisclosureLine:
    title: str
    document: str  # "Nghị quyết số 25/NQ-HĐND ngày 20/12/2023"
    published_on: date
    channels: str
    due: date | None
    url: str

    @property
    def late_days(self) -> int:
        return (self.published_on - self.due).days if self.due else 0

    @property
    def timing(self) -> str:
        if self.due is None:
            return "Không quy định thời hạn"
        if self.late_days > 0:
            return f"Chậm {self.late_days} ngày (hạn {format_date(self.due)})"
        return f"Đúng hạn (hạn {format_date(self.due)})"


@dataclass(frozen=True)
class TaskLine:
    task: str
    area: str
    lead: str
    deadline: str
    status: str
    evidence: tuple[Link, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class PlanProgress:
    label: str  # "Kế hoạch số 04/KH-UBND ngày 22/01/2024"
    title: str
    url: str
    tasks: tuple[TaskLine, ...]

    def count(self, status: str) -> int:
        return sum(1 for t in self.tasks if t.status == status)


@dataclass(frozen=True)
class OpenQuestion:
    title: str
    received_on: date
    due: date
    url: str


@dataclass(frozen=True)
class PeriodicReport:
    period: Period
    authority: str  # "UBND xã Nguyễn Trãi"
    unit_upper: str  # "XÃ NGUYỄN TRÃI"
    place: str  # "Nguyễn Trãi"
    report_date: date
    number: str  # "45/BC-UBND", or blank for the clerk to fill
    answer_days: int
    disclosures: tuple[DisclosureLine, ...]
    questions: Figures
    quarters: tuple[Figures, ...]
    topics: tuple[tuple[str, int, int], ...]  # (topic, received, answered)
    channels: tuple[tuple[str, int], ...]  # (channel, questions received)
    overdue: tuple[OpenQuestion, ...]
    plans: tuple[PlanProgress, ...]
    recipients: tuple[str, ...]
    signer: str

    @property
    def on_time(self) -> int:
        return sum(1 for d in self.disclosures if d.due is not None and d.late_days <= 0)

    @property
    def late(self) -> int:
        return sum(1 for d in self.disclosures if d.late_days > 0)

    @property
    def title(self) -> str:
        return f"Kết quả thực hiện công khai thông tin {self.period.title}"


def build(
    config: SiteConfig,
    content: Content,
    period: Period,
    report_date: date,
    number: str = "",
) -> PeriodicReport:
    """The report of `period` from the content; figures as they stood at the period's end.

    A report written before the period ends counts up to its own date.
    """
    if report_date < period.end:
        period = replace(period, end=max(report_date, period.start))
    # Deadlines as judged under the rules of the period; a disclosure about next year (the
    # next budget estimate) is judged only once that year has begun.
    dues = _dues(assess(config, content, period.end))
    for path, due in _dues(assess(config, content, date(period.end.year + 1, 3, 31))).items():
        dues.setdefault(path, due)
    base = config.base_url
    asked = _Asked.of(content, period, config.answer_days, base)
    return PeriodicReport(
        period=period,
        authority=config.authority,
        unit_upper=config.full_name.upper(),
        place=config.name,
        report_date=report_date,
        number=number,
        answer_days=config.answer_days,
        disclosures=tuple(_disclosures(content, period, dues, base)),
        questions=asked.figures,
        quarters=asked.quarters,
        topics=asked.topics,
        channels=asked.channels,
        overdue=asked.overdue,
        plans=tuple(_plans(content, period, base)),
        recipients=_recipients(config, period),
        signer=_chair(content),
    )


def _dues(judged: Report) -> dict[str, date]:
    """The earliest deadline of each content file, as the checker judged it."""
    dues: dict[str, date] = {}
    for requirement in judged.requirements:
        for check in requirement.checks:
            for item in check.items:
                if check.due and (item not in dues or check.due < dues[item]):
                    dues[item] = check.due
    return dues


def _disclosures(
    content: Content, period: Period, dues: dict[str, date], base: str
) -> list[DisclosureLine]:
    found = [
        r
        for r in content.records
        if isinstance(r, Disclosure)
        and r.published_on
        and period.start <= r.published_on <= period.end
    ]
    lines = []
    for d in sorted(found, key=lambda d: (d.published_on or date.min, d.url)):
        assert d.published_on is not None
        due = dues.get(d.source.path)
        document = d.decision.label.split(" của ")[0] if d.decision else ""
        if isinstance(d, Plan):
            document = f"Kế hoạch số {d.number} ngày {format_date(d.issued_on)}"
        channels = ", ".join(CHANNEL_LABELS.get(c, c) for c in d.channels)
        lines.append(DisclosureLine(d.title, document, d.published_on, channels, due, base + d.url))
    return lines


@dataclass(frozen=True)
class _Asked:
    """The questions received in the period, as they stood at its end."""

    figures: Figures
    quarters: tuple[Figures, ...]
    topics: tuple[tuple[str, int, int], ...]
    channels: tuple[tuple[str, int], ...]
    overdue: tuple[OpenQuestion, ...]

    @classmethod
    def of(cls, content: Content, period: Period, days: int, base: str) -> _Asked:
        asked = questions.in_period(
            (q for q in content.records if isinstance(q, Question)), period.start, period.end
        )
        end = period.end
        received: Counter[str] = Counter(q.topic for q in asked)
        answered: Counter[str] = Counter(q.topic for q in asked if q.answered_as_of(end))
        by_channel: Counter[str] = Counter(q.channel for q in asked)
        overdue = [
            OpenQuestion(q.display_title, q.received_on, j.due, base + q.url)
            for q in asked
            if (j := questions.judge(q, end, days)).answered_on is None and j.due < end
        ]
        return cls(
            figures=questions.figures(period.title, asked, end, days),
            quarters=tuple(reversed(questions.by_quarter(asked, end, days))),
            topics=tuple(
                (t, n, answered[t])
                for t, n in sorted(received.items(), key=lambda x: (-x[1], x[0]))
            ),
            channels=tuple(
                (questions.CHANNEL_LABELS.get(c, c), n)
                for c, n in sorted(by_channel.items(), key=lambda x: (-x[1], x[0]))
            ),
            overdue=tuple(overdue),
        )


def _plans(content: Content, period: Period, base: str) -> list[PlanProgress]:
    """The plans of the period's year that have an appendix of tasks."""
    out = []
    index = links.Index(content)
    for plan in content.records:
        if not isinstance(plan, Plan) or not plan.tasks:
            continue
        if plan.issued_on.year != period.start.year or plan.issued_on > period.end:
            continue
        tasks = []
        for t in plan.tasks:
            evidence = []
            for ref in t.evidence:
                found = index.resolve(ref)
                if isinstance(found, Record):
                    evidence.append(Link(found.display_title, base + found.url))
                elif found is not None:
                    evidence.append(Link(found.title, base + found.folder + "/"))
            area = " – ".join(x for x in (t.area, t.sub_area) if x)
            tasks.append(TaskLine(t.task, area, t.lead, t.deadline, t.status, tuple(evidence)))
        label = f"Kế hoạch số {plan.number} ngày {format_date(plan.issued_on)}"
        out.append(PlanProgress(label, plan.title, base + plan.url, tuple(tasks)))
    return out


def _recipients(config: SiteConfig, period: Period) -> tuple[str, ...]:
    """Who receives it: the district's Home Affairs office while districts existed."""
    district = next((u for u in config.former_units if period.end <= u.until), None)
    superior = (
        f"UBND {district.name} (qua Phòng Nội vụ)"
        if district
        else f"UBND tỉnh {config.province} (qua Sở Nội vụ)"
    )
    return (superior, "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã", "Lưu: VT, VP")


def _chair(content: Content) -> str:
    officials = content.one("officials")
    if isinstance(officials, Officials):
        for o in officials.officials:
            if o.position.casefold().startswith("chủ tịch ubnd"):
                return o.name
    return ""


# --- layout: numbered sections of blocks ---------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: "I. …", 2: "1. …"


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # relative column widths, for the .docx


Block = Heading | Para | Table


def heading_lines(r: PeriodicReport) -> dict[str, str]:
    """The heading block of an administrative report (Decree 30/2020 layout)."""
    return {
        "agency_1": "ỦY BAN NHÂN DÂN",
        "agency_2": r.unit_upper,
        "number": f"Số: {r.number or '        /BC-UBND'}",
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "place_date": place_date(r.place, r.report_date),
        "kind": "BÁO CÁO",
        "title": r.title,
    }


def body(r: PeriodicReport) -> list[Block]:
    """The report's text between the title and the signature, as numbered sections."""
    p = r.period
    plans = "; ".join(f"{x.label} ({x.title})" for x in r.plans)
    blocks: list[Block] = [
        Para(
            "Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, Luật Tiếp cận thông tin năm 2016"
            + (f" và {plans}" if plans else "")
            + f", {r.authority} báo cáo kết quả thực hiện công khai thông tin {p.title} "
            f"(số liệu từ ngày {format_date(p.start)} đến ngày {format_date(p.end)}) như sau:"
        ),
        Heading("I. KẾT QUẢ CÔNG KHAI THÔNG TIN", 1),
        Heading("1. Nội dung đã công khai", 2),
    ]
    n = len(r.disclosures)
    no_deadline = n - r.on_time - r.late
    summary = f"Trong kỳ, {r.authority} đã công khai {n} nội dung"
    if n:
        late = f"{r.late} nội dung chậm" if r.late else "không có nội dung nào chậm"
        summary += f": {r.on_time} nội dung đúng hạn, {late} so với thời hạn quy định" + (
            f", {no_deadline} nội dung pháp luật không quy định thời hạn" if no_deadline else ""
        )
    blocks.append(Para(summary + "."))
    if n:
        blocks.append(
            Table(
                ("STT", "Nội dung công khai", "Văn bản", "Ngày công khai", "Hình thức", "Thời hạn"),
                tuple(
                    (
                        str(i),
                        (Link(d.title, d.url),),
                        d.document,
                        format_date(d.published_on),
                        d.channels,
                        d.timing,
                    )
                    for i, d in enumerate(r.disclosures, 1)
                ),
                (0.8, 3.3, 2.0, 1.4, 2.0, 1.7),
            )
        )
    blocks.append(Heading("2. Hình thức công khai", 2))
    counts: Counter[str] = Counter(c for d in r.disclosures for c in d.channels.split(", ") if c)
    if counts:
        blocks.append(
            Table(
                ("Hình thức công khai", "Số nội dung"),
                tuple((label[0].upper() + label[1:], str(k)) for label, k in counts.most_common()),
                (4.0, 1.5),
            )
        )
    else:
        blocks.append(Para("Không có nội dung công khai trong kỳ."))
    blocks.extend(_question_blocks(r))
    blocks.extend(_plan_blocks(r))
    blocks.extend(_issues(r))
    return blocks


def _question_blocks(r: PeriodicReport) -> list[Block]:
    f = r.questions
    text = f"Trong kỳ, {r.authority} nhận {f.received} câu hỏi, kiến nghị của người dân"
    if f.received:
        late = f"{f.late} câu chậm" if f.late else "không có câu nào chậm"
        text += (
            f"; đã trả lời {f.answered} câu ({f.on_time} câu trong thời hạn {r.answer_days} ngày, "
            f"{late}); số ngày trả lời (trung vị) là {f.median_text} ngày"
        )
        end = format_date(r.period.end)
        if f.open:
            overdue = f"{f.overdue} câu đã quá hạn" if f.overdue else "chưa có câu nào quá hạn"
            text += f"; đến ngày {end} còn {f.open} câu chưa trả lời, trong đó {overdue}"
        else:
            text += f"; đến ngày {end} không còn câu hỏi nào chưa trả lời"
    blocks: list[Block] = [
        Heading("II. TIẾP NHẬN VÀ TRẢ LỜI CÂU HỎI CỦA NGƯỜI DÂN", 1),
        Para(text + "."),
    ]
    if not f.received:
        return blocks
    blocks += [
        Heading("1. Theo quý", 2),
        Table(
            ("Quý", "Số câu hỏi", "Đã trả lời", "Đúng hạn", "Số ngày trả lời (trung vị)",
             "Chưa trả lời"),
            tuple(
                (q.label, str(q.received), str(q.answered), str(q.on_time), q.median_text,
                 str(q.open))
                for q in r.quarters
            ),
            (1.4, 1.2, 1.2, 1.2, 1.8, 1.2),
        ),
        Heading("2. Theo lĩnh vực", 2),
        Table(
            ("Lĩnh vực", "Số câu hỏi", "Đã trả lời"),
            tuple((t, str(k), str(a)) for t, k, a in r.topics),
            (3.0, 1.5, 1.5),
        ),
        Heading("3. Theo kênh tiếp nhận", 2),
        Para("; ".join(f"{label}: {k} câu" for label, k in r.channels) + "."),
    ]  # fmt: skip
    if r.overdue:
        blocks += [
            Heading("4. Câu hỏi quá hạn chưa trả lời", 2),
            Table(
                ("STT", "Câu hỏi", "Ngày nhận", "Hạn trả lời"),
                tuple(
                    (str(i), (Link(q.title, q.url),), format_date(q.received_on),
                     format_date(q.due))
                    for i, q in enumerate(r.overdue, 1)
                ),
                (0.8, 4.5, 1.4, 1.4),
            ),
        ]  # fmt: skip
    return blocks


def _plan_blocks(r: PeriodicReport) -> list[Block]:
    blocks: list[Block] = []
    for plan in r.plans:
        total = len(plan.tasks)
        blocks += [
            Heading(f"III. TÌNH HÌNH THỰC HIỆN {plan.label.upper()}", 1),
            Para(
                f"{plan.label} ({plan.title}) có {total} nhiệm vụ tại phụ lục: "
                f"{plan.count('done')} nhiệm vụ đã hoàn thành, {plan.count('in_progress')} đang "
                f"thực hiện, {plan.count('planned')} chưa thực hiện, {plan.count('overdue')} "
                "quá hạn. Tình trạng từng nhiệm vụ và minh chứng như sau:"
            ),
            Table(
                ("STT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng", "Minh chứng"),
                tuple(
                    (str(i), t.task, t.lead, t.deadline, t.status_label, t.evidence or "—")
                    for i, t in enumerate(plan.tasks, 1)
                ),
                (0.8, 4.0, 1.4, 1.4, 1.3, 2.0),
            ),
        ]
    if not r.plans:
        blocks += [
            Heading("III. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH", 1),
            Para(
                f"Không có kế hoạch có phụ lục nhiệm vụ ban hành trong năm {r.period.start.year}."
            ),
        ]
    return blocks


def _issues(r: PeriodicReport) -> list[Block]:
    found = []
    if r.late:
        found.append(f"{r.late} nội dung công khai chậm so với thời hạn quy định")
    if r.questions.late:
        found.append(f"{r.questions.late} câu hỏi của người dân được trả lời chậm")
    if r.questions.overdue:
        found.append(f"{r.questions.overdue} câu hỏi đã quá hạn nhưng chưa được trả lời")
    unfinished = sum(p.count("planned") + p.count("overdue") for p in r.plans)
    if unfinished:
        found.append(f"{unfinished} nhiệm vụ của kế hoạch chưa thực hiện hoặc quá hạn")
    text = (
        "Trong kỳ còn " + "; ".join(found) + "."
        if found
        else "Các nội dung công khai và câu hỏi của người dân trong kỳ đều được thực hiện đúng hạn."
    )
    return [
        Heading("IV. TỒN TẠI, HẠN CHẾ VÀ KIẾN NGHỊ", 1),
        Para(text),
        Para("(Văn phòng UBND xã bổ sung nguyên nhân, giải pháp và kiến nghị trước khi trình ký.)"),
        Para(f"Trên đây là báo cáo kết quả thực hiện công khai thông tin {r.period.title} của "
             f"{r.authority}."),
    ]  # fmt: skip


# --- Markdown ----------------------------------------------------------------------------


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, tuple):
        return "; ".join(f"[{_md_text(x.title)}]({x.url})" for x in cell)
    return _md_text(cell)


def _md_text(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(r: PeriodicReport) -> str:
    h = heading_lines(r)
    out = [
        f"**{h['agency_1']}**<br>**{h['agency_2']}**<br>{h['number']}",
        "",
        f"**{h['nation']}**<br>**{h['motto']}**",
        "",
        f"*{h['place_date']}*",
        "",
        f"# {h['kind']}",
        "",
        f"**{h['title']}**",
        "",
    ]
    for block in body(r):
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {block.text}", ""]
        elif isinstance(block, Para):
            out += [block.text, ""]
        else:
            out.append("| " + " | ".join(block.headers) + " |")
            out.append("|" + "|".join("---" for _ in block.headers) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    *others, last = r.recipients
    out += ["**Nơi nhận:**", *(f"- {x};" for x in others), f"- {last}.", ""]
    out += ["**TM. ỦY BAN NHÂN DÂN**<br>**CHỦ TỊCH**", "", "*(Ký, ghi rõ họ tên, đóng dấu)*", ""]
    if r.signer:
        out += [f"**{r.signer}**", ""]
    return "\n".join(out).rstrip() + "\n"


# --- files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]  # content problems that stopped the report
    report: PeriodicReport | None = None


def write(
    config_path: Path, period: Period, out: Path, report_date: date, number: str = ""
) -> Written:
    """Check the content, then write the report of `period` as Markdown and .docx in `out`.

    Nothing is written while a content file has a blocking problem: its figures would be
    missing from the report.
    """
    from .build import check
    from .report_docx import write_docx

    checked = check(config_path, report_date)
    blocking = tuple(p for p in checked.problems if p.blocking and p.requirement is None)
    if blocking:
        return Written((), blocking)
    content = checked.content
    assert isinstance(content, Content)
    report = build(checked.config, content, period, report_date, number)
    stem = out / f"bao-cao-cong-khai-{period.code}"
    markdown, docx = stem.with_suffix(".md"), stem.with_suffix(".docx")
    out.mkdir(parents=True, exist_ok=True)
    markdown.write_text(to_markdown(report), "utf-8")
    write_docx(report, docx)
    return Written((markdown, docx), (), report)
