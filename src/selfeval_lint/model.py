"""The document model that every format plugin produces and every check reads."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .vocab import BlockKind, Severity  # noqa: F401  (defined with the other shared vocabularies)


@dataclass(frozen=True, slots=True)
class Segment:
    """Maps a stretch of a block's text back to its place in the source file."""

    start: int  # offset in Block.text where this segment begins
    line: int  # 1-based line of the source (or of the extracted text)
    column: int  # 1-based column of Block.text[start] on that line
    page: int | None = None


@dataclass(frozen=True)
class Cell:
    """One table cell at its top-left grid position, with how far a merge stretches it."""

    row: int  # 0-based grid row
    col: int  # 0-based grid column
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class SheetRef:
    """Where a table read from a spreadsheet stands: its sheet, and the sheet row and column of each grid cell."""

    name: str
    hidden: bool = False  # the sheet is hidden (or very hidden) in the workbook
    rows: tuple[int, ...] = ()  # 1-based sheet row of each grid row (blank rows are not in the grid)
    first_column: int = 1  # 1-based sheet column of grid column 0
    hidden_rows: tuple[int, ...] = ()  # sheet rows hidden in the workbook
    numbers: tuple[tuple[int, int], ...] = ()  # grid (row, column) of the cells that hold numbers

    def a1(self, row: int, col: int) -> str:
        """The A1 reference of grid cell (row, col), 0-based."""
        letters, index = "", self.first_column + col
        while index:
            index, rem = divmod(index - 1, 26)
            letters = chr(65 + rem) + letters
        return f"{letters}{self.rows[row] if row < len(self.rows) else row + 1}"


@dataclass(frozen=True)
class Table:
    """A table as a text grid (a merged cell's text at its top-left, "" where it extends) and its cells.

    `starts[r][c]` is where grid cell (r, c) begins in its block's text, so that a finding's offset can be
    told its cell without reading the text again."""

    rows: tuple[tuple[str, ...], ...]
    cells: tuple[Cell, ...] = ()
    starts: tuple[tuple[int, ...], ...] = ()
    sheet: SheetRef | None = None  # set for tables read from a spreadsheet (.xlsx)

    def locate(self, offset: int) -> tuple[int, int]:
        """The 0-based (row, column) of the grid cell holding the block-text character at `offset`."""
        row = max((r for r, starts in enumerate(self.starts) if starts and starts[0] <= offset), default=0)
        starts = self.starts[row] if self.starts else ()
        col = max((c for c, start in enumerate(starts) if start <= offset), default=0)
        return row, col


def row_start(text: str, row: int) -> int:
    """Where line `row` (0-based) of a table block's text begins."""
    offset = 0
    for _ in range(row):
        offset = text.index("\n", offset) + 1
    return offset


def grid_text(rows: tuple[tuple[str, ...], ...]) -> tuple[str, tuple[tuple[int, ...], ...]]:
    """A table's block text (cells joined by tabs, rows by newlines) and where each cell starts in it."""
    starts, offset = [], 0
    for row in rows:
        row_starts = []
        for cell in row:
            row_starts.append(offset)
            offset += len(cell) + 1  # the tab after it (or the newline after the row's last cell)
        starts.append(tuple(row_starts))
        offset += 0 if row else 1
    return "\n".join("\t".join(row) for row in rows), tuple(starts)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or table of the body, in document order, with exact source positions."""

    index: int
    kind: BlockKind
    text: str
    segments: tuple[Segment, ...]
    paragraph: int | None = None  # 1-based body paragraph (.docx)
    table: Table | None = None
    heading_hint: int | None = None  # outline level the format declares (markdown #, Word styles)
    auto_label: str | None = None  # a label Word numbering renders (it opens `text`, typed nowhere)
    comments: tuple[str, ...] = ()  # ids of the Word comments anchored in it (.docx; see ingest/wordcomments.py)

    def position(self, offset: int) -> tuple[int, int, int | None]:
        """Line, column and page of the character at `offset` in this block's text."""
        starts = [s.start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        seg = self.segments[i]
        return seg.line, seg.column + (offset - seg.start), seg.page

    @property
    def line(self) -> int:
        return self.segments[0].line


@dataclass(frozen=True)
class SectionLayout:
    """One section's page setup from its w:sectPr (millimetres) and whether its headers/footers hold a PAGE field."""

    width_mm: float | None
    height_mm: float | None
    top_mm: float | None
    bottom_mm: float | None
    left_mm: float | None
    right_mm: float | None
    landscape: bool = False
    page_number: bool = False
    header_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParagraphLayout:
    """A body paragraph's resolved formatting (styles, direct formatting and theme fonts as Word resolves them)."""

    paragraph: int  # 1-based body paragraph
    font: str | None  # East Asian font of most of its Chinese characters
    lead_font: str | None  # East Asian font of its first Chinese character
    size_pt: float | None  # font size of most of its characters, in points
    bold_share: float  # share of its characters in bold
    line_rule: str | None  # exact, atLeast or auto (None: single, Word's default)
    line_pt: float | None  # exact / atLeast line spacing in points
    line_multiple: float | None  # auto line spacing as a multiple of single
    first_line_chars: float | None  # first-line indent in characters (negative: hanging)
    alignment: str | None  # w:jc
    chars: int  # characters of text, spaces not counted
    lead_spaces: float = 0  # indent typed as leading spaces, in characters (full-width 1, half-width ½)
    grid_pt: float | None = None  # the document grid's line pitch when auto spacing snaps to it (w:docGrid)


@dataclass(frozen=True)
class DocLayout:
    """Layout facts of a .docx: its sections and its body paragraphs' formatting, keyed by block index."""

    sections: tuple[SectionLayout, ...]
    paragraphs: dict[int, ParagraphLayout]


@dataclass(frozen=True)
class Document:
    """A report turned into blocks; nothing downstream knows the input format."""

    path: str
    format: str  # "txt", "md", …
    blocks: tuple[Block, ...]
    title: str | None = None
    title_blocks: tuple[int, ...] = ()
    year: int | None = None
    agency: str | None = None
    encoding: str | None = None
    layout: DocLayout | None = None  # page and paragraph formatting (.docx only)

    @property
    def chars(self) -> int:
        """Characters of body text, whitespace not counted (the base of 每万字差错数)."""
        return sum(len(b.text) - sum(1 for c in b.text if c.isspace()) for b in self.blocks)

    def lines(self) -> list[str]:
        """The text as locations count it: element n-1 is line n ('' where no block stands)."""
        placed: dict[int, dict[int, str]] = {}
        for block in self.blocks:
            for i, seg in enumerate(block.segments):
                end = block.segments[i + 1].start if i + 1 < len(block.segments) else len(block.text)
                line, column = seg.line, seg.column
                for ch in block.text[seg.start : end]:
                    if ch == "\n":
                        line, column = line + 1, 1
                        continue
                    placed.setdefault(line, {})[column] = ch
                    column += 1
        if not placed:
            return []
        out = []
        for n in range(1, max(placed) + 1):
            cols = placed.get(n, {})
            out.append("".join(cols.get(c, " ") for c in range(1, max(cols) + 1)) if cols else "")
        return out


@dataclass(frozen=True)
class Location:
    """Where a finding stands, in every coordinate a reader of that format can use."""

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    paragraph: int | None = None
    table: dict[str, int] | None = None
    section: str | None = None
    sheet: str | None = None  # spreadsheet inputs: the sheet's name
    cell: str | None = None  # spreadsheet inputs: the cell's A1 reference

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "paragraph": self.paragraph,
            "table": self.table,
            "section": self.section,
            "sheet": self.sheet,
            "cell": self.cell,
        }


@dataclass(frozen=True)
class Finding:
    """One problem at one place: plain data that pickles and renders in any language."""

    code: str
    severity: Severity
    variant: str  # which of the rule's message templates applies
    args: dict[str, Any]
    location: Location
    excerpt: str
    block: int | None = None  # block index, and the span inside its text
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None
    review: bool = False  # a human should look (approximate figures, heuristics)
    fingerprint: str = ""


@dataclass(frozen=True)
class Suppressed:
    """A finding that a suppression in the document switched off, with why and by whom."""

    finding: Finding
    how: str  # "inline" (a <!-- selfeval-lint-disable --> comment) or "word-comment"
    reason: str = ""
    author: str | None = None
    line: int | None = None  # where the suppression itself stands


@dataclass
class FileResult:
    """Everything one file's check produced; the unit a batch collects."""

    path: str
    format: str | None
    title: str | None = None
    template: str | None = None
    unreadable: bool = False  # the file could not be read at all (a PAR finding says why)
    findings: list[Finding] = field(default_factory=list)
    chars: int = 0  # characters of body text (Document.chars), for rates per 10,000 characters
    lines: list[str] | None = None  # the text as locations count it, kept only when Options.keep_text
    table_summary: Any = None  # batch_tables.TableSummary: what this file offers the cross-file table pass
    pages: int | None = None  # pages of a .pdf (the last page a block stands on)
    paragraphs: int | None = None  # body paragraphs of a .docx as Word counts them, else paragraph blocks
    agency: str | None = None  # the agency and year the title names (Document.agency, .year)
    year: int | None = None
    skipped: str | None = None  # found but not checked: the reason (discover.SKIP_REASONS); no findings then
    suppressed: list[Suppressed] = field(default_factory=list)  # findings switched off in the document
    sections: tuple[str, ...] = ()  # the template's top-level sections found in the document, in template order


@dataclass(frozen=True)
class Addendum:
    """Findings a later pass adds to a file whose result was already written (the cross-file TAB020 check in a
    streamed report): `result` is that file's result holding only the added findings."""

    result: FileResult


@dataclass(frozen=True)
class Rendered:
    """A file's result as one streamed report form writes it (prerender.Form), rendered where it was computed or
    kept in the result store: `result` is the result with its findings, suppressions and text left out, `text` its
    report text, and the counts the summary needs. The parent of a batch writes `text` as it stands."""

    result: FileResult
    text: str
    counts: tuple[int, int, int] = (0, 0, 0)  # errors, warnings, infos
    suppressed: int = 0
    storable: bool = True  # no PAR006 (a time-out or a crash may not happen next time)
