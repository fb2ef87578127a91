"""Hard-wrapped text (class 6 of issue 9): lines broken every 30–40 characters are joined back into paragraphs,
each piece keeping its own line and column; text written one paragraph per line is left alone."""

from __future__ import annotations

from selfeval_lint.ingest.text import text_blocks

from .conftest import lint

WRAPPED = """2023年度某某局部门整体支出绩效自评报告
一、部门（单位）基本情况
（一）主要职责
贯彻落实国家、省关于科技创新的方针政策和决策部
署，拟订全市科技创新发展规划和政策措施并组织实施
。统筹推进全市科技创新体系建设，牵头组织全市科技
体制改革工作。
（二）内设机构
局机关内设办公室、政策法规科、资源配置与管理科、
高新技术发展及产业化科、农村科技科等5个科室。
二、一般公共预算支出情况
2023年度本部门一般公共预算支出合计1119.56万元，其
中：基本支出708.28万元，项目支出411.28万元。
"""


def test_wrapped_lines_become_paragraphs_with_exact_locations():
    blocks = text_blocks(WRAPPED)
    texts = [b.text for b in blocks]
    assert "局机关内设办公室、政策法规科、资源配置与管理科、高新技术发展及产业化科、农村科技科等5个科室。" in texts
    assert [t for t in texts if t.startswith("（")] == ["（一）主要职责", "（二）内设机构"]
    last = blocks[-1]
    assert last.position(last.text.index("708.28")) == (13, 7, None)
    assert last.position(0) == (12, 1, None)


def test_a_figure_split_over_a_line_break_is_checked_where_it_stands():
    text = WRAPPED.replace("1119.56万元", "1129.56万元")
    found = [f for f in lint(text, select="ARI001")]
    assert [(f.location.line, f.location.column) for f in found][:1] == [(12, 20)]


def test_wrapped_text_gives_what_the_unwrapped_text_gives():
    unwrapped = "\n".join(b.text for b in text_blocks(WRAPPED)) + "\n"
    assert [(f.code, f.excerpt) for f in lint(WRAPPED)] == [(f.code, f.excerpt) for f in lint(unwrapped)]


def test_one_paragraph_per_line_is_left_alone():
    text = (
        "一、基本情况\n本部门负责全市科技创新工作，内设办公室、政策法规科、资源配置与管理科等科室，2023年度在编人员25人，"
        "实有人员24人，全年各项工作任务均按计划完成。\n二、支出情况\n全年支出1119.56万元。\n"
    ) * 3
    assert len(text_blocks(text)) == 12


def test_short_lines_that_end_sentences_are_not_joined():
    text = "\n".join(["一、基本情况", "本部门负责全区工作。", "二、支出情况", "全年支出708万元。", "三、绩效情况", "完成目标。", "四、问题", "无。"])
    assert len(text_blocks(text)) == 8
