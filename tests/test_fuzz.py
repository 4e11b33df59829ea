"""Property-based tests of the loaders and importers: any text or bytes give records or
Problems, never an exception (an exception would be a traceback shown to commune staff).

Each test is also a fuzz target: `python tests/test_fuzz.py yaml|content|csv|xlsx|import
[SECONDS]` feeds it random inputs for longer than the suite can (with atheris, when it is
installed, coverage-guided). Example counts stay small so `make test` stays fast.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importer import import_file
from generator.kinds import KINDS
from generator.load import read_document
from generator.problems import Problem
from generator.schema import load_schema
from generator.spreadsheet import read
from generator.validate import validate
from generator.yamlsource import YamlError, parse

FAST = settings(
    max_examples=int(os.environ.get("CONGKHAI_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: a red suite is never luck
    database=None,
)

# Text staff type, and text that breaks parsers: YAML syntax, control characters, digits.
YAMLISH = st.text(
    alphabet=st.sampled_from(
        list("abcđươ ăâêôơư\n\t:-[]{}&*!|>'\"#%@`,?0123456789.\\/\x00\x85\u2028\ufeff\U0001f600")
    ),
    max_size=300,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["2024-12-31", "31/12/2024", "0912 345 678", "001089012345", "=1+1", ""]),
)


def fields_of(kind: str) -> list[str]:
    """The field names a kind's schema knows, nested ones included."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(k for k in node.get("properties", {}) if isinstance(k, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema(kind))
    walk(load_schema("common"))
    return sorted(names)


def documents(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings shaped like content of `kind`: its own field names, any values, any depth."""
    keys = st.one_of(st.sampled_from(fields_of(kind)), st.text(max_size=8))
    values = st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)
        ),
        max_leaves=25,
    )
    return st.dictionaries(keys, values, max_size=12)


def assert_problems(found: list[Problem] | tuple[Problem, ...]) -> None:
    for p in found:
        assert isinstance(p, Problem) and p.message and p.fix
        p.render()


# YAML ---------------------------------------------------------------------------------------


@FAST
@given(YAMLISH)
def test_yaml_text_parses_or_says_why(text: str) -> None:
    try:
        parse(text)
    except YamlError as err:
        assert err.code in ("yaml-syntax", "yaml-too-complex") and err.detail


@FAST
@given(st.binary(max_size=400) | YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_as_a_content_file_give_a_document_or_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "cong-khai" / "x.yml"
        path.parent.mkdir()
        path.write_bytes(data)
        doc, found = read_document(root, path, KINDS[8], "content/cong-khai/x.yml", "x")
        assert_problems(found)
        assert (doc is None) == bool(found) or doc is not None


@FAST
@given(st.data())
def test_any_document_of_any_kind_validates_to_records_or_problems(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(KINDS))
    raw = data.draw(documents(kind.name))
    text = yaml.safe_dump(raw, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / kind.folder / (kind.singleton or "x.yml")
        path.parent.mkdir()
        path.write_text(text, "utf-8")
        doc, found = read_document(root, path, kind, f"content/{kind.folder}/x.yml", "x")
        assert_problems(found)
        if doc is not None:
            validated = validate((doc,), ("0221 3865 100",))
            assert_problems(validated.problems)


# Spreadsheets ------------------------------------------------------------------------------


def _xlsx_parts() -> dict[str, bytes]:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ tên chủ hộ", "Thôn", "Phân loại", "Số nhân khẩu"])
    sheet.append(["Trịnh Thị Hà", "Thôn 1", "Hộ nghèo", 2])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


XLSX = _xlsx_parts()


@st.composite
def damaged_xlsx(draw: st.DrawFn) -> bytes:
    """A real workbook with one part cut, replaced or sprinkled with garbage."""
    parts = dict(XLSX)
    name = draw(st.sampled_from(sorted(parts)))
    how = draw(st.sampled_from(["cut", "garbage", "flip", "drop"]))
    data = parts[name]
    if how == "cut":
        parts[name] = data[: draw(st.integers(0, len(data)))]
    elif how == "garbage":
        parts[name] = draw(st.binary(max_size=200))
    elif how == "flip":
        at = draw(st.integers(0, max(0, len(data) - 1)))
        parts[name] = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 1 :]
    else:
        del parts[name]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def _read_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bang{suffix}"
        path.write_bytes(data)
        book, found = read(path)
        assert_problems(found)
        assert book is not None or found


CELLS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@FAST
@given(
    st.lists(st.lists(CELLS, max_size=6), max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
)
def test_any_csv_reads_to_a_workbook_or_problems(
    rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    text = "\n".join(delimiter.join(row) for row in rows)
    _read_bytes(text.encode(encoding, errors="replace"), ".csv")


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_named_csv_read_to_a_workbook_or_problems(data: bytes) -> None:
    _read_bytes(data, ".csv")


@FAST
@given(damaged_xlsx() | st.binary(max_size=300))
def test_any_bytes_named_xlsx_read_to_a_workbook_or_problems(data: bytes) -> None:
    _read_bytes(data, ".xlsx")


@FAST
@given(st.binary(max_size=300), st.sampled_from([".ods", ".xls"]))
def test_any_bytes_named_ods_or_xls_read_to_a_workbook_or_problems(
    data: bytes, suffix: str
) -> None:
    _read_bytes(data, suffix)


HEADERS = {
    "poverty": ["Họ tên chủ hộ", "Thôn", "Phân loại", "Số nhân khẩu", "Ngày sinh"],
    "procedures": ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết"],
    "documents": ["Số ký hiệu", "Ngày ban hành", "Trích yếu", "Cơ quan ban hành"],
    "officials": ["Họ và tên", "Chức vụ", "Điện thoại", "Thư điện tử"],
    "budget": ["STT", "Nội dung", "Dự toán", "Thực hiện", "So sánh (%)"],
}


@FAST
@given(
    st.sampled_from(sorted(HEADERS)),
    st.lists(
        st.lists(st.one_of(CELLS, SCALARS.map(lambda v: "" if v is None else str(v))), max_size=5),
        max_size=6,
    ),
)
def test_any_sheet_imports_to_files_or_problems(kind: str, rows: list[list[str]]) -> None:
    lines = [",".join(HEADERS[kind]), *(",".join(c.replace(",", " ") for c in r) for r in rows)]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "nhap.csv"
        source.write_text("\n".join(lines), "utf-8")
        result = import_file(kind, source, Path(tmp) / "content", dry_run=True)
        assert_problems(result.problems)


# Fuzz targets: run one for a while with random inputs ---------------------------------------

TARGETS = {
    "yaml": test_yaml_text_parses_or_says_why,
    "content": test_any_bytes_as_a_content_file_give_a_document_or_problems,
    "validate": test_any_document_of_any_kind_validates_to_records_or_problems,
    "csv": test_any_bytes_named_csv_read_to_a_workbook_or_problems,
    "xlsx": test_any_bytes_named_xlsx_read_to_a_workbook_or_problems,
    "import": test_any_sheet_imports_to_files_or_problems,
}


def fuzz(name: str, seconds: float) -> None:
    """Feed random inputs to one target (atheris drives it instead when installed)."""
    one_input = TARGETS[name].hypothesis.fuzz_one_input  # type: ignore[attr-defined]
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        atheris = None
    if atheris is not None:
        atheris.Setup([sys.argv[0]], one_input)
        atheris.Fuzz()
        return
    end, runs = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        one_input(os.urandom(2048))
        runs += 1
    print(f"{name}: {runs} inputs, no exception")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python tests/test_fuzz.py {'|'.join(TARGETS)} [SECONDS]")
    fuzz(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60)
