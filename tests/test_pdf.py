"""PDF ingest on PDFs typeset in code: paragraphs, headings, locations, tables, and refusing garbage."""

from __future__ import annotations

import io
import logging
import random
import re
import time

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from selfeval_lint.ingest.errors import IngestError
from selfeval_lint.ingest.pdf import read_pdf
from selfeval_lint.model import BlockKind

from .pdf_fixtures import (
    HEADER,
    Grid,
    HINTS,
    LATIN,
    TITLE,
    Para,
    build_report,
    garbled,
    image_only,
    report_items,
    self_evaluation_table,
)

FAST = 5.0  # seconds: refusing a bad file must be quick

SPACED = [
    Para(  # widened, justified spacing: pdfplumber sees a gap between every two characters
        "全年预算数1,234.56万元，执行数1,180.20万元，执行率95.6%，较上年提高2.3个百分点，资金使用规范，未发现违规问题。",
        char_space=4,
    ),
    Para("经 济 指 标 达 到 预 期 ， 科 技 成 果 转 化 率 提 升 。", expected="经济指标达到预期，科技成果转化率提升。"),
    Para(
        "采用 GPS 定位的监测设备共 12 台，GDP growth rate 达到 3 kg 标准，PM2.5 浓度下降。",
        expected="采用GPS定位的监测设备共12台，GDP growth rate达到3 kg标准，PM2.5浓度下降。",
    ),
    Para(
        "在 GDP growth 指标上 Latin words with wide spacing 也保留空格，共计 2,345.60 万元。",
        char_space=4,
        expected="在GDP growth指标上Latin words with wide spacing也保留空格，共计2,345.60万元。",
    ),
]


def report() -> list[Para]:
    """Two pages; the page break falls inside the second section's first paragraph."""
    return [Para(TITLE, "title"), *report_items(1), SPACED[0], SPACED[2], SPACED[3], *report_items(2), SPACED[1]]


def refusal(data: bytes) -> IngestError:
    start = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        read_pdf(data)
    assert time.perf_counter() - start < FAST
    return caught.value


def test_report_paragraphs_headings_and_locations():
    built = build_report(report())
    blocks = read_pdf(built.data)

    assert built.pages == 2
    assert [b.text for b in blocks] == [p.item.read_back for p in built.placed]
    assert [b.text for b in blocks[:4]] == [TITLE, "一、部门（单位）基本情况", "（一）主要职责", blocks[3].text]
    assert blocks[3].text.startswith("贯彻落实国家、省关于科技创新的方针政策") and blocks[3].text.endswith("较上年增长1.5%。")
    assert [b.heading_hint for b in blocks[:12]] == [1, 2, 3, None, 3, None, 2, 4, None, None, None, None]
    assert [b.heading_hint for b in blocks] == [HINTS.get(p.item.style) for p in built.placed]
    assert [[(s.page, s.line) for s in b.segments] for b in blocks] == [p.lines for p in built.placed]
    assert all(s.column == 1 for b in blocks for s in b.segments)
    assert all(b.kind is BlockKind.PARAGRAPH and b.paragraph is None for b in blocks)
    assert [b.index for b in blocks] == list(range(len(blocks)))
    # no running header, no page number
    assert not any(HEADER in b.text or re.search(r"-\s*\d+\s*-", b.text) for b in blocks)


def test_a_paragraph_goes_on_across_the_page_break():
    blocks = read_pdf(build_report(report()).data)
    (across,) = [b for b in blocks if len({s.page for s in b.segments}) == 2]
    assert across.text.startswith("贯彻落实国家、省关于科技创新") and across.text.endswith("较上年增长2.5%。")
    assert [(s.page, s.line) for s in across.segments] == [(1, 32), (2, 33), (2, 34), (2, 35)]
    on_page_2 = across.segments[1]
    assert across.position(on_page_2.start) == (33, 1, 2)
    assert across.position(on_page_2.start - 1) == (32, on_page_2.start, 1)


def test_spurious_spaces_removed_meaningful_ones_kept():
    blocks = read_pdf(build_report(SPACED, header=None, page_number=None).data)
    assert [b.text for b in blocks] == [
        "全年预算数1,234.56万元，执行数1,180.20万元，执行率95.6%，较上年提高2.3个百分点，资金使用规范，未发现违规问题。",
        "经济指标达到预期，科技成果转化率提升。",
        "采用GPS定位的监测设备共12台，GDP growth rate达到3 kg标准，PM2.5浓度下降。",
        "在GDP growth指标上Latin words with wide spacing也保留空格，共计2,345.60万元。",
    ]


def test_latin_lines_are_joined_with_a_space():
    text = (
        "Performance evaluation report of the municipal science and technology bureau for the year 2023, "
        "covering budget execution, output and outcome indicators, and the satisfaction of service recipients."
    )
    blocks = read_pdf(build_report([Para(text, "note")], header=None, page_number=None).data)
    assert [b.text for b in blocks] == [text]
    assert len(blocks[0].segments) == 3


def test_digits_in_another_font_stay_on_their_line(caplog):
    text = "项目支出411.28万元，其中人员经费182.56万元、公用经费228.72万元，全年预算执行率为98.60%，各项指标均已完成。"
    with caplog.at_level(logging.WARNING, logger="selfeval_lint.ingest.pdf"):
        built = build_report([Para(text, digits_font=LATIN, digits_rise=2)], header=None, page_number=None)
        blocks = read_pdf(built.data)
    assert [b.text for b in blocks] == [text]
    assert not caplog.records


def test_a_wider_gap_between_lines_starts_a_paragraph():
    full_lines = "绩效目标设定明确合理，指标细化量化可衡量，资金使用规范，项目管理制度健全，执行有力。" * 2
    assert len(full_lines) == 84
    text = full_lines[:74]  # exactly two full lines: neither an indent nor a short line marks the end
    blocks = read_pdf(build_report([Para(text, "flush"), Para(text, "flush")], header=None, page_number=None).data)
    assert [b.text for b in blocks] == [text, text]


def test_an_indent_typed_as_ideographic_spaces_starts_a_paragraph():
    text = ("绩效目标设定明确合理，指标细化量化可衡量，资金使用规范，项目管理制度健全，执行有力。" * 2)[:72]
    paras = [Para("　　" + text, "typed", expected=text), Para("　　" + text, "typed", expected=text)]
    built = build_report(paras, header=None, page_number=None)
    assert [p.lines for p in built.placed] == [[(1, 1), (1, 2)], [(1, 3), (1, 4)]]  # full lines, no gap
    assert [b.text for b in read_pdf(built.data)] == [text, text]


def test_fake_bold_is_read_once():
    text = "二、一般公共预算支出情况"
    paras = [Para(text, "h1", fake_bold=True), Para("基本支出708.28万元，项目支出411.28万元。", fake_bold=True)]
    blocks = read_pdf(build_report(paras, header=None, page_number=None).data)
    assert [b.text for b in blocks] == [text, "基本支出708.28万元，项目支出411.28万元。"]


@pytest.mark.parametrize("page_number", ["- {n} -", "— {n} —", "第 {n} 页", "{n}", "{n}/{total}", "第{n}页 共{total}页"])
def test_page_numbers_and_headers_removed(page_number):
    built = build_report(report(), page_number=page_number)
    blocks = read_pdf(built.data)
    assert [b.text for b in blocks] == [p.item.read_back for p in built.placed]
    assert [[(s.page, s.line) for s in b.segments] for b in blocks] == [p.lines for p in built.placed]


def test_self_evaluation_table_grid_and_merged_cells():
    built = build_report(
        [Para("表1 项目支出绩效自评表", "note"), self_evaluation_table(), Para("注：执行率为全年执行数与全年预算数之比。", "note")],
        header=None,
        page_number=None,
    )
    blocks = read_pdf(built.data)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert [blocks[0].text, blocks[2].text] == ["表1项目支出绩效自评表", "注：执行率为全年执行数与全年预算数之比。"]
    table = blocks[1].table
    assert table is not None
    assert table.rows == (
        ("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("资金来源", "年度资金总额", "100.00", "120.00", "114.00", "10", "95.00%", "9.5"),
        ("", "其中：本年财政拨款", "100.00", "110.00", "105.00", "—", "95.45%", "—"),
        ("", "上年结转资金", "0.00", "10.00", "9.00", "—", "90.00%", "—"),
        ("年度总体目标", "按期完成科技项目管理，资金使用规范，服务对象满意", "", "", "", "", "", ""),
    )
    merged = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells if (c.rowspan, c.colspan) != (1, 1)}
    assert merged == {(0, 0): (1, 2), (1, 0): (3, 1), (4, 1): (1, 7)}
    assert all(table.rows[c.row][c.col] == c.text for c in table.cells)
    assert len(table.cells) == 31
    assert blocks[1].text == "\n".join("\t".join(row) for row in table.rows)
    assert [(s.page, s.line, s.column) for s in blocks[1].segments] == [(1, line, 1) for line in range(2, 7)]
    assert blocks[1].position(blocks[1].text.index("上年结转资金")) == (5, 2, 1)
    assert blocks[2].segments[0].line == 7


def test_a_table_split_by_a_page_break_stays_two_tables(caplog):
    rows = [["三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    rows += [[f"科技项目验收数{i}", f"{i}项", f"{i}项", "2", "2"] for i in range(1, 40)]
    grid = Grid(rows, widths=[120, 80, 80, 60, 60])
    built = build_report([Para(f"第{i}段说明文字，用于占位。") for i in range(12)] + [grid], page_number=None)
    with caplog.at_level(logging.INFO, logger="selfeval_lint.ingest.pdf"):
        blocks = read_pdf(built.data)
    tables = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 2
    assert [{s.page for s in t.segments} for t in tables] == [{1}, {2}]
    assert tables[0].table.rows[0] == tuple(rows[0]) and tables[1].table.rows[-1] == tuple(rows[-1])
    assert sum(len(t.table.rows) for t in tables) == len(rows)
    assert [s.line for t in tables for s in t.segments] == [line for _, line in built.placed[-1].lines]
    assert any("second table" in r.getMessage() for r in caplog.records)


def test_empty_user_password_with_an_owner_password_reads():
    built = build_report(report(), encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1))
    assert [b.text for b in read_pdf(built.data)] == [p.item.read_back for p in built.placed]


def test_user_password_is_refused():
    built = build_report(report(), encrypt=StandardEncryption("secret", canPrint=1))
    error = refusal(built.data)
    assert (error.code, error.variant, error.args_) == ("PAR007", "encrypted", {})


@pytest.mark.parametrize(("pages", "stamp"), [(3, ""), (2, "扫描件"), (40, "")])
def test_image_only_pdf_is_refused(pages, stamp):
    error = refusal(image_only(pages, stamp))
    assert (error.code, error.variant, error.args_) == ("PAR008", "scanned", {"pages": pages})


def test_blank_pdf_is_refused():
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.showPage()
    pdf.save()
    assert refusal(buf.getvalue()).code == "PAR008"


@pytest.mark.parametrize(("cjk", "latin", "share"), [(60, 40, "60.0"), (30, 0, "100.0"), (3, 97, "3.0")])
def test_text_without_a_unicode_map_is_refused(cjk, latin, share):
    error = refusal(garbled(cjk, latin))
    assert (error.code, error.variant, error.args_) == ("PAR009", "garbled", {"share": share})


def test_share_is_measured_over_the_whole_document_and_quickly():
    error = refusal(garbled(300, 200, pages=40))
    assert error.args_ == {"share": "60.0"}


def test_a_few_undecodable_characters_are_read_as_replacement_characters(monkeypatch):
    monkeypatch.setenv("SELFEVAL_LINT_PDF_READER", "pdfplumber")
    (block,) = read_pdf(garbled(1, 120))
    assert block.text.startswith("\ufffdPerformance")


def test_the_fast_path_reads_past_a_lone_unmappable_character():
    # pdfium leaves out a glyph it can map to nothing; the readable text around it stays
    (block,) = read_pdf(garbled(1, 120))
    assert block.text.startswith("Performance") and len(block.text) >= 120


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_truncated_pdf_is_refused(keep):
    data = build_report(report()).data
    error = refusal(data[: int(len(data) * keep)])
    assert (error.code, error.variant) == ("PAR010", "corrupt")
    assert isinstance(error.args_["reason"], str) and "\n" not in error.args_["reason"]


def test_garbage_after_the_pdf_header_is_refused():
    assert refusal(b"%PDF-1.7\n" + bytes(range(256)) * 10).code == "PAR010"


def test_damaged_bytes_never_raise_anything_but_ingest_errors():
    data = build_report([Para(TITLE, "title"), *report_items(1), self_evaluation_table()], page_number=None).data
    rng = random.Random(3)
    for _ in range(25):
        damaged = bytearray(data)
        for _ in range(8):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            blocks = read_pdf(bytes(damaged))
        except IngestError as error:
            assert error.code in {"PAR007", "PAR008", "PAR009", "PAR010"}
        else:
            assert isinstance(blocks, list)


def _page_of_lines(lines: list[list[tuple[str, float, float]]]) -> bytes:
    """One page; each line a list of (text, font size, rise) runs drawn left to right from the margin."""
    import io

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from .pdf_fixtures import LEFT, PAGE_HEIGHT, SONG, TOP, register_fonts

    register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    y = PAGE_HEIGHT - TOP
    for runs in lines:
        x = LEFT
        for text, size, rise in runs:
            pdf.setFont(SONG, size)
            pdf.drawString(x, y + rise, text)
            x += stringWidth(text, SONG, size)
        y -= 22
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


FULL = "　　我局认真贯彻落实预算绩效管理各项要求，扎实开展部门整体支出绩效自评工作，各项工作有序推进。"  # a full line


def test_a_footnote_mark_does_not_glue_onto_the_next_figure():
    data = _page_of_lines([
        [("一、基本支出情况", 11, 0)],
        [("　　基本支出708.28万元，其中：一般公共服务支出", 11, 0), ("1", 6.4, 4), ("2.00万元；科学技术支出706.28万元。", 11, 0)],
        *[[(FULL, 11, 0)]] * 6,
    ])
    texts = [b.text for b in read_pdf(data)]
    assert texts[1] == "基本支出708.28万元，其中：一般公共服务支出2.00万元；科学技术支出706.28万元。"


def test_a_line_cut_short_by_the_line_breaker_does_not_end_its_paragraph():
    data = _page_of_lines([
        [("一、工作情况", 11, 0)],
        *[[(FULL, 11, 0)]] * 6,
        [("　　二是加强预算执行管理。“坚持精打细算，切实提高财政资金使用效", 11, 0)],  # ends about 3 ems short
        [("益，”。“坚持厉行节约，严控一般性支出”。", 11, 0)],
    ])
    blocks = [b.text for b in read_pdf(data)]
    assert blocks[-1] == "二是加强预算执行管理。“坚持精打细算，切实提高财政资金使用效益，”。“坚持厉行节约，严控一般性支出”。"
