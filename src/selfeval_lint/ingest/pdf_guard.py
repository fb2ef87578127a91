"""Bounds and diagnosis for PDFs, before and around the text-layer reader: stream bombs, overfull pages, and
the real cause when no text comes out (a broken file or unmappable characters are not a scan)."""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Callable, Iterator
from typing import TypeVar

from .errors import IngestError

MAX_STREAM_BYTES = 64 * 2**20  # one decompressed stream (a page's content is rarely over a few MB)
MAX_TOTAL_STREAM_BYTES = 256 * 2**20  # all decompressed streams together
MAX_PAGE_CHARS = 30_000  # characters on one page (a dense A4 page holds ~2,000; pdfplumber is quadratic in them)
_CHUNK = 1 << 20
T = TypeVar("T")

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")  # not after "end" (tested in flate_streams: a lookbehind first is 50× slower)
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_TEXT_OPERATORS = re.compile(rb"\bBT\b.{0,4096}?(?:\bTj|\bTJ|'|\")", re.S)  # bounded: no quadratic backtracking


def guard(data: bytes, count_pages: bool = True) -> None:
    """Refuse a PDF whose streams would decompress past the bounds, or with a page of too many characters
    (PAR004): checked before pdfplumber builds an object per character. The pages are counted only when
    the content could hold that many characters at all (each needs a byte of some stream), and not at all
    with `count_pages=False` (the pypdfium2 reader counts each page's characters before it reads them)."""
    if not count_pages:
        if not _small_streams(data):
            _check_streams(data)
        return
    if _check_streams(data) > MAX_PAGE_CHARS:
        _check_pages(data)


DEFLATE_MAX_RATIO = 1100  # deflate cannot inflate a byte to more than ~1032 bytes


def _small_streams(data: bytes) -> bool:
    """Whether no stream could break the bounds even at deflate's largest ratio (its stored length times
    DEFLATE_MAX_RATIO, each alone and all together): then nothing needs inflating to know it."""
    if len(data) * DEFLATE_MAX_RATIO <= MAX_STREAM_BYTES:
        return True  # all the file's streams together cannot inflate past the smaller bound
    total = 0
    for start, _ in flate_streams(data):
        end = data.find(b"endstream", start)
        bound = (len(data) if end < 0 else end - start) * DEFLATE_MAX_RATIO
        total += bound
        if bound > MAX_STREAM_BYTES or total > MAX_TOTAL_STREAM_BYTES:
            return False
    return True


def flate_streams(data: bytes) -> Iterator[tuple[int, bool]]:
    """Where the data of each Flate-compressed stream starts, and whether ASCII85 wraps it (as reportlab
    writes); images are left out (no text reader inflates them)."""
    for m in _STREAM.finditer(data):
        if data[max(0, m.start() - 3) : m.start()] == b"end":
            continue
        dictionary = data[max(0, m.start() - 512) : m.start()]
        if b"obj" in dictionary:
            dictionary = dictionary[dictionary.rfind(b"obj") :]
        if _FLATE.search(dictionary) and not _IMAGE.search(dictionary):
            yield m.end(), b"/ASCII85Decode" in dictionary or b"/A85" in dictionary


def _inflated(data: bytes, start: int, limit: int, a85: bool = False) -> tuple[int, bytes]:
    """How many bytes the zlib stream at `start` inflates to, counted up to just past `limit` (never holding
    more than a chunk of output), and its first kilobyte."""
    if a85:
        end = data.find(b"~>", start)
        try:
            data, start = base64.a85decode(data[start : end + 2 if end >= 0 else None], adobe=True), 0
        except ValueError:
            return 0, b""
    inflater = zlib.decompressobj()
    size, head, pos = 0, b"", start
    try:
        while pos < len(data) and not inflater.eof and size <= limit:
            piece = data[pos : pos + _CHUNK]
            pos += len(piece)
            out = inflater.decompress(piece, _CHUNK)
            while True:
                size += len(out)
                head = head or out[:1024]
                if size > limit or inflater.eof or not inflater.unconsumed_tail:
                    break
                out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        pass  # a broken stream is the readers' business: it counts what it inflated to
    return size, head


def _check_streams(data: bytes) -> int:
    """PAR004 for a stream bomb; else the size of the largest stream a page could draw from (the largest
    inflated stream, or the file itself for uncompressed content)."""
    total, largest = 0, 0
    for start, a85 in flate_streams(data):
        size, _ = _inflated(data, start, MAX_STREAM_BYTES, a85)
        total += size
        largest = max(largest, size)
        if size > MAX_STREAM_BYTES:
            raise IngestError("PAR004", "pdf-bomb", limit_mb=MAX_STREAM_BYTES // 2**20)
        if total > MAX_TOTAL_STREAM_BYTES:
            raise IngestError("PAR004", "pdf-bomb", limit_mb=MAX_TOTAL_STREAM_BYTES // 2**20)
    return max(largest, len(data))


def _check_pages(data: bytes) -> None:
    """pypdfium2 counts each page's characters cheaply (no object per character)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return  # encrypted or corrupt: the reader says which
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            count = textpage.count_chars()
            textpage.close()
            page.close()
            if count > MAX_PAGE_CHARS:
                raise IngestError("PAR004", "page-chars", page=i + 1, chars=count, limit=MAX_PAGE_CHARS)
    except pdfium.PdfiumError:
        return
    finally:
        doc.close()


def read_diagnosed(data: bytes, read: Callable[[bytes], T]) -> T:
    """`read(data)`, with "no text layer" (PAR008) replaced by the real cause when there is one: characters
    whose Unicode map gives lone surrogates or nothing (PAR009); a broken structure (cross-reference table)
    that pdfium reads past but the layout reader cannot: the file is repaired by pdfium (saved afresh, with
    a new table) and read again, else it is corrupt (PAR010)."""
    try:
        return read(data)
    except IngestError as exc:
        if exc.code != "PAR008":
            raise
        chars, unmapped = _pdfium_chars(data)
        if chars and unmapped / chars > GARBLED_SHARE:
            raise IngestError("PAR009", "garbled", share=f"{100 * unmapped / chars:.1f}") from None
        if chars - unmapped >= MIN_TEXT_CHARS:
            repaired = _resaved(data)
            if repaired is not None:
                try:
                    return read(repaired)
                except IngestError as again:
                    if again.code != "PAR008":
                        raise
            raise IngestError("PAR010", "corrupt", reason=_BROKEN_STRUCTURE) from None
        if chars == 0 and _draws_text(data):  # text drawn that not even pdfium finds (a scan's stamp it would)
            raise IngestError("PAR010", "corrupt", reason=_BROKEN_STRUCTURE) from None
        raise


_BROKEN_STRUCTURE = {
    "zh": "页面含有文字，但文件结构（交叉引用表）损坏，无法提取",
    "en": "its pages draw text, but the file's structure (cross-reference table) is broken and the text cannot be extracted",
}
GARBLED_SHARE = 0.02  # as the reader's own PAR009 threshold
MIN_TEXT_CHARS = 10


def _resaved(data: bytes) -> bytes | None:
    """The document as pdfium repairs and saves it (a fresh cross-reference table); None when it cannot."""
    import io

    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
        try:
            out = io.BytesIO()
            doc.save(out)
        finally:
            doc.close()
    except Exception:  # pdfium failing to repair is the answer, not a crash
        return None
    saved = out.getvalue()
    return saved if saved and saved != data else None


def _pdfium_chars(data: bytes) -> tuple[int, int]:
    """Characters pdfium finds on the pages, and how many have no usable Unicode value (0, U+FFFD, a lone
    surrogate, private use)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    chars = unmapped = 0
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0, 0
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            for k in range(min(textpage.count_chars(), MAX_PAGE_CHARS)):
                code = raw.FPDFText_GetUnicode(textpage.raw, k)
                if code in (0x20, 0x0D, 0x0A, 0x09):
                    continue
                chars += 1
                unmapped += code in (0, 0xFFFD) or 0xD800 <= code <= 0xDFFF or 0xE000 <= code <= 0xF8FF
            textpage.close()
            page.close()
    except pdfium.PdfiumError:
        pass
    finally:
        doc.close()
    return chars, unmapped


def _draws_text(data: bytes) -> bool:
    """Whether some content stream (plain, or Flate-compressed) shows text: BT … Tj/TJ."""
    if _TEXT_OPERATORS.search(data):
        return True
    for start, a85 in flate_streams(data):
        _, head = _inflated(data, start, 1 << 16, a85)
        if _TEXT_OPERATORS.search(head):
            return True
    return False
