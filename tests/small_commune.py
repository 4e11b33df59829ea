"""A small commune for the print-notice, open-data and feed tests, and a QR reader.

Content is written with the `tree` fixture; `render_site` runs load → validate → render
(no assessment, no MkDocs) so the tests see the generator's own pages and data bytes.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import zxingcpp
from PIL import Image, ImageDraw

from generator.config import load_config
from generator.load import load
from generator.render import Rendered, Renderer
from generator.validate import validate

AS_OF = date(2026, 11, 27)
BASE = "https://thunghiem.hungyen.gov.vn/"
PDF = b"%PDF-1.4\n% tep mau\n"

BUDGET = """\
title: Công khai dự toán ngân sách xã năm 2025
summary: Tổng thu, tổng chi ngân sách xã 300 triệu đồng.
budget_year: 2025
package: approved_estimate
decision: {type: Nghị quyết, number: 15/NQ-HĐND, date: 2024-12-20, issuer: HĐND xã Thử Nghiệm}
published_on: 2024-12-26
posting: {from: 2024-12-26, to: 2025-02-03, places: [Trụ sở UBND xã, Nhà văn hóa thôn 1]}
legal_basis: [Luật Ngân sách nhà nước số 83/2015/QH13]
attachments:
- {file: files/quyet-dinh.pdf, title: Nghị quyết số 15/NQ-HĐND}
narrative: Thuyết minh dự toán.
tables:
- form: 108/CK TC-NSNN
  title: Cân đối dự toán
  unit: triệu đồng
  note: Số liệu mẫu.
  columns:
  - {title: STT, type: text}
  - {title: Nội dung, type: text}
  - {title: Dự toán, type: amount}
  - {title: So sánh (%), type: percent}
  rows:
  - [A, TỔNG THU, 300, 94.5]
  - [I, Thu phân cấp, 100, 100.8]
  - ['-', '=HYPERLINK("http://vi-du.vn")', 100, null]
  - ['-', '@SUM(1)', 0, null]
  - [II, Thu bổ sung, 200, 0]
"""

POVERTY = """\
title: Công khai kết quả rà soát hộ nghèo năm 2026
year: 2026
review: annual
decision: {type: Quyết định, number: 238/QĐ-UBND, date: 2026-11-20, issuer: UBND xã Thử Nghiệm}
published_on: 2026-11-21
posting: {from: 2026-11-21, to: 2026-12-21, places: [Trụ sở UBND xã]}
households:
- {head: Trịnh Thị Hà, village: Thôn 1, category: poor, members: 2}
- {head: Lê Văn Long, village: Thôn 1, category: near_poor, members: 4}
- {head: Ngô Thị Sen, village: Thôn 2, category: poor, members: 5}
"""

DOCUMENT = """\
doc_type: Quyết định
number: 21/QĐ-UBND
issuer: UBND xã Thử Nghiệm
issued_on: 2024-03-01
published_on: 2024-03-02
abstract: Ban hành quy chế thực hiện dân chủ ở cơ sở
file: files/21-qd-ubnd.pdf
"""

# Published after the as-of date: not yet in the feed.
FUTURE_NOTICE = """\
requirement: g01-sed-plan
title: Công khai kế hoạch phát triển kinh tế - xã hội năm 2027
published_on: 2026-12-15
body: Nội dung kế hoạch.
"""


def files(budget: str = BUDGET) -> dict[str, str]:
    return {
        "ngan-sach/2025/du-toan.yml": budget,
        "ngan-sach/2025/files/quyet-dinh.pdf": PDF.decode(),
        "ho-ngheo/ra-soat-2026.yml": POVERTY,
        "van-ban/21-qd-ubnd.yml": DOCUMENT,
        "van-ban/files/21-qd-ubnd.pdf": PDF.decode(),
        "cong-khai/ke-hoach-2027.yml": FUTURE_NOTICE,
    }


def render_site(config_path: Path, as_of: date = AS_OF) -> tuple[Renderer, Rendered]:
    """Pages and data of a content tree, without assessment or MkDocs."""
    config = load_config(config_path)
    loaded = load(config.content_dir)
    validated = validate(loaded.documents, (config.phone,))
    blocking = [p.render() for p in (*loaded.problems, *validated.problems) if p.blocking]
    assert blocking == [], "\n".join(blocking)
    renderer = Renderer(config, validated.content, None, as_of)
    return renderer, renderer.render()


def page(rendered: Rendered, url: str) -> str:
    found = [p for p in rendered.pages if p.url == url]
    assert found, f"no page {url}"
    return found[0].body


def data(rendered: Rendered) -> dict[str, bytes]:
    return dict(rendered.data)


def read_qr(svg: str) -> str:
    """Draw the QR code of a segno SVG (one path of 1-unit lines) and decode it."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))  # type: ignore[union-attr]
    path = re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    pen = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHhVv])([-\d. ]+)", path):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command in "hH":
            end = x + values[0] if command == "h" else values[0]
            top = (y - 0.5) * scale
            pen.rectangle((x * scale, top, end * scale - 1, top + scale - 1), fill=0)
            x = end
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code found"
    return str(found[0].text)
