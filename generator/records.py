"""Typed records that cross stage borders. Raw YAML stays in the loader and validator."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from .problems import SourceLocation


@dataclass(frozen=True)
class StoredFile:
    """A file referenced from content, as found on disk by the loader."""

    rel: str  # path relative to content/, with forward slashes
    size: int
    sha256: str
    width: int | None = None  # images only
    height: int | None = None

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""


@dataclass(frozen=True)
class Attachment:
    file: StoredFile
    title: str


@dataclass(frozen=True)
class Image:
    file: StoredFile
    alt: str
    caption: str = ""


@dataclass(frozen=True)
class Decision:
    number: str
    date: date
    issuer: str
    type: str = ""
    title: str = ""

    @property
    def label(self) -> str:
        head = f"{self.type} số {self.number}" if self.type else f"Số {self.number}"
        return f"{head} ngày {self.date.strftime('%d/%m/%Y')} của {self.issuer}"


@dataclass(frozen=True)
class Posting:
    start: date
    end: date | None  # None: posted permanently
    places: tuple[str, ...] = ()

    @property
    def permanent(self) -> bool:
        return self.end is None

    @property
    def days(self) -> int | None:
        """Consecutive calendar days of posting, both ends included; None if permanent."""
        return (self.end - self.start).days + 1 if self.end else None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Column:
    title: str
    type: str = "text"  # text | amount | percent
    of: tuple[int, int] | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[str | Decimal | None, ...]
    level: int  # 0 grand total, 1 A/B, 2 I/II, 3 1/2, 4 1.1, 5 dash items, 9 unnumbered
    sum: bool = True
    line: int | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Hundreds of thousands cross to the parent process and into the cache: as a tuple
        # with amounts as text they pickle far faster than as a dict of fields holding
        # Decimals (measured: the Decimals were most of the cost).
        cells = list(self.cells)
        amounts = 0  # bit i: cells[i] is a Decimal
        for i, cell in enumerate(cells):
            if type(cell) is Decimal:
                cells[i] = str(cell)
                amounts |= 1 << i
        return (_row, (tuple(cells), amounts, self.level, self.sum, self.line))


def _row(
    cells: tuple[str | None, ...], amounts: int, level: int, summed: bool, line: int | None
) -> Row:
    """A Row back from its pickled form (Row.__reduce__)."""
    if amounts:
        return Row(
            tuple(Decimal(c) if amounts >> i & 1 else c for i, c in enumerate(cells)),  # type: ignore[arg-type]
            level,
            summed,
            line,
        )
    return Row(cells, level, summed, line)


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    form: str = ""
    unit: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Record:
    """Anything loaded from one content file."""

    kind: str
    slug: str  # URL path under the kind's folder, e.g. "2025/du-toan-duoc-giao"
    source: SourceLocation

    @property
    def url(self) -> str:
        from .kinds import BY_NAME

        return f"{BY_NAME[self.kind].folder}/{self.slug}/"

    @property
    def display_title(self) -> str:
        return str(getattr(self, "title", "") or getattr(self, "name", "") or self.slug)


@dataclass(frozen=True, kw_only=True)
class Disclosure(Record):
    """A disclosure with the common envelope: decision, publication, posting window."""

    title: str
    summary: str = ""
    decision: Decision | None = None
    published_on: date | None = None
    posting: Posting | None = None
    channels: tuple[str, ...] = ("portal", "hq")
    attachments: tuple[Attachment, ...] = ()
    legal_basis: tuple[str, ...] = ()
    not_applicable: str = ""
    correction_of: str = ""


@dataclass(frozen=True, kw_only=True)
class BudgetDisclosure(Disclosure):
    budget_year: int
    package: str  # draft_estimate | approved_estimate | execution | final_accounts
    period: str = ""  # q1 | h1 | m9 | year for execution
    announcement: Decision | None = None
    narrative: str = ""
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Household:
    head: str
    village: str
    category: str
    members: int | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Household, (self.head, self.village, self.category, self.members))  # as Row


@dataclass(frozen=True, kw_only=True)
class PovertyReview(Disclosure):
    year: int
    review: str  # annual | regular
    households: tuple[Household, ...] = ()
    summary_only_after_posting: bool = True


@dataclass(frozen=True, kw_only=True)
class LandUsePlan(Disclosure):
    plan_type: str  # plan | annual_plan
    period_from: int
    period_to: int
    maps: tuple[Image, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class DossierItem:
    name: str
    copies: str = ""


@dataclass(frozen=True, kw_only=True)
class Procedure(Record):
    code: str
    code_note: str
    name: str
    field: str
    steps: tuple[str, ...]
    method: tuple[str, ...]
    dossier: tuple[DossierItem, ...]
    time_limit: str
    applicants: str
    agency: str
    result: str
    legal_basis: tuple[str, ...]
    fees: str = ""
    requirements: str = ""
    forms: tuple[str, ...] = ()
    online: str = "none"
    dvc_url: str = ""
    publication: Decision | None = None
    data_source: str = ""


@dataclass(frozen=True, kw_only=True)
class Document(Record):
    doc_type: str
    number: str
    issuer: str
    issued_on: date
    abstract: str
    effective_on: date | None = None
    field: str = ""
    file: StoredFile | None = None
    published_on: date | None = None
    status: str = "in_force"

    @property
    def title(self) -> str:
        return f"{self.doc_type} số {self.number}: {self.abstract}"


@dataclass(frozen=True)
class PlanTask:
    task: str
    no: str = ""
    area: str = ""
    sub_area: str = ""
    target: str = ""
    output: str = ""
    lead: str = ""
    partners: str = ""
    deadline: str = ""
    status: str = "planned"
    evidence: tuple[str, ...] = ()  # other content: "folder" or "folder/slug"
    evidence_lines: tuple[int | None, ...] = ()  # where each is written in the plan file


@dataclass(frozen=True, kw_only=True)
class Plan(Disclosure):
    number: str
    issuer: str
    issued_on: date
    body: str = ""
    tasks: tuple[PlanTask, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Notice(Disclosure):
    requirement: str
    body: str = ""
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Unit:
    name: str
    name_en: str
    head: str = ""
    description: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Locality:
    history: str
    area_km2: float | None = None
    population: int | None = None
    villages: tuple[str, ...] = ()
    natural_conditions: str = ""
    culture: str = ""
    boundary_map: Image | None = None


@dataclass(frozen=True, kw_only=True)
class Organisation(Record):
    functions: str
    duties: str
    structure: tuple[Unit, ...]
    org_chart: Image
    functions_en: str
    duties_en: str = ""
    locality: Locality | None = None


@dataclass(frozen=True)
class Official:
    name: str
    position: str
    position_en: str
    unit: str
    unit_en: str
    phone: str
    email: str
    fax: str = ""
    portfolio: str = ""
    leader: bool = False
    contact_point: tuple[str, ...] = ()
    bio: str = ""
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Officials(Record):
    officials: tuple[Official, ...]


@dataclass(frozen=True)
class ReceptionSlot:
    who: str
    when: str
    time: str = ""


@dataclass(frozen=True, kw_only=True)
class Reception(Record):
    place: str
    rules: str
    schedule: tuple[ReceptionSlot, ...]
    decision: Decision | None = None
    published_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Question(Record):
    """A citizen's question and the commune's answer, published without the asker's identity."""

    question: str
    received_on: date
    channel: str
    topic: str
    title: str = ""
    asker_initials: str = ""  # only with the asker's consent (validate refuses it otherwise)
    answer: str = ""
    answered_on: date | None = None
    answered_by: str = ""
    related: tuple[str, ...] = ()  # other content: "folder" or "folder/slug"
    related_lines: tuple[int | None, ...] = ()
    attachments: tuple[Attachment, ...] = ()

    @property
    def display_title(self) -> str:
        return self.title or short_text(self.question)

    def answered_as_of(self, day: date) -> date | None:
        """The answer date, if the question was answered on or before `day`."""
        if self.answer and self.answered_on is not None and self.answered_on <= day:
            return self.answered_on
        return None


def short_text(text: str, limit: int = 90) -> str:
    """The first sentence of `text`, cut at a word to at most `limit` characters."""
    line = " ".join(text.split())
    for end in (". ", "? ", "! "):
        head, found, _ = line.partition(end)
        if found and len(head) < limit:
            return head + end.strip()
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def stored_files(value: object) -> list[StoredFile]:
    """Every file a record refers to (attachments, images, a document's file), in order."""
    found: list[StoredFile] = []
    if isinstance(value, StoredFile):
        found.append(value)
    elif isinstance(value, (tuple, list)):
        if value and isinstance(value[0], _WITHOUT_FILES):
            return found  # texts, tables, named lists: no file among them (and long)
        for item in value:
            found.extend(stored_files(item))
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, _WITHOUT_FILES):
        for name in value.__dataclass_fields__:
            field_value = getattr(value, name)
            if not isinstance(field_value, _SCALARS):  # no file in a text, number or date
                found.extend(stored_files(field_value))
    return found


_WITHOUT_FILES = (str, Table, Row, Household)
_SCALARS = (str, int, date, Decimal, type(None))


@dataclass(frozen=True)
class Outlines:
    """What a check that renders nothing keeps of each record: an outline.

    Checking reads and validates every table row and household, but judging the commune's
    duties looks at the envelope (dates, postings, decisions, table forms) and at whether
    a list is empty, not at its entries, unless a rule reads into a list: those named in
    `whole` (`RuleBook.looked_into`) are kept whole. The others keep their first entry. An
    outline is built, pickled and kept in memory at a fraction of the cost of the record.
    Never rendered: builds and reports use whole records.
    """

    whole: frozenset[str] = frozenset()

    def entries(self, name: str, values: list[Any]) -> list[Any]:
        """The entries of the list `name` an outline holds."""
        return values if name in self.whole else values[:1]

    def of(self, record: Record) -> Record:
        """The outline of a whole record."""
        changes: dict[str, Any] = {}
        tables = getattr(record, "tables", None)
        if tables and "tables" not in self.whole:
            changes["tables"] = tuple(replace(table, rows=table.rows[:1]) for table in tables)
        households = getattr(record, "households", None)
        if households and len(households) > 1 and "households" not in self.whole:
            changes["households"] = households[:1]
        return replace(record, **changes) if changes else record


@dataclass(frozen=True)
class Content:
    """Everything loaded and validated, grouped by kind, in a stable order."""

    records: tuple[Record, ...] = field(default_factory=tuple)

    def of(self, kind: str) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.kind == kind)

    def one(self, kind: str) -> Record | None:
        found = self.of(kind)
        return found[0] if found else None
