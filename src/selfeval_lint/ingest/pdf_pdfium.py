"""The PDF fast path: each page's visible characters, boxes and fonts from pypdfium2, grouped into words as
pdfplumber groups them; ruled tables from pdfium's paths by pdfplumber's lattice algorithm (pdf_rules), or, behind
SELFEVAL_LINT_PDF_TABLES=pdfplumber, from pdfplumber's find_tables on the pages that draw enough lines."""

from __future__ import annotations

import ctypes
import io
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from . import pdf_rules as _rules
from . import pdfium_c as _c
from .errors import IngestError

log = logging.getLogger("selfeval_lint.ingest.pdf")

_Obj = dict[str, Any]
_Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, as pdfplumber gives them)

WORD_X_TOLERANCE = WORD_Y_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
THIN = 2.0  # points: a path this thin in one direction is a ruled line
TABLE_MIN_EDGES = 5  # fewer edges than this cannot make the two cells a table needs (one rectangle is four)
_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP: nothing is painted
_STROKE_MODES = (1, 5)  # only the outline is painted (its colour is the stroke colour)
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_*
_UNSEEN: Any = object()  # a text object not styled yet


@dataclass
class PdfiumPage:
    """What the fast path reads from one page: visible characters as pdfplumber-shaped word dicts (with their
    characters), the ruled tables' cell boxes, the visible non-space characters' texts."""

    number: int
    height: float
    words: list[_Obj]
    tables: list[list[_Box]]
    chars: list[str]


def open_pdf(data: bytes) -> Any:
    """The pypdfium2 document (opened with the empty user password): PAR007 when encrypted, PAR010 when corrupt."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise IngestError("PAR007", "encrypted") from None
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None


def read_pages(data: bytes, max_page_chars: int) -> list[PdfiumPage]:
    """Every page read with pypdfium2 (PAR007 encrypted, PAR010 corrupt, PAR004 an overfull page, PAR008 no text
    layer); the pages with ruled lines get their tables from their paths (see pdf_rules)."""
    import pypdfium2 as pdfium

    doc = open_pdf(data)
    tables = _Tables(data) if table_finder() == "pdfplumber" else None
    try:
        if len(doc) == 0:
            raise IngestError("PAR010", "corrupt", reason="no pages")
        pages, text_chars, images = [], 0, False
        for i in range(len(doc)):
            page = doc[i]
            try:
                read = _Reader(page, i + 1, max_page_chars)
                text_chars = max(text_chars, read.all_chars)
                images = images or read.images
                cells = [] if not read.ruled else tables.cells(i) if tables else _rules.tables(read.edges_of(page))
                pages.append(PdfiumPage(i + 1, read.height, _words(read.chars), cells, [c["text"] for c in read.chars if not c["text"].isspace()]))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None
    finally:
        if tables:
            tables.close()
        doc.close()
    if not _has_text_layer(pages, text_chars, images):
        raise IngestError("PAR008", "scanned", pages=len(pages))
    return pages


TABLES_VARIABLE = "SELFEVAL_LINT_PDF_TABLES"  # "pdfium" (default: pdfium's paths) or "pdfplumber" (its finder)


def table_finder() -> str:
    """Where the ruled lines of the fast path's tables come from: pdfium's path objects through pdfplumber's
    lattice algorithm (default), or pdfplumber's own find_tables on the page (SELFEVAL_LINT_PDF_TABLES=pdfplumber)."""
    import os

    return "pdfplumber" if os.environ.get(TABLES_VARIABLE, "").strip().lower() == "pdfplumber" else "pdfium"


def _has_text_layer(pages: list[PdfiumPage], most: int, images: bool) -> bool:
    """Some page has real text (SCANNED_PAGE_MIN_CHARS characters, visible or not), or no page has an image and
    some character exists: the reader's rule before the fast path."""
    from .pdf import SCANNED_PAGE_MIN_CHARS

    return most >= SCANNED_PAGE_MIN_CHARS or (most > 0 and not images)


def _reason(exc: BaseException) -> str:
    from .pdf import _reason as reason

    return reason(exc)


class _Tables:
    """pdfplumber opened once, lazily, for the ruled tables of the pages that need its table finder."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None
        self.failed = False

    def cells(self, index: int) -> list[list[_Box]]:
        """The cell boxes of the page's ruled tables of two cells or more; none when pdfplumber fails."""
        if self.failed:
            return []
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(io.BytesIO(self.data), password="")
            page = self.pdf.pages[index]
            found = [t.cells for t in page.find_tables() if len(t.cells) >= 2]  # a lone framed box is not a table
            page.close()
            return found
        except Exception as exc:  # pdfminer raises many kinds of errors on files pdfium reads past
            log.warning("page %d: the table finder failed (%s); its text is read without tables", index + 1, exc)
            self.failed = True
            return []

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


class _Reader:
    """One page through pdfium's raw API: the characters a reader sees, and whether the page has images or rules."""

    def __init__(self, page: Any, number: int, max_chars: int) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        left, bottom, right, top = page.get_mediabox()
        self.height = top - bottom
        self.top = top
        crop = page.get_cropbox()
        self.visible_box = (max(left, crop[0]), max(bottom, crop[1]), min(right, crop[2]), min(top, crop[3]))
        self.images = False
        self.edges = 0
        self.paths: list[tuple[int, _rules.Matrix]] = []  # every path object, with the matrix of the forms around it
        fast = _c.functions()
        handle = _c.address(page.raw)
        self._walk(handle, fast["FPDFPage_CountObjects"](handle), fast["FPDFPage_GetObject"], _rules.IDENTITY)
        self.ruled = self.edges >= TABLE_MIN_EDGES
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > max_chars:
                raise IngestError("PAR004", "page-chars", page=number, chars=count, limit=max_chars)
            self._objects: dict[int, tuple[bool, bool, str, float, Any] | None] = {}
            self._fonts: dict[int, str] = {}
            self._clips: dict[Any, _Box | None] = {}  # the first point of each clip path → the clip's box
            self.all_chars = 0
            self.chars = self._chars(textpage.raw, count)
        finally:
            textpage.close()

    def edges_of(self, page: Any) -> list[dict[str, Any]]:
        """The page's ruled lines as pdfplumber's edges."""
        return _rules.path_edges(self.paths, self.top)

    # ── page objects: images and ruled lines ──

    def _walk(self, parent: int, count: int, get: Any, outer: _rules.Matrix, depth: int = 0) -> None:
        fast = _c.functions()
        kind_of = fast["FPDFPageObj_GetType"]
        for k in range(count):
            obj = get(parent, k)
            kind = kind_of(obj)
            if kind == _TEXT:
                continue
            if kind == _IMAGE:
                self.images = True
            elif kind == _PATH:
                self.paths.append((obj, outer))
                if self.edges < TABLE_MIN_EDGES:
                    self.edges += self._edges(obj)
            elif kind == _FORM and depth < _rules.MAX_DEPTH:
                inner = _rules.times(_rules.matrix(obj), outer)
                self._walk(obj, fast["FPDFFormObj_CountObjects"](obj), fast["FPDFFormObj_GetObject"], inner, depth + 1)

    def _edges(self, path: int) -> int:
        """How many table edges a path could give: one for a thin line, else one per segment (four at least)."""
        box = _bounds(path)
        if box is None:
            return 0
        x0, y0, x1, y1 = box
        if x1 - x0 <= THIN or y1 - y0 <= THIN:
            return 1
        return max(4, _c.functions()["FPDFPath_CountSegments"](path) - 1)

    # ── characters ──

    def _chars(self, textpage: Any, count: int) -> list[_Obj]:
        raw = self.raw
        texts = _texts(raw, textpage, count)
        rect = raw.FS_RECTF()
        fast = _c.functions()
        handle, box = ctypes.cast(textpage, ctypes.c_void_p).value, ctypes.addressof(rect)
        generated = fast["FPDFText_IsGenerated"]
        get_object, unmapped = fast["FPDFText_GetTextObject"], fast["FPDFText_HasUnicodeMapError"]
        get_box = fast["FPDFText_GetLooseCharBox"]
        top = self.top
        x_min, y_min, x_max, y_max = self.visible_box
        styles = self._objects
        style_of = self._styles(handle)
        out: list[_Obj] = []
        append = out.append
        seen = 0
        for i, text in enumerate(texts):
            if text.isspace() or not text:
                if text in "\r\n" or generated(handle, i):
                    continue
            else:
                seen += 1
            key = get_object(handle, i)
            if not key:
                continue
            style = styles.get(key, _UNSEEN)
            if style is _UNSEEN:
                style = styles[key] = style_of(key, i)
            if style is None:  # invisible: render mode 3 or 7, white or transparent paint
                continue
            upright, upward, font, size, clip = style
            get_box(handle, i, box)
            left, right, low = rect.left, rect.right, rect.bottom
            x, y = (left + right) / 2, low + size / 2
            if not (x_min <= x <= x_max and y_min <= y <= y_max):
                continue  # off the page
            if clip is not None and not (clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]):
                continue  # clipped away
            bottom = top - low
            if text == "\x00" or "\ud800" <= text <= "\udfff" or unmapped(handle, i):  # no usable Unicode value
                text = "\ufffd"
            append({"text": text, "x0": left, "x1": right, "top": bottom - size if upright else top - rect.top,
                    "bottom": bottom, "size": size,
                    "fontname": font, "upright": upright, "upward": upward})
        self.all_chars = seen
        return out

    def _styles(self, textpage: int) -> Callable[[int, int], tuple[bool, bool, str, float, _Box | None] | None]:
        """A text object's (upright, upward, font name, size, clip box) from one of its characters, or None when
        it paints nothing a reader sees; the font names and clip boxes are read once for the objects that share
        them. Upright as pdfminer has it (a·d > 0 and b·c ≤ 0: a slanted fake italic is upright); upward: text
        turned so that it reads from the bottom up (b > 0, e.g. rotated 90° anticlockwise)."""
        fast, out = _c.functions(), _out()
        render_mode, fill, stroke = fast["FPDFTextObj_GetTextRenderMode"], fast["FPDFPageObj_GetFillColor"], fast["FPDFPageObj_GetStrokeColor"]
        get_matrix, font_size, get_font = fast["FPDFText_GetMatrix"], fast["FPDFText_GetFontSize"], fast["FPDFTextObj_GetFont"]
        get_clip, count_paths, segment = fast["FPDFPageObj_GetClipPath"], fast["FPDFClipPath_CountPaths"], fast["FPDFClipPath_GetPathSegment"]
        colour, matrix, matrix_at = out.colour, out.matrix, out.matrix_address
        c0, c1, c2, c3 = out.colour_addresses
        fonts, clips = self._fonts, self._clips
        raw = self.raw

        def style(obj: int, index: int) -> tuple[bool, bool, str, float, _Box | None] | None:
            mode = render_mode(obj)
            if mode in _INVISIBLE_MODES:
                return None
            if (fill if mode == 0 or mode not in _STROKE_MODES else stroke)(obj, c0, c1, c2, c3) and (
                colour[3] == 0 or (colour[0] == 255 and colour[1] == 255 and colour[2] == 255)
            ):
                return None  # transparent or white
            get_matrix(textpage, index, matrix_at)
            a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
            upright = a * d > 0 and b * c <= 0
            scale = abs(d) if abs(b) < 1e-6 and abs(c) < 1e-6 else (a**2 + b**2) ** 0.5  # pdfium's size is Tf's, untransformed
            size = round(font_size(textpage, index) * scale, 4)
            font = get_font(obj) or 0
            name = fonts.get(font)
            if name is None:
                name = fonts[font] = _font_name(raw, ctypes.cast(ctypes.c_void_p(font), raw.FPDF_FONT) if font else None)
            box = None
            clip = get_clip(obj)
            if clip:
                paths = count_paths(clip)
                if paths > 0:
                    # objects drawn under one clip state share its paths: the first point of each names the clip
                    if paths == 1:
                        key: Any = segment(clip, 0, 0)
                    elif paths == 2:
                        key = (segment(clip, 0, 0), segment(clip, 1, 0))
                    else:
                        key = tuple([segment(clip, p, 0) for p in range(paths)])
                    box = clips.get(key, ())
                    if box == ():
                        box = clips[key] = _clip_box(raw, clip, paths)
            return upright, not upright and b > 0, name, size, box

        return style


class _Out:
    """Output buffers of the per-object calls, allocated once."""

    def __init__(self) -> None:
        self.colour = (ctypes.c_uint * 4)()
        self.colour_addresses = tuple(ctypes.addressof(self.colour) + k * ctypes.sizeof(ctypes.c_uint) for k in range(4))
        import pypdfium2.raw as raw

        self.matrix = raw.FS_MATRIX()
        self.matrix_address = ctypes.addressof(self.matrix)
        self.point = (ctypes.c_float(), ctypes.c_float())
        self.point_addresses = tuple(ctypes.addressof(v) for v in self.point)


_OUT: list[_Out] = []


def _out() -> _Out:
    if not _OUT:
        _OUT.append(_Out())
    return _OUT[0]


_SURROGATE = re.compile("[\ud800-\udfff]")
def _texts(raw: Any, textpage: Any, count: int) -> list[str]:
    """Each character's text, read in one call (per character only when some lie outside the BMP)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * max(0, written - 1)).decode("utf-16-le", "surrogatepass")
    if len(text) == count and _SURROGATE.search(text) is None:
        return list(text)
    return [chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count)]


def _font_name(raw: Any, font: Any) -> str:
    """A font's base name, bytes shown as pdfminer shows them (Latin-1) unless they are UTF-8."""
    if not font:
        return ""
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    name = buffer.value
    try:
        return name.decode("utf-8")
    except UnicodeDecodeError:
        return name.decode("latin-1")


def _bounds(obj: int) -> _Box | None:
    box = (ctypes.c_float * 4)()
    at = ctypes.addressof(box)
    step = ctypes.sizeof(ctypes.c_float)
    if not _c.functions()["FPDFPageObj_GetBounds"](obj, at, at + step, at + 2 * step, at + 3 * step):
        return None
    return box[0], box[1], box[2], box[3]


def _clip_box(raw: Any, clip: int, paths: int) -> _Box | None:
    """The box around a clip region (the intersection of its clip paths' boxes), in page space; None when no
    path has a point. The box of a path holds the path, so nothing inside the region is lost."""
    fast = _c.functions()
    count, segment, point = fast["FPDFClipPath_CountPathSegments"], fast["FPDFClipPath_GetPathSegment"], fast["FPDFPathSegment_GetPoint"]
    out = _out()
    x, y = out.point
    px, py = out.point_addresses
    box = [float("-inf"), float("-inf"), float("inf"), float("inf")]
    for p in range(paths):
        xs, ys = [], []
        for s in range(max(0, count(clip, p))):
            handle = segment(clip, p, s)
            if handle and point(handle, px, py):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    return None if box[0] == float("-inf") else (box[0], box[1], box[2], box[3])


# ── words, as pdfplumber's extract_words(keep_blank_chars=True, extra_attrs=["fontname", "size"]) makes them ──


def _words(chars: list[_Obj]) -> list[_Obj]:
    """Runs of one font and size in content order, clustered into lines by their tops, cut at gaps."""
    if _doubled(chars):  # fake bold: the same glyph printed twice
        from pdfplumber.utils import dedupe_chars

        for c in chars:
            c["doctop"] = c["top"]  # one page: the document's top is the page's
        chars = dedupe_chars(chars)
    words: list[_Obj] = []
    by_x0 = itemgetter("x0")
    for (upright, _, _), run in itertools.groupby(chars, itemgetter("upright", "fontname", "size")):
        if not upright:  # turned text: columns (by x0) read down the page, as pdfplumber reads them; the reader
            for line in cluster(list(run), by_x0, WORD_X_TOLERANCE):  # puts them in reading order (both readers)
                line.sort(key=_TOP_BOTTOM)
                for w in _cut(line, turned=True):
                    word = merge_chars(w)
                    word["upright"] = False
                    words.append(word)
            continue
        for line in cluster(list(run), itemgetter("top"), WORD_Y_TOLERANCE):
            line.sort(key=by_x0)
            words.extend(map(merge_chars, _cut(line)))
    return words


def cluster(objs: list[_Obj], key: Callable[[_Obj], float], tolerance: float) -> list[list[_Obj]]:
    """pdfplumber's cluster_objects: the distinct key values chained into clusters (each value within
    `tolerance` of the one below it), the objects grouped by cluster from the lowest, in their order within."""
    if len(objs) < 2:
        return [objs] if objs else []
    keys = list(map(key, objs))
    index: dict[float, int] = {}
    k, last = 0, None
    for value in sorted(set(keys)):
        if last is not None and not value <= last + tolerance:
            k += 1
        index[value] = k
        last = value
    if k == 0:
        return [objs]
    groups: list[list[_Obj]] = [[] for _ in range(k + 1)]
    for obj, value in zip(objs, keys):
        groups[index[value]].append(obj)
    return groups


def _doubled(chars: list[_Obj]) -> bool:
    from .pdf import _has_doubled_chars

    return _has_doubled_chars(chars)


def _cut(line: list[_Obj], turned: bool = False) -> Iterator[list[_Obj]]:
    """A line's characters (by x0) cut where one starts left of the last, past it by the tolerance, or off its top;
    a column of turned characters (by top: pdfplumber's "ttb" direction) likewise down the page, off its x0."""
    start, end, across, gap, drift = ("top", "bottom", "x0", WORD_Y_TOLERANCE, WORD_X_TOLERANCE) if turned else (
        "x0", "x1", "top", WORD_X_TOLERANCE, WORD_Y_TOLERANCE)
    current: list[_Obj] = []
    prev: _Obj | None = None
    for ch in line:
        if prev is not None:
            at = ch[start]
            if at < prev[start] or at > prev[end] + gap or abs(ch[across] - prev[across]) > drift:
                yield current
                current = []
        current.append(ch)
        prev = ch
    if current:
        yield current


def merge_chars(chars: list[_Obj]) -> _Obj:
    """Characters in reading order as one word, shaped as pdfplumber's extract_words makes it (the first one's font)."""
    first = chars[0]
    if len(chars) == 1:
        text = first["text"]
        return {"text": text, "x0": first["x0"], "x1": first["x1"], "top": first["top"], "bottom": first["bottom"],
                "fontname": first["fontname"], "size": first["size"], "chars": chars, "visible": 0 if text.isspace() else 1}
    text = "".join(map(_TEXT_OF, chars))
    return {
        "text": text,
        "x0": min(map(_X0_OF, chars)),
        "x1": max(map(_X1_OF, chars)),
        "top": min(map(_TOP_OF, chars)),
        "bottom": max(map(_BOTTOM_OF, chars)),
        "fontname": first["fontname"],
        "size": first["size"],
        "chars": chars,
        "visible": len(text) - sum(map(str.isspace, text)),  # each character's text is one character
    }


_TEXT_OF, _X0_OF, _X1_OF, _TOP_OF, _BOTTOM_OF = (itemgetter(k) for k in ("text", "x0", "x1", "top", "bottom"))
_TOP_BOTTOM = itemgetter("top", "bottom")
