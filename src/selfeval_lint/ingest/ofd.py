"""Format plugin for OFD (GB/T 33190, a zip of XML): the text codes and ruled lines of each page, in page order,
laid out into lines, paragraphs and tables by the PDF reader's own layout logic."""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from typing import Any

from ..model import Block
from .errors import IngestError

PT_PER_MM = 72 / 25.4  # OFD measures in millimetres; the PDF layout logic works in points
MAX_TOTAL_BYTES = 200 * 2**20
MAX_PART_BYTES = 64 * 2**20
MAX_PAGES = 2000
ASCENT, DESCENT = 0.88, 0.12  # of the font size, above and below the baseline
_UNSAFE = (b"<!DOCTYPE", b"<!ENTITY")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


def is_ofd(data: bytes) -> bool:
    """Whether a zip is an OFD package (it has OFD.xml at its root)."""
    try:
        return "OFD.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read_ofd(data: bytes) -> list[Block]:
    """The blocks of an OFD document's first document body; IngestError PAR004/PAR005/PAR010 when unreadable."""
    from .pdf import _blocks, _drop_running_lines, _page, _RawPage, _refuse_garbled

    package = _Package(data)
    root = package.xml("OFD.xml")
    doc_root = next((el.text.strip() for el in root.iter() if _local(el) == "DocRoot" and el.text), None)
    if not doc_root:
        raise IngestError("PAR010", "corrupt", reason="OFD.xml: no DocRoot")
    doc_path = doc_root.lstrip("/")
    document = package.xml(doc_path)
    base = posixpath.dirname(doc_path)
    default_box = _box(_first_text(document, "PhysicalBox"))
    fonts: dict[str, str] = {}
    for el in document.iter():
        if _local(el) in ("PublicRes", "DocumentRes") and el.text and el.text.strip():
            fonts.update(_fonts(package.xml(_resolve(base, el.text.strip()))))
    page_refs = [el for el in document.iter() if _local(el) == "Page" and el.get("BaseLoc")]
    if len(page_refs) > MAX_PAGES:
        raise IngestError("PAR004", "zip-bomb", size_mb=round(package.total / 2**20))
    pages = []
    for number, ref in enumerate(page_refs, start=1):
        content = package.xml(_resolve(base, ref.get("BaseLoc")))
        box = _box(_first_text(content, "PhysicalBox")) or default_box or (0.0, 0.0, 210.0, 297.0)
        words, edges = [], []
        for el in content.iter():
            name = _local(el)
            if name == "TextObject":
                words.extend(_words(el, fonts))
            elif name == "PathObject":
                edges.extend(_edges(el))
        chars = [c["text"] for w in words for c in w["chars"] if not c["text"].isspace()]
        pages.append(_page(_RawPage(number, box[3] * PT_PER_MM, words, _tables(edges), chars)))
    _refuse_garbled(pages)
    _drop_running_lines(pages)
    return _blocks(pages)


class _Package:
    """The OFD zip, with size limits checked before any part is decompressed, and hardened XML parsing."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise IngestError("PAR010", "corrupt", reason=f"zip: {exc}") from None
        self.total = sum(i.file_size for i in infos)
        if self.total > MAX_TOTAL_BYTES:
            raise IngestError("PAR004", "zip-bomb", size_mb=round(self.total / 2**20))
        self.names = {i.filename: i for i in infos}

    def xml(self, name: str) -> Any:
        info = self.names.get(name) or self.names.get(name.lstrip("/"))
        if info is None:
            raise IngestError("PAR010", "corrupt", reason=f"OFD: {name} missing")
        if info.file_size > MAX_PART_BYTES:
            raise IngestError("PAR004", "zip-bomb", size_mb=round(info.file_size / 2**20))
        try:
            data = self.zip.read(info)
        except Exception as exc:  # zlib, CRC and truncation errors of a damaged package
            raise IngestError("PAR010", "corrupt", reason=f"{name}: {type(exc).__name__}") from None
        if any(marker in data for marker in _UNSAFE):
            raise IngestError("PAR010", "xml-unsafe")
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise IngestError("PAR010", "corrupt", reason=f"{name}: {exc}") from None


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first_text(root: Any, name: str) -> str | None:
    return next((el.text for el in root.iter() if _local(el) == name and el.text), None)


def _resolve(base: str, loc: str) -> str:
    """A location in the package: absolute (from the root) or relative to the referring part's folder."""
    return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc))


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    values = [float(v) for v in _NUMBER.findall(text or "")]
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _fonts(res: Any) -> dict[str, str]:
    """Font ID → name, with Bold marked as the PDF reader's weight test expects."""
    out = {}
    for el in res.iter():
        if _local(el) == "Font" and el.get("ID"):
            name = el.get("FontName") or el.get("FamilyName") or ""
            out[el.get("ID")] = name + (" Bold" if el.get("Bold") == "true" else "")
    return out


def _deltas(spec: str | None) -> list[float]:
    """A DeltaX/DeltaY list: numbers, and 'g N d' for N times d."""
    tokens = (spec or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([float(tokens[i + 2])] * min(int(float(tokens[i + 1])), 100_000))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _ctm(el: Any) -> tuple[float, ...]:
    values = [float(v) for v in _NUMBER.findall(el.get("CTM") or "")]
    return tuple(values) if len(values) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in "WF"


def _words(obj: Any, fonts: dict[str, str]) -> list[dict[str, Any]]:
    """One word per text code: its characters placed by X, Y and DeltaX, through the object's CTM and
    boundary, in points from the page's top-left corner (as pdfplumber gives them)."""
    box = _box(obj.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
    a, b, c, d, e, f = _ctm(obj)
    scale = math.sqrt(abs(a * d - b * c)) or 1.0
    size = float(obj.get("Size") or 3.5)
    weight = obj.get("Weight") or ""
    fontname = fonts.get(obj.get("Font") or "", "") + (" Bold" if weight.isdigit() and int(weight) >= 700 else "")
    em = size * scale * PT_PER_MM
    words = []
    x = y = 0.0
    for code in (el for el in obj if _local(el) == "TextCode"):
        text = code.text or ""
        x = float(code.get("X") or x)
        y = float(code.get("Y") or y)
        deltas = _deltas(code.get("DeltaX"))
        chars = []
        for i, ch in enumerate(text):
            px = (a * x + c * y + e + box[0]) * PT_PER_MM
            baseline = (b * x + d * y + f + box[1]) * PT_PER_MM
            natural = em if _is_wide(ch) else em / 2
            advance = deltas[i] * scale * PT_PER_MM if i < len(deltas) else natural
            width = min(advance, natural) if _is_wide(ch) else (advance if i < len(deltas) else natural)
            chars.append({"text": ch, "x0": px, "x1": px + width, "top": baseline - ASCENT * em,
                          "bottom": baseline + DESCENT * em, "size": em, "fontname": fontname})
            x += deltas[i] if i < len(deltas) else natural / (scale * PT_PER_MM)
        if chars:
            words.append({"text": text, "x0": chars[0]["x0"], "x1": chars[-1]["x1"], "top": min(c["top"] for c in chars),
                          "bottom": max(c["bottom"] for c in chars), "size": em, "fontname": fontname, "chars": chars})
    return words


def _edges(obj: Any) -> list[dict[str, Any]]:
    """Horizontal and vertical straight segments of a path (M/L moves, and rectangles drawn as B-less boxes)."""
    box = _box(obj.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
    a, b, c, d, e, f = _ctm(obj)
    data = next((el.text for el in obj if _local(el) == "AbbreviatedData" and el.text), "")
    tokens = data.split()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    segments = []
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op in ("M", "L") and i + 2 < len(tokens):
            px, py = float(tokens[i + 1]), float(tokens[i + 2])
            point = ((a * px + c * py + e + box[0]) * PT_PER_MM, (b * px + d * py + f + box[1]) * PT_PER_MM)
            if op == "L" and points:
                segments.append((points[-1], point))
            if op == "M":
                start = point
            points.append(point)
            i += 3
        elif op == "C":  # close the subpath
            if points and start is not None:
                segments.append((points[-1], start))
            i += 1
        else:
            i += 1
    out = []
    for (x0, y0), (x1, y1) in segments:
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 1:
            lo, hi = sorted((x0, x1))
            out.append({"x0": lo, "x1": hi, "top": y0, "bottom": y0, "width": hi - lo, "height": 0, "orientation": "h"})
        elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 1:
            lo, hi = sorted((y0, y1))
            out.append({"x0": x0, "x1": x0, "top": lo, "bottom": hi, "width": 0, "height": hi - lo, "orientation": "v"})
    return out


def _tables(edges: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """Ruled tables' cell boxes from the page's lines, by pdfplumber's own lattice algorithm."""
    if not edges:
        return []
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    merged = merge_edges(edges, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    return [[tuple(cell) for cell in table] for table in cells_to_tables(cells) if len(table) >= 2]
