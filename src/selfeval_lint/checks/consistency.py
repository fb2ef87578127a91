"""CON rules: stale copy-paste — years that do not fit the report's own year, and the agency's name written with
characters left out (data in rules/consistency.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.identity import identity, name_variants, year_mentions
from ..extra_rules import extra_rules
from ..model import Severity
from ..registry import T, rule
from ..vocab import Scope
from .base import Context, Hit

KIND_ZH = {"budget": "预算", "final": "决算", "selfeval": "绩效自评报告"}
KIND_EN = {"budget": "budget", "final": "final accounts", "selfeval": "self-evaluation"}

@rule(
    code="CON001",
    name="stale-year",
    severity=Severity.WARNING,
    scope=(Scope.DOCUMENT,),
    summary=T("文中年份与报告年度不符（照搬旧稿）", "A year in the text does not fit the report's year (stale copy)"),
    messages={
        "compare": T(
            "本文件为{year}年度{kind}，“{text}”却是与本年度或以后年度比较，应为此前年度（多为{previous}年）",
            "This is the {year} {kind_en}, yet “{text}” compares with its own or a later year; it should name an earlier one (usually {previous})",
        ),
        "year": T(
            "本文件为{year}年度{kind}，“{text}”中的年份应为{expected}年",
            "This is the {year} {kind_en}; “{text}” should name {expected}",
        ),
    },
    what=T(
        "从标题（或首几行）读出报告年度和类型（预算、决算、自评），检查正文中与报告年度有固定关系的说法："
        "预算报告“比2026年预算增加”不能与本年相比；决算“与2023年度相比”须早于本年；“2023年度部门决算情况说明”"
        "“截至2023年12月31日”须为本年度。哪些说法与报告年度有何关系定义在 rules/consistency.yaml。"
        "读不出年度或类型的文件不检查。",
        "Reads the report's year and kind (budget, final accounts, self-evaluation) from its title or first lines, and "
        "checks phrases that stand in a fixed relation to it: a budget's “比2026年预算增加” cannot compare with its own "
        "year; a final account's “与2023年度相比” must name an earlier one; “2023年度部门决算情况说明” and "
        "“截至2023年12月31日” must name the report's year. Which phrases relate how is data in rules/consistency.yaml. "
        "Files whose year or kind cannot be read are not checked.",
    ),
    why=T(
        "沿用上年文稿时最容易漏改年份，公开后会被认为数据不可信。",
        "Years are what is most often left unchanged when last year's text is reused; published, it makes every figure suspect.",
    ),
    fix=T("按报告年度改正年份。", "Correct the year to fit the report's."),
)
def stale_year(ctx: Context) -> Iterator[Hit]:
    conf = extra_rules(ctx.rules, "consistency")
    who = identity(ctx.doc, conf)
    for m in year_mentions(ctx.doc, conf, who):
        text = ctx.doc.blocks[m.block].text[m.start : m.end]
        args = {"year": who.year, "kind": KIND_ZH[who.kind or "selfeval"], "kind_en": KIND_EN[who.kind or "selfeval"], "text": text}
        if m.compare and who.year is not None and m.year >= who.year:
            yield Hit(m.block, m.start, m.end, "compare", {**args, "previous": who.year - 1}, text.replace(str(m.year), str(who.year - 1), 1))
        elif not m.compare and m.expected is not None and m.year != m.expected:
            yield Hit(m.block, m.start, m.end, "year", {**args, "expected": m.expected}, text.replace(str(m.year), str(m.expected), 1))


@rule(
    code="CON002",
    name="agency-name-variant",
    severity=Severity.WARNING,
    scope=(Scope.DOCUMENT,),
    summary=T("单位名称与标题不一致（漏字）", "The agency's name differs from the title's (characters left out)"),
    messages={
        "variant": T("“{text}”与报告单位名称“{agency}”不一致，少了“{dropped}”", "“{text}” differs from the report's agency “{agency}”: “{dropped}” is missing"),
    },
    what=T(
        "从标题或“预算主管部门：”“编制单位：”等行读出单位全称，检查正文和表头中的写法：少一个字（“上海市普陀财政局”）"
        "即提示；少了一段（“上海市财政局”）只在明显指本单位时提示（紧跟报告年度，如“上海市财政局2024年度收入…”，"
        "或在“编制单位：”等之后），因为它在一般行文中可能是另一个单位或常用简称。省略开头（“普陀区财政局”“区司法局”）是常用简称，不提示。",
        "Reads the agency's full name from the title or a line such as 预算主管部门： or 编制单位：, and checks how the body "
        "and table headers write it: one character missing (上海市普陀财政局) is noted anywhere; a longer part missing "
        "(上海市财政局) only where the text clearly means itself (right before the report's year, or after 编制单位： and "
        "the like), since elsewhere it may be another agency or a usual short form. Leaving out the beginning "
        "(普陀区财政局, 区司法局) is a usual short form and never noted.",
    ),
    why=T("单位名称写错是公开文件中的明显差错，常因照搬其他单位的文稿而起。", "A wrong agency name is a glaring error in a published document, often from copying another agency's text."),
    fix=T("统一使用单位全称或规范简称。", "Use the agency's full name or its standard short form throughout."),
)
def agency_name_variant(ctx: Context) -> Iterator[Hit]:
    conf = extra_rules(ctx.rules, "consistency")
    who = identity(ctx.doc, conf)
    for v in name_variants(ctx.doc, conf, who):
        yield Hit(v.block, v.start, v.end, "variant", {"text": v.text, "agency": who.agency, "dropped": v.dropped}, who.agency)
