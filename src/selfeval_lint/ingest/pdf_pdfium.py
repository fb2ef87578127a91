"""The PDF fast path: each page's visible characters, boxes and fonts from pypdfium2, grouped into words as
pdfplumber groups them; ruled tables from pdfium's paths by pdfplumber's lattice algorithm (pdf_rules), or, behind
SELFEVAL_LINT_PDF_TABLES=pdfplumber, from pdfplumber's find_tables on the pages that draw enough lines."""

from __future__ import annotations

import ctypes
import io
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from . import pdf_rules as _rules
from .errors import IngestError

log = logging.getLogger("selfeval_lint.ingest.pdf")

_Obj = dict[str, Any]
_Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, as pdfplumber gives them)

WORD_X_TOLERANCE = WORD_Y_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
THIN = 2.0  # points: a path this thin in one direction is a ruled line
TABLE_MIN_EDGES = 5  # fewer edges than this cannot make the two cells a table needs (one rectangle is four)
_INVISIBLE_MODES = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP: nothing is painted
_STROKE_MODES = (1, 5)  # only the outline is painted (its colour is the stroke colour)
_WHITE = (255, 255, 255)


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
        self._walk(page.raw, raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject)
        self.ruled = self.edges >= TABLE_MIN_EDGES
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > max_chars:
                raise IngestError("PAR004", "page-chars", page=number, chars=count, limit=max_chars)
            self._objects: dict[int, tuple[bool, str, float, Any] | None] = {}
            self._fonts: dict[int, str] = {}
            self._clips: dict[tuple[int, ...], _Box | None] = {}
            self.all_chars = 0
            self.chars = self._chars(textpage.raw, count)
        finally:
            textpage.close()

    def edges_of(self, page: Any) -> list[dict[str, Any]]:
        """The page's ruled lines as pdfplumber's edges."""
        return _rules.page_edges(self.raw, page.raw, self.top)

    # ── page objects: images and ruled lines ──

    def _walk(self, parent: Any, count: int, get: Any, depth: int = 0) -> None:
        raw = self.raw
        for k in range(count):
            obj = get(parent, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.images = True
            elif kind == raw.FPDF_PAGEOBJ_PATH and self.edges < TABLE_MIN_EDGES:
                self.edges += self._edges(obj)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                self._walk(obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, depth + 1)

    def _edges(self, path: Any) -> int:
        """How many table edges a path could give: one for a thin line, else one per segment (four at least)."""
        box = _bounds(self.raw, path)
        if box is None:
            return 0
        x0, y0, x1, y1 = box
        if x1 - x0 <= THIN or y1 - y0 <= THIN:
            return 1
        return max(4, self.raw.FPDFPath_CountSegments(path) - 1)

    # ── characters ──

    def _chars(self, textpage: Any, count: int) -> list[_Obj]:
        raw = self.raw
        texts = _texts(raw, textpage, count)
        rect = raw.FS_RECTF()
        fast = _fast(raw)
        handle, box = ctypes.cast(textpage, ctypes.c_void_p).value, ctypes.addressof(rect)
        generated = fast["FPDFText_IsGenerated"]
        get_object, unmapped = fast["FPDFText_GetTextObject"], fast["FPDFText_HasUnicodeMapError"]
        get_box = fast["FPDFText_GetLooseCharBox"]
        top = self.top
        x_min, y_min, x_max, y_max = self.visible_box
        styles = self._objects
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
            style = styles.get(key, ())
            if style == ():
                style = styles[key] = self._style(key, handle, i)
            if style is None:  # invisible: render mode 3 or 7, white or transparent paint
                continue
            upright, font, size, clip = style
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
            append({"text": text, "x0": left, "x1": right, "top": bottom - size,
                    "bottom": bottom, "doctop": bottom - size, "size": size, "fontname": font, "upright": upright})
        self.all_chars = seen
        return out

    def _style(self, obj: int, textpage: int, index: int) -> tuple[bool, str, float, Any] | None:
        """A text object's (upright, font name, size, clip box), or None when it paints nothing a reader sees."""
        fast = _fast(self.raw)
        mode = fast["FPDFTextObj_GetTextRenderMode"](obj)
        if mode in _INVISIBLE_MODES:
            return None
        out = _out()
        colour = fast["FPDFPageObj_GetStrokeColor" if mode in _STROKE_MODES else "FPDFPageObj_GetFillColor"]
        r, g, b, a = out.colour
        if colour(obj, *out.colour_addresses) and ((r.value, g.value, b.value) == _WHITE or a.value == 0):
            return None
        matrix = out.matrix
        fast["FPDFText_GetMatrix"](textpage, index, out.matrix_address)
        upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a * matrix.d > 0
        scale = abs(matrix.d) if upright else (matrix.a**2 + matrix.b**2) ** 0.5  # pdfium's size is Tf's, untransformed
        size = round(fast["FPDFText_GetFontSize"](textpage, index) * scale, 4)
        font = fast["FPDFTextObj_GetFont"](obj) or 0
        if font not in self._fonts:
            self._fonts[font] = _font_name(self.raw, ctypes.cast(ctypes.c_void_p(font), self.raw.FPDF_FONT) if font else None)
        return upright, self._fonts[font], size, self._clip(obj)

    def _clip(self, obj: int) -> _Box | None:
        """The object's clip box (see _clip_box), computed once for each clip the page's objects share: objects
        drawn under one clip state share its paths, so the first point of each path names the clip."""
        fast = _fast(self.raw)
        clip = fast["FPDFPageObj_GetClipPath"](obj)
        if not clip:
            return None
        paths = fast["FPDFClipPath_CountPaths"](clip)
        if paths <= 0:
            return None
        segment = fast["FPDFClipPath_GetPathSegment"]
        key = tuple(segment(clip, p, 0) for p in range(paths))
        found = self._clips.get(key, ())
        if found == ():
            found = self._clips[key] = _clip_box(self.raw, clip, paths)
        return found


class _Out:
    """Output buffers of the per-object calls, allocated once."""

    def __init__(self) -> None:
        self.colour = tuple(ctypes.c_uint() for _ in range(4))
        self.colour_addresses = tuple(ctypes.addressof(v) for v in self.colour)
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
_FAST: dict[str, Any] = {}
_P, _I = ctypes.c_void_p, ctypes.c_int
_PROTOTYPES = {  # called once per character or text object: plain addresses in and out, no argument conversion
    "FPDFText_GetTextObject": (_P, _P, _I),
    "FPDFText_HasUnicodeMapError": (_I, _P, _I),
    "FPDFText_GetLooseCharBox": (_I, _P, _I, _P),
    "FPDFText_IsGenerated": (_I, _P, _I),
    "FPDFText_GetMatrix": (_I, _P, _I, _P),
    "FPDFText_GetFontSize": (ctypes.c_double, _P, _I),
    "FPDFTextObj_GetTextRenderMode": (_I, _P),
    "FPDFTextObj_GetFont": (_P, _P),
    "FPDFPageObj_GetFillColor": (_I, _P, _P, _P, _P, _P),
    "FPDFPageObj_GetStrokeColor": (_I, _P, _P, _P, _P, _P),
    "FPDFPageObj_GetClipPath": (_P, _P),
    "FPDFClipPath_CountPaths": (_I, _P),
    "FPDFClipPath_CountPathSegments": (_I, _P, _I),
    "FPDFClipPath_GetPathSegment": (_P, _P, _I, _I),
    "FPDFPathSegment_GetPoint": (_I, _P, _P, _P),
}


def _fast(raw: Any) -> dict[str, Any]:
    """pdfium's per-character functions as bare C prototypes over pypdfium2's own symbols."""
    if not _FAST:
        for name, (restype, *argtypes) in _PROTOTYPES.items():
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            _FAST[name] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return _FAST


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


def _bounds(raw: Any, obj: Any) -> _Box | None:
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
        return None
    return x0.value, y0.value, x1.value, y1.value


def _clip_box(raw: Any, clip: int, paths: int) -> _Box | None:
    """The box around a clip region (the intersection of its clip paths' boxes), in page space; None when no
    path has a point. The box of a path holds the path, so nothing inside the region is lost."""
    fast = _fast(raw)
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
    from pdfplumber.utils import cluster_objects

    if _doubled(chars):  # fake bold: the same glyph printed twice
        from pdfplumber.utils import dedupe_chars

        chars = dedupe_chars(chars)
    words = []
    for _, run in itertools.groupby(chars, itemgetter("upright", "fontname", "size")):
        for line in cluster_objects(list(run), itemgetter("top"), WORD_Y_TOLERANCE):
            line.sort(key=itemgetter("x0"))
            words.extend(_merge(word) for word in _cut(line))
    return words


def _doubled(chars: list[_Obj]) -> bool:
    from .pdf import _has_doubled_chars

    return _has_doubled_chars(chars)


def _cut(line: list[_Obj]) -> Iterator[list[_Obj]]:
    current: list[_Obj] = []
    for ch in line:
        if current:
            prev = current[-1]
            if ch["x0"] < prev["x0"] or ch["x0"] > prev["x1"] + WORD_X_TOLERANCE or abs(ch["top"] - prev["top"]) > WORD_Y_TOLERANCE:
                yield current
                current = []
        current.append(ch)
    if current:
        yield current


def _merge(chars: list[_Obj]) -> _Obj:
    first = chars[0]
    return {
        "text": "".join(c["text"] for c in chars),
        "x0": min(c["x0"] for c in chars),
        "x1": max(c["x1"] for c in chars),
        "top": min(c["top"] for c in chars),
        "bottom": max(c["bottom"] for c in chars),
        "fontname": first["fontname"],
        "size": first["size"],
        "chars": chars,
    }
