"""The kinds of content a commune keeps, each in its own folder under content/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # English id used by commands and schemas: budget, poverty…
    folder: str  # folder under content/ and URL prefix on the site
    title: str  # Vietnamese section title
    title_en: str
    singleton: str | None = None  # file name when the kind is one file
    nested: bool = False  # files may sit in sub-folders (ngan-sach/2025/…)


KINDS: tuple[Kind, ...] = (
    Kind("organisation", "to-chuc", "Tổ chức bộ máy", "Organisation", singleton="to-chuc.yml"),
    Kind("officials", "can-bo", "Lãnh đạo và cán bộ đầu mối", "Officials", singleton="can-bo.yml"),
    Kind("budget", "ngan-sach", "Công khai ngân sách", "Budget", nested=True),
    Kind("poverty", "ho-ngheo", "Hộ nghèo, hộ cận nghèo", "Poverty reviews"),
    Kind("land-use", "dat-dai", "Quy hoạch, kế hoạch sử dụng đất", "Land-use plans"),
    Kind("procedures", "thu-tuc", "Thủ tục hành chính", "Administrative procedures"),
    Kind("documents", "van-ban", "Văn bản", "Documents"),
    Kind("plans", "ke-hoach", "Kế hoạch, chương trình", "Plans and programmes"),
    Kind("notices", "cong-khai", "Nội dung công khai khác", "Other disclosures"),
    Kind(
        "reception",
        "tiep-cong-dan",
        "Tiếp công dân",
        "Citizen reception",
        singleton="tiep-cong-dan.yml",
    ),
    Kind("questions", "hoi-dap", "Hỏi đáp", "Questions and answers"),
)

BY_NAME = {k.name: k for k in KINDS}
BY_FOLDER = {k.folder: k for k in KINDS}
