"""Flattened tables in .txt (issue 9, class 6 and 8): a 收入支出决算总表 pasted from a web page one cell per line, or
with its cells set apart by runs of spaces, is read as a table — no heading or sentence findings from its cells —
and its 合计 rows are checked against the numbered rows of their column (ARI001)."""

from __future__ import annotations

import pytest

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest import build_document
from selfeval_lint.model import BlockKind
from selfeval_lint.registry import resolve_selection
from selfeval_lint.rulesets import load_rules

HEAD = "上海市普陀区财政局2024年度部门决算\n第一部分 部门概况\n一、主要职能\n上海市普陀区财政局是主管全区财政收支的区政府工作部门。\n"
TAIL = "第三部分 2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n上海市普陀区财政局2024年度收入支出总计2995.39万元。\n"
INCOME = [("一、一般公共预算财政拨款收入", "2,940.05"), ("二、政府性基金预算财政拨款收入", ""), ("三、国有资本经营预算财政拨款收入", ""),
          ("四、上级补助收入", ""), ("五、事业收入", ""), ("六、其他收入", "6.20")]
SPEND = [("一、一般公共服务支出", "2,112.86"), ("二、外交支出", ""), ("三、国防支出", ""), ("四、公共安全支出", ""),
         ("五、教育支出", ""), ("六、社会保障和就业支出", "326.72"), ("七、卫生健康支出", "60.99"), ("八、住房保障支出", "445.69")]
TOTALS = [("本年收入合计", "2,946.25", "本年支出合计", "2,946.26"), ("年初结转和结余", "49.14", "年末结转和结余", "55.34"),
          ("总计", "2,995.39", "总计", "2,995.39")]


def one_cell_per_line(income_total: str = "2,946.25", spend_total: str = "2,946.26", blank: str = "") -> str:
    """The table as a web page's copy gives it: every cell on its own line, empty cells dropped (or as `blank` lines)."""
    cells = ["收入支出决算总表", "编制单位：上海市普陀区财政局", "单位：万元", "收入", "支出", "项目", "决算数", "项目", "决算数"]
    for n in range(max(len(INCOME), len(SPEND))):
        for side in (INCOME, SPEND):
            if n < len(side):
                cells += [side[n][0], side[n][1]] if side[n][1] else [side[n][0]] + ([blank] if blank is not None else [])
    rows = [(a, income_total if a == "本年收入合计" else b, c, spend_total if c == "本年支出合计" else d) for a, b, c, d in TOTALS]
    for row in rows:
        cells += list(row)
    return HEAD + "第二部分 2024年度部门决算表\n" + "\n".join(c for c in cells if c is not None) + "\n" + TAIL


def spaced(income_total: str = "2,946.25") -> str:
    """The table with its cells set apart by runs of spaces (a PDF's text copied with its layout)."""
    def cell(text: str, width: int) -> str:
        return text + " " * (width - sum(2 if ord(ch) > 0x2E7F else 1 for ch in text))

    lines = [cell("项目", 34) + cell("决算数", 12) + cell("项目", 26) + "决算数"]
    for n in range(len(SPEND)):
        a, b = INCOME[n] if n < len(INCOME) else ("", "")
        c, d = SPEND[n]
        lines.append((cell(a, 34) + cell(b, 12) + cell(c, 26) + d).rstrip())
    lines.append(cell("本年收入合计", 34) + cell(income_total, 12) + cell("本年支出合计", 26) + "2,946.26")
    return HEAD + "第二部分 2024年度部门决算表\n收入支出决算总表\n单位：万元\n" + "\n".join(lines) + "\n" + TAIL


def findings(text: str, select: str = "NUM,SEC,ARI,TXT") -> list[tuple[str, int, str]]:
    options = Options(selected=resolve_selection(select.split(","), None))
    return [(f.code, f.location.line, f.variant) for f in check_bytes("决算.txt", text.encode(), options).findings]


def test_one_cell_per_line_is_one_table_block():
    blocks = build_document("决算.txt", one_cell_per_line().encode(), load_rules()).blocks
    tables = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1 and tables[0].text.startswith("收入支出决算总表") and tables[0].text.endswith("2,995.39")
    rows = tables[0].table.rows
    assert ("一、一般公共预算财政拨款收入", "2,940.05") in rows and ("本年支出合计", "2,946.26") in rows
    # every cell keeps its own line
    assert [s.line for s in tables[0].segments][:2] == [6, 7]


@pytest.mark.parametrize("blank", [None, ""], ids=["empty cells dropped", "empty cells as blank lines"])
def test_cells_are_no_headings_and_correct_totals_are_silent(blank):
    assert findings(one_cell_per_line(blank=blank)) == []


@pytest.mark.parametrize(("income", "spend", "line"), [("2,964.25", "2,946.26", 44), ("2,946.25", "2,939.26", 46)])
def test_a_wrong_total_row_is_found_where_it_stands(income, spend, line):
    got = findings(one_cell_per_line(income, spend), "ARI")
    assert got == [("ARI001", line, "total")]


def test_space_separated_table_with_empty_cells_is_one_table_and_its_total_checked():
    assert findings(spaced()) == []
    blocks = build_document("决算.txt", spaced().encode(), load_rules()).blocks
    assert sum(1 for b in blocks if b.kind is BlockKind.TABLE) == 1
    assert [(c, v) for c, _, v in findings(spaced("2,964.25"), "ARI")] == [("ARI001", "total")]


@pytest.mark.parametrize(
    "text",
    [
        # short headings and scores (integers): no amounts, stays the outline
        "某局2024年度部门整体支出绩效自评报告\n一、基本情况\n（一）职能\n（二）机构\n二、绩效目标\n（一）产出\n20\n（二）效益\n30\n三、自评得分\n95\n",
        # 合计 over rows that are not numbered 一、二、…: nothing to check against
        HEAD + "支出明细\n单位：万元\n基本支出\n2,336.91\n项目支出\n603.14\n人员经费\n2,152.26\n公用经费\n184.65\n支出合计\n9,999.00\n" + TAIL,
        # a numbered column with a gap (rows cut by a page): not all parts are there
        HEAD + "收入\n单位：万元\n一、财政拨款收入\n2,940.05\n三、其他收入\n6.20\n四、事业收入\n1.00\n本年收入合计\n9,000.00\n" + TAIL,
    ],
)
def test_traps_stay_silent(text):
    assert [f for f in findings(text, "ARI001") if f[0] == "ARI001"] == []


def test_integer_lines_are_no_table():
    text = "某局报告\n一、基本情况\n（一）职能\n3\n（二）机构\n5\n（三）人员\n8\n（四）资产\n9\n二、绩效\n"
    assert all(b.kind is BlockKind.PARAGRAPH for b in build_document("r.txt", text.encode(), load_rules()).blocks)


# --- 执行率 columns of tables other than the 绩效自评表 ----------------------------------------------------------

RATES = [["项目", "年初预算数（万元）", "全年预算数（万元）", "执行数（万元）", "执行率"],
         ["学生资助资金", "380.00", "386.40", "386.40", "100.00%"],
         ["教育信息化建设资金", "300.00", "280.00", "268.78", "{rate}"]]


def rate_table_text(rate: str) -> str:
    rows = "\n".join("\t".join(r).replace("{rate}", rate) for r in RATES)
    return "某学校2023年度部门整体支出绩效自评报告\n一、项目支出\n支出明细如下：\n" + rows + "\n"


@pytest.mark.parametrize(("rate", "expected"), [("95.99%", []), ("97.99%", [("ARI004", 6, "rate")])])
def test_a_rate_column_is_checked_row_by_row_in_text(rate, expected):
    assert findings(rate_table_text(rate), "ARI") == expected


def test_a_rate_column_in_a_word_table(tmp_path):
    import docx

    from selfeval_lint.engine import check_file

    for rate, expected in (("95.99%", []), ("97.99%", ["ARI004"])):
        document = docx.Document()
        document.add_paragraph("某学校2023年度部门整体支出绩效自评报告")
        document.add_paragraph("一、项目支出")
        table = document.add_table(rows=len(RATES), cols=len(RATES[0]))
        for r, row in enumerate(RATES):
            for c, text in enumerate(row):
                table.cell(r, c).text = text.replace("{rate}", rate)
        path = tmp_path / f"r{rate[:2]}.docx"
        document.save(path)
        result = check_file(str(path), Options(selected=resolve_selection(["ARI"], None)))
        assert [f.code for f in result.findings] == expected


def test_the_selfeval_table_rate_is_left_to_the_tab_rules():
    text = rate_table_text("97.99%").replace("执行率\n", "执行率\t分值\t得分\n")
    assert findings(text, "ARI004") == []
