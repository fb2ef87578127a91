"""Ingest: read any supported file into the one Document model (format detected by content)."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..rulesets import RuleData
from .decode import decode_text
from .detect import sniff
from .errors import IngestError
from .ofd import is_ofd as _is_ofd
from .bounds import split_long_blocks
from .sanitise import clean_blocks
from .text import text_blocks
from .title import detect_title

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Formats recognised but not read: each gets a PAR002 finding naming the format.
_NOT_READ: dict[str, str] = {}
_OLE_SUFFIXES = {".doc", ".dot", ".wps", ".wpt"}
_SHEET_SUFFIXES = {".xls", ".et", ".ett", ".xlsx"}  # OLE spreadsheets (an encrypted .xlsx is OLE too)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes ('-' is standard input); IngestError for a missing, unreadable, special or oversized
    file. Only regular files are read (a FIFO, a device such as /dev/zero, a socket or a directory is PAR001),
    and reading stops at the size limit as it streams, so no input can fill the memory or block forever."""
    from .reading import read_bounded

    if "!/" in path and not Path(path).exists():  # a member of a bundle (bundles.py): read from its archive
        from ..bundles import read_member

        return read_member(path, max_bytes)
    return read_bounded(path, max_bytes)


def sniff_path(path: str, data: bytes) -> str:
    return sniff(data, Path(path).suffix if path != "-" else ".txt")


def build_document(path: str, data: bytes, rules: RuleData, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The Document for a file's bytes; IngestError (a PAR finding) when it cannot be read."""
    if len(data) > max_bytes:
        raise IngestError("PAR004", "too-large", size_mb=round(len(data) / 2**20, 1), limit_mb=round(max_bytes / 2**20, 1))
    fmt = sniff_path(path, data)
    encoding = None
    if fmt in ("zip", "txt", "md"):  # an archive that reaches the reader (.rar, .7z, .ofd, one not listable)
        from ..bundles import explain

        if (refused := explain(data)) is not None:
            raise refused
    if fmt in _NOT_READ:
        raise IngestError("PAR002", "not-yet", format=_NOT_READ[fmt])
    if fmt == "zip" and _is_ofd(data):  # GB/T 33190: a zip of XML, laid out like a PDF
        fmt = "ofd"
    if fmt == "zip":
        raise IngestError("PAR002", "zip")
    if fmt == "zip-corrupt":
        raise IngestError("PAR010", "corrupt", reason="zip")
    if fmt == "xlsx" or (fmt == "ole" and Path(path).suffix.lower() in _SHEET_SUFFIXES):
        blocks, fmt = _sheet_blocks(path, data, fmt)
    elif fmt in ("docx", "ole", "odt", "rtf"):
        blocks, fmt = _word_blocks(path, data, fmt)
    elif fmt == "pdf":
        from .pdf import read_pdf

        blocks = read_pdf(data)
    elif fmt == "ofd":
        from .ofd import read_ofd

        blocks = read_ofd(data)
    else:
        text, encoding = decode_text(data)
        blocks = text_blocks(text, markdown=(fmt == "md"))
        from .flat_tables import regroup_flat_tables

        blocks = regroup_flat_tables(blocks)  # a table pasted one cell per line is a table
    blocks = split_long_blocks(clean_blocks(blocks))  # no character may make a report unwritable, no block unbounded
    if not any(b.text.strip() for b in blocks):
        raise IngestError("PAR005", "empty")
    title = detect_title(blocks, rules)
    return Document(
        path=path,
        format=fmt,
        blocks=tuple(blocks),
        title=title.text,
        title_blocks=title.blocks,
        year=title.year,
        agency=title.agency,
        encoding=encoding,
        layout=_docx_layout(fmt, data, blocks),
    )


def _docx_layout(fmt: str, data: bytes, blocks: list):
    """Page and paragraph formatting of a .docx (not of converted formats, whose formatting LibreOffice rewrote)."""
    if fmt != "docx":
        return None
    from .docx_layout import layout_of_docx

    return layout_of_docx(data, blocks)


def _word_blocks(path: str, data: bytes, fmt: str) -> tuple[list, str]:
    """Blocks of a Word document; .doc, .wps, .odt and .rtf are converted to .docx with LibreOffice first."""
    from .docx import read_docx

    if fmt == "docx":
        return read_docx(data), "docx"
    suffix = Path(path).suffix.lower()
    if fmt == "ole":
        from .ole import inspect_ole

        inspect_ole(data)  # only a Word/WPS document is converted; anything else says what it is
        suffix = suffix if suffix in _OLE_SUFFIXES else ".doc"
    else:
        suffix = "." + fmt
    from .convert import convert_with_soffice

    return read_docx(convert_with_soffice(data, suffix)), suffix.lstrip(".")


def _sheet_blocks(path: str, data: bytes, fmt: str) -> tuple[list, str]:
    """Blocks of a workbook; .xls and WPS .et are converted to .xlsx with LibreOffice first."""
    from .xlsx import read_xlsx

    if fmt == "xlsx":
        return read_xlsx(data), "xlsx"
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise IngestError("PAR007", "encrypted")
    from .convert import convert_with_soffice

    suffix = Path(path).suffix.lower()
    suffix = suffix if suffix != ".xlsx" else ".xls"
    return read_xlsx(convert_with_soffice(data, suffix, target="xlsx")), suffix.lstrip(".")


__all__ = ["IngestError", "build_document", "read_bytes", "sniff_path"]
