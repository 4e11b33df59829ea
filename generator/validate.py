"""Validate: schema, dates, tables and personal data; typed records out.

Pure: takes what the loader read and returns records and problems; no disk, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any

from . import privacy, schema
from .load import SourceDocument
from .problems import Problem, SourceLocation, problem
from .records import (
    Attachment,
    BudgetDisclosure,
    Content,
    Decision,
    Document,
    DossierItem,
    Household,
    Image,
    LandUsePlan,
    Locality,
    Notice,
    Official,
    Officials,
    Organisation,
    Outlines,
    Plan,
    PlanTask,
    Posting,
    PovertyReview,
    Procedure,
    Question,
    Reception,
    ReceptionSlot,
    Record,
    Table,
    Unit,
)
from .tables import MAX_TABLE_ROWS, build_table, check_table
from .values import parse_date


@dataclass(frozen=True)
class Validated:
    content: Content
    problems: tuple[Problem, ...]


class _Reader:
    """Typed access to one validated document; collects problems for bad values."""

    def __init__(self, doc: SourceDocument, outlines: Outlines | None = None):
        self.doc = doc
        self.outlines = outlines
        self.problems: list[Problem] = []

    def loc(self, *path: str | int) -> SourceLocation:
        return self.doc.at(tuple(path))

    def get(self, *path: str | int, default: Any = None) -> Any:
        node: Any = self.doc.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def text(self, *path: str | int) -> str:
        value = self.get(*path)
        return str(value).strip() if value is not None else ""

    def lines(self, *path: str | int) -> tuple[int | None, ...]:
        """The line of each entry of the list at `path`."""
        count = len(self.get(*path, default=[]) or [])
        return tuple(self.doc.lines.line((*path, i)) for i in range(count))

    def entries(self, name: str) -> list[Any]:
        """The entries of a top-level list worth building: all, or those of an outline."""
        values = self.get(name, default=[]) or []
        return self.outlines.entries(name, values) if self.outlines else values

    def texts(self, *path: str | int) -> tuple[str, ...]:
        return tuple(str(v).strip() for v in self.get(*path, default=[]) or [])

    def date(self, *path: str | int) -> date | None:
        value = self.get(*path)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(problem("date-format", self.loc(*path), value=f'"{value}"'))
        return parsed

    def decision(self, *path: str | int) -> Decision | None:
        raw = self.get(*path)
        if not isinstance(raw, dict):
            return None
        when = self.date(*path, "date")
        if when is None:
            return None
        return Decision(
            number=str(raw["number"]).strip(),
            date=when,
            issuer=str(raw["issuer"]).strip(),
            type=str(raw.get("type", "")).strip(),
            title=str(raw.get("title", "")).strip(),
        )

    def posting(self) -> Posting | None:
        raw = self.get("posting")
        if not isinstance(raw, dict):
            return None
        start = self.date("posting", "from")
        end = self.date("posting", "to") if "to" in raw else None
        if start is None or ("to" in raw and end is None):
            return None
        if end is not None and end < start:
            self.problems.append(
                problem(
                    "date-order",
                    self.loc("posting", "to"),
                    later_name="kết thúc niêm yết",
                    later=end.strftime("%d/%m/%Y"),
                    earlier_name="bắt đầu niêm yết",
                    earlier=start.strftime("%d/%m/%Y"),
                )
            )
        return Posting(start, end, self.texts("posting", "places"))

    def image(self, *path: str | int) -> Image | None:
        raw = self.get(*path)
        if not isinstance(raw, dict):
            return None
        stored = self.doc.files.get(str(raw.get("file", "")))
        if stored is None:
            return None  # the loader already said why
        return Image(stored, str(raw["alt"]).strip(), str(raw.get("caption", "")).strip())

    def attachments(self) -> tuple[Attachment, ...]:
        out = []
        for raw in self.get("attachments", default=[]) or []:
            stored = self.doc.files.get(str(raw.get("file", "")))
            if stored is not None:
                out.append(Attachment(stored, str(raw["title"]).strip()))
        return tuple(out)

    def row_line(self, table: int, row: int) -> int | None:
        return self.doc.lines.line(("tables", table, "rows", row))

    def tables(self) -> tuple[Table, ...]:
        out = []
        for i, raw in enumerate(self.get("tables", default=[]) or []):
            # Lines are looked up only for a problem: most files have none.
            where = SourceLocation(self.doc.rel, None, f"tables[{i + 1}]")
            table, found = build_table(raw, where, self.doc.lines, ("tables", i))
            self.problems.extend(found)
            self.problems.extend(check_table(table, where, partial(self.row_line, i)))
            out.append(table)
        return tuple(out)

    def envelope(self) -> dict[str, Any]:
        return {
            "kind": self.doc.kind.name,
            "slug": self.doc.slug,
            "source": SourceLocation(self.doc.rel),
            "title": self.text("title"),
            "summary": self.text("summary"),
            "decision": self.decision("decision"),
            "published_on": self.date("published_on"),
            "posting": self.posting(),
            "channels": self.texts("channels") or ("portal", "hq"),
            "attachments": self.attachments(),
            "legal_basis": self.texts("legal_basis"),
            "not_applicable": self.text("not_applicable"),
            "correction_of": self.text("correction_of"),
        }

    def base(self) -> dict[str, Any]:
        return {
            "kind": self.doc.kind.name,
            "slug": self.doc.slug,
            "source": SourceLocation(self.doc.rel),
        }


def _budget(r: _Reader) -> Record:
    return BudgetDisclosure(
        **r.envelope(),
        budget_year=int(r.get("budget_year")),
        package=r.text("package"),
        period=r.text("period"),
        announcement=r.decision("announcement"),
        narrative=r.text("narrative"),
        tables=r.tables(),
    )


def _poverty(r: _Reader) -> Record:
    households = tuple(
        Household(
            head=str(h["head"]).strip(),
            village=str(h["village"]).strip(),
            category=str(h["category"]),
            members=h.get("members"),
        )
        for h in r.entries("households")
    )
    return PovertyReview(
        **r.envelope(),
        year=int(r.get("year")),
        review=r.text("review"),
        households=households,
        summary_only_after_posting=bool(r.get("summary_only_after_posting", default=True)),
    )


def _land_use(r: _Reader) -> Record:
    maps = tuple(
        img for i in range(len(r.get("maps", default=[]) or [])) if (img := r.image("maps", i))
    )
    return LandUsePlan(
        **r.envelope(),
        plan_type=r.text("plan_type"),
        period_from=int(r.get("period", "from")),
        period_to=int(r.get("period", "to")),
        maps=maps,
        tables=r.tables(),
    )


def _procedure(r: _Reader) -> Record:
    return Procedure(
        **r.base(),
        code=r.text("code"),
        code_note=r.text("code_note"),
        name=r.text("name"),
        field=r.text("field"),
        steps=r.texts("steps"),
        method=r.texts("method"),
        dossier=tuple(
            DossierItem(str(d["name"]).strip(), str(d.get("copies", "")).strip())
            for d in r.get("dossier", default=[])
        ),
        time_limit=r.text("time_limit"),
        applicants=r.text("applicants"),
        agency=r.text("agency"),
        result=r.text("result"),
        legal_basis=r.texts("legal_basis"),
        fees=r.text("fees"),
        requirements=r.text("requirements"),
        forms=r.texts("forms"),
        online=r.text("online") or "none",
        dvc_url=r.text("dvc_url"),
        publication=r.decision("publication"),
        data_source=r.text("source"),
    )


def _document(r: _Reader) -> Record:
    issued = r.date("issued_on")
    return Document(
        **r.base(),
        doc_type=r.text("doc_type"),
        number=r.text("number"),
        issuer=r.text("issuer"),
        issued_on=issued or date.min,
        abstract=r.text("abstract"),
        effective_on=r.date("effective_on"),
        field=r.text("field"),
        file=r.doc.files.get(r.text("file")) if r.text("file") else None,
        published_on=r.date("published_on"),
        status=r.text("status") or "in_force",
    )


def _plan(r: _Reader) -> Record:
    tasks = tuple(
        PlanTask(
            task=str(t["task"]).strip(),
            no=str(t.get("no", "")),
            area=str(t.get("area", "")),
            sub_area=str(t.get("sub_area", "")),
            target=str(t.get("target", "")),
            output=str(t.get("output", "")),
            lead=str(t.get("lead", "")),
            partners=str(t.get("partners", "")),
            deadline=str(t.get("deadline", "")),
            status=str(t.get("status", "planned")),
            evidence=tuple(t.get("evidence", []) or []),
            evidence_lines=r.lines("tasks", i, "evidence"),
        )
        for i, t in enumerate(r.get("tasks", default=[]) or [])
    )
    return Plan(
        **r.envelope(),
        number=r.text("number"),
        issuer=r.text("issuer"),
        issued_on=r.date("issued_on") or date.min,
        body=r.text("body"),
        tasks=tasks,
    )


def _notice(r: _Reader) -> Record:
    return Notice(
        **r.envelope(), requirement=r.text("requirement"), body=r.text("body"), tables=r.tables()
    )


def _organisation(r: _Reader) -> Record:
    chart = r.image("org_chart")
    loc_raw = r.get("locality")
    locality = None
    if isinstance(loc_raw, dict):
        locality = Locality(
            history=r.text("locality", "history"),
            area_km2=loc_raw.get("area_km2"),
            population=loc_raw.get("population"),
            villages=r.texts("locality", "villages"),
            natural_conditions=r.text("locality", "natural_conditions"),
            culture=r.text("locality", "culture"),
            boundary_map=r.image("locality", "boundary_map"),
        )
    if chart is None:
        raise _Skip
    return Organisation(
        **r.base(),
        functions=r.text("functions"),
        duties=r.text("duties"),
        structure=tuple(
            Unit(
                name=str(u["name"]).strip(),
                name_en=str(u["name_en"]).strip(),
                head=str(u.get("head", "")).strip(),
                description=str(u.get("description", "")).strip(),
                description_en=str(u.get("description_en", "")).strip(),
            )
            for u in r.get("structure", default=[])
        ),
        org_chart=chart,
        functions_en=r.text("en", "functions"),
        duties_en=r.text("en", "duties"),
        locality=locality,
    )


def _officials(r: _Reader) -> Record:
    people = []
    for i, o in enumerate(r.get("officials", default=[])):
        people.append(
            Official(
                name=str(o["name"]).strip(),
                position=str(o["position"]).strip(),
                position_en=str(o.get("position_en", "")).strip(),
                unit=str(o["unit"]).strip(),
                unit_en=str(o.get("unit_en", "")).strip(),
                phone=str(o.get("phone", "")).strip(),
                email=str(o.get("email", "")).strip(),
                fax=str(o.get("fax", "")).strip(),
                portfolio=str(o.get("portfolio", "")).strip(),
                leader=bool(o.get("leader", False)),
                contact_point=tuple(o.get("contact_point", []) or []),
                bio=str(o.get("bio", "")).strip(),
                line=r.doc.lines.line(("officials", i)),
            )
        )
    return Officials(**r.base(), officials=tuple(people))


def _reception(r: _Reader) -> Record:
    return Reception(
        **r.base(),
        place=r.text("place"),
        rules=r.text("rules"),
        schedule=tuple(
            ReceptionSlot(str(s["who"]), str(s["when"]), str(s.get("time", "")))
            for s in r.get("schedule", default=[])
        ),
        decision=r.decision("decision"),
        published_on=r.date("published_on"),
    )


# Words that introduce the asker's own name in a question ("tôi tên là …"), folded.
_NAME_WORDS = re.compile(r"\b(toi ten la|ten toi la|ho va ten|ho ten nguoi hoi)\b")


def _question(r: _Reader) -> Record:
    received = r.date("received_on")
    answered = r.date("answered_on")
    if received is None:
        raise _Skip
    initials = r.text("asker_initials")
    if initials:
        letters = initials.replace(".", "").replace(" ", "")
        if not (len(letters) <= 6 and all(c.isalpha() and c.isupper() for c in letters)):
            r.problems.append(
                problem("asker-initials-format", r.loc("asker_initials"), value=initials)
            )
        if r.get("asker_consent") is not True:
            r.problems.append(problem("asker-consent-missing", r.loc("asker_initials")))
    found = _NAME_WORDS.search(privacy.fold(r.text("question")))
    if found:
        r.problems.append(problem("asker-name-in-text", r.loc("question"), found=found.group()))
    answer = r.text("answer")
    if answer and answered is None and r.get("answered_on") is None:
        r.problems.append(problem("answer-date-missing", r.loc("answer"), where=r.doc.rel))
    if answered is not None and not answer:
        r.problems.append(problem("answer-missing", r.loc("answered_on")))
    if answered is not None and answered < received:
        r.problems.append(
            problem(
                "date-order",
                r.loc("answered_on"),
                later_name="trả lời",
                later=answered.strftime("%d/%m/%Y"),
                earlier_name="nhận câu hỏi",
                earlier=received.strftime("%d/%m/%Y"),
            )
        )
    return Question(
        **r.base(),
        question=r.text("question"),
        received_on=received,
        channel=r.text("channel"),
        topic=r.text("topic"),
        title=r.text("title"),
        asker_initials=initials,
        answer=answer,
        answered_on=answered,
        answered_by=r.text("answered_by"),
        related=r.texts("related"),
        related_lines=r.lines("related"),
        attachments=r.attachments(),
    )


class _Skip(Exception):
    """A record cannot be built; its problems are already reported."""


BUILDERS: dict[str, Callable[[_Reader], Record]] = {
    "budget": _budget,
    "poverty": _poverty,
    "land-use": _land_use,
    "procedures": _procedure,
    "documents": _document,
    "plans": _plan,
    "notices": _notice,
    "organisation": _organisation,
    "officials": _officials,
    "reception": _reception,
    "questions": _question,
}


def _items(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _amount_cell(data: dict[str, Any], path: tuple[str | int, ...]) -> bool:
    """Whether `path` is a cell of a table column of amounts or percentages."""
    if len(path) < 5 or path[0] != "tables" or path[2] != "rows":
        return False
    column = path[-1]
    tables = _items(data.get("tables"))
    t = path[1]
    if not isinstance(column, int) or not isinstance(t, int) or t >= len(tables):
        return False
    table = tables[t]
    columns = _items(table.get("columns")) if isinstance(table, dict) else []
    if column >= len(columns) or not isinstance(columns[column], dict):
        return False
    return columns[column].get("type") in ("amount", "percent")


def _size_problems(doc: SourceDocument) -> list[Problem]:
    """Tables and named lists too long to publish as one page."""
    found = []
    lists: list[tuple[str, tuple[str | int, ...], list[Any]]] = []
    for t, table in enumerate(_items(doc.data.get("tables"))):
        if isinstance(table, dict):
            lists.append((f"Bảng {t + 1}", ("tables", t, "rows"), _items(table.get("rows"))))
    key = privacy.NAMED_LISTS.get(doc.kind.name)
    if key:
        lists.append(("Danh sách", (key,), _items(doc.data.get(key))))
    limit = f"{MAX_TABLE_ROWS:,}".replace(",", ".")
    for what, path, rows in lists:
        if len(rows) > MAX_TABLE_ROWS:
            found.append(
                problem("table-too-long", doc.at(path), what=what, rows=len(rows), limit=limit)
            )
    return found


def _privacy_problems(doc: SourceDocument, allowed_phones: frozenset[str]) -> list[Problem]:
    found: list[Problem] = []
    list_key = privacy.NAMED_LISTS.get(doc.kind.name)
    list_fields = privacy.ALLOWED_LIST_FIELDS.get(doc.kind.name, ())
    if list_key:
        for i, row in enumerate(_items(doc.data.get(list_key))):
            if not isinstance(row, dict):
                continue
            for key in row:
                if key not in list_fields:
                    found.append(
                        problem(
                            "personal-data-field",
                            doc.at((list_key, i, key)),
                            name=key,
                            allowed=", ".join(list_fields),
                        )
                    )
    for t, table in enumerate(_items(doc.data.get("tables"))):
        if not isinstance(table, dict):
            continue
        for c, column in enumerate(_items(table.get("columns"))):
            title = str(column.get("title", "")) if isinstance(column, dict) else ""
            if privacy.forbidden_name(title):
                found.append(
                    problem(
                        "personal-data-field",
                        doc.at(("tables", t, "columns", c)),
                        name=title,
                        allowed="các cột số liệu tổng hợp, không có thông tin cá nhân",
                    )
                )
    is_officials = doc.kind.name == "officials"
    # Most files hold nothing any detector could match: one look at the whole file (its
    # values serialised by orjson) clears it without visiting every value.
    listed_data = doc.data.get(list_key) if list_key else None
    other_data = {k: v for k, v in doc.data.items() if k != list_key} if list_key else doc.data
    others: list[tuple[tuple[str | int, ...], str]] = []
    listed: list[tuple[tuple[str | int, ...], str]] = []
    if privacy.may_contain_any(privacy.serialise(other_data)):
        others = list(privacy.walk_text(other_data, numbers=True))
    if listed_data is not None and privacy.may_contain_any(
        privacy.serialise(listed_data), in_list=True
    ):
        listed = list(privacy.walk_text(listed_data, (list_key,), numbers=True))  # type: ignore[arg-type]
    if not privacy.may_contain([value for _, value in others]):
        others = []
    if not privacy.may_contain([value for _, value in listed], in_list=True):
        listed = []
    for path, value in [*others, *listed]:
        if is_officials and path and path[-1] in ("phone", "fax"):
            continue
        if value.isdigit() and _amount_cell(doc.data, path):
            continue  # a sum of money in đồng, not an ID number
        in_list = bool(list_key) and path[:1] == (list_key,)
        hits = privacy.scan_text(value, SourceLocation(doc.rel), allowed_phones, in_list=in_list)
        if hits:  # the line is looked up only now
            where = doc.at(path)
            found.extend(replace(p, location=where) for p in hits)
    # One message per value and code is enough.
    unique: dict[tuple[str, str | None], Problem] = {}
    for p in found:
        unique.setdefault((p.code, p.location.field if p.location else None), p)
    return list(unique.values())


def official_phones(
    documents: tuple[SourceDocument, ...], extra: tuple[str, ...] = ()
) -> frozenset[str]:
    """Duty phones that may appear anywhere: officials' phones and the commune's own."""
    phones = {privacy.normalise_phone(p) for p in extra if p}
    for doc in documents:
        if doc.kind.name == "officials":
            for o in _items(doc.data.get("officials")):
                if isinstance(o, dict):
                    for key in ("phone", "fax"):
                        if o.get(key):
                            phones.add(privacy.normalise_phone(str(o[key])))
    return frozenset(phones)


def validate(
    documents: tuple[SourceDocument, ...],
    commune_phones: tuple[str, ...] = (),
    allowed_phones: frozenset[str] | None = None,
    outlines: Outlines | None = None,
) -> Validated:
    """Check every document and build the typed records of those without schema errors.

    `allowed_phones` are the duty phones that may appear anywhere; by default those of the
    officials among `documents` and the commune's own. With `outlines`, the records are
    outlines (`Outlines`): everything is checked all the same.
    """
    problems: list[Problem] = []
    records: list[Record] = []
    allowed = allowed_phones or official_phones(documents, commune_phones)
    for doc in documents:
        found = schema.check(doc.kind.name, doc.data, doc.lines, doc.rel)
        found.extend(_privacy_problems(doc, allowed))
        found.extend(_size_problems(doc))
        problems.extend(found)
        if any(p.code.startswith("field-") or p.code == "date-format" for p in found):
            continue
        reader = _Reader(doc, outlines)
        try:
            record = BUILDERS[doc.kind.name](reader)
        except _Skip:
            problems.extend(reader.problems)
            continue
        problems.extend(reader.problems)
        records.append(outlines.of(record) if outlines else record)
    records.sort(key=lambda r: (r.kind, r.slug))
    return Validated(Content(tuple(records)), tuple(problems))
