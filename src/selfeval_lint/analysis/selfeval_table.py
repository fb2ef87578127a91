"""The self-evaluation table (绩效自评表) understood: funds block, indicator grid, totals, grade, targets, and the
report's own statements about them — found by header words from rules/tables.yaml on any input format's tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..model import Block, Document
from ..rulesets import RuleData
from .figures import Figure
from .prefilter import needed, passes

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^(?P<sign>[-−]?)(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>.*)$")
_UNIT_IN_HEADER = re.compile(r"[（(]\s*(万元|元|亿元|千元)\s*[)）]")


@dataclass(frozen=True)
class CellValue:
    """One table cell: where it is, its text, and what it holds (a number, a percentage, a dash, nothing, text)."""

    block: int
    row: int  # 0-based grid row in its block
    col: int
    text: str
    start: int  # offset of the cell in its block's text
    kind: str  # "number", "percent", "dash", "empty" or "text"
    value: Decimal | None = None
    decimals: int = 0
    unit: str = ""

    @property
    def end(self) -> int:
        return self.start + max(len(self.text), 1)

    @property
    def shown(self) -> str:
        """The text without the spaces a PDF's justification or a line break put inside it."""
        return _norm(self.text)

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "percent")

    def figure(self, unit: str = "", scale: int = 1) -> Figure:
        """The cell as a Figure, so the ARI interval arithmetic applies unchanged."""
        kind = "percent" if self.kind == "percent" else "amount"
        return Figure(self.block, self.start, self.end, self.text, kind, self.value or Decimal(0), unit or self.unit,
                      scale, self.decimals, False)


@dataclass(frozen=True)
class Target:
    """A target or completed value read: comparison, number and unit, or a qualitative word."""

    text: str
    op: str | None = None  # ">=", "<=", "=", ">", "<"; None when not written
    value: Decimal | None = None
    unit: str = ""
    level: int | None = None  # rank on the qualitative scale (0 = worst)
    word: str | None = None  # "met", "missed" or "trend"


@dataclass(frozen=True)
class FundsRow:
    label: str
    kind: str  # "total" or "part"
    cells: dict[str, CellValue]  # column key (initial, budget, execution, points, rate, score) → cell
    group: int = -1  # parts: which breakdown (rules/tables.yaml part_groups) the label belongs to; -1 unknown


@dataclass(frozen=True)
class Funds:
    header: CellValue  # the block's label cell (项目资金（万元）) or its first header
    unit: str
    rows: tuple[FundsRow, ...]

    @property
    def total(self) -> FundsRow | None:
        return next((r for r in self.rows if r.kind == "total"), None)

    @property
    def parts(self) -> tuple[FundsRow, ...]:
        return tuple(r for r in self.rows if r.kind == "part")


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    level3: str
    cells: dict[str, CellValue]  # target, actual, points, score, reason
    target: Target | None
    actual: Target | None
    met: bool | None  # None: cannot tell (qualitative, units differ, no value)


@dataclass(frozen=True)
class SelfEvalTable:
    """One self-evaluation table (its blocks joined when a page break split it)."""

    blocks: tuple[int, ...]
    funds: Funds | None
    indicators: tuple[Indicator, ...]
    goals: tuple[tuple[str, str], ...]  # (预期目标, 实际完成情况) texts
    total_points: CellValue | None  # the 总分 row's 分值
    total_score: CellValue | None  # the 总分 row's 得分
    grade: CellValue | None  # the 自评等级 value cell (empty kind when left blank)
    grade_label: CellValue | None
    has_reason_column: bool = False
    title: str = ""  # the paragraph naming the table (…绩效自评表), when one stands just before it
    units: tuple[str, ...] = ()  # the names after 主管部门, 实施单位 … (rules/tables.yaml unit_labels)

    @property
    def score_cells(self) -> list[CellValue]:
        """Every scored row's 得分 (the funds block's 执行率 row first)."""
        cells = []
        if self.funds and self.funds.total and "score" in self.funds.total.cells:
            cells.append(self.funds.total.cells["score"])
        return cells + [i.cells["score"] for i in self.indicators if "score" in i.cells]

    @property
    def point_cells(self) -> list[CellValue]:
        cells = []
        if self.funds and self.funds.total and "points" in self.funds.total.cells:
            cells.append(self.funds.total.cells["points"])
        return cells + [i.cells["points"] for i in self.indicators if "points" in i.cells]


@dataclass(frozen=True)
class Mention:
    """A figure the report's text states about the table (执行率, 总分, 等级)."""

    kind: str  # "rate", "score" or "grade"
    block: int
    start: int
    end: int
    text: str
    value: Decimal | None = None
    decimals: int = 0
    grade: str | None = None


@dataclass(frozen=True)
class TableFacts:
    tables: tuple[SelfEvalTable, ...] = ()
    mentions: tuple[Mention, ...] = ()
    profile: dict[str, Any] = field(default_factory=dict)
    reason_in_text: bool = False  # a paragraph gives a reason about execution (原因…执行)


def _norm(text: str) -> str:
    return _SPACES.sub("", text)


class _Words:
    """Header words per key, longest first, so that 年初预算数 wins over 预算数."""

    def __init__(self, columns: dict[str, list[str]]) -> None:
        self.pairs = sorted(((w, k) for k, words in columns.items() for w in words), key=lambda p: -len(p[0]))

    def key(self, text: str) -> str | None:
        text = _norm(text)
        if not text or len(text) > 24:
            return None
        return next((k for w, k in self.pairs if w in text), None)


def grade_for(score: Decimal, grades: list[dict[str, Any]]) -> str:
    """The grade band a total falls in (grades listed from the best)."""
    for band in grades:
        if score >= Decimal(str(band["min"])):
            return band["grade"]
    return grades[-1]["grade"]


def canonical_grade(text: str, conf: dict[str, Any]) -> str | None:
    text = _norm(text).strip("“”\"「」：:")
    grades = {g["grade"] for g in conf["grades"]}
    if text in grades:
        return text
    return conf["grade_aliases"].get(text)


class _Reader:
    def __init__(self, doc: Document, conf: dict[str, Any]) -> None:
        self.doc, self.conf = doc, conf
        self.funds_words = _Words(conf["funds"]["columns"])
        self.ind_words = _Words(conf["indicators"]["columns"])
        self.dashes = {_norm(d) for d in conf["dashes"]}

    def cell(self, block: Block, r: int, c: int) -> CellValue:
        table = block.table
        assert table is not None
        text = table.rows[r][c] if c < len(table.rows[r]) else ""
        start = table.starts[r][c] if table.starts and c < len(table.starts[r]) else 0
        return value_of(block.index, r, c, text, start, self.dashes)

    def row_of(self, block: Block, r: int) -> list[CellValue]:
        assert block.table is not None
        return [self.cell(block, r, c) for c in range(len(block.table.rows[r]))]


def value_of(block: int, r: int, c: int, text: str, start: int, dashes: set[str]) -> CellValue:
    """What a cell's text holds."""
    raw = _norm(text).translate(_FULLWIDTH)
    if not raw:
        return CellValue(block, r, c, text, start, "empty")
    if raw in dashes or set(raw) <= set("—-－–"):
        return CellValue(block, r, c, text, start, "dash")
    m = _NUMBER.match(raw)
    if m and (m.group("unit") in ("", "%", "分", "万元", "元", "亿元")):
        digits = m.group("num").replace(",", "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return CellValue(block, r, c, text, start, "text")
        if m.group("sign"):
            value = -value
        decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
        kind = "percent" if m.group("unit") == "%" else "number"
        return CellValue(block, r, c, text, start, kind, value, decimals, m.group("unit"))
    return CellValue(block, r, c, text, start, "text")


def read_target(text: str, conf: dict[str, Any]) -> Target | None:
    """A 年度指标值 or 实际完成值: "≥95%", "≤10个工作日", "=1项", "100%", "达到预期", "好/较好", "逐步提高"."""
    raw = _norm(text).translate(_FULLWIDTH)
    if not raw:
        return None
    t = conf["targets"]
    op = None
    for word in sorted(t["comparators"], key=len, reverse=True):
        if raw.startswith(word):
            op, raw = t["comparators"][word], raw[len(word):]
            break
    m = re.match(r"^(\d+(?:\.\d+)?)(.*)$", raw.replace(",", ""))
    if m:
        unit = m.group(2)
        for word in sorted(t["comparators_after"], key=len, reverse=True):
            if unit.endswith(word):
                op, unit = op or t["comparators_after"][word], unit[: -len(word)]
                break
        if len(unit) <= 6 and not re.search(r"\d", unit):
            return Target(text, op, Decimal(m.group(1)), unit)
        return Target(text)
    for word_kind in ("missed", "met", "trend"):
        if any(w in raw for w in t[word_kind]) and not (word_kind == "met" and any(w in raw for w in t["missed"])):
            return Target(text, word=word_kind, level=_level(raw, t["scale"]))
    level = _level(raw, t["scale"])
    return Target(text, level=level) if level is not None else Target(text)


def _level(raw: str, scale: list[list[str]]) -> int | None:
    """The qualitative level of a value written as one of the scale's words ("好/较好" takes the lower)."""
    parts = [p for p in re.split(r"[/／、或]", raw) if p]
    levels = []
    for part in parts:
        found = [i for i, words in enumerate(scale) if part in words]
        if not found:
            return None
        levels.append(min(found))
    return min(levels) if levels else None


def judge(target: Target | None, actual: Target | None, names: str, conf: dict[str, Any]) -> bool | None:
    """Whether the completed value meets the target; None when that cannot be told."""
    if target is None or actual is None:
        return None
    if actual.word == "missed":
        return False
    if target.value is not None and actual.value is not None:
        if target.unit != actual.unit and actual.unit and target.unit:
            return None
        op = target.op
        if op is None:
            op = "<=" if any(w in names for w in conf["targets"]["lower_is_better"]) else ">="
        a, b = actual.value, target.value
        return {">=": a >= b, "<=": a <= b, "=": a == b, ">": a > b, "<": a < b}[op]
    if target.level is not None and actual.level is not None:
        return actual.level >= target.level
    if actual.word == "met" and (target.word in ("met", "trend") or target.level is not None):
        return True
    if target.word == "trend" and actual.word == "trend":
        return True
    return None


def _header_keys(cells: list[CellValue], words: _Words) -> dict[int, str]:
    keys: dict[int, str] = {}
    for c in cells:
        key = words.key(c.text) if c.kind == "text" else None
        if key is not None and key not in keys.values():
            keys[c.col] = key
    return keys


def _first_text(cells: list[CellValue]) -> CellValue | None:
    return next((c for c in cells if c.kind == "text"), None)


def _starts(text: str, words: list[str]) -> bool:
    text = re.sub(r"^其中[:：]?", "", _norm(text)).strip("：:")
    return any(text.startswith(w) for w in words)


def _joined(doc: Document) -> list[list[Block]]:
    """Table blocks in runs: a table split by a page break is one table — the next block, of the same width or
    (in a PDF, where a continuation loses the columns merged cells span) starting on the next page."""
    runs: list[list[Block]] = []
    previous: Block | None = None
    for block in doc.blocks:
        if block.table is None or not block.table.rows:
            continue
        width = max(len(r) for r in block.table.rows)
        page, last_page = block.segments[0].page, previous.segments[-1].page if previous is not None else None
        if (
            previous is not None and previous.table is not None and block.index == previous.index + 1
            and (max(len(r) for r in previous.table.rows) == width or (page is not None and last_page is not None and page == last_page + 1))
        ):
            runs[-1].append(block)
        else:
            runs.append([block])
        previous = block
    return runs


def read_tables(doc: Document, conf: dict[str, Any]) -> list[SelfEvalTable]:
    reader = _Reader(doc, conf)
    found = []
    for run in _joined(doc):
        table = _read_run(reader, run)
        if table is not None:
            found.append(table)
    return found


def _read_run(reader: _Reader, run: list[Block]) -> SelfEvalTable | None:
    conf = reader.conf
    rows = [(b, r, reader.row_of(b, r)) for b in run for r in range(len(b.table.rows))]  # type: ignore[union-attr]
    funds_rows: list[FundsRow] = []
    funds_header: CellValue | None = None
    funds_keys: dict[int, str] = {}
    unit = conf["funds"]["unit_default"]
    ind_keys: dict[int, str] = {}
    indicators: list[Indicator] = []
    goals: list[tuple[str, str]] = []
    total_points = total_score = grade = grade_label = None
    carry = {"level1": "", "level2": ""}
    mode = None
    units: list[str] = []
    for i, (block, r, cells) in enumerate(rows):
        texts = [_norm(c.text) for c in cells]
        for n, c in enumerate(cells):
            if c.kind == "text" and _norm(c.text).strip("：:") in conf["unit_labels"]:
                name = next((x.shown for x in cells[n + 1 :] if x.kind == "text"), "")
                if name and name not in units:
                    units.append(name)
        # A grade cell anywhere: "自评等级" then its value (after a colon in the cell, or the next filled cell).
        for c in cells:
            if c.kind == "text" and _starts(c.text, conf["grade_labels"]) and len(_norm(c.text)) <= 12:
                grade_label = c
                rest = re.split(r"[:：]", c.text, maxsplit=1)
                if len(rest) == 2 and rest[1].strip():
                    grade = CellValue(c.block, c.row, c.col, c.text, c.start, "text")
                else:
                    after = [x for x in cells if x.col > c.col and x.kind != "empty"]
                    grade = after[0] if after else CellValue(c.block, c.row, c.col + 1, "", c.end, "empty")
        funds_candidate = _header_keys(cells, reader.funds_words)
        if {"budget", "execution"} <= set(funds_candidate.values()) or {"budget", "rate"} <= set(funds_candidate.values()):
            funds_keys, mode = funds_candidate, "funds"
            funds_header = _first_text(cells)
            for c in cells:
                if (m := _UNIT_IN_HEADER.search(c.text)) is not None:
                    unit = m.group(1)
            if i > 0 and (m := next((_UNIT_IN_HEADER.search(x.text) for x in rows[i - 1][2] if _UNIT_IN_HEADER.search(x.text)), None)):
                unit = m.group(1)
            continue
        ind_candidate = _header_keys(cells, reader.ind_words)
        values = set(ind_candidate.values())
        if ("level3" in values or "level2" in values) and len(values & {"target", "actual", "points", "score"}) >= 1:
            ind_keys, mode = ind_candidate, "indicators"
            if i + 1 < len(rows):  # a second header row fills columns the first left blank
                below = _header_keys(rows[i + 1][2], reader.ind_words)
                for col, key in below.items():
                    if col not in ind_keys and key not in ind_keys.values():
                        ind_keys[col] = key
            carry = {"level1": "", "level2": ""}
            continue
        if any(_starts(t, conf["goals"]["expected"]) for t in texts) and any(_starts(t, conf["goals"]["actual"]) for t in texts):
            mode = "goals"
            continue
        label = _first_text(cells)
        if label is not None and _norm(label.text).strip("：:") in conf["total_labels"] and ind_keys:
            by_key = {k: cells[c] for c, k in ind_keys.items() if c < len(cells)}
            numbers = [c for c in cells if c.numeric]
            if not any(by_key.get(k) is not None and by_key[k].kind != "empty" for k in ("points", "score")) and numbers:
                # a continuation that lost the merged columns: its numbers in order are 分值 and 得分
                by_key = dict(zip(("points", "score"), numbers)) if len(numbers) == 2 else {"score": numbers[-1]}
            total_points = by_key.get("points", total_points)
            total_score = by_key.get("score", total_score)
            mode = None
            continue
        if mode == "funds":
            first_key = min(funds_keys, default=0)
            labels = [c for c in cells if c.kind == "text" and c.col < first_key]
            by_key = {k: cells[c] for c, k in funds_keys.items() if c < len(cells)}
            figures = any(v.kind in ("number", "percent", "dash") for v in by_key.values())
            if not labels:
                continue
            label_cell = labels[-1]
            groups = conf["funds"]["part_groups"]
            group = next((g for g, words in enumerate(groups) if _starts(label_cell.text, words)), -1)
            if _starts(label_cell.text, conf["funds"]["total_rows"]) and "其中" not in label_cell.text:
                funds_rows.append(FundsRow(_norm(label_cell.text), "total", by_key))
            elif group >= 0 or (figures and funds_rows):
                funds_rows.append(FundsRow(_norm(label_cell.text), "part", by_key, group))
            elif not figures:
                mode = None  # a row of another part of the table
            continue
        if mode == "goals":
            filled = [c.text for c in cells if c.kind != "empty" and not _starts(c.text, conf["goals"]["label"])]
            if len(filled) >= 2:
                goals.append((filled[-2], filled[-1]))
            continue
        if mode == "indicators":
            by_key = {k: cells[c] for c, k in ind_keys.items() if c < len(cells)}
            if all(v.kind == "empty" for v in by_key.values()):
                continue
            for level in ("level1", "level2"):
                cell = by_key.get(level)
                if cell is not None and cell.kind != "empty":
                    carry[level] = _norm(cell.text)
                    if level == "level1":
                        carry["level2"] = ""
            level3 = _norm(by_key["level3"].text) if "level3" in by_key else ""
            if not level3 and by_key.get("points") is None and by_key.get("score") is None:
                continue
            names = carry["level1"] + carry["level2"] + level3
            target = read_target(by_key["target"].text, conf) if "target" in by_key else None
            actual = read_target(by_key["actual"].text, conf) if "actual" in by_key else None
            indicators.append(Indicator(carry["level1"], carry["level2"], level3, by_key, target, actual,
                                        judge(target, actual, carry["level2"] + level3, conf)))
            del names
    funds = Funds(funds_header, unit, tuple(funds_rows)) if funds_rows and funds_header is not None else None
    if funds is None and not indicators:
        return None
    return SelfEvalTable(
        blocks=tuple(b.index for b in run), funds=funds, indicators=tuple(indicators), goals=tuple(goals),
        total_points=total_points, total_score=total_score, grade=grade, grade_label=grade_label,
        has_reason_column="reason" in ind_keys.values(), title=_title_before(reader.doc, run[0].index), units=tuple(units),
    )


def _title_before(doc: Document, index: int) -> str:
    """The paragraph just before a table that names it (…自评表, …评价表), if any (within three blocks)."""
    for block in reversed(doc.blocks[max(0, index - 3) : index]):
        if block.table is None and ("自评表" in block.text or "评价表" in block.text) and len(block.text) <= 60:
            return block.text.strip()
    return ""


def same_scope(doc: Document, table: SelfEvalTable) -> bool:
    """Whether the report's text speaks of the table's spending: a project table attached to a department-wide
    report (or the reverse) has figures of its own."""
    title = doc.title or ""
    dept_report, project_report = "部门整体" in title or "整体支出" in title, "项目支出" in title or "项目绩效" in title
    name = table.title or title
    dept_table, project_table = "部门整体" in name or "整体支出" in name, "项目" in name and "整体" not in name
    return not ((dept_report and project_table) or (project_report and dept_table))


@lru_cache(maxsize=4)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def find_mentions(doc: Document, conf: dict[str, Any]) -> list[Mention]:
    """The report's statements of the table's 执行率, 总分/自评得分 and 自评等级 (paragraphs only)."""
    out: list[Mention] = []
    narrative = conf["narrative"]
    for block in doc.blocks:
        if block.table is not None:
            continue
        text = block.text
        present = set(text)
        for kind in ("rate", "score"):
            pattern = _compiled(narrative[kind])
            for m in pattern.finditer(text) if passes(needed(pattern), present) else ():
                digits = m.group("num")
                decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
                out.append(Mention(kind, block.index, m.start("num"), m.end(), m.group(0), Decimal(digits), decimals))
        grades = _compiled(narrative["grade"])
        for m in grades.finditer(text) if passes(needed(grades), present) else ():
            grade = canonical_grade(m.group("grade"), conf)
            if grade is not None:
                out.append(Mention("grade", block.index, m.start("grade"), m.end("grade"), m.group(0), grade=grade))
    out.sort(key=lambda x: (x.block, x.start))
    return out


def choose_profile(doc: Document, conf: dict[str, Any]) -> dict[str, Any]:
    """The first score profile whose words occur in the title or agency; the last one otherwise."""
    where = (doc.title or "") + (doc.agency or "")
    for profile in conf["profiles"]:
        if profile["words"] and any(w in where for w in profile["words"]):
            return profile
    return conf["profiles"][-1]


def _reason_in_text(doc: Document, conf: dict[str, Any], skip: set[int]) -> bool:
    narrative = conf["narrative"]
    for block in doc.blocks:
        if block.index in skip:
            continue
        text = block.text
        if any(c in text for c in narrative["reason_cues"]) and any(t in text for t in narrative["reason_topics"]):
            return True
    return False


def table_facts(doc: Document, rules: RuleData) -> TableFacts:
    conf = rules.tables
    tables = tuple(read_tables(doc, conf))
    if not tables:  # the statements still count: the table may be a file of its own (batch_tables.py)
        return TableFacts(mentions=tuple(find_mentions(doc, conf)), profile=choose_profile(doc, conf))
    funds_blocks = {b for t in tables for b in t.blocks}  # the table's own reasons are read from its cells
    return TableFacts(
        tables=tables,
        mentions=tuple(find_mentions(doc, conf)),
        profile=choose_profile(doc, conf),
        reason_in_text=_reason_in_text(doc, conf, funds_blocks),
    )


def facts_as_dict(facts: TableFacts, doc: Document) -> dict[str, Any]:
    """The table model as plain data (for `extract`): each part with its cells' text, value and place."""

    def cell(c: CellValue | None) -> dict[str, Any] | None:
        if c is None:
            return None
        block = doc.blocks[c.block]
        place: dict[str, Any] = {"row": c.row + 1, "col": c.col + 1, "line": block.position(c.start)[0]}
        if block.table is not None and block.table.sheet is not None:
            place.update(sheet=block.table.sheet.name, cell=block.table.sheet.a1(c.row, c.col))
        value = str(c.value) if c.value is not None else None
        return {"text": c.shown, "kind": c.kind, "value": value, **place}

    def target(t: Target | None) -> dict[str, Any] | None:
        if t is None:
            return None
        return {"op": t.op, "value": str(t.value) if t.value is not None else None, "unit": t.unit, "level": t.level, "word": t.word}

    tables = []
    for t in facts.tables:
        tables.append({
            "blocks": list(t.blocks),
            "funds": None if t.funds is None else {
                "unit": t.funds.unit,
                "rows": [{"label": r.label, "kind": r.kind, "cells": {k: cell(v) for k, v in r.cells.items()}} for r in t.funds.rows],
            },
            "goals": [{"expected": e, "actual": a} for e, a in t.goals],
            "indicators": [
                {"level1": i.level1, "level2": i.level2, "level3": i.level3, "cells": {k: cell(v) for k, v in i.cells.items()},
                 "target": target(i.target), "actual": target(i.actual), "met": i.met}
                for i in t.indicators
            ],
            "total_points": cell(t.total_points),
            "total_score": cell(t.total_score),
            "grade": cell(t.grade),
        })
    mentions = [
        {"kind": m.kind, "text": m.text, "value": str(m.value) if m.value is not None else m.grade,
         "line": doc.blocks[m.block].position(m.start)[0]}
        for m in facts.mentions
    ]
    sheets = [
        {"name": b.table.sheet.name, "hidden": b.table.sheet.hidden, "hidden_rows": list(b.table.sheet.hidden_rows)}
        for b in doc.blocks if b.table is not None and b.table.sheet is not None
    ]
    return {"profile": facts.profile.get("id"), "tables": tables, "mentions": mentions, "sheets": sheets}
