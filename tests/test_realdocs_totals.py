"""Real-document classes the first pass left open: a stated total below its own parts (caizhengju's "财政拨款收入支出
总计0.3万元" against 2,940.05), and heading levels compared only within their own block (per-project blocks after an
unlabelled title line)."""

from __future__ import annotations

import pytest

from .conftest import lint

FINAL = "上海市普陀区财政局\n2024年度部门决算\n"
INCOME = "二、收入决算情况说明\n本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。\n"
SPEND = "三、支出决算情况说明\n本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。\n"
OVERALL = "一、收入支出决算总体情况说明\n2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。\n"


def totals(text: str) -> list[tuple[str, dict]]:
    return [(f.variant, f.args) for f in lint(FINAL + text, "ARI015")]


def grant(figure: str) -> str:
    return f"四、财政拨款收入支出决算总体情况说明\n2024年度财政拨款收入支出总计{figure}。与2023年度相比，财政拨款收入支出总计持平。\n"


def test_caizhengju_total_below_its_income_is_found():
    got = totals(OVERALL + INCOME + SPEND + grant("0.3万元"))
    assert [(v, a["label"], a["part"], a["other"]) for v, a in got] == [("below", "财政拨款收入支出总计", "财政拨款收入", "2940.05万元")]


@pytest.mark.parametrize(
    "text",
    [
        OVERALL + INCOME + SPEND + grant("2961.68万元"),  # the document as it should read
        OVERALL + INCOME + SPEND,  # 支出合计 2940.05 below 收入支出总计 2995.39: a whole, not a part of 支出
        INCOME + "四、说明\n2023年度财政拨款收入支出总计0.3万元。\n",  # another year
        INCOME + "四、说明\n上年财政拨款收入支出总计0.3万元。\n",  # qualified: last year's
        INCOME + "四、说明\n财政拨款收入支出总计比上年减少0.3万元。\n",  # a change, not the total
        # a total of one project covers only what stands under its heading
        "（一）甲单位\n项目支出合计20万元。\n（二）乙单位\n设备更新项目支出50万元。\n",
        FINAL,
    ],
)
def test_totals_consistent_or_not_comparable_are_silent(text):
    assert totals(text) == []


def test_a_heading_total_covers_the_amounts_under_it():
    text = "（一）甲单位\n项目支出合计20万元，主要用于设备。设备更新项目支出50万元。\n"
    assert [v for v, _ in totals(text)] == ["below"]


# --- NUM003 within a block ----------------------------------------------------------------------------------

BODY = "某局2024年预算\n一、概况\n（一）职能\n（二）机构\n二、收支\n（一）收入\n（二）支出\n"


def test_per_project_blocks_after_a_title_line_are_styled_on_their_own():
    text = BODY + "科技创新专项经费情况说明\n一、项目概述\n（1）背景\n（2）内容\n二、立项依据\n（1）政策\n（2）规划\n"
    assert lint(text, "NUM003") == []


def test_a_slip_inside_one_block_is_still_found():
    text = BODY + "科技创新专项经费情况说明\n一、项目概述\n（一）背景\n（二）内容\n二、立项依据\n（1）政策\n（2）规划\n三、目标\n（一）产出\n"
    assert [(f.code, f.location.line) for f in lint(text, "NUM003")] == [("NUM003", 13)]


def test_a_slip_in_the_body_is_still_found():
    text = "某局报告\n一、甲\n（一）子\n（二）子\n二、乙\n（1）子\n（2）子\n三、丙\n（一）子\n"
    assert [(f.code, f.location.line) for f in lint(text, "NUM003")] == [("NUM003", 6)]


# --- 主要包括 after a share clause (a part list far from its amount) -------------------------------------------

LIST = "一、支出情况\n基本支出125.00万元，其中：人员经费100.00万元，占基本支出的80.00%，主要包括基本工资60.00万元、津贴补贴{x}万元；公用经费25.00万元，占基本支出的20.00%。\n"


@pytest.mark.parametrize(("x", "expected"), [("40.00", []), ("30.00", []), ("50.00", [("ARI001", "over")])])
def test_a_list_after_a_share_clause_is_a_breakdown_of_the_amount(x, expected):
    # 30.00: a 包括 list may name only some parts; 50.00: the parts named exceed the amount
    assert [(f.code, f.variant) for f in lint(FINAL + LIST.format(x=x), "ARI")] == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [("80.00%", []), ("85.00%", [("ARI003", "share")]), ("占部门支出的85.00%", [])],
)
def test_a_share_naming_the_total_of_its_breakdown_is_checked(share, expected):
    # 占基本支出的X% inside 基本支出's 其中: the whole is the stated total; 占部门支出的X% names another whole
    text = LIST.format(x="40.00").replace("占基本支出的80.00%", share if share.startswith("占") else f"占基本支出的{share}")
    assert [(f.code, f.variant) for f in lint(FINAL + text, "ARI")] == expected


USED = "一、支出情况\n项目支出460.12万元，占29.00%，主要用于第五次全国经济普查212.60万元、统计调查项目{x}万元、统计执法检查91.20万元。\n"


@pytest.mark.parametrize(("x", "expected"), [("156.32", []), ("100.00", []), ("186.32", [("ARI001", "over")])])
def test_parts_after_zhuyao_yongyu_are_a_breakdown(x, expected):
    # 主要用于 lists parts of the amount, maybe not all (100.00: fewer named than spent); over the amount is wrong
    assert [(f.code, f.variant) for f in lint(FINAL + USED.format(x=x), "ARI")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专项资金共计1,860.00万元，全年执行1,792.56万元，执行率96.37%。", []),
        ("专项资金共计1,860.00万元，全年执行1,792.56万元，执行率93.37%。", [("ARI004", "rate")]),
        ("三个子项目合计预算865.40万元，执行852.25万元，综合执行率98.48%。", []),
        ("三个子项目合计预算865.40万元，执行852.25万元，综合执行率95.48%。", [("ARI004", "rate")]),
        ("2023年度项目资金1,580.00万元，全年执行数1,512.36万元，执行率95.72%。", []),
        ("2023年度项目资金1,580.00万元，全年执行数1,512.36万元，执行率98.72%。", [("ARI004", "rate")]),
        # no budget named: the amount before is a part, not the base
        ("基本支出增加50.00万元，全年执行852.25万元，执行率95.48%。", []),
    ],
)
def test_a_rate_whose_budget_is_named_as_a_total_of_funds(text, expected):
    assert [(f.code, f.variant) for f in lint(FINAL + "一、资金\n" + text + "\n", "ARI")] == expected
