"""Write a .docx back with one Word comment (批注) per finding, anchored on the finding's exact span.

How a finding finds its place: the project's own reader (ingest/docx.py) walks the tree that
python-docx parsed, so every block's text is built exactly as the check saw it, while a tracing
subclass records, per w:p, which run gave which stretch of that paragraph's raw text. A block offset
then maps to (paragraph, raw offset) — past an automatic-numbering label, and for tables through the
cell's stripped, space-joined paragraphs — and a raw offset to a character of a w:t. Runs are split
there (the copy keeps the run's rPr), and commentRangeStart/End and a commentReference run are set
around the span. Nothing else in the tree is touched: existing comments, tracked changes, fields and
drawings stay as they were.
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass

from lxml.etree import _Element

from ..engine import _excerpt
from ..ingest.docx import (
    DEL, GRID_BEFORE, GRID_SPAN, NO_BREAK_HYPHEN, P, PPR, RPR, SDT, SDT_CONTENT, CUSTOM_XML, SYM, T, TC,
    TCPR, TR, TRPR, _SPACE, _blocks, _children, _int, _Package, _Paragraph, _Story, _val, _Walker,
)
from ..ingest.wordnum import Counters, read_numbering, read_styles, w
from ..model import Block, Finding
from . import AUTHOR, INITIALS, note_text

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LABEL = -1  # a character of an automatic-numbering label: in the text, in no run


def annotate_docx(data: bytes, findings: list[Finding], lang: str = "zh") -> bytes:
    """The .docx with a comment per finding (author selfeval-lint); `data` itself is left as it was."""
    import docx

    package = _Package(data)  # the reader's checks (zip bombs, sizes) first, and its styles and numbering
    document = docx.Document(io.BytesIO(data))
    styles = read_styles(package.related("styles"))
    walker = _TracingWalker(styles, read_numbering(package.related("numbering"), styles))
    items = walker.block_content(document.element.body, _Story(Counters(walker.numbering)), in_body=True)
    blocks = _blocks(items)
    placer = _Placer(walker, items, blocks)
    for finding in findings:
        comment = document.comments.add_comment(text=note_text(finding, lang), author=AUTHOR, initials=INITIALS)
        placed = placer.place(finding, comment.comment_id)
        if not placed:  # the span is not where the check saw it (a converter's second run differs): say where
            if finding.excerpt:
                comment.add_paragraph(("原文：" if lang != "en" else "Text: ") + finding.excerpt)
            placer.whole(placer.first_paragraph(), comment.comment_id)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _TracingWalker(_Walker):
    """The reader's walker, recording per w:p its displayed text and which run gave which raw stretch."""

    def __init__(self, styles, numbering) -> None:  # type: ignore[no-untyped-def]
        super().__init__(styles, numbering)
        self.texts: dict[_Element, str] = {}  # w:p → the text paragraph() returned (label and all)
        self.runs: dict[_Element, list[list]] = {}  # w:p → [[w:r, raw start, raw piece], …]
        self._trace: list[list] | None = None
        self._length = 0

    def paragraph(self, p, story, count):  # type: ignore[no-untyped-def]
        outer = self._trace, self._length
        self._trace, self._length = [], 0
        try:
            text, label, boxes = super().paragraph(p, story, count)
        finally:
            trace = self._trace
            self._trace, self._length = outer
        self.runs[p] = trace
        if text is not None:
            self.texts[p] = text
        return text, label, boxes

    def run(self, r, story, out, boxes):  # type: ignore[no-untyped-def]
        before = len(out)
        super().run(r, story, out, boxes)
        piece = "".join(out[before:])
        if self._trace is not None:
            self._trace.append([r, self._length, piece])
            self._length += len(piece)


@dataclass(frozen=True)
class _Char:
    """Where one character of a block's text comes from: a paragraph and its raw offset (or LABEL)."""

    p: _Element
    raw: int


class _Placer:
    """Puts comment ranges into the tree for block spans."""

    def __init__(self, walker: _TracingWalker, items: list, blocks: list[Block]) -> None:
        self.walker = walker
        self.items = items
        self.blocks = blocks

    def first_paragraph(self) -> _Element:
        for item in self.items:
            if isinstance(item, _Paragraph):
                return item.source
        return next(iter(self.walker.runs))

    def place(self, finding: Finding, cid: int) -> bool:
        if finding.block is None or finding.start is None or finding.end is None:
            if finding.excerpt:
                return False
            self.whole(self.first_paragraph(), cid)  # a file-level finding (a missing section…)
            return True
        if not 0 <= finding.block < len(self.blocks):
            return False
        block = self.blocks[finding.block]
        if _excerpt(block.text, finding.start, finding.end) != finding.excerpt:
            return False
        chars = self.char_map(finding.block)
        span = [c for c in chars[finding.start : max(finding.end, finding.start + 1)] if c is not None]
        if not span:  # an empty span at a block's end, or one on a cell separator: the character before it
            span = [c for c in chars[: finding.start] if c is not None][-1:]
        if not span:
            return False
        if any(c.raw == LABEL for c in span):
            text = [c for c in span if c.raw != LABEL]
            if all(c.p is span[0].p for c in span) or not text:
                self.whole(span[0].p, cid)  # the label Word renders is in no run: the paragraph carries it
                return True
            span = text  # a span over several cells: from the first typed character to the last
        first, last = span[0], span[-1]
        self.boundary(first.p, first.raw)
        self.boundary(last.p, last.raw + 1)
        start_run = self.run_at(first.p, first.raw)
        end_run = self.run_at(last.p, last.raw)
        _mark(start_run, end_run, first.p, last.p, cid)
        return True

    # -- block offsets → paragraph raw offsets ---------------------------------------------------------

    def char_map(self, index: int) -> list[_Char | None]:
        item, block = self.items[index], self.blocks[index]
        if isinstance(item, _Paragraph):
            return self._paragraph_chars(item.source, block.text)
        table = block.table
        chars: list[_Char | None] = [None] * len(block.text)
        rows = [tr for tr in _children(item.source, TR) if not _deleted(tr)]
        for cell in table.cells if table is not None else ():
            if cell.row >= len(rows) or not cell.text:
                continue
            tc = _cell_at(rows[cell.row], cell.col)
            if tc is None:
                continue
            start = table.starts[cell.row][cell.col]
            for i, c in enumerate(self._cell_chars(tc)):
                if start + i < len(chars):
                    chars[start + i] = c
        return chars

    def _paragraph_chars(self, p: _Element, text: str) -> list[_Char | None]:
        raw = sum(len(piece) for _, _, piece in self.walker.runs.get(p, []))
        raw_text = "".join(piece for _, _, piece in self.walker.runs.get(p, []))
        prefix = len(text) - raw if raw_text.strip() else len(text)  # the rendered label (and its space)
        return [_Char(p, i - prefix if i >= prefix else LABEL) for i in range(len(text))]

    def _cell_chars(self, tc: _Element) -> list[_Char | None]:
        """The characters of a cell's text: its paragraphs stripped and joined by single spaces."""
        chars: list[_Char | None] = []
        for p in _cell_paragraphs(tc):
            text = self.walker.texts.get(p)
            if not text or not text.strip():
                continue
            if chars:
                chars.append(None)
            lead = len(text) - len(text.lstrip())
            chars.extend(self._paragraph_chars(p, text)[lead : lead + len(text.strip())])
        return chars

    # -- runs ------------------------------------------------------------------------------------------

    def boundary(self, p: _Element, offset: int) -> None:
        """Split the run holding raw offset `offset` so that a run begins there (formatting copied)."""
        runs = self.walker.runs[p]
        for n, (r, start, piece) in enumerate(runs):
            if start < offset < start + len(piece):
                where = _run_chars(r, piece)
                if where is None:
                    return  # a run whose text the reader assembled in another way: kept whole
                ci, j = where[offset - start]
                new = _split(r, ci, j)
                k = offset - start
                runs[n : n + 1] = [[r, start, piece[:k]], [new, offset, piece[k:]]]
                return

    def run_at(self, p: _Element, offset: int) -> _Element:
        for r, start, piece in self.walker.runs[p]:
            if start <= offset < start + len(piece):
                return r
        raise LookupError(offset)

    def whole(self, p: _Element, cid: int) -> None:
        """Anchor a comment on the whole paragraph (its text runs), or on its end when it has none."""
        runs = [r for r, _, piece in self.walker.runs.get(p, []) if piece]
        if runs:
            _mark(runs[0], runs[-1], p, p, cid)
            return
        ppr = p.find(PPR)
        start = _marker("commentRangeStart", cid)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(_marker("commentRangeEnd", cid))
        p.append(_reference_run(cid))


def _run_chars(r: _Element, piece: str) -> list[tuple[int, int]] | None:
    """Per character of the run's displayed text, (child index, offset in that child's text)."""
    chars: list[tuple[int, int]] = []
    for ci, child in enumerate(r):
        tag = child.tag
        if tag == T:
            chars.extend((ci, j) for j in range(len(child.text or "")))
        elif tag in _SPACE or tag == NO_BREAK_HYPHEN or tag == SYM:
            chars.append((ci, 0))
        elif isinstance(tag, str) and tag not in (RPR, w("lastRenderedPageBreak"), w("fldChar"), w("instrText")):
            if tag in (w("drawing"), w("pict"), w("object")):
                continue
            return None
    return chars if len(chars) == len(piece) else None


def _split(r: _Element, ci: int, j: int) -> _Element:
    """Split run `r` before character j of its child ci; the new second run (same rPr) follows it."""
    new = deepcopy(r)
    old_children, new_children = list(r), list(new)
    for k, child in enumerate(old_children):
        if child.tag != RPR and (k > ci or (k == ci and j == 0)):
            r.remove(child)
    for k, child in enumerate(new_children):
        if child.tag != RPR and k < ci:
            new.remove(child)
    if j > 0:
        head, tail = old_children[ci], new_children[ci]
        head.text, tail.text = head.text[:j], head.text[j:]
        for t in (head, tail):
            if t.text != t.text.strip():
                t.set(_XML_SPACE, "preserve")
    r.addnext(new)
    return new


def _mark(first: _Element, last: _Element, first_p: _Element, last_p: _Element, cid: int) -> None:
    """commentRangeStart before `first`, commentRangeEnd after `last`, the reference run after its container."""
    first.addprevious(_marker("commentRangeStart", cid))
    end = _marker("commentRangeEnd", cid)
    last.addnext(end)
    holder = end
    while holder.getparent() is not None and holder.getparent() is not last_p:
        holder = holder.getparent()  # out of w:ins, w:hyperlink, w:smartTag…: the reference is no insertion
    holder.addnext(_reference_run(cid))


def _marker(name: str, cid: int) -> _Element:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement(f"w:{name}", attrs={qn("w:id"): str(cid)})


def _reference_run(cid: int) -> _Element:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(rpr)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(cid)}))
    return run


def _deleted(tr: _Element) -> bool:
    trpr = tr.find(TRPR)
    return trpr is not None and trpr.find(DEL) is not None


def _cell_at(tr: _Element, col: int) -> _Element | None:
    """The w:tc of a row that starts at grid column `col` (after gridBefore and the spans before it)."""
    trpr = tr.find(TRPR)
    column = (_int(_val(trpr.find(GRID_BEFORE))) if trpr is not None else None) or 0
    for tc in _children(tr, TC):
        if column == col:
            return tc
        tcpr = tc.find(TCPR)
        column += max((_int(_val(tcpr.find(GRID_SPAN))) if tcpr is not None else None) or 1, 1)
    return None


def _cell_paragraphs(tc: _Element) -> list[_Element]:
    """A cell's own paragraphs in order, through content controls, not those of nested tables."""
    found = []
    for child in tc:
        if child.tag == P:
            found.append(child)
        elif child.tag in (SDT, CUSTOM_XML):
            content = child.find(SDT_CONTENT) if child.tag == SDT else child
            if content is not None:
                found.extend(_cell_paragraphs(content))
    return found
