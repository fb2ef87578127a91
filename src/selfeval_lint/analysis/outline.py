"""The outline: labelled headings and numbered paragraphs, their sibling groups, levels and section paths."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, BlockKind, Document
from ..rulesets import RuleData
from .labels import Label, parse_label

# A line of a table of contents: text, optional leader (dots, spaces, dashes), then a page number.
_TOC_LINE = re.compile(r"^(?P<body>.*?[^\d\s.…·．_—\-])[\s.…·．_—\-]*(?P<page>\d{1,3})\s*$")
_INNER_BREAK = re.compile(r"[。；;！？!?]")
_ANY_PUNCT = re.compile(r"[，,。；;：:！？!?、]")
MAX_CONTINUATION_CHARS = 8
MIN_TOC_RUN = 3


@dataclass(frozen=True)
class OutlineItem:
    """A labelled block: a heading or a numbered paragraph, placed in its sibling group."""

    id: int
    block: int
    label: Label
    title: str  # the text after the label (with a wrapped heading's continuation joined)
    heading: bool  # a heading; otherwise a numbered paragraph (list item)
    group: int
    parent: int | None  # the item this one is numbered under


@dataclass(frozen=True)
class SiblingGroup:
    """Items numbered as one sequence under the same parent."""

    id: int
    parent: int | None
    items: tuple[int, ...]
    depth: int  # 1 = top of the document (or of its part)
    level: int  # outline level counted as GB/T 9704 does (parts like 第一部分 not counted)
    doubled: bool  # values come in pairs (一、一、二、二…): a flattened two-column table, not numbering


@dataclass(frozen=True)
class Outline:
    """The document's outline, computed once and read by every check."""

    items: tuple[OutlineItem, ...]
    groups: tuple[SiblingGroup, ...]
    toc_blocks: frozenset[int]
    continuation_blocks: frozenset[int]
    boundary_blocks: frozenset[int]
    sections: dict[int, tuple[int, ...]]  # block index → ids of the heading items containing it
    item_of_block: dict[int, int]

    def section_path(self, block: int) -> str | None:
        """The headings containing `block`, " > "-joined as labels and titles."""
        path = self.sections.get(block, ())
        return " > ".join(self.heading_text(i) for i in path) or None

    def heading_text(self, item_id: int) -> str:
        item = self.items[item_id]
        return f"{item.label.text}{item.title}"

    def group_items(self, group: SiblingGroup) -> list[OutlineItem]:
        return [self.items[i] for i in group.items]

    def is_heading_group(self, group: SiblingGroup) -> bool:
        return all(self.items[i].heading for i in group.items)


@dataclass
class _Group:
    id: int
    parent: int | None
    depth: int
    level: int
    items: list[int] = field(default_factory=list)


@dataclass
class _Builder:
    rules: RuleData
    items: list[OutlineItem] = field(default_factory=list)
    groups: list[_Group] = field(default_factory=list)
    stack: list[_Group] = field(default_factory=list)

    def _labels(self, group: _Group) -> list[Label]:
        return [self.items[i].label for i in group.items]

    def _last(self, group: _Group) -> OutlineItem:
        return self.items[group.items[-1]]

    def _new_group(self, parent: int | None, depth: int, is_part: bool) -> _Group:
        parent_level = self.stack[-1].level if self.stack else 0
        group = _Group(len(self.groups), parent, depth, parent_level + (0 if is_part else 1))
        self.groups.append(group)
        return group

    def place(self, block: int, label: Label, title: str, heading: bool) -> OutlineItem:
        """Put a labelled block into the sibling group it continues, or open a new group."""
        group = self._choose_group(label, heading)
        if group is None:
            parent = self._last(self.stack[-1]).id if self.stack else None
            group = self._new_group(parent, len(self.stack) + 1, label.is_part)
            self.stack.append(group)
        else:
            del self.stack[self.stack.index(group) + 1 :]
        item = OutlineItem(len(self.items), block, label, title, heading, group.id, group.parent)
        self.items.append(item)
        group.items.append(item.id)
        return item

    def _choose_group(self, label: Label, heading: bool) -> _Group | None:
        klass = f"{label.family}-{label.frame}"
        if label.is_part:
            parts = [g for g in self.stack if any(lb.is_part for lb in self._labels(g))]
            if parts:
                return parts[0]
            self.stack.clear()
            return None

        def same_class(g: _Group) -> bool:
            return any(f"{lb.family}-{lb.frame}" == klass for lb in self._labels(g))

        def same_style(g: _Group) -> bool:
            return any(lb.style == label.style for lb in self._labels(g))

        # 1. The group whose sequence this label continues: same class, or the same frame with the
        #    other numeral family (5、 → 六、, （一） → （2）: one list whose style slipped).
        continuing = [
            g
            for g in self.stack
            if self._labels(g)[-1].value == label.value - 1
            and (
                same_class(g)
                or (self._labels(g)[-1].frame == label.frame and self._last(g).heading == heading)
            )
        ]
        if continuing:
            return max(continuing, key=lambda g: (same_class(g), same_style(g), g.depth))
        # 2. A first item: a new list below the current item, unless it restarts an open list of the
        #    same style and kind (nested lists never reuse an enclosing list's style).
        if label.value == 1:
            restarted = [g for g in self.stack if same_style(g) and self._last(g).heading == heading]
            return restarted[-1] if restarted else None
        # 3. Out of sequence: the deepest open group of the same class (a gap or repeat), else a new list.
        same = [g for g in self.stack if same_class(g)]
        return same[-1] if same else None

    def boundary(self) -> None:
        """A part boundary (附件, 附表…): numbering starts afresh after it."""
        self.stack.clear()


def _is_heading(rest: str, max_chars: int) -> bool:
    """Short text after a label is a heading; a sentence (with commas, ending in 。；，) is a numbered paragraph."""
    text = rest.strip()
    if text.endswith(("；", ";", "，", ",")):
        return False
    body = text.rstrip("。.：:")
    if len(body) > max_chars or _INNER_BREAK.search(body):
        return False
    # A run-in heading may end in 。 ("（一）部门整体支出概况。"), but a sentence with commas is a paragraph.
    return not (text.endswith(("。", ".")) and re.search(r"[，,]", body))


def find_toc(blocks: tuple[Block, ...], rules: RuleData) -> frozenset[int]:
    """Blocks of a table of contents: lines ending in page numbers after 目录, or a run of such labelled lines."""
    toc: set[int] = set()
    run: list[Block] = []

    def close_run(after_title: bool) -> None:
        pages = [int(_TOC_LINE.match(b.text.strip()).group("page")) for b in run]  # type: ignore[union-attr]
        labelled = sum(1 for b in run if parse_label(b.text))
        if run and (after_title or (len(run) >= MIN_TOC_RUN and labelled >= 2 and pages == sorted(pages))):
            toc.update(b.index for b in run)
        run.clear()

    after_title = False
    for block in blocks:
        text = block.text.strip()
        if block.kind is BlockKind.PARAGRAPH and rules.toc_title.match(text):
            close_run(after_title)
            toc.add(block.index)
            after_title = True
            continue
        if block.kind is BlockKind.PARAGRAPH and _TOC_LINE.match(text) and re.search(r"[\u4e00-\u9fff]", text):
            run.append(block)
            continue
        close_run(after_title)
        after_title = False
    close_run(after_title)
    return frozenset(toc)


def build_outline(doc: Document, rules: RuleData) -> Outline:
    """Place every labelled block of `doc` in the outline."""
    toc = find_toc(doc.blocks, rules)
    skip = set(doc.title_blocks) | toc
    max_chars = rules.document["outline"]["max_heading_chars"]
    builder = _Builder(rules)
    boundaries: set[int] = set()
    continuations: set[int] = set()
    blocks = doc.blocks
    for block in blocks:
        if block.index in skip or block.index in continuations or block.kind is not BlockKind.PARAGRAPH:
            continue
        text = block.text.strip()
        if any(p.match(text) for p in rules.part_boundaries):
            builder.boundary()
            boundaries.add(block.index)
            continue
        label = parse_label(block.text)
        if label is None:
            continue
        rest = block.text[label.end :].strip()
        heading = block.heading_hint is not None or _is_heading(rest, max_chars)
        if heading and (cont := _continuation(blocks, block.index, rest, skip, rules)) is not None:
            continuations.add(cont.index)
            rest += cont.text.strip()
        builder.place(block.index, label, rest, heading)

    items = tuple(builder.items)
    groups = tuple(
        SiblingGroup(g.id, g.parent, tuple(g.items), g.depth, g.level, _doubled([items[i].label.value for i in g.items]))
        for g in builder.groups
    )
    return Outline(
        items=items,
        groups=groups,
        toc_blocks=toc,
        continuation_blocks=frozenset(continuations),
        boundary_blocks=frozenset(boundaries),
        sections=_sections(blocks, items, boundaries),
        item_of_block={item.block: item.id for item in items},
    )


def _continuation(blocks: tuple[Block, ...], index: int, rest: str, skip: set[int], rules: RuleData) -> Block | None:
    """The next block when it is the wrapped second line of the heading at `index`."""
    if index + 1 >= len(blocks) or not rest or _ANY_PUNCT.search(rest[-1]):
        return None
    nxt = blocks[index + 1]
    text = nxt.text.strip()
    if (
        nxt.index in skip
        or nxt.kind is not BlockKind.PARAGRAPH
        or nxt.line != blocks[index].segments[-1].line + 1
        or not text
        or len(text) > MAX_CONTINUATION_CHARS
        or _ANY_PUNCT.search(text)
        or parse_label(text) is not None
        or rules.not_continuation.match(text)
        or index + 2 >= len(blocks)
    ):
        return None
    return nxt


def _doubled(values: list[int]) -> bool:
    if len(values) < 4 or len(values) % 2:
        return False
    pairs = list(zip(values[::2], values[1::2]))
    return all(a == b for a, b in pairs) and all(pairs[i + 1][0] == pairs[i][0] + 1 for i in range(len(pairs) - 1))


def _sections(blocks: tuple[Block, ...], items: tuple[OutlineItem, ...], boundaries: set[int]) -> dict[int, tuple[int, ...]]:
    by_block = {item.block: item for item in items}

    def chain(item_id: int | None) -> tuple[int, ...]:
        path: list[int] = []
        while item_id is not None:
            if items[item_id].heading:
                path.append(item_id)
            item_id = items[item_id].parent
        return tuple(reversed(path))

    sections: dict[int, tuple[int, ...]] = {}
    current: tuple[int, ...] = ()
    for block in blocks:
        if block.index in boundaries:
            current = ()
        item = by_block.get(block.index)
        if item is not None:
            sections[block.index] = chain(item.parent)
            if item.heading:
                current = chain(item.id)
            continue
        sections[block.index] = current
    return sections
