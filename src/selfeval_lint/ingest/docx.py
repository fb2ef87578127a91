"""Format plugin for Word .docx: body paragraphs and tables in document order, with Word's automatic numbering."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element

from ..model import Block, BlockKind, Cell, Segment, Table, grid_text
from ..model import row_start as _row_start
from .errors import IngestError
from .wordnum import (
    MC_NS,
    W_NS,
    Counters,
    Numbering,
    Styles,
    _child,
    joined,
    outline_level,
    paragraph_numbering,
    read_numbering,
    read_styles,
    w,
)

MAX_TOTAL_BYTES = 200 * 2**20  # sum of the declared uncompressed sizes of all members
MAX_PART_BYTES = 64 * 2**20  # one XML part that is actually read
MAX_RATIO = 200  # uncompressed : compressed, for members over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 16 * 2**20  # below this a part is read in full anyway (MAX_PART_BYTES caps it): a text that compresses well is no bomb
MAX_MEMBERS = 10_000
MAX_COLUMNS = 256  # table grid columns kept
MAX_FIELD_DEPTH = 256  # fields open at once (Word nests a few); more is a broken or hostile file
_FIELDS_UNCLOSED = {"zh": f"超过 {MAX_FIELD_DEPTH} 层域代码未闭合", "en": f"more than {MAX_FIELD_DEPTH} nested fields left open"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_UNSAFE_MARKUP = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _may_declare(data: bytes) -> bool:
    """Whether `data` holds the byte "!", which every marker of _UNSAFE_MARKUP holds in each of its encodings:
    most parts hold none, and one fast scan for a single byte then replaces six for the markers."""
    return b"!" in data


# Every character str.splitlines() breaks at, and tabs: a paragraph is one line of the extracted text.
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TCPR, TRPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
FLD_CHAR, FLD_TYPE = w("fldChar"), w("fldCharType")
TXBX_CONTENT = w("txbxContent")
DEL, VAL, VANISH, SECT_PR, SYM, RUBY = w("del"), w("val"), w("vanish"), w("sectPr"), w("sym"), w("ruby")
GRID_BEFORE, GRID_SPAN, VMERGE, NO_BREAK_HYPHEN = w("gridBefore"), w("gridSpan"), w("vMerge"), w("noBreakHyphen")
ALTERNATE, CHOICE, FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
_SPACE = {w("tab"), w("ptab"), w("br"), w("cr")}
_DRAWINGS = {w("drawing"), w("pict"), w("object")}
# Inline content that is not displayed text: deletions, moved-away text, properties, field codes, notes.
_NOT_TEXT = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("sdtPr"), w("sdtEndPr"), w("customXmlPr"),
             w("smartTagPr"), w("instrText"), w("delText"), w("delInstrText"), w("rt"), w("footnoteReference"),
             w("endnoteReference"), w("commentReference"), w("annotationRef")}


def read_docx(data: bytes) -> list[Block]:
    """The blocks of a .docx file's body; IngestError for input that is not a readable Word document.

    Paragraphs and tables come in document order; a text box follows the paragraph anchoring it, and
    nested tables and text boxes anchored in a table follow that table. Headers, footers, footnotes and
    comments are left out; tracked insertions are kept and deletions dropped; field codes are dropped
    and field results kept. Automatic numbering is rendered and opens the text (Block.auto_label).
    `paragraph` counts every body paragraph, empty ones included, as Word does (not table cells or
    text boxes, whose blocks have paragraph=None); `line` numbers the extracted text, one line per
    paragraph block and per table row, so that joining the blocks' texts with newlines gives it.
    """
    return read_docx_package(data)[0]


def read_docx_package(data: bytes) -> tuple[list[Block], _Package, _Element]:
    """`read_docx`'s blocks, with the opened package and its parsed main part: the layout facts
    (ingest/docx_layout.py) read the same parsed parts instead of opening and parsing the file again."""
    parts = _Package(data)
    document = parts.main()
    body = _child(document, w("body"))
    if body is None:
        raise IngestError("PAR010", "corrupt", reason="word/document.xml has no w:body")
    styles = read_styles(parts.related("styles"))
    numbering = read_numbering(parts.related("numbering"), styles)
    walker = _Walker(styles, numbering)
    items = walker.block_content(body, _Story(Counters(numbering)), in_body=True)
    return _blocks(items, rendered_pages(body)), parts, document


# ---------------------------------------------------------------------------------------------------------
# The package: a zip checked for bombs, XML parts parsed without DTDs or entities.
# ---------------------------------------------------------------------------------------------------------


class _Package:
    """The zip container, checked before anything is decompressed; parts are read with a size cap and each
    is parsed once (`part`): the body reader, the layout facts and the relationships share the trees."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(OLE_MAGIC):
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise IngestError("PAR007", "encrypted")
            raise IngestError("PAR002", "legacy-binary")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise IngestError("PAR010", "corrupt", reason=str(exc) or type(exc).__name__) from None
        total = sum(info.file_size for info in infos)
        bomb = len(infos) > MAX_MEMBERS or total > MAX_TOTAL_BYTES or any(
            info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            for info in infos
        )
        if bomb:
            raise IngestError("PAR004", "zip-bomb", size_mb=round(total / 2**20, 1))
        self.names = {info.filename for info in infos}
        self._parts: dict[str, _Element] = {}
        self._rel_maps: dict[str, dict[str, str]] = {}
        self.main_name = self._main_name()

    def _main_name(self) -> str:
        rels = self._rels("_rels/.rels", "")
        name = rels.get("officeDocument")
        if name in self.names:
            return name
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise IngestError("PAR002", "zip")

    def part(self, name: str) -> _Element:
        """A member's root element, read and parsed on first use (the same tree afterwards: never modify it)."""
        root = self._parts.get(name)
        if root is None:
            root = self._parts[name] = self._parse(name, self._read(name))
        return root

    def main(self) -> _Element:
        root = self.part(self.main_name)
        if root.tag != w("document"):
            raise IngestError("PAR010", "corrupt", reason=f"{self.main_name} is not a Word document ({root.tag})")
        return root

    def related(self, kind: str) -> _Element | None:
        """A part related to the main document by type (styles, numbering), parsed; None when absent."""
        folder, base = posixpath.split(self.main_name)
        name = self._rels(posixpath.join(folder, "_rels", base + ".rels"), folder).get(kind)
        if name is None:
            fallback = posixpath.join(folder, f"{kind}.xml")
            name = fallback if fallback in self.names else None
        return self.part(name) if name in self.names else None

    def _rels(self, name: str, folder: str) -> dict[str, str]:
        """Relationship type (last path segment) → member name, from a .rels part (worked out once per part)."""
        if name not in self.names:
            return {}
        if (known := self._rel_maps.get(name)) is not None:
            return known
        targets = {}
        for rel in self.part(name).iter(f"{{{_RELS_NS}}}Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            targets.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
        self._rel_maps[name] = targets
        return targets

    def _read(self, name: str) -> bytes:
        try:
            with self.zip.open(name) as member:
                data = member.read(MAX_PART_BYTES + 1)
        except NotImplementedError:  # a RuntimeError too: an unsupported compression method is not encryption
            raise _unsupported_member(self.zip.getinfo(name)) from None
        except RuntimeError as exc:  # a password-protected zip member
            raise IngestError("PAR007", "encrypted") from exc
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise IngestError("PAR010", "corrupt", reason=f"{name}: {exc}") from None
        if len(data) > MAX_PART_BYTES:
            raise IngestError("PAR004", "too-large", size_mb=round(len(data) / 2**20, 1), limit_mb=MAX_PART_BYTES // 2**20)
        if _STRICT_W in data:  # Strict OOXML (ISO 29500 Strict): the same vocabulary in another namespace
            data = data.replace(_STRICT_W, W_NS.encode())
        return data

    @staticmethod
    def _parse(name: str, data: bytes) -> _Element:
        """A part's root element; DTDs and entity declarations are refused before parsing."""
        if _may_declare(data) and any(marker in data for marker in _UNSAFE_MARKUP):
            raise IngestError("PAR010", "xml-unsafe")
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True
        )
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            if "entity" in str(exc).lower() or "amplification" in str(exc).lower():
                raise IngestError("PAR010", "xml-unsafe") from None
            raise IngestError("PAR010", "corrupt", reason=f"{name}: {exc}") from None
        if root.getroottree().docinfo.doctype:
            raise IngestError("PAR010", "xml-unsafe")
        return root


def _unsupported_member(info: zipfile.ZipInfo) -> IngestError:
    """PAR002 naming the member and its compression method (Deflate64, or a number no tool defines)."""
    method = zipfile.compressor_names.get(info.compress_type, f"#{info.compress_type}")
    return IngestError("PAR002", "compression", member=info.filename, method=method)


# ---------------------------------------------------------------------------------------------------------
# The body: paragraphs, tables, text boxes, as items in emission order.
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Story:
    """The state of one story (body or text box): list counters and the stack of open fields."""

    counters: Counters
    fields: list[bool] = field(default_factory=list)  # per open field: True once past its separator

    @property
    def visible(self) -> bool:
        return all(self.fields)


@dataclass(frozen=True)
class _Paragraph:
    text: str
    paragraph: int | None
    heading_hint: int | None
    auto_label: str | None
    comments: tuple[str, ...] = ()
    source: _Element | None = field(default=None, compare=False, repr=False)  # the w:p (for annotation)


@dataclass(frozen=True)
class _Table:
    rows: tuple[tuple[str, ...], ...]
    cells: tuple[Cell, ...]
    comments: tuple[str, ...] = ()
    source: _Element | None = field(default=None, compare=False, repr=False)  # the w:tbl (for annotation)


class _Walker:
    """Walks block content in document order, rendering numbering as it goes."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.paragraphs = 0  # body paragraphs seen so far

    def block_content(self, parent: _Element, story: _Story, in_body: bool) -> list[_Paragraph | _Table]:
        """The items of a body or text box, looking through block-level content controls."""
        items: list[_Paragraph | _Table] = []
        for child in parent:
            tag = child.tag
            if tag == P:
                text, label, boxes = self.paragraph(child, story, count=in_body)
                if text is not None and text.strip():
                    number = self.paragraphs if in_body else None
                    hint = outline_level(_child(child, PPR), self.styles)
                    items.append(_Paragraph(text, number, hint, label, _comment_ids(child), child))
                items.extend(self.text_boxes(boxes))
            elif tag == TBL:
                items.extend(self.table(child, story))
            elif tag in (SDT, CUSTOM_XML, ALTERNATE):
                content = _branch(child) if tag == ALTERNATE else _child(child, SDT_CONTENT) if tag == SDT else child
                if content is not None:
                    items.extend(self.block_content(content, story, in_body))
        return items

    def paragraph(self, p: _Element, story: _Story, count: bool) -> tuple[str | None, str | None, list[_Element]]:
        """The paragraph's displayed text (None if it is a deleted one), its automatic label, its text boxes."""
        parts: list[str] = []
        boxes: list[_Element] = []
        self.inline(p, story, parts, boxes)
        text = "".join(parts)
        if _LINE_BREAKS.search(text):
            text = _LINE_BREAKS.sub(" ", text)
        ppr = _child(p, PPR)
        mark = _child(ppr, RPR) if ppr is not None else None
        if mark is not None and _child(mark, DEL) is not None and not text.strip():
            return None, None, boxes  # a paragraph deleted with tracked changes
        if count:
            self.paragraphs += 1
        if not text.strip() and ppr is not None and _child(ppr, SECT_PR) is not None:
            return text, None, boxes  # an empty section-break paragraph is never numbered
        numbered = paragraph_numbering(ppr, self.numbering)
        label = story.counters.next_label(*numbered) if numbered else None
        if label is None:
            return text, None, boxes
        return joined(label, text if text.strip() else ""), label.text, boxes

    def inline(self, parent: _Element, story: _Story, out: list[str], boxes: list[_Element]) -> None:
        """Append the displayed text of a paragraph's content to `out`, its text boxes to `boxes`."""
        for child in parent:
            tag = child.tag
            if tag == R:
                self.run(child, story, out, boxes)
            elif tag == ALTERNATE:
                if (branch := _branch(child)) is not None:
                    self.inline(branch, story, out, boxes)
            elif tag not in _NOT_TEXT and isinstance(tag, str):
                self.inline(child, story, out, boxes)  # hyperlink, ins, moveTo, smartTag, sdtContent, fldSimple…

    def run(self, r: _Element, story: _Story, out: list[str], boxes: list[_Element]) -> None:
        """Append a run's displayed text: w:t outside field codes and hidden text, breaks and tabs as spaces."""
        rpr = _child(r, RPR)
        hidden = rpr is not None and (v := _child(rpr, VANISH)) is not None and v.get(VAL, "1") not in ("0", "false", "off")
        for child in r:
            tag = child.tag
            if tag == T:
                if story.visible and not hidden:
                    out.append(child.text or "")
            elif tag == FLD_CHAR:
                kind = child.get(FLD_TYPE)
                if kind == "begin":
                    story.fields.append(False)
                    if len(story.fields) > MAX_FIELD_DEPTH:
                        raise IngestError("PAR010", "corrupt", reason=_FIELDS_UNCLOSED)
                elif kind == "separate" and story.fields:
                    story.fields[-1] = True
                elif kind == "end" and story.fields:
                    story.fields.pop()
            elif tag in _SPACE:
                if story.visible and not hidden:
                    out.append(" ")
            elif tag == NO_BREAK_HYPHEN:
                if story.visible and not hidden:
                    out.append("-")
            elif tag == SYM:  # symbol-font characters (private use F0xx) have no Unicode meaning: skipped
                code = _int(child.get(w("char")), base=16) or 0
                if story.visible and not hidden and 0 < code < 0x110000 and not 0xF000 <= code <= 0xF0FF:
                    out.append(chr(code))
            elif tag in _DRAWINGS:
                boxes.extend(_find_text_boxes(child))
            elif tag == ALTERNATE:
                if (branch := _branch(child)) is not None:
                    self.run(branch, story, out, boxes)
            elif tag == RUBY:
                if (base := _child(child, w("rubyBase"))) is not None:
                    self.inline(base, story, out, boxes)

    def text_boxes(self, boxes: list[_Element]) -> list[_Paragraph | _Table]:
        """Each text box's content as blocks of its own story (its own list counters and fields)."""
        items: list[_Paragraph | _Table] = []
        for box in boxes:
            items.extend(self.block_content(box, _Story(Counters(self.numbering)), in_body=False))
        return items

    def table(self, tbl: _Element, story: _Story) -> list[_Paragraph | _Table]:
        """The table as one item, then the nested tables and text boxes found in its cells."""
        later: list[_Paragraph | _Table] = []
        rows: list[list[tuple[int, int, str | None, str]]] = []  # (grid column, span, vMerge, text)
        for tr in _children(tbl, TR):
            trpr = _child(tr, TRPR)
            if trpr is not None and _child(trpr, DEL) is not None:
                continue  # a row deleted with tracked changes
            column = (_int(_val(_child(trpr, GRID_BEFORE))) if trpr is not None else None) or 0
            column = min(max(column, 0), MAX_COLUMNS)  # a negative or huge w:gridBefore is malformed
            cells = []
            for tc in _children(tr, TC):
                tcpr = _child(tc, TCPR)
                span = (_int(_val(_child(tcpr, GRID_SPAN))) if tcpr is not None else None) or 1
                merge = _child(tcpr, VMERGE) if tcpr is not None else None
                vmerge = None if merge is None else merge.get(VAL, "continue")
                span = min(max(span, 1), MAX_COLUMNS)
                text = self.cell_text(tc, story, later)
                if column + span <= MAX_COLUMNS:  # Word allows 63 columns; more is a malformed file
                    cells.append((column, span, vmerge, text))
                column += span
            rows.append(cells)
        grid_columns = min(len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")), MAX_COLUMNS)
        grid, cells = _grid(rows, grid_columns)
        if not any(cell.text.strip() for cell in cells):
            return later
        return [_Table(grid, cells, _comment_ids(tbl), tbl), *later]

    def cell_text(self, tc: _Element, story: _Story, later: list[_Paragraph | _Table]) -> str:
        """A cell's paragraphs joined by single spaces; nested tables and text boxes go to `later`."""
        texts: list[str] = []
        self._cell_content(tc, story, later, texts)
        return " ".join(texts)

    def _cell_content(self, parent: _Element, story: _Story, later: list[_Paragraph | _Table], texts: list[str]) -> None:
        """Append the texts of a cell's paragraphs to `texts`, through content controls (a method, not a recursive
        closure: a closure that calls itself is a reference cycle, and would keep the walker and its styles alive
        until the garbage collector ran)."""
        for child in parent:
            if child.tag == P:
                text, _label, boxes = self.paragraph(child, story, count=False)
                if text and text.strip():
                    texts.append(text.strip())
                later.extend(self.text_boxes(boxes))
            elif child.tag == TBL:
                later.extend(self.table(child, story))
            elif child.tag in (SDT, CUSTOM_XML):
                content = _child(child, SDT_CONTENT) if child.tag == SDT else child
                if content is not None:
                    self._cell_content(content, story, later, texts)


def _grid(rows: list[list[tuple[int, int, str | None, str]]], grid_columns: int) -> tuple[tuple[tuple[str, ...], ...], tuple[Cell, ...]]:
    """The text grid and the cells with their spans, from each row's cells (gridSpan, vMerge)."""
    width = max([grid_columns, *(column + span for cells in rows for column, span, _, _ in cells)])
    grid = [[""] * width for _ in rows]
    cells: list[list] = []  # [row, col, text, rowspan, colspan]
    open_merges: dict[int, int] = {}  # grid column → index in cells of the merge's top cell
    for r, row in enumerate(rows):
        continued: dict[int, int] = {}
        for column, span, vmerge, text in row:
            top = open_merges.get(column)
            if vmerge == "continue" and top is not None and cells[top][4] == span:
                cells[top][3] += 1
                continued[column] = top
                continue
            grid[r][column] = text
            cells.append([r, column, text, 1, span])
            if vmerge is not None:
                continued[column] = len(cells) - 1
        open_merges = continued
    return tuple(map(tuple, grid)), tuple(Cell(r, c, text, rowspan, colspan) for r, c, text, rowspan, colspan in cells)


def _blocks(items: list[_Paragraph | _Table], pages: dict[_Element, int] | None = None) -> list[Block]:
    """Blocks with indexes and extracted-text line numbers, one line per paragraph and per table row
    (and the page each starts on, where `pages` knows it)."""
    pages = pages or {}
    blocks: list[Block] = []
    line = 1
    for item in items:
        if isinstance(item, _Paragraph):
            segments = (Segment(start=0, line=line, column=1, page=pages.get(item.source)),)
            blocks.append(Block(len(blocks), BlockKind.PARAGRAPH, item.text, segments, paragraph=item.paragraph,
                                heading_hint=item.heading_hint, auto_label=item.auto_label, comments=item.comments))
            line += 1
            continue
        text, starts = grid_text(item.rows)
        row_pages = _row_pages(item.source, pages) if pages else []
        segments = tuple(
            Segment(start=_row_start(text, n), line=line + n, column=1, page=row_pages[n] if n < len(row_pages) else None)
            for n in range(len(item.rows))
        )
        blocks.append(Block(len(blocks), BlockKind.TABLE, text, segments, table=Table(item.rows, item.cells, starts),
                            comments=item.comments))
        line += len(item.rows)
    return blocks


def _comment_ids(el: _Element) -> tuple[str, ...]:
    """Ids of the Word comments whose range starts in, or whose reference mark stands in, `el`."""
    ids = (c.get(w("id")) for c in el.iter(w("commentRangeStart"), w("commentReference")))
    return tuple(dict.fromkeys(i for i in ids if i is not None))


LAST_RENDERED_PAGE_BREAK, BR, PAGE_BREAK_BEFORE = w("lastRenderedPageBreak"), w("br"), w("pageBreakBefore")


def rendered_pages(body: _Element) -> dict[_Element, int]:
    """The page each paragraph's text starts on, as Word last laid it out; empty when the file never was.

    Word records where its pages began (w:lastRenderedPageBreak) when it saves; a file without any
    (python-docx, LibreOffice, WPS exports) gives no page numbers. A hard page break (w:br type=page,
    pageBreakBefore) starts a page too, unless Word marked that page's start itself.
    """
    if next(body.iter(LAST_RENDERED_PAGE_BREAK), None) is None:
        return {}
    pages: dict[_Element, int] = {}
    page, pending, opened = 1, False, []  # opened: paragraphs begun since the last text
    for el in body.iter(P, T, LAST_RENDERED_PAGE_BREAK, BR, PAGE_BREAK_BEFORE):
        tag = el.tag
        if tag == P:
            opened.append(el)
        elif tag == LAST_RENDERED_PAGE_BREAK:
            page, pending = page + 1, False
        elif tag == BR and el.get(w("type")) == "page" or tag == PAGE_BREAK_BEFORE and el.get(VAL, "1") not in ("0", "false", "off"):
            pending = True
        elif tag == T and el.text:
            if pending:
                page, pending = page + 1, False
            for p in opened:
                pages[p] = page
            opened.clear()
    return pages


def _row_pages(tbl: _Element | None, pages: dict[_Element, int]) -> list[int | None]:
    """Per kept table row, the page of its first paragraph with text."""
    out: list[int | None] = []
    for tr in _children(tbl, TR) if tbl is not None else []:
        trpr = _child(tr, TRPR)
        if trpr is not None and _child(trpr, DEL) is not None:
            continue
        out.append(min((pages[p] for p in tr.iter(P) if p in pages), default=None))
    return out


def _branch(alternate: _Element) -> _Element | None:
    """The one branch of mc:AlternateContent to read: the first mc:Choice, else mc:Fallback."""
    return _child(alternate, CHOICE) if _child(alternate, CHOICE) is not None else _child(alternate, FALLBACK)


def _find_text_boxes(el: _Element) -> list[_Element]:
    """The outermost w:txbxContent elements under a drawing, one branch of each mc:AlternateContent."""
    found = []
    for child in el:
        if child.tag == TXBX_CONTENT:
            found.append(child)
        elif child.tag == ALTERNATE:
            if (branch := _branch(child)) is not None:
                found.extend(_find_text_boxes(branch))
        elif isinstance(child.tag, str):
            found.extend(_find_text_boxes(child))
    return found


def _children(parent: _Element, tag: str) -> list[_Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers (rows, cells)."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag == SDT and (content := _child(child, SDT_CONTENT)) is not None:
            found.extend(_children(content, tag))
        elif child.tag == CUSTOM_XML:
            found.extend(_children(child, tag))
    return found


def _val(el: _Element | None) -> str | None:
    return None if el is None else el.get(VAL)


def _int(text: str | None, base: int = 10) -> int | None:
    try:
        return int(text, base) if text is not None else None
    except ValueError:
        return None
