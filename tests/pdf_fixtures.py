"""Report-like PDFs typeset in code with reportlab (CJK CID fonts), for the PDF ingest tests and benchmark."""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import CIDFontInfo, UnicodeCIDFont, structToPDF
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

FACE = "STSong-Light"  # reportlab's built-in Chinese CID font (not embedded; pdfminer knows its CMap)
SONG = "Song"  # STSong-Light, as the fixtures register it
SONG_BOLD = "Song-Bold"  # STSong-Light named "STSongStd-Light,Bold" in the PDF
HEI = "Hei"  # STSong-Light named "SimHei" in the PDF: a 黑体 heading font
GARBLED = "Garbled"  # STSong-Light in an unknown character collection, without ToUnicode: (cid:NNN)
LATIN = "Helvetica"

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 72.0
TOP = BOTTOM = 80.0
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
HEADER = "岳阳市科学技术局2023年度部门整体支出绩效自评报告"


class _RenamedCIDFont(UnicodeCIDFont):
    """STSong-Light written under another font name and character collection.

    Its CIDSystemInfo strings are real PDF strings, so that reportlab encrypts them with the document
    (reportlab writes its own CID fonts' strings raw, and pdfminer then decrypts them into garbage)."""

    def __init__(self, name: str, pdf_name: str, ordering: str = "GB1") -> None:
        super().__init__(FACE)
        self.name = self.fontName = name
        self.pdf_name, self.ordering = pdf_name, ordering

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab's name)
        internal = "F" + repr(len(doc.fontMapping) + 1)
        info = copy.deepcopy(CIDFontInfo[FACE])
        descendant = info["DescendantFonts"][0]
        # An unknown collection is also written with Identity-H: its codes are CIDs no reader can map to Unicode
        # (under UniGB-UCS2-H they would be UCS-2, which pdfium reads).
        encoding = self.encodingName if self.ordering == "GB1" else "Identity-H"
        info["Name"], info["Encoding"] = "/" + internal, "/" + encoding
        info["BaseFont"] = descendant["BaseFont"] = descendant["FontDescriptor"]["FontName"] = "/" + self.pdf_name
        collection = {"Registry": PDFString("Adobe"), "Ordering": PDFString(self.ordering), "Supplement": 0}
        descendant["CIDSystemInfo"] = collection
        doc.idToObject["BasicFonts"].dict[internal] = doc.Reference(structToPDF(info), internal)
        doc.fontMapping[self.name] = "/" + internal


def register_fonts() -> None:
    """Register the fixtures' CJK fonts (under their own names, so other tests' fonts are left alone)."""
    fonts = {SONG: (FACE, "GB1"), SONG_BOLD: ("STSongStd-Light,Bold", "GB1"), HEI: ("SimHei", "GB1")}
    fonts[GARBLED] = ("FZFSK--GBK1-0", "XX1")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, (pdf_name, ordering) in fonts.items():
        if name not in registered:
            pdfmetrics.registerFont(_RenamedCIDFont(name, pdf_name, ordering))


@dataclass(frozen=True)
class Style:
    """How a paragraph is set: font, size, first-line indent in ems, alignment, space before it."""

    font: str
    size: float
    indent: float = 2.0
    align: str = "justify"  # justify, left or center
    space_before: float = 0.0


STYLES = {
    "title": Style(SONG, 18, indent=0, align="center", space_before=12),
    "h1": Style(HEI, 16, align="left", space_before=6),
    "h2": Style(SONG_BOLD, 14, align="left"),
    "h3": Style(SONG_BOLD, 12, align="left"),
    "body": Style(SONG, 12),
    "note": Style(SONG, 12, indent=0, align="left"),
    "flush": Style(SONG, 12, indent=0, space_before=12),  # no indent: only the space above marks it
    "typed": Style(SONG, 12, indent=0),  # the indent is typed (　　), not set
}
HINTS = {"title": 1, "h1": 2, "h2": 3, "h3": 4}  # heading_hint a reader should give each style


@dataclass(frozen=True)
class Para:
    """A paragraph to typeset, and the text a reader should give back (spurious spaces gone)."""

    text: str
    style: str = "body"
    expected: str | None = None
    char_space: float = 0.0  # widened character spacing: pdfplumber then sees a gap between all characters
    digits_font: str | None = None  # digits set in another font (pdfplumber #680)
    digits_rise: float = 0.0
    fake_bold: bool = False  # every line printed twice, a little apart (as WPS and some printers do)

    @property
    def read_back(self) -> str:
        return self.text if self.expected is None else self.expected


@dataclass(frozen=True)
class Grid:
    """A ruled table: rows of cell text ("\\n" wraps a cell), reportlab SPAN commands, column widths."""

    rows: list[list[str]]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    widths: list[float] | None = None
    size: float = 10.5


@dataclass
class Placed:
    """Where a paragraph or table landed: (page, line of the extracted text) of each of its lines or rows."""

    item: Para | Grid
    lines: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Built:
    """A generated PDF and where its paragraphs and tables were placed."""

    data: bytes
    placed: list[Placed]
    pages: int


_TOKEN = re.compile(r"[A-Za-z0-9.,%]+|\s|.")


def _runs(text: str, para: Para, font: str) -> list[tuple[str, str, float]]:
    """(font, text, rise) runs of a line: digits in their own font when the paragraph asks for it."""
    if not para.digits_font:
        return [(font, text, 0.0)]
    parts = re.split(r"(\d+)", text)
    return [
        (para.digits_font, part, para.digits_rise) if part.isdigit() else (font, part, 0.0) for part in parts if part
    ]


def _width(text: str, para: Para, style: Style) -> float:
    glyphs = sum(pdfmetrics.stringWidth(t, f, style.size) for f, t, _ in _runs(text, para, style.font))
    return glyphs + para.char_space * max(0, len(text) - 1)


def _wrap(para: Para, style: Style) -> list[str]:
    """Greedy line breaking; Latin words and numbers are never split."""
    lines, current = [], ""
    for token in _TOKEN.findall(para.text):
        avail = TEXT_WIDTH - (style.indent * style.size if not lines else 0)
        if current and _width(current + token, para, style) > avail:
            lines.append(current.rstrip())
            current = "" if token.isspace() else token
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


@dataclass
class _Page:
    ops: list[Any] = field(default_factory=list)


class _Typesetter:
    """Lays paragraphs and tables out on A4 pages, counting the lines a reader should number."""

    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page()]
        self.y = PAGE_HEIGHT - TOP
        self.line_no = 0
        self.placed: list[Placed] = []

    def _room(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.pages.append(_Page())
            self.y = PAGE_HEIGHT - TOP

    def paragraph(self, para: Para) -> None:
        style = STYLES[para.style]
        placed = Placed(para)
        leading = style.size * 1.6
        lines = _wrap(para, style)
        if style.space_before and self.y < PAGE_HEIGHT - TOP:
            self.y -= style.space_before
        for i, text in enumerate(lines):
            self._room(leading)
            self.y -= leading
            natural = _width(text, para, style)
            indent = style.indent * style.size if i == 0 else 0.0
            x, avail = LEFT + indent, TEXT_WIDTH - indent
            spacing = para.char_space
            if style.align == "center":
                x = LEFT + (TEXT_WIDTH - natural) / 2
            elif style.align == "justify" and i < len(lines) - 1 and len(text) > 1:
                spacing += (avail - natural) / (len(text) - 1)
            runs = _runs(text, para, style.font)
            for shift in (0.0, 0.3) if para.fake_bold else (0.0,):
                self.pages[-1].ops.append(("line", x + shift, self.y, style.size, spacing, runs))
            self.line_no += 1
            placed.lines.append((len(self.pages), self.line_no))
        self.placed.append(placed)

    def table(self, grid: Grid) -> None:
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), SONG, grid.size),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *[("SPAN", a, b) for a, b in grid.spans],
        ]
        table = Table(grid.rows, colWidths=grid.widths, style=TableStyle(commands))
        self.y -= 8
        _, height = table.wrap(TEXT_WIDTH, PAGE_HEIGHT)
        parts = [table] if height <= self.y - BOTTOM else table.split(TEXT_WIDTH, self.y - BOTTOM) or [table]
        placed = Placed(grid)
        for part in parts:  # a table split over a page break, as Word does
            _, height = part.wrap(TEXT_WIDTH, PAGE_HEIGHT)
            self._room(height)
            self.y -= height
            self.pages[-1].ops.append(("table", LEFT, self.y, part))
            for _ in range(part._nrows):
                self.line_no += 1
                placed.lines.append((len(self.pages), self.line_no))
        self.y -= 8
        self.placed.append(placed)


def build_report(
    items: list[Para | Grid],
    page_number: str | None = "- {n} -",
    header: str | None = HEADER,
    encrypt: StandardEncryption | None = None,
) -> Built:
    """A PDF of the items, with a running header and a page number (a format of n and total) on every page."""
    register_fonts()
    setter = _Typesetter()
    for item in items:
        setter.table(item) if isinstance(item, Grid) else setter.paragraph(item)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    total = len(setter.pages)
    for n, page in enumerate(setter.pages, start=1):
        if header:
            pdf.setFont(SONG, 9)
            pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 40, header)
            pdf.line(LEFT, PAGE_HEIGHT - 46, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 46)
        for op in page.ops:
            _draw(pdf, op)
        if page_number:
            pdf.setFont(SONG, 10.5)
            pdf.drawCentredString(PAGE_WIDTH / 2, 36, page_number.format(n=n, total=total))
        pdf.showPage()
    pdf.save()
    return Built(buf.getvalue(), setter.placed, total)


def _draw(pdf: canvas.Canvas, op: tuple) -> None:
    if op[0] == "table":
        _, x, y, table = op
        table.drawOn(pdf, x, y)
        return
    _, x, y, size, spacing, runs = op
    pdf.saveState()  # character spacing is graphics state: keep it to this line
    text = pdf.beginText(x, y)
    text.setCharSpace(spacing)
    for font, part, rise in runs:
        text.setFont(font, size)
        text.setRise(rise)
        text.textOut(part)
    pdf.drawText(text)
    pdf.restoreState()


# ── content ───────────────────────────────────────────────────────────────────────────────────────

TITLE = "2023年度岳阳市科学技术局部门整体支出绩效自评报告"


def report_items(section: int = 1) -> list[Para | Grid]:
    """One report-like stretch: headings 一、（一）1.（1）, paragraphs wrapping over several lines."""
    n = section
    return [
        Para("一、部门（单位）基本情况", "h1"),
        Para("（一）主要职责", "h2"),
        Para(
            f"贯彻落实国家、省关于科技创新的方针政策和决策部署，拟订全市科技创新发展规划和政策措施并组织实施。"
            f"统筹推进全市科技创新体系建设，牵头组织全市科技体制改革工作，第{n}批次科技计划项目共立项{12 + n}项，"
            f"涉及资金{1000 + n}.50万元，带动企业研发投入{3 + n}.2亿元，较上年增长{n}.5%。"
        ),
        Para("（二）内设机构", "h2"),
        Para(
            f"局机关内设办公室、政策法规科、资源配置与管理科、高新技术发展及产业化科、农村科技科、"
            f"社会发展科技科、外国专家服务科等科室{7 + n % 3}个，下属事业单位2个，编制人数共计{40 + n}人。"
        ),
        Para("二、一般公共预算支出情况", "h1"),
        Para("1.基本支出", "h3"),
        Para(
            f"{2023}年度基本支出{708 + n}.28万元，其中人员经费{582 + n}.56万元，主要用于在职人员工资福利及社会保障缴费；"
            f"公用经费{125}.72万元，主要用于办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、会议费、"
            f"培训费、公务接待费、工会经费和其他商品和服务支出等，保障了机关的正常运转。"
        ),
        Para("（1）项目申报", "body", char_space=0.0),
        Para(
            f"项目支出{411 + n}.28万元，主要用于科技创新平台建设、科技成果转化、科技特派员服务、"
            f"科普宣传等方面，全年预算执行率为{95 + n % 5}.6%，资金使用规范，未发现挤占挪用等违规问题。"
            f"通过开展科技项目绩效评价，进一步提升了财政资金的使用效益，为全市经济社会高质量发展提供了有力支撑。"
        ),
    ]


def self_evaluation_table() -> Grid:
    """A 项目支出绩效自评表 head: 项目资金（万元） over two columns, 资金来源 over three rows, wrapped cells."""
    return Grid(
        rows=[
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["资金来源", "年度资金总额", "100.00", "120.00", "114.00", "10", "95.00\n%", "9.5"],
            ["", "其中：本年\n财政拨款", "100.00", "110.00", "105.00", "—", "95.45%", "—"],
            ["", "上年结转资金", "0.00", "10.00", "9.00", "—", "90.00%", "—"],
            ["年度总体\n目标", "按期完成科技项目管理，资金使用规范，服务对象满意", "", "", "", "", "", ""],
        ],
        spans=[((0, 0), (1, 0)), ((0, 1), (0, 3)), ((1, 4), (7, 4))],
        widths=[56, 70, 57, 57, 57, 40, 57, 40],
        size=9,
    )


def long_report(pages: int) -> Built:
    """At least `pages` pages of report text, with a self-evaluation table every third section (benchmark input)."""

    def items(sections: int) -> list[Para | Grid]:
        out: list[Para | Grid] = [Para(TITLE, "title")]
        for section in range(1, sections + 1):
            out.extend(report_items(section))
            if section % 3 == 0:
                out.append(self_evaluation_table())
        return out

    sections = 6
    while True:
        built = build_report(items(sections))
        if built.pages >= pages:
            return built
        sections = max(sections + 1, int(sections * pages / built.pages * 1.02) + 1)


def image_only(pages: int = 2, stamp: str = "") -> bytes:
    """A 'scanned' PDF: one grey image per page, and at most a short text stamp."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    register_fonts()
    image = ImageReader(Image.new("L", (200, 280), color=200))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        pdf.drawImage(image, 50, 50, width=PAGE_WIDTH - 100, height=PAGE_HEIGHT - 100)
        if stamp:
            pdf.setFont(SONG, 9)
            pdf.drawString(LEFT, 30, stamp)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def garbled(cjk: int, latin: int, pages: int = 1) -> bytes:
    """Per page, `cjk` characters in a font pdfminer cannot map to Unicode and `latin` readable letters."""
    register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    # 13 characters a cycle: no two 30-character lines alike (pdfium reads a repeated unmappable run once)
    chinese = ("部门整体支出绩效自评报告书" * (cjk // 13 + 1))[:cjk]
    english = ("Performance" * (latin // 11 + 1))[:latin]
    for _ in range(pages):
        y = PAGE_HEIGHT - TOP
        for font, text, per_line in ((GARBLED, chinese, 30), (LATIN, english, 60)):
            for i in range(0, len(text), per_line):
                pdf.setFont(font, 12)
                pdf.drawString(LEFT, y, text[i : i + per_line])
                y -= 20
        pdf.showPage()
    pdf.save()
    return buf.getvalue()
