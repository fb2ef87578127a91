"""ARI rules: sums, shares, rates, growth, 分别 pairings, counts and repeated quantities, with rounding intervals."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..analysis.figures import Figure
from ..analysis.statements import Quantity
from ..model import Severity
from ..registry import T, rule
from ..vocab import Scope
from .base import Context, Hit

Interval = tuple[Decimal, Decimal]
HUNDRED = Decimal(100)


def _intervals(figures: Sequence[Figure]) -> list[Interval]:
    """Each figure's interval; an integer among siblings written with decimals is exact (30万元 beside 29.99万元)."""
    most = max(f.decimals for f in figures)
    return [f.interval(exact=(f.decimals == 0 and most > 0)) for f in figures]


def _sum(intervals: Sequence[Interval]) -> Interval:
    return sum((lo for lo, _ in intervals), Decimal(0)), sum((hi for _, hi in intervals), Decimal(0))


def _meet(a: Interval, b: Interval, slack: Decimal = Decimal(0)) -> bool:
    """Whether two intervals overlap, allowing `slack` between them."""
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _ratio(part: Interval, whole: Interval) -> Interval | None:
    """part / whole × 100 as an interval (both positive)."""
    if whole[0] <= 0 or part[0] < 0:
        return None
    return part[0] / whole[1] * HUNDRED, part[1] / whole[0] * HUNDRED


def _in_unit(value: Decimal, like: Figure) -> str:
    """`value` (in base units) written in the unit and precision of `like`."""
    places = Decimal(10) ** -max(like.decimals, 2 if like.kind == "amount" else 1)
    return f"{(value / like.scale).quantize(places)}{like.unit}"


def _pct(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


def _hit(figure: Figure, variant: str, suggestion: str | None = None, review: bool = False, **args: object) -> Hit:
    return Hit(figure.block, figure.start, figure.end, variant, {"figure": figure.text, **args}, suggestion, review)


def _any_approx(*figures: Figure) -> bool:
    return any(f.approx for f in figures)


@rule(
    code="ARI001",
    name="breakdown-sum",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("分项之和与合计数不符", "The parts do not add up to their total"),
    messages={
        "over": T(
            "“{label}”{total}，其中各项之和为{sum}，超出{diff}",
            "“{label}” is {total} but its parts add up to {sum}, {diff} more",
        ),
        "under": T(
            "“{label}”{total}，其中各项之和为{sum}，相差{diff}",
            "“{label}” is {total} but its parts add up to {sum}, {diff} short",
        ),
        "part-over": T(
            "“{part_label}”{part}大于其所属的“{label}”{total}",
            "“{part_label}” {part} exceeds the “{label}” {total} it is part of",
        ),
        "zero": T(
            "“{label}”写作{total}，其中各项却合计{sum}：合计数可能漏填",
            "“{label}” is given as {total} but its parts add up to {sum}: the total may have been left out",
        ),
        "total": T(
            "各项之和为{sum}，与“{label}”{total}不符，相差{diff}",
            "The items add up to {sum}, not the stated “{label}” {total}: a difference of {diff}",
        ),
    },
    what=T(
        "检查“X，其中：A…；B…”和“A…、B…，合计X”中各项之和是否等于合计数。按各数字书写的小数位计算舍入误差"
        "（XBRL Calculations 1.1 区间法，Decimal 运算，元/万元/亿元自动换算）；只有一项的“其中”和“X，包括A…、B…”"
        "只检查分项是否大于总数；“上年为…”“每人…”“增加…”“控制在…以内”等不算分项；"
        "带“约、近、多、余、左右”的数字不判错。其中各项比总数少 5% 以上时可能只是部分列举，由 ARI002 提示（比例可在配置 [tolerance] 中调整）。",
        "Checks that the parts of “X，其中：A…；B…” and “A…、B…，合计X” add up to the total, allowing for the rounding "
        "each figure's written decimals imply (XBRL Calculations 1.1 intervals, in Decimal, across 元/万元/亿元). A "
        "one-part 其中 and a 包括 list may be partial: only parts larger than the total are wrong. Amounts that are "
        "changes, prior-year or per-unit figures (增加…, 上年为…, 每人…, …以内) are never parts. Figures hedged by 约/近/多/余/左右 never "
        "count. Parts more than 5% short of their total may be a partial list: ARI002's note (the share is a [tolerance] setting).",
    ),
    why=T("合计数与分项不符是审核中最常见的实质性错误。", "Totals that do not match their parts are the most common substantive error reviewers find."),
    fix=T("核对各分项与合计数，改正错误的数字。", "Check the parts against the total and correct the wrong figure."),
)
def breakdown_sum(ctx: Context) -> Iterator[Hit]:
    for b in ctx.analysis.statements.breakdowns:
        if _any_approx(b.total, *b.parts):
            continue
        intervals = _intervals([b.total, *b.parts])
        total, parts = intervals[0], intervals[1:]
        label = b.label or "合计"
        if len(parts) == 1 and b.kind != "合计":
            if b.total.base == 0 and parts[0][0] > ctx.tolerance.amount_yuan:
                yield _hit(b.total, "zero", b.parts[0].text, label=label, total=b.total.text, sum=b.parts[0].text)
            elif parts[0][0] > total[1] + ctx.tolerance.amount_yuan:
                yield _hit(b.parts[0], "part-over", part=b.parts[0].text, part_label=b.part_labels[0], label=label, total=b.total.text)
            continue
        low, high = _sum(parts)
        if _meet((low, high), total, ctx.tolerance.amount_yuan):
            continue
        summed = sum((p.base for p in b.parts), Decimal(0))
        diff = abs(summed - b.total.base)
        args = {"label": label, "total": b.total.text, "sum": _in_unit(summed, b.total), "diff": _in_unit(diff, b.total)}
        if b.total.base == 0 and b.kind != "合计":
            yield _hit(b.total, "zero", _in_unit(summed, b.total), **args)
        elif b.kind == "合计":
            yield _hit(b.total, "total", _in_unit(summed, b.total), **args)
        elif low > total[1]:
            yield _hit(b.total, "over", **args)
        elif b.kind == "包括" or b.truncated:
            continue  # 包括 and a list ending in 等 may name only some parts: only parts over the total are wrong
        elif b.total.base and diff / b.total.base <= ctx.tolerance.shortfall_share:
            yield _hit(b.total, "under", **args)


@rule(
    code="ARI002",
    name="breakdown-incomplete",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("“其中”所列各项明显少于总数", "The parts listed under 其中 fall well short of the total"),
    messages={
        "short": T(
            "“{label}”{total}，其中所列各项之和仅{sum}（占{share}），如非全部列举请核对",
            "“{label}” is {total} but the parts listed add up to only {sum} ({share}); check unless the list is partial",
        ),
    },
    what=T(
        "“其中”列出两项以上、各项之和比总数少 5% 以上（可配置）、且没有“等”字时提示：可能只列举了主要项目，也可能有数字错误，需人工判断。",
        "Notes a 其中 with two or more parts that add up to more than 5% (configurable) less than the total and no 等: the list may "
        "name only the main items, or a figure may be wrong — a person should look.",
    ),
    why=T("这种情况既可能是部分列举，也可能是错误，自动判断不可靠。", "Partial lists and wrong figures look alike here; a machine cannot tell them apart reliably."),
    fix=T("如为部分列举，可加“等”；如为错误，改正数字。", "Add 等 if the list is partial; otherwise correct the figure."),
)
def breakdown_incomplete(ctx: Context) -> Iterator[Hit]:
    for b in ctx.analysis.statements.breakdowns:
        if b.kind != "其中" or len(b.parts) < 2 or b.truncated or _any_approx(b.total, *b.parts):
            continue
        intervals = _intervals([b.total, *b.parts])
        high = _sum(intervals[1:])[1]
        summed = sum((p.base for p in b.parts), Decimal(0))
        short = (b.total.base - summed) / b.total.base if b.total.base else Decimal(0)
        if high + ctx.tolerance.amount_yuan < intervals[0][0] and short > ctx.tolerance.shortfall_share:
            share = _pct(summed / b.total.base * HUNDRED)
            yield _hit(b.total, "short", review=True, label=b.label or "合计", total=b.total.text, sum=_in_unit(summed, b.total), share=share)


@rule(
    code="ARI003",
    name="share-mismatch",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("占比与金额不符", "A share does not match its amounts"),
    messages={
        "share": T(
            "{part}占{base}应为{expected}，文中为{figure}",
            "{part} of {base} is {expected}, not the stated {figure}",
        ),
    },
    what=T(
        "检查“A X万元，占Y%”：Y 是否等于 A 除以其所属合计数（“其中”的总数，或“占…的”后写明的数额），按书写精度计算区间。",
        "Checks “A X万元，占Y%”: Y must equal A divided by the whole it belongs to (the total of its 其中, or the amount "
        "named after 占), within the rounding the written figures allow.",
    ),
    why=T("占比与金额不一致说明其中一个数字写错。", "A share that does not match its amounts means one of the figures is wrong."),
    fix=T("重新计算占比或核对金额。", "Recompute the share or check the amounts."),
)
def share_mismatch(ctx: Context) -> Iterator[Hit]:
    for s in ctx.analysis.statements.shares:
        expected = _wrong_ratio(s.part, s.base, s.percent, ctx.tolerance.percent_points)
        if expected is not None:
            yield _hit(s.percent, "share", expected, part=s.part.text, base=s.base.text, expected=expected)


def _wrong_ratio(part: Figure, whole: Figure, stated: Figure, slack: Decimal, slips: bool = False) -> str | None:
    """What part ÷ whole should read as a percentage, when the stated one lies outside every value the written
    figures allow; None when it fits (or a figure is approximate). A stated figure off by one unit of its last
    digit is a rounding slip (ARI010), returned only when `slips` asks for those."""
    if _any_approx(part, whole, stated):
        return None
    computed = _ratio(*_intervals([part, whole]))
    if computed is None or _meet(computed, stated.interval(), slack):
        return None
    if is_slip(computed, stated, slack) != slips:
        return None
    return _pct(part.base / whole.base * HUNDRED)


def is_slip(computed: Interval, stated: Figure, slack: Decimal = Decimal(0)) -> bool:
    """The stated percentage misses the computed interval, but one unit of its last decimal would reach it
    (2.21% for 2.2162…%): a rounding slip, not a wrong figure."""
    if stated.decimals < 1:
        return False
    unit = Decimal(10) ** -stated.decimals
    lo, hi = stated.interval()
    return _meet(computed, (lo - unit, hi + unit), slack)


@rule(
    code="ARI004",
    name="rate-mismatch",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("执行率与预算数、执行数不符", "An execution rate does not match its amounts"),
    messages={
        "rate": T(
            "执行率应为{execution}÷{budget}={expected}，文中为{figure}",
            "The execution rate is {execution} ÷ {budget} = {expected}, not the stated {figure}",
        ),
        "completion": T(
            "“{cue}”应为{execution}÷{budget}={expected}，文中为{figure}",
            "“{cue}” is {execution} ÷ {budget} = {expected}, not the stated {figure}",
        ),
    },
    what=T(
        "检查“全年预算数（调整后预算数）X，执行数Y，执行率Z%”：Z 应等于 Y÷X。年初预算数不作分母。"
        "“年初预算为X，支出决算为Y，完成年初预算的Z%”按文字所指的预算数（年初或全年）检查。",
        "Checks “全年预算数 (调整后预算数) X，执行数 Y，执行率 Z%”: Z must equal Y ÷ X. The initial budget (年初预算数) is "
        "never the divisor. “年初预算为X，支出决算为Y，完成年初预算的Z%” is checked against the budget its words name.",
    ),
    why=T("预算执行率是绩效评分的一项指标，算错会直接影响得分。", "The execution rate is a scored indicator; getting it wrong changes the score."),
    fix=T("按全年预算数重新计算执行率。", "Recompute the rate against the full-year budget."),
)
def rate_mismatch(ctx: Context) -> Iterator[Hit]:
    for r in ctx.analysis.statements.rates:
        expected = _wrong_ratio(r.execution, r.budget, r.rate, ctx.tolerance.percent_points)
        if expected is not None:
            yield _hit(r.rate, "rate", expected, execution=r.execution.text, budget=r.budget.text, expected=expected)
    for c in ctx.analysis.statements.completions:
        if c.budget.base == 0:
            continue  # a rate of a zero budget: ARI012
        expected = _wrong_ratio(c.execution, c.budget, c.rate, ctx.tolerance.percent_points)
        if expected is not None:
            cue = c.cue.removesuffix("的")
            yield _hit(c.rate, "completion", expected, execution=c.execution.text, budget=c.budget.text, expected=expected, cue=cue)


@rule(
    code="ARI005",
    name="growth-mismatch",
    severity=Severity.ERROR,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("增长率与增减额不符", "A growth rate does not match the change"),
    messages={
        "growth": T(
            "{current}比上年{direction}{change}，上年应为{prior}，{direction_rate}率应为{expected}，文中为{figure}",
            "{current} is {change} {direction_en} on the year before ({prior}), so the rate is {expected}, not {figure}",
        ),
        "zero": T(
            "写作{current}，却比上年{direction}{change}、{direction_rate}{rate}：本年数可能漏填",
            "Given as {current}, yet {change} {direction_en} on the year before, {rate}: the figure may have been left out",
        ),
    },
    what=T(
        "检查“本年X，比上年增加（减少）N，增长（下降）M%”：上年数为 X∓N，M 应等于 N 除以上年数。",
        "Checks “X，比上年增加（减少）N，增长（下降）M%”: the prior year is X ∓ N, and M must equal N divided by it.",
    ),
    why=T("增幅算错会误导对绩效变化的判断。", "A wrong growth rate misleads the reading of how performance changed."),
    fix=T("按上年数重新计算增幅。", "Recompute the rate against the prior year's figure."),
)
def growth_mismatch(ctx: Context) -> Iterator[Hit]:
    for g in ctx.analysis.statements.growths:
        if _any_approx(g.current, g.change, g.percent):
            continue
        current, change = _intervals([g.current, g.change])
        prior = (current[0] - change[1], current[1] - change[0]) if g.sign > 0 else (current[0] + change[0], current[1] + change[1])
        computed = _ratio(change, prior)
        if computed is None or _meet(computed, g.percent.interval(), ctx.tolerance.percent_points):
            continue
        if is_slip(computed, g.percent, ctx.tolerance.percent_points):
            continue  # ARI010
        prior_value = g.current.base - g.sign * g.change.base
        expected = _pct(g.change.base / prior_value * HUNDRED)
        yield _hit(
            g.current if g.current.base == 0 else g.percent, "zero" if g.current.base == 0 else "growth", expected, current=g.current.text, change=g.change.text, prior=_in_unit(prior_value, g.current),
            expected=expected, rate=g.percent.text, direction={"zh": "增加" if g.sign > 0 else "减少", "en": ""},
            direction_rate={"zh": "增长" if g.sign > 0 else "下降", "en": ""},
            direction_en={"zh": "", "en": "up" if g.sign > 0 else "down"},
        )


@rule(
    code="ARI006",
    name="respectively-mismatch",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("“分别”前后项数不一致", "分别 pairs a different number of items and figures"),
    messages={
        "pairing": T(
            "“分别”前列了{items}项（{names}），后面却有{figures}个数字",
            "分别 follows {items} items ({names}) but is followed by {figures} figures",
        ),
    },
    what=T(
        "检查“A、B、C分别为X、Y、Z”中前后项数是否一致。只在“分别”前直接列出两项以上时检查（“同比分别增长…”不查）。",
        "Checks that “A、B、C分别为X、Y、Z” pairs as many items as figures. Only checked when two or more items are listed "
        "right before 分别 (同比分别增长… is left alone).",
    ),
    why=T("项数对不上时读者无法判断哪个数字对应哪一项。", "When the counts differ, readers cannot tell which figure belongs to which item."),
    fix=T("补全缺少的项目或数字。", "Add the missing item or figure."),
)
def respectively_mismatch(ctx: Context) -> Iterator[Hit]:
    for p in ctx.analysis.statements.pairings:
        if len(p.figures) in (len(p.items), p.alternative):
            continue
        yield Hit(p.block, p.start, p.end, "pairing", {"items": len(p.items), "names": "、".join(p.items), "figures": len(p.figures)})


@rule(
    code="ARI007",
    name="count-mismatch",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("所述个数与列举的项目数不符", "A stated count differs from the items listed"),
    messages={
        "count": T("文中称{figure}，但随后列举了{listed}项", "The text says {figure} but lists {listed} items"),
        "more": T("文中称{figure}，但随后列举了{listed}项（含“等”）", "The text says {figure} but lists {listed} items, even with 等"),
    },
    what=T(
        "检查“内设科室11个，即（包括、分别是）A、B、…”中列举的项数是否等于所述个数；以“等”结尾的列举只在列出的比所述还多时报告。"
        "项目按顿号分隔（括号内的顿号不算）。",
        "Checks that “内设科室11个，即（包括、分别是）A、B、…” lists as many items as it states; a list ending in 等 is "
        "reported only when it lists more. Items are separated by 、 (not inside brackets).",
    ),
    why=T("个数与列举不符说明遗漏或多列了项目。", "A count that differs from its list means an item was left out or added."),
    fix=T("核对个数和列举的项目。", "Check the count against the list."),
)
def count_mismatch(ctx: Context) -> Iterator[Hit]:
    for c in ctx.analysis.statements.counted_lists:
        stated = c.count.base
        if stated in (len(c.items), c.alternative):
            continue
        listed = c.alternative  # "A、B、C和D" lists four
        if c.truncated:
            if min(len(c.items), c.alternative) > stated:
                yield _hit(c.count, "more", listed=listed)
            continue
        yield _hit(c.count, "count", f"{listed}{c.count.unit}", listed=listed)


@rule(
    code="ARI008",
    name="quantity-conflict",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("同一数额前后不一致", "The same quantity is stated with different values"),
    messages={
        "conflict": T(
            "“{label}”此处为{figure}，第{line}行为{other}，请核对",
            "“{label}” is {figure} here but {other} on line {line}; check which is right",
        ),
    },
    what=T(
        "同一名称的数额（如“基本支出”）在文中两处数值不同（超出舍入误差）时提示。带“上年、年初、预算、增加、同比”等限定词的、"
        "分属不同合计数的（如基本支出和项目支出中的“科学技术支出”）、注明了不同年份的（句中或所在标题）、"
        "或位于同一部分下不同小标题中的（如各下属单位、各项目的“项目资金”）数额不作比较；句中前导的主体不同"
        "（“由中小企业供应商中标的，采购金额…”与“由小微企业供应商中标的，采购金额…”）也不是同一数额。",
        "Notes an amount with the same label (基本支出) stated twice with values that differ beyond rounding. Amounts "
        "qualified by 上年, 年初, 预算, 增加, 同比 and the like, parts of different totals (科学技术支出 under 基本支出 and "
        "under 项目支出), amounts for different years (in the sentence or the heading), and amounts under different "
        "sub-headings of one section (each unit's or project's 项目资金) are never compared; nor are amounts whose "
        "leading phrases name different subjects (由中小企业供应商… vs 由小微企业供应商…, 采购金额).",
    ),
    why=T("前后数字不一致会让审核人员怀疑全文数据的可靠性。", "Inconsistent figures make reviewers doubt every figure in the report."),
    fix=T("核对两处数字，统一为正确的值。", "Check both places and use the right value in both."),
)
def quantity_conflict(ctx: Context) -> Iterator[Hit]:
    first: dict[tuple[str, str, str], Quantity] = {}
    for q in ctx.analysis.statements.quantities:
        earlier = first.setdefault(q.key, q)
        if earlier is q or _siblings(earlier.section, q.section):
            continue
        if _meet(earlier.figure.interval(), q.figure.interval(), ctx.tolerance.amount_yuan):
            continue
        line = ctx.doc.blocks[earlier.figure.block].line
        yield _hit(q.figure, "conflict", review=True, label=q.key[2], other=earlier.figure.text, line=line)


def _siblings(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Two places under different sub-headings of one section (（一）局机关 / （二）研究院; 1.项目甲 / 2.项目乙):
    the same label there names different things."""
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    return shared >= 1 and (len(a) > shared or len(b) > shared)


@rule(
    code="ARI015",
    name="total-below-part",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.TOC, Scope.HEADINGS, Scope.BODY),
    summary=T("总计小于其组成部分", "A stated total is smaller than one of its parts"),
    messages={
        "below": T(
            "“{label}”为{figure}，小于其组成部分“{part}”的{other}（第{line}行），总计数有误",
            "“{label}” is {figure}, less than its part “{part}” ({other}, line {line}): the total is wrong",
        ),
    },
    what=T(
        "按名称写出的总计（“财政拨款收入支出总计0.3万元”“本年支出合计…”）不应小于文中另一处写出的、属于它的数额："
        "名称以总计的主干结尾的数额（“一般公共预算财政拨款支出”属于“财政拨款支出”），“收入支出总计”则兼含其收入和支出两侧"
        "（“财政拨款收入”“财政拨款支出”）。覆盖全文的总计（收入支出、收入、支出、财政拨款收入支出等，见 rules/statements.yaml）"
        "与全文比较，其他总计只与其所在标题下的数额比较；注明不同年份或带“上年、预算、增加”等限定词的数额不比较。",
        "Notes a total stated by name (“财政拨款收入支出总计0.3万元”, “本年支出合计…”) that is smaller than an amount the "
        "document states elsewhere for a part of it: an amount whose name ends with the total's stem (“一般公共预算财政拨款"
        "支出” is part of “财政拨款支出”); a “收入支出总计” covers both its income and its expenditure side (“财政拨款收入”, "
        "“财政拨款支出”). Totals of the whole report (收入支出, 收入, 支出, 财政拨款收入支出 …, listed in rules/statements.yaml) "
        "are compared with the whole document, others with the amounts under their own heading; amounts for other years "
        "or qualified by 上年, 预算, 增加 and the like are never compared.",
    ),
    why=T(
        "总计小于其中一项，说明总计数抄错或漏了数字（“0.3万元”与 2,940.05万元），公开数据前后矛盾。",
        "A total below one of its parts was copied wrong or lost digits (0.3万元 beside 2,940.05万元): the published "
        "figures contradict each other.",
    ),
    fix=T("核对总计数（可与决算总表的“总计”行对照）并改正。", "Check the total (against the summary table's 总计 row) and correct it."),
)
def total_below_part(ctx: Context) -> Iterator[Hit]:
    from ..analysis.statements import total_stem

    st = ctx.analysis.statements
    slack = ctx.tolerance.amount_yuan
    parts = [(total_stem(q.key[2], ctx.analysis.rules), q.key[0], q.figure, q.section) for q in st.quantities]
    parts += [(t.stem, t.year, t.figure, t.section) for t in st.stated_totals]
    own = str(ctx.doc.year or "")
    compounds = tuple(ctx.analysis.rules.statements["stated_totals"]["sides"])  # 收入支出: no part of 支出 alone
    for total in st.stated_totals:
        high = total.figure.interval()[1]
        over = [
            (name, figure) for name, year, figure, section in parts
            if figure is not total.figure and name != total.stem and name.endswith(total.covers)
            and not any(name.endswith(k) and not total.stem.endswith(k) for k in compounds)
            and _same_year(year or own, total.year or own)  # an amount without a year is for the report's year
            and (total.document or (total.section and section[: len(total.section)] == total.section))
            and figure.interval()[0] > high + slack
        ]
        if over:
            name, figure = max(over, key=lambda p: p[1].base)
            line = ctx.doc.blocks[figure.block].line
            yield _hit(total.figure, "below", review=True, label=total.name, part=name,
                       other=figure.text, line=line)


def _same_year(a: str, b: str) -> bool:
    return not (a and b and a != b)
