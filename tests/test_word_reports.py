"""The reference report as Word and PDF: automatic numbering read as Word shows it, the same findings in every format."""

from __future__ import annotations

import io

from scripts.build_corpus import AUTO_DOCX, AUTO_PDF, REFERENCE, report_lines
from scripts.make_docx import build_report
from selfeval_lint.engine import Options, check_bytes, check_file
from selfeval_lint.ingest.docx import read_docx
from selfeval_lint.registry import resolve_selection

from .conftest import run_cli

ALL = Options(selected=resolve_selection(None, None))
TOP = ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"]


def outline(path) -> list[tuple[str, str, int]]:
    import json

    facts = json.loads(run_cli("extract", str(path)).stdout)
    return [(o["label"], o["numbering"], o["level"]) for o in facts["outline"]]


def test_automatic_numbering_is_read_as_word_displays_it():
    items = outline(AUTO_DOCX)
    assert [label for label, _, level in items if level == 1] == TOP
    assert {mode for _, mode, _ in items} == {"automatic"}
    second = [label for label, _, level in items if level == 2]
    assert second == ["（一）", "（二）", "（一）", "（二）", "（一）", "（二）", "（三）", "（一）", "（二）", "（一）", "（二）", "（三）", "（四）"]
    assert [label for label, _, level in items if level == 3] == [f"{n}." for n in range(1, 15)] + ["1.", "2.", "3.", "4."]


def test_docx_with_automatic_numbering_has_no_numbering_finding():
    findings = check_file(str(AUTO_DOCX), ALL).findings
    assert [f.code for f in findings if f.code.startswith("NUM")] == []
    assert "TXT003" in {f.code for f in findings}  # 建立政策、项目、任务” stays wrong in every format


def test_typed_text_keeps_its_numbering_findings():
    codes = {f.code for f in check_file(str(REFERENCE), ALL).findings}
    assert {"NUM002", "NUM003", "NUM004"} <= codes


def test_pdf_printed_from_the_docx_reads_the_same():
    assert outline(AUTO_PDF) == [(label, "typed", level) for label, _, level in outline(AUTO_DOCX)]
    docx_findings = check_file(str(AUTO_DOCX), ALL).findings
    pdf_findings = check_file(str(AUTO_PDF), ALL).findings
    # a PDF's spaces are its extractor's: TXT006 reads only .txt and .docx, and excerpts are compared without spaces
    assert [(f.code, f.excerpt.replace(" ", "")) for f in pdf_findings] == [
        (f.code, f.excerpt.replace(" ", "")) for f in docx_findings if f.code != "TXT006"
    ]
    assert next(f for f in pdf_findings if f.code == "TXT003").location.page == 2


def test_committed_docx_matches_what_the_script_builds():
    buffer = io.BytesIO()
    build_report(report_lines(REFERENCE.read_text(encoding="utf-8"))).save(buffer)
    built = [(b.text, b.auto_label) for b in read_docx(buffer.getvalue())]
    assert built == [(b.text, b.auto_label) for b in read_docx(AUTO_DOCX.read_bytes())]


def test_typed_label_among_automatic_ones_is_noted():
    lines = [(None, "2023年度某局部门整体支出绩效自评报告"), (0, "基本情况"), (1, "主要职责"), (1, "内设机构"), (1, "人员情况")]
    document = build_report(lines)
    third = document.paragraphs[4]
    third._p.pPr.remove(third._p.pPr.numPr)  # numbering switched off …
    third.runs[0].text = "（三）人员情况"  # … and the label typed instead
    buffer = io.BytesIO()
    document.save(buffer)
    result = check_bytes("r.docx", buffer.getvalue(), Options(selected=resolve_selection(["NUM"], None)))
    assert [(f.code, f.variant, f.args["label"]) for f in result.findings] == [("NUM008", "typed", "（三）")]


def test_self_evaluation_table_with_merged_cells_in_docx_and_pdf():
    from scripts.build_corpus import TABLE_DOCX, TABLE_PDF, TABLE_ROWS
    from selfeval_lint.ingest.pdf import read_pdf

    expected_cells = {(0, 1, 1, 7, "科技创新专项资金"), (1, 0, 5, 1, "项目资金（万元）")}
    for blocks in (read_docx(TABLE_DOCX.read_bytes()), read_pdf(TABLE_PDF.read_bytes())):
        (table,) = [b.table for b in blocks if b.table is not None]
        assert [list(row) for row in table.rows] == [
            [text if not (r == 0 and c > 1) else "" for c, text in enumerate(row)] for r, row in enumerate(TABLE_ROWS)
        ]
        merged = {(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.rowspan > 1 or c.colspan > 1}
        assert merged == expected_cells


def test_text_report_names_the_word_paragraph_and_the_pdf_page():
    out = run_cli("check", str(AUTO_DOCX), str(AUTO_PDF)).stdout.decode()
    assert "auto.docx:35:46 (第35段): TXT003" in out
    assert "auto.pdf:62:8 (第2页): TXT003" in out
    assert "(para 35)" in run_cli("check", str(AUTO_DOCX), "--lang", "en").stdout.decode()
