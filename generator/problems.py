"""Problems: the catalogue of everything congkhai can tell staff, and the Problem record.

Each problem has a stable kebab-case code, a severity and Vietnamese text written for a
commune official: what is wrong, and how to fix it. Messages are templates filled with
named values, so that tests can pin whole sentences and the docs can list every code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
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
    "path-collision": Entry(
        Severity.ERROR,
        "'{dest}' trên trang được tạo từ cả {value} và {other} (tên giống nhau sau khi bỏ dấu, "
        "chữ hoa và khoảng trắng): cái sau sẽ đè cái trước.",
        "đổi tên một trong hai tệp cho khác hẳn, ví dụ thêm số hoặc năm vào tên.",
    ),
    "slug-empty": Entry(
        Severity.ERROR,
        "Tên '{value}' không có chữ hoặc số nào nên không làm được địa chỉ trên trang.",
        "đặt tên bằng chữ hoặc số, ví dụ du-toan-2025.yml hoặc quyet-dinh-15.pdf.",
    ),
    "file-type-refused": Entry(
        Severity.ERROR,
        "Không đăng được tệp '{value}': {reason}.",
        "đính kèm bản PDF của tài liệu, hoặc lưu ảnh dạng JPG hay PNG rồi đính kèm bản đó.",
    ),
    "image-too-large": Entry(
        Severity.ERROR,
        "Ảnh '{value}' có {pixels} triệu điểm ảnh, vượt giới hạn {limit} triệu.",
        "thu nhỏ ảnh (cạnh dài khoảng 3000–4000 điểm ảnh là đủ) rồi lưu lại.",
    ),
    "table-too-long": Entry(
        Severity.ERROR,
        "{what} có {rows} dòng, vượt giới hạn {limit} dòng.",
        "chia thành nhiều bảng hoặc nhiều tệp nhỏ hơn, ví dụ theo thôn hoặc theo quý.",
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
    "asker-consent-missing": Entry(
        Severity.ERROR,
        "Có tên viết tắt của người hỏi nhưng chưa ghi người hỏi đồng ý công khai.",
        "nếu người hỏi đã đồng ý, thêm dòng 'asker_consent: true'; nếu chưa, xoá dòng "
        "'asker_initials'.",
    ),
    "asker-initials-format": Entry(
        Severity.ERROR,
        '"{value}" không phải tên viết tắt: chỉ được công khai chữ cái đầu của họ tên người hỏi.',
        "ghi chữ cái đầu viết hoa, ví dụ N.V.A.; không bao giờ ghi họ tên đầy đủ.",
    ),
    "asker-name-in-text": Entry(
        Severity.WARNING,
        'Câu hỏi có vẻ ghi họ tên người hỏi ("{found}").',
        "bỏ họ tên, địa chỉ và mọi thông tin giúp nhận ra người hỏi khỏi câu hỏi trước khi "
        "công khai.",
    ),
    # Questions and answers
    "answer-date-missing": Entry(
        Severity.ERROR,
        "Đã có nội dung trả lời nhưng chưa ghi ngày trả lời.",
        "thêm 'answered_on: ...' (ngày xã trả lời người hỏi) vào {where}.",
    ),
    "answer-missing": Entry(
        Severity.ERROR,
        "Đã ghi ngày trả lời nhưng chưa có nội dung trả lời.",
        "thêm 'answer: |' và nội dung trả lời ở các dòng dưới; nếu chưa trả lời, xoá "
        "'answered_on'.",
    ),
    "question-unanswered": Entry(
        Severity.WARNING,
        "Câu hỏi nhận ngày {received} chưa được trả lời: hạn trả lời là ngày {due} ({days} "
        "ngày, {basis}), đã quá {late} ngày.",
        "trả lời người hỏi, rồi ghi 'answer' và 'answered_on' vào {where}.",
    ),
    "question-answered-late": Entry(
        Severity.INFO,
        "Câu hỏi nhận ngày {received} được trả lời ngày {answered}, muộn {late} ngày so với "
        "hạn {due} ({days} ngày, {basis}).",
        "không cần sửa nếu các ngày đã đúng; lần sau trả lời trong thời hạn.",
    ),
    "link-broken": Entry(
        Severity.WARNING,
        "Liên kết '{ref}' không dẫn tới nội dung nào trên trang.{guess}",
        "ghi đường dẫn của một nội dung có trong content/: tên thư mục, hoặc thư mục/tên tệp "
        "không có đuôi .yml, ví dụ van-ban/04-kh-ubnd-2024.",
    ),
    # Completeness against the legal requirements (assess.py). Severity here is the usual
    # one; a rule of low confidence, or one marked `blocking: false`, lowers it to a warning.
    "requirement-missing": Entry(
        Severity.ERROR,
        'Chưa có nội dung "{title}" ({rid}) theo {basis}.',
        "{how}.",
    ),
    "requirement-overdue": Entry(
        Severity.ERROR,
        'Chưa công khai "{title}"{label}: hạn chót là ngày {due} ({rule_text}), '
        "đã quá {late} ngày.",
        "công khai ngay: {how}; ghi đúng ngày công khai vào 'published_on'.",
    ),
    "requirement-late": Entry(
        Severity.WARNING,
        '"{title}"{label} công khai ngày {published}, muộn {late} ngày so với hạn '
        "{due} ({rule_text}).",
        "nếu ngày ghi chưa đúng thì sửa '{date_field}' trong {where}; nếu thực tế công khai "
        "muộn, lần sau "
        "công khai trong thời hạn.",
    ),
    "outage-short-notice": Entry(
        Severity.WARNING,
        "Thông báo tạm ngừng trang ngày {announced}, muộn {late} ngày so với hạn {due}: phải "
        "báo trước ít nhất {days} ngày làm việc trước ngày bắt đầu tạm ngừng ({start}) theo "
        "{basis}.",
        "dời ngày bắt đầu tạm ngừng ('outage.from' trong site_config.yml) sang {earliest} hoặc "
        "muộn hơn; nếu phải ngừng vì sự cố bất khả kháng, thêm 'force_majeure: true'; nếu ngày "
        "thông báo ghi chưa đúng, sửa 'outage.announced_on'.",
    ),
    "requirement-incomplete": Entry(
        Severity.ERROR,
        '{subject} thiếu {field_vi}, cần cho "{title}" ({basis}).',
        "thêm '{field}: ...' vào {where}.",
    ),
    "recommended-field-missing": Entry(
        Severity.WARNING,
        "{subject} chưa có {field_vi}; nên có theo {basis}.",
        "thêm '{field}: ...' vào {where}.",
    ),
    "items-none": Entry(
        Severity.ERROR,
        "Danh sách chưa có ai được ghi '{condition}', cần cho \"{title}\" ({basis}).",
        "thêm '{condition}' cho người phụ trách trong {where}.",
    ),
    "budget-form-missing": Entry(
        Severity.ERROR,
        "Thiếu biểu số {form} ({form_title}) theo {basis}.",
        "thêm một bảng có 'form: \"{form}/CK TC-NSNN\"' vào 'tables' trong {where}.",
    ),
    "field-pattern": Entry(
        Severity.ERROR,
        '{field_vi} "{value}" không đúng dạng theo {basis}.',
        "ghi theo dạng {example} trong {where}.",
    ),
    "posting-too-short": Entry(
        Severity.ERROR,
        "Niêm yết từ {start} đến {end} được {days} {unit}, ít hơn mức tối thiểu {minimum} "
        "{unit} ({basis}).",
        "niêm yết đủ thời gian: sửa 'posting.to' trong {where} thành ngày {until} hoặc muộn hơn.",
    ),
    "posting-conflict": Entry(
        Severity.WARNING,
        "Niêm yết từ {start} đến {end} được {days} ngày, ít hơn {minimum} ngày liên tục "
        "({basis}). {note}",
        "nên niêm yết đủ: sửa 'posting.to' trong {where} thành ngày {until} hoặc muộn hơn.",
    ),
    "posting-missing": Entry(
        Severity.WARNING,
        "Chưa ghi thời gian niêm yết, trong khi nội dung này phải niêm yết ít nhất {minimum} "
        "{unit} ({basis}).",
        "thêm 'posting: {{from: ..., to: ..., places: [...]}}' vào {where}.",
    ),
    "posting-not-permanent": Entry(
        Severity.ERROR,
        "Nội dung này phải niêm yết thường xuyên ({basis}) nhưng 'posting.to' ghi ngày {end}, "
        "đã qua.",
        "nếu văn bản còn hiệu lực, sửa 'posting.to' trong {where} thành ngày văn bản được thay "
        "thế; nếu đã thay thế, thêm tệp cho văn bản mới.",
    ),
    "posting-plan-period": Entry(
        Severity.ERROR,
        "Quy hoạch, kế hoạch kỳ {period} phải công khai suốt kỳ ({basis}) nhưng 'posting.to' "
        "chỉ đến ngày {end}.",
        "sửa 'posting.to' trong {where} thành ngày {until}.",
    ),
    "broadcast-missing": Entry(
        Severity.WARNING,
        "Chưa ghi việc đọc trên hệ thống truyền thanh của xã ít nhất {days} ngày liên tục "
        "({basis}).",
        "nếu đã phát trên loa, thêm 'loudspeaker' vào 'channels' trong {where}; xã không có "
        "hệ thống truyền thanh thì bỏ qua cảnh báo này.",
    ),
    "channel-missing": Entry(
        Severity.WARNING,
        "Chưa ghi hình thức công khai: {channels} ({basis}).",
        "nếu đã thực hiện, thêm {codes} vào 'channels' trong {where}.",
    ),
    "requirement-file-invalid": Entry(
        Severity.ERROR,
        'Tệp có lỗi cấu trúc nên chưa được tính cho "{title}" ({rid}).',
        "sửa các lỗi khác được báo cho tệp này rồi chạy lại lệnh kiểm tra.",
    ),
    "requirement-unknown": Entry(
        Severity.WARNING,
        "Mã yêu cầu '{rid}' không có trong danh mục yêu cầu công khai.",
        "kiểm tra lỗi chính tả; ví dụ các mã đúng: {examples}.",
    ),
    "rule-low-confidence": Entry(
        Severity.INFO,
        'Yêu cầu "{title}" ({rid}) dựa trên {part} chưa được đối chiếu đầy đủ với '
        "văn bản gốc, nên chỉ cảnh báo, không chặn việc dựng trang.",
        "xã vẫn nên thực hiện đúng hạn; khi có hướng dẫn của cơ quan cấp trên, làm theo "
        "hướng dẫn đó.",
    ),
    # Importing spreadsheets (congkhai import, template, new)
    "import-file-type": Entry(
        Severity.ERROR,
        "Không nhập được tệp có đuôi '{suffix}'.",
        "lưu bảng dạng Excel (.xlsx) hoặc CSV (.csv), ví dụ ho-ngheo-2025.xlsx.",
    ),
    "import-file-unreadable": Entry(
        Severity.ERROR,
        "Không đọc được tệp ({detail}).",
        "mở tệp bằng Excel, chọn Tệp → Lưu thành → Excel Workbook (.xlsx) hoặc CSV UTF-8, "
        "rồi nhập lại.",
    ),
    "import-file-too-large": Entry(
        Severity.ERROR,
        "Tệp nặng {size}, vượt giới hạn {limit} cho tệp nhập.",
        "chia bảng thành nhiều tệp nhỏ hơn (ví dụ theo thôn), hoặc xoá các trang và ảnh thừa.",
    ),
    "import-file-bomb": Entry(
        Severity.ERROR,
        "Tệp Excel giải nén ra {size} dữ liệu{detail}, vượt giới hạn {limit}: tệp hỏng hoặc "
        "không an toàn.",
        "mở tệp bằng Excel, chép phần bảng cần nhập sang một tệp mới rồi lưu lại dạng .xlsx.",
    ),
    "import-too-many-rows": Entry(
        Severity.ERROR,
        "Trang '{sheet}' có {rows} dòng, vượt giới hạn {limit} dòng cho một lần nhập.",
        "chia bảng thành nhiều tệp nhỏ hơn (ví dụ theo thôn) rồi nhập từng tệp.",
    ),
    "cell-formula-no-value": Entry(
        Severity.ERROR,
        "Ô có công thức {formula} nhưng tệp chưa lưu kết quả tính.",
        "mở tệp bằng Excel hoặc LibreOffice, bấm Lưu rồi nhập lại (khi lưu, Excel ghi cả kết "
        "quả của công thức).",
    ),
    "legacy-font-converted": Entry(
        Severity.INFO,
        "{count} ô gõ bằng phông {font} (bảng mã cũ) đã được chuyển sang Unicode, ví dụ "
        "'{before}' → '{after}'.",
        "đọc lại nội dung đã chuyển, nhất là chữ hoa; lần sau gõ bằng bảng mã Unicode "
        "(Unikey: bảng mã Unicode, phông Times New Roman).",
    ),
    "legacy-font": Entry(
        Severity.ERROR,
        "Ô có chữ gõ bằng phông cũ (TCVN3 hoặc VNI) không chuyển chắc chắn được sang Unicode: "
        "'{value}'.",
        "chuyển mã cả bảng bằng Unikey Toolkit (Ctrl+Shift+F6, từ TCVN3 hoặc VNI Windows sang "
        "Unicode), lưu rồi nhập lại; chữ đúng trông như 'Thôn Đông'.",
    ),
    "import-header-missing": Entry(
        Severity.ERROR,
        "Không tìm thấy dòng tiêu đề cột của {what} trong {rows} dòng đầu.",
        "dòng tiêu đề cần có các cột: {columns}; tải tệp mẫu bằng lệnh 'congkhai template {kind}'.",
    ),
    "import-unknown-column": Entry(
        Severity.ERROR,
        "Cột '{header}' không thuộc mẫu {what}.",
        "đổi tiêu đề cho đúng một trong: {columns}; hoặc xoá cột nếu không cần công khai.",
    ),
    "import-personal-column": Entry(
        Severity.ERROR,
        "Cột '{header}' là {label}: thông tin cá nhân không được công khai.",
        "xoá cả cột khỏi bảng trước khi nhập; danh sách chỉ gồm các cột: {allowed}.",
    ),
    "import-personal-dropped": Entry(
        Severity.INFO,
        "Cột '{header}' là thông tin cá nhân của người hỏi nên không được nhập.",
        "không cần sửa: câu hỏi được công khai không kèm họ tên, điện thoại, địa chỉ của "
        "người hỏi.",
    ),
    "import-missing-column": Entry(
        Severity.ERROR,
        "Thiếu cột bắt buộc '{title}'.",
        "thêm cột '{title}' vào dòng tiêu đề; giá trị ví dụ: {example}.",
    ),
    "import-duplicate-column": Entry(
        Severity.ERROR,
        "Cột '{header}' trùng nội dung với cột {other}.",
        "giữ một cột, xoá hoặc đổi tiêu đề cột còn lại.",
    ),
    "import-column-no-header": Entry(
        Severity.ERROR,
        "Cột {column} có dữ liệu nhưng không có tiêu đề.",
        "ghi tiêu đề cho cột, ví dụ '{example}', hoặc xoá cột.",
    ),
    "cell-empty": Entry(
        Severity.ERROR,
        "Ô '{title}' bắt buộc nhưng đang để trống.",
        "điền {title_lower}, ví dụ: {example}.",
    ),
    "import-no-rows": Entry(
        Severity.ERROR,
        "Không có dòng dữ liệu nào dưới dòng tiêu đề.",
        "ghi dữ liệu ngay dưới dòng tiêu đề (hoặc dưới dòng hướng dẫn), mỗi dòng một {item}.",
    ),
    "import-total-row": Entry(
        Severity.INFO,
        "Dòng '{text}' là dòng tổng cộng nên không được nhập như một {item}.",
        "không cần sửa: trang tự tính tổng từ các dòng.",
    ),
    "import-sheet-skipped": Entry(
        Severity.INFO,
        "Trang '{sheet}' không có bảng theo mẫu {what} nên không được nhập.",
        "nếu cần nhập trang này, ghi dòng tiêu đề cột như tệp mẫu 'congkhai template {kind}'.",
    ),
    "import-meta-missing": Entry(
        Severity.ERROR,
        "Thiếu {title} ({field}).",
        "thêm {option} khi chạy lệnh, hoặc điền vào trang 'Thông tin' của tệp Excel; "
        "ví dụ: {example}.",
    ),
    "import-unknown-label": Entry(
        Severity.WARNING,
        "Dòng '{label}' trên trang Thông tin không khớp trường nào nên không được nhập.",
        "ghi nhãn ở cột A đúng một trong: {labels}.",
    ),
    "import-phone-zero": Entry(
        Severity.INFO,
        "Số điện thoại {value} mất số 0 ở đầu vì Excel coi là số; đã ghi thành {fixed}.",
        "định dạng cột điện thoại là Văn bản (Text) trong Excel, ví dụ 0221 3865 100.",
    ),
    "import-duplicate-file": Entry(
        Severity.ERROR,
        "Dòng này tạo ra tệp {target}, trùng với dòng ở ô {other}.",
        "mỗi mục chỉ ghi một dòng; sửa tên hoặc số, ký hiệu cho khác nhau.",
    ),
    "file-exists": Entry(
        Severity.ERROR,
        "Tệp {target} đã có nên không ghi đè.",
        "thêm --force để ghi đè, hoặc ghi ra tệp khác bằng --output.",
    ),
    # History and withdrawals (generator/history.py, generator/withdrawals.py)
    "history-unavailable": Entry(
        Severity.INFO,
        "Không đọc được lịch sử thay đổi của nội dung ({detail}): trang sẽ không có mục "
        "'Lịch sử thay đổi' và chưa kiểm tra được nội dung đã bị xoá.",
        "dựng trang từ bản sao đầy đủ của kho git (git clone, không dùng --depth); trong CI "
        "đặt fetch-depth: 0 (GitHub Actions) hoặc GIT_DEPTH: 0 (GitLab CI).",
    ),
    "history-shallow": Entry(
        Severity.INFO,
        "Kho git chỉ có một phần lịch sử (bản sao nông): mục 'Lịch sử thay đổi' có thể thiếu "
        "các lần sửa cũ và có thể bỏ sót nội dung đã bị xoá.",
        "chạy 'git fetch --unshallow'; trong CI đặt fetch-depth: 0 (GitHub Actions) hoặc "
        "GIT_DEPTH: 0 (GitLab CI).",
    ),
    "removed-in-posting-window": Entry(
        Severity.ERROR,
        '"{title}" đã bị xoá ngày {removed} (lần ghi {commit}: "{reason}") khi thời gian niêm '
        "yết {window} chưa kết thúc. Thông tin đang niêm yết không được gỡ hay thay thế mà "
        "không công bố lý do.",
        "nếu xoá nhầm, khôi phục bằng lệnh 'git checkout {commit}^ -- {git_path}'; nếu thu hồi "
        "là đúng, ghi vào {register} một mục gồm 'path: {path}', 'date:' (ngày quyết định thu "
        "hồi) và 'reason:' (lý do thu hồi hoặc thay thế).",
    ),
    "withdrawn-still-present": Entry(
        Severity.WARNING,
        "Tệp {path} được ghi là đã thu hồi nhưng vẫn còn trong thư mục nội dung nên còn trên "
        "trang.",
        "xoá tệp {path} nếu đã thu hồi thật, hoặc bỏ mục này khỏi {register}.",
    ),
    # Config
    "outage-order": Entry(
        Severity.ERROR,
        "Ngày khôi phục trang ({to}) trước ngày bắt đầu tạm ngừng ({start}).",
        "sửa 'outage.from' và 'outage.to' trong site_config.yml, ví dụ from: 2026-09-14, "
        "to: 2026-09-15.",
    ),
    "config-missing": Entry(
        Severity.ERROR,
        "Không tìm thấy tệp cấu hình {value}.",
        "chạy lệnh trong thư mục có site_config.yml hoặc dùng --config ĐƯỜNG_DẪN.",
    ),
    # Province: many communes in one repository (province.yml)
    "province-missing": Entry(
        Severity.ERROR,
        "Không tìm thấy tệp danh sách xã của tỉnh {value}.",
        "chạy lệnh trong thư mục có province.yml (mẫu: province/province.yml) hoặc dùng "
        "--province ĐƯỜNG_DẪN.",
    ),
    "province-duplicate": Entry(
        Severity.ERROR,
        "{what} '{value}' đã dùng cho xã ở dòng {first}.",
        "mỗi xã có một mã và một tên miền riêng: sửa hoặc xoá dòng trùng.",
    ),
    "province-reserved": Entry(
        Severity.ERROR,
        "Mã xã '{value}' trùng tên thư mục dành cho trang của tỉnh ({reserved}).",
        "chọn mã khác cho xã này.",
    ),
    "province-domain": Entry(
        Severity.ERROR,
        "Tên miền {value} không thuộc tên miền của tỉnh {province}.",
        "ghi theo dạng tenxa.{province} (Nghị định 224/2026/NĐ-CP, Điều 11 khoản 4 điểm c).",
    ),
    "province-unknown-commune": Entry(
        Severity.ERROR,
        "Không có xã mã '{value}' trong {file}.",
        "dùng một trong các mã: {slugs}.",
    ),
    "commune-crashed": Entry(
        Severity.ERROR,
        "Việc dựng trang của xã dừng đột ngột ({detail}).",
        "trang cũ của xã được giữ nguyên, các xã khác không bị ảnh hưởng; báo lỗi này cho "
        "người quản trị kỹ thuật.",
    ),
    "report-unreadable": Entry(
        Severity.ERROR,
        "Không đọc được báo cáo {value}: {detail}.",
        "dùng tệp bao-cao-cong-khai.json trên trang của xã, hoặc tệp trong thư mục báo cáo "
        "mà lệnh 'congkhai build --all' ghi ra.",
    ),
    # Build
    "portal-function-missing": Entry(
        Severity.ERROR,
        "Trang vừa dựng thiếu chức năng {what} ({basis}): không thấy {where}.",
        "trang cũ được giữ nguyên; báo lỗi này cho người quản trị kỹ thuật (giao diện theme/ "
        "hoặc cấu hình đã bị sửa).",
    ),
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
            f"{head}\n  {self.severity.label} [{self.code}] {self.message}\n  cách sửa: {self.fix}"
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
