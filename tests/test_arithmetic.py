"""ARI rules: correct, wrong and trap examples for every statement shape, and the reference report's figures."""

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 其中 breakdowns
        ("支出100.00万元，其中：A 60.00万元，B 40.00万元。", []),
        ("支出100.00万元，其中：A 60.00万元，B 41.00万元。", [("ARI001", "over")]),
        ("支出100万元，其中：A 60.00万元，B 40.00万元。", []),
        ("支出1.00万元，其中：A 6000.00元，B 4000.00元。", []),  # 元 and 万元 mixed
        ("支出1.00万元，其中：A 6000.00元，B 4100.00元。", [("ARI001", "over")]),
        ("支出2.35亿元，其中：A 23400万元，B 100万元。", []),  # 2.35亿元 stands for 234,500,000–235,500,000
        ("支出0.03万元，其中：A 0.01万元，B 0.01万元，C 0.01万元。", []),
        ("支出100.00万元，其中：A 33.33万元，B 33.33万元，C 33.33万元。", []),  # 0.01 off: within (3+1)×0.005
        ("支出100.00万元，其中：A 33.32万元，B 33.33万元，C 33.33万元。", []),  # 0.02 off: at the edge, still consistent
        ("支出100.00万元，其中：A 33.32万元，B 33.32万元，C 33.33万元。", [("ARI001", "under")]),  # 0.03 off
        ("总投资3374.3万元（其中建筑工程3292万元）。", []),  # a one-part subset
        ("支出约100万元，其中：A 60.00万元，B 45.00万元。", []),  # approximate total
        ("支出100.00万元，其中：A 60多万元，B 45.00万元。", []),  # approximate part
        ("支出100.00万元，其中：办公费10.00万元、印刷费5.00万元等。", []),  # truncated list
        ("支出100.00万元，其中：A 60.00万元，比上年增加5.00万元；B 40.00万元。", []),  # a change is not a part
        ("支出100.00万元，其中：基本支出60.00万元，其中人员经费50.00万元、公用经费10.00万元；项目支出40.00万元。", []),
        ("支出100.00万元，其中：基本支出60.00万元，其中人员经费50.00万元、公用经费11.00万元；项目支出40.00万元。", [("ARI001", "over")]),
        ("支出合计100.00万元。\n其中：A 60.00万元，B 40.00万元。", []),  # parts in the next paragraph
        ("支出合计100.00万元。\n其中：A 60.00万元，B 36.00万元。", [("ARI001", "under")]),
        # 合计
        ("A项目100.00万元，B项目200.00万元，合计300.00万元。", []),
        ("A项目100.00万元，B项目200.00万元，合计310.00万元。", [("ARI001", "total")]),
        # shares
        ("收入1234.56万元，其中：财政拨款1200.00万元，占97.20%；其他34.56万元，占2.80%。", []),
        ("收入1234.56万元，其中：财政拨款1200.00万元，占97.30%；其他34.56万元，占2.80%。", [("ARI003", "share")]),
        ("财政拨款1200万元，占总收入1234.56万元的97.2%。", []),
        ("财政拨款1200万元，占总收入的97.2%。", []),  # the whole is not stated: nothing to check
        # rates
        ("年初预算数1000.00万元，全年预算数1200.00万元，执行数1180.00万元，执行率98.33%。", []),
        ("年初预算数1000.00万元，全年预算数1200.00万元，执行数1180.00万元，执行率118.00%。", [("ARI004", "rate")]),
        # growth
        ("支出1100.00万元，比上年增加100.00万元，增长10.00%。", []),
        ("支出900.00万元，比上年减少100.00万元，下降10.00%。", []),
        ("支出900.00万元，比上年减少100.00万元，下降11.11%。", [("ARI005", "growth")]),
        ("技术合同4391项，成交额439.21亿元，同比分别增长159.82%和124.02%。", []),
        # 分别
        ("人员经费、公用经费分别为582.56万元、125.72万元。", []),
        ("人员经费、公用经费分别为582.56万元。", []),  # one figure: nothing to pair
        ("人员经费、公用经费、其他分别为582.56万元、125.72万元。", [("ARI006", "pairing")]),
        ("社会保障和就业支出、卫生健康支出分别为53.08万元、37.66万元。", []),
        ("人员经费、公用经费和其他支出分别为1.00万元、2.00万元、3.00万元。", []),
        # counts
        ("内设科室3个，即办公室、财务科、人事科(人才工作办公室)。", []),
        ("内设科室3个，即办公室、财务科。", [("ARI007", "count")]),
        ("内设科室3个，包括办公室、财务科等。", []),
        ("内设科室2个，包括办公室、财务科、人事科等。", [("ARI007", "more")]),
        ("完成项目12个，包括基础研究项目5个、应用研究项目7个。", []),
        ("下设直属单位1个，市科技事务中心。", []),
        # traps found in realistic reports
        ("2023年度基本支出2,135.47万元，比上年增加105.47万元，增长5.20%。其中：人员经费1,786.29万元，占83.65%；公用经费349.18万元，占16.35%。", []),
        ("基本支出2,135.47万元，其中：人员经费1,786.29万元，主要包括基本工资412.36万元、津贴补贴600.00万元；公用经费349.18万元。", []),
        ("全年预算数3,420.56万元，其中：基本支出1,280.00万元、项目支出2,140.56万元；全年执行数3,318.42万元，执行率97.01%。", []),
        ("收入总计1,284.56万元，其中上年结转50.00万元，本年收入1,234.56万元；支出总计1,230.00万元，其中基本支出800.00万元，项目支出430.00万元。", []),
        ("基本支出1,262.35万元，其中：人员经费1,048.60万元，上年为1,012.40万元；公用经费213.75万元。", []),
        ("一般公共预算财政拨款1,200.00万元，占总收入1,234.56万元的97.20%。", []),
        ("慰问支出12.00万元，其中：春节慰问9.50万元，每人500元；中秋慰问2.50万元。", []),
        ("按照省级标准每亩80.00元、市级标准每亩25.00元发放补贴，共计1,862.45万元。", []),
        ("收入合计1,234.56万元，支出合计1,180.00万元，年末结转结余合计54.56万元。", []),
        ("基本支出1,262.35万元，其中：人员经费1,048.60万元，占部门支出总额的31.60%；公用经费213.75万元。", []),
        ("人员经费、公用经费分别为1,048.60万元、213.75万元，分别占基本支出1,262.35万元的83.07%、16.93%。", []),
        ("全年预算数4,985.36万元（其中基本支出预算数2,180.00万元），全年执行数4,826.53万元，执行率96.81%。", []),
        ("全年预算数4,985.36万元，执行数4,826.53万元，其中项目支出执行数2,691.06万元，整体执行率96.81%。", []),
        ("项目支出2,056.07万元，比上年增加156.07万元，主要原因是绩效奖励标准提高8.5%。", []),
        ("人员经费、公用经费分别比上年增加36.20万元、8.15万元，增长3.58%、3.97%。", []),
        ("办公费、差旅费分别为38.62万元、24.15万元，合计62.77万元。", []),
        ("省级和市级资金分别到位1,420.00万元、720.56万元，到位率均为100%。", []),
        ("出台内部管理制度3项，即《预算绩效管理办法》、《关于规范差旅、会议费管理的通知》、《内部控制手册》。", []),
        ("开展专项行动3项，即“净网”、“护苗、护学”、“秋风”行动。", []),
        ("下设二级机构3个，分别是市农机事务中心、市水产和畜牧事务中心及市农业科学研究院。", []),
        ("培训人员260人，包括局机关干部、二级单位负责人和财务人员。", []),
        ("“三公”经费支出8.65万元，控制在预算12.00万元以内，其中公务接待费2.15万元，公务用车运行维护费6.50万元。", []),
        ("第一季度，支出资金820.00万元。第二季度，支出资金1,050.00万元。", []),
        ("下属二级单位5个，分别是甲中心、乙中心、丙中心和丁中心。", [("ARI007", "count")]),
        ("基本支出46,218.35万元，包括人员经费42,876.21万元、公用经费3,442.14万元。", [("ARI001", "over")]),
        ("基本支出46,218.35万元，包括人员经费42,876.21万元、公用经费3,242.14万元。", []),  # 包括 may be partial
        # the same quantity twice
        ("2023年基本支出708.28万元。2023年基本支出708.28万元。", []),
        ("2022年基本支出600.00万元。2023年基本支出708.28万元。", []),
        ("基本支出708.28万元。上年基本支出600.00万元。", []),
    ],
)
def test_statement_shapes(text, expected):
    assert [(c, v) for c, v, _, _ in ari(HEAD + text + "\n")] == expected


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


def test_a_partial_list_ending_in_etc_is_not_an_error():
    assert ari(HEAD + "支出100.00万元，其中：科技专项50.00万元、人才经费48.00万元等。\n") == []

