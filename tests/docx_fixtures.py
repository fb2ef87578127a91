"""Build .docx files in code for the tests: python-docx for the package, WordprocessingML snippets for the rest."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wpsCustomData": "http://www.wps.cn/officeDocument/2013/wpsCustomData",
}
NSDECL = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())


# --- WordprocessingML snippets --------------------------------------------------------------------------


def r(text: str, rpr: str = "") -> str:
    """A run of text."""
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: str | None = None, num: int | None = None, ilvl: int | None = None, ppr: str = "") -> str:
    """A paragraph; plain strings become runs, markup (starting with '<') is kept as is."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        props += "<w:numPr>"
        props += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        props += f'<w:numId w:val="{num}"/>' if num is not None else ""
        props += "</w:numPr>"
    props += ppr
    body = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def tc(*content: str, span: int = 1, vmerge: str | None = None) -> str:
    """A table cell: plain strings become paragraphs; vmerge is 'restart' or 'continue'."""
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[vmerge]
    body = "".join(c if c.startswith("<") else p(c) for c in content) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def tbl(*rows: list[str], columns: int) -> str:
    """A table of rows of tc() cells over a grid of `columns` columns."""
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    body = "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'


def field(code: str, result: str) -> str:
    """A complex field (fldChar begin / instrText / separate / result / end) as runs."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def text_box(*paragraphs: str) -> str:
    """A run holding a text box the way Word 2010+ writes it: DrawingML choice, VML fallback, same content."""
    content = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1000000" cy="500000"/><wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape style="width:100pt;height:50pt"><v:textbox><w:txbxContent>{content}'
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def lvl(ilvl: int, fmt: str = "decimal", text: str | None = None, start: int | None = 1, suff: str | None = None,
        restart: int | None = None, legal: bool = False, pstyle: str | None = None, extra: str = "") -> str:
    """A list level (w:lvl); text defaults to "%N." for level N."""
    text = f"%{ilvl + 1}." if text is None else text
    parts = [f'<w:start w:val="{start}"/>' if start is not None else "", f'<w:numFmt w:val="{fmt}"/>']
    parts.append(f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else "")
    parts.append(f'<w:pStyle w:val="{pstyle}"/>' if pstyle else "")
    parts.append("<w:isLgl/>" if legal else "")
    parts.append(f'<w:suff w:val="{suff}"/>' if suff else "")
    parts.append(f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/>{extra}')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def abstract_num(abstract_id: int, *levels: str, multi: str = "multilevel", link: str | None = None,
                 style_link: str | None = None) -> str:
    inner = f'<w:multiLevelType w:val="{multi}"/>'
    inner += f'<w:styleLink w:val="{style_link}"/>' if style_link else ""
    inner += f'<w:numStyleLink w:val="{link}"/>' if link else ""
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{inner}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, starts: dict[int, int] | None = None, levels: dict[int, str] | None = None) -> str:
    """A list instance, with w:startOverride and full w:lvl overrides per level."""
    overrides = ""
    for ilvl in sorted(set(starts or {}) | set(levels or {})):
        inner = f'<w:startOverride w:val="{starts[ilvl]}"/>' if starts and ilvl in starts else ""
        inner += levels[ilvl] if levels and ilvl in levels else ""
        overrides += f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>'
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def style(style_id: str, name: str, based_on: str | None = None, num_id: int | None = None, ilvl: int | None = None,
          outline: int | None = None, kind: str = "paragraph") -> str:
    ppr = ""
    if num_id is not None or ilvl is not None:
        ppr += "<w:numPr>"
        ppr += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numId w:val="{num_id}"/>' if num_id is not None else ""
        ppr += "</w:numPr>"
    ppr += f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{ppr}</w:style>'


# The four report levels of GB/T 9704: 一、 （一） 1. （1）, with no separator after the label.
REPORT_LEVELS = abstract_num(
    1,
    lvl(0, "chineseCounting", "%1、", suff="nothing"),
    lvl(1, "chineseCounting", "（%2）", suff="nothing"),
    lvl(2, "decimal", "%3.", suff="nothing"),
    lvl(3, "decimal", "（%4）", suff="nothing"),
)


# --- whole documents ------------------------------------------------------------------------------------


def docx_bytes(body: str, numbering: str | None = None, styles: str = "",
               decorate: Callable[[object], None] | None = None) -> bytes:
    """A .docx whose body is `body` (WordprocessingML), with extra list definitions and styles.

    `decorate(document)` may add headers, footers or comments with python-docx's own API.
    """
    document = Document()
    body_el = document.element.body
    sect_pr = body_el[-1]
    for child in list(body_el)[:-1]:
        body_el.remove(child)
    for child in parse_xml(f"<w:body {NSDECL}>{body}</w:body>"):
        sect_pr.addprevious(child)
    if numbering is not None:
        numbering_el = document.part.numbering_part.element
        for child in list(numbering_el):
            numbering_el.remove(child)
        for child in parse_xml(f"<w:numbering {NSDECL}>{numbering}</w:numbering>"):
            numbering_el.append(child)
    if styles:
        for child in parse_xml(f"<w:styles {NSDECL}>{styles}</w:styles>"):
            document.styles.element.append(child)
    if decorate is not None:
        decorate(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The same zip with members replaced, added (bytes) or removed (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in changes:
                continue
            target.writestr(info, source.read(info.filename))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def add_part(data: bytes, name: str, xml: str, rel_type: str, content_type: str) -> bytes:
    """Add a part related to the main document (e.g. footnotes, which python-docx cannot write)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    types = types.replace("</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>')
    target = name.removeprefix("word/")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdTest{len(rels)}" Type="{rel_type}" Target="{target}"/></Relationships>',
    )
    return rewrite_zip(data, {"[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode(),
                              name: xml.encode()})


def with_footnote(data: bytes, text: str) -> bytes:
    """The document with a footnotes part holding footnote 1 with `text`."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NSDECL}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{r(text)}</w:p></w:footnote></w:footnotes>'
    )
    return add_part(
        data, "word/footnotes.xml", xml,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    )


def to_strict(data: bytes) -> bytes:
    """The document rewritten in Strict OOXML namespaces (ISO/IEC 29500 Strict), as Word's "Strict Open XML" save."""
    transitional = {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/drawingml/2006": b"http://purl.oclc.org/ooxml/drawingml",
    }
    changes: dict[str, bytes | None] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                content = z.read(name)
                for old, new in transitional.items():
                    content = content.replace(old, new)
                changes[name] = content
    return rewrite_zip(data, changes)


def zip_of(members: dict[str, bytes], compresslevel: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def zip_bomb(size_mb: int) -> bytes:
    """A zip whose word/document.xml is `size_mb` MB of zeros, streamed so that memory stays small (~1 MB)."""
    out = io.BytesIO()
    chunk = bytes(2**20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


def billion_laughs(part: str = "word/document.xml") -> bytes:
    """A valid-looking .docx whose `part` holds a billion-laughs entity expansion."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        f'<w:document {NSDECL}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return rewrite_zip(docx_bytes(p("正文")), {part: bomb.encode()})


def retag(xml: str, mapping: dict[str, str]) -> str:
    """Rename prefixed tags in a snippet (used to write vendor-flavoured markup)."""
    return re.sub(r"<(/?)(\w+:\w+)", lambda m: f"<{m.group(1)}{mapping.get(m.group(2), m.group(2))}", xml)
