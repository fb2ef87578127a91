"""NUM rules on defects, on correct text, and on the traps of domain.md §6.
Plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

from .conftest import at, lint

GB_REPORT = """2023年度某某市某某局部门整体支出绩效自评报告

一、部门基本情况
（一）主要职责
1.负责全市科学技术进步的宏观管理。
2.组织实施市科技重大专项工作。
（二）内设机构
局机关内设科室3个。
二、一般公共预算支出情况
（一）基本支出情况
基本支出708.28万元。
（二）项目支出情况
项目支出411.28万元。
三、存在的问题及原因分析
（一）预算绩效管理工作稍显薄弱
1.绩效目标不够细化
（1）部分指标难以量化
（2）部分指标值偏低
2.绩效监控不够及时
（二）人员专业素养有待提高
四、下一步改进措施
一是加强学习；二是完善制度；三是强化应用。
"""


def test_standard_report_raises_nothing():
    assert lint(GB_REPORT, "NUM,TXT") == []


# NUM001 numbering-sequence


def test_gap_is_reported_at_the_label_with_the_expected_number():
    text = GB_REPORT.replace("四、下一步改进措施", "七、下一步改进措施")
    findings = lint(text, "NUM001")
    assert at(findings) == [("NUM001", 21, 1)]
    assert findings[0].variant == "gap" and findings[0].suggestion == "四、"


def test_duplicate_label_is_a_repeat():
    text = GB_REPORT.replace("（二）人员专业素养有待提高", "（一）人员专业素养有待提高")
    findings = lint(text, "NUM001")
    assert [(f.variant, f.location.line, f.suggestion) for f in findings] == [("repeat", 20, "（二）")]


def test_table_of_contents_is_not_the_outline():
    toc = "目  录\n一、部门基本情况……………1\n二、一般公共预算支出情况……2\n三、存在的问题及原因分析……3\n四、下一步改进措施……………4\n"
    assert lint(toc + GB_REPORT.split("\n", 2)[2], "NUM,TXT") == []


def test_table_of_contents_without_a_title_line_is_recognised():
    toc = "一、部门基本情况 1\n二、一般公共预算支出情况 2\n三、存在的问题及原因分析 3\n四、下一步改进措施 5\n"
    assert lint(toc + GB_REPORT.split("\n", 2)[2], "NUM,TXT") == []


# NUM002 numbering-style-mixed


def test_mixed_style_in_one_group_flags_each_deviating_label():
    text = "一、下一步改进措施\n（一）细化预算编制\n（2）积极对接项目资金\n（3）加强业务培训\n"
    findings = lint(text, "NUM002")
    assert [(f.location.line, f.suggestion) for f in findings] == [(3, "（二）"), (4, "（三）")]
    assert findings[0].variant == "lost-auto"


def test_top_level_mix_prefers_the_standard_style():
    text = "1、基本情况\n2、支出情况\n三、绩效情况\n四、存在问题\n"
    findings = lint(text, "NUM002")
    assert [(f.location.line, f.suggestion) for f in findings] == [(1, "一、"), (2, "二、")]
    assert {f.variant for f in findings} == {"lost-auto"}


# NUM003 level-style-inconsistent


def test_level_styled_differently_in_one_part():
    text = "一、甲\n（一）子\n（二）子\n二、乙\n（1）子\n（2）子\n三、丙\n（一）子\n"
    findings = lint(text, "NUM003")
    assert at(findings) == [("NUM003", 5, 1)]
    assert findings[0].suggestion == "（一）"


# NUM004 halfwidth-label-bracket


def test_half_width_brackets():
    findings = lint("一、甲\n(一)子\n(二)子\n（1) 孙\n", "NUM004")
    assert [(f.location.line, f.suggestion) for f in findings] == [(2, "（一）"), (3, "（二）"), (4, "（1）")]


# NUM005 hierarchy-nonstandard


def test_skipped_level_is_information_only():
    findings = lint("一、存在的问题\n（1）预算编制不细\n（2）目标不明确\n二、改进措施\n（1）细化预算\n", "NUM")
    assert {(f.code, f.severity.value) for f in findings} == {("NUM005", "info")}
    assert [f.location.line for f in findings] == [2, 5]


# NUM006 enumeration-sequence


def test_circled_and_di_enumerations():
    findings = lint("一、做法\n①加强领导，②完善制度，④强化应用。第一，统一思想；第二，加强协调；第二，抓好落实。\n", "NUM006")
    assert [(f.variant, f.args["label"]) for f in findings] == [("gap", "④"), ("repeat", "第二")]
