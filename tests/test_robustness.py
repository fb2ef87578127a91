"""Property: no text, however odd, makes the checker itself fail (PAR006) or report outside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection

ALL = Options(selected=resolve_selection(None, None), timeout_seconds=None)

# Pieces real reports are made of, so that generated text reaches the deep paths (labels, figures, cues).
PIECES = [
    "一、", "（一）", "(二)", "1.", "2、", "（3）", "①", "第一部分", "附件1", "目录", "一是", "第二，",
    "其中：", "合计", "占", "分别为", "即", "包括", "执行率", "全年预算数", "执行数", "比上年增加", "增长", "下降",
    "708.28万元", "2.00万元", "1,234.56元", "98.5%", "百分之九十", "11个", "约30万元", "多", "等", "无。", "暂无",
    "部门整体支出绩效自评报告", "存在的问题及原因分析", "下一步改进措施", "“", "”", "《", "》", "〔2020〕", "。", "，",
    "；", "：", "、", "\n", "\t", " ", "[bookmark: _GoBack]", "20xx", "XX", "。。", "基本支出", "项目支出",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80))
def test_any_text_is_checked_without_the_checker_failing(pieces):
    text = "".join(pieces)
    result = check_bytes("r.txt", text.encode("utf-8", "surrogatepass"), ALL)
    assert not any(f.code == "PAR006" for f in result.findings), [f.args for f in result.findings]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in result.findings:
        if f.location.line is not None:
            assert 1 <= f.location.line <= len(lines)
            assert 1 <= f.location.column <= len(lines[f.location.line - 1]) + 1
