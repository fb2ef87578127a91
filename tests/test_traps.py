"""Correct text that looks like a defect (domain.md §6 and a false-positive hunt) gives no finding;
the defects found beside them are still found.
Plain cases (this text → this rule, or nothing) are in src/selfeval_lint/checks/cases/<CODE>.yaml."""

from __future__ import annotations

import pytest

from .conftest import lint

HEAD = "2023年度某某市某某局部门整体支出绩效自评报告\n"


def found(text: str, code: str) -> list[tuple[int, str]]:
    return [(f.location.line, f.variant) for f in lint(HEAD + text, code)]


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
