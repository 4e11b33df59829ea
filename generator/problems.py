"""Problems: the catalogue of everything congkhai can tell staff, and the Problem record.

Each problem has a stable kebab-case code, a severity and Vietnamese text written for a
commune official: what is wrong, and how to fix it. Messages are templates filled with
named values, so that tests can pin whole sentences and the docs can list every code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "lỗi", "warning": "cảnh báo", "info": "ghi chú"}[self.value]


@dataclass(frozen=True)
class SourceLocation:
    """Where a value came from: a file and line, or a sheet and cell."""

    path: str
    line: int | None = None
    field: str | None = None
    cell: str | None = None

    def at(self, field: str | None = None, line: int | None = None) -> SourceLocation:
        return SourceLocation(self.path, line if line is not None else self.line, field, self.cell)

    def __str__(self) -> str:
        where = self.path
        if self.cell:
            where += f"!{self.cell}" if "!" not in self.cell else f" {self.cell}"
        elif self.line:
            where += f":{self.line}"
        return where


@dataclass(frozen=True)
class Entry:
    severity: Severity
    message: str
    fix: str


# The catalogue. Keep codes stable: CI configurations and the staff guide refer to them.
CATALOGUE: dict[str, Entry] = {
    # Reading files
    "yaml-syntax": Entry(
        Severity.ERROR,
        "Tệp không đọc được vì sai cú pháp YAML: {detail}.",
        "kiểm tra dòng này và dòng ngay trên: thụt lề bằng dấu cách, sau dấu hai chấm có một "
        "dấu cách, đóng đủ ngoặc kép.",
    ),
    "yaml-not-mapping": Entry(
        Severity.ERROR,
        "Tệp phải là danh sách các trường dạng 'tên_trường: giá trị', nhưng lại là {found}.",
        "mở một tệp mẫu bằng lệnh 'congkhai new {kind}' và chép theo cấu trúc đó.",
    ),
    "yaml-too-complex": Entry(
        Severity.ERROR,
        "Tệp quá phức tạp để đọc an toàn ({detail}).",
        "bỏ các tham chiếu '&' và '*' lồng nhau; chia tệp thành nhiều tệp nhỏ hơn.",
    ),
    "file-too-large": Entry(
        Severity.ERROR,
        "Tệp nặng {size}, vượt giới hạn {limit} cho loại tệp này.",
        "chia nhỏ tệp hoặc nén lại (PDF scan nên để 150–200 dpi).",
    ),
    "file-encoding": Entry(
        Severity.ERROR,
        "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {offset}).",
        "mở tệp bằng trình soạn thảo và lưu lại với mã hoá UTF-8.",
    ),
    "unknown-folder": Entry(
        Severity.WARNING,
        "Thư mục '{folder}' không thuộc loại nội dung nào nên tệp này bị bỏ qua.",
        "chuyển tệp vào một trong các thư mục: {folders}.",
    ),
    # Schema
    "field-required": Entry(
        Severity.ERROR,
        "Thiếu trường bắt buộc '{name}' ({title}).",
        "thêm dòng '{name}: ...' vào {where}.",
    ),
    "field-unknown": Entry(
        Severity.ERROR,
        "Trường '{name}' không có trong mẫu của loại nội dung này.",
        "kiểm tra lỗi chính tả; các trường được phép là: {allowed}.",
    ),
    "field-type": Entry(
        Severity.ERROR,
        "Giá trị {value} không đúng kiểu: cần {expected}.",
        "ghi lại giá trị theo dạng {example}.",
    ),
    "field-choice": Entry(
        Severity.ERROR,
        "Giá trị {value} không thuộc các lựa chọn cho phép.",
        "chọn một trong: {choices}.",
    ),
    "field-empty": Entry(
        Severity.ERROR,
        "Trường '{name}' đang để trống.",
        "điền nội dung hoặc xoá hẳn dòng này nếu trường không bắt buộc.",
    ),
    "field-format": Entry(
        Severity.ERROR,
        "Giá trị {value} không đúng định dạng {what}.",
        "ghi theo dạng {example}.",
    ),
    "date-format": Entry(
        Severity.ERROR,
        "{value} không phải là ngày hợp lệ.",
        "ghi theo dạng 2024-12-31 hoặc 31/12/2024.",
    ),
    "date-order": Entry(
        Severity.ERROR,
        "Ngày {later_name} ({later}) lại trước ngày {earlier_name} ({earlier}).",
        "kiểm tra lại hai ngày này.",
    ),
    "amount-format": Entry(
        Severity.ERROR,
        "{value} không phải là số tiền hợp lệ.",
        "ghi số nguyên, có thể dùng dấu chấm ngăn cách hàng nghìn, ví dụ 1.234.567.",
    ),
    "duplicate-slug": Entry(
        Severity.ERROR,
        "Tên tệp trùng đường dẫn '{slug}' với tệp {other}.",
        "đổi tên một trong hai tệp để địa chỉ trang không bị trùng.",
    ),
    "singleton-file": Entry(
        Severity.ERROR,
        "Loại nội dung này chỉ có một tệp '{expected}', nhưng đã gặp thêm tệp này.",
        "gộp nội dung vào tệp {expected} rồi xoá tệp thừa.",
    ),
    # Files referenced from content
    "path-outside-content": Entry(
        Severity.ERROR,
        "Đường dẫn tệp '{value}' trỏ ra ngoài thư mục content/.",
        "chép tệp vào cùng thư mục với tệp YAML (ví dụ thư mục files/) và ghi đường dẫn tương đối.",
    ),
    "path-missing": Entry(
        Severity.ERROR,
        "Không tìm thấy tệp đính kèm '{value}'.",
        "kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và đặt tệp cạnh tệp YAML.",
    ),
    "image-alt-missing": Entry(
        Severity.ERROR,
        "Ảnh '{value}' thiếu mô tả thay thế (alt).",
        "thêm 'alt: ...' mô tả ngắn nội dung ảnh cho người khiếm thị.",
    ),
    "image-unreadable": Entry(
        Severity.ERROR,
        "Tệp ảnh '{value}' không đọc được ({detail}).",
        "xuất lại ảnh dưới dạng PNG hoặc JPEG.",
    ),
    # Budget arithmetic
    "budget-sum-mismatch": Entry(
        Severity.ERROR,
        "Dòng {stt} '{item}', cột '{column}': ghi {value} nhưng tổng các dòng con là {expected}.",
        "sửa số ở dòng này hoặc ở các dòng con; nếu các dòng con chỉ là 'trong đó', "
        "ghi dòng đó dưới dạng {{cells: [...], sum: false}}.",
    ),
    "budget-percent-mismatch": Entry(
        Severity.ERROR,
        "Dòng {stt} '{item}', cột '{column}': ghi {value}% nhưng tính ra {expected}%.",
        "tính lại tỷ lệ = {numerator} / {denominator} × 100, làm tròn một chữ số thập phân.",
    ),
    "table-row-length": Entry(
        Severity.ERROR,
        "Dòng {row} của bảng có {found} ô nhưng bảng có {expected} cột.",
        "thêm hoặc bớt ô cho khớp số cột; ô trống ghi null.",
    ),
    "table-cell-type": Entry(
        Severity.ERROR,
        "Dòng {row}, cột '{column}': {value} không phải là số.",
        "ghi số, ví dụ 1234 hoặc 1.234; ô trống ghi null.",
    ),
    # Personal data
    "personal-data-field": Entry(
        Severity.ERROR,
        "Danh sách công khai không được có trường '{name}' (thông tin cá nhân không được phép "
        "công khai).",
        "chỉ giữ các trường: {allowed}; xoá trường '{name}' khỏi mọi dòng.",
    ),
    "personal-data-id": Entry(
        Severity.ERROR,
        "Có dãy số giống số CCCD/CMND ({masked}) trong nội dung công khai.",
        "xoá số định danh cá nhân; công khai chỉ cần họ tên chủ hộ và thôn.",
    ),
    "personal-data-phone": Entry(
        Severity.ERROR,
        "Có số điện thoại cá nhân ({masked}) trong nội dung công khai.",
        "chỉ công khai số điện thoại công vụ của cán bộ trong danh bạ cán bộ (can-bo.yml).",
    ),
    "personal-data-birthdate": Entry(
        Severity.ERROR,
        "Có ngày sinh ({masked}) trong danh sách công khai.",
        "xoá ngày, tháng, năm sinh khỏi danh sách.",
    ),
    # Config
    "config-missing": Entry(
        Severity.ERROR,
        "Không tìm thấy tệp cấu hình {value}.",
        "chạy lệnh trong thư mục có site_config.yml hoặc dùng --config ĐƯỜNG_DẪN.",
    ),
    # Build
    "engine-failed": Entry(
        Severity.ERROR,
        "Bước dựng trang (MkDocs) thất bại: {detail}.",
        "trang cũ trong site/ được giữ nguyên; báo lỗi này cho người quản trị kỹ thuật.",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing to tell staff, with where it is, what is wrong and how to fix it."""

    code: str
    severity: Severity
    message: str
    fix: str
    location: SourceLocation | None = None
    requirement: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": loc.path if loc else None,
            "line": loc.line if loc else None,
            "cell": loc.cell if loc else None,
            "field": loc.field if loc else None,
            "requirement": self.requirement,
            "message": self.message,
            "fix": self.fix,
        }

    def render(self) -> str:
        """Render as STYLE.md shows: location, field, code and message, then the fix."""
        head = str(self.location) if self.location else "(chung)"
        if self.location and self.location.field:
            head += f"  {self.location.field}"
        return (
            f"{head}\n  {self.severity.label} [{self.code}] {self.message}\n"
            f"  cách sửa: {self.fix}"
        )


def problem(
    code: str,
    location: SourceLocation | None = None,
    *,
    severity: Severity | None = None,
    requirement: str | None = None,
    **values: object,
) -> Problem:
    """Make a Problem from the catalogue, filling its templates with `values`."""
    entry = CATALOGUE[code]
    text = {k: str(v) for k, v in values.items()}
    return Problem(
        code=code,
        severity=severity or entry.severity,
        message=entry.message.format(**text),
        fix=entry.fix.format(**text),
        location=location,
        requirement=requirement,
    )


def has_blocking(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    return any(p.blocking for p in problems)


def sort_key(p: Problem) -> tuple[str, int, str]:
    loc = p.location
    return (loc.path if loc else "", (loc.line or 0) if loc else 0, p.code)
