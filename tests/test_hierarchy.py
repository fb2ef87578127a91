"""Legitimate restarts and hierarchy read from how a document uses its labels (class 3 of issue 9): lists after a
lead-in or an unlabelled title line, per-project blocks each restarting 一、, 章-条-项, an item run into its lead-in."""

from __future__ import annotations

from .conftest import lint

DUTIES = "主要职能包括：\n1、贯彻执行国家和本市有关方针政策，并结合本区实际制订实施意见。\n2、负责本区工商业运行的监测，协调解决行业运行中的问题。\n3、完成区委、区政府交办的其他任务。\n"


def _num(text: str) -> list[tuple[str, int, str]]:
    return [(f.code, f.location.line, f.variant) for f in lint(text, select="NUM001,NUM002,NUM003,NUM007")]


def test_per_project_blocks_each_restart_their_headings():
    block = "{name}专项经费情况说明\n一、项目概述\n推动产业发展。\n二、立项依据\n1、《实施意见》。\n2、《管理办法》。\n三、绩效目标\n详见绩效目标表。\n"
    text = "其他相关情况说明\n一、三公经费预算情况说明\n持平。\n二、机关运行经费预算\n171万元。\n"
    text += block.format(name="科技创新") + block.format(name="生命健康")
    assert _num(text) == []


def test_lists_after_lead_ins_start_anew_beside_the_earlier_list():
    text = "部门主要职能\n" + DUTIES + "机构设置\n本部门具体包括：\n1.本部\n2.下属中心\n部门预算有关名词解释\n（一）财政拨款收入：是本级财政拨款，包括一般公共预算拨款。\n" \
        "（二）事业收入：指事业单位开展业务活动取得的收入，不含经营收入。\n预算编制说明\n财政拨款支出主要内容如下：\n1.一般公共服务支出938.99万元，主要用于机关运行。\n" \
        "2.科学技术支出1,720.00万元，主要用于政策扶持。\n其他相关情况说明\n一、三公经费预算情况说明\n三公经费预算数为1.00万元。其中：\n" \
        "（一）因公出国（境）费0万元，与上年持平。\n（二）公务接待费1.00万元，与上年持平。\n二、机关运行经费预算\n171.01万元。\n"
    assert _num(text) == []


def test_chapter_article_item_documents_have_paren_items_under_articles():
    text = "一、主要职能\n第一条 根据机构改革方案，制定本规定。\n第二条 本局的主要职责是：\n（一）贯彻执行国家有关财政工作的法律法规。\n" \
        "（二）承担政府各项财政收支管理的责任。\n（三）负责本区会计管理工作。\n二、部门决算单位构成\n本局决算包括本级决算。\n"
    assert _num(text) == []


def test_first_item_written_after_the_lead_in_on_its_line():
    text = "一、机构设置\n本部门中，行政单位1家，具体包括：1.普陀区司法局本部\n2.普陀区法律援助中心\n二、名词解释\n财政拨款收入。\n"
    assert _num(text) == []


def test_restart_of_top_headings_after_body_text_is_still_reported():
    text = "一、基本情况\n负责全区工作。\n二、支出情况\n支出708万元。\n一、绩效情况\n完成目标。\n"
    assert ("NUM001", 5, "restart") in _num(text)


def test_sub_list_reusing_the_enclosing_style_is_still_reported():
    text = "一、部门基本情况\n（一）主要职责\n（二）机构设置\n一、内设股室12个\n二、下属学校86所\n二、支出情况\n"
    assert [c for c in _num(text) if c[0] == "NUM007"] == [("NUM007", 4, "reused"), ("NUM007", 5, "reused")]


def test_repeat_after_a_lead_in_within_the_same_list_is_still_a_gap():
    text = "一、存在的问题\n主要问题如下：\n（一）预算编制不够细化\n（三）绩效目标不够明确\n二、改进措施\n细化预算。\n"
    assert ("NUM001", 4, "gap") in _num(text)


def test_heading_does_not_wrap_onto_the_next_page(tmp_path):
    # A short line at the top of the next page is a title of its own, not the rest of the heading before it.
    from selfeval_lint.engine import Options, check_file, prepare
    from selfeval_lint.registry import resolve_selection

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from .pdf_fixtures import SONG, register_fonts

    register_fonts()
    path = tmp_path / "r.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pages = [["上海市某某局2024年部门预算", "一、机构设置", "本部门具体包括：", "1.某某局本部", "2.某某法律援助中心"],
             ["名词解释", "（一）财政拨款收入：是本级财政拨款，包括一般公共预算拨款。", "（二）事业收入：指事业单位开展业务活动取得的收入。"]]
    for lines in pages:
        pdf.setFont(SONG, 14)
        for n, line in enumerate(lines):
            pdf.drawString(72, 760 - 28 * n, line)
        pdf.showPage()
    pdf.save()
    options = Options(selected=resolve_selection(["NUM"], None))
    outline = prepare(str(path), path.read_bytes(), options).outline
    assert [item.title for item in outline.items if item.label.value == 2][0] == "某某法律援助中心"
    result = check_file(str(path), options)
    assert [(f.code, f.excerpt) for f in result.findings if f.severity.value != "info"] == []


def test_an_item_run_into_the_paragraph_before_is_reported_where_it_stands():
    text = "一、主要职责\n（一）负责会计管理工作，监督会计行为。（二）负责非税收入管理，按照分工管理收费。\n（三）负责国库管理工作，考核预算执行。\n"
    found = [(f.variant, f.location.line, f.location.column, f.args["label"]) for f in lint(text, select="NUM001")]
    assert found == [("run-in", 2, 20, "（二）")]


def test_a_label_quoted_mid_sentence_is_no_run_in():
    text = "一、主要职责\n（一）负责会计管理工作，具体见（二）所列事项，监督会计行为。\n（三）负责国库管理工作，考核预算执行。\n"
    assert [f.variant for f in lint(text, select="NUM001")] == ["gap"]
