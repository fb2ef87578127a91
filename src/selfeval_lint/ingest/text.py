"""Format plugin for plain text and Markdown: one block per line (hard-wrapped lines rejoined), tab/pipe tables grouped, exact line/column."""

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
    return _pipe_cells(line) if markdown else None


def _pipe_cells(line: str) -> list[tuple[int, str]] | None:
    """The cells of a row written between pipes ("| a | b |"), each with where it starts; None otherwise."""
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
        return None
    cells, start = [], line.index("|") + 1
    for part in stripped[1:-1].split("|"):
        cells.append((start + len(part) - len(part.lstrip()), part.strip()))
        start += len(part) + 1
    return cells


def piped_rows(lines: list[str]) -> tuple[dict[int, list[tuple[int, str]]], set[int]]:
    """In plain text, a table pasted from Markdown or a web page: runs of two or more consecutive lines written
    between pipes with the same number of cells (at least two), by 1-based line; and the lines of such a run
    that are its header rule ("|---|---|"). A single line between pipes, or rows of different widths, is text."""
    found: dict[int, list[tuple[int, str]]] = {}
    rules: set[int] = set()
    run: list[tuple[int, list[tuple[int, str]]]] = []
    run_rules: list[int] = []

    def close() -> None:
        if len(run) >= 2:
            found.update(run)
            rules.update(run_rules)
        run.clear()
        run_rules.clear()

    for n, line in enumerate(lines, start=1):
        if run and "|" in line and _MD_TABLE_RULE.match(line):
            run_rules.append(n)
            continue
        cells = _pipe_cells(line)
        if cells is None or len(cells) < 2:
            close()
            continue
        if run and len(cells) != len(run[0][1]):  # a row of another width starts a run of its own
            close()
        run.append((n, cells))
    close()
    return found, rules


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

    lines = _LINE_BREAK.split(text)  # split once: each paragraph block's text is its line, not a copy
    aligned = aligned_rows(lines)
    piped, piped_rules = ({}, set()) if markdown else piped_rows(lines)
    for line_no, line in enumerate(lines, start=1):
        if line_no == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            flush_table()
            continue
        if ((markdown and _MD_TABLE_RULE.match(line)) or line_no in piped_rules) and pending_rows:
            continue
        cells = _cells(line, markdown) or piped.get(line_no) or aligned.get(line_no)
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
    return rejoin_wrapped(blocks)


# ── hard-wrapped text (pasted from a PDF or a web page): lines broken every 30–40 characters ──────────

_SENTENCE_END = tuple("。；;！？!?：:…”’）)")
_WRAP_MAX_WIDTH = 90  # display columns: lines wider than this are paragraphs, the file is not hard-wrapped
_WRAP_MIN_LINES = 6
_FULL = 0.85  # a line at least this share of the wrap width was broken by the wrapper, not by its author

_SPACE_RUN = re.compile(r"(?:[ \u3000]{2,})")
ALIGN_SLACK = 1  # display columns a cell may sit off its column


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_width(blocks: list[Block]) -> int | None:
    """The width a hard-wrapped file was broken at, or None when its lines are the author's paragraphs:
    most long lines end mid-sentence at (nearly) the same width, and none is much wider."""
    lines = [b.text.rstrip() for b in blocks if b.kind is BlockKind.PARAGRAPH and b.heading_hint is None]
    widths = sorted(_width(t) for t in lines)
    if len(widths) < _WRAP_MIN_LINES:
        return None
    width = widths[int(0.9 * (len(widths) - 1))]
    if not 20 <= width <= _WRAP_MAX_WIDTH or widths[-1] > width * 1.15:
        return None
    broken = [t for t in lines if _width(t) >= _FULL * width and not t.endswith(_SENTENCE_END)]
    return width if len(broken) * 10 >= len(lines) * 3 else None


def rejoin_wrapped(blocks: list[Block]) -> list[Block]:
    """Join the lines of a hard-wrapped file back into paragraphs, each line keeping its own line and column:
    a line that fills the wrap width without ending a sentence goes on in the next one, unless that one
    opens with a label."""
    from ..analysis.outline import decorated_label

    width = _wrap_width(blocks)
    if width is None:
        return blocks
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        last_line = prev.text[prev.segments[-1].start :] if prev is not None else ""
        joins = (
            prev is not None
            and prev.kind is BlockKind.PARAGRAPH
            and block.kind is BlockKind.PARAGRAPH
            and prev.heading_hint is None
            and block.heading_hint is None
            and block.line == prev.segments[-1].line + 1
            and _width(last_line.rstrip()) >= _FULL * width
            and not last_line.rstrip().endswith(_SENTENCE_END)
            and decorated_label(block.text) is None
        )
        if not joins:
            out.append(Block(len(out), block.kind, block.text, block.segments, table=block.table, heading_hint=block.heading_hint))
            continue
        assert prev is not None
        head = prev.text.rstrip()
        sep = " " if head[-1:].isascii() and head[-1:].isalnum() and block.text[:1].isascii() and block.text[:1].isalnum() else ""
        lead = len(block.text) - len(block.text.lstrip())
        seg = block.segments[0]
        joined = Segment(start=len(head) + len(sep), line=seg.line, column=seg.column + lead)
        out[-1] = Block(prev.index, prev.kind, head + sep + block.text.lstrip(), (*prev.segments, joined))
    return out


def _space_cells(line: str, least: int = 3) -> list[tuple[int, str]] | None:
    """A line's cells when runs of two or more spaces separate at least `least` of them (no tabs)."""
    if "\t" in line or not line.strip():
        return None
    cells, pos = [], 0
    for m in _SPACE_RUN.finditer(line):
        if line[pos : m.start()].strip():
            cells.append((pos, line[pos : m.start()]))
        pos = m.end()
    if line[pos:].strip():
        cells.append((pos, line[pos:].rstrip()))
    cells = [(start + len(text) - len(text.lstrip()), text.strip()) for start, text in cells]
    return cells if len(cells) >= least else None


def aligned_rows(lines: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Cells of space-aligned table rows, by 1-based line: runs of two or more consecutive lines split into three
    or more cells by runs of spaces, where each line's cells start (in display columns) at the columns of the
    run so far, or cover all of them (a wider line). Justified prose and a label followed by spaces never qualify."""
    found: dict[int, list[tuple[int, str]]] = {}
    run: list[tuple[int, list[tuple[int, str]]]] = []
    columns: list[int] = []

    def close() -> None:
        if len(run) >= 2:
            ordered = sorted(columns)
            for n, cells in run:  # a row with merged or blank leading cells keeps its cells in their columns
                padded: list[tuple[int, str]] = []
                for start, text in cells:
                    col = min(range(len(ordered)), key=lambda i: abs(ordered[i] - _width(lines[n - 1][:start])))
                    padded.extend((start, "") for _ in range(col - len(padded)))
                    padded.append((start, text))
                found[n] = padded
        run.clear()
        columns.clear()

    def near(col: int, others: list[int]) -> bool:
        return any(abs(col - other) <= ALIGN_SLACK for other in others)

    for n, line in enumerate(lines, start=1):
        cells = _space_cells(line)
        short = cells is None and bool(run) and (cells := _space_cells(line, 2)) is not None  # a row with empty cells
        first = parse_label(cells[0][1]) if cells else None
        if cells is None or (first is not None and first.end == len(cells[0][1])):
            close()
            continue
        starts = [_width(line[:start]) for start, _ in cells]
        if short and not all(near(c, columns) for c in starts):
            close()
            continue
        if run and not (all(near(c, columns) for c in starts) or all(near(c, starts) for c in columns)):
            close()
        run.append((n, cells))
        columns.extend(c for c in starts if not near(c, columns))
    close()
    return found
