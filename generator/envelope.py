"""The envelope of an imported disclosure: year, package, decision, posting, title.

A table does not say which decision it belongs to. These facts come from command-line
options (--year, --decision-number…), from a 'Thông tin' sheet in the workbook (label in
column A, value in column B, as `congkhai template` lays it out), or, for a few, from the
form's own title rows ("… NĂM 2025"). Options win over the sheet, the sheet over the title.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .cellvalues import convert, is_blank
from .columns import Field, meta_fields
from .load import slugify_path
from .problems import Problem, SourceLocation, problem
from .vietnamese import fold

if TYPE_CHECKING:  # spreadsheets are opened only by `congkhai import`
    from .sheetlayout import TitleBlock
    from .spreadsheet import Sheet, Workbook

ENVELOPE_KINDS = ("budget", "poverty", "land-use")
INFO_SHEET = "Thông tin"
CLI = "dòng lệnh"


class ImportUsageError(Exception):
    """The command was called wrongly (exit code 2); the message is Vietnamese."""


def _every(key: str) -> dict[str, str]:
    return {k: key for k in ENVELOPE_KINDS}


# Option name → (the field it sets, per kind; its help text).
OPTIONS: dict[str, tuple[dict[str, str], str]] = {
    "title": (_every("title"), "tiêu đề của tệp nội dung"),
    "year": (
        {"budget": "budget_year", "poverty": "year"},
        "năm ngân sách hoặc năm rà soát, ví dụ 2025",
    ),
    "package": (
        {"budget": "package"},
        "loại công khai ngân sách: dự toán trình, dự toán, thực hiện, quyết toán",
    ),
    "period": (
        {"budget": "period", "land-use": "period"},
        "kỳ báo cáo (quý I, 6 tháng, 9 tháng, cả năm) hoặc kỳ quy hoạch (2021-2030)",
    ),
    "review": ({"poverty": "review"}, "hình thức rà soát: định kỳ hoặc thường xuyên"),
    "plan-type": ({"land-use": "plan_type"}, "quy hoạch hoặc kế hoạch sử dụng đất hằng năm"),
    "decision-type": (_every("decision.type"), "loại văn bản, ví dụ Nghị quyết"),
    "decision-number": (_every("decision.number"), "số, ký hiệu văn bản, ví dụ 15/NQ-HĐND"),
    "decision-date": (_every("decision.date"), "ngày ban hành, ví dụ 20/12/2024"),
    "decision-issuer": (_every("decision.issuer"), "cơ quan ban hành, ví dụ HĐND xã Nguyễn Trãi"),
    "published-on": (_every("published_on"), "ngày công khai, ví dụ 27/12/2024"),
    "posting-from": (_every("posting.from"), "niêm yết từ ngày"),
    "posting-to": (_every("posting.to"), "niêm yết đến ngày"),
    "places": (_every("posting.places"), "địa điểm niêm yết, cách nhau bằng dấu ;"),
    "channels": (_every("channels"), "hình thức công khai, cách nhau bằng dấu ;"),
    "narrative": ({"budget": "narrative"}, "thuyết minh số liệu ngân sách"),
    "summary": (_every("summary"), "tóm tắt ngắn"),
}


def option_for(kind: str, key: str) -> str:
    """How staff give `key` on the command line: --year 2025 or --set key=…"""
    for name, (keys, _help) in OPTIONS.items():
        if keys.get(kind) == key:
            return f"--{name}"
    if kind == "land-use" and key.startswith("period."):
        return "--period"
    return f"--set {key}=…"


def from_options(
    kind: str, options: dict[str, str], sets: tuple[str, ...] = ()
) -> dict[str, tuple[str, SourceLocation]]:
    """Values given on the command line, keyed by field; ImportUsageError for misuse."""
    given: dict[str, tuple[str, SourceLocation]] = {}
    known = {f.key for f in meta_fields(kind)} if kind in ENVELOPE_KINDS else set()
    for name, value in options.items():
        if value is None:
            continue
        keys, _help = OPTIONS[name]
        if kind not in keys:
            raise ImportUsageError(f"tuỳ chọn --{name} chỉ dùng khi nhập: {', '.join(keys)}")
        loc = SourceLocation(CLI, None, f"--{name}")
        key = keys[kind]
        if kind == "land-use" and key == "period":
            m = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", value)
            if not m:
                raise ImportUsageError(f"--period '{value}' phải có dạng 2021-2030")
            given["period.from"], given["period.to"] = (m[1], loc), (m[2], loc)
            continue
        given[key] = (value, loc)
    for item in sets:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or key not in known:
            allowed = ", ".join(sorted(known)) or "(không có)"
            raise ImportUsageError(f"--set '{item}': ghi TRƯỜNG=GIÁ_TRỊ, với TRƯỜNG là: {allowed}")
        given[key] = (value, SourceLocation(CLI, None, f"--set {key}"))
    return given


def is_info_sheet(sheet: Sheet) -> bool:
    return fold(sheet.name).startswith("thong tin")


def hints(kind: str, blocks: list[TitleBlock]) -> dict[str, str]:
    """Values the form's title rows state: 'NĂM 2025', 'GIAI ĐOẠN 2021 - 2030'."""
    texts = " | ".join(fold(t) for b in blocks for t in (b.title, *b.texts))
    found: dict[str, str] = {}
    if kind == "budget":
        years = set(re.findall(r"\bnam (\d{4})\b", texts))
        if len(years) == 1:
            found["budget_year"] = years.pop()
    if kind == "land-use" and blocks and blocks[0].title:
        title = blocks[0].title
        found["title"] = title
        folded = fold(title)
        span = re.search(r"(\d{4})\s*[-–]\s*(\d{4})", folded)
        year = re.search(r"\bnam (\d{4})\b", folded)
        if "quy hoach" in folded:
            found["plan_type"] = "plan"
        elif "ke hoach" in folded:
            found["plan_type"] = "annual_plan"
        if span:
            found["period.from"], found["period.to"] = span[1], span[2]
        elif year:
            found["period.from"] = found["period.to"] = year[1]
    return found


def read(
    kind: str,
    book: Workbook,
    info: list[Sheet],
    given: dict[str, tuple[str, SourceLocation]],
    guessed: dict[str, str],
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], SourceLocation], list[Problem]]:
    """The envelope as content, where each value came from, and the problems met."""
    fields = {f.key: f for f in meta_fields(kind)}
    problems: list[Problem] = []
    raw: dict[str, tuple[object, SourceLocation]] = {}
    label_cells: dict[str, SourceLocation] = {}
    for sheet in info:
        for row in range(1, sheet.n_rows + 1):
            label = sheet.text(row, 1)
            value = sheet.value(row, 2)
            if not label or (isinstance(value, str) and value.strip() == label):
                continue  # empty, or a title merged across the sheet
            f = _by_label(fields, label)
            if f is None:
                if not is_blank(value) and fold(str(value)) != "gia tri":
                    labels = "; ".join(x.label for x in fields.values())
                    loc = book.at(sheet, row, 1)
                    problems.append(
                        problem("import-unknown-label", loc, label=label, labels=labels)
                    )
                continue
            label_cells[f.key] = book.at(sheet, row, 2, f.key)
            if not is_blank(value) and not str(value).strip().startswith("("):
                raw[f.key] = (value, book.at(sheet, row, 2, f.key))
    raw.update(given)
    for key, guess in guessed.items():
        raw.setdefault(key, (guess, SourceLocation(book.path, None, key)))
    data: dict[str, Any] = {}
    cells: dict[tuple[str | int, ...], SourceLocation] = {}
    bad: set[str] = set()
    for key, f in fields.items():
        if key not in raw:
            continue
        given_value, loc = raw[key]
        converted, found = convert(f, given_value, loc)
        problems.extend(found)
        if any(p.blocking for p in found):
            bad.add(key)
        if converted is not None:
            _put(data, key, converted)
            path = tuple(key.split("."))
            cells[path] = loc
            cells.setdefault(path[:1], loc)
    _default_title(kind, data)
    for key, f in fields.items():
        needed = f.required or (key == "period" and data.get("package") == "execution")
        if needed and _get(data, key) is None and key not in bad:
            loc = label_cells.get(key, SourceLocation(book.path, None, key))
            problems.append(
                problem(
                    "import-meta-missing",
                    loc,
                    title=f.title,
                    field=key,
                    option=option_for(kind, key),
                    example=f.example,
                )
            )
    return data, cells, problems


def _by_label(fields: dict[str, Field], label: str) -> Field | None:
    folded = fold(label).strip(" :*")
    for f in fields.values():
        if folded in (fold(f.label), fold(f.key)):
            return f
    return None


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _get(data: dict[str, Any], key: str) -> Any:
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


_PERIODS = {
    "q1": "quý I năm {y}",
    "h1": "6 tháng đầu năm {y}",
    "m9": "9 tháng năm {y}",
    "year": "năm {y}",
}
_BUDGET_TITLES = {
    "draft_estimate": "Công khai dự toán ngân sách xã năm {y} trình Hội đồng nhân dân xã",
    "approved_estimate": "Công khai dự toán ngân sách xã năm {y}",
    "execution": "Công khai tình hình thực hiện dự toán ngân sách xã {p}",
    "final_accounts": "Công khai quyết toán ngân sách xã năm {y}",
}


def _default_title(kind: str, data: dict[str, Any]) -> None:
    if data.get("title"):
        return
    if kind == "budget" and data.get("budget_year") and data.get("package"):
        year, package = data["budget_year"], data["package"]
        period = _PERIODS.get(data.get("period", ""), "năm {y}").format(y=year)
        data["title"] = _BUDGET_TITLES[package].format(y=year, p=period)
    if kind == "poverty" and data.get("year"):
        how = "thường xuyên " if data.get("review") == "regular" else ""
        data["title"] = f"Công khai kết quả rà soát {how}hộ nghèo, hộ cận nghèo năm {data['year']}"


_BUDGET_FILES = {
    "draft_estimate": "du-toan-trinh-hdnd",
    "approved_estimate": "du-toan",
    "final_accounts": "quyet-toan",
}
_EXECUTION_FILES = {"q1": "quy-1", "h1": "6-thang", "m9": "9-thang", "year": "ca-nam"}


def file_slug(text: str, limit: int = 80) -> str:
    """A file name from Vietnamese text: '15/NQ-HĐND' → '15-nq-hdnd'."""
    return slugify_path(text.replace("/", "-").replace("\\", "-"))[:limit].strip("-")


def file_name(kind: str, data: dict[str, Any]) -> str:
    """Where the imported content goes, inside the kind's folder."""
    if kind == "officials":
        return "can-bo.yml"
    if kind == "budget":
        package = data.get("package", "")
        period = _EXECUTION_FILES.get(data.get("period", ""), "ky")
        stem = _BUDGET_FILES.get(package) or f"thuc-hien-{period}"
        return f"{data.get('budget_year', 'nam')}/{stem}.yml"
    if kind == "poverty":
        year = data.get("year", "nam")
        if data.get("review") == "regular":
            number = file_slug(str(_get(data, "decision.number") or ""))
            return f"ra-soat-thuong-xuyen-{year}{'-' + number if number else ''}.yml"
        return f"ra-soat-ho-ngheo-{year}.yml"
    stem = file_slug(str(data.get("title", "")))
    return f"{stem or 'khong-ten'}.yml"
