"""The figures, residue and consistency rules on real documents (../shared/realdocs/chinese, README.md there): the
slips a careful reader found are reported, and nothing else; plus .txt re-creations of their sentences, for the
parts the PDF reader damages today (caizhengju pp.21–24: digits set apart from their text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_file
from selfeval_lint.registry import resolve_selection

from .conftest import ROOT, lint


def _realdocs() -> Path:
    for candidate in (ROOT.parent / "shared" / "realdocs", Path("/work/shared/realdocs")):
        if candidate.is_dir():
            return candidate / "chinese"
    return Path("/nonexistent")


CHINESE = _realdocs()
REALDOCS = pytest.mark.skipif(not CHINESE.is_dir(), reason="../shared/realdocs is not present")
OURS = "ARI,TXT010,TXT011,TXT012,TXT013,CON"

# file → (extra codes to select, the findings expected: (code, variant, a piece of the excerpt))
EXPECTED = {
    "gbc-putuo-wanlijiedao-2024-yusuan.pdf": ("", [("ARI009", "rate", "0.53%")]),
    "gbc-tmp-dept_budget.pdf": (
        ",TXT003,TXT004",
        [
            ("CON001", "compare", "比2026年预算增加"),
            ("CON001", "compare", "比2026年预算增加"),
            ("CON001", "compare", "比2026年预算增加"),
            ("CON001", "compare", "与2026年预算持平"),
            ("CON001", "compare", "与2026年预算持平"),
            ("TXT004", "stacked", "支出。。"),
            ("ARI009", "direction", "3845.49万元"),
            ("ARI009", "rate", "17.66%"),
            ("ARI009", "rate", "5.27%"),
            ("TXT003", "unopened", "优秀调解案例”"),
        ],
    ),
    # 主要用于以下方面：… 占9.55% where 29.42 ÷ 307.82 is 9.5575 % (truncated: a rounding slip the reader did not list)
    "gov-putuo-shehuigongzuobu-2024-juesuan.pdf": (
        "", [("ARI010", "slip", "占9.55%"), ("ARI012", "zero", "完成年初预算的95.89%")]
    ),
    # 总计0.3万元 against its own 财政拨款收入 2,940.05; 持平 against the decrease its reason gives; 主要用于以下方面：
    # 2106.66 ÷ 2940.05 is 71.65 %, not the 71.73 % written (the four shares add up to 100.07 %: a slip the reader missed)
    "gov-putuo-caizhengju-2024-juesuan.pdf": (
        "", [("ARI015", "below", "总计0.3万元"), ("ARI014", "flat", "持平"), ("ARI003", "share", "占71.73%")]
    ),
    "gbc-putuo-shangwuwei-2025-yusuan.pdf": ("", []),
    "cph-test.docx": ("", []),
}


@REALDOCS
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_documents_give_their_slips_and_nothing_else(name):
    extra, expected = EXPECTED[name]
    options = Options(selected=resolve_selection((OURS + extra).split(","), None))
    findings = check_file(str(CHINESE / name), options).findings
    got = [(f.code, f.variant, f.excerpt) for f in findings]
    assert len(got) == len(expected), got
    for (code, variant, excerpt), (want_code, want_variant, piece) in zip(got, expected):
        assert (code, variant) == (want_code, want_variant), got
        assert piece in excerpt, got


def ours(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.variant) for f in lint(text, OURS)]


FINAL = "上海市普陀区财政局\n2024年度部门决算\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # caizhengju pp.21–24 as pdftotext reads them (the digits in place): all correct
        (FINAL + "二、收入决算情况说明\n本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。", []),
        (FINAL + "三、支出决算情况说明\n本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。", []),
        (
            FINAL + "（三）一般公共预算财政拨款支出决算具体情况\n一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，"
            "完成年初预算的98.20%。决算数小于预算数的主要原因：因年度工作计划安排，个别信息化项目和中介机构服务调减。",
            [],
        ),
        # the same with a slip in each kind of statement
        (FINAL + "二、收入决算情况说明\n本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.97%；其他收入6.2万元，占0.21%。", [("ARI003", "share")]),
        (
            FINAL + "（三）一般公共预算财政拨款支出决算具体情况\n一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，"
            "完成年初预算的98.02%。决算数大于预算数的主要原因：调减。",
            [("ARI004", "completion"), ("ARI011", "relation")],
        ),
        # p.20: the growth whose current amount closes the sentence before
        (
            FINAL + "一、收入支出决算总体情况说明\n上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
            [],
        ),
        (
            FINAL + "一、收入支出决算总体情况说明\n上海市普陀区财政局2024年度收入支出总计0万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
            [("ARI005", "zero")],
        ),
        # stale copies of the report's year and name
        (FINAL + "第三部分 2023年度部门决算情况说明\n一、说明\n截至2023年12月31日，车辆0辆。", [("CON001", "year"), ("CON001", "year")]),
        (FINAL + "一、说明\n上海市普陀财政局2024年度收入支出总计2995.39万元。", [("CON002", "variant")]),
    ],
)
def test_text_recreations_of_real_sentences(text, expected):
    assert ours(text + "\n") == expected
