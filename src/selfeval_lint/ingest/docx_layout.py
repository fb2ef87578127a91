"""Layout facts of a .docx (page setup, page numbers, per-paragraph fonts, sizes, spacing, indent), resolved as Word does.

Properties are resolved in Word's order: document defaults (w:docDefaults) < the paragraph style and the
styles it is based on < the run's character style chain < direct formatting of the paragraph or run.
East Asian fonts come from w:rFonts w:eastAsia, or w:eastAsiaTheme (minorEastAsia / majorEastAsia → the
theme's East Asian font, its w:ea typeface or else its Hans script font), the theme attribute winning over
the explicit name as in Word. These are facts; the FMT checks judge them.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml.etree import _Element

from ..model import Block, DocLayout, ParagraphLayout, SectionLayout
from .wordnum import _child, w

_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)
TWIPS_PER_MM = 1440 / 25.4
_B = w("b")
_BASEDON = w("basedOn")
_BODY = w("body")
_CUSTOMXML = w("customXml")
_DEFAULT = w("default")
_DEL = w("del")
_DOCDEFAULTS = w("docDefaults")
_DOCGRID = w("docGrid")
_EASTASIA = w("eastAsia")
_EASTASIATHEME = w("eastAsiaTheme")
_FIRSTLINE = w("firstLine")
_FIRSTLINECHARS = w("firstLineChars")
_FLDSIMPLE = w("fldSimple")
_FOOTERREFERENCE = w("footerReference")
_HANGING = w("hanging")
_HANGINGCHARS = w("hangingChars")
_HEADERREFERENCE = w("headerReference")
_HYPERLINK = w("hyperlink")
_IND = w("ind")
_INS = w("ins")
_INSTR = w("instr")
_INSTRTEXT = w("instrText")
_JC = w("jc")
_LINE = w("line")
_LINEPITCH = w("linePitch")
_LINERULE = w("lineRule")
_MOVETO = w("moveTo")
_ORIENT = w("orient")
_P = w("p")
_PPR = w("pPr")
_PSTYLE = w("pStyle")
_PGMAR = w("pgMar")
_PGSZ = w("pgSz")
_R = w("r")
_RFONTS = w("rFonts")
_RPR = w("rPr")
_RSTYLE = w("rStyle")
_SDT = w("sdt")
_SDTCONTENT = w("sdtContent")
_SECTPR = w("sectPr")
_SMARTTAG = w("smartTag")
_SNAPTOGRID = w("snapToGrid")
_SPACING = w("spacing")
_STYLE = w("style")
_STYLEID = w("styleId")
_SZ = w("sz")
_T = w("t")
_TYPE = w("type")
_VAL = w("val")
_RUN_CONTAINERS = {_HYPERLINK, _INS, _MOVETO, _SMARTTAG, _SDT, _SDTCONTENT, _CUSTOMXML, _FLDSIMPLE}


def _on(el: _Element | None) -> bool | None:
    """A toggle property's value: None when absent."""
    if el is None:
        return None
    return el.get(_VAL, "true").lower() not in ("0", "false", "off", "none")


def _num(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@dataclass
class _Props:
    """Run and paragraph properties being resolved, layer over layer (None: not set yet)."""

    font: str | None = None
    font_theme: str | None = None
    size: float | None = None  # half-points
    bold: bool | None = None
    line: float | None = None
    line_rule: str | None = None
    first_chars: float | None = None  # hundredths of a character (w:firstLineChars / negative hangingChars)
    first_twips: float | None = None
    jc: str | None = None
    snap: bool = True

    def copy(self) -> _Props:
        new = _Props.__new__(_Props)  # the same fields without a keyword call of __init__ per run
        new.__dict__.update(self.__dict__)
        return new

    def run_layer(self, rpr: _Element | None) -> None:
        if rpr is None:
            return
        fonts = _child(rpr, _RFONTS)
        if fonts is not None:
            if fonts.get(_EASTASIATHEME):
                self.font_theme = fonts.get(_EASTASIATHEME)
            elif fonts.get(_EASTASIA):
                self.font, self.font_theme = fonts.get(_EASTASIA), None
        sz = _child(rpr, _SZ)
        size = _num(sz.get(_VAL)) if sz is not None else None
        if size:
            self.size = size
        bold = _on(_child(rpr, _B))
        if bold is not None:
            self.bold = bold

    def paragraph_layer(self, ppr: _Element | None) -> None:
        if ppr is None:
            return
        spacing = _child(ppr, _SPACING)
        if spacing is not None and spacing.get(_LINE) is not None:
            self.line = _num(spacing.get(_LINE))
            self.line_rule = spacing.get(_LINERULE, "auto")
        ind = _child(ppr, _IND)
        if ind is not None:
            chars = _num(ind.get(_FIRSTLINECHARS))
            hanging_chars = _num(ind.get(_HANGINGCHARS))
            twips = _num(ind.get(_FIRSTLINE))
            hanging = _num(ind.get(_HANGING))
            if hanging_chars:
                self.first_chars = -hanging_chars
            elif chars is not None:
                self.first_chars = chars if chars else None
            if hanging is not None:
                self.first_twips = -hanging
            elif twips is not None:
                self.first_twips = twips
        jc = _child(ppr, _JC)
        if jc is not None:
            self.jc = jc.get(_VAL)
        snap = _on(_child(ppr, _SNAPTOGRID))
        if snap is not None:
            self.snap = snap


class _StyleSheet:
    """styles.xml: defaults and styles by id, resolved through w:basedOn."""

    def __init__(self, root: _Element | None) -> None:
        self.styles: dict[str, _Element] = {}
        self.default_paragraph: str | None = None
        self.defaults = _Props()
        self._bases: dict[str | None, _Props] = {}
        self._characters: dict[str | None, list[_Element]] = {}
        if root is None:
            return
        for style in root.iter(_STYLE):
            sid = style.get(_STYLEID)
            if sid:
                self.styles[sid] = style
                if style.get(_TYPE) == "paragraph" and _on_attr(style.get(_DEFAULT)):
                    self.default_paragraph = sid
        defaults = _child(root, _DOCDEFAULTS)
        if defaults is not None:
            self.defaults.run_layer(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.defaults.paragraph_layer(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))

    def paragraph_base(self, sid: str | None) -> _Props:
        """Defaults with the paragraph style chain applied (cached per style)."""
        if sid not in self._bases:
            base = self.defaults.copy()
            for style in self.chain(sid):
                base.paragraph_layer(_child(style, _PPR))
                base.run_layer(_child(style, _RPR))
            self._bases[sid] = base
        return self._bases[sid]

    def character(self, sid: str | None) -> list[_Element]:
        """The w:rPr of a character style and those it is based on, root first (cached)."""
        if sid not in self._characters:
            self._characters[sid] = [r for st in self.chain(sid) if (r := _child(st, _RPR)) is not None]
        return self._characters[sid]

    def chain(self, sid: str | None) -> list[_Element]:
        """The style and those it is based on, root first."""
        out: list[_Element] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            style = self.styles[sid]
            out.append(style)
            based = _child(style, _BASEDON)
            sid = based.get(_VAL) if based is not None else None
        return out[::-1]


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def read_theme_fonts(root: _Element | None) -> dict[str, str]:
    """minorEastAsia / majorEastAsia → typeface, from theme1.xml (the w:ea face, else the Hans script font)."""
    fonts: dict[str, str] = {}
    if root is None:
        return fonts
    for kind in ("minor", "major"):
        el = next(root.iter(f"{{{_A_NS}}}{kind}Font"), None)
        if el is None:
            continue
        ea = el.find(f"{{{_A_NS}}}ea")
        face = ea.get("typeface") if ea is not None else None
        if not face:
            hans = next((f for f in el.findall(f"{{{_A_NS}}}font") if f.get("script") == "Hans"), None)
            face = hans.get("typeface") if hans is not None else None
        if face:
            fonts[f"{kind}EastAsia"] = face
    return fonts


def _text_runs(parent: _Element) -> list[tuple[_Element, str]]:
    """(w:r, displayed text) of a paragraph, looking through hyperlinks, insertions and content controls."""
    out: list[tuple[_Element, str]] = []
    for child in parent:
        if child.tag == _R:
            text = "".join(t.text or "" for t in child if t.tag == _T)  # child.findall(_T), without ElementPath
            if text:
                out.append((child, text))
        elif child.tag in _RUN_CONTAINERS:
            out.extend(_text_runs(child))
    return out


def _body_paragraphs(parent: _Element) -> list[_Element]:
    """Body w:p in the order ingest/docx.py counts them (through block-level content controls)."""
    out: list[_Element] = []
    for child in parent:
        if child.tag == _P:
            ppr = _child(child, _PPR)
            mark = _child(ppr, _RPR) if ppr is not None else None
            deleted = mark is not None and _child(mark, _DEL) is not None
            if deleted and not "".join(t for _, t in _text_runs(child)).strip():
                continue
            out.append(child)
        elif child.tag == _SDT and (content := _child(child, _SDTCONTENT)) is not None:
            out.extend(_body_paragraphs(content))
        elif child.tag == _CUSTOMXML:
            out.extend(_body_paragraphs(child))
        elif child.tag == "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent":
            branch = child[0] if len(child) else None
            if branch is not None:
                out.extend(_body_paragraphs(branch))
    return out


def _most(counter: Counter) -> Any:
    return counter.most_common(1)[0][0] if counter else None


def paragraph_layout(
    p: _Element, sheet: _StyleSheet, theme: dict[str, str], paragraph: int, grid_pt: float | None = None
) -> ParagraphLayout:
    """The resolved layout of one paragraph; fonts, sizes and bold weighted by characters."""
    ppr = _child(p, _PPR)
    style_el = _child(ppr, _PSTYLE) if ppr is not None else None
    sid = style_el.get(_VAL) if style_el is not None else sheet.default_paragraph
    base = sheet.paragraph_base(sid).copy()
    base.paragraph_layer(ppr)
    fonts: Counter = Counter()
    sizes: Counter = Counter()
    bold_chars = chars = 0
    lead_font = None
    runs = _text_runs(p)
    typed = "".join(text for _, text in runs)
    stripped = typed.lstrip(" \u3000\u00a0")
    lead = typed[: len(typed) - len(stripped)]
    lead_spaces = lead.count("\u3000") + (len(lead) - lead.count("\u3000")) / 2
    for r, text in runs:
        props = base.copy()
        rpr = _child(r, _RPR)
        rstyle = _child(rpr, _RSTYLE) if rpr is not None else None
        if rstyle is not None:
            for style_rpr in sheet.character(rstyle.get(_VAL)):
                props.run_layer(style_rpr)
        props.run_layer(rpr)
        n = len(text.strip())
        if not n:
            continue
        font = theme.get(props.font_theme or "", props.font) if props.font_theme else props.font
        cjk = len(_CJK.findall(text))
        if cjk:
            fonts[font] += cjk
            if lead_font is None:
                lead_font = font
        sizes[(props.size or 20) / 2] += n
        chars += n
        bold_chars += n if props.bold else 0
    size = _most(sizes)
    line_pt = line_multiple = None
    if base.line is not None:
        if base.line_rule in ("exact", "atLeast"):
            line_pt = base.line / 20
        else:
            line_multiple = base.line / 240
    indent = None
    if base.first_chars is not None:
        indent = base.first_chars / 100
    elif base.first_twips is not None and size:
        indent = base.first_twips / 20 / size
    return ParagraphLayout(
        paragraph=paragraph,
        font=_most(fonts),
        lead_font=lead_font,
        size_pt=size,
        bold_share=(bold_chars / chars) if chars else 0.0,
        line_rule=base.line_rule if base.line is not None else None,
        line_pt=line_pt,
        line_multiple=line_multiple,
        first_line_chars=indent,
        alignment=base.jc,
        chars=chars,
        lead_spaces=lead_spaces,
        grid_pt=grid_pt if base.snap and base.line_rule in (None, "auto") else None,
    )


def _section(sect: _Element) -> SectionLayout:
    size, margins = _child(sect, _PGSZ), _child(sect, _PGMAR)

    def mm(el: _Element | None, attr: str) -> float | None:
        value = _num(el.get(w(attr))) if el is not None else None
        return round(abs(value) / TWIPS_PER_MM, 1) if value is not None else None

    refs = tuple(
        ref.get(f"{{{_R_NS}}}id", "")
        for ref in sect
        if ref.tag in (_HEADERREFERENCE, _FOOTERREFERENCE)
    )
    return SectionLayout(
        width_mm=mm(size, "w"), height_mm=mm(size, "h"), top_mm=mm(margins, "top"), bottom_mm=mm(margins, "bottom"),
        left_mm=mm(margins, "left"), right_mm=mm(margins, "right"), landscape=size is not None and size.get(_ORIENT) == "landscape",
        page_number=False, header_refs=refs,
    )


def _grid_pitch(sect: _Element) -> float | None:
    """The line pitch in points of a document grid that lines snap to (w:docGrid type lines / linesAndChars)."""
    grid = _child(sect, _DOCGRID)
    if grid is None or grid.get(_TYPE) not in ("lines", "linesAndChars", "snapToChars"):
        return None
    pitch = _num(grid.get(_LINEPITCH))
    return pitch / 20 if pitch else None


def _has_page_field(root: _Element) -> bool:
    """A PAGE field in a header or footer: simple (w:fldSimple) or complex (w:instrText)."""
    for el in root.iter(_FLDSIMPLE):
        if _PAGE_FIELD.match(el.get(_INSTR, "")):
            return True
    instr = "".join(t.text or "" for t in root.iter(_INSTRTEXT))
    return bool(re.search(r"(^|\s)PAGE(\s|\\|$)", instr))


def read_layout(package: Any, document: _Element, blocks: list[Block]) -> DocLayout:
    """Layout facts of an opened package (ingest/docx.py's _Package) and its parsed main part, keyed by block index."""
    sheet = _StyleSheet(package.related("styles"))
    theme = read_theme_fonts(package.related("theme"))
    body = _child(document, _BODY)
    paragraphs = _body_paragraphs(body) if body is not None else []
    by_number = {b.paragraph: b.index for b in blocks if b.paragraph is not None}
    sects = [s for s in (body.iter(_SECTPR) if body is not None else ())]
    grid = _grid_pitch(sects[-1]) if sects else None
    layouts = {}
    for n, p in enumerate(paragraphs, start=1):
        if n in by_number:
            layouts[by_number[n]] = paragraph_layout(p, sheet, theme, n, grid)
    targets = _header_targets(package)
    sections = []
    inherited = False
    for sect in sects:
        section = _section(sect)
        if section.header_refs:
            inherited = any(_target_has_page(package, targets.get(rid)) for rid in section.header_refs)
        sections.append(SectionLayout(**{**section.__dict__, "page_number": inherited}))
    return DocLayout(sections=tuple(sections), paragraphs=layouts)


def _header_targets(package: Any) -> dict[str, str]:
    """Relationship id → member name of the main part's relationships."""
    folder, base = posixpath.split(package.main_name)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in package.names:
        return {}
    out = {}
    for rel in package.part(name).iter(f"{{{_RELS_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        out[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return out


def _target_has_page(package: Any, name: str | None) -> bool:
    if not name or name not in package.names:
        return False
    return _has_page_field(package.part(name))


def layout_of_docx(data: bytes, blocks: list[Block]) -> DocLayout:
    """Layout facts of a .docx file's bytes, its package opened with ingest/docx.py's checks (zip bombs, unsafe XML)."""
    from .docx import _Package

    package = _Package(data)
    return read_layout(package, package.main(), blocks)
