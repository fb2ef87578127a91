"""Named builders of the inputs rule cases cannot give as text (`format: build`, `builder: NAME`):
each writes its file(s) into a directory and returns the path to check."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from . import docx_fixtures as dx
from . import pdf_fixtures as px
from .conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT))

BUILDERS: dict[str, Callable[[str, Path], Path]] = {}
CLEAN = CORPUS / "yueyang-kjj-2023-dept-selfeval.fixed.txt"


def builder(fn: Callable[[str, Path], Path]) -> Callable[[str, Path], Path]:
    BUILDERS[fn.__name__] = fn
    return fn


def _write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


# --- text-based: the case's text written in another shape --------------------------------------------------


def docx_from_text(text: str) -> bytes:
    """The text as a .docx whose labels are Word automatic numbering (levels from the tool's own outline)."""
    from scripts.build_corpus import report_lines
    from scripts.make_docx import build_report

    out = io.BytesIO()
    build_report(report_lines(text), automatic=True).save(out)
    return out.getvalue()


def pdf_from_text(text: str) -> bytes:
    """The text typeset as a PDF: the first line a title, 一、 lines level-1 headings, （一） level-2, others body."""
    items = []
    for n, line in enumerate(line for line in text.splitlines() if line.strip()):
        style = "title" if n == 0 else "h1" if line[1:2] == "、" else "h2" if line.startswith("（") else "body"
        items.append(px.Para(line, style))
    return px.build_report(items).data


@builder
def layout(text: str, directory: Path) -> Path:
    """A FMT example ("docx: field=value …"): the short 湖南 report of tests/test_layout.py in that layout."""
    from .test_layout import spec_docx

    return _write(directory, "report.docx", spec_docx(text))


@builder
def typed_among_automatic(text: str, directory: Path) -> Path:
    """The text as a .docx with automatic numbering, except the line starting `<typed>`: its label typed by hand."""
    from scripts.build_corpus import report_lines
    from scripts.make_docx import build_report

    lines = text.splitlines()
    typed = next(n for n, line in enumerate(lines) if line.startswith("<typed>"))
    lines[typed] = lines[typed].removeprefix("<typed>")
    document = build_report(report_lines("\n".join(lines) + "\n"), automatic=True)
    paragraph = document.paragraphs[typed]
    paragraph._p.pPr.remove(paragraph._p.pPr.numPr)  # numbering switched off …
    paragraph.runs[0].text = lines[typed]  # … and the label typed instead
    out = io.BytesIO()
    document.save(out)
    return _write(directory, "report.docx", out.getvalue())


@builder
def named_docx(text: str, directory: Path) -> Path:
    """The text itself, in a file named report.docx (the format is told by content)."""
    return _write(directory, "report.docx", text.encode("utf-8"))


# --- files that cannot be read ---------------------------------------------------------------------------------


@builder
def missing_file(text: str, directory: Path) -> Path:
    return directory / "不存在.txt"


@builder
def a_directory(text: str, directory: Path) -> Path:
    path = directory / "报告.txt"
    path.mkdir()
    return path


@builder
def binary_txt(text: str, directory: Path) -> Path:
    return _write(directory, "image.txt", bytes(range(256)) * 4)


@builder
def zip_of_other_files(text: str, directory: Path) -> Path:
    """A zip package that is neither Word nor a workbook, named .docx."""
    return _write(directory, "report.docx", dx.zip_of({"hello.txt": b"hello", "readme.md": b"# hi"}))


@builder
def undecodable_txt(text: str, directory: Path) -> Path:
    """Bytes no encoding makes text of (not UTF-8, GB18030 full of controls, charset-normalizer gives up)."""
    return _write(directory, "report.txt", bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 200)


@builder
def zip_bomb_docx(text: str, directory: Path) -> Path:
    return _write(directory, "report.docx", dx.zip_bomb(20))


@builder
def encrypted_pdf(text: str, directory: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = px.build_report(px.report_items(), encrypt=StandardEncryption("secret", canPrint=1)).data
    return _write(directory, "report.pdf", data)


@builder
def encrypted_docx(text: str, directory: Path) -> Path:
    """An encrypted Office file: an OLE compound file holding EncryptedPackage, named .docx."""
    from .ole_fixtures import compound_file

    data = compound_file({"EncryptedPackage": b"\x00" * 64, "EncryptionInfo": b"\x04\x00\x04\x00"})
    return _write(directory, "report.docx", data)


@builder
def pdf_report(text: str, directory: Path) -> Path:
    return _write(directory, "report.pdf", pdf_from_text(text))


@builder
def scanned_pdf(text: str, directory: Path) -> Path:
    return _write(directory, "report.pdf", px.image_only())


@builder
def scanned_pdf_with_stamp(text: str, directory: Path) -> Path:
    """A scan whose only text is a page stamp: still no text layer to check."""
    return _write(directory, "report.pdf", px.image_only(stamp="第1页"))


@builder
def garbled_pdf(text: str, directory: Path) -> Path:
    return _write(directory, "report.pdf", px.garbled(200, 10))


@builder
def corrupt_docx(text: str, directory: Path) -> Path:
    return _write(directory, "report.docx", b"PK\x03\x04" + b"\x00garbage" * 100)


@builder
def entity_bomb_docx(text: str, directory: Path) -> Path:
    return _write(directory, "report.docx", dx.billion_laughs())


# --- bundles and folders (checked through the command line: `cli: true`) -----------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@builder
def zip_nested_too_deep(text: str, directory: Path) -> Path:
    """A zip holding a zip holding a zip: one level is opened, the one below is refused."""
    deepest = _zip({"c.txt": CLEAN.read_bytes()})
    inner = _zip({"乙单位.txt": CLEAN.read_bytes(), "更深.zip": deepest})
    return _write(directory, "各单位.zip", _zip({"甲单位.txt": CLEAN.read_bytes(), "各单位.zip": inner}))


@builder
def zip_nested_one_level(text: str, directory: Path) -> Path:
    inner = _zip({"乙单位.txt": CLEAN.read_bytes()})
    return _write(directory, "各单位.zip", _zip({"甲单位.txt": CLEAN.read_bytes(), "各单位.zip": inner}))


def _tables_folder(directory: Path, figures: str) -> Path:
    from docx import Document

    from scripts import build_tables

    doc = Document()
    for paragraph in build_tables.narrative_paragraphs(figures)[:-1]:
        doc.add_paragraph(paragraph)
    doc.save(directory / "报告.docx")
    saved, build_tables.TITLE = build_tables.TITLE, build_tables.DEPT_TITLE
    try:
        build_tables.build_xlsx(build_tables.DEPT_ROWS, directory / "自评表.xlsx")
    finally:
        build_tables.TITLE = saved
    return directory


@builder
def report_and_table_disagree(text: str, directory: Path) -> Path:
    return _tables_folder(directory, "全年执行数1,100.00万元，预算执行率96.29%")


@builder
def report_and_table_agree(text: str, directory: Path) -> Path:
    return _tables_folder(directory, "全年执行数1,119.56万元，预算执行率98.00%")


# --- workbooks ---------------------------------------------------------------------------------------------------


def _workbook_bytes(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@builder
def sheet_over_row_limit(text: str, directory: Path) -> Path:
    """A workbook whose sheet has 20,001 rows (the limit is 20,000), written as raw sheet XML."""
    base = _workbook_bytes([["全年预算数", "全年执行数"]])
    out = io.BytesIO()
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 20_002))
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, src.read(name))
        z.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f"<sheetData>{rows}</sheetData></worksheet>")
    return _write(directory, "自评表.xlsx", out.getvalue())


@builder
def sheet_of_figures(text: str, directory: Path) -> Path:
    """A small workbook of plain values (and a formula Excel saved with its value would look the same)."""
    return _write(directory, "自评表.xlsx", _workbook_bytes([["全年预算数", "全年执行数", "执行率"], [520, 480, "92.31%"]]))


@builder
def formula_without_value(text: str, directory: Path) -> Path:
    """A workbook written by a program (openpyxl) that saved a formula but never computed its value."""
    return _write(directory, "自评表.xlsx", _workbook_bytes([["全年预算数", "全年执行数", "执行率"], [520, 480, "=B2/A2"]]))


@builder
def gb18030_txt(text: str, directory: Path) -> Path:
    """The text saved in GB18030, as Windows Notepad in Chinese saves it."""
    return _write(directory, "report.txt", text.encode("gb18030"))
