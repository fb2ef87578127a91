"""TXT010–TXT013: template options left unselected, explanations announced but missing, figures that lost their
unit, blanks where a figure belongs — each on the defect and on correct text that looks like it."""

from __future__ import annotations

import pytest

from .conftest import lint


def txt(text: str) -> list[tuple[str, str, int]]:
    return [(f.code, f.variant, f.location.line) for f in lint(f"一、情况\n{text}\n", "TXT010,TXT011,TXT012,TXT013")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支出比上年增加（减少）10.00万元。", [("TXT010", "option", 2)]),
        ("较上年增长（下降）5.00%。", [("TXT010", "option", 2)]),
        ("支出下降(增长)5.00%。", [("TXT010", "option", 2)]),
        # traps: a column's name quoted, an explanation in brackets, one option kept
        ("表中增加（减少）额见附表。", []),
        ("支出比上年增加（主要是人员增加）10.00万元。", []),
        ("支出比上年增加10.00万元（减少部分为结余）。", []),
    ],
)
def test_options_left_unselected(text, expected):
    assert txt(text) == expected


def test_options_in_a_table_header_are_left_alone():
    assert txt("项目\t增加（减少）\n人员经费\t10.00") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支出减少10.00万元，主要原因是：\n二、绩效情况\n目标完成。", [("TXT011", "missing", 2)]),
        ("支出减少10.00万元，主要原因是。", [("TXT011", "missing", 2)]),
        ("支出减少10.00万元。原因分析：", [("TXT011", "missing", 2)]),
        # traps: the explanation follows in the next paragraph, or in sub-headings, or on the same line
        ("支出减少10.00万元，主要原因是：\n人员退休，经费减少。\n二、绩效情况\n目标完成。", []),
        ("原因分析：\n（一）人员不足\n人员少。\n（二）经费不足\n经费少。", []),
        ("支出减少10.00万元，主要原因是人员退休。", []),
    ],
)
def test_explanations_announced_but_missing(text, expected):
    assert txt(text) == expected


def test_a_heading_ending_in_an_explanation_word_is_not_an_announcement():
    assert txt("支出减少。\n二、存在的问题及原因分析\n人员不足。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("基本支出比上年增长10.50%，项目支出增长13.95。", [("TXT012", "percent", 2)]),
        ("支出0.39万（含结转），收入5.00万元。", [("TXT012", "yuan", 2)]),
        # traps: no sibling with the unit, other units after 万, points, counts
        ("项目支出增长13.95。", []),
        ("总预算1410.00万，其中甲340.00万，乙1070.00万，另有80.00万元。", []),
        ("服务5.2万人次，面积3.5万平方米，支出5.00万元。", []),
        ("支出增长5.00%，满意度提高1.5个百分点。", []),
        ("支出增长5.00%，新增12项。", []),
    ],
)
def test_units_missing_beside_siblings_that_have_them(text, expected):
    assert txt(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支出100.00万元，比上年减少 万元。", [("TXT013", "blank", 2)]),
        ("支出比上年增长 %。", [("TXT013", "blank", 2)]),
        ("支出比上年增长\u3000%。", [("TXT013", "blank", 2)]),
        ("支出100.00万元，比上年减少10.00万元，下降9.09%。", []),
        ("支出 100.00 万元。", []),  # spaces around a figure that is there
        ("下表金额单位为 万元。", []),  # a unit named, not a figure left out
    ],
)
def test_blanks_where_a_figure_belongs(text, expected):
    assert txt(text) == expected


def test_a_wider_blank_is_left_to_txt002():
    assert [f.code for f in lint("一、情况\n收入为____万元，占  %。\n", "TXT")] == ["TXT002", "TXT002"]
