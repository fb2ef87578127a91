"""Format plugin for plain text and Markdown: one block per line, tab/pipe tables grouped, exact line/column."""

from __future__ import annotations

import re

from ..labels import parse_label
from ..model import Block, BlockKind, Segment, Table

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(line: str, markdown: bool) -> list[tuple[int, str]] | None:
    """The cells of a table row written with tabs (or pipes in Markdown), each with where it starts in the
    line; None for a line that is not a table row (a label followed by a tab, as Word writes "一、\t标题",
    is a heading)."""
    if "\t" in line.strip():
        cells, start = [], 0
        for part in line.split("\t"):
            cells.append((start + len(part) - len(part.lstrip()), part.strip()))
            start += len(part) + 1
        while cells and not cells[0][1]:
            cells.pop(0)
        while cells and not cells[-1][1]:
            cells.pop()
        if sum(1 for _, c in cells if c) < 2:
            return None
        first = parse_label(cells[0][1])
        if first is not None and first.end == len(cells[0][1]):
            return None
        return cells
    stripped = line.strip()
    if markdown and stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells, start = [], line.index("|") + 1
        for part in stripped[1:-1].split("|"):
            cells.append((start + len(part) - len(part.lstrip()), part.strip()))
            start += len(part) + 1
        return cells
    return None


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of a text file: each non-blank line a paragraph; consecutive table rows one table."""
    blocks: list[Block] = []
    pending_rows: list[tuple[int, str, list[str]]] = []

    def flush_table() -> None:
        if not pending_rows:
            return
        segments, parts, starts, offset = [], [], [], 0
        for line_no, line, cells in pending_rows:
            segments.append(Segment(start=offset, line=line_no, column=1))
            parts.append(line)
            starts.append(tuple(offset + start for start, _ in cells))
            offset += len(line) + 1
        rows = tuple(tuple(text for _, text in cells) for _, _, cells in pending_rows)
        table = Table(rows, starts=tuple(starts))
        blocks.append(Block(len(blocks), BlockKind.TABLE, "\n".join(parts), tuple(segments), table=table))
        pending_rows.clear()

    for line_no, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line_no == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            flush_table()
            continue
        if markdown and _MD_TABLE_RULE.match(line) and pending_rows:
            continue
        cells = _cells(line, markdown)
        if cells is not None:
            pending_rows.append((line_no, line, cells))
            continue
        flush_table()
        hint, column = None, 1
        if markdown and (m := _MD_HEADING.match(line)):
            hint, column, line = len(m.group(1)), m.end() + 1, line[m.end():]
        blocks.append(
            Block(len(blocks), BlockKind.PARAGRAPH, line, (Segment(start=0, line=line_no, column=column),), heading_hint=hint)
        )
    flush_table()
    return blocks
