"""NUM rules on defects, on correct text, and on the traps of domain.md §6."""

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


def test_restart_of_a_heading_list():
    findings = lint("一、甲\n二、乙\n三、丙\n一、丁\n二、戊\n", "NUM001")
    assert [(f.variant, f.location.line) for f in findings] == [("restart", 4)]


def test_repeat_of_a_number_other_than_one():
    text = "一、甲\n二、乙\n二、丙\n三、丁\n"
    findings = lint(text, "NUM001")
    assert [(f.variant, f.location.line, f.suggestion) for f in findings] == [("repeat", 3, "三、")]


def test_going_back_is_reported():
    findings = lint("一、甲\n二、乙\n三、丙\n二、丁\n", "NUM001")
    assert [(f.variant, f.location.line) for f in findings] == [("back", 4)]


def test_heading_list_not_starting_at_one():
    findings = lint("一、甲\n（二）乙\n（三）丙\n", "NUM001")
    assert [(f.variant, f.location.line, f.suggestion) for f in findings] == [("start", 2, "（一）")]


def test_restart_under_a_new_parent_is_fine():
    assert lint("一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n（二）子\n", "NUM") == []


def test_restart_after_a_part_is_fine():
    text = "第一部分 部门概况\n一、甲\n二、乙\n第二部分 绩效情况\n一、丙\n二、丁\n"
    assert lint(text, "NUM001") == []


def test_restart_after_an_annex_is_fine():
    text = "一、甲\n二、乙\n三、丙\n附件1\n一、产出指标\n二、效益指标\n"
    assert lint(text, "NUM001") == []


def test_numbered_paragraphs_may_start_a_new_list():
    text = (
        "一、主要做法\n1.加强领导，成立了工作专班，明确了职责分工。\n2.完善制度，修订了内部控制制度。\n"
        "取得的成效如下：\n1.预算执行率达到98.5%，较上年提高2个百分点。\n2.绩效目标全部完成。\n"
    )
    assert lint(text, "NUM001") == []


def test_table_of_contents_is_not_the_outline():
    toc = "目  录\n一、部门基本情况……………1\n二、一般公共预算支出情况……2\n三、存在的问题及原因分析……3\n四、下一步改进措施……………4\n"
    assert lint(toc + GB_REPORT.split("\n", 2)[2], "NUM,TXT") == []


def test_table_of_contents_without_a_title_line_is_recognised():
    toc = "一、部门基本情况 1\n二、一般公共预算支出情况 2\n三、存在的问题及原因分析 3\n四、下一步改进措施 5\n"
    assert lint(toc + GB_REPORT.split("\n", 2)[2], "NUM,TXT") == []


def test_flattened_two_column_table_is_not_a_repeat():
    text = "一、绩效指标\n（一）产出指标\n（一）数量指标\n（二）效益指标\n（二）社会效益指标\n"
    assert lint(text, "NUM001") == []


def test_wrapped_heading_does_not_break_the_sequence():
    text = "一、甲\n（一）细化预算编制工作，认真做好\n预算的编制\n进一步加强预算管理。\n（二）积极对接项目资金\n"
    assert lint(text, "NUM") == []


def test_decimal_amounts_and_dates_are_not_labels():
    text = "一、支出情况\n2023年度基本支出708.28万元。\n1.5亿元用于项目建设。\n1、2月份完成招标。\n二、问题\n"
    assert lint(text, "NUM") == []


# NUM002 numbering-style-mixed


def test_mixed_style_in_one_group_flags_each_deviating_label():
    text = "一、下一步改进措施\n（一）细化预算编制\n（2）积极对接项目资金\n（3）加强业务培训\n"
    findings = lint(text, "NUM002")
    assert [(f.location.line, f.suggestion) for f in findings] == [(3, "（二）"), (4, "（三）")]
    assert findings[0].variant == "lost-auto"


def test_mixed_dun_and_dot_in_one_list():
    text = "一、主要做法\n1.加强领导\n2、完善制度\n3.强化应用\n"
    findings = lint(text, "NUM002")
    assert [(f.location.line, f.suggestion, f.variant) for f in findings] == [(3, "2.", "mixed")]


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


def test_dun_and_dot_count_as_one_style_across_parts():
    text = "一、甲\n（一）子\n1、孙\n2、孙\n（二）子\n1.孙\n2.孙\n"
    assert lint(text, "NUM003") == []


# NUM004 halfwidth-label-bracket


def test_half_width_brackets():
    findings = lint("一、甲\n(一)子\n(二)子\n（1) 孙\n", "NUM004")
    assert [(f.location.line, f.suggestion) for f in findings] == [(2, "（一）"), (3, "（二）"), (4, "（1）")]


def test_half_width_brackets_inside_text_are_not_labels():
    assert lint("一、甲\n人事科(人才工作办公室)负责归口管理引进国(境)外智力工作。\n", "NUM004") == []


# NUM005 hierarchy-nonstandard


def test_skipped_level_is_information_only():
    findings = lint("一、存在的问题\n（1）预算编制不细\n（2）目标不明确\n二、改进措施\n（1）细化预算\n", "NUM")
    assert {(f.code, f.severity.value) for f in findings} == {("NUM005", "info")}
    assert [f.location.line for f in findings] == [2, 5]


def test_dun_for_dot_at_level_three_is_not_noted():
    assert lint("一、甲\n（一）子\n1、孙\n2、孙\n", "NUM") == []


# NUM006 enumeration-sequence


def test_inline_enumeration_with_one_wrong_number_is_one_finding():
    text = "一、主要做法\n采取以下措施：1.加强领导；2.完善制度；4.强化应用；4.公开结果。\n"
    findings = lint(text, "NUM006")
    assert [(f.variant, f.location.column, f.suggestion) for f in findings] == [("gap", 22, "3.")]


def test_inline_enumeration_gap_and_repeat():
    text = "一、主要做法\n采取以下措施：1.加强领导；2.完善制度；4.强化应用；5.公开结果；5.抓好整改。\n"
    findings = lint(text, "NUM006")
    assert [(f.variant, f.location.column) for f in findings] == [("gap", 22), ("repeat", 36)]


def test_enumeration_across_paragraphs():
    text = "一、做法\n一是加强领导。\n二是完善制度。\n四是强化应用。\n"
    findings = lint(text, "NUM006")
    assert [(f.variant, f.location.line, f.suggestion) for f in findings] == [("gap", 4, "三是")]


def test_ordinal_words_are_not_enumerations():
    text = (
        "一、成效\n君山区被列入第四批创建名单，总数8个，排全省第一，同比分别增长159.82%和124.02%。"
        "平江获批建设第二批创新型县，第44届大赛获第三名。统一是关键，唯一是目标。\n"
    )
    assert lint(text, "NUM006") == []


def test_circled_and_di_enumerations():
    findings = lint("一、做法\n①加强领导，②完善制度，④强化应用。第一，统一思想；第二，加强协调；第二，抓好落实。\n", "NUM006")
    assert [(f.variant, f.args["label"]) for f in findings] == [("gap", "④"), ("repeat", "第二")]


def test_di_enumeration_over_paragraph_starts():
    findings = lint("一、做法\n第一，统一思想。\n第二，加强协调。\n第四，抓好落实。\n", "NUM006")
    assert [(f.variant, f.location.line) for f in findings] == [("gap", 4)]
