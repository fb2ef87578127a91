"""合计 rows of tables (a 收入支出决算总表 pasted one cell per line, or a grid) as breakdowns of the numbered rows
above them: "本年收入合计" is the sum of the 一、二、… rows whose names end in 收入."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..labels import parse_label
from ..model import Block, BlockKind, Document
from ..rulesets import RuleData
from .figures import Figure

NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
UNIT = re.compile(r"单位[:：]\s*(亿元|万元|千元|元)")
SCALES = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}


@dataclass
class _Segment:
    """A row label and the number cells after it up to the next label (None: an empty grid cell)."""

    label: str
    values: list[Figure | None]


def _unit(doc: Document, block: Block) -> tuple[str, int]:
    """The table's unit from a "单位：万元" cell or one of the three paragraphs before it; ("", 1) when none is written."""
    texts = [block.text] + [doc.blocks[i].text for i in range(max(0, block.index - 3), block.index)]
    for text in texts:
        if m := UNIT.search(text):
            return m.group(1), SCALES[m.group(1)]
    return "", 1


def _figure(block: Block, start: int, text: str, unit: str, scale: int) -> Figure | None:
    m = NUMBER.match(text)
    if m is None:
        return None
    try:
        value = Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None
    return Figure(block.index, start, start + len(text), text, "amount", value, unit, scale, len(m.group(1) or ""), False)


def _segments(block: Block, unit: str, scale: int) -> list[_Segment]:
    table = block.table
    assert table is not None
    found: list[_Segment] = []
    for r, row in enumerate(table.rows):
        current: _Segment | None = None
        starts = table.starts[r] if r < len(table.starts) else ()
        for c, cell in enumerate(row):
            text = cell.strip()
            start = starts[c] + (len(cell) - len(cell.lstrip())) if c < len(starts) else 0
            figure = _figure(block, start, text, unit, scale) if text else None
            if text and figure is None:
                current = _Segment(text, [])
                found.append(current)
            elif current is not None:
                current.values.append(figure)
    return found


def table_breakdowns(doc: Document, rules: RuleData) -> list:
    """A Breakdown (kind 合计) per column of each 合计 row whose parts are the numbered rows (一、…, values 1…n
    without a gap) above it, back to the previous 合计 of the same name, whose names end with the 合计's stem."""
    from .statements import Breakdown

    conf = rules.statements["table_totals"]
    noise = [re.compile(p) for p in rules.statements["stated_totals"]["name_noise"]]
    found = []
    for block in doc.blocks:
        if block.kind is not BlockKind.TABLE or block.table is None:
            continue
        unit, scale = _unit(doc, block)
        segments = _segments(block, unit, scale)
        opened: dict[str, int] = {}  # stem → where its rows start (after its previous 合计)
        for i, seg in enumerate(segments):
            name = re.sub(r"\s+", "", seg.label)
            word = next((w for w in conf["total_words"] if name.endswith(w)), None)
            if word is None:
                continue
            stem = name[: -len(word)]
            for pattern in noise:  # 本年收入合计 → 收入 (the year and 本年/全年/当年 of stated_totals.name_noise)
                stem = pattern.sub("", stem)
            earlier = segments[opened.get(stem, 0) : i]
            opened[stem] = i + 1
            if len(stem) < 2 or not seg.values or parse_label(name) is not None:
                continue
            parts = []
            for s in earlier:
                label = parse_label(s.label)
                if label is not None and s.label.rstrip().endswith(stem) and not label.is_part:
                    parts.append((label, s))
            if len(parts) < 2 or len({lb.style for lb, _ in parts}) != 1:
                continue
            if [lb.value for lb, _ in parts] != list(range(1, len(parts) + 1)):
                continue
            if any(len(s.values) not in (0, len(seg.values)) for _, s in parts):
                continue  # cells dropped (a flattened table) or rows cut short: columns cannot be told
            for j, total in enumerate(seg.values):
                if total is None:
                    continue
                cells = [(s.label, s.values[j]) for _, s in parts if j < len(s.values) and s.values[j] is not None]
                if cells:
                    found.append(Breakdown("合计", total, tuple(f for _, f in cells), False, name, tuple(lb for lb, _ in cells)))
    return found



PERCENT_CELL = re.compile(r"^(\d+(?:\.(\d+))?)\s*%?$")
_HEADER_UNIT = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[)）]")


def table_rates(doc: Document, rules: RuleData) -> list:
    """A Rate per row of a table whose header names a budget column (全年预算数, 调整后预算数 — not only 年初预算), an
    execution column (执行数) and a rate column (执行率): 执行数 ÷ 预算数 = 执行率, row by row."""
    from .statements import Rate

    cues = rules.statements["cues"]
    found = []
    for block in doc.blocks:
        table = block.table
        if block.kind is not BlockKind.TABLE or table is None or not table.starts:
            continue
        if any(w in cell for row in table.rows for cell in row for w in rules.statements["table_totals"]["selfeval_words"]):
            continue
        for h, header in enumerate(table.rows[:3]):
            def column(test) -> int | None:  # type: ignore[no-untyped-def]
                hits = [c for c, cell in enumerate(header) if test(re.sub(r"\s+", "", cell))]
                return hits[0] if len(hits) == 1 else None

            rate = column(lambda c: any(w in c for w in cues["RATE"]))
            budget = column(lambda c: any(w in c for w in cues["BUDGET"]) and not any(w in c for w in cues["INITIAL_BUDGET"]))
            execution = column(lambda c: any(w in c for w in cues["EXECUTION"]) and not any(w in c for w in cues["RATE"]))
            if rate is None or budget is None or execution is None:
                continue
            units = [_HEADER_UNIT.search(header[c]) for c in (budget, execution)]
            unit, scale = next(((m.group(1), SCALES[m.group(1)]) for m in units if m), _unit(doc, block))
            for r in range(h + 1, len(table.rows)):
                row, starts = table.rows[r], table.starts[r]
                if max(rate, budget, execution) >= min(len(row), len(starts)):
                    continue
                b = _figure(block, starts[budget], row[budget].strip(), unit, scale)
                e = _figure(block, starts[execution], row[execution].strip(), unit, scale)
                m = PERCENT_CELL.match(row[rate].strip())
                if b is None or e is None or m is None or b.value <= 0:
                    continue
                text = row[rate].strip()
                pct = Figure(block.index, starts[rate], starts[rate] + len(text), text, "percent", Decimal(m.group(1)), "%", 1,
                             len(m.group(2) or ""), False)
                found.append(Rate(b, e, pct))
            break
    return found
