"""OFD documents (GB/T 33190) typeset in code from a report's text, as an office suite's "save as OFD" lays
them out: A4 pages, 16-point body text justified on 28 characters a line with a two-character indent, bold
unindented headings, ruled tables, a page number at the foot of each page."""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from xml.sax.saxutils import escape

from selfeval_lint.labels import parse_label

NS = "http://www.ofdspec.org/2016"
WIDTH, HEIGHT = 210.0, 297.0
LEFT, TOP, BOTTOM = 27.0, 37.0, 35.0
TEXT_WIDTH = 156.0
SIZE = 5.6  # mm: 16 pt
TITLE_SIZE = 7.8
PITCH = 1.75  # line pitch, in font sizes
ROW = 9.0  # table row height, mm
CELL_SIZE = 3.7  # mm: 10.5 pt


def _advance(ch: str, size: float) -> float:
    return size if unicodedata.east_asian_width(ch) in "WF" else size / 2


_TOKEN = re.compile(r"[A-Za-z0-9.,%]+|\s|.")


def _wrap(text: str, size: float, first_indent: float) -> list[str]:
    """Greedy line breaking; Latin words and numbers are never split."""
    lines, current, width = [], "", 0.0
    for token in _TOKEN.findall(text):
        avail = TEXT_WIDTH - (first_indent if not lines else 0.0)
        token_width = sum(_advance(ch, size) for ch in token)
        if current and width + token_width > avail + 1e-6:
            lines.append(current)
            current, width = "", 0.0
        current += token
        width += token_width
    if current:
        lines.append(current)
    return lines


class _Writer:
    def __init__(self, per_char: bool = False) -> None:
        self.per_char = per_char  # one text object per character, as some print-to-OFD drivers write
        self.pages: list[list[str]] = [[]]
        self.y = TOP
        self.next_id = 10

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _room(self, height: float) -> None:
        if self.y + height > HEIGHT - BOTTOM:
            self.pages.append([])
            self.y = TOP

    def text(self, x: float, baseline: float, text: str, size: float, font: int, deltas: list[float]) -> None:
        if self.per_char:
            for ch, offset in zip(text, [0.0, *itertools.accumulate(deltas)]):
                # the glyph placed through a CTM that scales by 2 (its boundary origin carries the position)
                self.pages[-1].append(
                    f'<ofd:TextObject ID="{self._id()}" Boundary="{x + offset:.3f} {baseline - size:.3f} {size * 2:.3f} {size * 1.4:.3f}" '
                    f'CTM="2 0 0 2 0 0" Font="{font}" Size="{size / 2:.4f}">'
                    f'<ofd:TextCode X="0" Y="{size / 2:.4f}">{escape(ch)}</ofd:TextCode></ofd:TextObject>'
                )
            return
        delta = " ".join(f"{d:.3f}" for d in deltas)
        top = baseline - size
        self.pages[-1].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.3f} {top:.3f} {TEXT_WIDTH + 10:.3f} {size * 1.4:.3f}" '
            f'Font="{font}" Size="{size}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{delta}">{escape(text)}</ofd:TextCode></ofd:TextObject>'
        )

    def paragraph(self, text: str, kind: str) -> None:
        size = TITLE_SIZE if kind == "title" else SIZE
        font = {"title": 3, "heading": 2}.get(kind, 1)
        indent = 2 * size if kind == "body" else 0.0
        lines = _wrap(text, size, indent)
        for i, line in enumerate(lines):
            self._room(size * PITCH)
            self.y += size * PITCH
            natural = [_advance(ch, size) for ch in line]
            x = LEFT + (indent if i == 0 else 0.0)
            avail = TEXT_WIDTH - (indent if i == 0 else 0.0)
            extra = 0.0
            if kind == "title":
                x = LEFT + (TEXT_WIDTH - sum(natural)) / 2
            elif i < len(lines) - 1 and len(line) > 1:
                extra = (avail - sum(natural)) / (len(line) - 1)  # justified
            self.text(x, self.y, line, size, font, [a + extra for a in natural[:-1]])

    def table(self, rows: list[list[str]]) -> None:
        columns = max(len(r) for r in rows)
        col = TEXT_WIDTH / columns
        self.y += 3
        for cells in rows:
            self._room(ROW)
            top, bottom = self.y, self.y + ROW
            edges = [f"M {LEFT:.3f} {top:.3f} L {LEFT + TEXT_WIDTH:.3f} {top:.3f}",
                     f"M {LEFT:.3f} {bottom:.3f} L {LEFT + TEXT_WIDTH:.3f} {bottom:.3f}"]
            bounds = [*range(len(cells)), columns]
            for k in bounds:
                x = LEFT + k * col
                edges.append(f"M {x:.3f} {top:.3f} L {x:.3f} {bottom:.3f}")
            self.pages[-1].append(
                f'<ofd:PathObject ID="{self._id()}" Boundary="0 0 {WIDTH} {HEIGHT}" LineWidth="0.25">'
                f'<ofd:AbbreviatedData>{" ".join(edges)}</ofd:AbbreviatedData></ofd:PathObject>'
            )
            for k, cell in enumerate(cells):
                if cell:
                    natural = [_advance(ch, CELL_SIZE) for ch in cell]
                    self.text(LEFT + k * col + 1.0, top + ROW / 2 + CELL_SIZE * 0.4, cell, CELL_SIZE, 1, natural[:-1])
            self.y = bottom
        self.y += 3


def _report_lines(text: str) -> list[tuple[str, object]]:
    """(kind, content) for each non-empty line: title first, headings by their label, tab rows as tables."""
    items: list[tuple[str, object]] = []
    for n, line in enumerate(l.strip() for l in text.splitlines()):
        if not line:
            continue
        if "\t" in line:
            if items and items[-1][0] == "table":
                items[-1][1].append(line.split("\t"))  # type: ignore[union-attr]
            else:
                items.append(("table", [line.split("\t")]))
            continue
        label = parse_label(line)
        kind = "title" if not items else "heading" if label is not None and len(line) <= 40 else "body"
        items.append((kind, line))
    return items


def ofd_from_text(text: str, per_char: bool = False) -> bytes:
    """An OFD package whose pages show the report `text` (one paragraph per non-empty line)."""
    writer = _Writer(per_char)
    for kind, content in _report_lines(text):
        writer.table(content) if kind == "table" else writer.paragraph(content, kind)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>selfeval-lint-test</ofd:DocID></ofd:DocInfo>"
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        pages = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(writer.pages)))
        zf.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                    f"<ofd:CommonData><ofd:MaxUnitID>{writer.next_id}</ofd:MaxUnitID><ofd:PageArea>"
                    f"<ofd:PhysicalBox>0 0 {WIDTH} {HEIGHT}</ofd:PhysicalBox></ofd:PageArea>"
                    "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
                    f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>")
        zf.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                    '<ofd:Fonts><ofd:Font ID="1" FontName="仿宋_GB2312" FamilyName="仿宋"/>'
                    '<ofd:Font ID="2" FontName="黑体" FamilyName="黑体"/>'
                    '<ofd:Font ID="3" FontName="方正小标宋简体" FamilyName="方正小标宋简体" Bold="true"/></ofd:Fonts></ofd:Res>')
        for n, objects in enumerate(writer.pages):
            footer = f'- {n + 1} -'
            objects = [*objects, f'<ofd:TextObject ID="{900000 + n}" Boundary="95 270 30 8" Font="1" Size="4.9">'
                       f'<ofd:TextCode X="0" Y="5" DeltaX="g {len(footer) - 1} 2.45">{footer}</ofd:TextCode></ofd:TextObject>']
            zf.writestr(f"Doc_0/Pages/Page_{n}/Content.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                        f'<ofd:Layer ID="{5 + n}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return buffer.getvalue()
