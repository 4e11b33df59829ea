"""Validation messages staff read: pinned whole, with file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.load import load
from generator.records import BudgetDisclosure, Official
from generator.validate import validate

BUDGET = """\
title: Công khai dự toán ngân sách xã năm 2025
budget_year: 2025
package: approved_estimate
decision: {type: Nghị quyết, number: 15/NQ-HĐND, date: 2024-12-20, issuer: HĐND xã}
published_on: 2024-12-27
posting: {from: 2024-12-27, to: 2025-01-27}
narrative: Thuyết minh.
tables:
  - form: 108/CK TC-NSNN
    title: Cân đối ngân sách xã
    unit: triệu đồng
    columns:
      - {title: STT}
      - {title: Nội dung}
      - {title: Dự toán, type: amount}
      - {title: Thực hiện, type: amount}
      - {title: So sánh (%), type: percent, of: [4, 3]}
    rows:
      - [A, TỔNG THU, 300, 150, 50]
      - ["1", Thu thuế, 100, 50, 50]
      - ["2", Thu phí, "200", 100, 50]
"""

OFFICIALS = """\
officials:
  - name: Nguyễn Văn A
    position: Chủ tịch UBND xã
    position_en: Chairman
    unit: UBND xã
    unit_en: People's Committee
    phone: "0221 3865 101"
    email: chutich@thunghiem.hungyen.gov.vn
"""


def check(tree: Callable[..., Path], files: dict[str, str]) -> list[str]:
    config = tree(files)
    loaded = load(config.parent / "content")
    validated = validate(loaded.documents, ("0221 3865 100",))
    return [p.render() for p in (*loaded.problems, *validated.problems)]


def test_valid_budget_becomes_a_typed_record(tree: Callable[..., Path]) -> None:
    config = tree({"ngan-sach/2025/du-toan.yml": BUDGET})
    validated = validate(load(config.parent / "content").documents)
    assert validated.problems == ()
    (record,) = validated.content.records
    assert isinstance(record, BudgetDisclosure)
    assert record.url == "ngan-sach/2025/du-toan/"
    assert record.tables[0].rows[2].cells[2] == 200
    assert record.posting and record.posting.days == 32


def test_missing_required_field(tree: Callable[..., Path]) -> None:
    text = BUDGET.replace("published_on: 2024-12-27\n", "")
    assert check(tree, {"ngan-sach/2025/du-toan.yml": text}) == [
        "content/ngan-sach/2025/du-toan.yml:1  published_on\n"
        "  lỗi [field-required] Thiếu trường bắt buộc 'published_on' (Ngày công khai).\n"
        "  cách sửa: thêm dòng 'published_on: ...' vào tệp."
    ]


def test_yaml_syntax_error_names_line(tree: Callable[..., Path]) -> None:
    text = BUDGET.replace("budget_year: 2025", "budget_year: [2025")
    (message,) = check(tree, {"ngan-sach/2025/du-toan.yml": text})
    assert message.startswith("content/ngan-sach/2025/du-toan.yml:3\n  lỗi [yaml-syntax]")
    assert "cách sửa:" in message


def test_impossible_date(tree: Callable[..., Path]) -> None:
    text = BUDGET.replace("published_on: 2024-12-27", 'published_on: "31/13/2024"')
    assert check(tree, {"ngan-sach/2025/du-toan.yml": text}) == [
        "content/ngan-sach/2025/du-toan.yml:5  published_on\n"
        '  lỗi [date-format] "31/13/2024" không phải là ngày hợp lệ.\n'
        "  cách sửa: ghi theo dạng 2024-12-31 hoặc 31/12/2024."
    ]


def test_wrong_total_points_at_its_row(tree: Callable[..., Path]) -> None:
    text = BUDGET.replace("[A, TỔNG THU, 300, 150, 50]", "[A, TỔNG THU, 310, 150, 48.4]")
    assert check(tree, {"ngan-sach/2025/du-toan.yml": text}) == [
        "content/ngan-sach/2025/du-toan.yml:19  tables[Cân đối ngân sách xã]\n"
        "  lỗi [budget-sum-mismatch] Dòng A 'TỔNG THU', cột 'Dự toán': ghi 310 nhưng tổng các "
        "dòng con là 300.\n"
        "  cách sửa: sửa số ở dòng này hoặc ở các dòng con; nếu các dòng con chỉ là 'trong đó', "
        "ghi dòng đó dưới dạng {cells: [...], sum: false}."
    ]


def test_unknown_choice_lists_the_choices(tree: Callable[..., Path]) -> None:
    text = BUDGET.replace("package: approved_estimate", "package: du_toan")
    (message,) = check(tree, {"ngan-sach/2025/du-toan.yml": text})
    assert message.startswith(
        'content/ngan-sach/2025/du-toan.yml:3  package\n  lỗi [field-choice] Giá trị "du_toan"'
    )
    assert "approved_estimate (dự toán được HĐND quyết định)" in message


def test_id_number_in_a_list_blocks(tree: Callable[..., Path]) -> None:
    poverty = """\
    title: Rà soát hộ nghèo 2025
    year: 2025
    review: annual
    decision: {number: 01/QĐ-UBND, date: 2025-12-10, issuer: UBND xã}
    published_on: 2025-12-11
    posting: {from: 2025-12-11, to: 2026-01-10}
    households:
      - {head: Trần Văn X 034095001234, village: Thôn 1, category: poor, members: 3}
      - {head: Lê Thị Y, village: Thôn 2, category: near_poor, members: 2, birth: 1950}
    """
    messages = check(tree, {"ho-ngheo/2025.yml": poverty})
    assert any("[personal-data-id]" in m and "ho-ngheo/2025.yml:8" in m for m in messages)
    assert any(
        "[personal-data-field] Danh sách công khai không được có trường 'birth'" in m
        for m in messages
    )


def test_private_phone_blocks_but_duty_phone_passes(tree: Callable[..., Path]) -> None:
    notice = """\
    requirement: g12-fees
    title: Công khai phí
    published_on: 2025-03-03
    body: Liên hệ ông B, số 0912 345 678, hoặc văn phòng 0221 3865 101.
    """
    messages = check(tree, {"can-bo/can-bo.yml": OFFICIALS, "cong-khai/phi.yml": notice})
    assert len(messages) == 1
    assert messages[0].startswith("content/cong-khai/phi.yml:4  body\n  lỗi [personal-data-phone]")


def test_officials_keep_their_line(tree: Callable[..., Path]) -> None:
    config = tree({"can-bo/can-bo.yml": OFFICIALS})
    (record,) = validate(load(config.parent / "content").documents).content.records
    assert isinstance(record.officials[0], Official)  # type: ignore[attr-defined]
    assert record.officials[0].line == 2  # type: ignore[attr-defined]


def test_attachment_outside_content_refused(tree: Callable[..., Path]) -> None:
    text = BUDGET + "attachments:\n  - {file: ../../../site_config.yml, title: Cấu hình}\n"
    messages = check(tree, {"ngan-sach/2025/du-toan.yml": text})
    assert messages == [
        "content/ngan-sach/2025/du-toan.yml:23  attachments[1].file\n"
        "  lỗi [path-outside-content] Đường dẫn tệp '../../../site_config.yml' trỏ ra ngoài "
        "thư mục content/.\n"
        "  cách sửa: chép tệp vào cùng thư mục với tệp YAML (ví dụ thư mục files/) và ghi đường "
        "dẫn tương đối."
    ]


def test_row_levels_follow_official_numbering() -> None:
    from generator.tables import level_of

    assert [level_of(x) for x in ("A", "C", "D", "I", "IV", "XII", "1", "1.2", "-", "")] == [
        1, 1, 1, 2, 2, 2, 3, 4, 5, 9,
    ]  # fmt: skip


def test_fast_gate_agrees_with_the_detailed_validator() -> None:
    """The Rust gate must never pass a document the jsonschema validator would reject."""
    import copy

    from generator import schema

    root = Path(__file__).resolve().parent.parent / "content"
    documents = load(root).documents
    checked = 0
    for doc in documents:
        variants = [doc.data]
        for key in list(doc.data)[:3]:
            broken = copy.deepcopy(doc.data)
            del broken[key]
            variants.append(broken)
            wrong = copy.deepcopy(doc.data)
            wrong[key] = {"không": "đúng kiểu"} if isinstance(wrong[key], str) else "chữ"
            variants.append(wrong)
        extra = copy.deepcopy(doc.data)
        extra["truong_la"] = 1
        variants.append(extra)
        for data in variants:
            detailed = not list(schema.validator(doc.kind.name).iter_errors(data))
            assert schema.gate(doc.kind.name).is_valid(data) == detailed, (doc.rel, data.keys())
            checked += 1
    assert checked > 300
