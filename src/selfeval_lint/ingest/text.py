"""Format plugin for plain text and Markdown: one block per line, tab/pipe tables grouped, exact line/column."""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Segment, Table

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(line: str, markdown: bool) -> list[str] | None:
    """The cells of a table row written with tabs (or pipes in Markdown), else None."""
    if "\t" in line.strip():
        cells = [c.strip() for c in line.strip().split("\t")]
        return cells if sum(1 for c in cells if c) >= 2 else None
    stripped = line.strip()
    if markdown and stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of a text file: each non-blank line a paragraph; consecutive table rows one table."""
    blocks: list[Block] = []
    pending_rows: list[tuple[int, str, list[str]]] = []

    def flush_table() -> None:
        if not pending_rows:
            return
        segments, parts, offset = [], [], 0
        for line_no, line, _cells_ in pending_rows:
            segments.append(Segment(start=offset, line=line_no, column=1))
            parts.append(line)
            offset += len(line) + 1
        rows = tuple(tuple(c) for _, _, c in pending_rows)
        blocks.append(Block(len(blocks), BlockKind.TABLE, "\n".join(parts), tuple(segments), table=Table(rows)))
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
