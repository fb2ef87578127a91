"""Format plugin for PDF: lines joined into paragraphs, ruled tables, running headers dropped, garbage refused."""

from __future__ import annotations

import io
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from ..collector import collector_paused
from ..labels import parse_label
from ..model import Block, BlockKind, Cell, Segment, Table, grid_text, row_start
from .errors import IngestError

log = logging.getLogger(__name__)

_Obj = dict[str, Any]  # a pdfplumber word or character
_Box = tuple[float, float, float, float]  # x0, top, x1, bottom

GARBLED_MAX_SHARE = 0.02  # of non-space characters: (cid:NNN), U+FFFD, private use
SCANNED_PAGE_MIN_CHARS = 10  # a page with fewer non-space characters has no real text layer
MARGIN_BAND = 0.12  # share of the page height, top and bottom, where running headers and footers sit
MARGIN_LINES = 3  # how many lines from the top or bottom of a page may be a running header or footer
REPEATED_SHARE = 0.5  # a margin line on at least this share of the pages is a running header or footer
LINE_TOLERANCE = 0.4  # ems: words whose vertical middles are this close share a line
TURNED_COLUMN_TOLERANCE = 0.5  # ems: turned words whose horizontal middles are this close share a column
TURNED_GAP = 0.25  # ems: turned words of one column further apart than this are two words
SPACE_GAP = 0.15  # ems beyond the line's justification spacing: a real space between Latin characters
INDENT_MIN = 1.5  # ems: a first-line indent (≈2 characters) starts a paragraph
SHORT_LINE = 2.0  # ems short of the right edge: the line ends its paragraph
PARAGRAPH_GAP = 0.5  # ems more than the usual space between lines: a paragraph break
HEADING_MAX_CHARS = 60  # a longer block is not a heading, whatever its font
MARGIN_MIN_LINES = 6  # fewer lines on a page: use the document's margins instead of the page's
NOTE_MARK_SIZE = 0.75  # a word of digits or note signs smaller than this share of the body size is a footnote mark
_NOTE_SIGNS = "*†‡§①②③④⑤⑥⑦⑧⑨⑩[]()"
# Characters that may not open a line in Chinese typesetting: a line before them ends early because
# the line breaker moved them down, not because the paragraph ends there.
NO_LINE_START = "，。、；：！？”’）》」』〕】…—,.;:!?)"

_PAGE_NUMBER = re.compile(
    r"""^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*
        |第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?
        |共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页
        |\d{1,4}\s*/\s*\d{1,4}
        |page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$""",
    re.X | re.I,
)
_BOLD_MARKS = ("bold", "hei", "黑", "粗", "black", "heavy")


@dataclass(frozen=True)
class _Style:
    """A line's font size (to the half point) and weight."""

    size: float
    bold: bool


@dataclass(frozen=True)
class _Line:
    """One line of text on a page, its box and its prevailing style."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    style: _Style
    lead: float  # width of the line's first word (or first CJK character)

    @property
    def size(self) -> float:
        return self.style.size


@dataclass(frozen=True)
class _PageTable:
    """A ruled table found on a page, with the top of its box for reading order."""

    page: int
    top: float
    table: Table


@dataclass
class _Page:
    """What one page yields: its lines and tables, and character counts for the sanity checks."""

    number: int
    height: float
    lines: list[_Line]
    tables: list[_PageTable]
    chars: int  # non-space characters
    garbled: int
    # turned text outside the tables (a note printed up the page's edge): lines of their own, never clustered
    # with the upright lines beside them, each its own block after the page's
    turned: list[_Line] = field(default_factory=list)


ENGINE_VARIABLE = "SELFEVAL_LINT_PDF_READER"  # "pdfium" (the default fast path) or "pdfplumber" (the old reader)
ENGINES = ("pdfium", "pdfplumber")


def engine() -> str:
    """Which reader takes the characters: pypdfium2 (default) or pdfplumber (SELFEVAL_LINT_PDF_READER=pdfplumber)."""
    import os

    chosen = os.environ.get(ENGINE_VARIABLE, "").strip().lower() or ENGINES[0]
    return chosen if chosen in ENGINES else ENGINES[0]


def read_pdf(data: bytes) -> list[Block]:
    """The blocks of a PDF's text layer in reading order; IngestError PAR004, PAR007–PAR010 when it cannot be read."""
    from .pdf_guard import guard, read_diagnosed

    if engine() == "pdfplumber":
        guard(data)  # bounds first: decompressed streams, characters per page
        return read_diagnosed(data, _read_text_layer)  # "no text layer" only when that is the real cause
    guard(data, count_pages=False)  # the fast path counts each page's characters before it reads them
    return read_diagnosed(data, _read_text_layer_fast)


def _read_text_layer_fast(data: bytes) -> list[Block]:
    """The pypdfium2 fast path: characters, boxes, fonts and visibility from pdfium, tables from pdfplumber."""
    from .pdf_guard import MAX_PAGE_CHARS
    from .pdf_pdfium import read_pages

    with collector_paused():  # a dict per character and word, none in a cycle: the passes cost 10–15 % of a read
        pages = [_page(raw) for raw in read_pages(data, MAX_PAGE_CHARS)]
        return _layout(pages)


def _read_text_layer(data: bytes) -> list[Block]:
    _refuse_unreadable(data)
    pages = _read_pages(data)
    return _layout(pages)


def _layout(pages: list[_Page]) -> list[Block]:
    """Pages' lines and tables, checked and cleaned, as blocks."""
    _refuse_garbled(pages)
    _drop_running_lines(pages)
    _drop_page_overlaps(pages)
    return _blocks(pages)


# ── refusing what cannot be linted ────────────────────────────────────────────────────────────────


def _refuse_unreadable(data: bytes) -> None:
    """A fast first pass with pypdfium2: encrypted (PAR007), corrupt (PAR010), no text layer (PAR008)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from .pdf_pdfium import open_pdf

    doc = open_pdf(data)
    try:
        if len(doc) == 0:
            raise IngestError("PAR010", "corrupt", reason="no pages")
        if not _has_text_layer(doc, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            raise IngestError("PAR008", "scanned", pages=len(doc))
    except pdfium.PdfiumError as exc:
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None
    finally:
        doc.close()


def _has_text_layer(doc: Any, image_type: int) -> bool:
    """Some page has real text, or no page has an image and some character exists."""
    total = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        chars = sum(1 for ch in textpage.get_text_range() if not ch.isspace())
        textpage.close()
        page.close()
        if chars >= SCANNED_PAGE_MIN_CHARS:
            return True
        total += chars
    if total == 0:
        return False
    return not any(_has_image(doc[i], image_type) for i in range(len(doc)))


def _has_image(page: Any, image_type: int) -> bool:
    """Whether a pypdfium2 page draws an image (closing the page)."""
    found = next(page.get_objects(filter=(image_type,)), None) is not None
    page.close()
    return found


def _refuse_garbled(pages: Sequence[_Page]) -> None:
    """PAR009 when undecodable characters exceed GARBLED_MAX_SHARE of the document's characters."""
    chars = sum(p.chars for p in pages)
    garbled = sum(p.garbled for p in pages)
    if chars == 0:
        raise IngestError("PAR008", "scanned", pages=len(pages))
    if garbled / chars > GARBLED_MAX_SHARE:
        raise IngestError("PAR009", "garbled", share=f"{100 * garbled / chars:.1f}")


def _is_garbled(text: str) -> bool:
    """A character pdfminer could not map to Unicode: (cid:NNN), U+FFFD or a private-use code point."""
    if len(text) == 1:  # pypdfium2's characters, and most of pdfminer's
        return text == "\ufffd" or "\ue000" <= text <= "\uf8ff"
    return text.startswith("(cid:") or _UNMAPPED.search(text) is not None


_UNMAPPED = re.compile("[\ufffd\ue000-\uf8ff]")


def _reason(exc: BaseException) -> str:
    """A short, single-line description of a library's exception."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = str(inner).strip() or type(inner).__name__
    if pdfium := re.search(r"\(PDFium: ([^)]*)\)", text):
        text = pdfium.group(1)
    return "".join(ch if ch.isprintable() else "?" for ch in text.splitlines()[0][:120])


# ── reading pages with pdfplumber ─────────────────────────────────────────────────────────────────


@dataclass
class _RawPage:
    """What pdfplumber gives for one page: words (with their characters), ruled tables' cell boxes, characters."""

    number: int
    height: float
    words: list[_Obj]
    tables: list[list[_Box]]
    chars: list[str]  # the text of each non-space character


def _read_pages(data: bytes) -> list[_Page]:
    """Lines and tables of every page, one page in memory at a time."""
    return [_page(raw) for raw in _raw_pages(data)]


def _raw_pages(data: bytes) -> Iterator[_RawPage]:
    """pdfplumber's words and tables page by page; its failures (and only its) become PAR007 or PAR010."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                yield _raw_page(number, page)
                page.close()
    except Exception as exc:  # pdfminer raises many kinds of errors on broken files
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise IngestError("PAR007", "encrypted") from None
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None


def _raw_page(number: int, page: Any) -> _RawPage:
    """The only place that asks pdfplumber about a page: characters, ruled tables, words with font and size."""
    if any(not _visible(c, page) for c in page.chars):  # WPS exports: a second copy set outside the page, white text
        page = page.filter(lambda obj: obj.get("object_type") != "char" or _visible(obj, page))
    if _has_doubled_chars(page.chars):  # fake bold: the same glyph printed twice
        page = page.dedupe_chars()
    tables = [t.cells for t in page.find_tables() if len(t.cells) >= 2]  # a lone framed box is not a table
    words = page.extract_words(keep_blank_chars=True, return_chars=True, extra_attrs=["fontname", "size"])
    chars = [c["text"] for c in page.chars if not c["text"].isspace()]
    return _RawPage(number, float(page.height), words, tables, chars)


def _page(raw: _RawPage) -> _Page:
    """Words outside the tables become lines; words inside go to their table's cells."""
    boxes = [_bbox(cells) for cells in raw.tables]
    inside: list[list[_Obj]] = [[] for _ in boxes]
    outside: list[_Obj] = []
    for word in raw.words:
        k = next((i for i, box in enumerate(boxes) if _contains(box, word)), None)
        (outside if k is None else inside[k]).append(word)
    outside = _with_turned_text_joined(outside)  # (in a table: cell by cell, in _table)
    kept = _without_note_marks(outside)
    upright = [w for w in kept if w.get("upright", True)]
    lines = _lines(upright, raw.number)
    turned = _turned_lines([w for w in kept if not w.get("upright", True)], raw.number)
    tables = [_PageTable(raw.number, box[1], _table(cells, ws)) for box, cells, ws in zip(boxes, raw.tables, inside)]
    marks = sum(ch.isdigit() for w in outside if w not in kept for ch in w["text"]) if len(kept) < len(outside) else 0
    garbled, digits = _garbled_and_digits(raw.chars)
    _check_digits(raw.number, digits, lines + turned, tables, marks)
    return _Page(raw.number, raw.height, lines, tables, len(raw.chars), garbled, turned)


# ── turned text: a 自评表's row headers printed up or down the page ───────────────────────────────────


def _with_turned_text_joined(words: list[_Obj]) -> list[_Obj]:
    """The upright words as they are; the turned ones (both readers give them top down, one per run of a font)
    joined into one word per column of touching characters, in reading order: reversed where the text reads
    from the bottom up, so that 项目资金(万元) with its brackets in another font stays one word, in order."""
    if all(w.get("upright", True) for w in words):
        return words
    from .pdf_pdfium import cluster as cluster_objects  # pdfplumber's cluster_objects

    kept = [w for w in words if w.get("upright", True)]
    turned = [w for w in words if not w.get("upright", True)]
    em = _median(w["size"] for w in turned)
    for upward in (False, True):
        same_way = [w for w in turned if _reads_up(w) is upward]
        for column in cluster_objects(same_way, _centre, TURNED_COLUMN_TOLERANCE * em):
            column.sort(key=_TOP)
            run, bottom = [column[0]], column[0]["bottom"]
            for word in column[1:]:
                if word["top"] > bottom + TURNED_GAP * em:  # a gap: the run so far is a word
                    kept.append(_column_word(run, upward))
                    run, bottom = [word], word["bottom"]
                else:
                    run.append(word)
                    bottom = max(bottom, word["bottom"])
            kept.append(_column_word(run, upward))
    return kept


def _turned_by_character(words: list[_Obj]) -> Iterator[_Obj]:
    """The upright words as they are, and each character of a turned word as a word of its own: placed in a
    table's cells one by one, a turned word the reader ran across two stacked cells (Word pads them by 0 pt)
    is cut at the rule between them; each cell's characters are joined again (_with_turned_text_joined)."""
    from .pdf_pdfium import merge_chars

    for word in words:
        if word.get("upright", True) or len(word["chars"]) == 1:
            yield word
        else:
            for ch in word["chars"]:
                yield {**merge_chars([ch]), "upright": False}


def _reads_up(word: _Obj) -> bool:
    """Whether turned text reads from the bottom up (rotated 90° anticlockwise: its matrix's b > 0)."""
    first = word["chars"][0]
    return bool(first["upward"]) if "upward" in first else first["matrix"][1] > 0


def _centre(word: _Obj) -> float:
    return (word["x0"] + word["x1"]) / 2


def _column_word(words: list[_Obj], upward: bool) -> _Obj:
    """Touching words of one column of turned text (top down) as one word with its characters in reading order."""
    from .pdf_pdfium import merge_chars

    chars = list(chain.from_iterable(map(_CHARS, words)))
    if upward:
        chars.reverse()
    return {**merge_chars(chars), "upright": False, "upward": upward}


def _turned_lines(words: list[_Obj], page: int) -> list[_Line]:
    """Turned words outside the tables as lines: the columns of one note (side by side, less than an em apart,
    overlapping down the page) one line, in reading order, left to right across the page."""
    if not words:
        return []
    em = _median(w["size"] for w in words)
    notes: list[list[_Obj]] = []
    right = top = bottom = 0.0  # the last note's box, kept as it grows
    for word in sorted(words, key=_X0):
        if (notes and word["x0"] - right < em and word["upward"] == notes[-1][0]["upward"]
                and word["top"] < bottom and word["bottom"] > top):
            notes[-1].append(word)
            right, top, bottom = max(right, word["x1"]), min(top, word["top"]), max(bottom, word["bottom"])
        else:
            notes.append([word])
            right, top, bottom = word["x1"], word["top"], word["bottom"]
    lines = []
    for note in notes:
        text = _columns_text(note)
        if text.strip():
            lines.append(_Line(text, page, min(map(_X0, note)), max(map(_X1, note)), min(map(_TOP, note)),
                               max(map(_BOTTOM, note)), _prevailing_style(note), 0.0))
    return lines


def _columns_text(words: list[_Obj]) -> str:
    """Columns of turned text as lines, in reading order: from the left for text that reads up (its lines run
    rightwards), from the right for text that reads down."""
    text = ""
    for word in sorted(words, key=lambda w: (w["upward"], w["x0"] if w["upward"] else -w["x0"])):
        text = _join(text, _line_text(word["chars"]))
    return text


def _garbled_and_digits(texts: list[str]) -> tuple[int, int]:
    """How many of the characters' texts are garbled, and how many digits the others hold."""
    joined = "".join(texts)
    if max(map(len, texts), default=0) <= 1:  # one character each (pypdfium2's, most of pdfminer's): counted in C
        garbled = len(_UNMAPPED.findall(joined))  # a garbled character is no digit
        return garbled, sum(map(str.isdigit, joined))
    kept = [text for text in texts if not _is_garbled(text)]
    return len(texts) - len(kept), sum(map(str.isdigit, "".join(kept)))


_WHITE = {(1,), (1, 1, 1), (0, 0, 0, 0)}


def _visible(char: _Obj, page: Any) -> bool:
    """A character a reader sees: its middle on the page (inside the crop box), not painted white."""
    x0, top, x1, bottom = page.bbox
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    colour = char.get("non_stroking_color")
    white = isinstance(colour, (tuple, list)) and tuple(float(v) for v in colour) in _WHITE
    return x0 <= x <= x1 and top <= y <= bottom and not white


def _bbox(cells: list[_Box]) -> _Box:
    """The box around a table's cells."""
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def _has_doubled_chars(chars: list[_Obj]) -> bool:
    """Whether some glyph is printed twice at (nearly) the same place."""
    texts, lefts, tops = map(itemgetter("text"), chars), map(itemgetter("x0"), chars), map(itemgetter("top"), chars)
    places = set(zip(texts, map(round, lefts), map(round, tops)))
    return len(places) < len(chars)


def _contains(box: _Box, obj: _Obj) -> bool:
    """Whether the middle of a word or character lies in the box (pdfplumber's own rule for table cells)."""
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _check_digits(number: int, digits: int, lines: list[_Line], tables: list[_PageTable], marks: int) -> None:
    """Digits set in another font can be lost or misplaced (pdfplumber #680): log when the counts differ
    (footnote marks, dropped on purpose, aside); `digits` is how many the page's readable characters hold."""
    on_page = digits - marks
    texts = [line.text for line in lines] + [cell.text for t in tables for cell in t.table.cells]
    read = sum(map(str.isdigit, "".join(texts)))
    if on_page != read:
        log.warning("page %d: %d digits on the page but %d in the text read from it", number, on_page, read)


# ── lines: clustering words and removing spurious spaces ──────────────────────────────────────────


def _lines(words: list[_Obj], page: int) -> list[_Line]:
    """Words grouped into lines by their vertical middles (robust to fonts with other ascents), top to bottom."""
    if not words:
        return []
    em = _median(w["size"] for w in words)
    groups = _cluster_lines(words, em)
    lines = []
    for group in groups:
        group.sort(key=_X0)
        chars = list(chain.from_iterable(map(_CHARS, group)))
        text = _line_text(chars)
        if text:
            visible = [c for c in chars if not c["text"].isspace()]
            lines.append(
                _Line(
                    text,
                    page,
                    min(map(_X0, visible)),  # leading blanks (an indent typed as 　　) do not count
                    max(map(_X1, visible)),
                    min(map(_TOP, group)),
                    max(map(_BOTTOM, group)),
                    _prevailing_style(group),
                    _lead_width(chars),
                )
            )
    return lines


_X0, _X1, _TOP, _BOTTOM, _CHARS = (itemgetter(key) for key in ("x0", "x1", "top", "bottom", "chars"))


def _without_note_marks(words: list[_Obj]) -> list[_Obj]:
    """The page's words less footnote marks: small words of digits or note signs (¹ set at 6.4 pt beside 11 pt
    text), which would otherwise glue onto the next figure ("支出¹2.00万元" read as 12.00万元)."""
    if not words:
        return words
    em = _median(w["size"] for w in words)
    return [
        w for w in words
        if not (w["size"] < NOTE_MARK_SIZE * em and all(ch.isdigit() or ch in _NOTE_SIGNS for ch in w["text"]))
    ]


def _cluster_lines(objs: list[_Obj], em: float) -> list[list[_Obj]]:
    """pdfplumber's clustering on the vertical middle, top to bottom; figures set a little lower or higher
    than their text (ONLYOFFICE exports) are put back into the gaps their line left for them."""
    if len(objs) < 2:  # a cell of one word: nothing to cluster
        return [list(objs)]
    from .pdf_pdfium import cluster  # pdfplumber's cluster_objects, without its sorting of (object, cluster) pairs

    groups = cluster(objs, _middle, LINE_TOLERANCE * em)
    return _rejoin_detached_figures(groups, em)


DETACHED_TOLERANCE = 0.6  # ems: figures this close to a text line's middle, in its gaps, belong to it
_FIGURE_WORD = re.compile(r"^[\s0-9０-９.,，%％+\-−“”‘’\"'()]+$")  # figures and the Latin punctuation set with them


_TEXT = itemgetter("text")


@lru_cache(maxsize=4096)
def _is_figures(text: str) -> bool:
    """A word of figures and the Latin punctuation set with them (_FIGURE_WORD)."""
    return _FIGURE_WORD.match(text) is not None


def _middle(obj: _Obj) -> float:
    return (obj["top"] + obj["bottom"]) / 2


def _rejoin_detached_figures(groups: list[list[_Obj]], em: float) -> list[list[_Obj]]:
    """A line of figures alone whose words all fall in the horizontal gaps of a neighbouring text line within
    DETACHED_TOLERANCE ems of its middle joins that line ("本年收入合计万元" above "2946.25" is one line)."""
    if len(groups) < 2:
        return groups
    figures = [all(map(_is_figures, map(_TEXT, g))) for g in groups]
    if not any(figures):
        return groups
    texts = [g for g, only_figures in zip(groups, figures) if not only_figures]
    merged: list[list[_Obj]] = []
    for group, only_figures in zip(groups, figures):
        if not only_figures:
            merged.append(group)
            continue
        mid = _median(map(_middle, group))
        near = [t for t in texts if abs(_median(map(_middle, t)) - mid) <= DETACHED_TOLERANCE * em]
        fits = [t for t in near if not any(_overlaps(w, v) for w in group for v in t)]
        if len(fits) == 1:
            fits[0].extend(group)
        else:
            merged.append(group)
    return merged


def _overlaps(a: _Obj, b: _Obj) -> bool:
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 0.5


def _line_text(chars: list[_Obj]) -> str:
    """A line's characters as text: spaces only between Latin characters that a real space or gap separates."""
    if len(chars) == 1:  # (a cell of one figure or sign): no gap to weigh
        text = chars[0]["text"]
        return "" if text.isspace() or not text else "\ufffd" if _is_garbled(text) else text
    texts = [c["text"] for c in chars]
    starts = list(map(_is_cjk, [t[:1] for t in texts]))  # whether each text opens with a CJK character
    single = max(map(len, texts), default=0) <= 1  # then a text's first character is its last
    if single and all(starts):  # all CJK (none garbled, none empty): no space goes in, blanks (U+3000) drop out
        return "".join([t for t in texts if not t.isspace()])
    ends = starts if single else list(map(_is_cjk, [t[-1:] for t in texts]))  # … and ends with one
    spacing = _spacing(chars, starts, ends)
    out: list[str] = []
    prev: _Obj | None = None
    prev_cjk = blank = False
    for ch, text, cjk_start, cjk_end in zip(chars, texts, starts, ends):
        if text.isspace() or not text:
            blank = True
            continue
        if (text == "\ufffd" or "\ue000" <= text <= "\uf8ff") if len(text) == 1 else _is_garbled(text):
            text = "\ufffd"
        if prev is not None and not (prev_cjk or cjk_start) and (blank or ch["x0"] - prev["x1"] > spacing + SPACE_GAP * ch["size"]):
            out.append(" ")  # as _spaced decides
        out.append(text)
        prev, prev_cjk, blank = ch, cjk_end, False
    return "".join(out)


def _justification(chars: list[_Obj]) -> float:
    """The extra spacing justified text puts between characters: the median gap between adjacent CJK ones."""
    starts = [_is_cjk(c["text"][:1]) for c in chars]
    return _spacing(chars, starts, [_is_cjk(c["text"][-1:]) for c in chars])


def _spacing(chars: list[_Obj], starts: list[bool], ends: list[bool]) -> float:
    """_justification, given whether each character's text opens and ends with a CJK character."""
    gaps = [b["x0"] - a["x1"] for a, b, end, start in zip(chars, chars[1:], ends, starts[1:]) if end and start]
    return _median([g if g > 0.0 else 0.0 for g in gaps]) if gaps else 0.0


def _lead_width(chars: list[_Obj]) -> float:
    """Width of the first word: one CJK character, or a run of other characters up to a space or a CJK one."""
    visible = iter(c for c in chars if c["text"].strip())
    first = next(visible, None)
    if first is None:
        return 0.0
    last = first
    if not _is_cjk(first["text"][:1]):
        for ch in visible:
            if _is_cjk(ch["text"][:1]) or ch["x0"] - last["x1"] > SPACE_GAP * ch["size"]:
                break
            last = ch
    return last["x1"] - first["x0"]


def _spaced(a: _Obj, b: _Obj, blank: bool, spacing: float) -> bool:
    """A space between two characters: never next to CJK; else a real space, or a gap wider than justification."""
    if _is_cjk(a["text"][-1:]) or _is_cjk(b["text"][:1]):
        return False
    return blank or b["x0"] - a["x1"] > spacing + SPACE_GAP * b["size"]


@lru_cache(maxsize=8192)  # asked several times for every character of the document
def _is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, CJK and full-width punctuation, circled numbers: no spaces around them."""
    if not ch:
        return False
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0x2460 <= o <= 0x24FF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
        or 0x20000 <= o <= 0x3FFFF
        or ch in "“”‘’—…·"
    )


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph or cell: a space only between words (CJK needs none, nor does 100.00 + %)."""
    if not left or not right:
        return left + right
    ends, starts = left[-1], right[0]
    word_end = not _is_cjk(ends) and (ends.isalnum() or ends in ",.;:!?)]}%'\"")
    word_start = not _is_cjk(starts) and (starts.isalnum() or starts in "([{'\"")
    return left + (" " if word_end and word_start else "") + right


def _prevailing_style(words: Iterable[_Obj]) -> _Style:
    """The size and weight of most of the words' characters."""
    weights: Counter[_Style] = Counter()
    for w in words:
        n = w.get("visible")  # the fast path's words count their non-blank characters
        if n is None:
            n = sum(1 for c in w["chars"] if not c["text"].isspace())
        if n:
            weights[_style_of(w["size"], w["fontname"])] += n
    return weights.most_common(1)[0][0] if weights else _Style(0.0, False)


def _style_of(size: float, fontname: object) -> _Style:
    """A word's style: its size to the half point, and whether its font is bold."""
    if type(fontname) is str:
        return _cached_style(size, fontname)
    return _Style(round(size * 2) / 2, _is_bold(fontname))


@lru_cache(maxsize=1024)
def _cached_style(size: float, fontname: str) -> _Style:
    return _Style(round(size * 2) / 2, _is_bold(fontname))


def _is_bold(fontname: object) -> bool:
    """Bold or black faces (…Bold, SimHei, 黑体, 方正粗宋); GBK names that pdfminer shows as Latin-1 are decoded."""
    name = str(fontname).split("+", 1)[-1]  # a damaged file can name a font with a keyword object
    if any("\x80" <= ch <= "\xff" for ch in name):
        try:
            name = name.encode("latin-1").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    lowered = name.lower()
    return any(mark in lowered for mark in _BOLD_MARKS)


# ── tables ────────────────────────────────────────────────────────────────────────────────────────


def _table(cells: list[_Box], words: list[_Obj]) -> Table:
    """A grid from pdfplumber's cell boxes: columns at the distinct left edges, rows at the distinct tops."""
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    row_of, col_of = {y: i for i, y in reversed(list(enumerate(ys)))}, {x: i for i, x in reversed(list(enumerate(xs)))}
    eps = 0.5
    owner: dict[tuple[int, int], int] = {}
    placed: list[tuple[int, int, int, int]] = []
    for k, (x0, top, x1, bottom) in enumerate(cells):
        row, col = row_of[top], col_of[x0]  # (the first index of each, as list.index gives it)
        rowspan = max(1, bisect_left(ys, bottom - eps) - bisect_left(ys, top - eps))  # the tops in [top, bottom) less eps
        colspan = max(1, bisect_left(xs, x1 - eps) - bisect_left(xs, x0 - eps))
        placed.append((row, col, rowspan, colspan))
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                owner[(r, c)] = k
    contents: list[list[_Obj]] = [[] for _ in cells]
    for word in _turned_by_character(words):
        x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        k = owner.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if k is not None:
            contents[k].append(word)
    grid = [["" for _ in xs] for _ in ys]
    found = []
    for (row, col, rowspan, colspan), ws in sorted(zip(placed, contents), key=lambda p: p[0][:2]):
        text = _cell_text(_with_turned_text_joined(ws))
        grid[row][col] = text
        found.append(Cell(row, col, text, rowspan, colspan))
    return Table(tuple(tuple(r) for r in grid), tuple(found))


def _cell_text(words: list[_Obj]) -> str:
    """A cell's lines joined like a paragraph's (no separator between CJK), with no tab or newline left."""
    text = ""
    if any(not w.get("upright", True) for w in words):  # turned text (joined by column): its columns in order,
        upright = [w for w in words if w.get("upright", True)]  # before or after the upright text, by their tops
        turned = [w for w in words if not w.get("upright", True)]
        if not upright:
            return _columns_text(turned)
        (_, first), (_, second) = sorted([(min(map(_TOP, turned)), _columns_text(turned)),
                                          (min(map(_TOP, upright)), _cell_text(upright))])
        return _join(first, second)
    if len(words) == 1:  # nothing to cluster, nothing to join
        text = _line_text(words[0]["chars"])
    elif words:  # as _lines(words) does it, less the boxes and styles a cell does not need
        em = _median(w["size"] for w in words)
        for group in _cluster_lines(words, em):
            group.sort(key=_X0)
            line = _line_text(list(chain.from_iterable(map(_CHARS, group))))
            if line:
                text = _join(text, line)
    return _CELL_BREAKS.sub(" ", text) if "\t" in text or "\r" in text or "\n" in text else text


_CELL_BREAKS = re.compile(r"[\t\r\n]+")


def _median(values: Iterable[float]) -> float:
    """statistics.median (the middle value, or the mean of the two middle ones), without its type dispatch."""
    data = sorted(values)
    n = len(data)
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


# ── running headers, footers and page numbers ─────────────────────────────────────────────────────


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated in the top or bottom margin band on most pages."""
    candidates = {p.number: _margin_lines(p) for p in pages}
    seen = Counter(key for lines in candidates.values() for key in {_running_key(line) for line in lines})
    threshold = max(2, REPEATED_SHARE * len(pages))
    for page in pages:
        drop = {
            id(line)
            for line in candidates[page.number]
            if _PAGE_NUMBER.match(line.text) or seen[_running_key(line)] >= threshold
        }
        page.lines = [line for line in page.lines if id(line) not in drop]
    side = Counter(key for p in pages for key in {_running_key(line) for line in p.turned})
    for page in pages:  # turned text on most pages (a side label, a 装订线): page furniture too
        page.turned = [line for line in page.turned if side[_running_key(line)] < threshold]


MIN_OVERLAP_CHARS = 20


def _drop_page_overlaps(pages: list[_Page]) -> None:
    """A text frame flowing over a page break is drawn whole on both pages by some exporters (WPS), clipped to
    each: the lines that end one page and open the next alike, in order, are read once (the first time)."""
    for before, after in zip(pages, pages[1:]):
        tail = [_key(line) for line in sorted(before.lines, key=lambda line: line.top)]
        head = sorted(after.lines, key=lambda line: line.top)
        keys = [_key(line) for line in head]
        for n in range(min(len(tail), len(keys)), 0, -1):
            if tail[-n:] == keys[:n]:
                if sum(map(len, keys[:n])) >= MIN_OVERLAP_CHARS:
                    dropped = {id(line) for line in head[:n]}
                    after.lines = [line for line in after.lines if id(line) not in dropped]
                break


def _key(line: _Line) -> str:
    return re.sub(r"\s+", "", line.text)


def _margin_lines(page: _Page) -> list[_Line]:
    """The first and last few lines of a page, if they lie in the top or bottom margin band."""
    ordered = sorted(page.lines, key=lambda line: line.top)
    band = MARGIN_BAND * page.height
    top = [line for line in ordered[:MARGIN_LINES] if line.bottom <= band]
    bottom = [line for line in ordered[-MARGIN_LINES:] if line.top >= page.height - band]
    return top + [line for line in bottom if line not in top]


def _running_key(line: _Line) -> str:
    """What stays the same in a running header or footer from page to page (page numbers vary)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


# ── assembling blocks ─────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Margins:
    """A page's left edge of text and right edge of full lines."""

    left: float
    right: float


def _blocks(pages: list[_Page]) -> list[Block]:
    """Lines joined into paragraphs and tables as blocks, numbered by line of the extracted text."""
    lines = [line for p in pages for line in p.lines]
    body = _body_style(lines)
    margins = _page_margins(pages, lines)
    usual_gap = _usual_gap(pages)
    heading_rank = _heading_ranks(body, lines)
    blocks: list[Block] = []
    current: list[tuple[_Line, int]] = []
    line_no = 0

    def flush() -> None:
        if current:
            blocks.append(_paragraph(len(blocks), current, heading_rank))
            current.clear()

    for page in pages:
        items: list[_Line | _PageTable] = [*page.lines, *page.tables]
        items.sort(key=lambda item: item.top)
        for item in items:
            if isinstance(item, _PageTable):
                flush()
                blocks.append(_table_block(len(blocks), item, line_no + 1))
                line_no += len(item.table.rows)
                continue
            line_no += 1
            prev = current[-1][0] if current else None
            if prev is not None and _starts_block(item, prev, margins, usual_gap):
                flush()
            current.append((item, line_no))
        for line in page.turned:  # a note up the page's edge: a block of its own, not inside the text beside it
            flush()
            line_no += 1
            current.append((line, line_no))
            flush()
    flush()
    _note_split_tables(pages)
    return blocks


def _starts_block(line: _Line, prev: _Line, margins: dict[int, _Margins], usual_gap: float) -> bool:
    """A heading label, a first-line indent, a wide gap, a change of font, or a previous line that ended early.

    A line ended early when it stops short of the right edge by more than SHORT_LINE ems and by more than
    this line's first word would have needed (ragged Latin text wraps whole words)."""
    here, there = margins[line.page], margins[prev.page]
    room = there.right - prev.x1
    # The line breaker pushes punctuation that may not open a line down, with the character before it:
    # the line above then ends early without ending its paragraph.
    pushed_down = len(line.text) > 3 and any(ch in NO_LINE_START for ch in line.text[:2])
    pushed_down = pushed_down or _bracket_pushed_down(line.text, prev.text)
    return (
        parse_label(line.text) is not None
        or line.x0 - here.left >= INDENT_MIN * line.size
        or (room > max(SHORT_LINE * prev.size, line.lead + PARAGRAPH_GAP * line.size) and not pushed_down)
        or (line.page == prev.page and line.top - prev.bottom > usual_gap + PARAGRAPH_GAP * line.size)
        or line.style != prev.style
    )


_SHORT_BRACKET = re.compile(r"^[（(][^（()）]{1,8}[）)]")
_SENTENCE_END = "。；;！？!?：:"


def _bracket_pushed_down(text: str, before: str) -> bool:
    """A short bracket kept whole by the line breaker ("…因公出国" / "（境）费…"), or a line inside an
    unclosed （…） of the line before: the paragraph goes on."""
    before = before.rstrip()
    if not before or before[-1] in _SENTENCE_END:
        return False
    unclosed = before.count("（") + before.count("(") > before.count("）") + before.count(")")
    return unclosed or bool(_SHORT_BRACKET.match(text))


def _paragraph(index: int, lines: list[tuple[_Line, int]], heading_rank: dict[_Style, int]) -> Block:
    """A paragraph block: its lines joined, one segment per line, a heading hint when its style is a heading's."""
    text = ""
    segments = []
    for line, line_no in lines:
        joined = _join(text, line.text)
        segments.append(Segment(start=len(joined) - len(line.text), line=line_no, column=1, page=line.page))
        text = joined
    weights: Counter[_Style] = Counter()
    for line, _ in lines:
        weights[line.style] += len(line.text)
    style = weights.most_common(1)[0][0]
    hint = heading_rank.get(style) if len(text) <= HEADING_MAX_CHARS else None
    return Block(index, BlockKind.PARAGRAPH, text, tuple(segments), heading_hint=hint)


def _table_block(index: int, item: _PageTable, first_line: int) -> Block:
    """A table block: rows joined by newlines and cells by tabs, one segment (one extracted line) per row."""
    text, starts = grid_text(item.table.rows)
    segments = tuple(
        Segment(start=row_start(text, i), line=first_line + i, column=1, page=item.page) for i in range(len(item.table.rows))
    )
    return Block(index, BlockKind.TABLE, text, segments, table=replace(item.table, starts=starts))


def _body_style(lines: Sequence[_Line]) -> _Style:
    """The style that sets most of the text."""
    weights: Counter[_Style] = Counter()
    for line in lines:
        weights[line.style] += len(line.text)
    return weights.most_common(1)[0][0] if weights else _Style(0.0, False)


def _heading_ranks(body: _Style, lines: Sequence[_Line]) -> dict[_Style, int]:
    """Styles larger than the body's, or bold where the body is not: 1 for the largest, 2 for the next…"""
    styles = {
        line.style
        for line in lines
        if line.size >= body.size + 1 or (line.style.bold and not body.bold and line.size >= body.size - 0.5)
    }
    ordered = sorted(styles, key=lambda s: (-s.size, not s.bold))
    return {style: rank for rank, style in enumerate(ordered, start=1)}


def _page_margins(pages: Sequence[_Page], lines: Sequence[_Line]) -> dict[int, _Margins]:
    """Each page's text edges (the document's when a page has too few lines to tell)."""
    document = _margins_of(lines)
    return {p.number: _margins_of(p.lines) if len(p.lines) >= MARGIN_MIN_LINES else document for p in pages}


def _margins_of(lines: Sequence[_Line]) -> _Margins:
    """The left edge of most lines and the right edge of the longest (10th and 90th percentiles)."""
    if not lines:
        return _Margins(0.0, 0.0)
    lefts, rights = sorted(line.x0 for line in lines), sorted(line.x1 for line in lines)
    return _Margins(lefts[int(0.1 * (len(lefts) - 1))], rights[int(0.9 * (len(rights) - 1))])


def _usual_gap(pages: Sequence[_Page]) -> float:
    """The median space between consecutive lines of a page (lines are kept top to bottom)."""
    gaps = [b.top - a.bottom for p in pages for a, b in zip(p.lines, p.lines[1:])]
    return _median(gaps) if gaps else 0.0


def _note_split_tables(pages: Sequence[_Page]) -> None:
    """A table that goes on over a page break stays two tables; say so in the log."""
    for page, following in zip(pages, pages[1:]):
        first_line = min((line.top for line in following.lines), default=float("inf"))
        if page.tables and following.tables and min(t.top for t in following.tables) < first_line:
            log.info("page %d: a table may go on from page %d; read as a second table", following.number, page.number)
