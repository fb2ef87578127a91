"""The .xlsx format plugin: each sheet one table block (cells as displayed), checked for size before it is read."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..model import Block, BlockKind, Cell, Segment, SheetRef, Table, grid_text, row_start
from .errors import IngestError

MAX_TOTAL_BYTES = 200 * 2**20  # declared uncompressed size of all members
MAX_RATIO = 200  # uncompressed : compressed, for members over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 2**20
MAX_MEMBERS = 10_000
MAX_ROWS = 20_000  # rows of one sheet (a 自评表 has a few dozen)
MAX_COLUMNS = 256
MAX_CELLS = 400_000  # over all sheets

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_QUOTED = re.compile(r'"([^"]*)"')
_BRACKETS = re.compile(r"\[[^\]]*\]")


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column), 1-based, of an A1 reference."""
    m = _REF.match(ref.upper())
    return (int(m.group(2)), _column_index(m.group(1))) if m else None


def read_xlsx(data: bytes) -> list[Block]:
    """Blocks of a workbook: per sheet, the single-cell rows above its table as paragraphs, then the table."""
    if data.startswith(_OLE_MAGIC):  # an encrypted workbook is an OLE file holding an EncryptedPackage stream
        raise IngestError("PAR007", "encrypted")
    _check_package(data)
    scanned = _scan_parts(data)  # before openpyxl, which reads a sheet without <dimension> to its end on opening
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged parts
        raise IngestError("PAR010", "corrupt", reason=f"{type(exc).__name__}: {exc}"[:200]) from None
    blocks: list[Block] = []
    line, cells_seen = 1, 0
    try:
        for sheet in workbook.worksheets:
            facts = scanned.get(getattr(sheet, "_worksheet_path", "").lstrip("/"), _SheetFacts())
            if facts.uncached:
                raise IngestError("PAR019", "uncached", sheet=sheet.title, cell=facts.uncached[0], count=len(facts.uncached))
            grid, numbers = _read_values(sheet, facts)
            cells_seen += sum(len(r) for r in grid.values())
            if cells_seen > MAX_CELLS:
                raise IngestError("PAR018", "cells", sheet=sheet.title, limit=MAX_CELLS)
            line = _sheet_blocks(blocks, sheet.title, sheet.sheet_state != "visible", grid, numbers, facts, line)
    finally:
        workbook.close()
    return blocks


def _check_package(data: bytes) -> None:
    """Refuse a zip bomb before anything is decompressed (sizes declared in the central directory)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise IngestError("PAR010", "corrupt", reason=str(exc) or type(exc).__name__) from None
    total = sum(info.file_size for info in infos)
    bomb = len(infos) > MAX_MEMBERS or total > MAX_TOTAL_BYTES or any(
        info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1) for info in infos
    )
    if bomb:
        raise IngestError("PAR004", "zip-bomb", size_mb=round(total / 2**20, 1))
    if any(info.flag_bits & 0x1 for info in infos):
        raise IngestError("PAR007", "encrypted")


class _SheetFacts:
    """What a streaming pass over a sheet's XML finds: rows, hidden rows, merges, formulas without values."""

    def __init__(self) -> None:
        self.rows = 0
        self.hidden_rows: set[int] = set()
        self.merges: list[tuple[int, int, int, int]] = []  # min_row, min_col, max_row, max_col (1-based)
        self.uncached: list[str] = []  # A1 references of formulas saved without a computed value


def _scan_parts(data: bytes) -> dict[str, _SheetFacts]:
    """Every worksheet part scanned, by its name in the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml") and "/_rels/" not in n]
        return {name: _scan_sheet(package, name) for name in names}


def _scan_sheet(package: zipfile.ZipFile, name: str) -> _SheetFacts:
    """One pass with lxml's iterparse, freeing each row as it goes: bounded time and memory whatever the size."""
    from lxml import etree

    facts = _SheetFacts()
    title = name.rsplit("/", 1)[-1].removesuffix(".xml")
    try:
        source = package.open(name)
    except (KeyError, RuntimeError, zipfile.BadZipFile) as exc:
        raise IngestError("PAR010", "corrupt", reason=f"{name}: {exc}") from None
    with source:
        events = etree.iterparse(source, events=("end",), resolve_entities=False, no_network=True, huge_tree=False)
        try:
            for _, element in events:
                tag = element.tag
                if tag == _NS + "c":
                    value = element.find(_NS + "v")
                    if element.find(_NS + "f") is not None and (value is None or not value.text):
                        facts.uncached.append(element.get("r", "?"))
                elif tag == _NS + "row":
                    facts.rows += 1
                    if facts.rows > MAX_ROWS:
                        raise IngestError("PAR018", "rows", sheet=title, limit=MAX_ROWS)
                    if element.get("hidden") in ("1", "true"):
                        facts.hidden_rows.add(int(element.get("r", facts.rows)))
                    element.clear()
                elif tag == _NS + "mergeCell":
                    first, _, last = element.get("ref", "").partition(":")
                    a, b = _cell_ref(first), _cell_ref(last or first)
                    if a and b:
                        facts.merges.append((a[0], a[1], b[0], b[1]))
        except etree.XMLSyntaxError as exc:
            raise IngestError("PAR010", "corrupt", reason=f"{name}: {exc}"[:200]) from None
    return facts


def _read_values(sheet, facts: _SheetFacts) -> tuple[dict[int, dict[int, str]], set[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """Cell text as Excel displays it, by 1-based row and column; and which cells hold numbers."""
    grid: dict[int, dict[int, str]] = {}
    numbers: set[tuple[int, int]] = set()
    for row in sheet.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or getattr(cell, "column", None) is None:
                continue
            if cell.column > MAX_COLUMNS:
                continue
            text = display(value, getattr(cell, "number_format", "General") or "General")
            if text.strip():
                grid.setdefault(cell.row, {})[cell.column] = text.strip()
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    numbers.add((cell.row, cell.column))
    return grid, numbers


def display(value: object, number_format: str) -> str:
    """A value the way a number format shows it: 0.9808 under 0.00% is 98.08%, 1842.85 under #,##0.00 is 1,842.85."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if not isinstance(value, (int, float)):
        return str(value)
    section = number_format.split(";")[0]
    literal = "".join(_QUOTED.findall(section))
    code = _BRACKETS.sub("", _QUOTED.sub("", section)).replace("\\", "").replace("_)", "").replace("*", "")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if code.strip().lower() in ("general", "", "@"):
        if isinstance(value, float):  # Excel shows at most 15 significant digits
            number = Decimal(f"{value:.15g}")
        text = format(number, "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text) + literal
    percent = "%" in code
    if percent:
        number *= 100
    digits = re.sub(r"[^0#?.,]", "", code)
    whole, _, fraction = digits.partition(".")
    places = sum(1 for ch in fraction if ch in "0#?")
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if "," in whole else f"{rounded:.{places}f}"
    return text + ("%" if percent else "") + literal


def _sheet_blocks(
    blocks: list[Block], name: str, hidden: bool, grid: dict[int, dict[int, str]], numbers: set[tuple[int, int]],
    facts: _SheetFacts, line: int,
) -> int:
    """Append the sheet's blocks; return the next extracted-text line."""
    if not grid:
        return line
    merges = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in facts.merges}
    rows = sorted(grid)
    first_col = min(min(cols) for cols in grid.values())
    last_col = max(max(cols) for cols in grid.values())
    for r0, c0, r1, c1 in facts.merges:  # a merge reaching past the last written column widens the grid
        if r0 in grid and c0 in grid[r0]:
            last_col = max(last_col, min(c1, MAX_COLUMNS))
    # Rows above the table holding one cell (title, 填报单位) are paragraphs.
    while len(rows) > 1 and len(grid[rows[0]]) == 1:
        r = rows.pop(0)
        text = next(iter(grid[r].values()))
        blocks.append(Block(len(blocks), BlockKind.PARAGRAPH, text, (Segment(start=0, line=line, column=1),)))
        line += 1
    width = last_col - first_col + 1
    text_rows = tuple(tuple(grid[r].get(first_col + c, "") for c in range(width)) for r in rows)
    cells = []
    index = {r: i for i, r in enumerate(rows)}
    for r in rows:
        for c, text in grid[r].items():
            rowspan, colspan = merges.get((r, c), (1, 1))
            if rowspan > 1:  # count only the grid rows the merge covers (blank rows were dropped)
                rowspan = sum(1 for rr in rows if r <= rr < r + rowspan)
            cells.append(Cell(index[r], c - first_col, text, rowspan, colspan))
    text, starts = grid_text(text_rows)
    segments = tuple(Segment(start=row_start(text, i), line=line + i, column=1) for i in range(len(text_rows)))
    origin = SheetRef(
        name=name, hidden=hidden, rows=tuple(rows), first_column=first_col,
        hidden_rows=tuple(sorted(r for r in facts.hidden_rows if r in index)),
        numbers=tuple(sorted((index[r], c - first_col) for r, c in numbers if r in index)),
    )
    table = Table(text_rows, tuple(cells), starts, sheet=origin)
    blocks.append(Block(len(blocks), BlockKind.TABLE, text, segments, table=table))
    return line + len(text_rows)
