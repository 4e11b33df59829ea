"""Rules: the legal requirements, loaded from the rule packs in generator/rules/*.yml.

Every rule is data with dates, never an `if` in code (DESIGN.md, "Rules are data, with
dates"). One pack per legal instrument; a requirement id from the legal catalog may appear
in several packs (e.g. `p-org-structure` rests on the Access to Information Law, on Decree
42/2022 until 30/06/2026 and on Decree 224/2026 from 01/07/2026): the checker judges every
rule in force on the date and reports one requirement per id.

Pack file schema
----------------
Top level (all keys required unless marked optional)::

    pack: lgd-2022                 # the file name without .yml
    instrument: "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
    regime: "Luật Thực hiện dân chủ ở cơ sở 2022 (từ 01/07/2023)"   # shown in reports
    order: 20                      # optional: packs (and regimes) are listed by order, date
    effective_from: 2023-07-01     # in force from (inclusive)
    effective_to: null             # in force until (inclusive); null = open
    confidence: H                  # default confidence of the rules: H | M | L
    sources: [S6]                  # default source keys (legal catalog §6)
    defaults: {...}                # optional: rule fields applied unless a rule sets them
    rules: [...]

A rule::

    id: g12-fees                   # the legal catalog id (kebab-case)
    title_vi / title_en            # what must be disclosed, as a noun phrase
    legal_basis: ["Luật …, Điều 11 khoản 12", …]   # Vietnamese citations
    effective_from / effective_to  # optional, default the pack's
    applies_to: {units: [xa, phuong, dac_khu], has_portal: true}   # optional
    periodic: continuous | once | annual | quarterly
        continuous  must be on the site at all times (one check per matching record)
        once        one disclosure per decision or event (one check per matching record)
        annual      one disclosure per year, from the first year the content covers to
                    as_of (budget and poverty files start every rule of their kind;
                    other rules start at their own first record); a rule with
                    budget_years applies by budget year, others skip the years whose
                    disclosure fell due before the rule was in force
        quarterly   the same, one per period in `periods` of each year
    periods: [q1, h1, m9, year]    # quarterly only; period ends 31/3, 30/6, 30/9, 31/12
    satisfied_by:                  # alternatives: a record matching any entry counts
      - kind: notices              # a content kind (kinds.py), or `config` (site_config.yml)
        requirement: g12-fees      # notices: the id written in the file (default: rule id)
        package: approved_estimate # budget
        budget_years: "..2025"     # budget: "..2025", "2026..", "2020..2025"
        review: annual             # poverty
        plan_type: plan            # land-use
        decided: "2024-08-01.."    # the record's decision date in this range
        issuer: commune            # documents/plans issued by the commune's HĐND or UBND
        doc_type: "Nghị quyết"     # documents
        text: "dự toán"            # regular expression searched in title/abstract
        items: officials           # judge the entries of this list, not the record
        where: {contact_point: ati}   # keep only entries with these values
        correction: true           # only files that correct an earlier one (correction_of)
        formats: {url: {regex: "^https://{commune}\\.{province}\\.gov\\.vn/?$",
                        example: "https://{commune}.{province}.gov.vn/"}}
                                   # a field must match; {commune}, {province}: the names
                                   # without accents or spaces
        required_fields: [...]     # extra fields for this alternative only
    required_fields: [email, …]    # missing → incomplete (blocking unless L / blocking: false)
    recommended_fields: [file, …]  # missing → warning only
    forms: [{number: "108", title_vi: "…"}]   # budget: tables whose `form` starts so
    trigger:                       # what starts the clock
      event: decision | period_end | before_start | received | none
                                   # decision: the record's decision date; before_start: the
                                   # deadline counts back from the record's `start`;
                                   # received: a question's `received_on`, the clock stopping
                                   # at its `answered_on` (unanswered after it: overdue)
      text_vi: "ngày HĐND xã ban hành nghị quyết"
      latest: {month: 12, day: 31, year: -1}  # when no record: the event happens by then
      evidence: {kind: documents, …}          # a match: documents proving the event date
      window: {from: "09-01", to: "12-14"}    # optional: when the work is done (shown)
    deadline: {days: 30, unit: calendar | working, confidence: L, basis: "…", config: …}
                                   # after the trigger; a calendar deadline ending on a rest
                                   # day moves to the next working day (workdays.py);
                                   # config: answer_days takes the days from site_config.yml
                                   # (questions.answer_days), `days` being the default
    min_display: {days: 30, unit: calendar | working, confidence: L, basis: "…"}
                 | permanent | plan_period   # or {permanent: true, basis: "…"}
                                   # `basis`: the citation shown in messages about this
                                   # limit (default: the rule's first / last legal_basis)
    broadcast_days: 3              # days on the commune loudspeaker (LGD 13.3)
    broadcast_basis: "…"           # its citation
    channels: [portal, hq, village, loudspeaker]   # where it must be disclosed
    forbidden_fields: [...]        # personal data never published (enforced in privacy.py)
    when_none: missing | not_applicable   # default missing
    none_reason_vi: "…"            # with when_none: not_applicable
    generated_vi: "…"              # the generator itself satisfies it (status met)
    not_applicable_vi: "…"         # never judged from content (status not_applicable)
    conflicts: [{requirement: g07-social-support, kind: poverty, note_vi: "…"}]
                                   # while this rule is in force, a `kind` record posted
                                   # for less than that rule's minimum only warns
                                   # (posting-conflict), with note_vi
    confidence: H | M | L          # L never blocks
    blocking: true                 # false: the law is not clear enough to block a build
    sources: [S6]
    note: "…"                      # for maintainers; not shown

Severity (assess.py): missing, overdue and incomplete are errors for rules of confidence
H or M with `blocking: true`; a rule, deadline or posting period of confidence L only ever
warns (and says so once, rule-low-confidence); late publication and recommended fields
only warn; not_yet_due and not_applicable are never problems.

`load_rules()` checks every pack and raises RuleError listing every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .kinds import BY_NAME
from .workdays import UNITS

RULES_DIR = Path(__file__).parent / "rules"

CONFIDENCES = ("H", "M", "L")
PERIODIC = ("continuous", "once", "annual", "quarterly")
EVENTS = ("decision", "period_end", "before_start", "received", "none")
PERIOD_ENDS = {"q1": (3, 31), "h1": (6, 30), "m9": (9, 30), "year": (12, 31)}
UNIT_CODES = ("xa", "phuong", "dac_khu")
DEADLINE_CONFIG = ("answer_days",)  # site_config.yml values a deadline may take its days from
MATCH_KINDS = (*BY_NAME, "config")
CHANNELS = ("portal", "hq", "village", "loudspeaker", "village_heads", "meeting", "notice")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

PACK_KEYS = {
    "pack",
    "instrument",
    "regime",
    "order",
    "effective_from",
    "effective_to",
    "confidence",
    "sources",
    "defaults",
    "rules",
}
RULE_KEYS = {
    "id",
    "title_vi",
    "title_en",
    "legal_basis",
    "effective_from",
    "effective_to",
    "applies_to",
    "periodic",
    "periods",
    "satisfied_by",
    "required_fields",
    "recommended_fields",
    "forms",
    "trigger",
    "deadline",
    "min_display",
    "broadcast_days",
    "broadcast_basis",
    "channels",
    "forbidden_fields",
    "when_none",
    "none_reason_vi",
    "generated_vi",
    "not_applicable_vi",
    "conflicts",
    "confidence",
    "blocking",
    "sources",
    "note",
}
MATCH_KEYS = {
    "kind",
    "requirement",
    "package",
    "budget_years",
    "review",
    "plan_type",
    "decided",
    "issuer",
    "doc_type",
    "text",
    "items",
    "where",
    "required_fields",
    "correction",
    "formats",
}


class RuleError(Exception):
    """A rule pack is not well formed; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class YearRange:
    first: int | None = None
    last: int | None = None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )


@dataclass(frozen=True)
class DateRange:
    first: date | None = None
    last: date | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


@dataclass(frozen=True)
class Format:
    """A field that must match `regex`; {commune} and {province} are filled in."""

    field: str
    regex: str
    example: str


@dataclass(frozen=True)
class Match:
    """One way to satisfy a rule: which records count."""

    kind: str
    requirement: str = ""
    package: str = ""
    budget_years: YearRange | None = None
    review: str = ""
    plan_type: str = ""
    decided: DateRange | None = None
    issuer: str = ""
    doc_type: str = ""
    text: str = ""
    items: str = ""
    where: tuple[tuple[str, Any], ...] = ()
    required_fields: tuple[str, ...] = ()
    correction: bool = False  # only records that correct an earlier disclosure
    formats: tuple[Format, ...] = ()  # fields that must match a pattern


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int
    year: int = 0  # offset from the judged year

    def on(self, year: int) -> date:
        return date(year + self.year, self.month, self.day)


@dataclass(frozen=True)
class Trigger:
    event: str = "none"
    text_vi: str = ""
    latest: MonthDay | None = None
    evidence: Match | None = None
    window: tuple[MonthDay, MonthDay] | None = None


@dataclass(frozen=True)
class Deadline:
    days: int
    unit: str = "calendar"
    confidence: str | None = None
    basis: str = ""  # the citation of this time limit, if not the rule's first
    config: str = ""  # a SiteConfig field that sets the days instead (answer_days)


@dataclass(frozen=True)
class Display:
    """How long a disclosure must stay posted (niêm yết)."""

    days: int | None = None
    unit: str = "calendar"
    permanent: bool = False
    plan_period: bool = False
    confidence: str | None = None
    basis: str = ""  # the citation of this posting period, if not the rule's last


@dataclass(frozen=True)
class Form:
    number: str
    title_vi: str


@dataclass(frozen=True)
class Conflict:
    requirement: str
    kind: str
    note_vi: str


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    title_vi: str
    title_en: str
    legal_basis: tuple[str, ...]
    effective_from: date
    effective_to: date | None
    confidence: str
    periodic: str = "continuous"
    periods: tuple[str, ...] = ()
    units: tuple[str, ...] = UNIT_CODES
    needs_portal: bool = False
    satisfied_by: tuple[Match, ...] = ()
    required_fields: tuple[str, ...] = ()
    recommended_fields: tuple[str, ...] = ()
    forms: tuple[Form, ...] = ()
    trigger: Trigger = field(default_factory=Trigger)
    deadline: Deadline | None = None
    min_display: Display | None = None
    broadcast_days: int = 0
    broadcast_basis: str = ""
    channels: tuple[str, ...] = ()
    forbidden_fields: tuple[str, ...] = ()
    when_none: str = "missing"
    none_reason_vi: str = ""
    generated_vi: str = ""
    not_applicable_vi: str = ""
    conflicts: tuple[Conflict, ...] = ()
    blocking: bool = True
    sources: tuple[str, ...] = ()

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def blocks(self) -> bool:
        """Whether missing or incomplete content under this rule is a blocking error."""
        return self.blocking and self.confidence != "L"


@dataclass(frozen=True)
class Pack:
    id: str
    instrument: str
    regime: str
    effective_from: date
    effective_to: date | None
    rules: tuple[Rule, ...]
    order: int = 100


@dataclass(frozen=True)
class RuleBook:
    packs: tuple[Pack, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for p in self.packs for r in p.rules)

    def in_force(self, on: date) -> tuple[Rule, ...]:
        """Every rule in force on `on`, in pack order."""
        return tuple(r for r in self.rules if r.in_force(on))

    def regimes(self, on: date) -> tuple[str, ...]:
        """The Vietnamese names of the instruments with rules in force on `on`."""
        return tuple(p.regime for p in self.packs if any(r.in_force(on) for r in p.rules))

    def pack(self, pack_id: str) -> Pack:
        return next(p for p in self.packs if p.id == pack_id)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules)

    @property
    def looked_into(self) -> frozenset[str]:
        """Record fields whose entries some rule reads: `items`, or a path like 'a[].b'."""
        names: set[str] = set()
        for rule in self.rules:
            paths = [*rule.required_fields, *rule.recommended_fields]
            for m in rule.satisfied_by:
                names.add(m.items)
                paths.extend(m.required_fields)
            names.update(p.split(".")[0].removesuffix("[]") for p in paths if "." in p or "[]" in p)
        return frozenset(names - {""})


# --- parsing --------------------------------------------------------------------------


class _Parser:
    """Reads one pack, collecting every problem instead of stopping at the first."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[str] = []

    def err(self, where: str, text: str) -> None:
        self.errors.append(f"{self.name}: {where}: {text}")

    def keys(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.err(where, f"unknown key {key!r}")

    def text(self, data: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.err(where, f"missing {key!r}")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.err(where, f"{key!r} must be a non-empty string")
            return ""
        return value.strip()

    def texts(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.err(where, f"{key!r} must be a list of non-empty strings")
            return ()
        return tuple(v.strip() for v in value)

    def day(self, value: Any, where: str, key: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, date):
            return value
        self.err(where, f"{key!r} must be a date written YYYY-MM-DD")
        return None

    def choice(self, value: Any, choices: Iterable[str], where: str, key: str) -> str:
        options = tuple(choices)
        if value not in options:
            self.err(where, f"{key!r} is {value!r}; use one of {', '.join(options)}")
            return options[0]
        return str(value)

    def year_range(self, value: Any, where: str) -> YearRange | None:
        if value is None:
            return None
        if isinstance(value, int):
            return YearRange(value, value)
        m = re.fullmatch(r"(\d{4})?\.\.(\d{4})?", str(value))
        if not m or not (m.group(1) or m.group(2)):
            self.err(where, f"budget_years {value!r}: write '..2025', '2026..' or '2020..2025'")
            return None
        lo, hi = m.group(1), m.group(2)
        return YearRange(int(lo) if lo else None, int(hi) if hi else None)

    def date_range(self, value: Any, where: str) -> DateRange | None:
        if value is None:
            return None
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?", str(value))
        if not m or not (m.group(1) or m.group(2)):
            self.err(where, f"decided {value!r}: write '..2024-07-31' or '2024-08-01..'")
            return None
        lo, hi = m.group(1), m.group(2)
        return DateRange(
            date.fromisoformat(lo) if lo else None, date.fromisoformat(hi) if hi else None
        )

    def month_day(self, value: Any, where: str) -> MonthDay | None:
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{2}-\d{2}", value):
            month, day = (int(p) for p in value.split("-"))
            value = {"month": month, "day": day}
        if not isinstance(value, dict) or set(value) - {"month", "day", "year"}:
            self.err(where, "write a date as {month: 12, day: 31, year: -1} or '12-31'")
            return None
        try:
            md = MonthDay(int(value["month"]), int(value["day"]), int(value.get("year", 0)))
            md.on(2024)  # a leap year: rejects 31/2 but accepts 29/2
        except (KeyError, TypeError, ValueError):
            self.err(where, f"not a valid month and day: {value!r}")
            return None
        return md

    def match(self, raw: Any, where: str, rule_id: str) -> Match | None:
        if not isinstance(raw, dict):
            self.err(where, "each satisfied_by entry must be a mapping with 'kind'")
            return None
        self.keys(raw, MATCH_KEYS, where)
        kind = self.choice(raw.get("kind"), MATCH_KINDS, where, "kind")
        where_raw = raw.get("where", {}) or {}
        if not isinstance(where_raw, dict):
            self.err(where, "'where' must be a mapping")
            where_raw = {}
        if where_raw and not raw.get("items"):
            self.err(where, "'where' needs 'items'")
        text = str(raw.get("text", ""))
        if text:
            try:
                re.compile(text)
            except re.error as exc:
                self.err(where, f"text is not a regular expression: {exc}")
        correction = raw.get("correction", False) is True
        formats = []
        for name, spec in (raw.get("formats", {}) or {}).items():
            if isinstance(spec, dict) and {"regex", "example"} == set(spec):
                formats.append(Format(str(name), str(spec["regex"]), str(spec["example"])))
            else:
                self.err(where, f"formats.{name}: write {{regex: ..., example: ...}}")
        requirement = str(raw.get("requirement", ""))
        if kind == "notices" and not requirement and not correction:
            requirement = rule_id
        if requirement and not _ID.match(requirement):
            self.err(where, f"requirement {requirement!r} is not a kebab-case id")
        return Match(
            kind=kind,
            requirement=requirement,
            package=str(raw.get("package", "")),
            budget_years=self.year_range(raw.get("budget_years"), where),
            review=str(raw.get("review", "")),
            plan_type=str(raw.get("plan_type", "")),
            decided=self.date_range(raw.get("decided"), where),
            issuer=self.choice(raw.get("issuer", ""), ("", "commune"), where, "issuer"),
            doc_type=str(raw.get("doc_type", "")),
            text=text,
            items=str(raw.get("items", "")),
            where=tuple(sorted(where_raw.items())),
            required_fields=self.texts(raw, "required_fields", where),
            correction=correction,
            formats=tuple(formats),
        )

    def display(self, raw: Any, where: str) -> Display | None:
        if raw is None:
            return None
        if raw in ("permanent", "plan_period"):
            raw = {raw: True}
        if not isinstance(raw, dict):
            self.err(where, "min_display: write {days: 30}, 'permanent' or 'plan_period'")
            return None
        self.keys(raw, {"days", "unit", "confidence", "basis", "permanent", "plan_period"}, where)
        permanent, plan_period = raw.get("permanent") is True, raw.get("plan_period") is True
        days = raw.get("days")
        if not (permanent or plan_period) and (not isinstance(days, int) or days < 1):
            self.err(where, "min_display: write {days: 30}, 'permanent' or 'plan_period'")
            return None
        return Display(
            days=days if isinstance(days, int) else None,
            unit=self.choice(raw.get("unit", "calendar"), UNITS, where, "unit"),
            permanent=permanent,
            plan_period=plan_period,
            confidence=self.confidence(raw["confidence"], where) if "confidence" in raw else None,
            basis=str(raw.get("basis", "")),
        )

    def deadline(self, raw: Any, where: str) -> Deadline | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("days"), int) or raw["days"] < 0:
            self.err(where, "deadline: write {days: 30, unit: calendar}")
            return None
        self.keys(raw, {"days", "unit", "confidence", "basis", "config"}, where + ".deadline")
        return Deadline(
            days=raw["days"],
            unit=self.choice(raw.get("unit", "calendar"), UNITS, where, "unit"),
            confidence=self.confidence(raw["confidence"], where) if "confidence" in raw else None,
            basis=str(raw.get("basis", "")),
            config=self.choice(raw.get("config", ""), ("", *DEADLINE_CONFIG), where, "config"),
        )

    def confidence(self, value: Any, where: str) -> str:
        return self.choice(value, CONFIDENCES, where, "confidence")

    def trigger(self, raw: Any, where: str, rule_id: str) -> Trigger:
        if raw is None:
            return Trigger()
        if not isinstance(raw, dict):
            self.err(where, "trigger must be a mapping")
            return Trigger()
        self.keys(raw, {"event", "text_vi", "latest", "evidence", "window"}, where + ".trigger")
        window = None
        if raw.get("window") is not None:
            w = raw["window"]
            first = self.month_day(w.get("from") if isinstance(w, dict) else None, where)
            last = self.month_day(w.get("to") if isinstance(w, dict) else None, where)
            window = (first, last) if first and last else None
        evidence = raw.get("evidence")
        return Trigger(
            event=self.choice(raw.get("event", "none"), EVENTS, where, "event"),
            text_vi=str(raw.get("text_vi", "")),
            latest=self.month_day(raw.get("latest"), where),
            evidence=self.match(evidence, where + ".evidence", rule_id) if evidence else None,
            window=window,
        )

    def rule(
        self, raw: Any, index: int, pack: dict[str, Any], defaults: dict[str, Any]
    ) -> Rule | None:
        where = f"rules[{index + 1}]"
        if not isinstance(raw, dict):
            self.err(where, "a rule must be a mapping")
            return None
        raw = {**defaults, **raw}
        rule_id = str(raw.get("id", ""))
        where = f"rules[{index + 1}] {rule_id}".strip()
        self.keys(raw, RULE_KEYS, where)
        if not _ID.match(rule_id):
            self.err(where, "'id' must be a kebab-case id from the legal catalog")
        periodic = self.choice(raw.get("periodic", "continuous"), PERIODIC, where, "periodic")
        periods = self.texts(raw, "periods", where)
        if periodic == "quarterly":
            for p in periods or ("(none)",):
                self.choice(p, PERIOD_ENDS, where, "periods")
        elif periods:
            self.err(where, "'periods' is only for periodic: quarterly")
        applies = raw.get("applies_to", {}) or {}
        units = tuple(applies.get("units", UNIT_CODES)) if isinstance(applies, dict) else UNIT_CODES
        for unit in units:
            self.choice(unit, UNIT_CODES, where, "applies_to.units")
        satisfied = tuple(
            m
            for i, m_raw in enumerate(raw.get("satisfied_by", []) or [])
            if (m := self.match(m_raw, f"{where}.satisfied_by[{i + 1}]", rule_id))
        )
        forms = []
        for f in raw.get("forms", []) or []:
            if isinstance(f, dict) and f.get("number") and f.get("title_vi"):
                forms.append(Form(str(f["number"]), str(f["title_vi"])))
            else:
                self.err(where, "each form needs 'number' and 'title_vi'")
        conflicts = []
        for c in raw.get("conflicts", []) or []:
            if isinstance(c, dict) and {"requirement", "kind", "note_vi"} <= set(c):
                conflicts.append(Conflict(str(c["requirement"]), str(c["kind"]), str(c["note_vi"])))
            else:
                self.err(where, "each conflict needs 'requirement', 'kind' and 'note_vi'")
        channels = self.texts(raw, "channels", where)
        for ch in channels:
            self.choice(ch, CHANNELS, where, "channels")
        generated = self.text(raw, "generated_vi", where, required=False)
        fixed_na = self.text(raw, "not_applicable_vi", where, required=False)
        when_none = self.choice(
            raw.get("when_none", "missing"), ("missing", "not_applicable"), where, "when_none"
        )
        none_reason = self.text(raw, "none_reason_vi", where, required=False)
        if when_none == "not_applicable" and not none_reason:
            self.err(where, "when_none: not_applicable needs 'none_reason_vi'")
        if not satisfied and not generated and not fixed_na:
            self.err(where, "needs 'satisfied_by', 'generated_vi' or 'not_applicable_vi'")
        if periodic in ("annual", "quarterly") and satisfied:
            trig = raw.get("trigger") or {}
            if not isinstance(trig, dict) or not (
                trig.get("latest") or trig.get("event") == "period_end"
            ):
                self.err(where, "an annual rule needs trigger.latest (or event: period_end)")
        legal_basis = self.texts(raw, "legal_basis", where)
        if not legal_basis:
            self.err(where, "'legal_basis' must list at least one citation")
        start = self.day(
            raw.get("effective_from", pack.get("effective_from")), where, "effective_from"
        )
        end = self.day(raw.get("effective_to", pack.get("effective_to")), where, "effective_to")
        if start and end and end < start:
            self.err(where, "effective_to is before effective_from")
        blocking = raw.get("blocking", True)
        if not isinstance(blocking, bool):
            self.err(where, "'blocking' must be true or false")
            blocking = True
        return Rule(
            id=rule_id,
            pack=str(pack.get("pack", "")),
            title_vi=self.text(raw, "title_vi", where),
            title_en=self.text(raw, "title_en", where),
            legal_basis=legal_basis,
            effective_from=start or date.min,
            effective_to=end,
            confidence=self.confidence(raw.get("confidence", pack.get("confidence")), where),
            periodic=periodic,
            periods=periods,
            units=units,
            needs_portal=bool(applies.get("has_portal", False))
            if isinstance(applies, dict)
            else False,
            satisfied_by=satisfied,
            required_fields=self.texts(raw, "required_fields", where),
            recommended_fields=self.texts(raw, "recommended_fields", where),
            forms=tuple(forms),
            trigger=self.trigger(raw.get("trigger"), where, rule_id),
            deadline=self.deadline(raw.get("deadline"), where),
            min_display=self.display(raw.get("min_display"), where),
            broadcast_days=int(raw.get("broadcast_days", 0) or 0),
            broadcast_basis=str(raw.get("broadcast_basis", "")),
            channels=channels,
            forbidden_fields=self.texts(raw, "forbidden_fields", where),
            when_none=when_none,
            none_reason_vi=none_reason,
            generated_vi=generated,
            not_applicable_vi=fixed_na,
            conflicts=tuple(conflicts),
            blocking=blocking,
            sources=self.texts(raw, "sources", where) or tuple(pack.get("sources") or ()),
        )

    def pack(self, data: Any, stem: str) -> Pack | None:
        if not isinstance(data, dict):
            self.err("top", "a rule pack must be a mapping")
            return None
        self.keys(data, PACK_KEYS, "top")
        if data.get("pack") != stem:
            self.err("top", f"'pack' must be the file name {stem!r}")
        for key in ("instrument", "regime"):
            self.text(data, key, "top")
        start = self.day(data.get("effective_from"), "top", "effective_from")
        if start is None:
            self.err("top", "missing 'effective_from'")
        self.confidence(data.get("confidence"), "top")
        defaults = data.get("defaults", {}) or {}
        if not isinstance(defaults, dict):
            self.err("top", "'defaults' must be a mapping")
            defaults = {}
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            self.err("top", "'rules' must be a non-empty list")
            raw_rules = []
        order = data.get("order", 100)
        if not isinstance(order, int):
            self.err("top", "'order' must be a whole number")
            order = 100
        rules = [r for i, raw in enumerate(raw_rules) if (r := self.rule(raw, i, data, defaults))]
        seen: dict[str, Rule] = {}
        for r in rules:
            other = seen.get(r.id)
            if other and _overlap(other, r):
                self.err(r.id, "the same id twice in one pack with overlapping dates")
            seen[r.id] = r
        return Pack(
            id=stem,
            instrument=str(data.get("instrument", "")),
            regime=str(data.get("regime", "")),
            effective_from=start or date.min,
            effective_to=self.day(data.get("effective_to"), "top", "effective_to"),
            rules=tuple(rules),
            order=order,
        )


def _overlap(a: Rule, b: Rule) -> bool:
    a_end = a.effective_to or date.max
    b_end = b.effective_to or date.max
    return a.effective_from <= b_end and b.effective_from <= a_end


def parse_pack(text: str, stem: str) -> tuple[Pack | None, list[str]]:
    """Parse one pack's YAML text; return the pack and every problem found."""
    parser = _Parser(f"{stem}.yml")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        return None, [f"{stem}.yml: YAML: {exc}"]
    pack = parser.pack(data, stem)
    return pack, parser.errors


def _cross_check(book: RuleBook) -> list[str]:
    """Problems that need every pack: references between rules."""
    errors = []
    ids = book.ids
    for rule in book.rules:
        for c in rule.conflicts:
            if c.requirement not in ids:
                errors.append(
                    f"{rule.pack}.yml: {rule.id}: conflict with unknown id {c.requirement!r}"
                )
        for m in rule.satisfied_by:
            if m.requirement and m.requirement not in ids:
                errors.append(
                    f"{rule.pack}.yml: {rule.id}: satisfied_by unknown id {m.requirement!r}"
                )
    return errors


def load_rules(folder: Path | None = None) -> RuleBook:
    """Load and check every pack in `folder` (default: the packs shipped with congkhai)."""
    if folder is None:
        return _default_book()
    return _load(folder)


def _load(folder: Path) -> RuleBook:
    errors: list[str] = []
    packs: list[Pack] = []
    for path in sorted(folder.glob("*.yml")):
        pack, found = parse_pack(path.read_text("utf-8"), path.stem)
        errors.extend(found)
        if pack:
            packs.append(pack)
    if not packs:
        errors.append(f"{folder}: no rule packs found")
    book = RuleBook(tuple(sorted(packs, key=lambda p: (p.order, p.effective_from, p.id))))
    errors.extend(_cross_check(book))
    if errors:
        raise RuleError(errors)
    return book


@lru_cache(maxsize=1)
def _default_book() -> RuleBook:
    return _load(RULES_DIR)


def rules_in_force(as_of: date, book: RuleBook | None = None) -> tuple[Rule, ...]:
    """Every rule in force on `as_of`."""
    return (book or load_rules()).in_force(as_of)


def regimes_in_force(as_of: date, book: RuleBook | None = None) -> tuple[str, ...]:
    """The names (Vietnamese) of the instruments whose rules are in force on `as_of`."""
    return (book or load_rules()).regimes(as_of)
