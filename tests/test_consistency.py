"""CON001–CON002: years that do not fit the report's own year, and the agency's name with characters left out —
on the defect and on the correct text that looks like it."""

from __future__ import annotations

import pytest

from .conftest import lint

BUDGET = "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局\n一、收支预算总体情况\n"
FINAL = "上海市普陀区财政局\n2024年度部门决算\n一、收入支出决算总体情况说明\n"
SELFEVAL = "2023年度岳阳市科学技术局部门整体支出绩效自评报告\n一、基本情况\n"


def con(text: str) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.variant, f.suggestion) for f in lint(text, "CON")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BUDGET + "收入预算9628.22万元，比2026年预算增加793.14万元。", [("CON001", "compare", "比2025年预算")]),
        (BUDGET + "政府性基金拨款支出预算0万元，与2026年预算持平。", [("CON001", "compare", "与2025年预算")]),
        (BUDGET + "收入预算9628.22万元，比2025年预算增加793.14万元。", []),
        (BUDGET + "2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。", []),
        (BUDGET + "截至2025年12月31日，本部门共有车辆2辆。", []),  # a budget's balance date is the year before
        (FINAL + "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元。", []),
        (FINAL + "与2024年度相比，收入支出总计减少56.95万元。", [("CON001", "compare", "与2023年度相比")]),
        (FINAL + "第三部分 2023年度部门决算情况说明\n", [("CON001", "year", "2024年度部门决算情况说明")]),
        (FINAL + "截至2023年12月31日，本部门共有车辆2辆。", [("CON001", "year", "截至2024年12月31日")]),
        (FINAL + "截至2024年12月31日，本部门共有车辆2辆。", []),
        (SELFEVAL + "截至2023年12月31日，项目已全部完成。与2022年度相比，支出增加。", []),
        (SELFEVAL + "截至2022年12月31日，项目已全部完成。", [("CON001", "year", "截至2023年12月31日")]),
        # no year or kind in the title: nothing to compare with
        ("关于放假的通知\n一、安排\n比2026年预算增加10万元，截至2020年12月31日。", []),
    ],
)
def test_years_against_the_reports_year(text, expected):
    assert con(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("上海市普陀区财政局2024年度收入支出总计2995.39万元。", []),
        ("上海市普陀财政局2024年度收入支出总计2995.39万元。", [("CON002", "variant", "上海市普陀区财政局")]),
        ("按照上海市普陀财政局要求开展工作。", [("CON002", "variant", "上海市普陀区财政局")]),
        ("上海市财政局2024年度收入支出总计2995.39万元。", [("CON002", "variant", "上海市普陀区财政局")]),
        ("编制单位：上海市财政局", [("CON002", "variant", "上海市普陀区财政局")]),
        # the city's own bureau and usual short forms
        ("按照上海市财政局要求，建立了普陀区财政局内控制度。", []),
        ("区财政局牵头开展绩效评价。", []),
    ],
)
def test_the_agencys_name(body, expected):
    assert con(FINAL + body + "\n") == expected


def test_a_dropped_part_of_a_long_name_is_a_short_form_in_general_text():
    text = "上海市普陀区2024年区级部门预算\n预算主管部门：上海市普陀区人民政府万里街道办事处\n一、职能\n上海市普陀区万里街道办事处负责辖区管理。\n"
    assert con(text) == []
