"""Make a document's text writable in any report: code points no encoding can write become U+FFFD."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, Cell

# Lone surrogates (a Word w:sym with char D800, a PDF ToUnicode map, a text decoded with surrogateescape) are
# the only code points UTF-8 cannot encode. Each is one code point, so replacing it keeps every offset.
_UNWRITABLE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """`text` with every unwritable code point replaced by U+FFFD (same length, same offsets)."""
    return _UNWRITABLE.sub(REPLACEMENT, text) if _UNWRITABLE.search(text) else text


def clean_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with their text, table cells and automatic labels cleaned; untouched blocks are kept as they are."""
    return [_clean_block(b) if _dirty(b) else b for b in blocks]


def _dirty(block: Block) -> bool:
    if _UNWRITABLE.search(block.text) or (block.auto_label and _UNWRITABLE.search(block.auto_label)):
        return True
    return block.table is not None and any(_UNWRITABLE.search(c) for row in block.table.rows for c in row)


def _clean_block(block: Block) -> Block:
    table = block.table
    if table is not None:
        table = replace(
            table,
            rows=tuple(tuple(clean_text(c) for c in row) for row in table.rows),
            cells=tuple(replace(c, text=clean_text(c.text)) if isinstance(c, Cell) else c for c in table.cells),
        )
    label = clean_text(block.auto_label) if block.auto_label else block.auto_label
    return replace(block, text=clean_text(block.text), table=table, auto_label=label)


__all__ = ["REPLACEMENT", "clean_blocks", "clean_text"]
