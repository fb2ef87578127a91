"""TAB rules beyond their documented examples: target reading, traps that look like defects, every input format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from selfeval_lint.analysis.selfeval_table import judge, read_target
from selfeval_lint.checks.tables import REPORT_TABLE, TABLE
from selfeval_lint.engine import Options, check_file
from selfeval_lint.registry import resolve_selection
from selfeval_lint.rulesets import load_rules

from .conftest import CORPUS, ROOT, codes, lint

CONF = load_rules().tables
REALDOCS = Path("/work/shared/realdocs")


def tab(text: str) -> list[str]:
    return codes(lint(text, select="TAB"))


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "word"),
    [
        ("≥95%", ">=", "95", "%", None), ("≤10个工作日", "<=", "10", "个工作日", None), ("=1项", "=", "1", "项", None),
        ("100%", None, "100", "%", None), ("达到预期", None, None, "", "met"), ("逐步提高", None, None, "", "trend"),
        ("不低于 90 %", ">=", "90", "%", None), ("95%以上", ">=", "95", "%", None), ("未完成", None, None, "", "missed"),
        ("１２个", None, "12", "个", None),
    ],
)
def test_targets_are_read_with_direction_and_unit(text, op, value, unit, word):
    t = read_target(text, CONF)
    assert (t.op, str(t.value) if t.value is not None else None, t.unit, t.word) == (op, value, unit, word)


def test_qualitative_levels():
    assert read_target("好/较好", CONF).level == 2  # the lower of the two
    assert read_target("好", CONF).level == 3


@pytest.mark.parametrize(
    ("target", "actual", "names", "met"),
    [
        ("≥95%", "96%", "", True), ("≥95%", "92%", "", False), ("≤10个工作日", "12个工作日", "", False),
        ("30个工作日", "25个工作日", "时效指标", True),  # a bare time target reads as at most
        ("30个", "25个", "数量指标", False), ("=1项", "1项", "", True), ("≥90%", "90分", "", None),  # units differ
        ("较好", "好", "", True), ("好", "较好", "", False), ("达到预期", "达到预期", "", True), ("逐步提高", "有所提高", "", True),
        ("逐步提高", "较上年下降", "", None), ("≥95%", "未完成", "", False),
    ],
)
def test_targets_judged(target, actual, names, met):
    assert judge(read_target(target, CONF), read_target(actual, CONF), names, CONF) is met


def test_the_reference_table_and_report_are_silent():
    assert tab(TABLE) == []
    assert tab(REPORT_TABLE) == []


def test_issue_example_scores_points_and_rate():
    """The issue's table: scores adding up to 86.2 under a stated 95.2, points adding up to 90, 88.00% for 480/520."""
    text = (TABLE.replace("520.00\t510.00\t10\t98.08%\t9.81", "520.00\t480.00\t10\t88.00%\t9.23")
            .replace("500.00\t500.00\t490.00\t—\t98.00%", "500.00\t500.00\t460.00\t—\t92.00%")
            .replace("企业满意度\t≥90%\t95%\t10\t9", "企业满意度\t≥90%\t95%\t0\t0")
            .replace("98.81", "95.2"))
    found = tab(text)
    assert {"TAB002", "TAB004", "TAB007"} <= set(found)


# Traps: correct tables that look wrong.

def test_rounded_rates_that_are_right():
    text = TABLE.replace("520.00\t510.00\t10\t98.08%", "520.00\t510.00\t10\t98.1%").replace("9.81", "9.8").replace("98.81", "98.80")
    assert tab(text) == []


def test_points_total_of_a_template_other_than_100():
    text = (TABLE.replace("支持科技项目数\t≥30个\t32个\t20\t20", "支持科技项目数\t≥30个\t32个\t40\t40")
            .replace("\t100\t98.81", "\t120\t118.81"))
    assert tab(text) == []  # the table's own total is 120 and its points add up to it; its own scheme
    assert "TAB004" in tab(text.replace("\t120\t118.81", "\t100\t118.81"))


def test_dashes_in_the_carried_over_rows_are_normal():
    text = TABLE.replace("上年结转资金\t0.00\t20.00\t20.00\t—\t100.00%\t—", "上年结转资金\t—\t20.00\t20.00\t—\t100.00%\t—")
    assert tab(text) == []


def test_a_table_listing_the_main_indicators_only_is_not_summed():
    partial = "\n".join(line for line in TABLE.splitlines() if "效益" not in line and "时效" not in line) + "\n"
    assert tab(partial) == []


def test_qualitative_targets_met_and_unjudgeable_values_are_silent():
    text = (TABLE.replace("企业满意度\t≥90%\t95%\t10\t9\t无", "企业满意度\t较好\t好\t10\t10\t无").replace("98.81", "99.81"))
    assert tab(text) == []
    odd = TABLE.replace("支持科技项目数\t≥30个\t32个", "支持科技项目数\t≥30个\t详见附件")
    assert tab(odd) == []


def test_other_scopes_in_the_text_are_not_compared():
    text = REPORT_TABLE.replace("预算执行率98.08%", "预算执行率98.08%，基本支出执行率96.12%")
    assert tab(text) == []
    two_tables = REPORT_TABLE.replace("预算执行率98.08%", "预算执行率96.08%") + "\n" + TABLE
    assert "TAB016" not in tab(two_tables)  # which table the text speaks of is unknown


def test_a_grid_split_by_a_page_break_is_joined():
    """Two tables one after the other (a page break in a PDF, a blank line here): one grid, one total."""
    grid_rows = TABLE.split("\n")
    at = next(i for i, line in enumerate(grid_rows) if line.startswith("效益指标"))
    split = "\n".join(grid_rows[:at] + [""] + grid_rows[at:])
    assert tab(split) == []
    assert "TAB007" in tab(split.replace("98.81", "88.81"))


def test_space_aligned_table_in_text():
    text = (
        "2023年度项目支出绩效自评表\n"
        "项目资金（万元）    年初预算数    全年预算数    全年执行数    执行率\n"
        "年度资金总额        500.00        520.00        510.00        92.31%\n"
        "其中：财政拨款      500.00        520.00        510.00        98.08%\n"
    )
    assert codes(lint(text, select="TAB002")) == ["TAB002"]


def test_department_wide_variant_and_grade_bands():
    dept = (
        "2023年度某某局部门整体支出绩效自评表\n"
        "预算执行情况（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t1,520.00\t1,612.50\t1,586.42\t10\t98.38%\t9.8\n"
        "其中：基本支出\t1,200.00\t1,250.00\t1,240.12\t—\t99.21%\t—\n"
        "项目支出\t320.00\t362.50\t346.30\t—\t95.53%\t—\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
        "产出指标\t数量指标\t统计调查任务数\t46项\t46项\t50\t50\t无\n"
        "效益指标\t社会效益\t统计信息发布条数\t≥150条\t186条\t30\t30\t无\n"
        "满意度指标\t服务对象满意度\t社会公众满意度\t≥90%\t93.5%\t10\t0.2\t无\n"
        "总分\t\t\t\t\t100\t90\n自评等级\t优秀\n"
    )
    assert tab(dept) == []  # 90 is 优 (优秀 counts as 优)
    assert "TAB008" in tab(dept.replace("\t0.2\t", "\t0.1\t").replace("\t100\t90", "\t100\t89.9"))
    assert "TAB001" in tab(dept.replace("1,586.42", "1,596.42").replace("98.38%", "99.00%"))


def test_sichuan_profile_leaves_the_90_points_to_the_unit():
    text = (TABLE.replace("2023年度科技创新专项资金项目", "四川省某县2023年度科技创新专项资金项目")
            .replace("支持科技项目数\t≥30个\t32个\t20\t20", "支持科技项目数\t≥30个\t32个\t25\t25")
            .replace("带动企业研发投入\t逐步提高\t较上年提高12%\t20\t20", "带动企业研发投入\t逐步提高\t较上年提高12%\t15\t15")
            .replace("全年预算数", "调整后预算数"))
    assert tab(text) == []
    assert "TAB005" in tab(text.replace("四川省某县", ""))


def test_low_execution_with_a_reason_in_the_text_is_silent():
    low = TABLE.replace("520.00\t510.00\t10\t98.08%\t9.81", "520.00\t450.00\t10\t86.54%\t8.65") \
        .replace("500.00\t500.00\t490.00\t—\t98.00%", "500.00\t500.00\t430.00\t—\t86.00%").replace("98.81", "97.65")
    assert tab(low) == ["TAB012"]
    explained = low.replace("自评等级\t优\n", "自评等级\t优\n执行率偏低的主要原因是部分项目资金按合同进度拨付。\n")
    assert tab(explained) == []


CORRECT_TABLE_FILES = [CORPUS / n for n in ("selfeval-table.docx", "selfeval-table.pdf", "selfeval-table.xlsx",
                                            "yueyang-kjj-2023-dept-selfeval.with-table.docx")]


@pytest.mark.parametrize("path", CORRECT_TABLE_FILES, ids=[p.name for p in CORRECT_TABLE_FILES])
def test_correct_tables_in_every_format_are_read_and_silent(path):
    """Merged header cells (项目资金 down five rows, 一级指标 down the grid) carried down, in .docx, .pdf and .xlsx."""
    from selfeval_lint.engine import prepare

    facts = prepare(str(path), path.read_bytes(), Options(selected=frozenset())).selfeval_tables
    assert len(facts.tables) == 1
    table = facts.tables[0]
    assert [r.kind for r in table.funds.rows] == ["total", "part", "part", "part"]
    assert len(table.indicators) == 9 and {i.level1 for i in table.indicators} == {"产出指标", "效益指标", "满意度指标"}
    assert all(i.met is True for i in table.indicators)
    assert (table.total_score.value, table.grade.shown) == (Decimal("98.80" if "dept" in path.name else "98.81"), "优")
    result = check_file(str(path), Options(selected=resolve_selection(["TAB"], None)))
    assert result.findings == []


def test_xlsx_findings_name_sheet_and_cell_in_json(cli):
    import json

    out = cli("check", str(CORPUS / "selfeval-table.rate.xlsx"), "--format", "json")
    location = json.loads(out.stdout)["files"][0]["findings"][0]["location"]
    assert (location["sheet"], location["cell"], location["table"]) == ("项目支出绩效自评表", "G5", {"index": 1, "row": 4, "col": 7})


@pytest.mark.skipif(not REALDOCS.exists(), reason="../shared/realdocs is absent")
def test_no_table_finding_on_real_documents_and_correct_fixtures():
    # Two 决算/预算 documents full of budget tables (预算数, 执行数, 合计 columns) and the Word sample; the other PDFs
    # (same kind, ~8 s each) and the numbering/ set were run by hand with `check --select TAB` and are clean too.
    chinese = REALDOCS / "chinese"
    paths = [chinese / n for n in ("gov-putuo-caizhengju-2024-juesuan.pdf", "gbc-tmp-dept_budget.pdf", "cph-test.docx")]
    paths += sorted((ROOT / "tests" / "fixtures" / "correct").glob("*.txt"))
    options = Options(selected=resolve_selection(["TAB"], None))
    found = [(p.name, f.code) for p in paths for f in check_file(str(p), options).findings if f.code.startswith("TAB")]
    assert found == []


def test_two_breakdowns_of_one_total_are_summed_apart_and_unknown_parts_left_alone():
    both = (
        "2023年度某某局部门整体支出绩效自评表\n"
        "预算执行情况（万元）\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
        "年度资金总额\t1,080.00\t1,142.36\t1,119.56\t98.00%\n"
        "其中：财政拨款\t1,000.00\t1,062.36\t1,039.56\t97.85%\n"
        "其他资金\t80.00\t80.00\t80.00\t100.00%\n"
        "其中：基本支出\t700.00\t720.00\t708.28\t98.37%\n"
        "项目支出\t380.00\t422.36\t411.28\t97.38%\n"
    )
    assert tab(both) == []
    assert codes(lint(both.replace("项目支出\t380.00", "项目支出\t390.00"), select="TAB001")) == ["TAB001"]
    unknown = both.replace("其他资金\t80.00", "社会捐赠\t80.00").replace("其中：基本支出\t700.00\t720.00", "其中：基本支出\t600.00\t720.00")
    assert "TAB001" not in tab(unknown)  # 社会捐赠 belongs to no known breakdown: which rows add up is unknown


def test_groups_of_another_scheme_are_not_weighed_against_the_default():
    other = (TABLE.replace("产出指标\t", "投入指标\t", 1).replace("\t20\t20\t无\n产出指标\t质量", "\t20\t20\t无\n过程指标\t质量"))
    assert "TAB005" not in tab(other)


def test_a_project_table_attached_to_a_department_report_is_not_its_narrative():
    dept_report = REPORT_TABLE.replace("科技创新专项资金项目支出绩效自评报告", "岳阳市科学技术局部门整体支出绩效自评报告") \
        .replace("预算执行率98.08%", "预算执行率96.08%")
    dept_report = dept_report.replace("二、项目绩效情况", "二、部门整体支出绩效情况")
    table_title = "2023年度科技创新专项资金项目支出绩效自评表\n"
    at = dept_report.index("项目资金（万元）")
    text = dept_report[:at] + table_title + dept_report[at:]
    assert "TAB016" not in tab(text)


def test_other_scores_and_grades_in_the_text_are_not_the_table_s():
    text = REPORT_TABLE.replace("自评等级为优。", "自评等级为优。满意度测评分为95分，产出指标自评得分45分，项目风险等级为中。"
                                "上年预算执行率为91.20%，上年自评得分88分。")
    assert tab(text) == []
