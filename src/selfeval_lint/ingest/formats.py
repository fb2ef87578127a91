"""The built-in input formats, each declared once as a Reader (see ingest/readers.py), with its read function."""

from __future__ import annotations

from functools import partial

from ..registry import T
from .errors import IngestError
from .readers import ZIP_PREFIXES, Magic, Read, Reader, Source, register

MAGIC_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # MS-CFB compound file (.doc, .wps, .xls, .et; encrypted OOXML)
MAGIC_7Z = b"7z\xbc\xaf\x27\x1c"
MAGIC_RAR = (b"Rar!\x1a\x07\x00", b"Rar!\x1a\x07\x01\x00")
# Every input that can be read at all may also raise these (read_bytes, the size limit, the empty check, a crash).
COMMON_CODES = ("PAR001", "PAR004", "PAR005", "PAR006")


# --- read functions (the format modules do the work; these adapt them to Source → Read) -------------------


def _text(src: Source) -> Read:
    from .bounds import check_length
    from .decode import decode_text
    from .text import text_blocks

    if src.data.startswith(b"PK"):  # a zip whose header is damaged reaches the text reader: say why it is unreadable
        from ..bundles import explain

        if (refused := explain(src.data)) is not None:
            raise refused
    text, encoding = decode_text(src.data)
    check_length([text])  # before any block is built: the cost of a 50 MiB text stays bounded
    from .flat_tables import regroup_flat_tables  # a table pasted one cell per line is a table

    return Read(regroup_flat_tables(text_blocks(text, markdown=(src.kind == "md"))), encoding=encoding)


def _docx(src: Source) -> Read:
    from .docx import read_docx_package
    from .docx_layout import read_layout

    blocks, package, document = read_docx_package(src.data)
    return Read(blocks, layout=lambda final: read_layout(package, document, final))  # the parts parsed once


def _docx_layout(data: bytes, blocks: list) -> object:
    """Page and paragraph formatting of a .docx (not of converted formats, whose formatting LibreOffice rewrote)."""
    from .docx_layout import layout_of_docx

    return layout_of_docx(data, blocks)


def _own_suffix(src: Source, suffixes: tuple[str, ...]) -> str:
    """The suffix LibreOffice is told: the file's own when it is one of the reader's, else the reader's first."""
    return src.suffix if src.suffix in suffixes else suffixes[0]


def _converted_word(src: Source, suffixes: tuple[str, ...], ole: bool) -> Read:
    """.doc, .wps, .odt and .rtf: converted to .docx with LibreOffice, then read as .docx."""
    from .docx import read_docx

    if ole:
        from .ole import inspect_ole

        inspect_ole(src.data)  # only a Word/WPS document is converted; anything else says what it is
    return Read(read_docx(_converted_docx(src, suffixes)), format=_own_suffix(src, suffixes).lstrip("."))


def _xlsx(src: Source) -> Read:
    from .xlsx import read_xlsx

    return Read(read_xlsx(src.data))


def _converted_docx(src: Source, suffixes: tuple[str, ...]) -> bytes:
    """A .doc, .wps, .odt or .rtf as the .docx LibreOffice makes of it (what `_converted_word` read)."""
    from .convert import convert_with_soffice

    return convert_with_soffice(src.data, _own_suffix(src, suffixes))


def _converted_sheet(src: Source, suffixes: tuple[str, ...]) -> Read:
    """.xls and WPS .et: converted to .xlsx with LibreOffice, then read as .xlsx."""
    from .convert import convert_with_soffice
    from .xlsx import read_xlsx

    if "EncryptedPackage".encode("utf-16-le") in src.data:
        raise IngestError("PAR007", "encrypted")
    suffix = _own_suffix(src, suffixes)
    return Read(read_xlsx(convert_with_soffice(src.data, suffix, target="xlsx")), format=suffix.lstrip("."))


def _pdf(src: Source) -> Read:
    from .pdf import read_pdf

    return Read(read_pdf(src.data))


def _ofd(src: Source) -> Read:
    from .ofd import read_ofd

    return Read(read_ofd(src.data))


def _archive(src: Source) -> Read:
    """An archive that reaches the reader as a file (not listable as a bundle, or a kind never opened): why not."""
    if src.kind == "zip-corrupt":
        raise IngestError("PAR010", "corrupt", reason="zip")
    from ..bundles import explain

    raise explain(src.data) or IngestError("PAR002", "zip")


def _is_pdf(data: bytes) -> bool:
    """A PDF starts with %PDF- (readers accept junk before it within the first 1024 bytes); a text that
    merely mentions "%PDF-" near its top is no PDF: with junk before the header, a PDF object or trailer
    must follow it too."""
    head = data[:1024]
    at = head.find(b"%PDF-")
    if at < 0:
        return False
    if at == 0 or not head[:at].strip():
        return True
    body = data[at : at + (1 << 16)]
    return b"%%EOF" in data[-2048:] or (b" obj" in body and b"endobj" in body)


# --- the declarations ---------------------------------------------------------------------------------------

_OLE = Magic(T("OLE 复合文档头 D0 CF 11 E0", "OLE compound file header D0 CF 11 E0"), prefixes=(MAGIC_OLE,), priority=30)
_CONVERTED = T(
    "需要 LibreOffice（soffice）转换；内容是 .docx/PDF/文本时按内容读取",
    "converted with LibreOffice (soffice); read as .docx/PDF/text when that is what the content is",
)
_TEXT_LOCATIONS = ("line", "column", "table")
_WORD_LOCATIONS = ("line", "column", "paragraph", "page", "table")
_SHEET_LOCATIONS = ("line", "column", "table", "sheet", "cell")
_PAGE_LOCATIONS = ("line", "column", "page", "table")

register(Reader(
    "txt", T("纯文本", "plain text"), (".txt",), also=(".text", ""),
    mismatch=T("扩展名只区分文本与 Markdown；内容是 PDF/Word 等时按内容读取", "the suffix only tells text from Markdown; PDF/Word content is read as such"),
    produces=("blocks", "tables"), locations=_TEXT_LOCATIONS, codes=("PAR002", "PAR003"), read=_text,
))
register(Reader(
    "md", T("Markdown", "Markdown"), (".md", ".markdown"),
    mismatch=T("同纯文本；目录中的 Markdown 须以报告标题开头才检查", "as plain text; in a folder, only Markdown opening with a report title is checked"),
    produces=("blocks", "tables"), locations=_TEXT_LOCATIONS, codes=("PAR002", "PAR003"), read=_text,
))
register(Reader(
    "docx", T("Word 文档", "Word document"), (".docx",),
    magic=Magic(T("zip 包含 word/document.xml", "a zip holding word/document.xml"), members=("word/document.xml",), priority=21),
    mismatch=T("加密的 .docx 是 OLE 文件（PAR007）；内容不是 Word 时按内容读取", "an encrypted .docx is an OLE file (PAR007); other content is read as what it is"),
    produces=("blocks", "tables", "layout"), locations=_WORD_LOCATIONS, codes=("PAR002", "PAR004", "PAR007", "PAR010"),
    read=_docx, layout=_docx_layout, preload=("docx",), as_docx=lambda src: src.data,
))
register(Reader(
    "doc", T("Word 97-2003", "Word 97-2003"), (".doc",), also=(".dot",), magic=_OLE, kind="ole",
    mismatch=T("OLE 中没有 Word 正文时说明其内容（PAR002）；" + _CONVERTED.zh, "an OLE file without a Word body says what it is (PAR002); " + _CONVERTED.en),
    produces=("blocks", "tables"), locations=_WORD_LOCATIONS, codes=("PAR002", "PAR007", "PAR010"),
    read=partial(_converted_word, suffixes=(".doc", ".dot"), ole=True), preload=("convert",),
    as_docx=partial(_converted_docx, suffixes=(".doc", ".dot")),
))
register(Reader(
    "wps", T("WPS 文字", "WPS Writer"), (".wps",), also=(".wpt",), magic=_OLE, kind="ole", mismatch=_CONVERTED,
    produces=("blocks", "tables"), locations=_WORD_LOCATIONS, codes=("PAR002", "PAR007", "PAR010"),
    read=partial(_converted_word, suffixes=(".wps", ".wpt"), ole=True), preload=("convert",),
    as_docx=partial(_converted_docx, suffixes=(".wps", ".wpt")),
))
register(Reader(
    "odt", T("OpenDocument 文本", "OpenDocument text"), (".odt",),
    magic=Magic(T("zip 包含 mimetype 和 content.xml", "a zip holding mimetype and content.xml"), members=("content.xml", "mimetype"), priority=23),
    mismatch=_CONVERTED, produces=("blocks", "tables"), locations=_WORD_LOCATIONS, codes=("PAR002", "PAR010"),
    read=partial(_converted_word, suffixes=(".odt",), ole=False), preload=("convert",),
    as_docx=partial(_converted_docx, suffixes=(".odt",)),
))
register(Reader(
    "rtf", T("RTF", "RTF"), (".rtf",),
    magic=Magic(T("以 {\\rtf 开头", "starts with {\\rtf"), prefixes=(b"{\\rtf",), strip=True, priority=40),
    mismatch=_CONVERTED, produces=("blocks", "tables"), locations=_WORD_LOCATIONS, codes=("PAR002", "PAR010"),
    read=partial(_converted_word, suffixes=(".rtf",), ole=False), preload=("convert",),
    as_docx=partial(_converted_docx, suffixes=(".rtf",)),
))
register(Reader(
    "pdf", T("PDF", "PDF"), (".pdf",),
    magic=Magic(T("前 1024 字节内有 %PDF-", "%PDF- within the first 1024 bytes"), test=_is_pdf, priority=10),
    mismatch=T("只提到 %PDF- 的文本仍按文本读取", "a text that merely mentions %PDF- is read as text"),
    produces=("blocks", "tables"), locations=_PAGE_LOCATIONS, codes=("PAR004", "PAR007", "PAR008", "PAR009", "PAR010"),
    read=_pdf, preload=("pdf",),
))
register(Reader(
    "ofd", T("OFD 版式文档", "OFD document"), (".ofd",),
    magic=Magic(T("zip 包含 OFD.xml", "a zip holding OFD.xml"), members=("OFD.xml",), sniffed=False, within=("zip",)),
    mismatch=T("没有 OFD.xml 的 .ofd 是普通 zip，按压缩包处理", "an .ofd without OFD.xml is a plain zip, handled as a bundle"),
    produces=("blocks", "tables"), locations=_PAGE_LOCATIONS, codes=("PAR004", "PAR009", "PAR010"), read=_ofd,
))
register(Reader(
    "xlsx", T("Excel 工作簿", "Excel workbook"), (".xlsx",),
    magic=Magic(T("zip 包含 xl/workbook.xml", "a zip holding xl/workbook.xml"), members=("xl/workbook.xml",), priority=22),
    renamed={"ole": "xls"},
    mismatch=T("OLE 内容的 .xlsx 是加密工作簿（PAR007）或改名的 .xls（转换后读取）", "an .xlsx with OLE content is an encrypted workbook (PAR007) or a renamed .xls (converted)"),
    produces=("tables",), locations=_SHEET_LOCATIONS, codes=("PAR004", "PAR007", "PAR010", "PAR018", "PAR019"), read=_xlsx,
))
register(Reader(
    "xls", T("Excel 97-2003", "Excel 97-2003"), (".xls",), magic=_OLE, kind="ole", mismatch=_CONVERTED,
    produces=("tables",), locations=_SHEET_LOCATIONS, codes=("PAR002", "PAR007", "PAR010", "PAR018", "PAR019"),
    read=partial(_converted_sheet, suffixes=(".xls",)),
))
register(Reader(
    "et", T("WPS 表格", "WPS Spreadsheets"), (".et",), also=(".ett",), magic=_OLE, kind="ole", mismatch=_CONVERTED,
    produces=("tables",), locations=_SHEET_LOCATIONS, codes=("PAR002", "PAR007", "PAR010", "PAR018", "PAR019"),
    read=partial(_converted_sheet, suffixes=(".et", ".ett")),
))
register(Reader(
    "zip", T("zip 压缩包", "zip bundle"), (".zip",), role="bundle",
    magic=Magic(T("PK 头（zip）", "PK header (zip)"), prefixes=ZIP_PREFIXES, priority=20), variants=("zip-corrupt",),
    mismatch=T("Word/Excel/OFD 包按文档读取，不当压缩包；损坏的 zip 为 PAR010", "a Word/Excel/OFD package is a document, not a bundle; a damaged zip is PAR010"),
    produces=("members",), locations=("member",), codes=("PAR002", "PAR004", "PAR007", "PAR010", "PAR015"), read=_archive,
))
register(Reader(
    "7z", T("7z 压缩包", "7z bundle"), (".7z",), role="bundle",
    magic=Magic(T("7z 签名 37 7A BC AF", "7z signature 37 7A BC AF"), prefixes=(MAGIC_7Z,), sniffed=False, within=("txt", "md")),
    mismatch=T("需要 py7zr；无法列出成员时整个文件给出 PAR 结果", "needs py7zr; an archive that cannot be listed gets one PAR finding"),
    produces=("members",), locations=("member",), codes=("PAR002", "PAR004", "PAR007", "PAR010", "PAR015"), read=_archive,
))
register(Reader(
    "rar", T("RAR 压缩包", "RAR archive"), (".rar",), role="bundle",
    magic=Magic(T("Rar! 签名", "Rar! signature"), prefixes=MAGIC_RAR, sniffed=False, within=("txt", "md")),
    mismatch=T("不解开（需要 unrar），提示改用 .zip", "never unpacked (it needs unrar): the finding asks for a .zip"),
    produces=(), locations=(), codes=("PAR002",), read=_archive,
))
register(Reader(
    "image", T("图片", "image"), (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), role="skipped",
    mismatch=T("目录中跳过；直接指定时按内容识别（图片为 PAR002）", "skipped in folders; named explicitly it is sniffed (an image is PAR002)"),
    produces=(), locations=(),
))
register(Reader(
    "presentation", T("演示文稿", "presentation"), (".ppt", ".pptx", ".dps"), role="skipped",
    magic=Magic(T("zip 包含 ppt/presentation.xml", "a zip holding ppt/presentation.xml"), members=("ppt/presentation.xml",), sniffed=False, within=("zip",)),
    mismatch=T("目录中跳过；不当作压缩包打开；直接指定时为 PAR002", "skipped in folders, never opened as a bundle; named explicitly it is PAR002"),
    produces=(), locations=(),
))
