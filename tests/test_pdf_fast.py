"""The pypdfium2 fast path: only visible, on-page text is read (render mode 3, clipped, white, transparent text
left out), the same blocks as the pdfplumber reader on report PDFs, pdfplumber asked only on ruled pages."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from selfeval_lint.ingest import pdf as reader
from selfeval_lint.ingest import pdf_pdfium
from selfeval_lint.ingest.pdf import read_pdf

from .pdf_fixtures import SONG, Para, build_report, register_fonts, report_items, self_evaluation_table
from .test_realdocs import CHINESE, REALDOCS

X, TOP = 72, 760
BODY = ["一、基本情况", "本部门负责全区财政工作，年度预算执行良好。"]
HIDDEN = "这是一段不可见的重复文字"


def _canvas(buf):
    register_fonts()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.setFont(SONG, 12)
    for n, line in enumerate(BODY):
        pdf.drawString(X, TOP - 18 * n, line)
    return pdf


def _text(draw) -> str:
    import io

    buf = io.BytesIO()
    pdf = _canvas(buf)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return "\n".join(b.text for b in read_pdf(buf.getvalue()))


def _invisible_mode(pdf):
    text = pdf.beginText(X, 600)
    text.setFont(SONG, 12)
    text.setTextRenderMode(3)  # neither filled nor stroked: a WPS export's second copy
    text.textLine(HIDDEN)
    pdf.drawText(text)


def _clipped(pdf):
    pdf.saveState()
    path = pdf.beginPath()
    path.rect(X, 300, 200, 40)  # the clip region: nothing of the text below lies in it
    pdf.clipPath(path, stroke=0, fill=0)
    pdf.setFont(SONG, 12)
    pdf.drawString(X, 600, HIDDEN)
    pdf.restoreState()


def _transparent(pdf):
    pdf.setFillColorRGB(0, 0, 0, alpha=0)
    pdf.drawString(X, 600, HIDDEN)


def _white(pdf):
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(X, 600, HIDDEN)


@pytest.mark.parametrize("draw", [_invisible_mode, _clipped, _transparent, _white], ids=["mode3", "clip", "alpha", "white"])
def test_text_a_reader_cannot_see_is_not_read(draw):
    text = _text(draw)
    assert "本部门负责全区财政工作" in text and "不可见" not in text


def test_text_inside_its_clip_region_and_in_outline_is_read():
    def draw(pdf):
        pdf.saveState()
        path = pdf.beginPath()
        path.rect(X - 5, 590, 300, 30)
        pdf.clipPath(path, stroke=0, fill=0)
        pdf.setFont(SONG, 12)
        pdf.drawString(X, 600, "裁剪区域之内的文字照常读出")
        pdf.restoreState()
        outline = pdf.beginText(X, 500)
        outline.setFont(SONG, 12)
        outline.setTextRenderMode(1)  # stroked only: visible
        outline.textLine("只描边的文字也读出")
        pdf.drawText(outline)

    text = _text(draw)
    assert "裁剪区域之内的文字照常读出" in text and "只描边的文字也读出" in text


def test_a_clip_inside_a_scaled_form_is_applied_where_the_form_is_drawn():
    def draw(pdf):
        pdf.beginForm("frame")
        pdf.saveState()
        path = pdf.beginPath()
        path.rect(0, 0, 300, 100)
        pdf.clipPath(path, stroke=0, fill=0)
        pdf.setFont(SONG, 12)
        pdf.drawString(10, 50, "表单里的文字在裁剪区内应当读出")
        pdf.drawString(10, 130, HIDDEN)  # on the page, outside the form's clip
        pdf.restoreState()
        pdf.endForm()
        pdf.saveState()
        pdf.translate(72, 500)
        pdf.scale(1.5, 1.5)
        pdf.doForm("frame")
        pdf.restoreState()

    text = _text(draw)
    assert "表单里的文字在裁剪区内应当读出" in text and "不可见" not in text


def _blocks(data: bytes, engine: str, monkeypatch) -> list[tuple]:
    monkeypatch.setenv(reader.ENGINE_VARIABLE, engine)
    return [(b.kind, b.text, b.segments, b.heading_hint) for b in read_pdf(data)]


def test_both_readers_give_the_same_blocks_on_a_report_with_a_table(monkeypatch):
    items = [Para("岳阳市科学技术局2023年度部门整体支出绩效自评报告", "title"), *report_items(1), self_evaluation_table(),
             *report_items(2)]
    data = build_report(items).data
    fast = _blocks(data, "pdfium", monkeypatch)
    assert fast == _blocks(data, "pdfplumber", monkeypatch)
    assert any(kind.value == "table" for kind, *_ in fast)


def test_both_table_finders_give_the_same_tables(monkeypatch):
    data = build_report([*report_items(1), self_evaluation_table(), *report_items(2)]).data
    monkeypatch.setenv(pdf_pdfium.TABLES_VARIABLE, "pdfplumber")
    assert pdf_pdfium.table_finder() == "pdfplumber"
    theirs = _blocks(data, "pdfium", monkeypatch)
    monkeypatch.delenv(pdf_pdfium.TABLES_VARIABLE)
    ours = _blocks(data, "pdfium", monkeypatch)
    assert ours == theirs and any(kind.value == "table" for kind, *_ in ours)


def test_pdfplumber_is_opened_only_for_pages_with_ruled_lines(monkeypatch):
    monkeypatch.setenv(pdf_pdfium.TABLES_VARIABLE, "pdfplumber")
    asked: list[int] = []
    cells = pdf_pdfium._Tables.cells

    def spy(self, index):
        asked.append(index)
        return cells(self, index)

    monkeypatch.setattr(pdf_pdfium._Tables, "cells", spy)
    plain = build_report([*report_items(1), *report_items(2)])
    read_pdf(plain.data)
    assert asked == []
    ruled = build_report([*report_items(1), self_evaluation_table()])
    blocks = read_pdf(ruled.data)
    assert asked and any(b.table is not None for b in blocks)


def test_the_switch_names_the_engine(monkeypatch):
    monkeypatch.setenv(reader.ENGINE_VARIABLE, "pdfplumber")
    assert reader.engine() == "pdfplumber"
    monkeypatch.setenv(reader.ENGINE_VARIABLE, "")
    assert reader.engine() == "pdfium"


# ── real exports (../shared/realdocs): what the fast path reads that pdfplumber lost ──

needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is absent")


def _real(name: str) -> list:
    return read_pdf((CHINESE / name).read_bytes())


@needs_realdocs
def test_digits_set_apart_in_a_heading_are_kept():
    # pdfplumber read "第三部分上海市普陀区财政局年度部门决算情况": the year was lost
    assert any(b.text == "第三部分上海市普陀区财政局2024年度部门决算情况" for b in _real("gov-putuo-caizhengju-2024-juesuan.pdf"))


@needs_realdocs
def test_a_figure_stays_in_its_own_cell():
    # pdfplumber put 156,211,123 into the next column, glued to "一、一般公共服务支出"
    tables = [b.text for b in _real("gbc-putuo-wanlijiedao-2024-yusuan.pdf") if b.table is not None]
    assert any("一、财政拨款收入\t156,211,123\t一、一般公共服务支出" in t for t in tables)
    assert not any("156,211,123一、" in t for t in tables)


@needs_realdocs
def test_a_clipped_frame_over_a_page_break_is_read_where_it_is_seen():
    # WPS draws the frame whole on both pages, clipped to each: the paragraph goes on over the break
    text = "\n".join(b.text for b in _real("gbc-putuo-shangwuwei-2025-yusuan.pdf"))
    assert "负责建立健全生活必需品市场供应应急机制，协调重要商品储备" in text
    assert text.count("10、提供有关境外投资的法律法规") == 1
