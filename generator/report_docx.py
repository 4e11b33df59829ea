"""Write the periodic report as a .docx laid out like a Vietnamese administrative report.

The layout follows Decree 30/2020/NĐ-CP (Appendix I): A4, margins 20 mm top and bottom,
30 mm left, 15 mm right; Times New Roman; the heading block in two columns (the agency and
the report number on the left, the national title and the place and date on the right);
the kind of document and its title centred; numbered sections; the recipients and the
signature block side by side at the end. The text is the same as the Markdown report's
(periodic_report.body), so both always agree.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .periodic_report import Heading, Link, Para, PeriodicReport, Table, body, heading_lines

FONT = "Times New Roman"
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5


def write_docx(report: PeriodicReport, target: Path) -> None:
    """Write `report` to `target` (.docx)."""
    doc = Document()
    _page(doc)
    _styles(doc)
    _heading_block(doc, report)
    for block in body(report):
        if isinstance(block, Heading):
            doc.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Para):
            p = doc.add_paragraph(block.text)
            p.paragraph_format.first_line_indent = Cm(1)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        else:
            _table(doc, block)
    _signature(doc, report)
    props = doc.core_properties
    props.title = f"Báo cáo {report.title[0].lower()}{report.title[1:]}"
    props.author = report.authority
    props.language = "vi-VN"
    stamp = datetime.combine(report.report_date, time(0, 0))
    props.created = props.modified = stamp
    props.last_modified_by = report.authority
    props.revision = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)


def _font(style: Any, size: float, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the name
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _font(normal, 14)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level in (1, 2):
        style = doc.styles[f"Heading {level}"]
        _font(style, 14, bold=True)
        style.font.italic = level == 2
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(6), Pt(6)
        fmt.first_line_indent = Cm(1)
        fmt.keep_with_next = True


def _line(
    cell_or_doc: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 13,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Any:
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return p


def _heading_block(doc: Any, report: PeriodicReport) -> None:
    h = heading_lines(report)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(6.5), Cm(10)])
    left, right = table.rows[0].cells
    _line(left, h["agency_1"], size=13, first=True)
    _line(left, h["agency_2"], bold=True, size=13)
    _line(left, "―――――", size=11)
    _line(left, h["number"], size=13)
    _line(right, h["nation"], bold=True, size=12, first=True)
    _line(right, h["motto"], bold=True, size=13)
    _line(right, "――――――――――", size=11)
    _line(right, h["place_date"], italic=True, size=13)
    _line(doc, "", size=6)
    _line(doc, h["kind"], bold=True, size=14)
    _line(doc, h["title"], bold=True, size=14)
    _line(doc, "―――――", size=11)


def _table(doc: Any, block: Table) -> None:
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(block.widths)
    widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
    for cell, title in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_text(cell, title, bold=True, center=True)
    _row_flag(table.rows[0], "w:tblHeader")  # repeated on each page the table runs onto
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            if isinstance(value, tuple):
                p = cell.paragraphs[0]
                _compact(p)
                for i, link in enumerate(value):
                    if i:
                        _run(p, "; ")
                    _hyperlink(p, link)
            else:
                _cell_text(cell, value)
    _widths(table, widths)
    _line(doc, "", size=6)


def _widths(table: Any, widths: list[Any]) -> None:
    """Fixed column widths: Word reads them from the cells, LibreOffice from the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _compact(p: Any) -> None:
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.line_spacing = 1.0


def _run(p: Any, text: str, bold: bool = False) -> Any:
    run = p.add_run(text)
    run.bold, run.font.size = bold, Pt(11)
    return run


def _cell_text(cell: Any, text: str, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    _compact(p)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, text, bold)


def _row_flag(row: Any, tag: str) -> None:
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _hyperlink(p: Any, link: Link) -> None:
    """A clickable link (python-docx has no API for it: written as Word XML)."""
    rid = p.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", "0563C1"), ("w:u", "single"), ("w:sz", "22")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        props.append(child)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = link.title
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    element.append(run)
    p._p.append(element)


def _signature(doc: Any, report: PeriodicReport) -> None:
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [Cm(8), Cm(8.5)])
    _row_flag(table.rows[0], "w:cantSplit")  # recipients and signature on one page
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12,
          align=WD_ALIGN_PARAGRAPH.LEFT, first=True)  # fmt: skip
    *others, last = report.recipients
    for name in others:
        _line(left, f"- {name};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(left, f"- {last}.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, "TM. ỦY BAN NHÂN DÂN", bold=True, size=14, first=True)
    _line(right, "CHỦ TỊCH", bold=True, size=14)
    for _ in range(4):
        _line(right, "", size=14)
    if report.signer:
        _line(right, report.signer, bold=True, size=14)
