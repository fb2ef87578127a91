"""Statements that give both values of a change (由A下降至B; 2023年执行数为A，2024年预算安排B，比2023年增加M%),
budget completion rates (年初预算为A，支出决算为B，完成年初预算的M%) and stated actual-versus-budget relations
(决算数小于预算数)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..rulesets import RuleData
from .figures import Figure

if TYPE_CHECKING:
    from .statements import _Text

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
DIRECTION = {"INCREASE": 1, "DECREASE": -1, "FLAT": 0}


@dataclass(frozen=True)
class Change:
    """The earlier and later values of one quantity, the direction stated between them and what it states of the
    change: a rate (增加M%) and/or an amount (减少N万元)."""

    block: int
    start: int  # the direction word
    end: int
    before: Figure
    after: Figure
    sign: int  # stated direction: +1 增加, -1 减少, 0 持平
    percent: Figure | None
    amount: Figure | None


@dataclass(frozen=True)
class Completion:
    """完成年初预算的M%: the execution, the budget it is a rate of, and which budget the words name."""

    budget: Figure
    execution: Figure
    rate: Figure
    base: str  # INITIAL_BUDGET, BUDGET or ANY
    cue: str


@dataclass(frozen=True)
class Comparison:
    """决算数小于预算数: the relation stated, the execution and the budgets it may refer to."""

    block: int
    start: int
    end: int
    relation: str  # gt, lt, eq
    execution: Figure
    budgets: tuple[Figure, ...]


@dataclass(frozen=True)
class _Words:
    froms: tuple[str, ...]
    tos: tuple[str, ...]
    comparison: re.Pattern[str]
    relations: dict[str, str]
    bases: dict[str, str]


_CACHE: dict[int, tuple[RuleData, _Words]] = {}


def _words(rules: RuleData) -> _Words:
    cached = _CACHE.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    conf = rules.statements
    words = _Words(
        tuple(conf["change_from"]), tuple(conf["change_to"]), re.compile(conf["comparison"]["pattern"]),
        dict(conf["comparison"]["relations"]), dict(conf["completion_bases"]),
    )
    _CACHE[id(rules)] = (rules, words)
    return words


def _right_after(t: _Text, pos: int, kind: str, gap: int = 2) -> Figure | None:
    """The figure of `kind` that starts within `gap` characters after `pos`, with nothing but spaces between."""
    for f in t.figures_in(pos, min(len(t.text), pos + gap + 40), kind):
        if f.start - pos <= gap and not t.text[pos : f.start].strip(" 　"):
            return f
        break
    return None


def changes(t: _Text, rules: RuleData) -> list[Change]:
    """Changes whose both values are stated, by 由/从…至/到 or by the years of their clauses."""
    words = _words(rules)
    found: list[Change] = []
    for cue in t.cues_in(0, len(t.text), set(DIRECTION)):
        if t.depth[cue.start]:
            continue
        s0, s1 = t.sentence(cue.start)
        sign = DIRECTION[cue.label]
        percent = _right_after(t, cue.end, "percent")
        amount = _right_after(t, cue.end, "amount")
        pair = _from_to(t, cue, s0, words) or _by_years(t, cue, s0)
        if pair is None:
            continue
        before, after = pair
        if percent is None and amount is None and sign != 0:
            # 由A下降至B，下降M%: the rate follows the later value
            rest = [c for c in t.cues_in(after.end, s1, set(DIRECTION)) if c.start <= after.end + 3]
            if rest and DIRECTION[rest[0].label] == sign:
                percent = _right_after(t, rest[0].end, "percent")
                amount = _right_after(t, rest[0].end, "amount")
        if before.unit != after.unit and before.kind != after.kind:
            continue
        found.append(Change(t.block, cue.start, cue.end, before, after, sign, percent, amount))
    return found


def _from_to(t: _Text, cue, s0: int, words: _Words) -> tuple[Figure, Figure] | None:  # type: ignore[no-untyped-def]
    """由A下降至B: A right after 由/从, the direction word right after A, B right after 至/到 after it."""
    before = [f for f in t.figures_in(s0, cue.start) if t.depth[f.start] == 0]
    if not before:
        return None
    a = before[-1]
    lead = t.text[max(s0, a.start - 1) : a.start]
    if lead not in words.froms or t.text[a.end : cue.start].strip(" 　，,"):
        return None
    to = t.text[cue.end : cue.end + 1]
    if to not in words.tos:
        return None
    b = _right_after(t, cue.end + 1, a.kind, 1)
    return (a, b) if b is not None else None


def _by_years(t: _Text, cue, s0: int) -> tuple[Figure, Figure] | None:  # type: ignore[no-untyped-def]
    """Y1年…为A万元，Y2年…B万元，比Y1年…增加M%: two amounts whose clauses name two years, compared with the earlier."""
    amounts = [f for f in t.amounts(s0, cue.start, 0) if not f.approx]
    if len(amounts) < 2:
        return None
    a, b = amounts[-2], amounts[-1]
    ya, yb = _clause_year(t, a), _clause_year(t, b)
    if ya is None or yb is None or ya >= yb:
        return None
    between = t.text[b.end : cue.start]
    if re.search(r"[比较]\s*" + str(ya), between) is None or t.figures_in(b.end, cue.start):
        return None
    return a, b


def _clause_year(t: _Text, f: Figure) -> int | None:
    c0 = t.clause(f.start)[0]
    years = _YEAR.findall(t.text[c0 : f.start])
    return int(years[-1]) if len(years) == 1 else None


def completions(t: _Text, rules: RuleData) -> list[Completion]:
    """完成年初预算的M%: the budget and execution amounts named in its sentence before it."""
    words = _words(rules)
    found = []
    for cue in t.cues_in(0, len(t.text), {"COMPLETION"}):
        rate = _right_after(t, cue.end, "percent")
        if rate is None:
            continue
        s0 = t.sentence(cue.start)[0]
        base = words.bases.get(cue.text, "ANY")
        budgets = {"INITIAL_BUDGET": _labelled(t, s0, cue.start, {"INITIAL_BUDGET"}), "BUDGET": _labelled(t, s0, cue.start, {"BUDGET"})}
        executions = _labelled(t, s0, cue.start, {"EXECUTION"})
        chosen = budgets[base] if base != "ANY" else (budgets["BUDGET"] or budgets["INITIAL_BUDGET"])
        if base == "ANY" and budgets["BUDGET"] and budgets["INITIAL_BUDGET"]:
            continue  # 完成预算的…: which of the two budgets is meant is not said
        if len(chosen) == 1 and len(executions) == 1:
            found.append(Completion(chosen[0], executions[0], rate, base, cue.text))
    return found


def _labelled(t: _Text, start: int, end: int, labels: set[str]) -> list[Figure]:
    """Amounts in [start, end) whose clause names them by one of the cue labels, right before them."""
    out = []
    for f in t.amounts(start, end, 0):
        c0 = t.clause(f.start)[0]
        cues = t.cues_in(c0, f.start)
        if cues and cues[-1].label in labels and not t.cues_in(c0, f.start, {"BREAKDOWN", "COMPLETION"}):
            out.append(f)
    return out


def comparisons(t: _Text, rules: RuleData) -> list[Comparison]:
    """决算数小于预算数: the relation and the amounts it speaks of, stated earlier in the paragraph."""
    words = _words(rules)
    found = []
    for m in words.comparison.finditer(t.text):
        word = m.group("rel") or m.group("after")
        if not word or word not in words.relations or (m.group("after") or "").startswith("基本"):
            continue
        s0 = t.sentence(m.start())[0]
        p0 = t.sentence(s0 - 1)[0] if s0 > 0 else s0  # the sentence before may state the figures
        executions = _labelled(t, p0, m.start(), {"EXECUTION"})
        budgets = _labelled(t, p0, m.start(), {"BUDGET", "INITIAL_BUDGET"})
        if len(executions) == 1 and budgets:
            found.append(Comparison(t.block, m.start(), m.end(), words.relations[word], executions[0], tuple(budgets)))
    return found


@dataclass(frozen=True)
class FlatReason:
    """“持平。主要原因：…减少支付”: a figure said to be unchanged, explained by a change."""

    block: int
    start: int  # 持平
    end: int
    word: str  # the direction word in the explanation


def flat_reasons(doc, rules: RuleData) -> list[FlatReason]:  # type: ignore[no-untyped-def]
    """持平 followed in its paragraph (or, when the paragraph ends with the cue, the next one) by 主要原因… whose
    explanation names an increase or a decrease (not negated: 未增加)."""
    conf = rules.statements
    flat = conf["cues"]["FLAT"]
    moves = sorted(conf["cues"]["INCREASE"] + conf["cues"]["DECREASE"], key=len, reverse=True)
    reason = re.compile(rf"(?:{'|'.join(map(re.escape, conf['reason_cues']))})[是为]?[：:]?")
    move = re.compile(rf"(?<![{re.escape(conf['negations'])}])(?:{'|'.join(map(re.escape, moves))})")
    found = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        text = block.text
        for word in flat:
            for m in re.finditer(re.escape(word), text):
                if text[max(0, m.start() - 2) : m.start()].endswith("基本"):
                    continue  # 基本持平: roughly equal, a small change may be its reason
                r = reason.search(text, m.end(), m.end() + 12)
                if r is None:
                    continue
                explanation = text[r.end() :]
                if not explanation.strip() and i + 1 < len(blocks):
                    explanation = blocks[i + 1].text  # the explanation went on to the next line
                explanation = explanation.split("。")[0]
                if (mv := move.search(explanation)) and "不变" not in explanation:
                    found.append(FlatReason(block.index, m.start(), m.end(), mv.group(0)))
    return found
