"""Content written to attack the site: markup that tries to run, images that tell where.

`add_hostile_content` puts it into a copy of the example commune; the session fixture
`hostile_site` (conftest.py) builds that copy once for the privacy and HTML-safety tests.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, PngImagePlugin
from PIL.ExifTags import GPS, IFD, Base

# Every way raw HTML or Markdown could bring script, styles, frames or forms into a page.
ATTACK = "ckAttack"
PAYLOAD = (
    f"<script>{ATTACK}()</script>\n"
    f'<img src="x.png" onerror="{ATTACK}()">\n'
    '<iframe src="https://evil.example/"></iframe>\n'
    '<form action="https://evil.example/"><input name="q"><button>Gửi</button></form>\n'
    f'<p style="color:red" onclick="{ATTACK}()">CKSTYLE</p>\n'
    f'<a href="javascript:{ATTACK}()">CKLINK</a>\n'
    f'<svg onload="{ATTACK}()"><circle r="1"/></svg>\n'
    '<object data="x.swf"></object><embed src="x.swf">\n'
    "<style>body{display:none}</style>\n"
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n'
    '<base href="https://evil.example/">\n'
    f'<math><mi xlink:href="javascript:{ATTACK}()">x</mi></math>\n'
    f"[CKMD](javascript:{ATTACK}())\n"
)
# A title cannot be Markdown, but it reaches <title>, og:title and JSON-LD.
TITLE = f'Thông báo </title></script><script>{ATTACK}()</script>" onmouseover="{ATTACK}()'
# Cells a spreadsheet would run as formulas when the CSV is opened.
FORMULAS = ('=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(1)")

IMAGE_MARKERS = (b"CKCAMERA", b"CKXMP", b"CKTEXT", b"CKCOMMENT", b"Exif", b"GPS")


def tagged_image(fmt: str) -> bytes:
    """A small image with camera, GPS, XMP and comment metadata, rotated by EXIF."""
    exif = Image.Exif()
    exif[Base.Make] = "CKCAMERA"
    exif[Base.Orientation] = 6  # to be shown turned 90°: the published copy must be upright
    exif[IFD.GPSInfo] = {
        GPS.GPSLatitudeRef: "N",
        GPS.GPSLatitude: (20.0, 51.0, 30.0),
        GPS.GPSLongitudeRef: "E",
        GPS.GPSLongitude: (106.0, 5.0, 0.0),
    }
    image = Image.new("RGB", (40, 20), "red")
    options: dict[str, object] = {"exif": exif}
    if fmt in ("JPEG", "WEBP"):
        options["xmp"] = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">CKXMP</x:xmpmeta>'
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "CKTEXT")
        options["pnginfo"] = text
    if fmt == "GIF":
        image = image.convert("P")
        options = {"comment": b"CKCOMMENT"}
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


def _block(text: str, indent: int = 2) -> str:
    return textwrap.indent(text, " " * indent)


NOTICE = f"""\
requirement: g01-sed-plan
title: '{TITLE.replace("'", "''")}'
summary: |
{_block(PAYLOAD)}
published_on: 2026-11-02
body: |
  Nội dung thông báo.

{_block(PAYLOAD)}
attachments:
- {{file: files/anh-hien-truong.jpg, title: Ảnh hiện trường}}
- {{file: files/so-do.png, title: Sơ đồ}}
- {{file: files/dong-gop.webp, title: Ảnh đóng góp}}
- {{file: files/ban-tin.gif, title: Bản tin}}
tables:
- title: Danh mục đóng góp
  unit: đồng
  columns:
  - {{title: STT, type: text}}
  - {{title: Nội dung, type: text}}
  - {{title: Số tiền, type: amount}}
  rows:
  - ['1', '{FORMULAS[0].replace("'", "''")}', 1000]
  - ['2', '{FORMULAS[1]}', 2000]
  - ['3', '{FORMULAS[2]}', 3000]
  - ['4', '{FORMULAS[3]}', 4000]
  - ['5', '<b onclick="{ATTACK}()">đậm</b>', 5000]
"""

QUESTION = f"""\
title: Hỏi về giấy tờ khai sinh
question: |
{_block(PAYLOAD)}
received_on: 2026-11-03
channel: email
topic: Hộ tịch
answer: |
{_block(PAYLOAD)}
answered_on: 2026-11-05
answered_by: Công chức Tư pháp - Hộ tịch
"""


def add_hostile_content(content: Path) -> None:
    """Write the attacking notice, question and images into `content`."""
    files = content / "cong-khai" / "files"
    files.mkdir(parents=True, exist_ok=True)
    for name, fmt in (
        ("anh-hien-truong.jpg", "JPEG"),
        ("so-do.png", "PNG"),
        ("dong-gop.webp", "WEBP"),
        ("ban-tin.gif", "GIF"),
    ):
        (files / name).write_bytes(tagged_image(fmt))
    (content / "cong-khai" / "kiem-tra-an-toan.yml").write_text(NOTICE, "utf-8")
    (content / "hoi-dap").mkdir(exist_ok=True)
    (content / "hoi-dap" / "2026-11-03-kiem-tra-an-toan.yml").write_text(QUESTION, "utf-8")
