"""Paths: what content refers to stays inside content/, and nothing lands twice on one path.

Attachments and images are refused with a message when they go up ('..'), start at the
root or a drive, or are (or sit in) symbolic links that lead out of content/; so is a
content file that is itself such a link. Names that become the same after slugifying
(accents, case, spaces) are refused, for content files, for attachments and for anything
else a build would write to the same place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from small_commune import BUDGET, PDF, files, render_site

from generator import collisions
from generator.build import check
from generator.cli import main
from generator.problems import Problem

AS_OF = date(2026, 11, 27)

DOCUMENT = """\
doc_type: Quyết định
number: {number}/QĐ-UBND
issuer: UBND xã Thử Nghiệm
issued_on: 2024-03-01
published_on: 2024-03-02
abstract: Ban hành quy chế
file: {file}
"""


def document(file: str, number: int = 21) -> str:
    return DOCUMENT.format(file=file, number=number)


def problems_of(config: Path) -> list[Problem]:
    return [
        p
        for p in check(config, AS_OF).problems
        if p.code.startswith(("path-", "slug-", "file-", "duplicate-"))
    ]


def codes(config: Path) -> list[tuple[str, str, int | None]]:
    return sorted(
        (p.code, p.location.path if p.location else "", p.location.line if p.location else None)
        for p in problems_of(config)
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A PDF beside the commune's folder, not in its content/."""
    target = tmp_path.parent / f"{tmp_path.name}-outside"
    target.mkdir()
    (target / "bi-mat.pdf").write_bytes(PDF)
    return target


@pytest.mark.parametrize(
    "value",
    [
        "../../../{outside}/bi-mat.pdf",  # up and out
        "{outside_abs}/bi-mat.pdf",  # absolute
        "../cong-khai/files/a.pdf",  # up, even to a file that is inside content/
        "files\\\\a.pdf",  # a Windows path
        "C:/Users/van-thu/a.pdf",  # a Windows drive
    ],
)
def test_paths_that_go_up_or_start_at_a_root_are_refused(
    tree: Callable[..., Path], outside: Path, value: str
) -> None:
    value = value.format(outside=outside.name, outside_abs=outside)
    config = tree(
        {
            "van-ban/21.yml": document(f'"{value}"'),
            "van-ban/files/a.pdf": PDF.decode(),
            "cong-khai/files/a.pdf": PDF.decode(),
        }
    )
    assert codes(config) == [("path-outside-content", "content/van-ban/21.yml", 7)]


def test_symbolic_links_leading_out_are_refused_those_inside_are_followed(
    tree: Callable[..., Path], outside: Path
) -> None:
    config = tree(
        {
            "van-ban/21.yml": document("files/link-ra-ngoai.pdf"),
            "van-ban/22.yml": document("thu-muc-ngoai/bi-mat.pdf", 22),
            "van-ban/23.yml": document("files/link-ben-trong.pdf", 23),
            "van-ban/files/that.pdf": PDF.decode(),
        }
    )
    kind = config.parent / "content" / "van-ban"
    os.symlink(outside / "bi-mat.pdf", kind / "files" / "link-ra-ngoai.pdf")
    os.symlink(outside, kind / "thu-muc-ngoai")
    os.symlink(kind / "files" / "that.pdf", kind / "files" / "link-ben-trong.pdf")
    assert codes(config) == [
        ("path-outside-content", "content/van-ban/21.yml", 7),
        ("path-outside-content", "content/van-ban/22.yml", 7),
    ]


def test_a_content_file_that_links_out_of_content_is_not_read(
    tree: Callable[..., Path], outside: Path
) -> None:
    (outside / "ngoai.yml").write_text(document("files/a.pdf"), "utf-8")
    config = tree({"van-ban/files/a.pdf": PDF.decode()})
    os.symlink(outside / "ngoai.yml", config.parent / "content" / "van-ban" / "ngoai.yml")
    assert codes(config) == [("path-outside-content", "content/van-ban/ngoai.yml", None)]


def test_the_message_says_what_and_how_to_fix(tree: Callable[..., Path]) -> None:
    config = tree({"van-ban/21.yml": document("../../etc/passwd")})
    [found] = problems_of(config)
    assert found.render() == (
        "content/van-ban/21.yml:7  file\n"
        "  lỗi [path-outside-content] Đường dẫn tệp '../../etc/passwd' trỏ ra ngoài thư mục "
        "content/.\n"
        "  cách sửa: chép tệp vào cùng thư mục với tệp YAML (ví dụ thư mục files/) và ghi "
        "đường dẫn tương đối."
    )


@pytest.mark.parametrize("name", ["trang.html", "ban-do.svg", "anh.tif", "anh.HEIC", "x.js"])
def test_files_a_browser_would_run_or_images_we_cannot_clean_are_refused(
    tree: Callable[..., Path], name: str
) -> None:
    config = tree({"van-ban/21.yml": document(f"files/{name}"), f"van-ban/files/{name}": "x"})
    assert codes(config) == [("file-type-refused", "content/van-ban/21.yml", 7)]


# Collisions -------------------------------------------------------------------------------


def test_attachments_whose_names_collide_after_slugifying_are_refused(
    tree: Callable[..., Path],
) -> None:
    config = tree(
        {
            "van-ban/21.yml": document('"files/Quyết định 21.pdf"'),
            "van-ban/22.yml": document("files/quyet-dinh-21.pdf", 22),
            "van-ban/23.yml": document("files/quyet-dinh-21.pdf", 23),  # the same file: fine
            "van-ban/files/Quyết định 21.pdf": PDF.decode(),
            "van-ban/files/quyet-dinh-21.pdf": PDF.decode(),
        }
    )
    [found] = problems_of(config)
    assert found.code == "path-collision" and found.blocking
    assert found.message == (
        "'van-ban/files/quyet-dinh-21.pdf' trên trang được tạo từ cả "
        "content/van-ban/files/quyet-dinh-21.pdf và content/van-ban/files/Quyết định 21.pdf "
        "(tên giống nhau sau khi bỏ dấu, chữ hoa và khoảng trắng): cái sau sẽ đè cái trước."
    )


def test_content_files_whose_names_collide_after_slugifying_are_refused(
    tree: Callable[..., Path],
) -> None:
    config = tree(
        {
            "van-ban/Quyết Định 21.yml": document("files/a.pdf"),
            "van-ban/quyet-dinh-21.yml": document("files/a.pdf", 22),
            "van-ban/files/a.pdf": PDF.decode(),
        }
    )
    assert [c for c, _path, _line in codes(config)] == ["duplicate-slug"]


def test_names_with_no_letter_or_digit_are_refused(tree: Callable[..., Path]) -> None:
    config = tree(
        {
            "van-ban/---.yml": document("files/a.pdf"),
            "van-ban/21.yml": document("files/___.pdf", 22),
            "van-ban/files/a.pdf": PDF.decode(),
            "van-ban/files/___.pdf": PDF.decode(),
        }
    )
    assert codes(config) == [
        ("slug-empty", "content/van-ban/---.yml", None),
        ("slug-empty", "content/van-ban/21.yml", None),
    ]


def test_a_content_page_cannot_take_the_place_of_a_generated_page(
    tree: Callable[..., Path],
) -> None:
    """ngan-sach/2025/du-toan/niem-yet.yml would be the page under which the notice of
    ngan-sach/2025/du-toan.yml is printed."""
    config = tree(
        {
            **files(),
            "ngan-sach/2025/du-toan/niem-yet.yml": BUDGET,
            "ngan-sach/2025/du-toan/files/quyet-dinh.pdf": PDF.decode(),
        }
    )
    _, rendered = render_site(config)
    found = collisions.outputs(rendered)
    assert [(p.code, p.message.split("'")[1]) for p in found] == [
        ("path-collision", "ngan-sach/2025/du-toan/niem-yet/index.html")
    ]


def test_a_build_with_colliding_outputs_stops_and_keeps_the_previous_site(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = example.parent / "content" / "ngan-sach" / "2025"
    budget = content / "du-toan-duoc-giao.yml"
    (content / "du-toan-duoc-giao").mkdir()
    (content / "du-toan-duoc-giao" / "niem-yet.yml").write_text(budget.read_text("utf-8"))
    out = example.parent / "site"
    out.mkdir()
    (out / "index.html").write_text("trang cũ", "utf-8")
    args = ["build", "--config", str(example), "--out", str(out), "--as-of", "2026-11-27"]
    assert main(args) == 1
    assert "[path-collision] 'ngan-sach/2025/du-toan-duoc-giao/niem-yet/index.html'" in (
        capsys.readouterr().err
    )
    assert [p.name for p in out.iterdir()] == ["index.html"]
