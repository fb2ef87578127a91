"""Statement recognisers on their own: growth and changes with both values, budget against actual, counts with
their lists, totals with far-apart parts — what each recognises (valid cases) and what it must leave alone (traps).
The rules' plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

import pytest

from selfeval_lint.engine import Options, prepare
from selfeval_lint.registry import resolve_selection

from .conftest import lint

OPTIONS = Options(selected=resolve_selection(None, None))


def statements(text: str):
    return prepare("report.txt", f"一、情况\n{text}\n".encode("utf-8"), OPTIONS).statements


def ari(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.variant) for f in lint(f"一、情况\n{text}\n", "ARI")]


# --- changes with both values -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "before", "after", "sign", "percent", "amount"),
    [
        ("办公经费由120.00万元下降至100.00万元，下降16.67%。", "120.00万元", "100.00万元", -1, "16.67%", None),
        ("支出从80万元增加到100万元。", "80万元", "100万元", 1, None, None),
        ("办公经费由120.00万元下降至100.00万元，减少20.00万元。", "120.00万元", "100.00万元", -1, None, "20.00万元"),
        (
            "2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加1.19%。",
            "348.52万元", "352.67万元", 1, "1.19%", None,
        ),
        ("2022年支出100.00万元，2023年支出120.00万元，比2022年增长20.00%。", "100.00万元", "120.00万元", 1, "20.00%", None),
    ],
)
def test_a_change_with_both_values_is_recognised(text, before, after, sign, percent, amount):
    (change,) = statements(text).changes
    assert (change.before.text, change.after.text, change.sign) == (before, after, sign)
    assert (change.percent.text if change.percent else None) == percent
    assert (change.amount.text if change.amount else None) == amount


@pytest.mark.parametrize(
    "text",
    [
        "2024年，收入预算9628.22万元，其中：财政拨款收入9628.22万元，比2025年预算增加793.14万元。",  # one year, one value
        "支出100.00万元，比上年增加10.00万元，增长11.11%。",  # a growth (ARI005), not a change with both values
        "2023年支出100.00万元，2024年支出120.00万元，增长20.00%。",  # no comparison with the earlier year named
        "2024年支出120.00万元，2023年支出100.00万元，比2023年增长20.00%。",  # the later year comes first
        "从2023年起，支出100.00万元，增长20.00%。",  # 从 before a year, not a value
    ],
)
def test_what_is_not_a_change_with_both_values(text):
    assert statements(text).changes == ()


# --- growth on the year before, the subject named again after 与2023年度相比 ---------------------------------------

def test_a_growth_whose_current_amount_closes_the_sentence_before():
    text = "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    (growth,) = statements(text).growths
    assert (growth.current.text, growth.change.text, growth.percent.text, growth.sign) == ("2995.39万元", "56.95万元", "1.87%", -1)
    assert ari(text) == []
    assert ari(text.replace("1.87%", "1.78%")) == [("ARI005", "growth")]


@pytest.mark.parametrize(
    "text",
    [
        "收入支出总计2995.39万元。与2023年度相比，基本支出减少56.95万元，下降1.87%。",  # another subject
        "收入支出总计2995.39万元，详见附表。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",  # not the sentence's end
    ],
)
def test_a_growth_on_another_subject_takes_no_amount_from_the_sentence_before(text):
    assert statements(text).growths == ()


def test_a_total_stated_as_zero_with_a_change():
    text = "收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    assert ari(text) == [("ARI005", "zero")]


# --- budget against actual ----------------------------------------------------------------------------------------

def test_a_completion_rate_and_the_stated_relation_are_recognised():
    s = statements("年初预算为100.00万元，支出决算为98.00万元，完成年初预算的98.00%。决算数小于预算数的主要原因：节约。")
    (completion,) = s.completions
    assert (completion.budget.text, completion.execution.text, completion.rate.text, completion.base) == (
        "100.00万元", "98.00万元", "98.00%", "INITIAL_BUDGET",
    )
    (comparison,) = s.comparisons
    assert (comparison.relation, comparison.execution.text, [b.text for b in comparison.budgets]) == ("lt", "98.00万元", ["100.00万元"])


# --- counts with their lists ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "count", "items"),
    [
        ("内设机构3个，即办公室、财务科、业务科。", "3个", 3),
        ("设5个内设机构，分别为：办公室、财务科、业务一科、业务二科、法规科。", "5个", 5),
        ("下设3个科室：综合科、业务科、督查科。", "3个", 3),
    ],
)
def test_a_count_and_its_list_are_recognised(text, count, items):
    (counted,) = statements(text).counted_lists
    assert (counted.count.text, len(counted.items)) == (count, items)


@pytest.mark.parametrize(
    "text",
    [
        "设立3个工作组，分别负责督查、宣传。",  # 分别负责…: a clause, not a list of names
        "完成3个项目，包括：甲项目100.00万元、乙项目50.00万元。",  # items with figures: a breakdown
        "下设3个科室，工作扎实：综合科、业务科。",  # a clause between the count and the list
    ],
)
def test_what_is_not_a_count_with_its_list(text):
    assert statements(text).counted_lists == ()


def test_a_count_off_its_list():
    assert ari("设5个内设机构，分别为：办公室、财务科、业务一科、业务二科。") == [("ARI007", "count")]


# --- totals with far-apart parts --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        # parts separated by long 主要包括 lists
        "基本支出2336.91万元。其中：人员经费2152.26万元，主要包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费、"
        "职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费；公用经费184.65万元，主要包括：办公费、印刷费、手续费、邮电费。",
        # a part after a parenthetical that contains 。
        "项目支出500.00万元（含结转资金。详见附表），其中：甲项目300.00万元，乙项目200.00万元。",
    ],
)
def test_a_total_with_far_apart_parts(text):
    (breakdown,) = statements(text).breakdowns
    assert len(breakdown.parts) == 2
    assert ari(text) == []
    first = breakdown.parts[0].text
    assert ari(text.replace(first, first.replace(".", "1.", 1), 1)) == [("ARI001", "over")]


@pytest.mark.parametrize(
    "text",
    [
        "基本支出708.28万元，其中：\n人员经费582.56万元；\n公用经费125.72万元。",
        "基本支出708.28万元，其中：\n1.人员经费582.56万元，主要用于工资；\n2.公用经费125.72万元，主要用于办公。",
    ],
)
def test_a_total_whose_parts_follow_on_lines_of_their_own(text):
    (breakdown,) = statements(text).breakdowns
    assert [p.text for p in breakdown.parts] == ["582.56万元", "125.72万元"]
    assert ari(text) == []
    assert ari(text.replace("125.72", "152.72")) == [("ARI001", "over")]


@pytest.mark.parametrize(
    "text",
    [
        "基本支出708.28万元，其中：\n人员经费582.56万元；\n二、项目\n公用经费125.72万元。",  # a heading ends the list
        "基本支出708.28万元，其中：\n人员经费582.56万元；\n公用经费较多，详见附表。",  # no part in the next line
    ],
)
def test_lines_after_a_trailing_qizhong_that_are_not_its_parts(text):
    assert [b for b in statements(text).breakdowns if b.total.text == "708.28万元"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入0万元，其中：财政拨款5.00万元，其他收入1.00万元。", [("ARI001", "zero")]),
        ("收入0万元，其中：财政拨款5.00万元。", [("ARI001", "zero")]),
        ("收入0万元，其中：财政拨款0万元，其他收入0万元。", []),
    ],
)
def test_a_total_stated_as_zero_whose_parts_are_not(text, expected):
    assert ari(text) == expected


# --- figures after stray punctuation ------------------------------------------------------------------------------------

def test_a_figure_after_a_stray_comma_is_read_and_the_comma_flagged():
    text = "2023年度收入,867.48万元，其中：财政拨款收入800.00万元，其他收入67.48万元。"
    (breakdown,) = statements(text).breakdowns
    assert breakdown.total.text == "867.48万元"
    assert ari(text) == [("ARI013", "comma")]
    assert ari(text.replace(",867.48", "1,867.48").replace("800.00", "1,800.00")) == []

