"""The .docx plugin on real documents built in code: order, tables, text boxes, revisions, fields, bad input."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
import zipfile
from pathlib import Path

import pytest

from selfeval_lint.ingest.convert import convert_with_soffice, soffice_path
from selfeval_lint.ingest.docx import read_docx
from selfeval_lint.ingest.errors import IngestError
from selfeval_lint.model import BlockKind, Cell

from .docx_fixtures import (
    REPORT_LEVELS,
    abstract_num,
    billion_laughs,
    docx_bytes,
    field,
    lvl,
    num,
    p,
    r,
    rewrite_zip,
    style,
    tbl,
    tc,
    text_box,
    to_strict,
    with_footnote,
    zip_bomb,
    zip_of,
)

ROOT = Path(__file__).resolve().parents[1]


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_docx(data)]


def raises(data: bytes, code: str, variant: str, seconds: float = 5.0) -> IngestError:
    """read_docx fails with exactly this IngestError, and fast."""
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        read_docx(data)
    assert (caught.value.code, caught.value.variant) == (code, variant), caught.value
    assert time.perf_counter() - started < seconds
    return caught.value


# --- order, lines, paragraphs ---------------------------------------------------------------------------


def test_paragraphs_and_tables_in_document_order_with_lines_and_paragraph_numbers():
    body = (
        p("2023年度部门整体支出绩效自评报告") + p() + p("一、部门基本情况")
        + tbl([tc("指标"), tc("数值")], [tc("人数"), tc("12")], columns=2)
        + p("二、支出情况") + p("   ") + p("支出708.28万元。")
    )
    blocks = read_docx(docx_bytes(body))
    assert [(b.kind, b.text, b.paragraph, b.line) for b in blocks] == [
        (BlockKind.PARAGRAPH, "2023年度部门整体支出绩效自评报告", 1, 1),
        (BlockKind.PARAGRAPH, "一、部门基本情况", 3, 2),  # the empty paragraph 2 counts, but takes no line
        (BlockKind.TABLE, "指标\t数值\n人数\t12", None, 3),
        (BlockKind.PARAGRAPH, "二、支出情况", 4, 5),
        (BlockKind.PARAGRAPH, "支出708.28万元。", 6, 6),
    ]
    assert [b.index for b in blocks] == list(range(5))
    assert blocks[2].segments[1].line == 4 and blocks[2].position(blocks[2].text.index("人数")) == (4, 1, None)


def test_joined_block_texts_are_the_extracted_text_that_lines_refer_to():
    body = p("标题") + tbl([tc("a"), tc("b")], [tc("c"), tc("d")], [tc("e"), tc("f")], columns=2) + p("结尾")
    blocks = read_docx(docx_bytes(body))
    lines = "\n".join(b.text for b in blocks).split("\n")
    for block in blocks:
        for n, row in enumerate(block.text.split("\n")):
            assert lines[block.segments[n].line - 1] == row


def test_empty_document_has_no_blocks():
    assert read_docx(docx_bytes(p() + p(" "))) == []


# --- tables ---------------------------------------------------------------------------------------------


def self_evaluation_table() -> str:
    header = [tc("项目名称", vmerge="restart"), tc("项目资金（万元）", span=6)]
    columns = [tc(vmerge="continue")] + [tc(t) for t in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")]
    total = [tc(t) for t in ("年度资金总额", "100.00", "120.00", "118.00", "10", "98.33%", "9.83")]
    part = [tc("其中：本年财政拨款"), tc("100.00"), tc("120.00"), tc("118.00"), tc("—", span=3)]
    return tbl(header, columns, total, part, columns=7)


def test_self_evaluation_table_with_merged_header():
    (block,) = read_docx(docx_bytes(self_evaluation_table()))
    assert block.kind is BlockKind.TABLE
    assert block.table.rows == (
        ("项目名称", "项目资金（万元）", "", "", "", "", ""),
        ("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("年度资金总额", "100.00", "120.00", "118.00", "10", "98.33%", "9.83"),
        ("其中：本年财政拨款", "100.00", "120.00", "118.00", "—", "", ""),
    )
    cells = {(c.row, c.col): c for c in block.table.cells}
    assert cells[(0, 0)] == Cell(0, 0, "项目名称", rowspan=2, colspan=1)
    assert cells[(0, 1)] == Cell(0, 1, "项目资金（万元）", rowspan=1, colspan=6)
    assert cells[(3, 4)] == Cell(3, 4, "—", rowspan=1, colspan=3)
    assert (1, 0) not in cells and len(cells) == 2 + 6 + 7 + 5
    assert block.text.split("\n")[1] == "\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分"
    assert [s.line for s in block.segments] == [1, 2, 3, 4]
    assert [block.text[s.start:].split("\n")[0] for s in block.segments] == ["\t".join(r) for r in block.table.rows]


def test_cell_paragraphs_join_with_spaces_and_rows_can_start_late():
    cell = tc(p("第一段"), p("第二", '<w:r><w:tab/></w:r>', "段"), p())
    late_row = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("右") + "</w:tr>"
    xml = tbl([cell, tc("x")], columns=2).replace("</w:tbl>", late_row + "</w:tbl>")
    (block,) = read_docx(docx_bytes(xml))
    assert block.table.rows == (("第一段 第二 段", "x"), ("", "右"))
    assert block.table.cells[-1] == Cell(1, 1, "右")


def test_nested_table_follows_its_parent():
    inner = tbl([tc("内表甲"), tc("内表乙")], columns=2)
    body = tbl([tc(p("外表"), inner), tc("旁")], columns=2) + p("后文")
    blocks = read_docx(docx_bytes(body))
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.TABLE, "外表\t旁"), (BlockKind.TABLE, "内表甲\t内表乙"), (BlockKind.PARAGRAPH, "后文"),
    ]
    assert [b.line for b in blocks] == [1, 2, 3]


def test_deleted_table_row_is_dropped():
    deleted = '<w:tr><w:trPr><w:del w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:trPr>' + tc("删行") + tc("x") + "</w:tr>"
    xml = tbl([tc("a"), tc("b")], columns=2).replace("</w:tbl>", deleted + "</w:tbl>")
    assert texts(docx_bytes(xml)) == ["a\tb"]


# --- text boxes, headers, footers, notes, comments ------------------------------------------------------


def test_text_box_follows_its_anchor_paragraph_once():
    body = p("锚定段落", text_box(p("文本框第一段"), p("文本框第二段"))) + p("下一段")
    blocks = read_docx(docx_bytes(body))
    assert [(b.text, b.paragraph) for b in blocks] == [
        ("锚定段落", 1), ("文本框第一段", None), ("文本框第二段", None), ("下一段", 2),
    ]


def test_text_box_in_a_table_follows_the_table_and_vml_only_boxes_are_read():
    vml = '<w:r><w:pict><v:shape><v:textbox><w:txbxContent>' + p("旧式文本框") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    body = tbl([tc(p("单元格", text_box(p("格中文本框")))), tc("y")], columns=2) + p(vml)
    assert texts(docx_bytes(body)) == ["单元格\ty", "格中文本框", "旧式文本框"]


def test_headers_footers_footnotes_and_comments_stay_out_of_the_body():
    def decorate(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "页眉：岳阳市科学技术局"
        section.footer.paragraphs[0].text = "第 1 页"
        document.add_comment(document.paragraphs[0].runs[0], text="批注：请核实数据", author="审核人")

    note = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    body = p("基本支出708.28万元", note, "。") + p("正文")
    data = with_footnote(docx_bytes(body, decorate=decorate), "脚注：数据来源于决算报表")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {"word/comments.xml", "word/footnotes.xml"} <= set(names) and any("header" in n for n in names)
    assert texts(data) == ["基本支出708.28万元。", "正文"]


# --- revisions, fields, hyperlinks, special characters --------------------------------------------------


def test_tracked_changes_keep_insertions_and_drop_deletions():
    meta = 'w:author="审核" w:date="2024-03-01T10:00:00Z"'
    body = p(
        r("年度支出"),
        f'<w:ins w:id="1" {meta}>{r("708.28")}</w:ins>',
        f'<w:del w:id="2" {meta}><w:r><w:delText>700.00</w:delText></w:r></w:del>',
        r("万元，"),
        f'<w:moveFrom w:id="3" {meta}>{r("旧位置")}</w:moveFrom>',
        f'<w:moveTo w:id="4" {meta}>{r("新位置")}</w:moveTo>',
    )
    deleted_paragraph = (
        f'<w:p><w:pPr><w:rPr><w:del w:id="5" {meta}/></w:rPr></w:pPr>'
        f'<w:del w:id="6" {meta}><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>'
    )
    blocks = read_docx(docx_bytes(body + deleted_paragraph + p("其后")))
    assert [(b.text, b.paragraph) for b in blocks] == [("年度支出708.28万元，新位置", 1), ("其后", 2)]


def test_toc_and_pageref_fields_keep_results_and_drop_codes():
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )

    def entry(text: str, page: str, bookmark: str) -> str:
        pageref = field("PAGEREF " + bookmark + " \\h", page)
        return f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{r(text)}<w:r><w:tab/></w:r>{pageref}</w:hyperlink>'

    end = p('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    entries = p(begin, entry("一、部门基本情况", "3", "_Toc1")) + p(entry("二、支出情况", "5", "_Toc2")) + end
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj>'
        f"</w:sdtPr><w:sdtContent>{p('目录')}{entries}</w:sdtContent></w:sdt>"
    )
    simple = p("第", '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">' + r("7") + "</w:fldSimple>", "页")
    unresolved = p("见", field("REF _Ref1 \\h", "表1"), "。", field("XE 索引", ""))
    blocks = read_docx(docx_bytes(toc + simple + unresolved))
    assert [b.text for b in blocks] == ["目录", "一、部门基本情况 3", "二、支出情况 5", "第7页", "见表1。"]
    assert [b.paragraph for b in blocks] == [1, 2, 3, 5, 6]  # sdt paragraphs are body paragraphs


def test_hyperlinks_smart_tags_and_content_controls_keep_their_text():
    body = p(
        "详见",
        '<w:hyperlink r:id="rId99">' + r("岳阳市科技局网站") + "</w:hyperlink>",
        '<w:smartTag w:uri="urn:x" w:element="place"><w:smartTagPr/>' + r("岳阳") + "</w:smartTag>",
        '<w:sdt><w:sdtPr><w:alias w:val="金额"/></w:sdtPr><w:sdtContent>' + r("708.28") + "</w:sdtContent></w:sdt>",
    )
    assert texts(docx_bytes(body)) == ["详见岳阳市科技局网站岳阳708.28"]


def test_tabs_breaks_hyphens_symbols_and_hidden_text():
    body = p(
        r("甲"), "<w:r><w:tab/></w:r>", r("乙"), "<w:r><w:br/></w:r>", r("丙"), '<w:r><w:br w:type="page"/></w:r>',
        r("2023"), "<w:r><w:noBreakHyphen/></w:r>", r("2024"), "<w:r><w:softHyphen/></w:r>",
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>', '<w:r><w:sym w:font="SimSun" w:char="2460"/></w:r>',
        r("隐藏", '<w:vanish/>'), r("可见", '<w:vanish w:val="0"/>'), r("行\u2028分\n段"),
    )
    assert texts(docx_bytes(body)) == ["甲 乙 丙 2023-2024①可见行 分 段"]  # one paragraph, one line


# --- styles -------------------------------------------------------------------------------------------


def test_heading_hints_from_styles():
    styles = style("WpsHeading3", "标题 3") + style("Custom", "正文标题", outline=1)
    body = (
        p("报告标题", style="Title") + p("一、基本情况", style="Heading1") + p("（一）职责", style="Heading2")
        + p("1.小节", style="WpsHeading3") + p("正文", style="Custom") + p("直接大纲级别", ppr='<w:outlineLvl w:val="3"/>')
        + p("正文级别", style="Heading1", ppr='<w:outlineLvl w:val="9"/>') + p("普通正文")
    )
    blocks = read_docx(docx_bytes(body, styles=styles))
    assert [b.heading_hint for b in blocks] == [None, 1, 2, 3, 2, 4, None, None]


# --- other producers -----------------------------------------------------------------------------------


def test_libreoffice_style_document():
    """LibreOffice writes taiwaneseCountingThousand for 一、二、三, w:suff nothing, empty level texts, bookmarks."""
    numbering = abstract_num(
        1,
        lvl(0, "taiwaneseCountingThousand", "%1、", suff="nothing", extra='<w:pPr><w:ind w:left="0" w:hanging="0"/></w:pPr><w:rPr></w:rPr>'),
        lvl(1, "taiwaneseCountingThousand", "（%2）", suff="nothing"),
        lvl(2, "none", "", suff="nothing"),
        multi="hybrid",
    ) + num(2, 1)
    heading = '<w:pPr><w:pStyle w:val="Normal"/><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="2"/></w:numPr><w:rPr></w:rPr></w:pPr>'
    body = (
        f'<w:p>{heading.format(0)}<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        f'<w:r><w:rPr></w:rPr><w:t>部门基本情况</w:t></w:r></w:p>'
        f"<w:p>{heading.format(1)}{r('主要职责')}</w:p>"
        f"<w:p>{heading.format(2)}{r('无编号级别')}</w:p>"
        + p("文本框锚点", text_box(p("文本框只读一次")))
        + f"<w:p>{heading.format(0)}{r('支出情况')}</w:p>"
    )
    assert texts(docx_bytes(body, numbering=numbering)) == [
        "一、部门基本情况", "（一）主要职责", "无编号级别", "文本框锚点", "文本框只读一次", "二、支出情况",
    ]


def test_wps_style_document():
    """WPS: single-level lists with w:tentative, eastAsia fonts and hints, its own customData elements."""
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="2B1A5C3E"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:tmpl w:val="2B1A5C3E"/><w:lvl w:ilvl="0" w:tentative="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:rPr><w:rFonts w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    fonts = '<w:rFonts w:hint="eastAsia" w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体" w:cs="黑体"/>'
    ppr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:firstLine="640" w:firstLineChars="200"/><w:rPr>{fonts}</w:rPr>'
    body = (
        p("部门基本情况", ppr=ppr) + p(r("　　负责全市科技工作。", fonts)) + p("支出情况", ppr=ppr)
        + '<wpsCustomData:docInfo><wpsCustomData:item w:val="x"/></wpsCustomData:docInfo>'
    )
    assert texts(docx_bytes(body, numbering=numbering)) == ["一、部门基本情况", "　　负责全市科技工作。", "二、支出情况"]


def test_strict_ooxml_reads_like_transitional():
    body = p("部门基本情况", num=1, ilvl=0) + tbl([tc("a"), tc("b")], columns=2) + p("主要职责", num=1, ilvl=1)
    data = docx_bytes(body, numbering=REPORT_LEVELS + num(1, 1))
    strict = to_strict(data)
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(io.BytesIO(strict)).read("word/document.xml")
    assert texts(strict) == texts(data) == ["一、部门基本情况", "a\tb", "（一）主要职责"]


def test_main_part_found_through_the_package_relationships():
    data = docx_bytes(p("正文"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml")
        rels = z.read("_rels/.rels").replace(b"word/document.xml", b"word/main.xml")
        doc_rels = z.read("word/_rels/document.xml.rels")
    moved = rewrite_zip(data, {"word/document.xml": None, "word/main.xml": document, "_rels/.rels": rels,
                               "word/_rels/document.xml.rels": None, "word/_rels/main.xml.rels": doc_rels})
    assert texts(moved) == ["正文"]


# --- bad input ---------------------------------------------------------------------------------------------


def test_corrupt_zip():
    error = raises(b"PK\x03\x04" + os.urandom(2000), "PAR010", "corrupt")
    assert error.args_["reason"]


def test_truncated_docx():
    data = docx_bytes(p("正文" * 200))
    raises(data[: len(data) // 2], "PAR010", "corrupt")


def test_zip_that_is_not_a_word_document():
    raises(zip_of({"hello.txt": b"hello", "xl/workbook.xml": b"<workbook/>"}), "PAR002", "zip")


@pytest.fixture(scope="module")
def bomb_300mb() -> bytes:
    return zip_bomb(300)


def test_zip_bomb_by_declared_size(bomb_300mb):
    assert len(bomb_300mb) < 2 * 2**20
    error = raises(bomb_300mb, "PAR004", "zip-bomb")
    assert error.args_["size_mb"] == 300.0


def test_zip_bomb_by_compression_ratio():
    raises(zip_bomb(20), "PAR004", "zip-bomb")  # 20 MB of zeros in ~20 KB: far over 200:1


def test_zip_bomb_by_declared_sizes_adding_up():
    """Three members declaring 70 MB each at a plausible 1.4:1 ratio: only their sum gives them away."""
    data = bytearray(zip_of({f"word/part{n}.xml": b"<x/>" for n in range(3)} | {"word/document.xml": b"<x/>"}))
    at = 0
    for _ in range(3):
        at = data.find(b"PK\x01\x02", at + 1)
        data[at + 20: at + 24] = (50 * 2**20).to_bytes(4, "little")  # compressed size
        data[at + 24: at + 28] = (70 * 2**20).to_bytes(4, "little")  # uncompressed size
    assert raises(bytes(data), "PAR004", "zip-bomb").args_["size_mb"] == 210.0


def test_zip_bomb_by_member_count():
    members = {f"word/media/m{n}.bin": b"" for n in range(10_001)}
    raises(zip_of(members | {"word/document.xml": b"<x/>"}, compresslevel=0), "PAR004", "zip-bomb")


def test_member_that_lies_about_its_size_is_corrupt():
    data = docx_bytes(p("正文" * 500))
    info = next(i for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if i.filename == "word/document.xml")
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml") + 1)
    patched = bytearray(data)
    patched[central + 24: central + 28] = (100).to_bytes(4, "little")  # uncompressed size in the central directory
    assert info.file_size > 100
    raises(bytes(patched), "PAR010", "corrupt")


def test_billion_laughs_in_the_document():
    raises(billion_laughs(), "PAR010", "xml-unsafe")


def test_doctype_in_the_styles_part():
    data = docx_bytes(p("正文"))
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    unsafe = styles.replace(b"?>", b'?><!DOCTYPE w:styles SYSTEM "http://example.invalid/x.dtd">', 1)
    raises(rewrite_zip(data, {"word/styles.xml": unsafe}), "PAR010", "xml-unsafe")


def test_malformed_document_xml():
    data = rewrite_zip(docx_bytes(p("正文")), {"word/document.xml": b"<w:document><w:body><w:p>"})
    assert "document.xml" in raises(data, "PAR010", "corrupt").args_["reason"]


def test_encrypted_office_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    raises(ole, "PAR007", "encrypted")


def test_legacy_binary_word_file():
    raises(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "PAR002", "legacy-binary")


def test_password_protected_zip_member():
    data = bytearray(docx_bytes(p("正文")))
    at = data.find(b"word/document.xml")
    local = data.rfind(b"PK\x03\x04", 0, at)
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml") + 1)
    data[local + 6] |= 1  # general purpose flag: encrypted
    data[central + 8] |= 1
    raises(bytes(data), "PAR007", "encrypted")


# --- scripts/make_docx.py ----------------------------------------------------------------------------------

REPORT = [
    (None, "2023年度岳阳市科学技术局部门整体支出绩效自评报告"),
    (0, "部门（单位）基本情况"), (1, "主要职责"), (2, "负责全市科学技术进步的宏观管理。"), (2, "组织实施市科技重大专项工作。"),
    (1, "内设机构"), (None, "局机关内设科室11个。"),
    (0, "一般公共预算支出情况"), (1, "基本支出情况"), (3, "人员经费"), (3, "公用经费"), (1, "项目支出情况"),
    *[(0, title) for title in ("政府性基金预算支出情况", "国有资本经营预算支出情况", "社会保险基金预算支出情况",
                               "部门整体支出绩效情况", "存在的问题及原因分析", "下一步改进措施",
                               "部门整体支出绩效自评结果拟应用和公开情况", "其他需要说明的情况")],
]
EXPECTED_LABELS = [
    None, "一、", "（一）", "1.", "2.", "（二）", None, "二、", "（一）", "（1）", "（2）", "（二）",
    "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、",
]


@pytest.fixture(scope="module")
def make_docx():
    sys.path.insert(0, str(ROOT))
    try:
        from scripts import make_docx as module
    finally:
        sys.path.remove(str(ROOT))
    return module


def test_report_with_automatic_numbering_reads_back_as_word_displays_it(make_docx, tmp_path):
    path = make_docx.report_to_docx(REPORT, tmp_path / "report.docx", automatic=True)
    blocks = read_docx(path.read_bytes())
    assert [b.auto_label for b in blocks] == EXPECTED_LABELS
    assert [b.text for b in blocks] == [(label or "") + text for label, (_, text) in zip(EXPECTED_LABELS, REPORT)]
    assert b"%1\xe3\x80\x81" in zipfile.ZipFile(path).read("word/numbering.xml")  # "%1、" in numbering.xml
    assert "一、".encode() not in zipfile.ZipFile(path).read("word/document.xml")  # labels are not typed
    assert [b.heading_hint for b in blocks][:3] == [None, 1, 2]


def test_report_with_typed_labels_has_the_same_text_and_no_auto_label(make_docx, tmp_path):
    automatic = read_docx(make_docx.report_to_docx(REPORT, tmp_path / "a.docx").read_bytes())
    typed = read_docx(make_docx.report_to_docx(REPORT, tmp_path / "t.docx", automatic=False).read_bytes())
    assert [b.text for b in typed] == [b.text for b in automatic]
    assert all(b.auto_label is None for b in typed)
    assert [b.heading_hint for b in typed] == [b.heading_hint for b in automatic]


# --- conversion with LibreOffice -------------------------------------------------------------------------


def fake_soffice(directory: Path, script: str) -> None:
    path = directory / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_conversion_needs_soffice_on_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(IngestError) as caught:
        convert_with_soffice(b"{\\rtf1 x}", ".rtf")
    assert (caught.value.code, caught.value.variant, caught.value.args_) == ("PAR002", "needs-soffice", {"format": "RTF"})


def test_conversion_runs_soffice_with_its_own_profile(tmp_path, monkeypatch):
    fake_soffice(tmp_path, 'for a; do last="$a"; case "$a" in -env:*) echo "$a" > "$OUT_LOG";; esac; done\n'
                           'outdir=$(echo "$@" | sed "s/.*--outdir \\([^ ]*\\) .*/\\1/")\n'
                           'mkdir -p "$outdir"; cp "$last" "$outdir/input.docx"\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("OUT_LOG", str(tmp_path / "args"))
    assert convert_with_soffice(b"converted bytes", ".wps") == b"converted bytes"
    assert (tmp_path / "args").read_text().startswith("-env:UserInstallation=file://")


def test_conversion_failure_and_timeout(tmp_path, monkeypatch):
    fake_soffice(tmp_path, 'echo "Error: source file could not be loaded"; exit 1\n')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(IngestError) as caught:
        convert_with_soffice(b"x", ".doc")
    assert (caught.value.variant, caught.value.args_["reason"]) == ("convert-failed", "Error: source file could not be loaded")

    fake_soffice(tmp_path, f'sleep 30 & echo $! > "{tmp_path}/child"; wait\n')
    started = time.perf_counter()
    with pytest.raises(IngestError) as caught:
        convert_with_soffice(b"x", ".doc", timeout=0.5)
    assert caught.value.variant == "convert-timeout" and time.perf_counter() - started < 5
    child = int((tmp_path / "child").read_text())
    time.sleep(0.2)
    assert not alive(child)  # the whole process group was killed, not only the shell


def alive(pid: int) -> bool:
    """Whether a process runs (a killed child not yet reaped by init is a zombie: not running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_real_conversion_of_an_rtf_file():
    data = convert_with_soffice(rb"{\rtf1\ansi 2023 report\par}", ".rtf")
    assert "2023 report" in texts(data)[0]
