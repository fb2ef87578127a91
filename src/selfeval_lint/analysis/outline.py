"""The outline: labelled headings and numbered paragraphs, their sibling groups, levels and section paths."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Block, BlockKind, Document
from ..rulesets import RuleData
from ..labels import Label, parse_label

# A line of a table of contents: text, optional leader (dots, spaces, dashes), then a page number.
_TOC_LINE = re.compile(r"^(?P<body>.*?[^\d\s.…·．_—\-])[\s.…·．_—\-]*(?P<page>\d{1,3})\s*$")
_INNER_BREAK = re.compile(r"[。；;！？!?]")
_ANY_PUNCT = re.compile(r"[，,。；;：:！？!?、]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_RUN_IN = re.compile(r"[。：:；;]")
_MAX_RUN_IN = 30  # longest run-in heading before its 。 or ：
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
    lead_in: bool = False  # right after an unlabelled paragraph ending in ： ("主要内容为：")
    automatic: bool = False  # the label comes from Word automatic numbering, not typed

    @property
    def run_in(self) -> tuple[str, str]:
        """The heading words and the text run in after them: a heading is all heading; a numbered paragraph
        like "（一）职能职责。负责全县…" or "十、其他需要说明的情况：无。" opens with its heading words."""
        if self.heading:
            return self.title.rstrip("。.：:"), ""
        m = _RUN_IN.search(self.title)
        if m is None or m.start() > _MAX_RUN_IN:
            return "", self.title
        return self.title[: m.start()].strip(), self.title[m.end() :].strip()


@dataclass(frozen=True)
class SiblingGroup:
    """Items numbered as one sequence under the same parent."""

    id: int
    parent: int | None
    items: tuple[int, ...]
    depth: int  # 1 = top of the document (or of its part)
    level: int  # outline level counted as GB/T 9704 does (parts like 第一部分 not counted)
    annex: bool  # after a part boundary (附件, a second report): numbered on its own
    reuses_style: bool  # opened by a label styled like an enclosing list (一、 inside （二）)


@dataclass(frozen=True)
class Outline:
    """The document's outline, computed once and read by every check."""

    items: tuple[OutlineItem, ...]
    groups: tuple[SiblingGroup, ...]
    toc_blocks: frozenset[int]
    continuations: dict[int, int]  # heading block → the block holding its wrapped second line
    boundary_blocks: frozenset[int]
    table_like_blocks: frozenset[int]  # labelled lines of a flattened table (一、一、二、二…)
    sections: dict[int, tuple[int, ...]]  # block index → ids of the heading items containing it
    item_of_block: dict[int, int]
    _joined: dict[tuple[bool, int], str | None] = field(default_factory=dict, compare=False, repr=False)  # per block

    def section_path(self, block: int) -> str | None:
        """The headings containing `block`, " > "-joined as labels and titles."""
        key = (True, block)
        if key not in self._joined:
            path = self.sections.get(block, ())
            self._joined[key] = " > ".join(self.heading_text(i) for i in path) or None
        return self._joined[key]

    def section_titles(self, block: int) -> str:
        """The headings containing `block` by their titles alone: what stays when labels are renumbered."""
        key = (False, block)
        if key not in self._joined:
            self._joined[key] = " > ".join(self.items[i].title for i in self.sections.get(block, ()))
        return self._joined[key]  # type: ignore[return-value]

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
    annex: bool
    reuses_style: bool = False
    items: list[int] = field(default_factory=list)


@dataclass
class _Builder:
    rules: RuleData
    items: list[OutlineItem] = field(default_factory=list)
    groups: list[_Group] = field(default_factory=list)
    stack: list[_Group] = field(default_factory=list)
    in_annex: bool = False
    # Per group: the classes and styles of its labels and whether one is a part ("part"), kept up to date
    # as items are placed, so that choosing a group never rereads a group's items (100,000 headings stay linear).
    kinds: dict[int, set[str]] = field(default_factory=dict)

    def _has(self, group: _Group, kind: str) -> bool:
        return kind in self.kinds.get(group.id, ())

    def _last(self, group: _Group) -> OutlineItem:
        return self.items[group.items[-1]]

    def _new_group(self, label: Label, heading: bool) -> _Group:
        parent = self._last(self.stack[-1]).id if self.stack else None
        parent_level = self.stack[-1].level if self.stack else 0
        reuses = any(self._has(g, f"style:{label.style}") for g in self.stack)
        group = _Group(
            len(self.groups), parent, len(self.stack) + 1, parent_level + (0 if label.is_part else 1),
            self.in_annex, reuses and not label.is_part,
        )
        self.groups.append(group)
        self.stack.append(group)
        return group

    def place(
        self,
        block: int,
        label: Label,
        title: str,
        heading: bool,
        lead_in: bool,
        automatic: bool,
        after_title: bool = False,
    ) -> OutlineItem:
        """Put a labelled block into the sibling group it continues, or open a new group. After a lead-in
        ("主要职能包括：") or an unlabelled title line ("其他相关情况说明") a list may start anew."""
        fresh = lead_in or after_title
        group = self._choose_group(label, heading)
        if fresh and label.value == 1 and (restarted := self._restarted_list(label)) is not None:
            del self.stack[self.stack.index(restarted) :]  # a new list beside the one it restarts
            group = None
        if group is None:
            if heading or after_title:
                self._close_deeper_lists(label, paragraphs_only=not after_title)
            group = self._new_group(label, heading)
        else:
            del self.stack[self.stack.index(group) + 1 :]
        item = OutlineItem(len(self.items), block, label, title, heading, group.id, group.parent, lead_in, automatic)
        self.items.append(item)
        group.items.append(item.id)
        kinds = self.kinds.setdefault(group.id, set())
        kinds.update((f"class:{label.family}-{label.frame}", f"style:{label.style}", *(("part",) if label.is_part else ())))
        return item

    def _restarted_list(self, label: Label) -> _Group | None:
        """The deepest open list of exactly this style, when only lists of deeper levels are open above it:
        after a lead-in or a title line, a list starting at 1 is a new list beside it (per-project blocks
        each restarting 一、, 1、… after 主要职能包括：), not a restart or a sub-list."""
        rank = self._rank(label.style)
        for n in range(len(self.stack) - 1, -1, -1):
            group = self.stack[n]
            if self._has(group, f"style:{label.style}"):
                above = self.stack[n + 1 :]
                closable = rank is not None and all(self._deeper(g, rank) or self._paragraphs(g) for g in above)
                return group if closable else None
        return None

    def _styles(self, group: _Group) -> list[str]:
        """The label styles used in the group (from the kinds kept per group, not by rereading its items)."""
        return [k[len("style:") :] for k in self.kinds.get(group.id, ()) if k.startswith("style:")]

    def _deeper(self, group: _Group, rank: int) -> bool:
        """Every label of the group has a GB/T 9704 level below `rank` (（一） and 1. below 一、)."""
        ranks = [self._rank(style) for style in self._styles(group)]
        return all(r is not None and r > rank for r in ranks)

    def _paragraphs(self, group: _Group) -> bool:
        """A list of numbered paragraphs (not all of its items are headings)."""
        return not all(self.items[i].heading for i in group.items)

    def _close_deeper_lists(self, label: Label, paragraphs_only: bool) -> None:
        """A heading never stands under numbered paragraphs of a deeper GB/T 9704 level (一、 after a list of
        （一）… paragraphs); after an unlabelled title line, no label stands under a list of a deeper level. Those
        lists are closed: the document moved on. A style already open is left to NUM007 (a reused style)."""
        rank = self._rank(label.style)
        if rank is None or any(self._has(g, f"style:{label.style}") for g in self.stack):
            return
        while self.stack and self._deeper(self.stack[-1], rank):
            if paragraphs_only and not self._paragraphs(self.stack[-1]):
                break
            self.stack.pop()

    def _rank(self, style: str) -> int | None:
        profile = self.rules.numbering
        style = profile["equivalent"].get(style, style)
        return profile["levels"].index(style) if style in profile["levels"] else None

    def _choose_group(self, label: Label, heading: bool) -> _Group | None:
        klass = f"{label.family}-{label.frame}"
        if label.is_part:
            parts = [g for g in self.stack if self._has(g, "part")]
            if parts:
                return parts[0]
            self.stack.clear()
            return None

        def same_class(g: _Group) -> bool:
            return self._has(g, f"class:{klass}")

        def same_style(g: _Group) -> bool:
            return self._has(g, f"style:{label.style}")

        # 1. The group whose sequence this label continues: same class, or the same frame with the
        #    other numeral family (5、 → 六、, （一） → （2）: one list whose style slipped).
        continuing = [
            g
            for g in self.stack
            if self._last(g).label.value == label.value - 1
            and (
                same_class(g)
                or (self._last(g).label.frame == label.frame and self._last(g).heading == heading)
            )
        ]
        if continuing:
            return max(continuing, key=lambda g: (same_class(g), same_style(g), g.depth))
        # 2. A first item: a new list below the current item, unless it restarts the current list
        #    (same style and kind). Restarting an enclosing list from inside a sub-list (一、 under
        #    （二）) is read as a sub-list that borrowed the enclosing style; its siblings follow it.
        if label.value == 1:
            top = self.stack[-1] if self.stack else None
            if top is not None and same_style(top) and self._last(top).heading == heading:
                return top
            return None
        # 3. Out of sequence: the deepest open group of the same class (a gap or repeat), else a new list.
        same = [g for g in self.stack if same_class(g)]
        return same[-1] if same else None

    def boundary(self) -> None:
        """A part boundary (附件, 附表…): numbering starts afresh after it."""
        self.stack.clear()
        self.in_annex = True


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


# Marks set before a heading's label for emphasis ("▲一、", "■（一）", "★1.", "**一、**" in Markdown).
_DECORATION = re.compile(r"^[\s\u3000]*(?:[▲△■□★☆●○◆◇►▶▸•]|\*\*)[\s\u3000]*")


def decorated_label(text: str) -> Label | None:
    """The label that opens `text`, also behind a decoration mark (▲ ■ ★ ● …); offsets stay those of `text`."""
    label = parse_label(text)
    if label is None and (m := _DECORATION.match(text)):
        label = parse_label(text, m.end())
    return label


def find_toc(blocks: tuple[Block, ...], rules: RuleData) -> frozenset[int]:
    """Blocks of a table of contents: lines ending in page numbers after 目录, or a run of such labelled lines.

    An entry wrapped over two lines (the first without a page number, the second without a label)
    stays in the run."""
    toc: set[int] = set()
    run: list[Block] = []

    def is_entry(block: Block) -> bool:
        text = block.text.strip()
        # _TOC_LINE ends in a page number: a stripped line not ending in a digit is never one (a quick test first)
        return (block.kind is BlockKind.PARAGRAPH and text[-1:].isdecimal() and bool(_TOC_LINE.match(text))
                and bool(_CJK.search(text)))

    def close_run(after_title: bool) -> None:
        entries = [b for b in run if is_entry(b)]
        pages = [int(_TOC_LINE.match(b.text.strip()).group("page")) for b in entries]  # type: ignore[union-attr]
        labelled = sum(1 for b in entries if parse_label(b.text))
        looks_like = len(entries) >= MIN_TOC_RUN and labelled >= 2 and pages == sorted(pages)
        if run and (after_title or (looks_like and _is_contents(run, entries, blocks))):
            toc.update(b.index for b in run)
        run.clear()

    after_title = False
    plain: set[int] = set()
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if block.index in plain:
            continue
        if block.kind is BlockKind.PARAGRAPH and rules.toc_title.match(text):
            close_run(after_title)
            toc.add(block.index)
            after_title = True
            if i + 1 < len(blocks) and not is_entry(blocks[i + 1]):
                plain = set(_plain_toc(blocks, i + 1))
                toc.update(plain)
                after_title = not plain
            continue
        if _inline_toc(block):
            toc.add(block.index)
            continue
        if is_entry(block):
            run.append(block)
            continue
        wrapped = (
            block.kind is BlockKind.PARAGRAPH
            and (run or after_title)
            and i + 1 < len(blocks)
            and is_entry(blocks[i + 1])
            and parse_label(blocks[i + 1].text) is None
            and parse_label(text) is not None
        )
        if wrapped:
            run.append(block)
            continue
        close_run(after_title)
        after_title = False
    close_run(after_title)
    return frozenset(toc)


_TOC_LEAD = re.compile(r"^\s*目\s*录")
_SENTENCE = re.compile(r"[。；;！？!?]|[：:，,]$")
MAX_TOC_ENTRY_CHARS = 60


def _norm(text: str) -> str:
    return re.sub(r"[\s.…·．_—\-]+", "", text)


def _plain_toc(blocks: tuple[Block, ...], start: int) -> list[int]:
    """A table of contents without page numbers after 目录: short unpunctuated lines, at least two of them
    labelled, up to where the body restarts with the first entry again (or whose titles come back later)."""
    entries: list[int] = []
    first: str | None = None
    restarted = False
    for block in blocks[start:]:
        text = _norm(block.text)
        if block.kind is not BlockKind.PARAGRAPH or len(text) > MAX_TOC_ENTRY_CHARS or _SENTENCE.search(text):
            break
        if first is not None and text == first:
            restarted = True
            break
        if first is None and parse_label(block.text) is not None:
            first = text
        entries.append(block.index)
    labelled = [blocks[i] for i in entries if parse_label(blocks[i].text)]
    if len(labelled) < 2:
        return []
    if restarted:
        return entries
    later = [_norm(b.text) for b in blocks[entries[-1] + 1 :]]
    titles = [_norm(b.text[parse_label(b.text).end :]) for b in labelled]  # type: ignore[union-attr]
    found = sum(1 for t in titles if t and any(line.startswith(t) or t in line[:80] for line in later))
    return entries if found * 2 >= len(titles) else []


def _inline_toc(block: Block) -> bool:
    """目录 run together with its entries on one line: "目录 一、基本情况……1 二、…"."""
    if block.kind is not BlockKind.PARAGRAPH or not _TOC_LEAD.match(block.text):
        return False
    rest = _TOC_LEAD.sub("", block.text, count=1)
    starts = [m.start() for m in _ENTRY_START.finditer(rest)]
    return len(starts) >= 2 and parse_label(rest) is not None


_ENTRY_START = re.compile(r"(?:^|(?<=[\s\d…·．.]))(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")


def _is_contents(run: list[Block], entries: list[Block], blocks: tuple[Block, ...]) -> bool:
    """Without a 目录 line, a run of numbered lines ending in numbers is a table of contents only when it comes
    before any other numbered paragraph and at least half of its entries come back later as headings."""
    first = run[0].index
    if any(parse_label(b.text) for b in blocks[:first] if b.kind is BlockKind.PARAGRAPH):
        return False
    later = [re.sub(r"\s+", "", b.text) for b in blocks[run[-1].index + 1 :]]
    titles = [re.sub(r"\s+", "", _TOC_LINE.match(b.text.strip()).group("body")).rstrip(".…·．_—-") for b in entries]  # type: ignore[union-attr]
    found = sum(1 for t in titles if t and any(line.startswith(t) for line in later))
    return found * 2 >= len(titles)


_TABLE_WIDTH = 16  # columns of a flattened table at most: wider "tables" of equal labels are not looked for


def find_table_like(labelled: list[tuple[int, Label]]) -> set[int]:
    """Blocks of runs whose labels repeat in step (一、一、二、二… or three by three): a flattened table.
    Linear: each run of one style is measured once, and a table's width is looked for only so far."""
    found: set[int] = set()
    i, run_end = 0, 0
    while i < len(labelled):
        if i >= run_end:
            style, run_end = labelled[i][1].style, i
            while run_end < len(labelled) and labelled[run_end][1].style == style:
                run_end += 1
        first = labelled[i][1].value
        limit = min(run_end - i, _TABLE_WIDTH + 1)
        width = next((k for k in range(limit) if labelled[i + k][1].value != first), limit)
        steps = 0
        while 2 <= width <= _TABLE_WIDTH and run_end - i >= (steps + 1) * width:
            start = i + steps * width
            if any(labelled[start + k][1].value != first + steps for k in range(width)):
                break
            steps += 1
        if steps >= 2:
            found.update(block for block, _ in labelled[i : i + steps * width])
            i += steps * width
        else:
            i += 1
    return found


def build_outline(doc: Document, rules: RuleData) -> Outline:
    """Place every labelled block of `doc` in the outline."""
    toc = find_toc(doc.blocks, rules)
    skip = set(doc.title_blocks) | toc
    blocks = doc.blocks
    body = [b for b in blocks if b.index not in skip and b.kind is BlockKind.PARAGRAPH]
    labels = {b.index: label for b in body if (label := decorated_label(b.text))}
    boundaries = {
        b.index for b in body if b.index not in labels and any(p.match(b.text.strip()) for p in rules.part_boundaries)
    }
    table_like = find_table_like(sorted(labels.items()))
    max_chars = rules.document["outline"]["max_heading_chars"]
    builder = _Builder(rules)
    continuations: dict[int, int] = {}
    previous: Block | None = None
    for block in body:
        if block.index in continuations.values():
            continue
        if block.index in boundaries:
            builder.boundary()
        label = labels.get(block.index)
        if label is not None and block.index not in table_like:
            rest = block.text[label.end :].strip()
            heading = block.heading_hint is not None or _is_heading(rest, max_chars)
            if previous is not None and previous.index == block.index - 1 and previous.index not in labels:
                if (inline := _inline_first_item(previous, label)) is not None:  # "具体包括：1.本部" then "2.…"
                    builder.place(previous.index, inline, previous.text[inline.end :].strip(), heading, True, False)
            if heading and (cont := _continuation(blocks, block.index, rest, skip, rules)) is not None:
                continuations[block.index] = cont.index
                rest += cont.text.strip()
            adjacent = previous is not None and block.index - 1 == previous.index
            lead_in = adjacent and _is_lead_in(previous, labels)  # type: ignore[arg-type]
            after_title = adjacent and _is_title_line(previous, labels)  # type: ignore[arg-type]
            automatic = block.auto_label is not None and block.text.startswith(block.auto_label) and label.start == 0
            builder.place(block.index, label, rest, heading, lead_in, automatic, after_title)
        previous = block

    items, groups = _freeze(builder)
    return Outline(
        items=items,
        groups=groups,
        toc_blocks=toc,
        continuations=continuations,
        boundary_blocks=frozenset(boundaries),
        table_like_blocks=frozenset(table_like),
        sections=_sections(blocks, items, boundaries),
        item_of_block={item.block: item.id for item in items},
    )


_TITLE_LINE_MAX = 40


def _inline_first_item(block: Block, label: Label) -> Label | None:
    """The list's previous item written after a lead-in on the line before ("具体包括：1.普陀区司法局本部")."""
    colon = max(block.text.rfind("："), block.text.rfind(":"))
    if colon < 0 or label.value < 2:
        return None
    inner = parse_label(block.text, colon + 1)
    if inner is None or inner.style != label.style or inner.value != label.value - 1:
        return None
    rest = block.text[inner.end :].strip()
    return inner if rest and len(rest) <= _TITLE_LINE_MAX and not _INNER_BREAK.search(rest) else None


def _is_title_line(block: Block, labels: dict[int, Label]) -> bool:
    """An unlabelled heading standing on its own line ("其他相关情况说明", "科技创新专项经费情况说明")."""
    text = block.text.strip()
    return (
        block.index not in labels
        and block.kind is BlockKind.PARAGRAPH
        and 2 <= len(text) <= _TITLE_LINE_MAX
        and bool(_CJK.search(text))
        and not _ANY_PUNCT.search(text)
    )


def _is_lead_in(block: Block, labels: dict[int, Label]) -> bool:
    return block.index not in labels and block.text.rstrip().endswith(("：", ":"))


def _freeze(builder: _Builder) -> tuple[tuple[OutlineItem, ...], tuple[SiblingGroup, ...]]:
    """Final items and groups. A one-item group that borrowed an enclosing list's style is that
    list's item after all (a repeated （一）, not a sub-list): it is moved back into that list."""
    items = list(builder.items)
    groups = builder.groups
    for group in groups:
        if not group.reuses_style or len(group.items) != 1:
            continue
        item = items[group.items[0]]
        ancestor = item.parent
        while ancestor is not None:
            target = groups[items[ancestor].group]
            if any(items[i].label.style == item.label.style for i in target.items):
                target.items = sorted([*target.items, item.id])
                items[item.id] = replace(item, group=target.id, parent=target.parent)
                group.items = []
                break
            ancestor = items[ancestor].parent
    kept = [g for g in groups if g.items]
    new_id = {g.id: n for n, g in enumerate(kept)}
    items = [replace(item, group=new_id[item.group]) for item in items]
    frozen = tuple(
        SiblingGroup(new_id[g.id], g.parent, tuple(g.items), g.depth, g.level, g.annex, g.reuses_style) for g in kept
    )
    return tuple(items), frozen


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
        or nxt.segments[0].page != blocks[index].segments[-1].page  # a heading never wraps onto the next page
        or not text
        or len(text) > MAX_CONTINUATION_CHARS
        or _ANY_PUNCT.search(text)
        or parse_label(text) is not None
        or rules.not_continuation.search(text)
        or index + 2 >= len(blocks)
    ):
        return None
    return nxt


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
