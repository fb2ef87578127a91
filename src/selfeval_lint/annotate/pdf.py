"""Write a .pdf back with a highlight annotation over each finding's text, its message as the note.

Positions come from pdfplumber's character boxes, the reader's own source: the finding's span is taken
from the block text (the file read again with ingest/pdf.py), and found among the characters of the
pages its block stands on (spaces left out, as the reader drops CJK spacing), the occurrence whose
neighbours best match the span's neighbours in the block winning. Each line of the match becomes one
quadrilateral of the highlight. A finding that cannot be placed (or has no span) becomes a note at
the top of its page. pypdf writes the annotations into a copy; the input is only read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ..engine import _excerpt
from ..model import Block, Finding
from . import AUTHOR, note_text

CONTEXT = 20  # characters of the block on each side of a span used to tell equal texts apart
_SPACE = re.compile(r"\s+")
HIGHLIGHT = "ffe066"


@dataclass(frozen=True)
class Box:
    """One line's part of a highlight, in PDF user space (origin bottom-left)."""

    page: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float


def annotate_pdf(data: bytes, findings: list[Finding], lang: str = "zh") -> bytes:
    """The PDF with a highlight per finding; `data` itself is left as it was."""
    import pdfplumber
    from pypdf import PdfReader, PdfWriter

    from ..ingest.pdf import read_pdf

    blocks = read_pdf(data)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    with pdfplumber.open(io.BytesIO(data), password="") as pdf:
        pages = _Pages(pdf)
        for finding in findings:
            text = note_text(finding, lang)
            boxes = locate(blocks, pages, finding)
            if boxes:
                _highlight(writer, boxes, text)
            else:
                page = max((finding.location.page or 1) - 1, 0)
                if finding.excerpt:
                    text += ("\n原文：" if lang != "en" else "\nText: ") + finding.excerpt
                _note(writer, min(page, len(writer.pages) - 1), text)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Pages:
    """Each page's non-space characters in reading order (pdfplumber's text lines), read once."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.cache: dict[int, list[tuple[str, dict, int]]] = {}  # page → [(char, pdfplumber char, line)]

    def __len__(self) -> int:
        return len(self.pdf.pages)

    def chars(self, number: int) -> list[tuple[str, dict, int]]:
        if number not in self.cache:
            from ..ingest.pdf import _has_doubled_chars

            page = self.pdf.pages[number]
            if _has_doubled_chars(page.chars):  # fake bold, as the reader sees it
                page = page.dedupe_chars()
            out = []
            for n, line in enumerate(page.extract_text_lines(return_chars=True, strip=True)):
                out.extend((c["text"], c, n) for c in line["chars"] if not c["text"].isspace())
            self.cache[number] = out
        return self.cache[number]

    def user_space(self, number: int) -> tuple[float, float, float]:
        """Page height and the media box's lower-left corner: pdfplumber's top-down → PDF bottom-up."""
        page = self.pdf.pages[number]
        x0, y0 = (float(v) for v in (page.mediabox[0], page.mediabox[1]))
        return float(page.height), x0, y0


def locate(blocks: list[Block], pages: _Pages, finding: Finding) -> list[Box]:
    """The boxes covering the finding's characters on the page(s) of its block; [] when not found."""
    if finding.block is None or finding.start is None or finding.end is None or not 0 <= finding.block < len(blocks):
        return []
    block = blocks[finding.block]
    if _excerpt(block.text, finding.start, finding.end) != finding.excerpt:
        return []
    start, end = finding.start, finding.end
    if not block.text[start:end].strip():  # an empty span (at a block's end): the character before it
        start = len(block.text[:start].rstrip()) - 1
        end = start + 1
    needle = _SPACE.sub("", block.text[start:end])
    if start < 0 or not needle:
        return []
    before = _SPACE.sub("", block.text[:start])[-CONTEXT:]
    after = _SPACE.sub("", block.text[end:])[:CONTEXT]
    first = (block.position(start)[2] or 1) - 1
    last = (block.position(max(start, end - 1))[2] or first + 1) - 1
    numbers = [n for n in range(first, min(last + 1, first + 2)) if 0 <= n < len(pages)]
    chars = [(ch, c, n, line) for n in numbers for ch, c, line in pages.chars(n)]
    text = "".join(ch for ch, _, _, _ in chars)
    best, best_score = None, -1
    for m in re.finditer(re.escape(needle), text):
        score = _common_suffix(text[: m.start()], before) + _common_prefix(text[m.end() :], after)
        if score > best_score:
            best, best_score = m, score
    if best is None:
        return []
    return _boxes(chars[best.start() : best.end()], pages)


def _boxes(chars: list[tuple[str, dict, int, int]], pages: _Pages) -> list[Box]:
    """One box per (page, line) of the matched characters."""
    groups: dict[tuple[int, int], list[dict]] = {}
    for _, c, page, line in chars:
        groups.setdefault((page, line), []).append(c)
    boxes = []
    for (page, _), cs in groups.items():
        height, ox, oy = pages.user_space(page)
        top, bottom = min(c["top"] for c in cs), max(c["bottom"] for c in cs)
        boxes.append(Box(page, ox + min(c["x0"] for c in cs), oy + height - bottom, ox + max(c["x1"] for c in cs), oy + height - top))
    return boxes


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _highlight(writer: Any, boxes: list[Box], text: str) -> None:
    """A highlight annotation per page the span touches: one quadrilateral per line, the note as /Contents."""
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject

    for page in sorted({b.page for b in boxes}):
        on_page = [b for b in boxes if b.page == page]
        quads: list[float] = []
        for b in on_page:
            quads += [b.x0, b.y1, b.x1, b.y1, b.x0, b.y0, b.x1, b.y0]  # top-left, top-right, bottom-left, bottom-right
        rect = (min(b.x0 for b in on_page), min(b.y0 for b in on_page), max(b.x1 for b in on_page), max(b.y1 for b in on_page))
        annotation = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(round(v, 3)) for v in quads), highlight_color=HIGHLIGHT)
        _describe(annotation, text)
        writer.add_annotation(page_number=page, annotation=annotation)


def _note(writer: Any, page: int, text: str) -> None:
    """A note icon at the top-left of the page, for a finding with no place on it."""
    from pypdf.annotations import Text

    box = writer.pages[page].mediabox
    left, top = float(box.left), float(box.top)
    annotation = Text(rect=(left + 20, top - 40, left + 40, top - 20), text=text, open=False)
    _describe(annotation, text)
    writer.add_annotation(page_number=page, annotation=annotation)


def _describe(annotation: Any, text: str) -> None:
    from pypdf.generic import NameObject, TextStringObject

    annotation[NameObject("/Contents")] = TextStringObject(text)
    annotation[NameObject("/T")] = TextStringObject(AUTHOR)
