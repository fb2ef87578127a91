"""The PDF fast path's shortcuts give what they stand in for: pdfplumber's cell search and clustering, clip boxes
read once per shared clip, the stream scan, a rotated page, digits kept with their units in dense tables."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pdfplumber import utils
from pdfplumber.table import TableSettings, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import cluster_objects
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from selfeval_lint.ingest import pdf as reader
from selfeval_lint.ingest import pdf_guard, pdf_rules
from selfeval_lint.ingest.errors import IngestError
from selfeval_lint.ingest.pdf import read_pdf
from selfeval_lint.ingest.pdf_pdfium import cluster

from .pdf_fixtures import SONG, build_report, register_fonts, report_items, self_evaluation_table
from .test_realdocs import CHINESE, REALDOCS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _ruled_pdfs() -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.pdf"))]
    files.append(("built", build_report([*report_items(1), self_evaluation_table(), *report_items(2)]).data))
    if REALDOCS.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(CHINESE.glob("*.pdf"))]
    return files


def _merged_edges(page) -> list[dict]:
    """A page's edges from its paths, filtered and merged as find_tables does it."""
    s = TableSettings.resolve(None)
    edges = pdf_rules.page_edges(page.raw, page.get_mediabox()[3])
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(v + h, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    return utils.filter_edges(merged, min_length=s.edge_min_length)


def test_the_cell_search_finds_pdfplumbers_cells_on_every_page():
    pages = ruled = 0
    for name, data in _ruled_pdfs():
        doc = pdfium.PdfDocument(data)
        for i in range(len(doc)):
            edges = _merged_edges(doc[i])
            theirs = edges_to_intersections(edges, 3, 3)
            ours = pdf_rules.intersections(edges, 3, 3)
            assert set(ours) == set(theirs), (name, i)
            for point, (vertical, horizontal) in ours.items():
                assert vertical == {utils.obj_to_bbox(e) for e in theirs[point]["v"]}
                assert horizontal == {utils.obj_to_bbox(e) for e in theirs[point]["h"]}
            cells = pdf_rules.cells(ours)
            assert cells == intersections_to_cells(theirs), (name, i)
            pages += 1
            ruled += bool(cells)
        doc.close()
    assert ruled >= 5 and pages > ruled  # tables were found, and pages without any were searched too


def test_the_intersection_tolerances_are_pdfplumbers_own_comparisons():
    # a vertical edge ending exactly the tolerance short of a horizontal one still meets it; a hair further, not
    h = [{"x0": 10.0, "x1": 110.0, "top": 50.0, "bottom": 50.0, "orientation": "h"}]
    for bottom, meets in ((47.0, True), (46.999, False)):
        v = [{"x0": 60.0, "x1": 60.0, "top": 0.0, "bottom": bottom, "orientation": "v"}]
        assert bool(pdf_rules.intersections(v + h, 3, 3)) is meets is bool(edges_to_intersections(v + h, 3, 3))


@pytest.mark.parametrize("tolerance", [0, 0.5, 1, 3])
def test_clustering_is_pdfplumbers(tolerance):
    rng = random.Random(14)
    for n in (0, 1, 2, 5, 40):
        objs = [{"top": round(rng.uniform(-5, 60), rng.choice([0, 1, 2])), "k": i} for i in range(n)]
        objs += [dict(o, k=-o["k"] - 1) for o in objs[: n // 3]]  # equal keys
        key = lambda o: o["top"]  # noqa: E731
        assert cluster(list(objs), key, tolerance) == cluster_objects(list(objs), key, tolerance)


def _clipped_page(draw) -> bytes:
    register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.setFont(SONG, 12)
    pdf.drawString(72, 780, "一、基本情况：本部门负责全区财政工作。")
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _clip(pdf, x, y, w, h):
    path = pdf.beginPath()
    path.rect(x, y, w, h)
    pdf.clipPath(path, stroke=0, fill=0)


def test_clips_that_share_their_first_path_are_told_apart():
    """Clip boxes are read once per clip the objects share, named by the first point of each clip path: three
    clips inside one outer clip share that path, and are still told apart by their second. (pdfium drops a clip
    that holds its object whole, so each line here runs out of its clips.)"""
    tail = "，后面还有很长的一段说明文字超出裁剪区"

    def draw(pdf):
        pdf.saveState()
        _clip(pdf, 50, 300, 300, 400)  # the outer clip, shared: x up to 350
        for n, (x, y) in enumerate([(60, 600), (300, 500), (60, 400)]):
            pdf.saveState()
            _clip(pdf, x, y, 400, 40)
            pdf.setFont(SONG, 12)
            pdf.drawString(72, y + 10, f"第{n + 1}段金额{n + 1}0.00万元{tail}")
            pdf.restoreState()
        pdf.restoreState()

    text = "".join(b.text for b in read_pdf(_clipped_page(draw)))
    assert "第1段金额10.00万元" in text and "第3段金额30.00万元" in text  # the start of each: inside both clips
    assert "第2段" not in text and "说明文字超出裁剪区" not in text  # line 2 starts left of its clip; all end right of the outer


def test_objects_under_one_clip_read_alike():
    def draw(pdf):
        pdf.saveState()
        _clip(pdf, 50, 500, 500, 100)
        pdf.setFont(SONG, 12)
        for n in range(6):  # one clip state, many text objects
            pdf.drawString(72, 580 - 14 * n, f"第{n + 1}行在裁剪区内")
        pdf.drawString(72, 420, "这一行在裁剪区外")
        pdf.restoreState()

    text = "".join(b.text for b in read_pdf(_clipped_page(draw)))
    assert all(f"第{n + 1}行在裁剪区内" in text for n in range(6)) and "裁剪区外" not in text


def test_a_rotated_page_reads_in_order():
    # /Rotate 90: pdfplumber's reader breaks this page apart; the fast path reads it as it is printed
    register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
    pdf.setPageRotation(90)
    pdf.setFont(SONG, 12)
    pdf.drawString(72, 500, "一、基本情况")
    pdf.drawString(72, 482, "本部门2023年度预算执行率为95.00%，资金120.00万元。")
    pdf.showPage()
    pdf.save()
    assert [b.text for b in read_pdf(buf.getvalue())] == ["一、基本情况本部门2023年度预算执行率为95.00%，资金120.00万元。"]


def test_digits_stay_with_their_units_in_a_dense_table(monkeypatch):
    data = build_report([self_evaluation_table(), self_evaluation_table(), *report_items(1)]).data
    blocks = read_pdf(data)
    tables = [b for b in blocks if b.table is not None]
    assert len(tables) == 2
    cells = [c.text for c in tables[0].table.cells]
    assert "95.45%" in cells and "95.00%" in cells and "120.00" in cells
    monkeypatch.setenv(reader.ENGINE_VARIABLE, "pdfplumber")
    assert [(b.kind, b.text, b.segments) for b in read_pdf(data)] == [(b.kind, b.text, b.segments) for b in blocks]


_LOOKBEHIND = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def _streams_as_before(data: bytes) -> list[tuple[int, bool]]:
    """flate_streams as it was written with a leading lookbehind (the same test of each stream's dictionary)."""
    found = []
    for m in _LOOKBEHIND.finditer(data):
        dictionary = data[max(0, m.start() - 512) : m.start()]
        if b"obj" in dictionary:
            dictionary = dictionary[dictionary.rfind(b"obj") :]
        if pdf_guard._FLATE.search(dictionary) and not pdf_guard._IMAGE.search(dictionary):
            found.append((m.end(), b"/ASCII85Decode" in dictionary or b"/A85" in dictionary))
    return found


@pytest.mark.parametrize("data", [
    b"1 0 obj <</Filter /FlateDecode>> stream\nxx\nendstream\nendobj",
    b"<</Filter /FlateDecode>>endstream\nstream\n",
    b"<</Filter [/ASCII85Decode /FlateDecode]>>stream\r\nendstream\r\nendstream\n<</Filter /Fl /Length 3>>stream\rabc",
    b"<</Filter/Fl>>stream\nendstream\n<</Subtype /Image /Filter /FlateDecode>>stream\n",
])
def test_the_stream_scan_skips_endstream_as_the_lookbehind_did(data):
    assert list(pdf_guard.flate_streams(data)) == _streams_as_before(data) != []


def test_the_stream_scan_finds_the_same_streams_in_real_files():
    for name, data in _ruled_pdfs():
        assert list(pdf_guard.flate_streams(data)) == _streams_as_before(data), name


def test_a_small_file_is_not_scanned_and_a_large_one_is():
    small = b"%PDF-1.4\n" + b"<</Filter /FlateDecode>>stream\n" + b"x" * 1000 + b"\nendstream\n"
    assert pdf_guard._small_streams(small)
    large = b"%PDF-1.4\n" + b"<</Filter /FlateDecode>>stream\n" + b"x" * (pdf_guard.MAX_STREAM_BYTES // 1000) + b"\nendstream\n"
    assert not pdf_guard._small_streams(large)  # its stream could inflate past the bound: it must be inflated


def test_both_call_backends_read_alike(monkeypatch):
    from selfeval_lint.ingest import pdfium_c

    data = build_report([*report_items(1), self_evaluation_table(), *report_items(2)]).data
    read = {}
    for backend in pdfium_c.BACKENDS:
        assert set(pdfium_c.functions(backend)) == set(pdfium_c._PROTOTYPES)
        monkeypatch.setattr(pdfium_c, "_CHOSEN", [backend])
        read[backend] = [(b.kind, b.text, b.segments, b.table) for b in read_pdf(data)]
    assert read["cffi"] == read["ctypes"] and any(table for *_, table in read["cffi"])


@pytest.mark.parametrize("snap", [(3, 3), (0, 2), (0, 0)])
def test_edges_merge_as_pdfplumber_merges_them(snap):
    s = TableSettings.resolve(None)
    merged = 0
    for name, data in _ruled_pdfs():
        doc = pdfium.PdfDocument(data)
        for i in range(len(doc)):
            page = doc[i]  # held while its handle is walked
            edges = pdf_rules.page_edges(page.raw, page.get_mediabox()[3])
            v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
            h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
            theirs = merge_edges(v + h, *snap, 3, 3)
            assert pdf_rules.merge_edges(v, h, *snap, 3, 3) == theirs, (name, i)
            merged += len(v) + len(h) > len(theirs)
        doc.close()
    if REALDOCS.is_dir():  # the corpus and built pages draw each rule whole: only real PDFs have edges to join
        assert merged >= 5  # edges were snapped and joined


def test_cells_gather_into_tables_as_pdfplumber_gathers_them():
    from pdfplumber.table import cells_to_tables

    rng = random.Random(3)
    grids = []
    for name, data in _ruled_pdfs():
        doc = pdfium.PdfDocument(data)
        for i in range(len(doc)):
            grids.append(pdf_rules.cells(pdf_rules.intersections(_merged_edges(doc[i]), 3, 3)))
        doc.close()
    for cells in [g for g in grids if g] + [[], [(0, 0, 1, 1)], [(0, 0, 1, 1), (5, 5, 6, 6), (1, 0, 2, 1)]]:
        for shuffled in (cells, rng.sample(cells, len(cells))):  # any order: pdfplumber's passes decide
            assert pdf_rules.cells_to_tables(list(shuffled)) == cells_to_tables(list(shuffled))


def test_the_collector_is_paused_while_reading_and_resumed_after(monkeypatch):
    import gc

    from selfeval_lint.ingest import pdf_pdfium

    seen = []
    words = pdf_pdfium._words
    monkeypatch.setattr(pdf_pdfium, "_words", lambda chars: seen.append(gc.isenabled()) or words(chars))
    data = build_report(report_items(1)).data
    assert gc.isenabled()
    read_pdf(data)
    assert seen and not any(seen) and gc.isenabled()
    gc.disable()
    try:
        read_pdf(data)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
    with pytest.raises(IngestError):  # refused inside the reader: the collector is resumed all the same
        read_pdf(b"%PDF-1.4 broken")
    assert gc.isenabled()
