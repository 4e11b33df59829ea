"""Assess: judge the content against the rules in force on a date, and say which.

Pure: takes the site config, the validated content and `as_of`; no disk, no clock.
Content dated after `as_of` (published, issued) is treated as not yet there, so the same
content can be judged on any date. Each rule (generator/rules/*.yml) is turned into the
disclosures it expects — one per record, year or period — and each is judged:

- a record that matches: met, or incomplete (required fields, forms), or overdue
  (published after the deadline); its posting window, broadcast and channels are checked;
- an expected periodic disclosure with no record: overdue once its deadline has passed,
  not_yet_due before; a continuous one: missing (or not_applicable when the rule says so);
- a notice with `not_applicable: "reason"` makes its requirement not_applicable.

Rules sharing an id (one per instrument) are reported as one requirement: its status is
the worst, its legal bases the union. Severity: errors only for rules of confidence H or
M marked blocking; confidence L, late publication and good-practice checks only warn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from . import links
from .config import SiteConfig
from .kinds import BY_NAME
from .load import SourceLines
from .problems import Problem, Severity, SourceLocation, problem
from .records import Content, Document, Notice, Official, Question, Record
from .report import STATUSES, Check, Report, RequirementResult
from .rules import PERIOD_ENDS, Deadline, Display, Match, Rule, RuleBook, load_rules
from .workdays import UNIT_VI, add_working_days, count_working_days, deadline, is_working_day

# Worst first; a requirement takes the worst status of its checks.
_WORST = ("overdue", "missing", "incomplete", "met", "not_yet_due", "not_applicable")
# Best first, for several files offered for the same year or period.
_BEST = ("met", "overdue", "incomplete")
_PERIOD_VI = {
    "q1": "quý I năm {y}",
    "h1": "6 tháng đầu năm {y}",
    "m9": "9 tháng năm {y}",
    "year": "cả năm {y}",
}
_SECTION_ORDER = ("p-", "f-", "g", "b-", "b26-", "pv-", "l-", "t-")
_YEAR_IN_TEXT = re.compile(r"năm\s+((?:19|20)\d{2})", re.IGNORECASE)
_UPCOMING_DAYS = 183
_PERIODIC_KINDS = ("budget", "poverty")
# Problems about an expected disclosure as a whole, told once per year or period.
_PER_CHECK = ("requirement-missing", "requirement-overdue", "requirement-file-invalid")
_PER_REQUIREMENT = (*_PER_CHECK, "items-none", "rule-low-confidence")
_CHANNEL_VI = {
    "hq": "niêm yết tại trụ sở",
    "village": "niêm yết tại nhà văn hóa thôn",
    "loudspeaker": "đọc trên hệ thống truyền thanh",
    "village_heads": "thông báo qua trưởng thôn",
    "meeting": "hội nghị",
    "notice": "văn bản gửi",
}
# fmt: off
FIELD_VI = {
    "name": "họ tên", "position": "chức vụ", "unit": "đơn vị", "phone": "số điện thoại",
    "email": "thư điện tử công vụ", "fax": "số fax", "position_en": "chức vụ bằng tiếng Anh",
    "unit_en": "tên đơn vị bằng tiếng Anh", "portfolio": "lĩnh vực phụ trách",
    "bio": "tóm tắt lý lịch", "functions": "chức năng", "duties": "nhiệm vụ, quyền hạn",
    "structure": "cơ cấu tổ chức", "org_chart": "sơ đồ tổ chức",
    "functions_en": "chức năng bằng tiếng Anh", "name_en": "tên bằng tiếng Anh",
    "locality": "phần giới thiệu địa phương", "boundary_map": "bản đồ địa giới hành chính",
    "natural_conditions": "điều kiện tự nhiên", "history": "lịch sử",
    "culture": "truyền thống văn hóa, di tích, danh thắng",
    "decision": "văn bản làm căn cứ (số, ngày, cơ quan ban hành)",
    "announcement": "quyết định công bố công khai (Mẫu 04/QĐ-CKNS)", "narrative": "thuyết minh",
    "tables": "bảng số liệu", "posting": "thời gian niêm yết", "households": "danh sách hộ",
    "doc_type": "loại văn bản", "number": "số, ký hiệu", "issuer": "cơ quan ban hành",
    "issued_on": "ngày ban hành", "effective_on": "ngày có hiệu lực", "abstract": "trích yếu",
    "file": "tệp văn bản để tải về", "steps": "trình tự thực hiện",
    "method": "cách thức thực hiện", "dossier": "thành phần hồ sơ", "copies": "số lượng bản",
    "time_limit": "thời hạn giải quyết", "applicants": "đối tượng thực hiện",
    "agency": "cơ quan thực hiện", "result": "kết quả thực hiện",
    "requirements": "yêu cầu, điều kiện", "fees": "phí, lệ phí", "forms": "mẫu đơn, tờ khai",
    "code": "mã thủ tục trên Cơ sở dữ liệu quốc gia", "field": "lĩnh vực",
    "legal_basis": "căn cứ pháp lý", "online": "mức độ dịch vụ công trực tuyến",
    "dvc_url": "đường dẫn trên Cổng Dịch vụ công quốc gia", "place": "địa điểm tiếp công dân",
    "rules": "nội quy tiếp công dân", "schedule": "lịch tiếp công dân", "address": "địa chỉ",
    "provincial_portal": "liên kết Cổng thông tin điện tử tỉnh",
    "national_portal": "liên kết Cổng Dịch vụ công quốc gia",
    "rating": "liên kết đánh giá mức độ hài lòng",
    "feedback": "địa chỉ tiếp nhận phản ánh, kiến nghị",
    "one_stop": "địa điểm, giờ làm việc của Trung tâm Phục vụ hành chính công",
    "url": "địa chỉ trang",
}
# Where each SiteConfig field is written in site_config.yml.
CONFIG_KEYS = {
    "address": "commune.address", "phone": "commune.phone", "email": "commune.email",
    "fax": "commune.fax", "one_stop": "commune.one_stop", "url": "site.url",
    "provincial_portal": "links.provincial_portal", "national_portal": "links.national_portal",
    "rating": "links.rating", "feedback": "links.feedback", "outage": "outage",
}
# fmt: on


def assess(
    config: SiteConfig,
    content: Content,
    as_of: date,
    rules: RuleBook | None = None,
    *,
    invalid: Iterable[Problem] = (),
) -> Report:
    """Judge `content` against the rules in force on `as_of`.

    `invalid`: the validation problems, if known; a one-file kind (can-bo.yml, to-chuc.yml,
    tiep-cong-dan.yml) rejected by validation is then reported as incomplete, not missing.
    """
    book = rules or load_rules()
    ctx = _Context(config, content, as_of, book, invalid)
    by_id: dict[str, list[Rule]] = {}
    for rule in book.in_force(as_of):
        by_id.setdefault(rule.id, []).append(rule)
    results = [ctx.requirement(rs) for rs in by_id.values()]
    results.sort(key=lambda r: (_section(r.id), r.id))
    upcoming = sorted(set(ctx.upcoming))
    # The same place and fault found for two requirements (a budget file's posting under
    # TT343 and under the Grassroots Democracy Law) is one problem in the overall list.
    problems = _unique(
        (p, p.requirement or "" if p.code in _PER_REQUIREMENT else "")
        for r in results
        for p in r.problems
    )
    problems += ctx.loose_problems()
    problems += links.broken(content)  # evidence of plan tasks, questions' related pages
    return Report(
        as_of=as_of,
        commune=f"{config.full_name}, tỉnh {config.province}",
        regimes=book.regimes(as_of),
        requirements=tuple(results),
        problems=tuple(sorted(problems, key=_problem_order)),
        upcoming=tuple(upcoming),
    )


def _section(rule_id: str) -> int:
    for i, prefix in enumerate(_SECTION_ORDER):
        if rule_id.startswith(prefix) and not (prefix == "b-" and rule_id.startswith("b26-")):
            return i
    return len(_SECTION_ORDER)


def _problem_order(p: Problem) -> tuple[str, int, str, str]:
    loc = p.location
    return (loc.path if loc else "", (loc.line or 0) if loc else 0, p.code, p.requirement or "")


def _unique(problems: Iterable[tuple[Problem, str]]) -> list[Problem]:
    """One problem per code, place and key; keep the most severe, then the first."""
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    kept: dict[tuple[object, ...], Problem] = {}
    for p, extra in problems:
        loc = p.location
        key = (
            p.code,
            p.extra.get("key", ""),
            loc.path if loc else None,
            loc.line if loc else None,
            loc.field if loc else None,
            extra,
        )
        if key not in kept or rank[p.severity] < rank[kept[key].severity]:
            kept[key] = p
    return list(kept.values())


@lru_cache(maxsize=65536)  # the same names and titles, judged rule after rule
def _fold(text: str) -> str:
    """Lower case, accents dropped, đ → d, separators removed: 'Nguyễn Trãi' → 'nguyentrai'."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (tuple, list)) and not value)


@dataclass(frozen=True)
class _Subject:
    """What a rule judges: a record, one entry of its list, or the site config."""

    obj: Any
    record: Record | None
    path: str
    line: int | None
    label: str
    prefix: str = ""  # field path of the entry inside the file, e.g. "officials[3]"

    def loc(self, name: str | None = None) -> SourceLocation:
        full = f"{self.prefix}.{name}" if self.prefix and name else (name or self.prefix or None)
        return SourceLocation(self.path, self.line, full)


@dataclass
class _Outcome:
    label: str
    status: str
    due: date | None = None
    items: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reason: str = ""


class _Context:
    """Everything one assessment needs, and the judging of one rule at a time."""

    def __init__(
        self,
        config: SiteConfig,
        content: Content,
        as_of: date,
        book: RuleBook,
        invalid: Iterable[Problem],
    ):
        self.config = config
        self.as_of = as_of
        self.book = book
        self.records = tuple(r for r in content.records if self._visible(r))
        self.by_kind: dict[str, list[Record]] = {}
        for r in self.records:
            self.by_kind.setdefault(r.kind, []).append(r)
        self.config_path = config.path.name
        self.lines = SourceLines(config.content_dir.resolve())
        self.commune = config.full_name.casefold()
        present = {r.source.path for r in content.records}
        self.rejected = {
            p.location.path
            for p in invalid
            if p.blocking and p.location and p.location.path not in present
        }
        self.upcoming: list[tuple[date, str, str]] = []
        self.lowered: set[str] = set()  # requirements whose problems were lowered to warnings
        self.fallback_year = as_of.year
        self.not_applicable: dict[str, Notice] = {}
        for r in self.records:
            if isinstance(r, Notice) and r.not_applicable:
                self.not_applicable.setdefault(r.requirement, r)
        self.first_years = self._first_years()

    # --- which records exist on the date ------------------------------------------------

    def _visible(self, record: Record) -> bool:
        for name in ("published_on", "issued_on", "received_on"):
            day = getattr(record, name, None)
            if isinstance(day, date) and day > self.as_of:
                return False
        return True

    def loose_problems(self) -> list[Problem]:
        """Notices naming a requirement that no rule pack knows."""
        known = self.book.ids
        found = []
        for r in self.records:
            if isinstance(r, Notice) and r.requirement and r.requirement not in known:
                found.append(
                    problem(
                        "requirement-unknown",
                        SourceLocation(r.source.path, None, "requirement"),
                        rid=r.requirement,
                        examples="g12-fees, g07-social-support, p-policy-guidance",
                    )
                )
        return found

    # --- matching -----------------------------------------------------------------------

    def matches(self, m: Match, record: Record) -> bool:
        if record.kind != m.kind:
            return False
        if isinstance(record, Notice) and record.not_applicable:
            return False
        if m.correction and not getattr(record, "correction_of", ""):
            return False
        if m.requirement and getattr(record, "requirement", None) != m.requirement:
            return False
        for name in ("package", "review", "plan_type"):
            wanted = getattr(m, name)
            if wanted and getattr(record, name, None) != wanted:
                return False
        if (
            m.budget_years is not None
            and getattr(record, "budget_year", None) not in m.budget_years
        ):
            return False
        if m.decided is not None and self.decided_on(record) not in m.decided:
            return False
        if m.issuer == "commune" and self.commune not in self.issuer_of(record).casefold():
            return False
        if m.doc_type and _fold(self.doc_type_of(record)) != _fold(m.doc_type):
            return False
        return not (m.text and not re.search(m.text, self.text_of(record), re.IGNORECASE))

    @staticmethod
    def decided_on(record: Record) -> date | None:
        decision = getattr(record, "decision", None)
        if decision is not None:
            return decision.date
        issued = getattr(record, "issued_on", None)
        return issued if isinstance(issued, date) and issued != date.min else None

    @staticmethod
    def issuer_of(record: Record) -> str:
        issuer = getattr(record, "issuer", "")
        decision = getattr(record, "decision", None)
        return str(issuer or (decision.issuer if decision else ""))

    @staticmethod
    def doc_type_of(record: Record) -> str:
        if isinstance(record, Document):
            return record.doc_type
        decision = getattr(record, "decision", None)
        return decision.type if decision else ""

    @staticmethod
    def text_of(record: Record) -> str:
        text = " ".join(str(getattr(record, n, "") or "") for n in ("title", "abstract", "name"))
        return unicodedata.normalize("NFC", text)

    def year_of(self, record: Record) -> int | None:
        """The year a record is about: budget year, review year, else 'năm YYYY' in its title."""
        for name in ("budget_year", "year"):
            value = getattr(record, name, None)
            if isinstance(value, int):
                return value
        found = _YEAR_IN_TEXT.search(self.text_of(record))
        if found:
            return int(found.group(1))
        day = self.decided_on(record) or getattr(record, "published_on", None)
        return day.year if isinstance(day, date) else None

    def subjects(self, rule: Rule) -> list[tuple[Match, _Subject]]:
        """Every record (or list entry) that satisfies one of the rule's alternatives."""
        found: list[tuple[Match, _Subject]] = []
        for m in rule.satisfied_by:
            if m.kind == "config":
                found.extend((m, s) for s in self.config_subjects(m))
                continue
            for record in self.by_kind.get(m.kind, ()):
                if self.matches(m, record):
                    found.extend((m, s) for s in self.record_subjects(m, record))
        return found

    def config_subjects(self, m: Match) -> list[_Subject]:
        if not m.items:
            return [_Subject(self.config, None, self.config_path, None, self.config_path)]
        value = getattr(self.config, m.items, None)
        if value is None:
            return []
        return [_Subject(value, None, self.config_path, None, f"mục {m.items}", m.items)]

    def record_subjects(self, m: Match, record: Record) -> list[_Subject]:
        path = record.source.path
        if not m.items:
            return [_Subject(record, record, path, record.source.line, f'"{record.display_title}"')]
        out = []
        for i, entry in enumerate(getattr(record, m.items, ()) or ()):
            if all(_has(entry, k, v) for k, v in m.where):
                label = (
                    f"{entry.name} ({entry.position})"
                    if isinstance(entry, Official)
                    else f"mục {i + 1}"
                )
                line = getattr(entry, "line", None)
                out.append(_Subject(entry, record, path, line, label, f"{m.items}[{i + 1}]"))
        if not out and m.where:
            # The file is there but nobody in it has the role: judged as incomplete.
            out.append(_Subject(None, record, path, record.source.line, path))
        return out

    # --- years --------------------------------------------------------------------------

    def _first_years(self) -> dict[str, int]:
        """For each periodic rule id, the first year the content covers.

        Budget and poverty files are periodic by nature: their first year (any package or
        review) starts every series of their kind. Other kinds (notices, plans) start at
        the first year of the records matching the rule itself.
        """
        kind_first: dict[str, int] = {}
        for record in self.records:
            year = getattr(record, "budget_year", None) or getattr(record, "year", None)
            if record.kind in _PERIODIC_KINDS and isinstance(year, int):
                kind_first[record.kind] = min(year, kind_first.get(record.kind, year))
        self.fallback_year = min(kind_first.values(), default=self.as_of.year)
        firsts: dict[str, int] = {}
        for rule in self.book.rules:
            if rule.periodic not in ("annual", "quarterly"):
                continue
            years = [kind_first[m.kind] for m in rule.satisfied_by if m.kind in kind_first]
            years += [
                y for _, s in self.subjects(rule) if s.record and (y := self.year_of(s.record))
            ]
            if years:
                firsts[rule.id] = min(years)
        return firsts

    def years(self, rule: Rule) -> list[int]:
        """The years judged for a periodic rule: first year in content up to as_of."""
        first = self.first_years.get(rule.id, self.fallback_year)
        return [y for y in range(first, self.as_of.year + 1) if self.covers(rule, y)]

    def covers(self, rule: Rule, year: int) -> bool:
        """Whether a periodic rule asks for a disclosure about `year`."""
        ranges = [m.budget_years for m in rule.satisfied_by if m.budget_years is not None]
        if ranges:  # budget rules apply by budget year
            return any(year in r for r in ranges)
        due, _, _ = self.expected_due(rule, year, rule.periods[0] if rule.periods else "")
        return due is None or due >= rule.effective_from  # not before the rule existed

    # --- the clock ----------------------------------------------------------------------

    def expected_due(
        self, rule: Rule, year: int, period: str
    ) -> tuple[date | None, date | None, str]:
        """Due date of an expected disclosure with no record: (due, trigger, how we know)."""
        trig = rule.trigger
        trigger: date | None = None
        known = ""
        if trig.event == "period_end":
            month, day = PERIOD_ENDS[period]
            trigger, known = date(year, month, day), "period"
        elif trig.evidence is not None:
            found = [
                d
                for d in self.by_kind.get(trig.evidence.kind, ())
                if self.matches(trig.evidence, d) and self.year_of(d) == year and self.decided_on(d)
            ]
            if found:
                trigger = min(self.decided_on(d) or date.max for d in found)
                known = "evidence"
        if trigger is None and trig.latest is not None:
            trigger, known = trig.latest.on(year), "latest"
        if trigger is None:
            return None, None, ""
        due = (
            deadline(trigger, rule.deadline.days, rule.deadline.unit) if rule.deadline else trigger
        )
        return due, trigger, known

    def rule_text(self, rule: Rule, trigger: date | None, known: str) -> str:
        """'30 ngày kể từ ngày HĐND xã ban hành nghị quyết về dự toán (20/12/2024)'."""
        d = rule.deadline
        event = rule.trigger.text_vi or "ngày phát sinh"
        text = f"{d.days} {UNIT_VI[d.unit]} kể từ {event}" if d else event
        if trigger is not None and known == "latest":
            text += f", muộn nhất là {_vn(trigger)} vì chưa thấy văn bản này trong content/"
        elif trigger is not None:
            text += f" ({_vn(trigger)})"
        return f"{text}, theo {d.basis}" if d and d.basis else text

    # --- severity -----------------------------------------------------------------------

    def severity(self, rule: Rule, part_confidence: str | None = None) -> Severity:
        if not rule.blocking:
            return Severity.WARNING
        if rule.confidence == "L" or part_confidence == "L":
            self.lowered.add(rule.id)  # said once per requirement (rule-low-confidence)
            return Severity.WARNING
        return Severity.ERROR

    # --- one requirement ------------------------------------------------------------------

    def requirement(self, rules: Sequence[Rule]) -> RequirementResult:
        first = rules[0]
        outcomes = [(rule, self.judge(rule)) for rule in rules]
        checks: dict[str, _Outcome] = {}
        for _, outs in outcomes:
            for o in outs:
                seen = checks.get(o.label)
                if seen is None or _WORST.index(o.status) < _WORST.index(seen.status):
                    checks[o.label] = o
        all_outs = [o for _, outs in outcomes for o in outs]
        worst = min(all_outs, key=lambda o: _WORST.index(o.status))
        status = worst.status
        # Several instruments may report the same gap: keep one problem per gap and place.
        problems = _unique(
            (p, o.label if p.code in _PER_CHECK else "") for o in all_outs for p in o.problems
        )
        if first.id in self.lowered:
            part = (
                "quy định"
                if all(r.confidence == "L" for r in rules)
                else "thời hạn, thời gian niêm yết"
            )
            problems.append(
                problem(
                    "rule-low-confidence",
                    None,
                    requirement=first.id,
                    rid=first.id,
                    title=first.title_vi,
                    part=part,
                )
            )
        items = sorted({i for o in all_outs for i in o.items})
        due = worst.due
        if status in ("met", "not_yet_due", "not_applicable"):
            # The next obligation, if one is coming; a met requirement has no due date.
            future = sorted(o.due for o in all_outs if o.status == "not_yet_due" and o.due)
            due = future[0] if future else None
        bases: dict[str, None] = {}
        for r in rules:
            for b in r.legal_basis:
                bases.setdefault(b, None)
        packs = {p.id: p for p in self.book.packs}
        instruments = dict.fromkeys(packs[r.pack].instrument for r in rules if r.pack in packs)
        return RequirementResult(
            id=first.id,
            title=first.title_vi,
            status=status,
            legal_basis=tuple(bases),
            title_en=first.title_en,
            instrument="; ".join(instruments),
            confidence=min((r.confidence for r in rules), key="HML".index),
            due=due,
            items=tuple(items),
            problems=tuple(sorted(problems, key=_problem_order)),
            reason=worst.reason,
            checks=tuple(
                Check(o.label, o.status, o.due, tuple(o.items), o.reason) for o in checks.values()
            ),
            regimes=tuple(dict.fromkeys(packs[r.pack].regime for r in rules if r.pack in packs)),
        )

    def judge(self, rule: Rule) -> list[_Outcome]:
        """Every expected disclosure of one rule, judged."""
        if rule.not_applicable_vi:
            return [_Outcome("", "not_applicable", reason=rule.not_applicable_vi)]
        if self.config.unit not in rule.units:
            return [
                _Outcome(
                    "", "not_applicable", reason="Không áp dụng cho loại đơn vị hành chính này."
                )
            ]
        if rule.needs_portal and not self.config.has_portal:
            reason = (
                "Xã chưa có trang thông tin điện tử (site.has_portal: false trong site_config.yml)."
            )
            return [_Outcome("", "not_applicable", reason=reason)]
        declared = self.not_applicable.get(rule.id)
        if declared is not None:
            return [
                _Outcome(
                    "",
                    "not_applicable",
                    items=[declared.source.path],
                    reason=declared.not_applicable,
                )
            ]
        if rule.generated_vi:
            return [_Outcome("", "met", reason=rule.generated_vi)]
        found = self.subjects(rule)
        if rule.periodic in ("annual", "quarterly"):
            return self.judge_periodic(rule, found)
        if not found:
            return [self.judge_none(rule)]
        return [self.judge_subject(rule, m, s, None, "") for m, s in found]

    def judge_none(self, rule: Rule) -> _Outcome:
        if rule.when_none == "not_applicable":
            return _Outcome("", "not_applicable", reason=rule.none_reason_vi)
        where, kind = self.expected_place(rule, None)
        rejected = sorted(
            p for p in self.rejected if kind and BY_NAME[kind].singleton and p == where
        )
        if rejected:
            p = problem(
                "requirement-file-invalid",
                SourceLocation(rejected[0]),
                severity=self.severity(rule),
                requirement=rule.id,
                rid=rule.id,
                title=rule.title_vi,
            )
            return _Outcome("", "incomplete", items=rejected, problems=[p])
        p = problem(
            "requirement-missing",
            SourceLocation(where),
            severity=self.severity(rule),
            requirement=rule.id,
            rid=rule.id,
            title=rule.title_vi,
            basis=rule.legal_basis[0],
            how=self.how(rule, None, ""),
        )
        return _Outcome("", "missing", problems=[p])

    def judge_periodic(self, rule: Rule, found: list[tuple[Match, _Subject]]) -> list[_Outcome]:
        periods = rule.periods if rule.periodic == "quarterly" else ("",)
        outcomes = []
        for year in self.years(rule):
            for period in periods:
                label = _PERIOD_VI[period].format(y=year) if period else f"năm {year}"
                mine = [
                    (m, s)
                    for m, s in found
                    if s.record is not None
                    and self.year_of(s.record) == year
                    and (not period or getattr(s.record, "period", "") == period)
                ]
                if mine:
                    judged = [self.judge_subject(rule, m, s, year, period, label) for m, s in mine]
                    best = min(
                        judged, key=lambda o: _BEST.index(o.status) if o.status in _BEST else 9
                    )
                    best.problems = [p for o in judged for p in o.problems]
                    best.items = sorted({i for o in judged for i in o.items})
                    outcomes.append(best)
                else:
                    outcomes.append(self.judge_absent(rule, year, period, label))
        # Next year's disclosures that fall due soon go on the calendar only.
        year = self.as_of.year + 1
        for period in periods if self.covers(rule, year) else ():
            due, _, _ = self.expected_due(rule, year, period)
            if due is None or due > self.as_of + timedelta(days=_UPCOMING_DAYS):
                continue
            if not any(s.record and self.year_of(s.record) == year for _, s in found):
                label = _PERIOD_VI[period].format(y=year) if period else f"năm {year}"
                self.upcoming.append((due, rule.id, f"{rule.title_vi} — {label}"))
        if not outcomes:
            reason = "Chưa có kỳ nào phải công khai theo quy định này trong thời gian kiểm tra."
            outcomes.append(_Outcome("", "not_applicable", reason=reason))
        return outcomes

    def judge_absent(self, rule: Rule, year: int, period: str, label: str) -> _Outcome:
        due, trigger, known = self.expected_due(rule, year, period)
        if due is None:
            return self.judge_none(rule)
        if self.as_of <= due:
            self.upcoming.append((due, rule.id, f"{rule.title_vi} — {label}"))
            return _Outcome(label, "not_yet_due", due=due)
        where, _ = self.expected_place(rule, year)
        p = problem(
            "requirement-overdue",
            SourceLocation(where),
            severity=self.severity(rule, _deadline_confidence(rule)),
            requirement=rule.id,
            title=rule.title_vi,
            label=f" {label}",
            due=_vn(due),
            rule_text=self.rule_text(rule, trigger, known),
            late=(self.as_of - due).days,
            how=self.how(rule, year, period),
        )
        return _Outcome(label, "overdue", due=due, problems=[p])

    def expected_place(self, rule: Rule, year: int | None) -> tuple[str, str]:
        """Where the missing file should go, and its kind."""
        kinds = [m.kind for m in rule.satisfied_by]
        kind = kinds[0] if kinds else ""
        if kind == "config" or not kind:
            return self.config_path, kind
        spec = BY_NAME[kind]
        if spec.singleton:
            return f"content/{spec.folder}/{spec.singleton}", kind
        if kind == "budget" and year is not None:
            return f"content/{spec.folder}/{year}/", kind
        return f"content/{spec.folder}/", kind

    def how(self, rule: Rule, year: int | None, period: str) -> str:
        """How to add what is missing, in a commune official's words."""
        if not rule.satisfied_by:
            return "bổ sung nội dung này"
        m = rule.satisfied_by[0]
        if m.kind == "config":
            keys = (
                ", ".join(f"'{CONFIG_KEYS.get(f, f)}'" for f in rule.required_fields) or "mục này"
            )
            return f"thêm {keys} vào {self.config_path}"
        where, _ = self.expected_place(rule, year)
        spec = BY_NAME[m.kind]
        if spec.singleton:
            return f"tạo tệp {where} (lệnh 'congkhai new {m.kind}' tạo tệp mẫu)"
        extra = []
        if m.kind == "notices":
            extra.append(f"'requirement: {m.requirement}'")
        if m.package:
            extra.append(f"'package: {m.package}'")
        if period:
            extra.append(f"'period: {period}'")
        if m.review:
            extra.append(f"'review: {m.review}'")
        if year is not None and m.kind == "poverty":
            extra.append(f"'year: {year}'")
        text = f"thêm tệp .yml vào {where}"
        if extra:
            text += " có " + ", ".join(extra)
        text += f" (lệnh 'congkhai new {m.kind}' tạo tệp mẫu)"
        if m.kind == "notices":
            text += "; nếu xã không có nội dung này, ghi lý do vào 'not_applicable' của tệp đó"
        return text

    # --- one record -------------------------------------------------------------------

    def judge_subject(
        self, rule: Rule, m: Match, s: _Subject, year: int | None, period: str, label: str = ""
    ) -> _Outcome:
        out = _Outcome(label or s.label.strip('"'), "met", items=[s.path])
        if s.obj is None:  # a list where nobody has the role asked for
            condition = ", ".join(f"{k}: {_yaml(v)}" for k, v in m.where)
            out.status = "incomplete"
            out.problems.append(
                problem(
                    "items-none",
                    SourceLocation(s.path, None, m.items),
                    severity=self.severity(rule),
                    requirement=rule.id,
                    condition=condition,
                    title=rule.title_vi,
                    basis=rule.legal_basis[0],
                    where=s.path,
                )
            )
            return out
        basis = rule.legal_basis[0]
        for name in (*rule.required_fields, *m.required_fields):
            for missing in _missing(s.obj, name):
                out.status = "incomplete"
                out.problems.append(
                    self.field_problem("requirement-incomplete", rule, s, missing, basis)
                )
        for name in rule.recommended_fields:
            for missing in _missing(s.obj, name):
                out.problems.append(
                    self.field_problem("recommended-field-missing", rule, s, missing, basis)
                )
        self.check_forms(rule, s, out)
        self.check_formats(rule, m, s, out)
        self.check_deadline(rule, s, year, period, out)
        if s.record is not None and s.obj is s.record:
            self.check_posting(rule, s, out)
            self.check_channels(rule, s, out)
        return out

    def field_problem(self, code: str, rule: Rule, s: _Subject, name: str, basis: str) -> Problem:
        last = re.sub(r"\[\d*\]", "", name).rsplit(".", 1)[-1]
        label = FIELD_VI.get(last, last)
        if s.obj is self.config:
            group, _, leaf = CONFIG_KEYS.get(name, name).rpartition(".")
            where = f"nhóm '{group}:' của {self.config_path}" if group else self.config_path
            name = f"{group}.{leaf}" if group else leaf
            subject = f"Tệp {self.config_path}"
        else:
            where = s.path
            subject = f"Cán bộ {s.label}" if isinstance(s.obj, Official) else s.label
        severity = Severity.WARNING if code == "recommended-field-missing" else self.severity(rule)
        return problem(
            code,
            s.loc(name)
            if s.obj is not self.config
            else SourceLocation(self.config_path, None, name),
            severity=severity,
            requirement=rule.id,
            subject=subject,
            field_vi=label,
            field=name.rsplit(".", 1)[-1] if "[" not in name else name,
            title=rule.title_vi,
            basis=basis,
            where=where,
        )

    def check_forms(self, rule: Rule, s: _Subject, out: _Outcome) -> None:
        tables = getattr(s.obj, "tables", None)
        if not rule.forms or tables is None:
            return
        given = [str(t.form) for t in tables if getattr(t, "form", "")]
        for form in rule.forms:
            if not any(re.match(rf"\D*{re.escape(form.number)}(?!\d)", g) for g in given):
                out.status = "incomplete"
                found = problem(
                    "budget-form-missing",
                    s.loc("tables"),
                    severity=self.severity(rule),
                    requirement=rule.id,
                    where=s.path,
                    form=form.number,
                    form_title=form.title_vi,
                    basis=rule.legal_basis[0],
                )
                # One problem per missing form, though they share the place.
                out.problems.append(replace(found, extra={"key": form.number}))

    def check_formats(self, rule: Rule, m: Match, s: _Subject, out: _Outcome) -> None:
        names = {"commune": _fold(self.config.name), "province": _fold(self.config.province)}
        for fmt in m.formats:
            value = str(getattr(s.obj, fmt.field, "") or "")
            regex, example = fmt.regex, fmt.example
            for key, text in names.items():
                regex = regex.replace("{" + key + "}", re.escape(text))
                example = example.replace("{" + key + "}", text)
            if value and not re.match(regex, value):
                out.status = "incomplete"
                key = CONFIG_KEYS.get(fmt.field, fmt.field) if s.obj is self.config else fmt.field
                out.problems.append(
                    problem(
                        "field-pattern",
                        SourceLocation(s.path, s.line, key),
                        severity=self.severity(rule),
                        requirement=rule.id,
                        field_vi=FIELD_VI.get(fmt.field, fmt.field).capitalize(),
                        value=value,
                        basis=rule.legal_basis[0],
                        example=example,
                        where=s.path,
                    )
                )

    def check_deadline(
        self, rule: Rule, s: _Subject, year: int | None, period: str, out: _Outcome
    ) -> None:
        d = rule.deadline
        if d is None:
            return
        event = rule.trigger.event
        if event == "received":
            self.check_answer(rule, d, s, out)
            return
        trigger: date | None = None
        published: date | None = None
        date_field = "published_on"
        if event == "before_start":  # announce at least n working days before `start`
            start, announced = getattr(s.obj, "start", None), getattr(s.obj, "announced_on", None)
            if not isinstance(start, date) or not isinstance(announced, date):
                return
            if getattr(s.obj, "force_majeure", False) is True:
                return  # Decree 224/2026 Art. 13: no notice period for force majeure
            due = start
            for _ in range(d.days):
                due -= timedelta(days=1)
                while not is_working_day(due):
                    due -= timedelta(days=1)
            trigger, published, date_field = (
                start,
                announced,
                CONFIG_KEYS["outage"] + ".announced_on",
            )
        else:
            if event == "period_end" and year is not None and period:
                month, day = PERIOD_ENDS[period]
                trigger = date(year, month, day)
            elif event == "decision" and s.record is not None:
                trigger = self.decided_on(s.record)
            published = getattr(s.record, "published_on", None)
            if trigger is None or not isinstance(published, date):
                return
            due = deadline(trigger, d.days, d.unit)
        out.due = due
        if published <= due:
            return
        if out.status == "met":
            out.status = "overdue"
        if event == "before_start":  # Decree 224/2026 Art. 13: a planned outage
            out.problems.append(
                problem(
                    "outage-short-notice",
                    SourceLocation(s.path, s.line, date_field),
                    requirement=rule.id,
                    announced=_vn(published),
                    late=(published - due).days,
                    due=_vn(due),
                    days=d.days,
                    start=_vn(trigger),
                    basis=rule.legal_basis[0],
                    earliest=_vn(add_working_days(published, d.days)),
                )
            )
            return
        text = self.rule_text(rule, trigger, "record")
        periodic = year is not None
        out.problems.append(
            problem(
                "requirement-late",
                SourceLocation(s.path, s.line, date_field),
                requirement=rule.id,
                where=s.path,
                title=rule.title_vi if periodic else out.label,
                label=f" {out.label}" if periodic else "",
                published=_vn(published),
                late=(published - due).days,
                due=_vn(due),
                rule_text=text,
                date_field=date_field,
            )
        )

    def check_answer(self, rule: Rule, d: Deadline, s: _Subject, out: _Outcome) -> None:
        """A question: answered within the commune's time limit, or still open after it."""
        question = s.record
        if not isinstance(question, Question):
            return
        days = int(getattr(self.config, d.config, d.days)) if d.config else d.days
        due = deadline(question.received_on, days, d.unit)
        out.due = due
        answered = question.answered_as_of(self.as_of)
        values: dict[str, Any] = {
            "received": _vn(question.received_on),
            "due": _vn(due),
            "days": days,
            "basis": d.basis or rule.legal_basis[0],
            "where": s.path,
        }
        loc = SourceLocation(s.path, s.line, "answered_on")
        if answered is None and self.as_of <= due:
            out.status = "not_yet_due"
        elif answered is None:
            out.status = "overdue"
            late = (self.as_of - due).days
            out.problems.append(
                problem(
                    "question-unanswered",
                    loc,
                    severity=self.severity(rule),
                    requirement=rule.id,
                    late=late,
                    **values,
                )
            )
        elif answered > due:
            late = (answered - due).days
            out.problems.append(
                problem(
                    "question-answered-late",
                    loc,
                    requirement=rule.id,
                    answered=_vn(answered),
                    late=late,
                    **values,
                )
            )

    def posting_end(self, s: _Subject) -> SourceLocation:
        """Where the end of a posting is written (looked up only for a problem)."""
        return SourceLocation(s.path, self.lines.line(s.path, ("posting",)) or s.line, "posting.to")

    def check_posting(self, rule: Rule, s: _Subject, out: _Outcome) -> None:
        display = rule.min_display
        record = s.record
        if display is None or record is None:
            return
        posting = getattr(record, "posting", None)
        basis = display.basis or rule.legal_basis[-1]
        if display.permanent:
            if posting is not None and posting.end < self.as_of:
                out.status = "incomplete" if out.status == "met" else out.status
                out.problems.append(
                    problem(
                        "posting-not-permanent",
                        self.posting_end(s),
                        severity=self.severity(rule),
                        requirement=rule.id,
                        where=s.path,
                        basis=basis,
                        end=_vn(posting.end),
                    )
                )
            return
        if display.plan_period:
            last_year = getattr(record, "period_to", None)
            if (
                posting is not None
                and isinstance(last_year, int)
                and posting.end < date(last_year, 12, 31)
            ):
                out.status = "incomplete" if out.status == "met" else out.status
                out.problems.append(
                    problem(
                        "posting-plan-period",
                        self.posting_end(s),
                        severity=self.severity(rule),
                        requirement=rule.id,
                        where=s.path,
                        period=f"{getattr(record, 'period_from', '')}–{last_year}",
                        basis=basis,
                        end=_vn(posting.end),
                        until=_vn(date(last_year, 12, 31)),
                    )
                )
            return
        self.check_posting_days(rule, display, s, posting, basis, out)

    def check_posting_days(
        self,
        rule: Rule,
        display: Display,
        s: _Subject,
        posting: Any,
        basis: str,
        out: _Outcome,
    ) -> None:
        minimum = display.days or 0
        unit = UNIT_VI[display.unit]
        if posting is None:
            if any(c in rule.channels for c in ("hq", "village")) and hasattr(s.record, "posting"):
                out.problems.append(
                    problem(
                        "posting-missing",
                        SourceLocation(s.path, s.line, "posting"),
                        requirement=rule.id,
                        where=s.path,
                        minimum=minimum,
                        unit=unit,
                        basis=basis,
                    )
                )
            return
        if display.unit == "working":
            days = count_working_days(posting.start, posting.end)
            until = posting.start
            while count_working_days(posting.start, until) < minimum:
                until += timedelta(days=1)
        else:
            days = posting.days
            until = posting.start + timedelta(days=minimum - 1)
        if days >= minimum:
            return
        conflict = next(
            (
                c
                for other in self.book.in_force(self.as_of)
                for c in other.conflicts
                if c.requirement == rule.id and s.record is not None and c.kind == s.record.kind
            ),
            None,
        )
        values: dict[str, Any] = {
            "start": _vn(posting.start),
            "end": _vn(posting.end),
            "days": days,
            "minimum": minimum,
            "unit": unit,
            "basis": basis,
            "until": _vn(until),
            "where": s.path,
        }
        if conflict is not None:
            p = problem(
                "posting-conflict",
                self.posting_end(s),
                requirement=rule.id,
                note=conflict.note_vi,
                **values,
            )
        else:
            severity = self.severity(rule, display.confidence)
            p = problem(
                "posting-too-short",
                self.posting_end(s),
                severity=severity,
                requirement=rule.id,
                **values,
            )
            if severity is Severity.ERROR and out.status == "met":
                out.status = "incomplete"
        out.problems.append(p)

    def check_channels(self, rule: Rule, s: _Subject, out: _Outcome) -> None:
        channels = getattr(s.record, "channels", None)
        if channels is None:
            return
        display = rule.min_display
        basis = (display.basis if display else "") or rule.legal_basis[-1]
        if rule.broadcast_days and "loudspeaker" not in channels:
            out.problems.append(
                problem(
                    "broadcast-missing",
                    SourceLocation(s.path, s.line, "channels"),
                    requirement=rule.id,
                    where=s.path,
                    days=rule.broadcast_days,
                    basis=rule.broadcast_basis or basis,
                )
            )
        lacking = [c for c in rule.channels if c != "portal" and c not in channels]
        if rule.broadcast_days:
            lacking = [c for c in lacking if c != "loudspeaker"]
        if lacking:
            out.problems.append(
                problem(
                    "channel-missing",
                    SourceLocation(s.path, s.line, "channels"),
                    requirement=rule.id,
                    where=s.path,
                    channels=", ".join(_CHANNEL_VI.get(c, c) for c in lacking),
                    codes=", ".join(f"'{c}'" for c in lacking),
                    basis=basis,
                )
            )


def _deadline_confidence(rule: Rule) -> str | None:
    return rule.deadline.confidence if rule.deadline else None


def _has(entry: Any, name: str, wanted: Any) -> bool:
    value = getattr(entry, name, None)
    if isinstance(value, (tuple, list)):
        return wanted in value
    return bool(value == wanted)


def _yaml(value: Any) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def _missing(obj: Any, path: str) -> list[str]:
    """The empty fields under `obj`: 'structure[].name_en' → ['structure[2].name_en']."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        name = head[:-2]
        values = getattr(obj, name, None)
        if values is None or _empty(values):
            return [name]
        if not rest:
            return []
        return [
            f"{name}[{i + 1}].{m}" for i, entry in enumerate(values) for m in _missing(entry, rest)
        ]
    value = getattr(obj, head, None)
    if _empty(value):
        return [head]
    if rest:
        return [f"{head}.{m}" for m in _missing(value, rest)]
    return []


__all__ = ["FIELD_VI", "STATUSES", "assess"]
