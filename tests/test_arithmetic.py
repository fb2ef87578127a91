"""ARI rules: correct, wrong and trap examples for every statement shape, and the reference report's figures.
Plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

import re

import pytest

from .conftest import CORPUS, lint

REFERENCE = (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8")


def ari(text: str) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.variant, f.location.line, f.location.column) for f in lint(text, "ARI")]


def test_reference_figures_raise_nothing():
    assert ari(REFERENCE) == []


@pytest.mark.parametrize(
    ("old", "new", "code", "variant"),
    [
        ("708.28万元", "709.28万元", "ARI001", "under"),
        ("708.28万元", "707.28万元", "ARI001", "over"),
        ("2.00万元", "2.10万元", "ARI001", "over"),
        ("582.56万元", "582.50万元", "ARI001", "under"),
        ("53.08万元", "53.80万元", "ARI001", "over"),
        ("37.66万元", "36.66万元", "ARI001", "under"),
        ("32.98万元", "32.89万元", "ARI001", "under"),
        ("582.56万元", "82.56万元", "ARI002", "short"),
    ],
)
def test_changing_any_figure_of_the_basic_spending_statement(old, new, code, variant):
    text = REFERENCE.replace(old, new, 1)
    assert ari(text) == [(code, variant, 25, 14)]  # reported at the total, 708.28万元 on line 25


def test_one_part_subset_larger_than_its_total():
    text = REFERENCE.replace("其中：科学技术支出411.28万元", "其中：科学技术支出412.28万元")
    assert ari(text) == [("ARI001", "part-over", 27, 32)]


@pytest.mark.parametrize(("count", "expected"), [("11 个", []), ("12 个", [("ARI007", "count", 21, 9)]), ("10 个", [("ARI007", "count", 21, 9)])])
def test_stated_count_against_the_listed_departments(count, expected):
    assert ari(REFERENCE.replace("11 个", count, 1)) == expected


HEAD = "一、情况\n"


def test_messages_show_both_sides_and_the_difference():
    findings = lint(HEAD + "支出100.00万元，其中：A 60.00万元，B 41.00万元。\n", "ARI")
    assert findings[0].args["sum"] == "101.00万元" and findings[0].args["diff"] == "1.00万元"
    from selfeval_lint.registry import render

    assert render(findings[0]) == "“支出”100.00万元，其中各项之和为101.00万元，超出1.00万元"


def test_conflicting_quantity_names_the_other_line():
    findings = lint(HEAD + "2023年度我单位基本支出708.28万元。\n二、绩效\n2023年度我单位基本支出780.28万元。\n", "ARI")
    assert [(f.code, f.location.line, f.args["line"], f.review) for f in findings] == [("ARI008", 4, 2, True)]


def test_extract_lists_figures_and_statements(cli):
    import json

    facts = json.loads(cli("extract", str(CORPUS / "yueyang-kjj-2023-dept-selfeval.txt")).stdout)
    basic = next(s for s in facts["statements"]["breakdowns"] if s["total"]["text"] == "708.28万元")
    assert basic["label"] == "基本支出" and [p["text"] for p in basic["parts"]] == ["2.00万元", "582.56万元", "53.08万元", "37.66万元", "32.98万元"]
    assert basic["part_labels"] == ["一般公共服务支出", "科学技术支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"]
    project = next(s for s in facts["statements"]["breakdowns"] if s["label"] == "项目支出")
    assert [p["text"] for p in project["parts"]] == ["411.28万元"]
    (counted,) = facts["statements"]["counted_lists"]
    assert counted["count"]["value"] == "11" and len(counted["items"]) == 11
    first = facts["figures"][0]
    assert set(first) >= {"text", "kind", "value", "unit", "decimals", "approx", "location"}
    assert re.fullmatch(r"\d+(\.\d+)?", first["value"])

