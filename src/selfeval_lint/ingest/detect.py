"""Tell an input's format from its content (magic bytes, zip members), not from its extension alone."""

from __future__ import annotations

import io
import zipfile

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def sniff(data: bytes, suffix: str) -> str:
    """One of: txt, md, pdf, docx, odt, xlsx, zip, ole (legacy .doc/.wps/.xls), rtf, binary."""
    head = data[:1024]
    if _is_pdf(head, data):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return "md" if suffix.lower() in MARKDOWN_SUFFIXES else "txt"


def _is_pdf(head: bytes, data: bytes) -> bool:
    """A PDF starts with %PDF- (readers accept junk before it within the first 1024 bytes); a text that
    merely mentions "%PDF-" near its top is no PDF: with junk before the header, a PDF object or trailer
    must follow it too."""
    at = head.find(b"%PDF-")
    if at < 0:
        return False
    if at == 0 or not head[:at].strip():
        return True
    body = data[at : at + (1 << 16)]
    return b"%%EOF" in data[-2048:] or (b" obj" in body and b"endobj" in body)


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip-corrupt"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"
