"""Turned text in a PDF: a 自评表's vertical row headers (rotated 90° either way) read in reading order, one word
per column, by both readers; slanted (fake italic) text stays in its line."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from selfeval_lint.engine import Options, check_file
from selfeval_lint.ingest import pdf as reader
from selfeval_lint.ingest.pdf import read_pdf
from selfeval_lint.ingest.pdf_guard import MAX_PAGE_CHARS
from selfeval_lint.registry import all_rules

from .pdf_fixtures import SONG, register_fonts

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

READERS = ["pdfium", "pdfplumber"]
ANGLES = pytest.mark.parametrize("angle", [90, -90], ids=["anticlockwise, reads up", "clockwise, reads down"])


@pytest.fixture(params=READERS)
def engine(request, monkeypatch):
    """Each test runs through the fast path and through the pdfplumber reader."""
    if request.param == "pdfplumber":
        monkeypatch.setenv(reader.ENGINE_VARIABLE, "pdfplumber")
    return request.param


def _turned(pdf: canvas.Canvas, x: float, y: float, text: str, angle: int) -> None:
    """`text` drawn from (x, y) turned by `angle` degrees (90: it reads from the bottom up; -90: from the top down)."""
    pdf.saveState()
    pdf.translate(x, y)
    pdf.rotate(angle)
    pdf.drawString(0, 0, text)
    pdf.restoreState()


def _canvas() -> tuple[io.BytesIO, canvas.Canvas]:
    """An A4 canvas with the test fonts registered, and the buffer it writes to."""
    register_fonts()
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4, invariant=1)


def _saved(buf: io.BytesIO, pdf: canvas.Canvas) -> bytes:
    """The canvas's last page ended, and the PDF's bytes."""
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _grid(pdf: canvas.Canvas, xs: tuple[float, ...], ys: tuple[float, ...]) -> None:
    """A table's rules: a line at every x and y, across the whole grid."""
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])


def _self_evaluation_page(angle: int) -> bytes:
    """A 绩效指标 grid whose first column holds each group's name turned by `angle`, as Word prints a cell with its
    text direction turned."""
    buf, pdf = _canvas()
    pdf.setFont(SONG, 12)
    pdf.drawString(72, 790, "项目支出绩效自评表")
    xs, ys = (72, 120, 260, 520), (770, 650, 530, 410)
    _grid(pdf, xs, ys)
    rows = [("产出指标", "数量指标", "培训人数120人"), ("效益指标", "社会效益指标", "覆盖率达到95%"), ("满意度指标", "服务对象满意度", "满意度98%")]
    for (group, second, third), top, bottom in zip(rows, ys, ys[1:]):
        middle = (top + bottom) / 2
        length = 12 * len(group)
        if angle > 0:
            _turned(pdf, 100, middle - length / 2, group, angle)  # starts low, reads upwards
        else:
            _turned(pdf, 92, middle + length / 2, group, angle)  # starts high, reads downwards
        pdf.drawString(xs[1] + 6, middle, second)
        pdf.drawString(xs[2] + 6, middle, third)
    return _saved(buf, pdf)


def _first_column(data: bytes) -> list[str]:
    tables = [b.table for b in read_pdf(data) if b.table is not None]
    assert len(tables) == 1
    return [c.text for c in tables[0].cells if c.col == 0]


@ANGLES
def test_turned_row_headers_read_in_reading_order(engine, angle):
    assert _first_column(_self_evaluation_page(angle)) == ["产出指标", "效益指标", "满意度指标"]


def _runs_turned(pdf: canvas.Canvas, x: float, y: float, runs: list[tuple[str, str]], angle: int) -> None:
    """Runs of (font, text) drawn one after another from (x, y), turned by `angle` degrees."""
    pdf.saveState()
    pdf.translate(x, y)
    pdf.rotate(angle)
    text = pdf.beginText(0, 0)
    for font, run in runs:
        text.setFont(font, 12)
        text.textOut(run)
    pdf.drawText(text)
    pdf.restoreState()


def _one_cell_page(columns: list[list[tuple[str, str]]], angle: int) -> bytes:
    """A two-cell table whose first cell holds `columns` (lines of runs of (font, text)) turned by `angle`, one
    line per column in reading order, as Word prints a turned cell whose text wraps."""
    buf, pdf = _canvas()
    xs, ys = (72, 140, 400), (700, 500, 460)
    _grid(pdf, xs, ys)
    pdf.setFont(SONG, 12)
    pdf.drawString(xs[1] + 6, 600, "100.00")
    pdf.drawString(xs[1] + 6, 476, "合计")
    for k, runs in enumerate(columns):
        if angle > 0:  # reads up: its lines run rightwards
            _runs_turned(pdf, 90 + 16 * k, 520, runs, angle)
        else:  # reads down: its lines run leftwards
            _runs_turned(pdf, 124 - 16 * k, 680, runs, angle)
    return _saved(buf, pdf)


@ANGLES
def test_turned_text_in_two_fonts_is_one_word_in_order(engine, angle):
    # Word sets the brackets and figures of 项目资金(万元) in a Latin font: three runs, one column
    runs = [(SONG, "项目资金"), ("Helvetica", "("), (SONG, "万元"), ("Helvetica", ")")]
    assert _first_column(_one_cell_page([runs], angle)) == ["项目资金(万元)", ""]


@ANGLES
def test_turned_text_on_two_lines_reads_its_first_line_first(engine, angle):
    assert _first_column(_one_cell_page([[(SONG, "服务对象")], [(SONG, "满意度")]], angle)) == ["服务对象满意度", ""]


def _stacked_cells_page(angle: int, pad: float) -> bytes:
    """Two stacked cells of one column, each filled by a turned header `pad` pt from its rules (Word's cell
    padding is 0 pt above and below: a row as high as its turned text leaves the next cell's text that close)."""
    buf, pdf = _canvas()
    pdf.setFont(SONG, 12)
    h = 48 + 2 * pad
    xs, ys = (72, 100, 300), (700, 700 - h, 700 - 2 * h, 700 - 2 * h - 40)
    _grid(pdf, xs, ys)
    for text, top, bottom in zip(("产出指标", "效益指标"), ys, ys[1:]):
        if angle > 0:
            _turned(pdf, 90, bottom + pad, text, angle)
        else:
            _turned(pdf, 82, top - pad, text, angle)
        pdf.drawString(110, (top + bottom) / 2, "数量" + text)
    pdf.drawString(110, ys[3] + 10, "合计")
    return _saved(buf, pdf)


@ANGLES
@pytest.mark.parametrize("pad", [0.25, 1.0, 1.5])
def test_turned_headers_of_stacked_cells_stay_in_their_cells(engine, angle, pad):
    # 0.5–3 pt apart, the two headers are within the readers' word gap: one word, cut again at the rule
    assert _first_column(_stacked_cells_page(angle, pad)) == ["产出指标", "效益指标", ""]


def test_a_cell_reads_its_turned_and_upright_text_top_down(engine):
    buf, pdf = _canvas()
    xs, ys = (72, 140, 400), (700, 500, 460)
    _grid(pdf, xs, ys)
    pdf.setFont(SONG, 12)
    _turned(pdf, 100, 560, "项目资金", 90)  # turned, at the top of the cell
    pdf.drawString(80, 510, "(万元)")  # upright, below it
    pdf.drawString(146, 600, "100.00")
    pdf.drawString(146, 476, "合计")
    assert _first_column(_saved(buf, pdf)) == ["项目资金(万元)", ""]


_MIXED = [[(SONG, "项目"), ("Helvetica", "(2025)")], [(SONG, "资金")]]  # two fonts, two lines


@pytest.mark.parametrize(
    "page",
    [lambda: _self_evaluation_page(90), lambda: _self_evaluation_page(-90),
     lambda: _one_cell_page(_MIXED, 90), lambda: _one_cell_page(_MIXED, -90)],
    ids=["reads up", "reads down", "two fonts, two lines, up", "two fonts, two lines, down"],
)
def test_both_readers_give_the_same_blocks_for_turned_text(monkeypatch, page):
    data = page()
    fast = [(b.kind, b.text, b.segments) for b in read_pdf(data)]
    monkeypatch.setenv(reader.ENGINE_VARIABLE, "pdfplumber")
    assert [(b.kind, b.text, b.segments) for b in read_pdf(data)] == fast


def _body_page(note: str | None, repeated: bool = False) -> bytes:
    """Two pages of numbered paragraphs, with `note` turned up the left edge beside the middle of the first
    (of both when `repeated`: a side label on every page)."""
    buf, pdf = _canvas()
    for number in (1, 2):
        pdf.setFont(SONG, 12)
        pdf.drawString(72, 760, f"{'一二'[number - 1]}、基本情况")
        for k in range(12):
            pdf.drawString(96 if k % 3 == 0 else 72, 740 - 16 * k, f"（{k + 1}）本部门主要职责是负责全市科技工作并完成年度目标任务。"
                           if k % 3 == 0 else "全年共组织培训120人次，覆盖率达到95%，较上年提高3个百分点。")
        if note and (number == 1 or repeated):
            _turned(pdf, 50, 560, note, 90)  # beside the third to the ninth line
        if number == 1:
            pdf.showPage()
    return _saved(buf, pdf)


def test_a_note_up_the_page_edge_is_a_block_of_its_own_and_leaves_the_text_beside_it_alone(engine):
    plain = [b.text for b in read_pdf(_body_page(None))]
    noted = [b.text for b in read_pdf(_body_page("内部资料注意保存"))]
    assert noted == plain[:len(plain) // 2] + ["内部资料注意保存"] + plain[len(plain) // 2:]  # after its page's text


def test_turned_text_on_every_page_is_page_furniture(engine):
    assert [b.text for b in read_pdf(_body_page("内部资料注意保存", repeated=True))] == [b.text for b in read_pdf(_body_page(None))]


def test_slanted_text_stays_in_its_line(engine):
    # a fake italic is drawn with a slant (the text matrix's c ≠ 0): it is upright text, read with its line
    buf, pdf = _canvas()
    pdf.setFont(SONG, 12)
    text = pdf.beginText(72, 700)
    text.textOut("本部门预算执行率为")
    text.setTextTransform(1, 0, 0.25, 1, 72 + 12 * 9, 700)
    text.textOut("98.50%")
    text.setTextTransform(1, 0, 0, 1, 72 + 12 * 9 + 40, 700)
    text.textOut("，较上年提高。")
    pdf.drawText(text)
    data = _saved(buf, pdf)
    assert all(w.get("upright", True) for w in _raw_words(data, engine)), "a slanted word was taken as turned"
    assert [b.text for b in read_pdf(data)] == ["本部门预算执行率为98.50%，较上年提高。"]


def _raw_words(data: bytes, engine: str) -> list[dict]:
    """The words the reader takes from the file, before they are put into lines."""
    if engine == "pdfplumber":
        return [w for page in reader._raw_pages(data) for w in page.words]
    from selfeval_lint.ingest.pdf_pdfium import read_pages

    return [w for page in read_pages(data, MAX_PAGE_CHARS) for w in page.words]


def _to_pdf(source: Path, out: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    return out / f"{source.stem}.pdf"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_word_table_with_turned_headers_printed_to_pdf_gives_the_findings_of_the_upright_one(tmp_path):
    # the corpus 自评表 with its 项目资金（万元） and 绩效指标 / 一级指标 cells turned (Word's text direction
    # "bottom to top"), printed to PDF: read as before, its brackets are reversed ("）元万（金资目项", two TXT003)
    table = docx.Document(str(CORPUS / "selfeval-table.docx"))
    turned = 0
    for row in table.tables[0].rows:
        cells = row._tr.findall(qn("w:tc"))
        if "".join(t.text or "" for t in cells[0].iter(qn("w:t"))).startswith(("项目资金", "绩效指标")):
            for cell in cells[:2]:
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "btLr")
                cell.get_or_add_tcPr().append(direction)
                turned += 1
    assert turned == 4
    table.save(str(tmp_path / "turned.docx"))
    (tmp_path / "upright.docx").write_bytes((CORPUS / "selfeval-table.docx").read_bytes())
    turned_pdf, upright_pdf = _to_pdf(tmp_path / "turned.docx", tmp_path), _to_pdf(tmp_path / "upright.docx", tmp_path)
    cells = {c.text for b in read_pdf(turned_pdf.read_bytes()) if b.table is not None for c in b.table.cells}
    assert {"项目资金（万元）", "绩效指标", "一级指标"} <= cells
    options = Options(selected=frozenset(r.code for r in all_rules()))

    def findings(path: Path) -> list[tuple[str, str, dict]]:
        return [(f.code, f.variant, f.args) for f in check_file(str(path), options).findings]

    assert findings(turned_pdf) == findings(upright_pdf)
