"""Bound the size of a block: a paragraph far longer than any real one is cut at sentence ends into pieces."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from ..model import Block, BlockKind, Segment
from .errors import IngestError

# Real report paragraphs stay under a few thousand characters. A longer "paragraph" (a 1.7-million-character
# run-on, a 20 MB line) is cut into pieces of at most this many characters, each its own block with exact
# positions, so that every per-paragraph analysis (statements, figures, hygiene) works on bounded text.
MAX_BLOCK_CHARS = 8_000
_MIN_PIECE = MAX_BLOCK_CHARS // 2
# A whole document. The longest real reports run to a few hundred thousand characters and a few thousand
# figures. Every stage is linear, but the document model holds about 1 KB per figure (the figure, its
# statements, its paragraph's share of the outline): a text past these bounds (50 MiB of figures) is refused
# with PAR004 before anything is analysed, so that no file that is checked needs more than about 500 MB
# (benchmarks/bench_hostile.py, tests/test_hostile.py). A 20 MB line without figures stays within them.
MAX_DOC_CHARS = 25_000_000
MAX_DOC_NUMBERS = 300_000  # runs of digits (each a figure, a year or a label's number)
_DIGITS = re.compile(r"\d+")
_BREAKS = (re.compile("[。！？!?]"), re.compile("[；;]"), re.compile("[，,、\\s]"))


def split_long_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with every paragraph over MAX_BLOCK_CHARS cut into pieces; indexes renumbered."""
    if all(len(b.text) <= MAX_BLOCK_CHARS for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        pieces = [block] if len(block.text) <= MAX_BLOCK_CHARS or block.kind is not BlockKind.PARAGRAPH else _pieces(block)
        base = len(out)
        out.extend([replace(p, index=base + i) for i, p in enumerate(pieces)])
    return out


def _cuts(text: str) -> list[int]:
    """Where the pieces start: after a sentence end (else a clause break, else anywhere) near each limit."""
    cuts, start = [0], 0
    while len(text) - start > MAX_BLOCK_CHARS:
        window_end = start + MAX_BLOCK_CHARS
        cut = window_end
        for pattern in _BREAKS:
            last = None
            for m in pattern.finditer(text, start + _MIN_PIECE, window_end):
                last = m
            if last is not None:
                cut = last.end()
                break
        cuts.append(cut)
        start = cut
    return cuts


def _pieces(block: Block) -> list[Block]:
    cuts = _cuts(block.text)
    bounds = list(zip(cuts, [*cuts[1:], len(block.text)]))
    pieces = []
    for n, (a, b) in enumerate(bounds):
        line, column, page = block.position(a)
        segments = [Segment(0, line, column, page)]
        segments += [replace(s, start=s.start - a) for s in block.segments if a < s.start < b]
        first = n == 0
        pieces.append(replace(
            block, text=block.text[a:b], segments=tuple(segments),
            heading_hint=block.heading_hint if first else None, auto_label=block.auto_label if first else None,
        ))
    return pieces


def check_length(texts: Iterable[str]) -> None:
    """PAR004 for a document (its decoded text, before any block is built, or its blocks' texts) of more than
    MAX_DOC_CHARS characters or MAX_DOC_NUMBERS runs of digits."""
    chars = numbers = 0
    for text in texts:
        chars += len(text)
        if chars > MAX_DOC_CHARS:
            raise IngestError("PAR004", "too-long", limit=f"{MAX_DOC_CHARS:,}")
        # a paragraph's runs listed at once (C speed); a whole long text counted as it is scanned (no list of them)
        numbers += len(_DIGITS.findall(text)) if len(text) <= 100_000 else sum(1 for _ in _DIGITS.finditer(text))
        if numbers > MAX_DOC_NUMBERS:
            raise IngestError("PAR004", "too-many-numbers", limit=f"{MAX_DOC_NUMBERS:,}")
