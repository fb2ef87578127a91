"""Documents that are not of the template's type (class 7 of issue 9): on the generic fallback what a
self-evaluation report would have is a note at most; 部门预算/决算公开说明 have templates of their own."""

from __future__ import annotations

from selfeval_lint.model import Severity

from selfeval_lint.checks.sections import DEPT_REPORT

from .conftest import lint

BUDGET = (
    "上海市普陀区2025年区级部门预算\n上海市普陀区商务委员会主要职能\n本委是主管全区产业经济的区政府工作部门。\n"
    "名词解释\n（一）财政拨款收入：是区级预算主管部门从本级财政部门取得的财政拨款。\n"
)


def test_unrecognised_document_gets_section_notes_as_info_only():
    text = DEPT_REPORT.replace("2023年度某某局部门整体支出绩效自评报告", "某某局2023年度工作总结").replace("七、存在的问题及原因分析\n", "")
    found = lint(text, select="SEC")
    assert {f.code for f in found} >= {"SEC001", "SEC007"}
    assert {f.severity for f in found} == {Severity.INFO}


def test_a_recognised_report_still_gets_errors():
    text = DEPT_REPORT.replace("七、存在的问题及原因分析\n", "")
    assert any(f.code == "SEC001" and f.severity is Severity.ERROR for f in lint(text, select="SEC"))


def test_department_budget_is_its_own_type_and_not_judged_as_a_selfeval():
    found = lint(BUDGET, select="SEC")
    assert found == []


def test_department_final_accounts_is_its_own_type():
    text = "上海市普陀区财政局\n2024年度部门决算\n第一部分 上海市普陀区财政局概况\n一、主要职能\n负责全区财政工作。\n"
    assert lint(text, select="SEC") == []
