"""The rules' regex prefilters are exact: a text they pass over is one the pattern finds nothing in."""

from __future__ import annotations

import re

import pytest

from selfeval_lint.analysis.prefilter import needed, passes
from selfeval_lint.rulesets import load_rules

from .conftest import CORPUS


def _rule_patterns() -> list[re.Pattern[str]]:
    from selfeval_lint.analysis.enumerations import _MARKERS
    from selfeval_lint.analysis.selfeval_table import _compiled
    from selfeval_lint.checks.prose import _MARK, _PARENS, _QUOTES, _STRAY

    rules = load_rules()
    narrative = [_compiled(rules.tables["narrative"][kind]) for kind in ("rate", "score", "grade")]
    return [p.regex for p in (*rules.artifacts, *rules.placeholders)] + [regex for regex, _, _ in rules.misused] + [
        *_MARKERS.values(), *narrative, _MARK, _PARENS, _QUOTES, _STRAY]


def _texts() -> list[str]:
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    made = [  # one that each pattern matches, and near misses
        "20XX年", "２０ｘｘ年", "XX局", "××单位", "X月X日", "2023年  月  日", "占  %", "执行率为 %", "金额  万元", "____",
        "（此处填写项目名称）", "[bookmark: _GoBack]", "PAGEREF _Toc123456789 \\h", "错误！未找到引用源。", "![](img.png)",
        "<span>", "Normal.dotm", "截止2023年底", "帐户", "记帐", "再接再励", "按排", "一至认为", "官网网站", "{ PAGE }",
        "x", "X月", "年月日", "占%", "_", "帐篷", "按排名", "不一至", "",
        "一是加强领导，二是完善制度", "第一，", "①②", "1.加强", "（1）", "预算执行率为98.5%", "自评得分为95分",
        "自评等级为“优秀”", "一是一", "第一、二季度", "资金(万元)", '"绩效"', "完成,达到", "共 11 个", "支出 100万元",
    ]
    return lines + made


@pytest.mark.parametrize("pattern", _rule_patterns(), ids=lambda p: p.pattern[:30])
def test_a_filtered_text_never_holds_a_match(pattern):
    sets = needed(pattern)
    for text in _texts():
        if pattern.search(text):
            assert passes(sets, set(text)), (pattern.pattern, text)


def test_what_the_filters_read_from_a_pattern():
    assert set(needed(re.compile("再接再励"))) < {frozenset("再"), frozenset("接"), frozenset("励")}  # two are tested
    assert set(needed(re.compile("(?:20|２０)[xX×]{2}"))) == {frozenset("xX×"), frozenset("2２")}  # digits last
    assert needed(re.compile("(?:20|２０)[xX×]{2}"))[0] == frozenset("xX×")
    assert needed(re.compile("帐(?=户)|(?<=记)帐")) == (frozenset("帐"),)  # lookarounds promise nothing of the match
    assert needed(re.compile("a?b*")) == ()  # nothing required
    assert needed(re.compile("[^a]x")) == (frozenset("x"),)  # a negated class tells nothing, the literal does
    assert needed(re.compile(r"\d+元")) == (frozenset("元"),)
    assert needed(re.compile("abc", re.IGNORECASE)) == ()  # cases: not read
    assert needed(re.compile("(?i:ab)c")) == (frozenset("c"),)
    assert needed(re.compile("[\u4e00-\u9fff]")) == ()  # too wide to filter anything
    assert not passes(needed(re.compile("x|y")), set("abc")) and passes(needed(re.compile("x|y")), set("aby"))
