"""TAB rules: the self-evaluation table's funds sums, rates, points and scores, grade, targets, blanks, and the
report's own statements against it — reading analysis/selfeval_table.py's facts, with ARI's rounding intervals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..analysis.selfeval_table import (
    CellValue, Funds, FundsRow, Indicator, SelfEvalTable, canonical_grade, grade_for, same_scope,
)
from ..model import Severity
from ..registry import T, declare, rule
from ..vocab import Scope
from .arithmetic import HUNDRED, _intervals, _meet, _ratio, _sum
from .base import Context, Hit

FUNDS = (
    "2023年度科技创新专项资金项目支出绩效自评表\n"
    "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t500.00\t520.00\t510.00\t10\t98.08%\t9.81\n"
    "其中：本年财政拨款\t500.00\t500.00\t490.00\t—\t98.00%\t—\n"
    "上年结转资金\t0.00\t20.00\t20.00\t—\t100.00%\t—\n"
    "其他资金\t0.00\t0.00\t0.00\t—\t—\t—\n"
)
GRID = (
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "产出指标\t数量指标\t支持科技项目数\t≥30个\t32个\t20\t20\t无\n"
    "产出指标\t质量指标\t项目验收合格率\t≥95%\t96%\t15\t15\t无\n"
    "产出指标\t时效指标\t资金拨付及时率\t100%\t100%\t15\t15\t无\n"
    "效益指标\t社会效益指标\t带动企业研发投入\t逐步提高\t较上年提高12%\t20\t20\t无\n"
    "效益指标\t可持续影响指标\t科技创新能力\t持续增强\t达到预期\t10\t10\t无\n"
    "满意度指标\t服务对象满意度指标\t企业满意度\t≥90%\t95%\t10\t9\t无\n"
    "总分\t\t\t\t\t100\t98.81\n"
    "自评等级\t优\n"
)
TABLE = FUNDS + GRID


def _tables(ctx: Context) -> tuple[SelfEvalTable, ...]:
    return ctx.analysis.selfeval_tables.tables


def _profile(ctx: Context) -> dict:
    return ctx.analysis.selfeval_tables.profile


def _hit(cell: CellValue, variant: str, suggestion: str | None = None, review: bool = False, **args: object) -> Hit:
    return Hit(cell.block, cell.start, cell.end, variant, {"cell": cell.shown, **args}, suggestion, review)


def _num(value: Decimal, decimals: int = 2) -> str:
    text = f"{value.quantize(Decimal(10) ** -decimals)}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _interval_sum(cells: list[CellValue]) -> tuple[Decimal, Decimal]:
    return _sum(_intervals([c.figure() for c in cells]))


COLUMN_NAMES = {
    "initial": {"zh": "年初预算数", "en": "initial budget"},
    "budget": {"zh": "全年预算数", "en": "full-year budget"},
    "execution": {"zh": "全年执行数", "en": "execution"},
}


@rule(
    code="TAB001",
    name="table-funds-sum",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("自评表资金总额与其中各项之和不符", "The table's funds total differs from the sum of its parts"),
    messages={
        "sum": T(
            "自评表“{label}”的{column}为{cell}，其中各项（{parts}）之和为{sum}",
            "The table's “{label}” {column} is {cell}, but its parts ({parts}) add up to {sum}",
        ),
    },
    what=T(
        "检查项目资金表中“年度资金总额”一行的年初预算数、全年预算数、全年执行数是否分别等于“其中”各行（本年财政拨款、上年结转资金、"
        "其他资金；部门整体支出表按支出性质分的基本支出、项目支出另算一组）之和，按各数书写的小数位计算舍入区间（与 ARI001 相同）。"
        "“—”或空白的分项按 0 计；各分项都没有数字时、或有不认识的分项时不检查。",
        "Checks that the 年度资金总额 row's initial budget, full-year budget and execution each equal the sum of the rows "
        "below it (本年财政拨款, 上年结转资金, 其他资金; a department-wide table's 基本支出 and 项目支出 are a breakdown of "
        "their own), within the rounding the written decimals allow (as ARI001). A part written “—” or left blank "
        "counts as 0; a column whose parts hold no number, or a block with a part of unknown kind, is not checked.",
    ),
    why=T("资金总额与分项不符说明表中有数字填错。", "A total that differs from its parts means a figure in the table is wrong."),
    fix=T("核对资金总额和各分项，改正错误的数字。", "Check the total and its parts and correct the wrong figure."),
)
def table_funds_sum(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        funds = table.funds
        if funds is None or funds.total is None or any(p.group < 0 for p in funds.parts):
            continue  # a part whose breakdown is unknown: which rows add up is unknown
        for group in sorted({p.group for p in funds.parts}):
            members = [p for p in funds.parts if p.group == group]
            if len(members) >= 2:
                yield from _funds_group_sum(ctx, funds, members)


def _funds_group_sum(ctx: Context, funds: Funds, members: list[FundsRow]) -> Iterator[Hit]:
    """One breakdown of the total (by source of funds, or by kind of spending), column by column."""
    assert funds.total is not None
    for column in ("initial", "budget", "execution"):
        total = funds.total.cells.get(column)
        parts = [p.cells[column] for p in members if column in p.cells]
        numbers = [p for p in parts if p.numeric and p.kind == "number"]
        if total is None or total.kind != "number" or not numbers or any(p.kind == "text" for p in parts):
            continue
        low, high = _interval_sum(numbers)
        if _meet((low, high), _intervals([total.figure()])[0], ctx.tolerance.amount_yuan / 10_000):
            continue
        summed = sum((p.value for p in numbers if p.value is not None), Decimal(0))
        written = f"{summed.quantize(Decimal(10) ** -max(total.decimals, 2)):,}" if "," in total.shown else \
            f"{summed.quantize(Decimal(10) ** -max(total.decimals, 2))}"
        yield _hit(total, "sum", written, label=funds.total.label, column=COLUMN_NAMES[column],
                   parts="、".join(p.label.removeprefix("其中：").removeprefix("其中:") for p in members), sum=written)


def _rate_parts(ctx: Context, row_cells: dict[str, CellValue]) -> tuple[CellValue, CellValue] | None:
    """The execution and the denominator the profile names, when both are numbers and the budget is positive."""
    key = "initial" if _profile(ctx)["rate_denominator"] == "initial" else "budget"
    budget, execution = row_cells.get(key), row_cells.get("execution")
    if budget is None or execution is None or budget.kind != "number" or execution.kind != "number":
        return None
    if budget.value is None or budget.value <= 0:
        return None
    return execution, budget


@rule(
    code="TAB002",
    name="table-rate-mismatch",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("自评表执行率与执行数、预算数不符", "The table's execution rate does not match its amounts"),
    messages={
        "rate": T(
            "执行率应为{execution}÷{budget}={expected}，表中为{cell}",
            "The execution rate is {execution} ÷ {budget} = {expected}, not the {cell} in the table",
        ),
    },
    what=T(
        "检查项目资金表每一行的执行率是否等于全年执行数÷全年预算数（四川等模板为调整后预算数；分母由 rules/tables.yaml 的评分方案规定，"
        "年初预算数不作分母），按书写精度计算区间：98.08% 与 510÷520=98.077% 相符。",
        "Checks each funds row's 执行率 against execution ÷ full-year budget (调整后预算数 in Sichuan-style tables; the "
        "denominator is the score profile's in rules/tables.yaml, never the initial budget), within the written "
        "precision: 98.08% fits 510 ÷ 520 = 98.077%.",
    ),
    why=T("预算执行率是评分指标，算错会直接影响得分。", "The execution rate is scored; a wrong rate changes the score."),
    fix=T("按全年预算数重新计算执行率。", "Recompute the rate against the full-year budget."),
)
def table_rate_mismatch(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        if table.funds is None:
            continue
        for row in table.funds.rows:
            rate, pair = row.cells.get("rate"), _rate_parts(ctx, row.cells)
            if rate is None or rate.kind != "percent" or pair is None:
                continue
            execution, budget = pair
            computed = _ratio(*_intervals([execution.figure(), budget.figure()]))
            if computed is None or _meet(computed, rate.figure().interval(), ctx.tolerance.percent_points):
                continue
            expected = f"{(execution.value / budget.value * HUNDRED).quantize(Decimal('0.01'))}%"  # type: ignore[operator]
            yield _hit(rate, "rate", expected, execution=execution.shown, budget=budget.shown, expected=expected)


@rule(
    code="TAB003",
    name="table-rate-score",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("预算执行率得分与执行率×分值不符", "The execution-rate score is not rate × points"),
    messages={
        "score": T(
            "预算执行率得分应为执行率{rate}×分值{points}={expected}（不超过分值），表中为{cell}",
            "The execution-rate score should be {rate} × {points} points = {expected} (at most the points), not {cell}",
        ),
    },
    what=T(
        "评分方案规定“预算执行率得分=执行率×分值”（rules/tables.yaml 的 rate_score: proportional）时，检查年度资金总额一行的得分："
        "执行率按全年执行数÷全年预算数计算，得分按书写精度比较，最高为分值。",
        "Where the score profile says the execution rate scores rate × points (rate_score: proportional in "
        "rules/tables.yaml), checks the 年度资金总额 row's score: the rate is execution ÷ full-year budget, the score is "
        "compared within its written precision and capped at the points.",
    ),
    why=T("预算执行率得分是总分的一部分，算错会改变自评等级。", "The execution-rate score is part of the total and can change the grade."),
    fix=T("按执行率×分值重新计算得分。", "Recompute the score as rate × points."),
)
def table_rate_score(ctx: Context) -> Iterator[Hit]:
    if _profile(ctx)["rate_score"] != "proportional":
        return
    for table in _tables(ctx):
        total = table.funds.total if table.funds else None
        if total is None:
            continue
        points, score, pair = total.cells.get("points"), total.cells.get("score"), _rate_parts(ctx, total.cells)
        if points is None or score is None or pair is None or points.kind != "number" or score.kind != "number":
            continue
        execution, budget = pair
        rate = _ratio(*_intervals([execution.figure(), budget.figure()]))
        if rate is None:
            continue
        cap = points.value or Decimal(0)
        expected = (min(rate[0] * cap / HUNDRED, cap), min(rate[1] * cap / HUNDRED, cap))
        if _meet(expected, score.figure().interval(exact=score.decimals == 0)):  # 10 points means 10, not 9.5–10.5
            continue
        value = min(execution.value / budget.value * cap, cap)  # type: ignore[operator]
        shown = _num(value, max(score.decimals, 2))
        yield _hit(score, "score", shown, rate=f"{(execution.value / budget.value * HUNDRED).quantize(Decimal('0.01'))}%",  # type: ignore[operator]
                   points=points.shown, expected=shown)


def _partial(ctx: Context, table: SelfEvalTable) -> bool:
    """Whether the grid lists selected indicators only: its points fall well short of the total (a table in the
    report's text showing the main indicators), so that its sums cannot be checked."""
    cells = _numbers_or_none(table.point_cells)
    if cells is None:
        return False
    stated = table.total_points
    total = stated.value if stated is not None and stated.kind == "number" and stated.value else Decimal(str(_profile(ctx)["total_points"]))
    summed = sum((c.value for c in cells if c.value is not None), Decimal(0))
    return summed < total * (1 - Decimal(str(ctx.rules.tables["partial_listing_share"])))


def _numbers_or_none(cells: list[CellValue]) -> list[CellValue] | None:
    """The cells when every one holds a number; None when one is blank, a dash or text (other rules say so)."""
    return cells if cells and all(c.kind == "number" for c in cells) else None


@rule(
    code="TAB004",
    name="table-points-total",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("自评表各项分值之和不等于总分值", "The table's points do not add up to its total"),
    messages={
        "sum": T(
            "自评表各项分值之和为{sum}，应为{expected}",
            "The table's points add up to {sum}, not {expected}",
        ),
    },
    what=T(
        "各项指标的分值（含预算执行率）之和应等于总分一行写明的分值；没有写明时应等于评分方案的总分（默认 100，见 rules/tables.yaml）。"
        "有分值为空、“—”或文字时不检查（由 TAB013–TAB015 提示）；分值之和比总分少 20% 以上（可在 rules/tables.yaml 调整）的表只列了主要指标，不检查。",
        "The points of every indicator (the execution rate included) must add up to the 总分 row's points, or, where "
        "none is written, to the score profile's total (100 by default, rules/tables.yaml). Not checked while a points "
        "cell is blank, a dash or text (TAB013–TAB015 say so), nor a grid whose points fall more than 20% short of the "
        "total (rules/tables.yaml): it lists the main indicators only.",
    ),
    why=T("分值之和不对，得分和等级就没有可比性。", "Points that do not add up make the score and grade meaningless."),
    fix=T("核对各项指标的分值。", "Check each indicator's points."),
)
def table_points_total(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        if not table.indicators or _partial(ctx, table):
            continue
        cells = _numbers_or_none(table.point_cells)
        if cells is None:
            continue
        summed = sum((c.value for c in cells if c.value is not None), Decimal(0))
        stated = table.total_points
        if stated is not None and stated.kind == "number" and stated.value is not None:
            if summed != stated.value:
                yield _hit(stated, "sum", _num(summed), sum=_num(summed), expected=stated.shown)
            continue
        expected = Decimal(str(_profile(ctx)["total_points"]))
        if summed != expected:
            yield _hit(cells[-1], "sum", None, sum=_num(summed), expected=_num(expected))


@rule(
    code="TAB005",
    name="table-group-points",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("一级指标分值与评分方案不符", "A first-level indicator's points differ from the scheme"),
    messages={
        "group": T(
            "“{group}”各项分值之和为{sum}，评分方案规定为{expected}",
            "The “{group}” indicators' points add up to {sum}; the scheme gives {expected}",
        ),
    },
    what=T(
        "按评分方案（rules/tables.yaml，默认预算执行率 10、产出指标 50、效益指标 30、满意度指标 10）检查每个一级指标所辖三级指标的分值之和。"
        "方案未规定的一级指标（如四川由单位自行分配的 90 分）不检查；有分值不是数字时不检查。",
        "Checks each first-level group's points against the score profile (rules/tables.yaml; by default 预算执行率 10, "
        "产出指标 50, 效益指标 30, 满意度指标 10). Groups the profile leaves open (Sichuan's 90 points split by the unit) "
        "are not checked, nor groups with a points cell that is not a number.",
    ),
    why=T("权重偏离规定会使不同单位的自评结果不可比。", "Weights off the scheme make self-evaluations incomparable across units."),
    fix=T("按评分方案调整各级指标的分值。", "Set the points as the scheme gives them."),
)
def table_group_points(ctx: Context) -> Iterator[Hit]:
    scheme = _profile(ctx)["group_points"]
    for table in _tables(ctx):
        stated = table.total_points
        if _partial(ctx, table) or (
            stated is not None and stated.kind == "number" and stated.value != Decimal(str(_profile(ctx)["total_points"]))
        ):
            continue  # a table on another total than the scheme's follows another scheme
        groups: dict[str, list[Indicator]] = {}
        for ind in table.indicators:
            groups.setdefault(ind.level1, []).append(ind)
        if table.funds is not None and table.funds.total is not None and "points" in table.funds.total.cells:
            groups.setdefault("预算执行率", [])
        keys = {name: next((k for k in scheme if k in name or name in k), None) for name in groups if name}
        if any(key is None for key in keys.values()):
            continue  # groups the scheme does not know (投入, 过程 …): the table follows another scheme
        for name, members in groups.items():
            key = keys.get(name)
            if key is None:
                continue
            cells = [m.cells["points"] for m in members if "points" in m.cells]
            if name == "预算执行率" and not members and table.funds and table.funds.total:
                cells = [table.funds.total.cells["points"]]
            if _numbers_or_none(cells) is None:
                continue
            summed = sum((c.value for c in cells if c.value is not None), Decimal(0))
            expected = Decimal(str(scheme[key]))
            if summed != expected:
                yield _hit(cells[0], "group", group=name, sum=_num(summed), expected=_num(expected))


@rule(
    code="TAB006",
    name="table-score-over-points",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("得分高于分值", "A score is higher than its points"),
    messages={"over": T("得分{cell}高于该项分值{points}", "The score {cell} is higher than its {points} points")},
    what=T("每项指标（含预算执行率）的得分不能超过其分值。", "No indicator (the execution rate included) can score more than its points."),
    why=T("得分超过分值说明填写错误，并会抬高总分。", "A score above its points is a slip and inflates the total."),
    fix=T("改正得分或分值。", "Correct the score or the points."),
)
def table_score_over_points(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        rows = [i.cells for i in table.indicators]
        if table.funds is not None and table.funds.total is not None:
            rows.insert(0, table.funds.total.cells)
        for cells in rows:
            points, score = cells.get("points"), cells.get("score")
            if points is None or score is None or points.kind != "number" or score.kind != "number":
                continue
            if score.value is not None and points.value is not None and score.value > points.value:
                yield _hit(score, "over", points=points.shown)


@rule(
    code="TAB007",
    name="table-total-score",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("总分与各项得分之和不符", "The total score differs from the sum of the scores"),
    messages={
        "sum": T("总分为{cell}，各项得分之和为{sum}", "The total score is {cell}, but the scores add up to {sum}"),
    },
    what=T(
        "总分一行的得分应等于各项指标得分（含预算执行率得分）之和，按书写的小数位计算舍入区间。有得分为空、“—”或文字时不检查。",
        "The 总分 row's score must equal the sum of every indicator's score (the execution rate's included), within the "
        "rounding the written decimals allow. Not checked while a score is blank, a dash or text.",
    ),
    why=T("总分决定自评等级，加错会得出错误的结论。", "The total decides the grade; a wrong sum gives the wrong conclusion."),
    fix=T("重新合计各项得分。", "Add the scores up again."),
)
def table_total_score(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        stated = table.total_score
        cells = _numbers_or_none(table.score_cells)
        if stated is None or stated.kind != "number" or cells is None or not table.indicators or _partial(ctx, table):
            continue
        low, high = _interval_sum(cells)
        if _meet((low, high), _intervals([stated.figure()])[0]):
            continue
        summed = sum((c.value for c in cells if c.value is not None), Decimal(0))
        decimals = max([stated.decimals, *(c.decimals for c in cells)])
        yield _hit(stated, "sum", _num(summed, decimals), sum=_num(summed, decimals))


def _table_total(table: SelfEvalTable) -> Decimal | None:
    """The table's total score: the 总分 row's, or the sum of the scores when that is left out."""
    if table.total_score is not None and table.total_score.kind == "number":
        return table.total_score.value
    cells = _numbers_or_none(table.score_cells)
    if table.total_score is None and cells is not None and table.indicators:
        return sum((c.value for c in cells if c.value is not None), Decimal(0))
    return None


def _grade_text(cell: CellValue) -> str:
    text = cell.text
    for sep in ("：", ":"):
        if sep in text:
            text = text.split(sep, 1)[1]
    return text


@rule(
    code="TAB008",
    name="table-grade-band",
    severity=Severity.ERROR,
    scope=(Scope.TABLE_CELLS,),
    summary=T("自评等级与总分不符", "The grade does not match the total score"),
    messages={
        "grade": T("总分{total}对应的等级为“{expected}”，表中为“{cell}”", "A total of {total} is graded “{expected}”, not “{cell}”"),
    },
    what=T(
        "按评分方案的等级区间（默认 优 ≥ 90，良 80–<90，中 60–<80，差 < 60，见 rules/tables.yaml）检查自评等级；“优秀、良好”等写法视同“优、良”。",
        "Checks the stated grade against the bands (by default 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60; rules/tables.yaml); "
        "优秀 and 良好 count as 优 and 良.",
    ),
    why=T("等级与得分不符，自评结论不可信。", "A grade that does not fit the score makes the conclusion untrustworthy."),
    fix=T("按总分所在区间填写等级。", "Grade by the band the total falls in."),
)
def table_grade_band(ctx: Context) -> Iterator[Hit]:
    conf = ctx.rules.tables
    for table in _tables(ctx):
        total = _table_total(table)
        if table.grade is None or table.grade.kind == "empty" or total is None:
            continue
        stated = canonical_grade(_grade_text(table.grade), conf)
        expected = grade_for(total, conf["grades"])
        if stated is not None and stated != expected:
            yield _hit(table.grade, "grade", expected, total=_num(total), expected=expected)


def _reason(ind: Indicator, conf: dict) -> str | None:
    """The 偏差原因 text when one is written (not 无, /, —)."""
    cell = ind.cells.get("reason")
    if cell is None:
        return None
    text = "".join(cell.text.split())
    return text if text and text not in conf["targets"]["no_reason"] else None


def _full_marks(ind: Indicator) -> bool:
    points, score = ind.cells.get("points"), ind.cells.get("score")
    return (points is not None and score is not None and points.kind == "number" and score.kind == "number"
            and score.value == points.value)


@rule(
    code="TAB009",
    name="target-missed-full-marks",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("未完成指标却得满分", "A target not met scores full marks"),
    messages={
        "full": T(
            "“{indicator}”年度指标值为{target}，实际完成值{actual}未达到，却得满分{cell}",
            "“{indicator}” aims at {target} and reached {actual}, short of it, yet scores full marks ({cell})",
        ),
    },
    what=T(
        "按年度指标值的比较方向（≥、≤、=，未写时一般为不低于，成本、时效类为不高于）和单位判断实际完成值是否达到目标；"
        "定性指标（好/较好、达到预期、逐步提高）按等级词判断，判断不了的不检查。未达到目标的指标不应得满分。",
        "Judges whether the completed value meets the target by its comparison (≥, ≤, =; unwritten: at least, or at "
        "most for cost and time indicators) and unit; qualitative targets (好/较好, 达到预期, 逐步提高) by their level "
        "words; undecidable ones are skipped. A target not met should not score full marks.",
    ),
    why=T("未完成目标仍得满分，说明自评打分不严肃。", "Full marks for a missed target make the self-evaluation look lax."),
    fix=T("按完成程度扣分，并在偏差原因中说明。", "Deduct points by how far it fell short and explain it in the deviation column."),
)
def target_missed_full_marks(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        for ind in table.indicators:
            if ind.met is False and _full_marks(ind):
                yield _hit(ind.cells["score"], "full", indicator=ind.level3 or ind.level2,
                           target=ind.cells["target"].shown, actual=ind.cells["actual"].shown)


@rule(
    code="TAB010",
    name="target-missed-no-reason",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("未完成指标没有说明偏差原因", "A target not met has no deviation reason"),
    messages={
        "reason": T(
            "“{indicator}”实际完成值{actual}未达到年度指标值{target}，偏差原因栏为空或为“{cell}”",
            "“{indicator}” reached {actual}, short of its {target}, but the deviation column is blank or “{cell}”",
        ),
    },
    what=T(
        "未达到目标（判断方法同 TAB009）的指标应在“偏差原因分析及改进措施”栏说明原因；该栏为空、“无”或“/”时提示。表格没有此栏时不检查。",
        "A target not met (judged as in TAB009) needs its reason in the 偏差原因分析及改进措施 column; a blank, 无 or / "
        "there is noted. Tables without that column are not checked.",
    ),
    why=T("偏差原因是审核人员评价自评质量的依据。", "The deviation reason is what reviewers judge the self-evaluation by."),
    fix=T("写明未完成的原因和改进措施。", "State why it fell short and what will be done."),
)
def target_missed_no_reason(ctx: Context) -> Iterator[Hit]:
    conf = ctx.rules.tables
    for table in _tables(ctx):
        if not table.has_reason_column:
            continue
        for ind in table.indicators:
            if ind.met is False and _reason(ind, conf) is None and "reason" in ind.cells:
                cell = ind.cells["reason"]
                yield _hit(cell, "reason", indicator=ind.level3 or ind.level2, actual=ind.cells["actual"].shown,
                           target=ind.cells["target"].shown)


@rule(
    code="TAB011",
    name="target-met-marked-deviation",
    severity=Severity.INFO,
    scope=(Scope.TABLE_CELLS,),
    summary=T("已完成的指标被写成有偏差", "A target met is described as a deviation"),
    messages={
        "met": T(
            "“{indicator}”实际完成值{actual}已达到年度指标值{target}，偏差原因栏却写“{cell}”",
            "“{indicator}” reached {actual}, meeting its {target}, yet the deviation column says “{cell}”",
        ),
    },
    what=T(
        "实际完成值达到目标的指标，偏差原因栏却写了“未完成、未达到、存在偏差”等词（rules/tables.yaml），两者有一个写错了。",
        "The completed value meets the target but the deviation column speaks of 未完成, 未达到, 存在偏差 and the like "
        "(rules/tables.yaml): one of the two is wrong.",
    ),
    why=T("前后矛盾的填写让审核人员无法判断实际完成情况。", "Contradicting cells leave reviewers unable to tell what was achieved."),
    fix=T("核对实际完成值和偏差原因。", "Check the completed value against the deviation text."),
)
def target_met_marked_deviation(ctx: Context) -> Iterator[Hit]:
    conf = ctx.rules.tables
    for table in _tables(ctx):
        for ind in table.indicators:
            reason = _reason(ind, conf)
            if ind.met is True and reason and any(w in reason for w in conf["targets"]["deviation"]):
                yield _hit(ind.cells["reason"], "met", indicator=ind.level3 or ind.level2, actual=ind.cells["actual"].shown,
                           target=ind.cells["target"].shown)


@rule(
    code="TAB012",
    name="low-execution-no-reason",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("预算执行率偏低且未说明原因", "Execution is low and no reason is given"),
    messages={
        "low": T(
            "预算执行率{rate}低于{threshold}%，表中和正文都没有说明原因",
            "The execution rate {rate} is below {threshold}% and neither the table nor the text says why",
        ),
    },
    what=T(
        "年度资金总额的执行率（表中写明的，或按执行数÷预算数计算）低于评分方案的门槛（默认 90%）时，"
        "应在表中（偏差原因栏）或报告正文中说明原因（含“原因、由于、主要是”等词并提到执行、支出或资金的段落即算说明）。",
        "When the 年度资金总额 execution rate (as written, or execution ÷ budget) is below the profile's threshold (90% "
        "by default), a reason must be given in the table (deviation column) or the report (any paragraph with 原因, "
        "由于, 主要是 … about execution, spending or funds counts).",
    ),
    why=T("执行率偏低是审核重点，不说明原因会被退回。", "Low execution is what reviewers look at first; without a reason the report is sent back."),
    fix=T("说明执行率偏低的原因和改进措施。", "Explain why execution was low and what will change."),
)
def low_execution_no_reason(ctx: Context) -> Iterator[Hit]:
    facts = ctx.analysis.selfeval_tables
    threshold = Decimal(str(facts.profile["low_execution"]))
    conf = ctx.rules.tables
    for table in _tables(ctx):
        total = table.funds.total if table.funds else None
        if total is None:
            continue
        rate = total.cells.get("rate")
        if rate is not None and rate.kind == "percent" and rate.value is not None:
            value, where = rate.value, rate
        elif (pair := _rate_parts(ctx, total.cells)) is not None:
            value, where = pair[0].value / pair[1].value * HUNDRED, pair[0]  # type: ignore[operator]
        else:
            continue
        reasons = any(_reason(i, conf) for i in table.indicators)
        if value < threshold and not reasons and not facts.reason_in_text:
            yield _hit(where, "low", rate=f"{value.quantize(Decimal('0.01'))}%", threshold=_num(threshold))


@rule(
    code="TAB013",
    name="table-cell-empty",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("自评表必填栏目为空", "A cell the table requires is empty"),
    messages={
        "score": T("“{indicator}”的得分为空", "“{indicator}” has no score"),
        "actual": T("“{indicator}”的实际完成值为空", "“{indicator}” has no completed value"),
        "total": T("总分为空", "The total score is empty"),
        "grade": T("自评等级为空", "The grade is empty"),
    },
    what=T(
        "有分值的指标必须填写得分和实际完成值；总分一行的得分、自评等级不能空着。",
        "Every indicator with points needs a score and a completed value; the 总分 row's score and the grade must be filled.",
    ),
    why=T("空白栏目说明自评没有做完。", "Blank cells mean the self-evaluation was not finished."),
    fix=T("填写空白的栏目。", "Fill in the blank cells."),
)
def table_cell_empty(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        for ind in table.indicators:
            points = ind.cells.get("points")
            if points is None or points.kind != "number":
                continue
            for key in ("score", "actual"):
                cell = ind.cells.get(key)
                if cell is not None and cell.kind == "empty":
                    yield Hit(cell.block, cell.start, cell.start + 1, key, {"indicator": ind.level3 or ind.level2})
        if table.total_score is not None and table.total_score.kind == "empty" and table.indicators:
            cell = table.total_score
            yield Hit(cell.block, _row_anchor(ctx, cell), _row_anchor(ctx, cell) + 1, "total", {})
        if table.grade_label is not None and table.grade is not None and table.grade.kind == "empty":
            label = table.grade_label
            yield Hit(label.block, label.start, label.end, "grade", {})


def _row_anchor(ctx: Context, cell: CellValue) -> int:
    """An empty cell's offset, or its row's start when that cell holds no character (a trimmed text row)."""
    return cell.start if cell.start < len(ctx.doc.blocks[cell.block].text) else max(0, cell.start - 1)


def _required_numbers(table: SelfEvalTable) -> list[tuple[CellValue, str]]:
    """Cells that must hold a number: each indicator's 分值 and 得分, the funds total's amounts, and the 总分's 得分."""
    cells: list[tuple[CellValue, str]] = []
    if table.funds is not None and table.funds.total is not None:
        for key in ("budget", "execution"):
            if key in table.funds.total.cells:
                cells.append((table.funds.total.cells[key], key))
    for ind in table.indicators:
        for key in ("points", "score"):
            if key in ind.cells:
                cells.append((ind.cells[key], key))
    if table.total_score is not None:  # the 总分 row's 分值 may be left as “—”; its 得分 may not
        cells.append((table.total_score, "score"))
    return cells


KIND_NAMES = {
    "points": {"zh": "分值", "en": "points"}, "score": {"zh": "得分", "en": "score"},
    "budget": {"zh": "全年预算数", "en": "full-year budget"}, "execution": {"zh": "全年执行数", "en": "execution"},
}


@rule(
    code="TAB014",
    name="table-dash-for-number",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("应填数字的栏目填了“—”", "A dash stands where a number is required"),
    messages={"dash": T("此处{column}应为数字，表中为“{cell}”", "The {column} here must be a number, not “{cell}”")},
    what=T(
        "指标的分值和得分、年度资金总额的全年预算数和执行数、总分必须是数字（0 也要写 0）。“其中”各行（如上年结转资金）和它们的分值、得分栏写“—”是正常的，不提示。",
        "An indicator's points and score, the 年度资金总额 budget and execution, and the total must be numbers (0 is "
        "written 0). A “—” in the 其中 rows (上年结转资金 …) and their points and score columns is normal and left alone.",
    ),
    why=T("用“—”代替数字，无法核对合计和得分。", "A dash instead of a number leaves totals and scores uncheckable."),
    fix=T("填写数字（没有的填 0）。", "Write the number (0 where there is none)."),
)
def table_dash_for_number(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        for cell, key in _required_numbers(table):
            if cell.kind == "dash":
                yield _hit(cell, "dash", "0", column=KIND_NAMES[key])


@rule(
    code="TAB015",
    name="table-text-for-number",
    severity=Severity.WARNING,
    scope=(Scope.TABLE_CELLS,),
    summary=T("应填数字的栏目填了文字", "Text stands where a number is required"),
    messages={"text": T("此处{column}应为数字，表中为“{cell}”", "The {column} here must be a number, not “{cell}”")},
    what=T(
        "指标的分值和得分、年度资金总额的全年预算数和执行数、总分应是数字，写成“满分”“十分”“详见附件”等文字时无法核对。",
        "An indicator's points and score, the 年度资金总额 budget and execution, and the total must be numbers; 满分, "
        "十分 or 详见附件 there cannot be checked.",
    ),
    why=T("文字无法参与合计和核对。", "Text cannot be added up or checked."),
    fix=T("改为阿拉伯数字。", "Write the number in digits."),
)
def table_text_for_number(ctx: Context) -> Iterator[Hit]:
    for table in _tables(ctx):
        for cell, key in _required_numbers(table):
            if cell.kind == "text":
                yield _hit(cell, "text", column=KIND_NAMES[key])


REPORT = (
    "2023年度科技创新专项资金项目支出绩效自评报告\n"
    "一、项目基本情况\n该项目全年预算数520.00万元，全年执行数510.00万元，预算执行率98.08%。\n"
    "二、项目绩效情况\n经自评，该项目自评得分98.81分，自评等级为优。\n"
)
REPORT_TABLE = REPORT + TABLE.split("\n", 1)[1]


def _only_table(ctx: Context) -> SelfEvalTable | None:
    """The one self-evaluation table the report's statements are about: none when there are several, or when
    the table is of another scope (a project's table attached to a department-wide report)."""
    tables = _tables(ctx)
    return tables[0] if len(tables) == 1 and same_scope(ctx.doc, tables[0]) else None


@rule(
    code="TAB016",
    name="narrative-rate-vs-table",
    severity=Severity.ERROR,
    scope=(Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("正文所述执行率与自评表不符", "The execution rate in the text differs from the table"),
    messages={"rate": T("正文称预算执行率{figure}，自评表为{table}", "The text gives an execution rate of {figure}; the table says {table}")},
    what=T(
        "报告正文中“预算执行率（资金执行率）为X%”应与同一文件中自评表年度资金总额的执行率相符（按书写精度比较）。"
        "“基本支出执行率”等其他口径不比较；文件中有多张自评表时不比较。",
        "The report's “预算执行率（资金执行率）为X%” must agree with the 年度资金总额 rate of the self-evaluation table in the "
        "same file (within the written precision). Other scopes (基本支出执行率 …) are not compared, nor files with "
        "several tables.",
    ),
    why=T("正文和表格不一致，审核人员无法判断哪个是对的。", "When text and table disagree, reviewers cannot tell which is right."),
    fix=T("统一正文和表格中的执行率。", "Make the text and the table agree."),
)
def narrative_rate_vs_table(ctx: Context) -> Iterator[Hit]:
    table = _only_table(ctx)
    total = table.funds.total if table is not None and table.funds is not None else None
    rate = total.cells.get("rate") if total is not None else None
    if rate is None or rate.kind != "percent":
        return
    for m in ctx.analysis.selfeval_tables.mentions:
        if m.kind != "rate" or m.value is None:
            continue
        half = Decimal("0.5") * Decimal(10) ** -m.decimals
        if not _meet((m.value - half, m.value + half), rate.figure().interval(), ctx.tolerance.percent_points):
            yield Hit(m.block, m.start, m.end, "rate", {"figure": f"{m.value}%", "table": rate.shown}, rate.shown)


@rule(
    code="TAB017",
    name="narrative-score-vs-table",
    severity=Severity.ERROR,
    scope=(Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("正文所述自评得分与自评表不符", "The score in the text differs from the table"),
    messages={"score": T("正文称自评得分{figure}分，自评表总分为{table}分", "The text gives a score of {figure}; the table's total is {table}")},
    what=T(
        "报告正文中“自评得分（总分、综合得分）X分”应与同一文件中自评表的总分相符（按书写精度比较）；文件中有多张自评表时不比较。",
        "The report's “自评得分（总分、综合得分）X分” must agree with the total of the self-evaluation table in the same "
        "file (within the written precision); files with several tables are not compared.",
    ),
    why=T("正文和表格不一致，审核人员无法判断哪个是对的。", "When text and table disagree, reviewers cannot tell which is right."),
    fix=T("统一正文和表格中的得分。", "Make the text and the table agree."),
)
def narrative_score_vs_table(ctx: Context) -> Iterator[Hit]:
    table = _only_table(ctx)
    total = _table_total(table) if table is not None else None
    if total is None or table is None:
        return
    decimals = table.total_score.decimals if table.total_score is not None and table.total_score.kind == "number" else 2
    half_t = Decimal("0.5") * Decimal(10) ** -decimals
    for m in ctx.analysis.selfeval_tables.mentions:
        if m.kind != "score" or m.value is None:
            continue
        half = Decimal("0.5") * Decimal(10) ** -m.decimals
        if not _meet((m.value - half, m.value + half), (total - half_t, total + half_t)):
            yield Hit(m.block, m.start, m.end, "score", {"figure": str(m.value), "table": _num(total, decimals)}, _num(total, decimals))


@rule(
    code="TAB018",
    name="narrative-grade-vs-table",
    severity=Severity.ERROR,
    scope=(Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("正文所述自评等级与自评表不符", "The grade in the text differs from the table"),
    messages={"grade": T("正文称自评等级为“{figure}”，自评表为“{table}”", "The text gives the grade “{figure}”; the table says “{table}”")},
    what=T(
        "报告正文中“自评等级为X”应与同一文件中自评表的等级相符（表中未写等级时按总分所在区间）；“优秀、良好”视同“优、良”。",
        "The report's “自评等级为X” must agree with the grade of the table in the same file (or, where the table states "
        "none, the band of its total); 优秀 and 良好 count as 优 and 良.",
    ),
    why=T("正文和表格不一致，审核人员无法判断哪个是对的。", "When text and table disagree, reviewers cannot tell which is right."),
    fix=T("统一正文和表格中的等级。", "Make the text and the table agree."),
)
def narrative_grade_vs_table(ctx: Context) -> Iterator[Hit]:
    conf = ctx.rules.tables
    table = _only_table(ctx)
    if table is None:
        return
    grade = None
    if table.grade is not None and table.grade.kind != "empty":
        grade = canonical_grade(_grade_text(table.grade), conf)
    if grade is None and (total := _table_total(table)) is not None:
        grade = grade_for(total, conf["grades"])
    if grade is None:
        return
    for m in ctx.analysis.selfeval_tables.mentions:
        if m.kind == "grade" and m.grade != grade:
            yield Hit(m.block, m.start, m.end, "grade", {"figure": m.grade, "table": grade}, grade)


@rule(
    code="TAB019",
    name="narrative-amount-vs-table",
    severity=Severity.ERROR,
    scope=(Scope.HEADINGS, Scope.BODY, Scope.TABLE_CELLS),
    summary=T("正文所述预算数或执行数与自评表不符", "A budget or execution amount in the text differs from the table"),
    messages={
        "amount": T("正文称{column}{figure}，自评表为{table}{unit}", "The text states the {column} as {figure}; the table says {table} {unit}"),
    },
    what=T(
        "正文中“全年预算数X，执行数Y，执行率Z%”这类语句，若预算数或执行数有一个与同一文件自评表年度资金总额的相符（说明讲的是同一笔资金），"
        "另一个也应相符（按书写精度和单位换算比较）。两个都不相符的语句讲的是别的资金，不比较。",
        "Where the text's “全年预算数 X，执行数 Y，执行率 Z%” shares its budget or its execution with the table's 年度资金总额 "
        "row (so it speaks of the same funds), the other amount must agree too (within the written precision, across "
        "units). Statements sharing neither speak of other funds and are not compared.",
    ),
    why=T("正文和表格不一致，审核人员无法判断哪个是对的。", "When text and table disagree, reviewers cannot tell which is right."),
    fix=T("统一正文和表格中的数字。", "Make the text and the table agree."),
)
def narrative_amount_vs_table(ctx: Context) -> Iterator[Hit]:
    table = _only_table(ctx)
    total = table.funds.total if table is not None and table.funds is not None else None
    if total is None or table is None or table.funds is None:
        return
    scale = ctx.rules.figures["amount_units"].get(table.funds.unit, 10_000)
    budget, execution = total.cells.get("budget"), total.cells.get("execution")
    if budget is None or execution is None or budget.kind != "number" or execution.kind != "number":
        return
    b_int, e_int = budget.figure(table.funds.unit, scale).interval(), execution.figure(table.funds.unit, scale).interval()
    slack = ctx.tolerance.amount_yuan
    for r in ctx.analysis.statements.rates:
        if r.budget.approx or r.execution.approx or r.budget.block in table.blocks:
            continue
        same_budget, same_execution = _meet(r.budget.interval(), b_int, slack), _meet(r.execution.interval(), e_int, slack)
        if same_budget and not same_execution:
            yield Hit(r.execution.block, r.execution.start, r.execution.end, "amount",
                      {"column": COLUMN_NAMES["execution"], "figure": r.execution.text, "table": execution.shown, "unit": table.funds.unit})
        elif same_execution and not same_budget:
            yield Hit(r.budget.block, r.budget.start, r.budget.end, "amount",
                      {"column": COLUMN_NAMES["budget"], "figure": r.budget.text, "table": budget.shown, "unit": table.funds.unit})


declare(
    code="TAB020",
    name="narrative-vs-table-file",
    severity=Severity.WARNING,
    scope=(Scope.DOCUMENT,),
    summary=T("报告所述与同一文件夹中的自评表文件不符", "The report differs from the table file beside it"),
    messages={
        "file": T(
            "报告称{what}为{figure}，同一文件夹中的自评表 {file} 为{table}",
            "The report gives a {what} of {figure}; the table {file} in the same folder says {table}",
        ),
    },
    what=T(
        "一次检查多个文件时，报告和自评表分别是同一文件夹中的两个文件（如 报告.docx 与 自评表.xlsx）：按年度和单位（报告标题中的单位为自评表"
        "标题中的单位，或表中“主管部门、实施单位”所填）配对，报告正文所述预算执行率、自评得分、自评等级应与自评表相符。"
        "同一报告配上两份自评表、或二者口径不同（部门整体与项目）时不比较。",
        "When several files are checked and the report and its table are two files of one folder (report.docx and "
        "table.xlsx), they are paired by year and agency (the report title's agency is the table title's, or the "
        "table's 主管部门/实施单位), and the report's execution rate, score and grade must agree with the table. A "
        "report matching two tables, or a table of another scope (department-wide vs project), is not compared.",
    ),
    why=T("报告和附表不一致，审核人员无法判断哪个是对的。", "When report and table disagree, reviewers cannot tell which is right."),
    fix=T("统一报告和自评表中的数字。", "Make the report and the table agree."),
)
