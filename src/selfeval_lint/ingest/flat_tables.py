"""Flattened tables in text (a table pasted from a web page, one cell per line) regrouped into table blocks."""

from __future__ import annotations

import re

from ..labels import parse_label
from ..model import Block, BlockKind, Segment, Table

NUMBER_CELL = re.compile(r"^(?:[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?%?|[-—–/]{1,2})$")
_SENTENCE = re.compile(r"[。，；！？,;!?]")
CELL_MAX = 30  # characters: a longer line is prose, never a cell
MIN_CELLS = 8
MIN_NUMBERS = 4
MIN_NUMBER_SHARE = 0.25
MAX_HEADER = 12  # header cells (captions, column heads) kept before the first row label


def _cell(block: Block) -> bool:
    text = block.text.strip()
    if block.kind is not BlockKind.PARAGRAPH or len(block.segments) != 1 or block.heading_hint is not None:
        return False
    if NUMBER_CELL.match(text):
        return True
    if not text or len(text) > CELL_MAX or _SENTENCE.search(text):
        return False
    label = parse_label(text)
    return label is None or not label.is_part  # 第二部分 … is the document's own heading


def _number(block: Block) -> bool:
    return bool(NUMBER_CELL.match(block.text.strip()))


def _table(run: list[Block], index: int) -> Block:
    """One table block from a run of cell lines: each row a label cell and the number cells after it."""
    rows: list[list[int]] = []
    for n, block in enumerate(run):
        if not rows or not _number(block):
            rows.append([n])
        else:
            rows[-1].append(n)
    text, segments, offsets = "", [], []
    for block in run:
        lead = len(block.text) - len(block.text.lstrip())
        offsets.append(len(text))
        seg = block.segments[0]
        segments.append(Segment(start=len(text), line=seg.line, column=seg.column + lead))
        text += block.text.strip() + "\n"
    table = Table(
        tuple(tuple(run[n].text.strip() for n in row) for row in rows),
        starts=tuple(tuple(offsets[n] for n in row) for row in rows),
    )
    return Block(index, BlockKind.TABLE, text[:-1], tuple(segments), table=table)


def _trimmed(run: list[Block]) -> list[Block] | None:
    """The table part of a run of short lines: from the header cells before the first row label that has a number
    after it, to the last number cell; None when the run is no table."""
    numbers = [n for n, b in enumerate(run) if _number(b)]
    if len(numbers) < MIN_NUMBERS or sum(1 for n in numbers if re.search(r"[.,%]", run[n].text)) < MIN_NUMBERS:
        return None  # amounts are written with decimals; bare integers are page numbers, counts or scores
    first = numbers[0] - 1  # the first row's label
    while first >= 0 and _number(run[first]):
        first -= 1
    if first < 0:
        return None
    start = first
    while start > 0 and first - start < MAX_HEADER and parse_label(run[start - 1].text.strip()) is None:
        start -= 1  # captions and column heads: unlabelled lines
    cells = run[start : numbers[-1] + 1]
    labelled_pairs = sum(1 for a, b in zip(cells, cells[1:]) if not _number(a) and _number(b))
    share = sum(1 for b in cells if _number(b)) / len(cells)
    if len(cells) < MIN_CELLS or share < MIN_NUMBER_SHARE or labelled_pairs < MIN_NUMBERS // 2:
        return None
    return cells


def regroup_flat_tables(blocks: list[Block]) -> list[Block]:
    """Blocks with every run of one-cell lines that holds a table (many number cells, each after a label cell)
    turned into one table block; other blocks unchanged (renumbered)."""
    runs: list[list[Block]] = []
    current: list[Block] = []
    for block in blocks:
        if _cell(block):
            current.append(block)
            continue
        if current:
            runs.append(current)
        current = []
        runs.append([block])
    if current:
        runs.append(current)
    out: list[Block] = []

    def add(block: Block) -> None:
        out.append(Block(len(out), block.kind, block.text, block.segments, table=block.table, heading_hint=block.heading_hint))

    for run in runs:
        cells = _trimmed(run) if len(run) >= MIN_CELLS else None
        if cells is None:
            for block in run:
                add(block)
            continue
        first, last = run.index(cells[0]), run.index(cells[-1])
        for block in run[:first]:
            add(block)
        out.append(_table(cells, len(out)))
        for block in run[last + 1 :]:
            add(block)
    return out
