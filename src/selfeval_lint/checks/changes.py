"""ARI rules on changes with both values stated, rounding slips, actual-versus-budget relations, rates of a zero
budget and figures after stray punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..analysis.changes import Change
from ..analysis.figures import Figure
from ..model import Severity
from ..registry import T, rule
from ..vocab import Scope
from .arithmetic import HUNDRED, Interval, _any_approx, _hit, _in_unit, _intervals, _meet, _pct, _wrong_ratio, is_slip
from .base import Context, Hit

DIRECTION_ZH = {1: "增加", -1: "减少", 0: "持平"}
DIRECTION_EN = {1: "an increase", -1: "a decrease", 0: "no change"}

def _relative(before: Interval, after: Interval) -> Interval | None:
    """(after − before) ÷ before × 100 as an interval (before positive)."""
    if before[0] <= 0:
        return None
    return (after[0] / before[1] - 1) * HUNDRED, (after[1] / before[0] - 1) * HUNDRED


def _judge(c: Change, ctx: Context) -> tuple[str, dict, str | None] | None:
    """What is wrong with a change, if anything: (variant, arguments, suggestion); 'slip' for a rounding slip."""
    before, after = _intervals([c.before, c.after])
    diff = (after[0] - before[1], after[1] - before[0])  # after − before
    slack = ctx.tolerance.amount_yuan
    actual = 1 if diff[0] > slack else -1 if diff[1] < -slack else 0
    args = {"before": c.before.text, "after": c.after.text, "stated": {"zh": DIRECTION_ZH[c.sign], "en": DIRECTION_EN[c.sign]}}
    if c.sign == 0:
        if actual != 0:
            word = DIRECTION_ZH[actual]
            return "flat", {**args, "actual": {"zh": word, "en": DIRECTION_EN[actual]}}, word
        return None
    if actual == -c.sign:
        return "direction", {**args, "actual": {"zh": DIRECTION_ZH[actual], "en": DIRECTION_EN[actual]}}, DIRECTION_ZH[actual]
    if c.before.kind == "percent":
        return None  # 由95%提高至98%，提高3个百分点 or 3.16%: points and relative change read alike
    if c.amount is not None and not c.amount.approx:
        change = c.amount.interval()
        signed = diff if c.sign > 0 else (-diff[1], -diff[0])
        if not _meet(signed, change, slack):
            value = abs(c.after.base - c.before.base)
            return "amount", {**args, "figure": c.amount.text, "expected": _in_unit(value, c.amount)}, _in_unit(value, c.amount)
    if c.percent is not None and not c.percent.approx:
        computed = _relative(before, after)
        if computed is None:
            return None  # from zero: no rate to check
        magnitude = computed if c.sign > 0 else (-computed[1], -computed[0])
        if _meet(magnitude, c.percent.interval(), ctx.tolerance.percent_points):
            return None
        value = abs(c.after.base - c.before.base) / c.before.base * HUNDRED
        variant = "slip" if is_slip(magnitude, c.percent, ctx.tolerance.percent_points) else "rate"
        return variant, {**args, "figure": c.percent.text, "expected": _pct(value)}, _pct(value)
    return None


def _target(c: Change, variant: str) -> tuple[int, int]:
    if variant in ("rate", "slip") and c.percent is not None:
        return c.percent.start, c.percent.end
    if variant == "amount" and c.amount is not None:
        return c.amount.start, c.amount.end
    return c.start, c.end


@rule(
    code="ARI009",
    name="change-mismatch",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("增减方向、增减额或增长率与前后两个数值不符", "A change does not match the two values it is between"),
    messages={
        "rate": T(
            "由{before}变为{after}，{stated}幅度应为{expected}，文中为{figure}",
            "From {before} to {after} the change is {expected}, not the stated {figure}",
        ),
        "amount": T(
            "由{before}变为{after}，{stated}额应为{expected}，文中为{figure}",
            "From {before} to {after} the change is {expected}, not the stated {figure}",
        ),
        "direction": T(
            "由{before}变为{after}是{actual}，文中写作“{stated}”",
            "From {before} to {after} is {actual}, but the text says {stated}",
        ),
        "flat": T(
            "由{before}变为{after}是{actual}，文中写作“持平”",
            "From {before} to {after} is {actual}, but the text says the figure is unchanged (持平)",
        ),
    },
    what=T(
        "检查同时写出前后两个数值的增减表述：“由A下降至B，下降M%”“2023年执行数为A万元，2024年预算安排B万元，比2023年"
        "执行数增加M%”。增减方向应与 B−A 的正负一致（“增加”而 B<A 为错，“持平”而 A≠B 为错），增减额应等于 |B−A|，"
        "增长率应等于 |B−A|÷A（按书写精度计算区间）。前值为 0 时不查增长率。末位差 1 的舍入疏忽由 ARI010 提示。",
        "Checks changes that state both values: “由A下降至B，下降M%”, “2023年执行数为A万元，2024年预算安排B万元，比2023年"
        "执行数增加M%”. The direction must agree with the sign of B − A (增加 with B < A is wrong, 持平 with A ≠ B is "
        "wrong), the amount must equal |B − A| and the rate |B − A| ÷ A, within the rounding of the written figures. "
        "No rate is checked from zero. A rate off by one unit of its last digit is ARI010's rounding slip.",
    ),
    why=T(
        "前后两个数值都写明时，增减方向和幅度可以直接验算；不符说明其中一个数字或方向词写错。",
        "With both values written the direction and size of the change can be verified; a mismatch means a figure or "
        "the direction word is wrong.",
    ),
    fix=T("核对前后两个数值，重新计算增减额和增长率，改正方向词。", "Check both values, recompute the change and fix the direction word."),
)
def change_mismatch(ctx: Context) -> Iterator[Hit]:
    for c in ctx.analysis.statements.changes:
        if _any_approx(c.before, c.after):
            continue
        judged = _judge(c, ctx)
        if judged is None or judged[0] == "slip":
            continue
        variant, args, suggestion = judged
        start, end = _target(c, variant)
        yield Hit(c.block, start, end, variant, args, suggestion)


@rule(
    code="ARI010",
    name="rounding-slip",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("百分比末位差 1（舍入疏忽）", "A percentage is off by one in its last digit (a rounding slip)"),
    messages={
        "slip": T("按前后数值计算应为{expected}，文中为{figure}，末位相差 1，可能是舍入（截尾）疏忽",
                  "The figures give {expected}, not {figure}: one unit off in the last digit, likely a rounding slip"),
    },
    what=T(
        "占比、执行率、完成预算比例和增长率与其金额计算结果只在末位相差 1（如应为 2.22%，写作 2.21%）时提示，"
        "而不作为 ARI003/ARI004/ARI005/ARI009 的错误：这通常是截尾代替四舍五入。",
        "Notes a share, execution rate, completion rate or growth rate that differs from what its amounts give by one "
        "unit of its last digit only (2.21% for 2.2162…%), instead of reporting it as an ARI003/ARI004/ARI005/ARI009 "
        "error: this is usually truncation instead of rounding.",
    ),
    why=T("末位差 1 多为舍入方法不当，性质轻于数字错误，但仍应统一。", "A one-unit difference usually comes from truncating; it is less serious than a wrong figure but should still be fixed."),
    fix=T("按四舍五入重新计算该百分比。", "Recompute the percentage with rounding to nearest."),
)
def rounding_slip(ctx: Context) -> Iterator[Hit]:
    st = ctx.analysis.statements
    slack = ctx.tolerance.percent_points
    triples: list[tuple[Figure, Figure, Figure]] = [(s.part, s.base, s.percent) for s in st.shares]
    triples += [(r.execution, r.budget, r.rate) for r in st.rates]
    triples += [(c.execution, c.budget, c.rate) for c in st.completions if c.budget.base]
    for part, whole, stated in triples:
        expected = _wrong_ratio(part, whole, stated, slack, slips=True)
        if expected is not None:
            yield _hit(stated, "slip", expected, expected=expected)
    for g in st.growths:
        if _any_approx(g.current, g.change, g.percent):
            continue
        current, change = _intervals([g.current, g.change])
        prior = (current[0] - change[1], current[1] - change[0]) if g.sign > 0 else (current[0] + change[0], current[1] + change[1])
        if prior[0] <= 0:
            continue
        computed = (change[0] / prior[1] * HUNDRED, change[1] / prior[0] * HUNDRED)
        if not _meet(computed, g.percent.interval(), slack) and is_slip(computed, g.percent, slack):
            expected = _pct(g.change.base / (g.current.base - g.sign * g.change.base) * HUNDRED)
            yield _hit(g.percent, "slip", expected, expected=expected)
    for c in st.changes:
        if _any_approx(c.before, c.after):
            continue
        judged = _judge(c, ctx)
        if judged is not None and judged[0] == "slip" and c.percent is not None:
            yield _hit(c.percent, "slip", judged[2], expected=judged[1]["expected"])


RELATION_ZH = {"gt": "大于", "lt": "小于", "eq": "等于"}
RELATION_EN = {"gt": "greater than", "lt": "less than", "eq": "equal to"}


@rule(
    code="ARI011",
    name="comparison-contradiction",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("“决算数大于/小于/等于预算数”与所列金额不符", "“决算数大于/小于/等于预算数” contradicts the amounts"),
    messages={
        "relation": T(
            "决算数{execution}、预算数{budgets}，文中却称决算数{relation}预算数",
            "The actual is {execution} and the budget {budgets}, yet the text says the actual is {relation_en} the budget",
        ),
    },
    what=T(
        "“年初预算为A万元，支出决算为B万元。决算数小于预算数的主要原因：…”中所称的大小关系应与 A、B 一致；"
        "同段列出年初和全年两个预算数时，只要与其中一个一致就不报。“基本持平”不检查。",
        "In “年初预算为A万元，支出决算为B万元。决算数小于预算数的主要原因：…” the relation stated must agree with A and B; "
        "when the paragraph gives both an initial and a full-year budget, agreeing with either is enough. "
        "基本持平 (roughly equal) is not checked.",
    ),
    why=T("说明原因的句子与数字矛盾，说明数字或套用的说明文字有误。", "An explanation that contradicts its figures means a figure or the copied wording is wrong."),
    fix=T("核对预算数和决算数，改正大小关系的表述。", "Check the budget and actual figures and correct the stated relation."),
)
def comparison_contradiction(ctx: Context) -> Iterator[Hit]:
    for c in ctx.analysis.statements.comparisons:
        if _any_approx(c.execution, *c.budgets):
            continue
        execution = c.execution.interval()
        if any(_holds(c.relation, execution, b.interval(), ctx.tolerance.amount_yuan) for b in c.budgets):
            continue
        budgets = "、".join(b.text for b in c.budgets)
        yield Hit(
            c.block, c.start, c.end, "relation",
            {"execution": c.execution.text, "budgets": budgets, "relation": RELATION_ZH[c.relation], "relation_en": RELATION_EN[c.relation]},
        )


def _holds(relation: str, a: Interval, b: Interval, slack: Decimal) -> bool:
    """Whether `a relation b` can hold for some values the written figures stand for."""
    if relation == "eq":
        return _meet(a, b, slack)
    if relation == "gt":
        return a[1] + slack > b[0]
    return a[0] - slack < b[1]


@rule(
    code="ARI012",
    name="rate-of-zero-budget",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("以 0 为分母的完成率", "A completion rate of a zero budget"),
    messages={
        "zero": T(
            "{budget_name}为{budget}，不能计算“{cue}”的比例，文中却为{figure}",
            "The {budget_name} is {budget}: no rate can be taken of it, yet the text gives {figure}",
        ),
    },
    what=T(
        "“年初预算为0万元……完成年初预算的95.89%”：预算数为 0 时完成比例无从计算，多半是套用了全年预算的比例或漏填了年初预算。",
        "“年初预算为0万元……完成年初预算的95.89%”: a rate of a zero budget cannot be computed; usually the full-year "
        "budget's rate was copied or the initial budget left out.",
    ),
    why=T("以 0 为分母的比例说明数字或文字套用有误。", "A rate of zero means a figure or the wording is wrong."),
    fix=T("改为相对于全年预算的完成比例，或补填年初预算数。", "State the rate against the full-year budget, or fill in the initial budget."),
)
def rate_of_zero_budget(ctx: Context) -> Iterator[Hit]:
    for c in ctx.analysis.statements.completions:
        if c.budget.base == 0 and c.rate.value != 0:
            name = {"INITIAL_BUDGET": "年初预算", "BUDGET": "全年预算"}.get(c.base, "预算数")
            yield _hit(c.rate, "zero", cue=c.cue.removesuffix("的"), budget=c.budget.text, budget_name=name)


@rule(
    code="ARI013",
    name="stray-figure-punctuation",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("金额前多出标点（可能丢了数字）", "Stray punctuation before an amount (a digit may be lost)"),
    messages={
        "comma": T("金额“{figure}”前有一个孤立的逗号，可能丢了千位以上的数字",
                   "A lone comma stands before the amount “{figure}”: the thousands digits may be lost"),
    },
    what=T(
        "汉字后紧跟半角逗号和三位数金额（“收入,867.48万元”）时提示：这是千位分隔符前的数字丢失或误输入的标点。"
        "金额照常读取（867.48万元），但需要人工核对。",
        "Notes a half-width comma right after a Chinese character and before a three-digit amount (“收入,867.48万元”): "
        "the digits before a thousands separator were lost, or a stray comma was typed. The amount is still read "
        "(867.48万元) but needs a look.",
    ),
    why=T("丢失的千位数字会让金额少一个数量级，且逐项相加时难以发现。", "A lost thousands digit makes the amount orders of magnitude smaller and is hard to spot."),
    fix=T("补全金额或删去多余的逗号。", "Restore the amount or delete the stray comma."),
)
def stray_figure_punctuation(ctx: Context) -> Iterator[Hit]:
    texts = {b.index: b.text for b in ctx.doc.blocks}
    for f in ctx.analysis.figures:
        text = texts[f.block]
        if f.kind != "amount" or f.start < 2 or text[f.start - 1] != "," or not "\u4e00" <= text[f.start - 2] <= "\u9fff":
            continue
        if len(f.text.split(".")[0].strip()) == 3 or re.match(r"^\d{3}\D", f.text):
            yield Hit(f.block, f.start - 1, f.end, "comma", {"figure": f.text}, review=True)


@rule(
    code="ARI014",
    name="flat-explained-by-change",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("称“持平”，却以增减作为原因", "Said to be unchanged, yet explained by a change"),
    messages={
        "flat": T("此处称“持平”，随后的原因却是“{word}”：增减情况与说明矛盾", "Said to be unchanged (持平), yet the reason given is a change (“{word}”)"),
    },
    what=T(
        "“与2023年度相比，……持平。主要原因：……减少支付”：数额持平，原因却说增加或减少，说明“持平”或原因是照搬的。"
        "“基本持平”、原因中的“未增加”“保持不变”不提示。",
        "“与2023年度相比，……持平。主要原因：……减少支付”: a figure said to be unchanged is explained by an increase or a "
        "decrease, so either 持平 or the reason was copied. 基本持平 and reasons saying 未增加 or 保持不变 are left alone.",
    ),
    why=T("说明与结论矛盾，多为套用上年或其他段落的文字。", "An explanation that contradicts its statement usually comes from reused text."),
    fix=T("核对增减情况，改正“持平”或原因说明。", "Check the change and correct 持平 or the explanation."),
)
def flat_explained_by_change(ctx: Context) -> Iterator[Hit]:
    for f in ctx.analysis.statements.flat_reasons:
        yield Hit(f.block, f.start, f.end, "flat", {"word": f.word}, review=True)
