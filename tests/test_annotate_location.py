"""Where a Word finding is, as a clerk finds it: the page Word last laid it out on, and the heading path."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest.docx import read_docx
from selfeval_lint.registry import resolve_selection

from .conftest import run_cli

ALL = Options(selected=resolve_selection(None, None))
SECTIONS = Path(__file__).resolve().parents[2] / "shared" / "realdocs" / "numbering" / "docxfix-sections.docx"
if not SECTIONS.exists():
    SECTIONS = Path("/work/shared/realdocs/numbering/docxfix-sections.docx")


def report(rendered: bool) -> bytes:
    """Three pages: a page Word filled (a rendered break inside a paragraph) and a hard page break."""
    document = docx.Document()
    document.add_paragraph("2023年度某局部门整体支出绩效自评报告")
    document.add_paragraph("一、部门基本情况")
    long = document.add_paragraph()
    long.add_run("本局负责全市科技工作，")
    run = long.add_run("承担科技计划管理职能。")
    if rendered:
        run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))  # Word's page 2 began at this run
    document.add_paragraph("二、部门整体支出情况")
    breaker = document.add_paragraph("本年支出合计100万元。")
    breaker.runs[0].add_break(WD_BREAK.PAGE)
    document.add_paragraph("（一）基本支出")
    document.add_paragraph("基本支出80万元[bookmark: _GoBack]。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pages_of_a_word_saved_file_come_from_its_rendered_and_hard_page_breaks():
    pages = [(b.text, b.segments[0].page) for b in read_docx(report(rendered=True))]
    assert pages == [
        ("2023年度某局部门整体支出绩效自评报告", 1), ("一、部门基本情况", 1),
        ("本局负责全市科技工作，承担科技计划管理职能。", 1),  # starts on page 1
        ("二、部门整体支出情况", 2), ("本年支出合计100万元。 ", 2), ("（一）基本支出", 3), ("基本支出80万元[bookmark: _GoBack]。", 3),
    ]


def test_a_file_never_laid_out_by_word_has_no_page_numbers():
    assert {b.segments[0].page for b in read_docx(report(rendered=False))} == {None}


def test_text_output_names_page_paragraph_and_heading_path(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(report(rendered=True))
    out = run_cli("check", str(path)).stdout.decode()
    assert f"{path}:7:9 (第3页 第7段 “二、部门整体支出情况 > （一）基本支出”): TXT001" in out
    en = run_cli("check", str(path), "--lang", "en").stdout.decode()
    assert f'{path}:7:9 (p.3 para 7 in "二、部门整体支出情况 > （一）基本支出"): TXT001' in en
    plain = tmp_path / "报告.txt"
    plain.write_text("\n".join(b.text for b in read_docx(path.read_bytes())), encoding="utf-8")
    assert f"{plain}:7:9: TXT001" in run_cli("check", str(plain)).stdout.decode()  # text files: line:column only


@pytest.mark.skipif(not SECTIONS.exists(), reason="realdocs not available")
def test_pages_of_a_real_word_file_with_section_breaks():
    blocks = read_docx(SECTIONS.read_bytes())
    assert blocks[0].segments[0].page == 1  # the title page
    assert blocks[1].segments[0].page == 2  # the text after the next-page section break
    finding = next(f for f in check_bytes(str(SECTIONS), SECTIONS.read_bytes(), ALL).findings if f.code == "TXT003")
    assert finding.location.page == 3
