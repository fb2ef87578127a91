"""Statements about figures: totals with 其中 or 合计 parts, shares, execution rates, growth, 分别 pairings,
counts with their lists, and labelled quantities — recognised from figures, cue words and labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import BlockKind, Document
from ..rulesets import RuleData
from .figures import Figure
from .nlp import Cue, Token, analyse_texts

SENTENCE_END = "。！？!?\n"
CLAUSE_BREAK = "，,；;：:。！？!?\n"
GROUP_BREAK = "；;。！？!?\n"
OPENERS, CLOSERS = "（(【[〔", "）)】]〕"
_YEAR = re.compile(r"(?:19|20)\d{2}")
CHANGE_CUES = {"COMPARE", "INCREASE", "DECREASE"}


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts that make it up (其中 …, or … 合计)."""

    kind: str  # "其中" (parts after the total) or "合计" (parts before it)
    total: Figure
    parts: tuple[Figure, ...]
    truncated: bool  # the parts end in 等: not all of them are listed
    label: str
    part_labels: tuple[str, ...]


@dataclass(frozen=True)
class Share:
    """A part, the whole it is a share of, and the stated percentage."""

    part: Figure
    base: Figure
    percent: Figure


@dataclass(frozen=True)
class Rate:
    """An execution rate with the budget and execution amounts it is computed from."""

    budget: Figure
    execution: Figure
    rate: Figure


@dataclass(frozen=True)
class Growth:
    """A current amount, its change on the previous year and the stated growth rate."""

    current: Figure
    change: Figure
    percent: Figure
    sign: int  # +1 increase, -1 decrease


@dataclass(frozen=True)
class Pairing:
    """分别: items listed before it and the figures after it, which should pair one to one."""

    block: int
    start: int
    end: int
    items: tuple[str, ...]
    alternative: int  # the item count when the last item's 和/及/与 also separates items
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class CountedList:
    """A stated count and the items listed for it (内设科室11个，即…)."""

    count: Figure
    items: tuple[str, ...]
    alternative: int
    truncated: bool
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    """A labelled amount, for comparing the same quantity stated in two places."""

    key: tuple[str, str, str]  # (year named in the clause, the total it is part of, label)
    figure: Figure


@dataclass(frozen=True)
class Statements:
    breakdowns: tuple[Breakdown, ...] = ()
    shares: tuple[Share, ...] = ()
    rates: tuple[Rate, ...] = ()
    growths: tuple[Growth, ...] = ()
    pairings: tuple[Pairing, ...] = ()
    counted_lists: tuple[CountedList, ...] = ()
    quantities: tuple[Quantity, ...] = ()


@dataclass
class _Text:
    """One paragraph with its figures, tokens, cue words and bracket depth at every character."""

    block: int
    text: str
    figures: list[Figure]
    tokens: list[Token]
    cues: list[Cue]
    depth: list[int]

    def sentence(self, pos: int) -> tuple[int, int]:
        start = max((i + 1 for i in range(pos) if self.text[i] in SENTENCE_END), default=0)
        end = next((i for i in range(pos, len(self.text)) if self.text[i] in SENTENCE_END), len(self.text))
        return start, end

    def group_start(self, pos: int) -> int:
        return max((i + 1 for i in range(pos) if self.text[i] in GROUP_BREAK), default=0)

    def clause_start(self, pos: int) -> int:
        return max((i + 1 for i in range(pos) if self.text[i] in CLAUSE_BREAK), default=0)

    def cues_in(self, start: int, end: int, labels: set[str] | None = None) -> list[Cue]:
        return [c for c in self.cues if start <= c.start and c.end <= end and (labels is None or c.label in labels)]

    def amounts(self, start: int, end: int, depth: int | None = None) -> list[Figure]:
        return [
            f for f in self.figures
            if f.kind == "amount" and start <= f.start and f.end <= end and (depth is None or self.depth[f.start] == depth)
        ]

    def is_change(self, figure: Figure) -> bool:
        """The amount follows 增加/减少/比上年… in its clause: a change, not a part."""
        return bool(self.cues_in(self.clause_start(figure.start), figure.start, CHANGE_CUES))


def _depths(text: str) -> list[int]:
    depth, out = 0, []
    for ch in text:
        if ch in CLOSERS:
            depth = max(0, depth - 1)
        out.append(depth)
        if ch in OPENERS:
            depth += 1
    return out


class _Labeller:
    def __init__(self, rules: RuleData) -> None:
        self.noise = [re.compile(p) for p in rules.statements["label_noise"]]
        self.approx = rules.figures["approx_before"]

    def label(self, t: _Text, figure: Figure) -> str:
        """The item a figure measures: the words of its clause before it (基本支出, 科学技术支出)."""
        start = t.clause_start(figure.start)
        words = "".join(tok.text for tok in t.tokens if tok.start >= start and tok.end <= figure.start)
        for pattern in self.noise:
            words = pattern.sub("", words)
        for word in self.approx:
            words = words.removesuffix(word)
        return words.strip(" 　、")


def _split_items(region: str) -> tuple[list[str], int]:
    """Items separated by 、 outside brackets; and the count when the last one's 和/及/与 also separates."""
    items, depth, current = [], 0, ""
    for ch in region:
        depth += ch in OPENERS
        depth -= ch in CLOSERS
        if ch == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    items = [i.strip() for i in items if i.strip()]
    last_split = len(re.split(r"[和及与]", items[-1])) if items else 0
    return items, len(items) - 1 + last_split


def recognise(doc: Document, figures: Sequence[Figure], rules: RuleData) -> Statements:
    """Every statement in the document's paragraphs."""
    paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    by_block: dict[int, list[Figure]] = {}
    for f in figures:
        by_block.setdefault(f.block, []).append(f)
    wanted = [b for b in paragraphs if by_block.get(b.index)]
    texts = [
        _Text(b.index, b.text, by_block[b.index], tokens, cues, _depths(b.text))
        for b, (tokens, cues) in zip(wanted, analyse_texts(b.text for b in wanted))
    ]
    labeller = _Labeller(rules)
    out: dict[str, list] = {k: [] for k in ("breakdowns", "shares", "rates", "growths", "pairings", "counted_lists", "quantities")}
    previous: _Text | None = None
    for t in texts:
        breakdowns = _breakdowns(t, previous, labeller)
        out["breakdowns"] += breakdowns
        out["shares"] += _shares(t, breakdowns)
        out["rates"] += _rates(t)
        out["growths"] += _growths(t)
        out["pairings"] += _pairings(t)
        out["counted_lists"] += _counted_lists(t)
        out["quantities"] += _quantities(t, breakdowns, labeller, set(rules.statements["qualifiers"]))
        previous = t
    return Statements(**{k: tuple(v) for k, v in out.items()})


def _breakdowns(t: _Text, previous: _Text | None, labeller: _Labeller) -> list[Breakdown]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"BREAKDOWN"}):
        depth = t.depth[cue.start]
        s0, s1 = t.sentence(cue.start)
        before = [f for f in t.amounts(s0, cue.start) if t.depth[f.start] <= depth]
        total, source = (before[-1], t) if before else (None, t)
        if total is None and not t.text[s0 : cue.start].strip(" ：:，,（("):
            # 其中 opening a sentence refers to the last amount of the sentence (or paragraph) before.
            if s0 > 0:
                earlier = t.amounts(t.sentence(s0 - 1)[0], s0 - 1, 0)
                total, source = (earlier[-1], t) if earlier else (None, t)
            elif previous is not None and previous.figures:
                earlier = previous.amounts(0, len(previous.text), 0)
                total, source = (earlier[-1], previous) if earlier else (None, t)
        if total is None:
            continue
        end = s1
        if depth > 0:  # （其中…）: the parts end where the bracket closes
            end = next((i for i in range(cue.end, s1) if t.depth[i] < depth or (t.text[i] in CLOSERS and t.depth[i] == depth)), s1)
        if any(c.start < cue.start and t.depth[c.start] == depth for c in t.cues_in(s0, cue.start, {"BREAKDOWN"})):
            # a 其中 inside another's parts: its own parts end at the next ；
            end = next((i for i in range(cue.end, end) if t.text[i] in "；;"), end)
        nested = [c for c in t.cues_in(cue.end, end, {"BREAKDOWN"}) if t.depth[c.start] == depth]
        scopes = [(c.start, next((i for i in range(c.end, end) if t.text[i] in "；;"), end)) for c in nested]
        parts = [
            f for f in t.amounts(cue.end, end, depth)
            if not t.is_change(f) and not any(a <= f.start < b for a, b in scopes)
        ]
        if not parts:
            continue
        tail = t.text[parts[-1].end : end]
        truncated = bool(t.cues_in(parts[0].start, end, {"ETC"})) or tail.lstrip().startswith("等")
        found.append(
            Breakdown("其中", total, tuple(parts), truncated, labeller.label(source, total), tuple(labeller.label(t, p) for p in parts))
        )
    for cue in t.cues_in(0, len(t.text), {"TOTAL_AFTER"}):
        s0, _ = t.sentence(cue.start)
        after = [
            f for f in t.amounts(cue.end, len(t.text)) if f.start <= cue.end + 3 and t.depth[f.start] == t.depth[cue.start]
        ]
        if not after or t.cues_in(s0, cue.start, {"BREAKDOWN"}):
            continue
        parts = [f for f in t.amounts(s0, cue.start, t.depth[cue.start]) if not t.is_change(f)]
        if len(parts) >= 2:
            found.append(Breakdown("合计", after[0], tuple(parts), False, labeller.label(t, after[0]), tuple(labeller.label(t, p) for p in parts)))
    return found


def _shares(t: _Text, breakdowns: list[Breakdown]) -> list[Share]:
    whole_of = {id(p): b.total for b in breakdowns for p in b.parts}
    found = []
    for cue in t.cues_in(0, len(t.text), {"SHARE"}):
        g0 = t.group_start(cue.start)
        _, s1 = t.sentence(cue.start)
        percents = [f for f in t.figures if f.kind == "percent" and cue.end <= f.start <= cue.end + 20 and f.end <= s1]
        parts = t.amounts(g0, cue.start, t.depth[cue.start])
        if not percents or not parts:
            continue
        percent, part = percents[0], parts[-1]
        stated_base = t.amounts(cue.end, percent.start)
        base = stated_base[0] if stated_base else whole_of.get(id(part))
        if base is not None:
            found.append(Share(part, base, percent))
    return found


def _rates(t: _Text) -> list[Rate]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"RATE"}):
        s0, s1 = t.sentence(cue.start)
        percents = [f for f in t.figures if f.kind == "percent" and cue.end <= f.start <= cue.end + 3]
        if not percents:
            continue

        def labelled(label: str) -> list[Figure]:
            return [f for f in t.amounts(s0, cue.start) if t.cues_in(t.clause_start(f.start), f.start, {label})]

        budgets, executions = labelled("BUDGET"), labelled("EXECUTION")
        if budgets and executions:
            found.append(Rate(budgets[-1], executions[-1], percents[0]))
    return found


def _growths(t: _Text) -> list[Growth]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"COMPARE"}):
        s0, s1 = t.sentence(cue.start)
        current = t.amounts(t.group_start(cue.start), cue.start, 0)
        if not current:
            continue
        change = percent = None
        sign = 0
        for c in t.cues_in(cue.end, s1, {"INCREASE", "DECREASE"}):
            nxt = [f for f in t.figures if c.end <= f.start <= c.end + 2]
            if not nxt:
                continue
            direction = 1 if c.label == "INCREASE" else -1
            if nxt[0].kind == "amount" and change is None:
                change, sign = nxt[0], direction
            elif nxt[0].kind == "percent" and percent is None and (sign in (0, direction)):
                percent, sign = nxt[0], direction
        if change is not None and percent is not None:
            found.append(Growth(current[-1], change, percent, sign))
    return found


def _pairings(t: _Text) -> list[Pairing]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"EACH"}):
        start = max((i + 1 for i in range(cue.start) if t.text[i] in CLAUSE_BREAK), default=0)
        phrase = t.text[start : cue.start]
        if not re.search(r"[、和及与]", phrase):
            continue  # the items are not listed right before 分别 (同比分别增长…): nothing to pair
        items, alternative = _split_items(phrase) if "、" in phrase else (re.split(r"[和及与]", phrase), 0)
        items = [i for i in items if i.strip()]
        _, s1 = t.sentence(cue.start)
        end = next((i for i in range(cue.end, s1) if t.text[i] in "；;"), s1)
        figures = tuple(f for f in t.figures if cue.end <= f.start and f.end <= end and t.depth[f.start] == t.depth[cue.start])
        if len(items) >= 2 and len(figures) >= 2:
            found.append(Pairing(t.block, cue.start, cue.end, tuple(items), alternative or len(items), figures))
    return found


def _counted_lists(t: _Text) -> list[CountedList]:
    found = []
    for count in (f for f in t.figures if f.kind == "count" and not f.approx):
        rest = t.text[count.end :]
        lead = len(rest) - len(rest.lstrip(" 　，,"))
        pos = count.end + lead
        intro = [c for c in t.cues if c.start == pos and c.label in ("LIST_INTRO", "EACH")]
        if intro:
            start = intro[0].end
        elif t.text[count.end : count.end + 1] in "：:" and t.text[count.end : count.end + 1]:
            start = count.end + 1
        else:
            continue
        start += len(t.text[start:]) - len(t.text[start:].lstrip(" 　：:"))
        end = next((i for i in range(start, len(t.text)) if t.text[i] in "。；;！？\n"), len(t.text))
        region = t.text[start:end]
        if any(start <= f.start < end for f in t.figures):
            continue  # items with figures of their own are a breakdown, not a list of names
        truncated = bool(re.search(r"等[等]?$", region.strip()))
        items, alternative = _split_items(re.sub(r"等[等]?$", "", region.strip()))
        if len(items) >= 2:
            found.append(CountedList(count, tuple(items), alternative, truncated, start, end))
    return found


def _quantities(t: _Text, breakdowns: list[Breakdown], labeller: _Labeller, qualifiers: set[str]) -> list[Quantity]:
    scope_of = {id(p): b.label for b in breakdowns for p in b.parts}
    found = []
    for f in t.figures:
        if f.kind != "amount" or f.approx or t.depth[f.start] > 0:
            continue
        clause = t.text[t.clause_start(f.start) : f.start]
        label = labeller.label(t, f)
        if len(label) < 4 or any(q in clause for q in qualifiers) or t.cues_in(t.clause_start(f.start), f.start, CHANGE_CUES | {"SHARE", "RATE", "BUDGET", "INITIAL_BUDGET", "EXECUTION", "TOTAL_AFTER"}):
            continue
        year = _YEAR.search(clause)
        found.append(Quantity((year.group(0) if year else "", scope_of.get(id(f), ""), label), f))
    return found
