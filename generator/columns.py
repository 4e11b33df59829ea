"""Which spreadsheet columns and labels mean which content fields, per kind.

Titles, types, choices and required fields come from the JSON Schemas (generator/schemas/);
this module adds only what staff write instead: header variants ("Họ và tên chủ hộ", "Số
khẩu"), choice variants ("cận nghèo", "HCN") and example values for messages and templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .schema import load_schema
from .vietnamese import fold

IMPORT_KINDS = (
    "officials",
    "budget",
    "poverty",
    "land-use",
    "procedures",
    "documents",
    "questions",
)
KIND_TITLES = {
    "officials": "danh sách cán bộ, đầu mối liên hệ",
    "budget": "biểu công khai ngân sách",
    "poverty": "danh sách hộ nghèo, hộ cận nghèo",
    "land-use": "bảng chỉ tiêu quy hoạch, kế hoạch sử dụng đất",
    "procedures": "danh sách thủ tục hành chính",
    "documents": "danh sách văn bản",
    "questions": "danh sách câu hỏi của người dân và trả lời",
}


@dataclass(frozen=True)
class Field:
    """One content field as staff meet it: in a column header or on the 'Thông tin' sheet."""

    key: str  # dotted path in the content file: head, decision.number
    title: str  # Vietnamese, from the schema
    type: str  # text, date, integer, number, boolean, choice, choices, list, dossier
    required: bool
    choices: tuple[tuple[str, str], ...] = ()  # (value written in content, Vietnamese label)
    aliases: tuple[str, ...] = ()  # folded header texts that mean this field
    example: str = ""
    description: str = ""
    label: str = ""  # on the 'Thông tin' sheet (meta fields only)

    def choice_labels(self) -> str:
        return ", ".join(label for _value, label in self.choices)

    def parse_choice(self, text: str) -> str | None:
        wanted = fold(text).strip(" .")
        for value, label in self.choices:
            if wanted in (fold(value), fold(label)):
                return value
        for value, variants in CHOICE_VARIANTS.get(self.key.rsplit(".", 1)[-1], {}).items():
            if wanted in variants:
                return value
        return None


# What staff write in headers instead of the schema title (compared after fold()).
HEADER_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "poverty": {
        "head": ("ho va ten chu ho", "chu ho", "ten chu ho", "ho va ten", "ho ten",
                 "ho ten chu ho gia dinh"),
        "village": ("thon, xom", "thon/xom", "thon xom", "xom", "to dan pho", "thon, to dan pho",
                    "thon/to dan pho", "thon (to dan pho)", "dia chi (thon)", "thon, ban", "ban",
                    "ap", "khu pho"),
        "category": ("phan loai ho", "loai ho", "dien ho", "ho ngheo/can ngheo",
                     "ho ngheo, can ngheo", "dien", "doi tuong"),
        "members": ("so khau", "nhan khau", "so nguoi", "so thanh vien", "so nhan khau trong ho",
                    "so nguoi trong ho", "tong so nhan khau"),
    },
    "officials": {
        "name": ("ho va ten", "ten"),
        "position": ("chuc danh",),
        "position_en": ("chuc vu tieng anh", "chuc danh (tieng anh)", "position"),
        "unit": ("co quan", "don vi cong tac", "noi cong tac"),
        "unit_en": ("don vi tieng anh", "co quan (tieng anh)", "unit"),
        "phone": ("dien thoai", "so dien thoai", "dien thoai co quan", "dien thoai cong vu", "dt",
                  "sdt"),
        "email": ("email", "e-mail", "thu dien tu", "hop thu", "dia chi thu dien tu"),
        "fax": ("fax",),
        "portfolio": ("phu trach", "nhiem vu duoc giao", "linh vuc"),
        "leader": ("la lanh dao", "lanh dao xa"),
        "contact_point": ("dau moi lien he", "lam dau moi"),
        "bio": ("ly lich", "ly lich tom tat", "tieu su"),
    },
    "procedures": {
        "code": ("ma tthc", "ma so", "ma", "ma thu tuc hanh chinh", "ma so tthc"),
        "name": ("ten thu tuc hanh chinh", "ten tthc", "thu tuc"),
        "steps": ("trinh tu", "cac buoc", "trinh tu thuc hien thu tuc"),
        "method": ("cach thuc", "cach thuc nop ho so"),
        "dossier": ("thanh phan, so luong ho so", "thanh phan ho so, so luong ho so", "ho so"),
        "time_limit": ("thoi gian giai quyet", "thoi han"),
        "applicants": ("doi tuong",),
        "agency": ("co quan giai quyet", "co quan thuc hien thu tuc"),
        "result": ("ket qua", "ket qua giai quyet"),
        "fees": ("le phi", "phi", "phi le phi", "phi va le phi"),
        "requirements": ("yeu cau dieu kien", "dieu kien", "yeu cau, dieu kien thuc hien"),
        "legal_basis": ("can cu", "can cu phap ly cua thu tuc"),
        "forms": ("mau don", "to khai", "mau don to khai"),
        "online": ("muc do dvc", "truc tuyen", "dvctt", "dich vu cong"),
        "dvc_url": ("duong dan", "link", "dia chi dvc", "duong dan dich vu cong"),
        "source": ("nguon",),
    },
    "documents": {
        "doc_type": ("hinh thuc van ban", "loai vb", "loai"),
        "number": ("so ky hieu", "so/ky hieu", "so hieu", "so van ban", "ky hieu",
                   "so hieu van ban"),
        "issuer": ("co quan ban hanh van ban", "noi ban hanh", "don vi ban hanh"),
        "issued_on": ("ngay ky", "ngay, thang, nam ban hanh", "ngay thang nam ban hanh",
                      "ngay van ban"),
        "effective_on": ("ngay hieu luc", "hieu luc tu ngay", "co hieu luc tu ngay"),
        "abstract": ("trich yeu noi dung", "ten van ban", "ve viec", "noi dung"),
        "file": ("tep", "tep dinh kem", "duong dan tep", "file"),
        "published_on": ("ngay dang",),
        "status": ("tinh trang hieu luc",),
    },
    "questions": {  # what feedback systems and one-stop desks export
        "title": ("tieu de", "tom tat", "trich yeu"),
        "question": ("noi dung", "noi dung cau hoi", "noi dung phan anh", "noi dung kien nghi",
                     "noi dung phan anh, kien nghi", "cau hoi cua nguoi dan"),
        "received_on": ("ngay gui", "ngay tiep nhan", "ngay hoi", "thoi gian gui",
                        "thoi gian tiep nhan", "ngay nhan cau hoi"),
        "channel": ("kenh", "kenh gui", "hinh thuc tiep nhan", "nguon tiep nhan", "hinh thuc"),
        "topic": ("chu de", "linh vuc hoi", "nhom linh vuc", "linh vuc phan anh"),
        "asker_initials": ("ten viet tat", "nguoi hoi (viet tat)", "ten viet tat nguoi hoi"),
        "asker_consent": ("dong y cong khai", "dong y cong khai ten", "nguoi hoi dong y"),
        "answer": ("noi dung tra loi", "ket qua tra loi", "tra loi cua ubnd xa", "y kien tra loi"),
        "answered_on": ("ngay tra loi cua xa", "thoi gian tra loi", "ngay phan hoi"),
        "answered_by": ("don vi tra loi", "co quan tra loi", "bo phan xu ly", "don vi xu ly",
                        "nguoi tra loi (chuc danh)"),
        "related": ("lien ket", "noi dung lien quan", "duong dan lien quan"),
    },
}  # fmt: skip

# Columns of personal data that an export of received questions always has: left out of
# the import with a note (import-personal-dropped), never published (folded headers).
PERSONAL_HEADERS: dict[str, tuple[str, ...]] = {
    "questions": (
        "ho ten", "ho va ten", "ten", "nguoi hoi", "ten nguoi hoi", "ho ten nguoi hoi",
        "nguoi gui", "ho ten nguoi gui", "dia chi", "dia chi nguoi hoi", "dia chi lien he",
        "email", "thu dien tu", "so dien thoai", "dien thoai", "sdt", "cccd", "so cccd",
        "so dinh danh", "ngay sinh", "nam sinh",
    ),
}  # fmt: skip

# What staff write instead of a choice's label (compared after fold()).
CHOICE_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "category": {
        "poor": ("ngheo", "hn", "ho ngheo"),
        "near_poor": ("can ngheo", "hcn", "ho can ngheo"),
        "escaped_poor": ("ho thoat ngheo", "htn"),
        "escaped_near_poor": ("ho thoat can ngheo", "htcn"),
    },
    "package": {
        "draft_estimate": ("du toan trinh", "du toan trinh hdnd xa", "trinh hdnd",
                           "du thao du toan"),
        "approved_estimate": ("du toan", "du toan duoc giao", "du toan duoc quyet dinh",
                              "du toan da duoc hdnd quyet dinh"),
        "execution": ("thuc hien", "thuc hien du toan", "tinh hinh thuc hien du toan"),
        "final_accounts": ("quyet toan ngan sach", "quyet toan ngan sach xa"),
    },
    "period": {
        "q1": ("quy 1", "3 thang", "ba thang", "q1"),
        "h1": ("sau thang", "6 thang dau nam"),
        "m9": ("chin thang",),
        "year": ("nam", "ca nam", "uoc ca nam"),
    },
    "review": {
        "annual": ("dinh ky", "hang nam", "hang nam", "ra soat dinh ky", "dinh ky hang nam"),
        "regular": ("ra soat thuong xuyen",),
    },
    "plan_type": {
        "plan": ("quy hoach",),
        "annual_plan": ("ke hoach", "ke hoach su dung dat", "ke hoach hang nam"),
    },
    "online": {
        "full": ("dvc toan trinh", "truc tuyen toan trinh", "muc do 4", "muc 4"),
        "partial": ("dvc mot phan", "truc tuyen mot phan", "muc do 3", "muc 3"),
        "none": ("khong", "chua", "muc do 2", "muc 2", "truc tiep", "chua truc tuyen"),
    },
    "channel": {
        "portal": ("trang thong tin dien tu", "cong thong tin dien tu", "website", "trang web",
                   "truc tuyen", "cong thong tin"),
        "email": ("thu dien tu", "e-mail", "mail"),
        "one_stop": ("bo phan mot cua", "mot cua", "trung tam phuc vu hanh chinh cong",
                     "truc tiep tai mot cua"),
        "reception": ("tiep cong dan", "truc tiep"),
        "feedback": ("phan anh kien nghi", "he thong phan anh, kien nghi", "pakn",
                     "cong dich vu cong", "1022"),
        "phone": ("dien thoai", "duong day nong", "hotline"),
        "letter": ("thu", "don", "buu dien", "thu, don", "don thu"),
        "meeting": ("hoi nghi", "doi thoai", "tiep xuc cu tri"),
    },
    "contact_point": {
        "ati": ("cung cap thong tin", "tiep can thong tin"),
        "tthc": ("mot cua", "tiep nhan ho so"),
        "press": ("nguoi phat ngon", "phat ngon bao chi"),
        "complaints": ("khieu nai", "pakn", "phan anh kien nghi", "tiep nhan phan anh"),
    },
}  # fmt: skip

EXAMPLES: dict[str, str] = {
    "head": "Nguyễn Văn An",
    "village": "Thôn 1",
    "members": "4",
    "name": "Nguyễn Văn An",
    "position": "Chủ tịch UBND xã",
    "position_en": "Chairman of the Commune People's Committee",
    "unit": "UBND xã Nguyễn Trãi",
    "unit_en": "Nguyen Trai Commune People's Committee",
    "portfolio": "Phụ trách chung",
    "bio": "Sinh năm 1975; cử nhân Luật",
    "leader": "x (để trống nếu không phải lãnh đạo)",
    "code": "1.001193",
    "field": "Hộ tịch",
    "steps": "Bước 1: Nộp hồ sơ (mỗi bước một dòng trong ô)",
    "method": "Trực tiếp tại Bộ phận Một cửa (mỗi cách một dòng trong ô)",
    "dossier": "Tờ khai đăng ký khai sinh (01 bản chính) (mỗi giấy tờ một dòng)",
    "time_limit": "Ngay trong ngày làm việc",
    "applicants": "Cá nhân",
    "agency": "UBND cấp xã",
    "result": "Giấy khai sinh",
    "fees": "Miễn lệ phí",
    "requirements": "Không",
    "legal_basis": "Luật Hộ tịch số 60/2014/QH13 (mỗi văn bản một dòng)",
    "forms": "Tờ khai đăng ký khai sinh (mỗi mẫu một dòng)",
    "source": "Cơ sở dữ liệu quốc gia về TTHC",
    "code_note": "Đã đối chiếu trên Cổng Dịch vụ công quốc gia",
    "doc_type": "Nghị quyết",
    "number": "15/NQ-HĐND",
    "issuer": "HĐND xã Nguyễn Trãi",
    "abstract": "Về dự toán ngân sách xã năm 2025",
    "file": "files/15-nq-hdnd.pdf",
    "title": "Công khai dự toán ngân sách xã năm 2025",
    "poverty.title": "Công khai kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025",
    "land-use.title": "Kế hoạch sử dụng đất năm 2026 xã Nguyễn Trãi",
    "procedures.name": "Đăng ký khai sinh",
    "budget.legal_basis": "Luật Ngân sách nhà nước số 83/2015/QH13",
    "poverty.legal_basis": "Quyết định số 24/2021/QĐ-TTg",
    "land-use.legal_basis": "Luật Đất đai số 31/2024/QH15",
    "dvc_url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html"
    "?ma_thu_tuc=1.001193",
    "type": "Nghị quyết",
    "narrative": "Thuyết minh tình hình ngân sách (có thể nhiều dòng)",
    "summary": "Tóm tắt ngắn",
    "places": "Trụ sở UBND xã; Nhà văn hóa các thôn",
    "from": "27/12/2024",
    "to": "27/03/2025",
    "date": "20/12/2024",
    "correction_of": "Đính chính số liệu dòng 5 biểu 117",
    "questions.title": "Cấp đổi giấy chứng nhận quyền sử dụng đất",
    "question": "Xin hỏi muốn cấp đổi giấy chứng nhận đã cũ thì nộp hồ sơ ở đâu?",
    "received_on": "08/01/2024",
    "topic": "Đất đai",
    "asker_initials": "N.V.H. (chỉ khi người hỏi đồng ý)",
    "asker_consent": "x (người hỏi đồng ý công khai tên viết tắt)",
    "answer": "Hồ sơ nộp tại Bộ phận Một cửa của UBND xã…",
    "answered_on": "15/01/2024",
    "answered_by": "Công chức Địa chính - Xây dựng",
    "related": "thu-tuc/dang-ky-khai-sinh (mỗi đường dẫn một dòng)",
}
_TYPE_EXAMPLES = {"date": "20/12/2024", "integer": "2025", "number": "1.234.567"}


def _common() -> dict[str, Any]:
    defs: dict[str, Any] = load_schema("common")["$defs"]
    return defs


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its $ref followed (the node's own title and description win)."""
    ref = node.get("$ref")
    if not ref:
        return node
    name = ref.rsplit("/", 1)[-1]
    target = _common().get(name, {}) if "$defs/" in ref else {}
    merged = {**resolve(target), **{k: v for k, v in node.items() if k != "$ref"}}
    return merged


def parse_choices(description: str) -> tuple[tuple[str, str], ...]:
    """'poor (hộ nghèo), near_poor (hộ cận nghèo)' → (('poor', 'hộ nghèo'), …)."""
    return tuple(re.findall(r"([a-z0-9_]+) \(([^()]*)\)", description))


def field_type(node: dict[str, Any]) -> str:
    node = resolve(node)
    if node.get("x-format") == "date":
        return "date"
    if "enum" in node:
        return "choice"
    kind = node.get("type")
    if isinstance(kind, list):
        kind = "number" if "number" in kind else kind[0]
    if kind == "array":
        items = resolve(node.get("items", {}))
        if "enum" in items:
            return "choices"
        return "dossier" if items.get("type") == "object" else "list"
    return {"integer": "integer", "number": "number", "boolean": "boolean"}.get(str(kind), "text")


def make_field(kind: str, key: str, node: dict[str, Any], required: bool, label: str = "") -> Field:
    node = resolve(node)
    name = key.rsplit(".", 1)[-1]
    typ = field_type(node)
    title = node.get("title", name)
    description = node.get("description", "")
    choices: tuple[tuple[str, str], ...] = ()
    if typ in ("choice", "choices"):
        source = node if typ == "choice" else resolve(node.get("items", {}))
        choices = parse_choices(description) or tuple((v, v) for v in source.get("enum", []))
    aliases = {fold(title), fold(name), fold(name.replace("_", " "))}
    aliases.update(HEADER_VARIANTS.get(kind, {}).get(name, ()))
    if label:
        aliases.add(fold(label))
    example = (
        EXAMPLES.get(f"{kind}.{name}")
        or EXAMPLES.get(name)
        or _example_from(description)
        or _TYPE_EXAMPLES.get(typ, "")
    )
    if typ in ("choice", "choices") and choices:
        example = choices[0][1]
    return Field(
        key, title, typ, required, choices, tuple(sorted(aliases)), example, description, label
    )


def _example_from(description: str) -> str:
    m = re.search(r"[Vv]í dụ:? ([^;]+?)\.?$", description)
    return m.group(1) if m else ""


# Rows of a list (one row per household, official, procedure or document) --------------------

LIST_KEYS = {"officials": "officials", "poverty": "households"}  # one file holding a list
NOT_COLUMNS = {"procedures": ("publication",), "questions": ("attachments",)}
MAY_BE_EMPTY = {"procedures": ("code",)}
ROW_ITEMS = {
    "officials": "cán bộ",
    "poverty": "hộ",
    "procedures": "thủ tục",
    "documents": "văn bản",
    "questions": "câu hỏi",
}
IGNORED_HEADERS = ("stt", "tt", "so tt", "so thu tu", "thu tu")


@cache
def row_fields(kind: str) -> tuple[Field, ...]:
    """The columns a list of `kind` may have, in schema order."""
    root = load_schema(kind)
    node = root
    if kind in LIST_KEYS:
        node = root["properties"][LIST_KEYS[kind]]["items"]
    # A procedure's code is required but may be left empty ("" = not yet confirmed).
    required = set(node.get("required", [])) - set(MAY_BE_EMPTY.get(kind, ()))
    skip = NOT_COLUMNS.get(kind, ())
    return tuple(
        make_field(kind, key, prop, key in required)
        for key, prop in node["properties"].items()
        if key not in skip
    )


# Metadata of a disclosure (the 'Thông tin' sheet or command-line options) -------------------

META_KEYS: dict[str, tuple[str, ...]] = {
    "budget": ("title", "budget_year", "package", "period"),
    "poverty": ("title", "year", "review"),
    "land-use": ("title", "plan_type", "period.from", "period.to"),
}
_ENVELOPE = (
    "decision.type", "decision.number", "decision.date", "decision.issuer",
    "published_on", "posting.from", "posting.to", "posting.places", "channels",
)  # fmt: skip
_TAIL = {
    "budget": ("narrative", "summary", "announcement.type", "announcement.number",
               "announcement.date", "announcement.issuer", "legal_basis"),
    "poverty": ("summary", "legal_basis"),
    "land-use": ("summary", "legal_basis"),
}  # fmt: skip
GROUP_LABELS = {"announcement": "Quyết định công bố"}
# Required in content, but not of staff: a title is made from the package and year; the
# period only matters for execution reports (envelope.read asks for it then).
_NOT_ASKED = {("budget", "title"), ("poverty", "title"), ("budget", "period")}
NOTES = {
    ("budget", "title"): "để trống thì tự đặt theo loại công khai và năm",
    ("poverty", "title"): "để trống thì tự đặt theo năm rà soát",
    ("budget", "period"): "bắt buộc với tình hình thực hiện",
    ("procedures", "code"): "để trống nếu chưa xác minh",
}


@cache
def meta_fields(kind: str) -> tuple[Field, ...]:
    """The fields of a disclosure that a spreadsheet's table does not carry."""
    root = load_schema(kind)
    out = []
    for key in (*META_KEYS[kind], *_ENVELOPE, *_TAIL[kind]):
        node: dict[str, Any] = root
        required = True
        for part in key.split("."):
            node = resolve(node)
            required = required and part in node.get("required", [])
            node = node["properties"][part]
        title = resolve(node).get("title", key)
        group = key.split(".")[0] if "." in key else ""
        label = f"{GROUP_LABELS[group]}: {title}" if group in GROUP_LABELS else title
        if (kind, key) in _NOT_ASKED:
            required = False
        out.append(make_field(kind, key, node, required, label))
    return tuple(out)


def header_keys(text: str) -> tuple[str, ...]:
    """Ways to compare a header: as written, and without notes in brackets or marks."""
    folded = fold(text).strip(" :*")
    folded = re.sub(r"\s*\(\*\)$", "", folded)
    bare = re.sub(r"\s*\([^()]*\)", "", folded).strip(" :*")
    return (folded, bare) if bare and bare != folded else (folded,)


def match_field(fields: tuple[Field, ...], text: str) -> Field | None:
    for key in header_keys(text):
        for f in fields:
            if key in f.aliases:
                return f
    return None


def is_ignored_header(text: str) -> bool:
    return any(k in IGNORED_HEADERS for k in header_keys(text))
