"""Write a report as .docx, its headings numbered by Word automatic Chinese numbering or with the labels typed.

    from scripts.make_docx import report_to_docx
    report_to_docx([(None, "2023年度…绩效自评报告"), (0, "部门基本情况"), (1, "主要职责"), (2, "负责…")], "r.docx")

Levels follow GB/T 9704: 0 一、 (chineseCounting "%1、"), 1 （一） (chineseCounting "（%2）"), 2 1. (decimal "%3."),
3 （1） (decimal "（%4）"), each with w:suff "nothing", so that the text Word displays is the label directly
followed by the heading, as when typed. Levels 0 and 1 use the Heading 1 / Heading 2 styles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from selfeval_lint.numerals import int_to_cn

LIST_ID = 90  # abstractNumId and numId of the report's list (clear of the template's own lists)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"))
_TYPED = (
    lambda n: f"{int_to_cn(n)}、",
    lambda n: f"（{int_to_cn(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)
_HEADING_STYLES = {0: "Heading 1", 1: "Heading 2"}


def _list_definition() -> tuple[object, object]:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{LIST_ID}"><w:multiLevelType w:val="multilevel"/>'
        f"{levels}</w:abstractNum>"
    )
    num = parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>')
    return abstract, num


def typed_labels(levels: Sequence[int | None]) -> list[str | None]:
    """The label Word displays for each item (None: body text), counted the way Word counts a multilevel list.

    An item restarts every deeper level; a shallower level that has not started counts as 1.
    """
    counters = [0] * len(_LEVELS)
    labels: list[str | None] = []
    for level in levels:
        if level is None:
            labels.append(None)
            continue
        counters[level] += 1
        counters[:level] = [c or 1 for c in counters[:level]]
        counters[level + 1 :] = [0] * (len(_LEVELS) - level - 1)
        labels.append(_TYPED[level](counters[level]))
    return labels


@dataclass(frozen=True)
class Layout:
    """公文 formatting (GB/T 9704) to give the report; a field changed makes a variant with that defect.

    Fonts are set in the styles (Normal, Title, Heading 1, Heading 2), as a careful writer sets them;
    level-3/4 paragraphs and body text use Normal. `theme_fonts` writes the body font into the theme's minor
    East Asian font and lets Normal refer to it (w:eastAsiaTheme), as Word's own templates do."""

    title_font: str = "方正小标宋简体"
    title_size: float = 22
    body_font: str = "仿宋_GB2312"
    body_size: float = 16
    level1_font: str = "黑体"
    level2_font: str = "楷体_GB2312"
    margins_mm: tuple[float, float, float, float] = (37, 35, 28, 26)  # top, bottom, left, right
    page_mm: tuple[float, float] = (210, 297)
    line_pt: float | None = 28  # exact line spacing; None: single (Word's default)
    indent_chars: float = 2
    page_numbers: bool = True
    body_bold: bool = False
    theme_fonts: bool = False


def layout_from_spec(spec: str) -> Layout:
    """The Layout a rule example names: "docx: level2_font=宋体 margins_mm=25.4,25.4,31.8,31.8" (fields of
    Layout changed from the 公文 defaults; numbers, tuples of numbers, true/false/none as Python values)."""
    import dataclasses

    if not spec.startswith("docx:"):
        raise ValueError(f"not a .docx example: {spec!r}")
    defaults = Layout()
    changes: dict[str, object] = {}
    for item in spec[len("docx:") :].split():
        key, _, raw = item.partition("=")
        current = getattr(defaults, key)  # AttributeError for a field Layout does not have
        if raw.lower() in ("none", "true", "false"):
            value: object = {"none": None, "true": True, "false": False}[raw.lower()]
        elif isinstance(current, tuple):
            value = tuple(float(x) for x in raw.split(","))
        elif isinstance(current, (int, float)) and not isinstance(current, bool):
            value = float(raw)
        else:
            value = raw
        changes[key] = value
    return dataclasses.replace(defaults, **changes)


def _style_font(style: object, font: str | None, size: float, bold: bool | None, theme: bool = False) -> None:
    """Set a style's East Asian font (or theme font), size and bold, and black text."""
    from docx.shared import Pt, RGBColor

    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    if theme:
        fonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
    elif font:
        fonts.set(qn("w:eastAsia"), font)


def _paragraph_format(style: object, layout: Layout, indent: bool) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if layout.line_pt is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(layout.line_pt)
    else:
        fmt.line_spacing = 1.0
    ind = style.element.get_or_add_pPr().get_or_add_ind()  # python-docx keeps the schema order
    chars = round(layout.indent_chars * 100) if indent else 0
    ind.set(qn("w:firstLineChars"), str(chars))
    ind.set(qn("w:firstLine"), str(round(chars / 100 * layout.body_size * 20)))


def apply_layout(document: DocumentObject, layout: Layout) -> None:
    """Give the document's styles, page setup and footer the 公文 layout `layout` describes."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    styles = document.styles
    if layout.theme_fonts:
        theme = document.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
        )
        xml = theme.blob.decode("utf-8")
        import re

        xml = re.sub(r'(<a:minorFont>.*?<a:ea typeface=")[^"]*(")', rf"\g<1>{layout.body_font}\2", xml, count=1, flags=re.S)
        theme._blob = xml.encode("utf-8")
    _style_font(styles["Normal"], layout.body_font, layout.body_size, layout.body_bold or None, theme=layout.theme_fonts)
    _paragraph_format(styles["Normal"], layout, indent=True)
    _style_font(styles["Title"], layout.title_font, layout.title_size, False)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_format(styles["Title"], layout, indent=False)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for el in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(el)
    for name, font in (("Heading 1", layout.level1_font), ("Heading 2", layout.level2_font)):
        _style_font(styles[name], font, layout.body_size, False)
        _paragraph_format(styles[name], layout, indent=True)
    for section in document.sections:
        section.page_width, section.page_height = Mm(layout.page_mm[0]), Mm(layout.page_mm[1])
        top, bottom, left, right = layout.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        if layout.page_numbers:
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for xml in (
                f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve">— </w:t></w:r>',
                f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r xmlns:w="{_W}"><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r xmlns:w="{_W}"><w:t>1</w:t></w:r>',
                f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="end"/></w:r>',
                f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve"> —</w:t></w:r>',
            ):
                footer._p.append(parse_xml(xml))


def build_report(
    lines: Sequence[tuple[int | None, str]], automatic: bool = True, layout: Layout | None = None
) -> DocumentObject:
    """The python-docx Document of the report (see report_to_docx)."""
    document = Document()
    if layout is not None:
        apply_layout(document, layout)
    title_lines = 0
    if layout is not None:  # the short lines before the first heading are the title (centred, 小标宋)
        while title_lines < min(len(lines), 3) and lines[title_lines][0] is None:
            text = lines[title_lines][1].strip()
            if len(text) > 40 or text.endswith(("：", "。", "；", ":")):
                break  # a preamble ("根据……报告如下：") is body text
            title_lines += 1
    if automatic:
        numbering = document.part.numbering_part.element
        abstract, num = _list_definition()
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(num)
    for n, ((level, text), label) in enumerate(zip(lines, typed_labels([level for level, _ in lines]))):
        if level is not None and not 0 <= level < len(_LEVELS):
            raise ValueError(f"level {level} is not one of 0–{len(_LEVELS) - 1}")
        paragraph = document.add_paragraph(style="Title" if n < title_lines else _HEADING_STYLES.get(level))
        if level is None or not automatic:
            paragraph.add_run((label or "") + text)
            continue
        paragraph.add_run(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # python-docx keeps the schema order
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = LIST_ID
    return document


def report_to_docx(
    lines: Sequence[tuple[int | None, str]], path: str | Path, automatic: bool = True, layout: Layout | None = None
) -> Path:
    """Write the report `lines` — (level or None for body text, text without its label) — to `path`.

    automatic=True: the labels come from Word automatic numbering (numbering.xml), not typed in the text;
    automatic=False: the same labels typed at the start of each paragraph, no numbering;
    layout: 公文 formatting (fonts, sizes, margins, spacing, page numbers), None: python-docx's defaults.
    """
    path = Path(path)
    build_report(lines, automatic, layout).save(str(path))
    return path
