"""Inline enumerations inside paragraphs (一是…二是…, 第一，…第二，…, ①②③, 1.…2.…, （1）…（2）…)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BlockKind, Document
from ..numerals import CIRCLED, CN_NUMERAL_CHARS, cn_to_int
from .outline import Outline
from .prefilter import needed, passes

# A marker must follow a clause boundary (or start the paragraph), so that 第一批, 唯一是 or
# 增长159.82% never count.
_CN = f"[{CN_NUMERAL_CHARS}]{{1,3}}"
_MARKERS: dict[str, re.Pattern[str]] = {
    # …but not the idiom 一是一、二是二.
    "shi": re.compile(rf"(?:^|(?<=[。；;：:，,！？!?、\s（(“]))({_CN})是(?!\1)(?=\S)"),
    # …and not a range such as 第一、二季度 or 第二、三批.
    "di": re.compile(rf"(?:^|(?<=[。；;：:！？!?\s]))第({_CN})(?=[，,、：:])(?!、[{CN_NUMERAL_CHARS}])"),
    "circled": re.compile(f"([{CIRCLED}])"),
    "arabic": re.compile(r"(?:^|(?<=[。；;：:！？!?\s]))(\d{1,2})[.．、](?![\d０-９.．])(?=\S)"),
    "paren": re.compile(r"(?:^|(?<=[。；;：:，,！？!?\s]))[（(](\d{1,2})[）)]"),
}

# Outline label styles that can open an inline enumeration of a marker kind.
_LABEL_KIND = {"circled-circled": "circled", "ar-dot": "arabic", "ar-dun": "arabic", "ar-paren": "paren"}


@dataclass(frozen=True)
class Marker:
    """One enumeration marker: where it stands and the number it carries."""

    block: int
    start: int
    end: int
    text: str
    value: int


@dataclass(frozen=True)
class Enumeration:
    """Markers of one kind that count 1, 2, 3… together in one section."""

    kind: str
    markers: tuple[Marker, ...]


# A short number or a single letter closed by a bracket at a clause start is a list label (1） a) 一）).
_CLOSED_LABEL = re.compile(r"(?:^|(?<=[\s。；;：:，,、]))(?:[0-9]{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})([）)])")


def find_label_closers(doc: Document, outline: Outline) -> frozenset[tuple[int, int]]:
    """(block, offset) of every closing bracket that ends a list label rather than closing an opening one."""
    closers = {
        (item.block, item.label.end - 1) for item in outline.items if item.label.shape == "rparen"
    }
    for block in doc.blocks:
        for m in _CLOSED_LABEL.finditer(block.text):
            closers.add((block.index, m.start(1)))
    return frozenset(closers)


def _value(kind: str, token: str) -> int | None:
    if kind == "circled":
        return CIRCLED.index(token) + 1
    return int(token) if token.isdigit() else cn_to_int(token)


def find_enumerations(doc: Document, outline: Outline) -> list[Enumeration]:
    """Enumerations per section and kind, split where a marker restarts at 1."""
    skip = set(doc.title_blocks) | outline.toc_blocks
    runs: dict[tuple[tuple[int, ...], str], list[list[Marker]]] = {}
    for block in doc.blocks:
        if block.kind is not BlockKind.PARAGRAPH or block.index in skip:
            continue
        item = outline.item_of_block.get(block.index)
        label = outline.items[item].label if item is not None else None
        # The block's own label is outline numbering, not an inline marker…
        first = label.end if label is not None else 0
        section = outline.sections.get(block.index, ())
        present = set(block.text)
        for kind, pattern in _MARKERS.items():
            found = [
                Marker(block.index, m.start(), m.end(), m.group(0), value)
                for m in (pattern.finditer(block.text, first) if passes(needed(pattern), present) else ())
                if (value := _value(kind, m.group(1)))
                and not (m.start() == 0 and label is None and kind in ("arabic", "paren", "circled"))
            ]
            # …unless markers of its kind follow in the same paragraph ("①加强领导，②完善制度").
            if found and label is not None and _LABEL_KIND.get(label.style) == kind:
                found.insert(0, Marker(block.index, label.start, label.end, label.text, label.value))
            series = runs.setdefault((section, kind), [])
            for marker in found:
                if not series or marker.value == 1:
                    series.append([])
                series[-1].append(marker)
    enumerations = [
        Enumeration(kind, tuple(run)) for (_section, kind), series in runs.items() for run in series if run
    ]
    enumerations.sort(key=lambda e: (e.markers[0].block, e.markers[0].start))
    return enumerations
