"""WRD001–WRD002: misused words and finance terms written two ways, from the dictionary in rules/prose.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Severity
from ..registry import T, rule
from ..vocab import Scope
from .base import Context, Hit
from .hygiene import _checked_blocks
from ..analysis.prefilter import needed, passes


@rule(
    code="WRD001",
    name="misused-word",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("常见的用词错误或别字", "A commonly misused word or miswritten character"),
    messages={
        "misused": T("“{text}”应为“{suggestion}”（{source}）", "“{text}” should be “{suggestion}” ({source})"),
    },
    what=T(
        "按 rules/prose.yaml 中的词表检查公文和财务文字中常见的用词错误：截止→截至（后接日期时）、帐→账（账户、账目）、"
        "再接再励→再接再厉、按排→安排、既使→即使、做为→作为、官网网站→官方网站等。每个词条写明出处和正确的语境"
        "（如“截止日期”“帐篷”“按排名”不报）。",
        "Checks the word list in rules/prose.yaml of slips common in official and finance writing: 截止→截至 before a date, "
        "帐→账 (账户, 账目), 再接再励→再接再厉, 按排→安排, 既使→即使, 做为→作为, 官网网站→官方网站 and more. Each entry names "
        "its source and the contexts where the word is right (截止日期, 帐篷, 按排名 are not reported).",
    ),
    why=T("别字和误用词在公开的报告中很显眼，也容易被审核退回。", "Such slips stand out in a published report and get it sent back."),
    fix=T("按建议改正；词表可在 rules/prose.yaml 中补充。", "Correct as suggested; entries can be added to rules/prose.yaml."),
)
def misused_word(ctx: Context) -> Iterator[Hit]:
    filters = [needed(regex) for regex, _, _ in ctx.rules.misused]
    for block in _checked_blocks(ctx):
        present = set(block.text)
        for (regex, right, source), filtered in zip(ctx.rules.misused, filters):
            if not passes(filtered, present):
                continue  # the block lacks characters every match holds
            for m in regex.finditer(block.text):
                yield Hit(block.index, m.start(), m.end(), "misused", {"text": m.group(0), "suggestion": right, "source": source}, right)


@rule(
    code="WRD002",
    name="term-inconsistent",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("同一术语前后写法不一，或使用了旧称", "A term written two ways, or an outdated name"),
    messages={
        "variant": T("文中也写作“{canonical}”，此处“{text}”宜统一", "Elsewhere written “{canonical}”; make “{text}” the same"),
        "outdated": T("“{text}”是旧称，现称“{canonical}”", "“{text}” is an outdated name; it is now “{canonical}”"),
    },
    what=T(
        "检查同一份报告中财务术语的写法是否一致（“三公”经费与三公经费、政府性基金预算与政府基金预算），以及已更名的"
        "术语（公共财政预算自2015年起称一般公共预算）。术语组在 rules/prose.yaml 中。",
        "Checks that one report writes each finance term one way (“三公”经费 vs 三公经费, 政府性基金预算 vs 政府基金预算), "
        "and flags renamed terms (公共财政预算 has been 一般公共预算 since 2015). The term groups are in rules/prose.yaml.",
    ),
    why=T("同一概念前后写法不一，读者会以为是两件事；旧称说明文字沿用了过时的模板。",
          "Two spellings of one concept read as two things; an outdated name shows the text reuses an old template."),
    fix=T("统一为规范写法。", "Use the standard form throughout."),
)
def term_inconsistent(ctx: Context) -> Iterator[Hit]:
    blocks = list(_checked_blocks(ctx))
    for group in ctx.rules.prose["terms"]:
        canonical = group["canonical"]
        used = any(canonical in b.text for b in blocks)
        if not (used or group.get("outdated")):
            continue
        variant = "outdated" if group.get("outdated") else "variant"
        for block in blocks:
            for term in group["variants"]:
                start = block.text.find(term)
                while start >= 0:
                    yield Hit(block.index, start, start + len(term), variant, {"text": term, "canonical": canonical}, canonical)
                    start = block.text.find(term, start + len(term))
