"""Zip files that unzip to gigabytes, written in a moment for the limit tests.

A deflate stream flushed with Z_FULL_FLUSH forgets its history, so compressing the same
chunk again gives the same bytes: a stream of a gigabyte is one compressed chunk repeated.
The zip is written by hand so that a part can also claim a size it does not have.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

ROW = b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>'


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes  # raw deflate stream
    crc: int
    size: int  # unzipped size
    claimed: int | None = None  # the size written in the headers, if it lies


def packed(name: str, data: bytes) -> Part:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Part(name, c.compress(data) + c.flush(), zlib.crc32(data), len(data))


def repeated(name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> Part:
    """head + chunk × times + tail, deflated without ever holding it unzipped."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)]
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    out.append(block * times)
    out.append(c.compress(tail) + c.flush())
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return Part(name, b"".join(out), crc, len(head) + len(chunk) * times + len(tail))


def write_zip(path: Path, parts: list[Part]) -> Path:
    """A zip of deflated parts; ZIP64 is not needed below 4 GB."""
    local = io.BytesIO()
    central = io.BytesIO()
    for part in parts:
        name = part.name.encode()
        size = part.claimed if part.claimed is not None else part.size
        offset = local.tell()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, part.crc, len(part.data), size,
            len(name), 0,
        )  # fmt: skip
        local.write(header + name + part.data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                part.crc,
                len(part.data),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    directory = central.getvalue()
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), local.tell(), 0
    )
    path.write_bytes(local.getvalue() + directory + end)
    return path


def small_xlsx() -> dict[str, bytes]:
    """The parts of a real one-sheet workbook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet().write(0, 0, "Họ tên chủ hộ")
    book.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx_bomb(path: Path, gigabytes: float = 1.0, claimed: int | None = None) -> Path:
    """A valid .xlsx whose sheet unzips to `gigabytes` of rows."""
    parts = [packed(n, d) for n, d in small_xlsx().items() if n != "xl/worksheets/sheet1.xml"]
    chunk = ROW * 20_000
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    head += b'spreadsheetml/2006/main"><sheetData>'
    times = int(gigabytes * 1024**3 / len(chunk))
    sheet = repeated("xl/worksheets/sheet1.xml", head, chunk, times, b"</sheetData></worksheet>")
    if claimed is not None:
        sheet = Part(sheet.name, sheet.data, sheet.crc, sheet.size, claimed)
    return write_zip(path, [*parts, sheet])


def ods_bomb(path: Path, gigabytes: float = 1.0, claimed: int | None = None) -> Path:
    """An .ods whose content.xml unzips to `gigabytes` of table rows."""
    head = (
        b'<?xml version="1.0"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        b'<office:spreadsheet><table:table table:name="Sheet1">'
    )
    row = b"<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell>"
    row += b"</table:table-row>"
    tail = b"</table:table></office:spreadsheet></office:body></office:document-content>"
    chunk = row * 10_000
    times = int(gigabytes * 1024**3 / len(chunk))
    content = repeated("content.xml", head, chunk, times, tail)
    if claimed is not None:
        content = Part(content.name, content.data, content.crc, content.size, claimed)
    mimetype = packed("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")
    manifest = packed(
        "META-INF/manifest.xml",
        b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>",
    )
    return write_zip(path, [mimetype, manifest, content])
