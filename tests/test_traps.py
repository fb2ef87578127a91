"""Correct text that looks like a defect (domain.md §6 and a false-positive hunt) gives no finding;
the defects found beside them are still found."""

from __future__ import annotations

import pytest

from .conftest import lint

HEAD = "2023年度某某市某某局部门整体支出绩效自评报告\n"

CORRECT = {
    "headings that start with a year": "一、部门基本情况\n（一）2023年度主要职责\n1、2023年人员经费支出情况\n2、2023年公用经费支出情况\n（二）机构设置\n二、2023年度一般公共预算支出情况\n三、2023年度部门整体支出绩效情况\n",
    "sentences starting with 附件 and 附表": "一、基本情况\n附件材料已按要求整理归档。\n二、支出情况\n附表中的数据均来源于2023年度部门决算。\n三、绩效情况\n",
    "long attachment titles restart numbering": "一、基本情况\n二、支出情况\n附件1：2023年度岳阳市科学技术局科技创新专项资金项目支出绩效自评报告\n一、项目基本情况\n二、项目绩效情况\n附件2：岳阳市科学技术局 2023年度 科普工作经费项目支出绩效自评报告\n一、项目基本情况\n",
    "a second report in the same file": "一、基本情况\n二、支出情况\n三、绩效情况\n2023年度科普经费项目支出绩效自评报告\n一、项目基本情况\n二、项目绩效情况\n",
    "parts named like reports": "第一部分 部门整体支出绩效自评报告\n一、基本情况\n二、支出情况\n第二部分 项目支出绩效自评报告\n一、学生资助项目\n二、教师培训项目\n第三部分 其他需要说明的情况\n无。\n",
    "numbered list of attachments": "一、基本情况\n二、其他需要说明的情况\n无。\n附件\n1.部门整体支出绩效自评表\n2.项目支出绩效自评表\n3.绩效自评佐证材料清单\n",
    "flattened two-column table": "一、基本情况\n二、存在的问题及改进措施\n一、预算编制不够细化\n一、细化预算编制\n二、绩效目标不够明确\n二、完善绩效目标\n三、下一步工作\n",
    "flattened three-column table": "一、绩效指标\n（一）产出指标\n（一）数量指标\n（一）完成数\n（二）效益指标\n（二）社会效益\n（二）满意度\n",
    "flattened table of 1、 pairs": "一、问题与措施\n（一）主要问题\n1、预算执行偏慢\n1、加快执行\n2、目标不细\n2、细化目标\n3、监控不足\n3、加强监控\n（二）整改成效\n",
    "two short lists under one heading": "一、主要工作\n（一）文化惠民\n1.送戏下乡\n2.送书下乡\n3.送电影下乡\n其中纳入重点考核的内容为：\n1.送戏下乡\n2.送电影下乡\n（二）其他工作\n",
    "wrapped table-of-contents entry": "目  录\n一、部门基本情况……………1\n二、部门整体支出绩效自评结果拟应用和\n公开情况……………7\n一、部门基本情况\n二、部门整体支出绩效自评结果拟应用和公开情况\n",
    "quarter ranges": "一、基本情况\n（一）支出进度\n一、二季度支出进度偏慢，三、四季度明显加快。\n（二）原因\n二、存在问题\n",
    "enumeration idioms and ranges": "一、做法\n一是加强领导；二是完善制度；三是强化应用，做到一是一、二是二。第一、二季度支出偏慢。第三，拓展市场。第二、三批资金已于11月下达。\n",
    "wrapped heading with brackets": "一、基本情况\n（一）贯彻落实《岳阳市市直部门预算绩效管理\n办法》情况\n认真贯彻落实。\n（二）其他\n",
    "years written with ○": "一、基本情况\n我局成立于二○○八年，二〇一九年机构改革后重新组建。\n",
    "table header 占比% and caption": "一、支出情况\n单位：   万元\n支出类别\t金额（万元）\t占比%\n基本支出\t708.28\t63.26%\n",
}


@pytest.mark.parametrize("name", CORRECT)
def test_correct_text_gives_no_finding(name):
    assert [(f.code, f.location.line, f.variant) for f in lint(HEAD + CORRECT[name], "NUM,TXT")] == []


def found(text: str, code: str) -> list[tuple[int, str]]:
    return [(f.location.line, f.variant) for f in lint(HEAD + text, code)]


def test_swapped_headings_are_one_finding():
    text = "一、改进措施\n（一）加强预算管理\n（三）强化绩效监控\n（二）推进结果应用\n"
    assert found(text, "NUM001") == [(4, "swap")]


def test_sub_list_borrowing_the_top_level_style():
    text = "一、部门基本情况\n（一）主要职责\n（二）机构设置\n一、内设股室12个\n二、下属学校86所\n二、一般公共预算支出情况\n三、绩效情况\n"
    findings = lint(HEAD + text, "NUM")
    assert [(f.code, f.location.line, f.suggestion) for f in findings] == [("NUM007", 5, "1."), ("NUM007", 6, "2.")]


def test_single_repeated_heading_inside_a_sub_list_is_a_repeat():
    text = "一、问题\n（一）绩效目标不细\n1.指标难以量化\n2.指标值偏低\n（一）监控不及时\n二、措施\n"
    assert found(text, "NUM") == [(6, "repeat")]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("基本支出占总支出的 %。", "占总支出的 %"),
        ("基本支出占总支出的   ％。", "占总支出的   ％"),
        ("预算执行率  %。", "执行率  %"),
        ("内设股室X个，完成X项。", "X"),
        ("填报日期：2024年 月 日", "2024年 月 日"),
        ("项目资金共计   万元。", "   万元"),
    ],
)
def test_placeholder_variants_are_found(text, hit):
    findings = lint(HEAD + "一、基本情况\n" + text + "\n", "TXT002")
    assert hit in [f.args["text"] for f in findings]


def test_numbered_body_lines_ending_in_numbers_are_not_a_table_of_contents():
    text = "一、工作情况\n1、科技项目立项XX 10\n2、项目验收。。 20\n4、成果登记 30\n"
    codes = {f.code for f in lint(HEAD + text, "NUM,TXT")}
    assert {"NUM001", "TXT002", "TXT004"} <= codes
