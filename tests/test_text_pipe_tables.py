"""A table pasted into plain text between pipes ("| a | b |") is read as a table, as in Markdown; lone pipes stay text."""

from __future__ import annotations

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest.text import text_blocks
from selfeval_lint.model import BlockKind
from selfeval_lint.registry import resolve_selection

ALL = Options(selected=resolve_selection(None, None))

TABLE = """2023年度某项目支出绩效自评表
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
|---|---|---|---|---|---|---|
| 年度资金总额 | 500 | 520 | 480 | 10 | 90.31% | 9.23 |
| 其中：当年财政拨款 | 500 | 520 | 480 | - | 92.31% | - |
"""


def test_pipe_rows_in_plain_text_are_one_table_with_exact_cells():
    blocks = text_blocks(TABLE)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE]
    table = blocks[1].table
    assert table.rows[0][:2] == ("项目资金（万元）", "年初预算数") and len(table.rows) == 3  # the header rule is no row
    line, start = blocks[1].segments[2].line, table.starts[2][5]
    assert line == 5 and TABLE.splitlines()[line - 1][start - blocks[1].segments[2].start:].startswith("92.31%")


def test_the_same_self_evaluation_table_is_checked_in_text_as_in_markdown():
    data = TABLE.encode("utf-8")
    as_text, as_markdown = check_bytes("t.txt", data, ALL), check_bytes("t.md", data, ALL)
    found = [(f.code, f.location.line, f.location.column, f.excerpt) for f in as_text.findings]
    assert found == [(f.code, f.location.line, f.location.column, f.excerpt) for f in as_markdown.findings]
    assert any(code == "TAB002" and line == 4 for code, line, _, _ in found)  # 480 / 520 is 92.31 %, not 90.31 %


def test_lone_pipes_and_uneven_rows_stay_text():
    for text in [
        "| 注：本表金额单位为万元 |\n正文第一段。\n",  # one line between pipes
        "| 指标 | 分值 |\n| 产出指标 | 50 | 45 |\n",  # rows of different widths
        "预算执行率 | 得分\n项目 | 分值\n",  # pipes inside lines, not around them
        "| 只有一格 |\n| 仍是一格 |\n",  # one cell: a framed line, not a table
    ]:
        assert all(b.kind is BlockKind.PARAGRAPH for b in text_blocks(text)), text
