"""Table-of-contents entries and what the body holds for each: the heading with its label and title, one with
the same title or the same label only, a line with its title unlabelled (facts for SEC008, which judges them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..labels import Label, parse_label
from ..model import Block, Document
from .outline import Outline

_LEADER_AND_PAGE = re.compile(r"[\s.…·．_—\-]*\d{0,3}\s*$")
_NOISE = re.compile(r"[\s.…·．_—\-、，,。：:（）()“”\"'《》]+")
# Where entries run together on one line ("目录 一、基本情况……1 二、…"): a label after a leader, a page number or a space.
_ENTRY_START = re.compile(
    r"(?:^|(?<=[\s\d…·．.]))(?=第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)"
)
SIMILAR = 0.6  # titles at least this similar (difflib ratio) are the same heading, reworded or with digits lost
CLOSE = 0.9  # ... and at least this similar to name one heading under another label


@dataclass(frozen=True)
class TocEntry:
    """One labelled line of a table of contents."""

    block: int
    start: int
    end: int
    label: Label
    title: str  # normalised: no spaces, punctuation, leaders or page number


@dataclass(frozen=True)
class BodyPlace:
    """A body block that stands for a TOC entry in some way, and its text (a heading's label and title)."""

    block: int
    text: str


@dataclass(frozen=True)
class TocMatch:
    """What the body holds for a top-level TOC entry; all None when nothing in the body answers it."""

    entry: TocEntry
    same: BodyPlace | None = None  # a heading with the entry's label and (a similar) title
    same_title: BodyPlace | None = None  # else a heading with a close title under another label
    same_label: BodyPlace | None = None  # else a heading with the entry's label and another title
    unlabelled: BodyPlace | None = None  # else a short body line with the entry's title and no label


def normalise(title: str) -> str:
    return _NOISE.sub("", _LEADER_AND_PAGE.sub("", title))


def similar(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or a in b or b in a or SequenceMatcher(None, a, b).ratio() >= SIMILAR)


def close(a: str, b: str) -> bool:
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= CLOSE)


def toc_entries(doc: Document, outline: Outline) -> list[TocEntry]:
    """The labelled entries of the table(s) of contents, one or several per TOC block."""
    entries: list[TocEntry] = []
    for index in sorted(outline.toc_blocks):
        block = doc.blocks[index]
        text = block.text
        starts = [m.start() for m in _ENTRY_START.finditer(text)] or [0]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            label = parse_label(text, start)
            if label is None or label.start >= end:
                continue
            entries.append(TocEntry(index, label.start, end, label, normalise(text[label.end : end])))
    return entries


def toc_matches(doc: Document, outline: Outline) -> list[TocMatch]:
    """The top-level TOC entries (the style of the first one) matched against the body's headings of that style.
    Empty when the body does not number its headings as the TOC does (half of the entries must be found)."""
    entries = toc_entries(doc, outline)
    if not entries:
        return []
    style = entries[0].label.style
    top = [e for e in entries if e.label.style == style]
    body = [item for item in outline.items if item.label.style == style and item.block not in outline.toc_blocks]
    by_value: dict[int, list] = {}
    for item in body:
        by_value.setdefault(item.label.value, []).append(item)
    if len(top) < 2 or sum(1 for e in top if e.label.value in by_value) * 2 < len(top):
        return []
    last_toc = max(outline.toc_blocks)
    plain = [b for b in doc.blocks if b.index > last_toc and b.index not in outline.item_of_block and b.table is None]
    out: dict[int, TocMatch] = {}
    used: set[int] = set()
    for n, entry in enumerate(top):
        same = [item for item in by_value.get(entry.label.value, []) if similar(entry.title, normalise(item.title))]
        if same:
            out[n] = TocMatch(entry, same=BodyPlace(same[0].block, outline.heading_text(same[0].id)))
            used.add(same[0].id)
    for n, entry in enumerate(top):
        if n in out:
            continue
        same = by_value.get(entry.label.value, [])
        other = next((i for i in body if i.id not in used and close(entry.title, normalise(i.title))), None)
        line = _unlabelled(plain, entry.title) if other is None and not same else None
        out[n] = TocMatch(
            entry,
            same_title=BodyPlace(other.block, outline.heading_text(other.id)) if other is not None else None,
            same_label=BodyPlace(same[0].block, outline.heading_text(same[0].id)) if same else None,
            unlabelled=BodyPlace(line.index, line.text.strip()) if line is not None else None,
        )
    return [out[n] for n in sorted(out)]


def _unlabelled(blocks: list[Block], title: str) -> Block | None:
    """A short body line that is the entry's title without its label."""
    for block in blocks:
        text = normalise(block.text)
        if close(title, text) or (text and text in title and len(text) * 5 >= len(title) * 4):
            return block
    return None
