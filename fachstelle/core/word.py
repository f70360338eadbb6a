"""Small python-docx helpers for the Word documents (programme, portrait, annual report): A4 document,
tables with a repeated header row, page numbers in the footer, plain Markdown."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def set_repeat_header(row) -> None:
    """Mark a table row as header row: Word repeats it on every page and screen readers announce it."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def add_table(document, headers: list[str], rows: list[list], *, numeric: set[int] = frozenset(), style=None):
    """A table with a bold header row (repeated on each page); `numeric` columns are right-aligned."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = style or "Table Grid"
    header = table.rows[0]
    set_repeat_header(header)
    for index, text in enumerate(headers):
        cell = header.cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
        if index in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].text = "" if value is None else str(value)
            if index in numeric:
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in `run`; Word computes it when the document is shown."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, placeholder, end):
        run._r.append(element)


def add_page_number_footer(document, *, left_text: str = "") -> None:
    """Footer of every section: `left_text` and the page number."""
    for section in document.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if left_text:
            paragraph.add_run(f"{left_text} · ").font.size = Pt(8)
        run = paragraph.add_run()
        run.font.size = Pt(8)
        _field(run, "PAGE")


def new_document():
    """A4 portrait with moderate margins and a readable body font."""
    from docx import Document

    document = Document()
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    return document


def add_markdown(document, text: str) -> None:
    """Plain rendering of the Markdown the programme's texts are written in: headings (#), bullet lists
    (- or *) and paragraphs; inline **bold** is kept as bold runs."""
    import re

    bold = re.compile(r"\*\*(.+?)\*\*")
    for block in (text or "").replace("\r\n", "\n").split("\n"):
        line = block.rstrip()
        if not line.strip():
            continue
        stripped = line.lstrip()
        if stripped.startswith("#"):
            level = min(len(stripped) - len(stripped.lstrip("#")), 3)
            document.add_heading(stripped.lstrip("#").strip(), level=min(level + 1, 3))
            continue
        if stripped[:2] in ("- ", "* "):
            paragraph = document.add_paragraph(style="List Bullet")
            line = stripped[2:]
        else:
            paragraph = document.add_paragraph()
        position = 0
        for match in bold.finditer(line):
            if match.start() > position:
                paragraph.add_run(line[position : match.start()])
            paragraph.add_run(match.group(1)).bold = True
            position = match.end()
        if position < len(line):
            paragraph.add_run(line[position:])
