"""Statements about figures: totals with 其中 / 包括 / 合计 parts, shares, execution rates, growth, 分别 pairings,
counts with their lists, and labelled quantities — recognised from figures, cue words and labels."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import BlockKind, Document
from ..rulesets import RuleData
from .changes import Change, Comparison, Completion, FlatReason, changes, comparisons, completions, flat_reasons
from .figures import Figure
from .nlp import Cue, Token, analyse_texts
from .outline import Outline
from .window import Window

SENTENCE_END = "。！？!?\n"
CLAUSE_BREAK = "，,；;：:。！？!?\n"
GROUP_BREAK = "；;。！？!?\n"
OPENERS, CLOSERS = "（(【[〔《“‘", "）)】]〕》”’"
# The characters of each break set and the brackets, found by one regex scan (C speed) instead of a Python loop.
_BREAK_CHARS = {breaks: re.compile("[" + re.escape(breaks) + "]") for breaks in (SENTENCE_END, CLAUSE_BREAK, GROUP_BREAK)}
_BRACKETS = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
_YEAR = re.compile(r"(?:19|20)\d{2}")
CHANGE_CUES = {"COMPARE", "INCREASE", "DECREASE"}
ROLE_CUES = {"BUDGET", "INITIAL_BUDGET", "EXECUTION", "RATE", "COMPARE", "TOTAL_AFTER", "BREAKDOWN"}
_NOT_QUANTITY_CUES = frozenset(CHANGE_CUES | {"SHARE"})
_NOT_LABELLED_CUES = frozenset(CHANGE_CUES | ROLE_CUES | {"SHARE"})  # a labelled quantity's clause holds none


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts that make it up (其中 …, 包括 …, or … 合计)."""

    kind: str  # "其中", "包括" (maybe a partial list: only parts over the total count) or "合计" (parts before it)
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

    key: tuple[str, str, str, str]  # (year it is for, the total it is part of, label, the subject leading up to it)
    figure: Figure
    section: tuple[int, ...]  # the headings it stands under


@dataclass(frozen=True)
class StatedTotal:
    """A total stated by name ("财政拨款收入支出总计0.3万元"): its stem (the name without 总计/合计, the year and 本年),
    the names of what it covers (the stem, or the sides of a 收入支出 stem) and whether it covers the whole report."""

    name: str  # as written, without the year (财政拨款收入支出总计)
    stem: str
    covers: tuple[str, ...]
    document: bool
    year: str
    figure: Figure
    section: tuple[int, ...]


@dataclass(frozen=True)
class Statements:
    breakdowns: tuple[Breakdown, ...] = ()
    shares: tuple[Share, ...] = ()
    rates: tuple[Rate, ...] = ()
    growths: tuple[Growth, ...] = ()
    pairings: tuple[Pairing, ...] = ()
    counted_lists: tuple[CountedList, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    changes: tuple[Change, ...] = ()
    completions: tuple[Completion, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    flat_reasons: tuple[FlatReason, ...] = ()
    stated_totals: tuple[StatedTotal, ...] = ()


@dataclass
class _Text:
    """One paragraph with its figures, tokens, cue words and bracket depth at every character."""

    block: int
    text: str
    figures: list[Figure]
    tokens: list[Token]
    cues: list[Cue]
    depth: list[int]
    not_part: tuple[str, ...]
    _breaks: dict[str, list[int]] = field(default_factory=dict)
    _cue_starts: list[int] = field(default_factory=list)
    _figure_starts: list[int] = field(default_factory=list)
    _token_starts: list[int] = field(default_factory=list)
    _enclosed_cache: list[bool] | None = None
    _quantity_of: dict[tuple[int, int], bool] = field(default_factory=dict)  # quantity() per figure span
    _labels: dict[int, str] = field(default_factory=dict)  # _Labeller.label() per figure start

    def __post_init__(self) -> None:
        self._token_starts = [tok.start for tok in self.tokens]
        self.cues.sort(key=lambda c: c.start)
        self._cue_starts = [c.start for c in self.cues]
        self._figure_starts = [f.start for f in self.figures]  # figures come sorted by start

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._around(pos, SENTENCE_END)

    def group(self, pos: int) -> tuple[int, int]:
        """The clause group (between ；) around `pos`."""
        return self._around(pos, GROUP_BREAK)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._around(pos, CLAUSE_BREAK)

    def _around(self, pos: int, breaks: str) -> tuple[int, int]:
        """The stretch between the nearest `breaks` characters before and at/after `pos` (bisect: long
        paragraphs stay linear)."""
        positions = self._breaks.get(breaks)
        if positions is None:
            pattern = _BREAK_CHARS.get(breaks)
            if pattern is not None:
                positions = [m.start() for m in pattern.finditer(self.text)]
            else:
                positions = [i for i, ch in enumerate(self.text) if ch in breaks]
            depth = self.depth
            if breaks is not CLAUSE_BREAK and any(depth[i] for i in positions):
                # a 。 or ； inside brackets that close later ("（含结转资金。详见附表）") ends no sentence
                enclosed = self._enclosed()
                positions = [i for i in positions if self.text[i] == "\n" or not enclosed[i]]
            self._breaks[breaks] = positions
        i = bisect.bisect_left(positions, pos)
        start = positions[i - 1] + 1 if i > 0 else 0
        end = positions[i] if i < len(positions) else len(self.text)
        return start, end

    def _enclosed(self) -> list[bool]:
        """Whether each character stands inside brackets that close later in the paragraph (an unclosed bracket
        encloses nothing); worked out once per paragraph."""
        if self._enclosed_cache is None:
            out, lowest = [False] * len(self.text), 1 << 30
            depth = self.depth
            for i in range(len(self.text) - 1, -1, -1):
                d = depth[i]
                out[i] = d > 0 and lowest < d
                if d < lowest:
                    lowest = d
            self._enclosed_cache = out
        return self._enclosed_cache

    def tokens_in(self, start: int, end: int) -> list[Token]:
        lo, hi = bisect.bisect_left(self._token_starts, start), bisect.bisect_left(self._token_starts, end)
        return [tok for tok in self.tokens[lo:hi] if tok.end <= end]

    def cues_in(self, start: int, end: int, labels: set[str] | None = None) -> list[Cue]:
        lo, hi = bisect.bisect_left(self._cue_starts, start), bisect.bisect_left(self._cue_starts, end)
        return [c for c in self.cues[lo:hi] if c.end <= end and (labels is None or c.label in labels)]

    def figures_in(self, start: int, end: int, kind: str | None = None, depth: int | None = None) -> list[Figure]:
        lo, hi = bisect.bisect_left(self._figure_starts, start), bisect.bisect_left(self._figure_starts, end)
        return [
            f for f in self.figures[lo:hi]
            if f.end <= end and (kind is None or f.kind == kind) and (depth is None or self.depth[f.start] == depth)
        ]

    def amounts(self, start: int, end: int, depth: int | None = None) -> list[Figure]:
        return self.figures_in(start, end, "amount", depth)

    def quantity(self, figure: Figure) -> bool:
        """The amount is a quantity in its own right: not a change (增加…), not a share's base (占…的),
        not a prior-year or per-unit amount (上年为…, 每人…, …以内)."""
        key = (figure.start, figure.end)
        known = self._quantity_of.get(key)
        if known is None:
            known = self._quantity_of[key] = self._is_quantity(figure)
        return known

    def _is_quantity(self, figure: Figure) -> bool:
        c0, c1 = self.clause(figure.start)
        if self.cues_in(c0, figure.start, _NOT_QUANTITY_CUES):
            return False
        clause = self.text[c0 : figure.start] + self.text[figure.end : c1]
        return not any(word in clause for word in self.not_part)


def _depths(text: str) -> list[int]:
    """The bracket depth at every character (a closer counts at the depth it closes back to, an opener at the
    depth outside it); the runs between brackets are filled at once."""
    depth, out, pos = 0, [], 0
    for m in _BRACKETS.finditer(text):
        i = m.start()
        if i > pos:
            out.extend([depth] * (i - pos))
        ch = text[i]
        if ch in CLOSERS and depth:
            depth -= 1
        out.append(depth)
        if ch in OPENERS:
            depth += 1
        pos = i + 1
    if len(text) > pos:
        out.extend([depth] * (len(text) - pos))
    return out


@dataclass(frozen=True)
class _Vocabulary:
    """The statement words of rules/statements.yaml that are matched in text, not as spaCy cues."""

    intros: tuple[str, ...]
    intro_leads: tuple[str, ...]
    share_leads: tuple[str, ...]
    separators: tuple[str, ...]
    conjunction: re.Pattern[str]
    count_noun: re.Pattern[str]
    compare: tuple[re.Pattern[str], ...]
    intro_skip: re.Pattern[str] | None = None
    share_base_suffixes: tuple[str, ...] = ()
    etc: tuple[str, ...] = ()  # the ETC cue words (等) closing a list
    etc_end: re.Pattern[str] | None = None  # one or two of them at the end of a list (…等 / …等等)
    person_units: frozenset[str] = frozenset()  # units of a count of people (人, 名, 人次): no list to count

    @classmethod
    def of(cls, rules: RuleData) -> _Vocabulary:
        conf = rules.statements
        return cls(
            tuple(conf["breakdown_intros"]), tuple(conf["breakdown_intro_leads"]), tuple(conf["share_leads"]),
            tuple(conf["pairing_separators"]), re.compile("|".join(re.escape(w) for w in conf["conjunctions"])),
            re.compile(rf"[\u4e00-\u9fff]{{0,{conf['count_noun_max']}}}[，,]?"),
            tuple(re.compile(p) for p in conf["compare_patterns"]),
            re.compile(conf["breakdown_intro_skip"]) if conf.get("breakdown_intro_skip") else None,
            tuple(conf["share_base_suffixes"]),
            tuple(conf["cues"]["ETC"]),
            re.compile("(?:" + "|".join(map(re.escape, conf["cues"]["ETC"])) + "){1,2}$"),
            frozenset(conf["count_person_units"]),
        )


class _Labeller:
    def __init__(self, rules: RuleData) -> None:
        self.noise = [re.compile(p) for p in rules.statements["label_noise"]]
        self.approx = rules.figures["approx_before"]

    def label(self, t: _Text, figure: Figure) -> str:
        """The item a figure measures: the words of its clause before it (基本支出, 科学技术支出)."""
        known = t._labels.get(figure.start)
        if known is None:
            known = t._labels[figure.start] = self._label(t, figure)
        return known

    def _label(self, t: _Text, figure: Figure) -> str:
        start = t.clause(figure.start)[0]
        words = "".join(tok.text for tok in t.tokens_in(start, figure.start))
        for pattern in self.noise:
            words = pattern.sub("", words)
        for word in self.approx:
            words = words.removesuffix(word)
        return words.strip(" 　、")


def _split_items(region: str, conjunction: re.Pattern[str]) -> tuple[list[str], int]:
    """Items separated by 、 outside brackets and quotes; and the count when the last 和/及/与 of the last
    item also separates ("A、B、C和D": 4; "市水产和畜牧事务中心及市农业科学研究院" ends with two)."""
    items, depth, current = [], 0, ""
    for ch in region:
        if ch in CLOSERS and depth:
            depth -= 1
        elif ch in OPENERS:
            depth += 1
        if ch == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    items = [i.strip() for i in items if i.strip()]
    conjunctions = [m.start() for m in conjunction.finditer(items[-1])] if items else []
    if conjunctions and len(items) >= 3:
        # 和 separates two items only where the words before it can be one: among names that end alike (…股、…室)
        # they end so too ("督导室和信息股"); with few items to compare they are a name of their own ("…事务中心和
        # 市农业技术推广中心"); not inside a name ("职业与成人教育股" among …股、…室, "预算和绩效管理股")
        others = items[:-1]
        endings = {item[-1] for item in others}

        def separates(c: int) -> bool:
            before = items[-1][:c]
            if len(others) < 3:
                return len(before) >= 4 or before[-1:] in endings
            return len(endings) > 2 or before[-1:] in endings  # names of many endings tell nothing

        if not any(separates(c) for c in conjunctions):
            conjunctions = []
    return items, len(items) + (1 if conjunctions else 0)


def recognise(doc: Document, figures: Sequence[Figure], rules: RuleData, outline: Outline) -> Statements:
    """Every statement in the document's paragraphs."""
    paragraphs = [b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    by_block: dict[int, list[Figure]] = {}
    for f in figures:
        by_block.setdefault(f.block, []).append(f)
    wanted = [b for b in paragraphs if by_block.get(b.index)]
    not_part = tuple(rules.statements["not_part"])
    words = _Vocabulary.of(rules)
    texts = Window((  # built lazily; parts listed over lines look paragraphs ahead up by index (by_index.get)
        _Text(b.index, b.text, by_block[b.index], tokens, cues + _pattern_cues(b.text, words, cues), _depths(b.text), not_part)
        for b, (tokens, cues) in zip(wanted, analyse_texts((b.text for b in wanted), rules))
    ), key=lambda t: t.block)
    labeller = _Labeller(rules)
    out: dict[str, list] = {k: [] for k in fields_of(Statements)}
    previous: _Text | None = None
    qualifiers = set(rules.statements["qualifiers"])
    qualified = re.compile("|".join(map(re.escape, sorted(qualifiers)))) if qualifiers else None  # any of them in a text
    budget_words = tuple(rules.statements.get("rate_budget_words", ()))
    by_index = texts
    for t in texts:
        breakdowns = _breakdowns(t, previous, labeller, words) + _breakdown_over_lines(t, doc, by_index, labeller, outline)
        out["breakdowns"] += breakdowns
        out["shares"] += _shares(t, breakdowns, words)
        out["rates"] += _rates(t, budget_words)
        out["growths"] += _growths(t, labeller)
        out["pairings"] += _pairings(t, words)
        out["counted_lists"] += _counted_lists(t, words)
        out["quantities"] += _quantities(t, breakdowns, labeller, qualified, outline)
        out["stated_totals"] += _stated_totals(t, rules, labeller, outline)
        out["changes"] += changes(t, rules)
        out["completions"] += completions(t, rules)
        out["comparisons"] += comparisons(t, rules)
        previous = t
    out["flat_reasons"] = flat_reasons(doc, rules)
    from .table_totals import table_breakdowns, table_rates  # 合计 rows and 执行率 columns of tables

    out["breakdowns"] += table_breakdowns(doc, rules)
    out["rates"] += table_rates(doc, rules)
    return Statements(**{k: tuple(v) for k, v in out.items()})


def _breakdown_over_lines(
    t: _Text, doc: Document, by_index: Window[_Text], labeller: _Labeller, outline: Outline
) -> list[Breakdown]:
    """A 其中 that ends its paragraph ("基本支出708.28万元，其中：") with its parts in the paragraphs after it, one
    each in its first clause, up to the one that ends its sentence with 。."""
    cue = next((c for c in reversed(t.cues) if c.label == "BREAKDOWN"), None)
    if cue is None or t.text[cue.end :].strip(" 　：:") or t.depth[cue.start]:
        return []
    s0 = t.sentence(cue.start)[0]
    totals = [f for f in t.amounts(s0, cue.start, 0) if t.quantity(f)]
    if not totals:
        return []
    parts: list[Figure] = []
    labels: list[str] = []
    index = t.block
    while True:
        index += 1
        while index < len(doc.blocks) and not doc.blocks[index].text.strip():
            index += 1
        nxt = by_index.get(index)
        item = outline.item_of_block.get(index)
        if nxt is None or (item is not None and outline.items[item].heading):
            return []  # the list ends before a sentence does: not a breakdown to check
        first = [f for f in nxt.amounts(0, nxt.clause(0)[1] if nxt.text[:1] not in "，," else 0, 0) if nxt.quantity(f)]
        if not first:
            return []
        parts.append(first[0])
        labels.append(labeller.label(nxt, first[0]))
        end = nxt.text.rstrip()
        if end.endswith("。"):
            break
        if not end.endswith(("；", ";", "，", ",")) or len(parts) > 30:
            return []
    total = totals[-1]
    truncated = any(c.label == "ETC" for c in by_index[parts[-1].block].cues)
    return [Breakdown("其中", total, tuple(parts), truncated, labeller.label(t, total), tuple(labels))] if len(parts) >= 2 else []


def fields_of(cls: type) -> list[str]:
    from dataclasses import fields

    return [f.name for f in fields(cls)]


def _pattern_cues(text: str, words: _Vocabulary, cues: list[Cue]) -> list[Cue]:
    """COMPARE cues written with a year (与2023年度相比, 比2023年度), found by the patterns of rules/statements.yaml
    where no cue word stands already."""
    found = [Cue("COMPARE", m.start(), m.end(), m.group(0)) for p in words.compare for m in p.finditer(text)]
    return [c for c in found if not any(o.start < c.end and c.start < o.end for o in cues)]


def _total_before(t: _Text, cue: Cue, previous: _Text | None) -> tuple[Figure, _Text] | None:
    """The total a 其中 refers to: the last quantity before it in its sentence, or — when 其中 opens the
    sentence — the last quantity of the sentence (or paragraph) before."""
    depth = t.depth[cue.start]
    s0, _ = t.sentence(cue.start)
    before = [f for f in t.amounts(s0, cue.start) if t.depth[f.start] <= depth and t.quantity(f)]
    if before:
        return before[-1], t
    if t.text[s0 : cue.start].strip(" 　：:，,（("):
        return None
    if s0 > 0:
        earlier = [f for f in t.amounts(t.sentence(s0 - 1)[0], s0 - 1, 0) if t.quantity(f)]
        return (earlier[-1], t) if earlier else None
    if previous is not None:
        earlier = [f for f in previous.amounts(0, len(previous.text), 0) if previous.quantity(f)]
        return (earlier[-1], previous) if earlier else None
    return None


def _parts_end(t: _Text, cue: Cue, s1: int) -> int:
    """Where the parts after a 其中 end: the sentence end, the bracket that closes around it, or the ； before a
    clause group that starts another statement (全年执行数…, 支出总计…，其中…)."""
    depth = t.depth[cue.start]
    end = s1
    if depth > 0:
        end = next((i for i in range(cue.end, s1) if t.depth[i] < depth or (t.text[i] in CLOSERS and t.depth[i] == depth)), s1)
    s0 = t.sentence(cue.start)[0]
    if any(c.start < cue.start and t.depth[c.start] == depth for c in t.cues_in(s0, cue.start, {"BREAKDOWN"})):
        # a 其中 inside another's parts: its own parts end at the next ；
        return next((i for i in range(cue.end, end) if t.text[i] in "；;"), end)
    for i in range(cue.end, end):
        if t.text[i] in "；;" and t.depth[i] == depth:
            g0, g1 = i + 1, t.group(i + 1)[1]
            if any(t.depth[c.start] == depth for c in t.cues_in(g0, g1, ROLE_CUES)):
                return i
    return end


def _breakdowns(t: _Text, previous: _Text | None, labeller: _Labeller, words: _Vocabulary) -> list[Breakdown]:
    found = []
    intros = [c for c in t.cues if c.label == "LIST_INTRO" and c.text in words.intros]
    for cue in sorted(t.cues_in(0, len(t.text), {"BREAKDOWN"}) + intros, key=lambda c: c.start):
        depth = t.depth[cue.start]
        s0, s1 = t.sentence(cue.start)
        if cue.label == "LIST_INTRO":
            # 包括 right after an amount ("基本支出46,218.35万元，包括…") lists parts of it, maybe not all
            before = t.amounts(s0, cue.start, depth)
            lead = t.text[before[-1].end : cue.start].strip(" ，,") if before else None
            if lead is not None and words.intro_skip is not None:  # "…1,786.29万元，占基本支出的83.65%，主要包括…"
                lead = words.intro_skip.sub("", lead, count=1).strip(" ，,")
            if not before or lead not in words.intro_leads or not t.quantity(before[-1]):
                continue
            total, source = before[-1], t
        else:
            located = _total_before(t, cue, previous)
            if located is None:
                continue
            total, source = located
        end = _parts_end(t, cue, s1)
        nested = [
            c for c in t.cues_in(cue.end, end, {"BREAKDOWN", "LIST_INTRO"}) if t.depth[c.start] == depth and c is not cue
        ]
        scopes = [(c.start, next((i for i in range(c.end, end) if t.text[i] in "；;"), end)) for c in nested]
        parts = [
            f for f in t.amounts(cue.end, end, depth)
            if t.quantity(f) and not any(a <= f.start < b for a, b in scopes)
        ]
        if not parts:
            continue
        tail = t.text[parts[-1].end : end]
        truncated = bool(t.cues_in(parts[0].start, end, {"ETC"})) or tail.lstrip().startswith(words.etc)
        kind = "包括" if cue.label == "LIST_INTRO" else "其中"
        found.append(
            Breakdown(kind, total, tuple(parts), truncated, labeller.label(source, total), tuple(labeller.label(t, p) for p in parts))
        )
    for cue in t.cues_in(0, len(t.text), {"TOTAL_AFTER"}):
        c0, _ = t.clause(cue.start)
        if t.text[c0 : cue.start].strip(" 　共总"):
            continue  # 合计 inside a label ("收入合计…"): not a sum of what comes before
        after = [f for f in t.amounts(cue.end, len(t.text)) if f.start <= cue.end + 3 and t.depth[f.start] == t.depth[cue.start]]
        g0, _ = t.group(cue.start)
        if not after or t.cues_in(g0, cue.start, {"BREAKDOWN"}):
            continue
        parts = [f for f in t.amounts(g0, cue.start, t.depth[cue.start]) if t.quantity(f)]
        if len(parts) >= 2:
            found.append(Breakdown("合计", after[0], tuple(parts), False, labeller.label(t, after[0]), tuple(labeller.label(t, p) for p in parts)))
    return found


def _shares(t: _Text, breakdowns: list[Breakdown], words: _Vocabulary) -> list[Share]:
    whole_of = {id(p): b.total for b in breakdowns if b.kind != "合计" for p in b.parts}
    label_of = {id(p): b.label for b in breakdowns if b.kind != "合计" for p in b.parts}
    found = []
    for cue in t.cues_in(0, len(t.text), {"SHARE"}):
        g0, _ = t.group(cue.start)
        _, s1 = t.sentence(cue.start)
        if t.cues_in(t.clause(cue.start)[0], cue.start, {"EACH"}):
            continue  # 分别占…: several shares, paired elsewhere
        percents = [f for f in t.figures_in(cue.end, s1, "percent") if f.start <= cue.end + 20]
        parts = t.amounts(g0, cue.start, t.depth[cue.start])
        if not percents or not parts:
            continue
        percent, part = percents[0], parts[-1]
        stated_base = t.amounts(cue.end, percent.start)
        between = t.text[cue.end : percent.start].strip()
        if stated_base:
            base = stated_base[0]
        elif between in words.share_leads:
            base = whole_of.get(id(part))  # 占X%: a share of the total its 其中 belongs to
        elif _names_whole(between, label_of.get(id(part), ""), words.share_base_suffixes):
            base = whole_of.get(id(part))  # 占基本支出的X% where the 其中 is of 基本支出: the whole it names
        else:
            base = None  # 占部门支出总额的X%: a whole the text names but does not state here
        if base is not None:
            found.append(Share(part, base, percent))
    return found


def _names_whole(between: str, label: str, suffixes: tuple[str, ...]) -> bool:
    """占基本支出的83.65%: the words between 占 and the percentage name the 其中's total (its label, 本年 aside);
    `suffixes` (的, 比重, 比例: rules/statements.yaml share_base_suffixes) are left off, in that order."""
    name = between
    for suffix in suffixes:
        name = name.removesuffix(suffix)
    name = name.strip()
    return len(name) >= 2 and bool(label) and (name == label or label.endswith(name) or name.endswith(label))


def _rates(t: _Text, budget_words: tuple[str, ...] = ()) -> list[Rate]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"RATE"}):
        s0, _ = t.sentence(cue.start)
        ahead = min(len(t.text), cue.end + 64)  # a figure starting within 3 characters ends well before this
        percents = [f for f in t.figures_in(cue.end, ahead, "percent") if f.start <= cue.end + 3]
        if not percents:
            continue

        def labelled(label: str) -> list[Figure]:
            """Amounts of the sentence named by a budget or execution cue, outside brackets and 其中 clauses."""
            out = []
            for f in t.amounts(s0, cue.start, t.depth[cue.start]):
                c0, _ = t.clause(f.start)
                if t.cues_in(c0, f.start, {label}) and not t.cues_in(c0, f.start, {"BREAKDOWN"}):
                    out.append(f)
            return out

        budgets, executions = labelled("BUDGET"), labelled("EXECUTION")
        if not budgets and executions:  # 专项资金共计1,860.00万元，全年执行1,792.56万元 / 合计预算865.40万元，执行…
            budgets = [f for f in t.amounts(s0, executions[0].start, t.depth[cue.start]) if _budget_like(t, f, budget_words)][-1:]
        if budgets and executions:
            found.append(Rate(budgets[0], executions[0], percents[0]))
    return found


def _budget_like(t: _Text, f: Figure, words: tuple[str, ...]) -> bool:
    """An amount whose clause names a budget or a total of funds (合计预算…, 资金共计…, 项目资金…) without a budget cue
    word (rules/statements.yaml rate_budget_words)."""
    c0, _ = t.clause(f.start)
    lead = t.text[c0 : f.start]
    return (any(w in lead for w in words) or bool(t.cues_in(c0, f.start, {"TOTAL_AFTER"}))) and not t.cues_in(c0, f.start, CHANGE_CUES | {"BREAKDOWN", "SHARE"})


def _growths(t: _Text, labeller: _Labeller) -> list[Growth]:
    """比上年增加N万元，增长M%: the change and the rate must stand side by side. The current amount stands before the
    comparison in its clause group, or — when the comparison opens its sentence and names the same subject
    (…总计2995.39万元。与2023年度相比，收入支出总计减少…) — at the end of the sentence before."""
    found = []
    for cue in t.cues_in(0, len(t.text), {"COMPARE"}):
        s0, s1 = t.sentence(cue.start)
        current = [f for f in t.amounts(t.group(cue.start)[0], cue.start, 0) if t.quantity(f)]
        directions = t.cues_in(cue.end, s1, {"INCREASE", "DECREASE"})
        if not current and directions and s0 > 0 and not t.text[s0 : cue.start].strip(" 　"):
            subject = t.text[cue.end : directions[0].start].strip(" 　，,")
            earlier = [f for f in t.amounts(t.sentence(s0 - 1)[0], s0 - 1, 0) if t.quantity(f)]
            if subject and earlier and labeller.label(t, earlier[-1]).endswith(subject) and t.text[earlier[-1].end : s0].strip(" 　。") == "":
                current = earlier[-1:]
        if not current or len(directions) < 2:
            continue
        first, second = directions[0], directions[1]
        change = [f for f in t.figures_in(first.end, len(t.text), "amount") if f.start <= first.end + 2]
        percent = [f for f in t.figures_in(second.end, len(t.text), "percent") if f.start <= second.end + 2]
        if not change or not percent or first.label != second.label:
            continue
        if t.text[change[0].end : second.start].strip(" ，,、"):
            continue  # something stands between the change and the rate: they may not belong together
        found.append(Growth(current[-1], change[0], percent[0], 1 if first.label == "INCREASE" else -1))
    return found


def _pairings(t: _Text, words: _Vocabulary) -> list[Pairing]:
    found = []
    for cue in t.cues_in(0, len(t.text), {"EACH"}):
        start = t.clause(cue.start)[0]
        phrase = t.text[start : cue.start]
        if "、" not in phrase and not words.conjunction.search(phrase):
            continue  # the items are not listed right before 分别 (同比分别增长…): nothing to pair
        items, alternative = _split_items(phrase, words.conjunction) if "、" in phrase else (words.conjunction.split(phrase), 0)
        items = [i for i in items if i.strip()]
        figures = _coordinated_figures(t, cue, words)
        if len(items) >= 2 and len(figures) >= 2:
            found.append(Pairing(t.block, cue.start, cue.end, tuple(items), alternative or len(items), tuple(figures)))
    return found


def _coordinated_figures(t: _Text, cue: Cue, words: _Vocabulary) -> list[Figure]:
    """The figures right after 分别 that are listed together: X、Y和Z — not those of later clauses."""
    _, c1 = t.clause(cue.end)
    following = [f for f in t.figures_in(cue.end, c1 + 1) if t.depth[f.start] == t.depth[cue.start]]
    following += [f for f in t.figures_in(c1 + 1, len(t.text)) if t.depth[f.start] == t.depth[cue.start]][:20]
    if not following or following[0].start > c1:
        return []
    run = [following[0]]
    for f in following[1:]:
        if t.text[run[-1].end : f.start].strip() not in words.separators:
            break
        run.append(f)
    return run


def _counted_lists(t: _Text, words: _Vocabulary) -> list[CountedList]:
    found = []
    for count in (f for f in t.figures if f.kind == "count" and not f.approx and f.unit not in words.person_units):
        start = _list_start(t, count.end)
        if start is None:
            # 设5个内设机构，分别为：… / 下设3个科室：…: a short noun between the count and its list
            noun = words.count_noun.match(t.text, count.end)
            start = _list_start(t, noun.end(), naming=True) if noun and noun.end() > count.end else None
            if start is None or t.cues_in(count.end, noun.end()):
                continue
        start += len(t.text[start:]) - len(t.text[start:].lstrip(" 　：:"))
        end = next((i for i in range(start, len(t.text)) if t.text[i] in "。；;！？\n" and t.depth[i] == 0), len(t.text))
        region = t.text[start:end]
        if t.figures_in(start, end):
            continue  # items with figures of their own are a breakdown, not a list of names
        truncated = bool(words.etc_end.search(region.strip()))
        items, alternative = _split_items(words.etc_end.sub("", region.strip()), words.conjunction)
        if len(items) >= 2:
            found.append(CountedList(count, tuple(items), alternative, truncated, start, end))
    return found


def _subject(t: _Text, f: Figure, labeller: _Labeller) -> str:
    """The phrases that lead up to an amount's clause in its clause group and name whose it is ("在面向小微企业预留
    的政府采购项目中，由小微企业供应商中标或成交的，采购金额…"): part of what the amount is. Clauses with figures of
    their own are other statements, not its subject."""
    g0, c0 = t.group(f.start)[0], t.clause(f.start)[0]
    if c0 <= g0 or t.figures_in(g0, c0):
        return ""
    lead = t.text[g0:c0]
    for pattern in labeller.noise:
        lead = pattern.sub("", lead)
    return lead.strip(" 　，,：:")


def _list_start(t: _Text, pos: int, naming: bool = False) -> int | None:
    """Where a list starts after `pos`: after a LIST_INTRO or EACH cue there (，即…, 分别为：…) or a colon. After a
    noun (`naming`), an EACH cue must name the items (分别为, 分别是), not start a clause (分别负责…)."""
    rest = t.text[pos:]
    at = pos + len(rest) - len(rest.lstrip(" 　，,"))
    intro = [
        c for c in t.cues_in(at, len(t.text))
        if c.start == at and (c.label == "LIST_INTRO" or (c.label == "EACH" and (not naming or c.text.endswith(("为", "是")))))
    ]
    if intro:
        return intro[0].end
    if t.text[pos : pos + 1] in ("：", ":"):
        return pos + 1
    return None


def _quantities(
    t: _Text, breakdowns: list[Breakdown], labeller: _Labeller, qualified: re.Pattern[str] | None, outline: Outline
) -> list[Quantity]:
    scope_of = {id(p): b.label for b in breakdowns for p in b.parts}
    section = outline.sections.get(t.block, ())
    headings = "".join(outline.heading_text(i) for i in section)
    own = outline.item_of_block.get(t.block)
    if own is not None:
        section = (*section, own)  # a numbered paragraph (1.项目甲…) is a place of its own
    found = []
    for f in t.figures:
        if f.kind != "amount" or f.approx or t.depth[f.start] > 0:
            continue
        c0, c1 = t.clause(f.start)
        context = t.text[t.group(f.start)[0] : c1]  # the clause and what leads up to it (第二季度，…)
        label = labeller.label(t, f)
        if len(label) < 4 or (qualified is not None and qualified.search(context)) or t.cues_in(c0, c1, _NOT_LABELLED_CUES):
            continue
        year = _YEAR.search(t.text[t.group(f.start)[0] : f.start]) or _YEAR.search(headings)
        found.append(Quantity((year.group(0) if year else "", scope_of.get(id(f), ""), label, _subject(t, f, labeller)), f, section))
    return found


@lru_cache(maxsize=16)
def _compiled_all(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def total_stem(name: str, rules: RuleData) -> str:
    """A name without its leading year or 本年 and without a closing 总计/合计 (rules/statements.yaml stated_totals)."""
    conf = rules.statements["stated_totals"]
    for pattern in _compiled_all(tuple(conf.get("name_noise", ()))):
        name = pattern.sub("", name)
    name = name.strip(" 　、")
    for word in conf["words"]:
        if name.endswith(word):
            return name[: -len(word)]
    return name


def _stated_totals(t: _Text, rules: RuleData, labeller: _Labeller, outline: Outline) -> list[StatedTotal]:
    """Totals stated by name: a 总计/合计 cue closing a clause's name right before its amount ("…收入支出总计0.3万元";
    not "总计减少56.95万元", not a share or a change)."""
    conf = rules.statements["stated_totals"]
    found = []
    for cue in t.cues_in(0, len(t.text), {"TOTAL_AFTER"}):
        if cue.text not in conf["words"]:
            continue
        c0, c1 = t.clause(cue.start)
        after = [f for f in t.amounts(cue.end, c1) if t.depth[f.start] == t.depth[cue.start]]
        if not after or t.text[cue.end : after[0].start].strip() not in conf["between"] or after[0].approx:
            continue
        if t.cues_in(c0, c1, CHANGE_CUES | {"SHARE", "RATE", "BUDGET", "INITIAL_BUDGET"}) or not t.quantity(after[0]):
            continue
        name = "".join(tok.text for tok in t.tokens_in(c0, cue.end)) or t.text[c0 : cue.end]
        if any(q in name for q in rules.statements["qualifiers"]):
            continue
        stem = total_stem(name, rules)
        if len(stem) < 2:
            continue
        covers = next((tuple(stem[: -len(k)] + side for side in v) for k, v in conf["sides"].items() if stem.endswith(k)), (stem,))
        document = stem in conf["document_totals"]
        year = _YEAR.search(t.text[t.group(cue.start)[0] : cue.start])
        found.append(StatedTotal(stem + cue.text, stem, covers, document, year.group(0) if year else "", after[0], outline.sections.get(t.block, ())))
    return found

