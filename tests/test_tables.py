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


# Traps: correct tables that look wrong (most are cases in src/selfeval_lint/checks/cases/TAB*.yaml).

def test_qualitative_targets_met_and_unjudgeable_values_are_silent():
    text = (TABLE.replace("企业满意度\t≥90%\t95%\t10\t9\t无", "企业满意度\t较好\t好\t10\t10\t无").replace("98.81", "99.81"))
    assert tab(text) == []
    odd = TABLE.replace("支持科技项目数\t≥30个\t32个", "支持科技项目数\t≥30个\t详见附件")
    assert tab(odd) == []


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

