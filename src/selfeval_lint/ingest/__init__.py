"""Ingest: read any supported file into the one Document model (format detected by content)."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..rulesets import RuleData
from .decode import decode_text
from .detect import sniff
from .errors import IngestError
from .text import text_blocks
from .title import detect_title

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Formats recognised but not read yet: each gets a PAR002 finding naming the format.
_NOT_YET_READ = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument (.odt)",
    "ole": "Word 97-2003 / WPS (.doc/.wps)",
    "rtf": "RTF",
    "xlsx": "Excel (.xlsx)",
}


def read_bytes(path: str) -> bytes:
    """The file's bytes ('-' is standard input); IngestError for a missing or unreadable file."""
    import sys

    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError("PAR001", "missing") from None
    except IsADirectoryError:
        raise IngestError("PAR001", "directory") from None
    except PermissionError:
        raise IngestError("PAR001", "permission") from None
    except OSError as exc:
        raise IngestError("PAR001", "os", reason=exc.strerror or str(exc)) from None


def sniff_path(path: str, data: bytes) -> str:
    return sniff(data, Path(path).suffix if path != "-" else ".txt")


def build_document(path: str, data: bytes, rules: RuleData, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The Document for a file's bytes; IngestError (a PAR finding) when it cannot be read."""
    if len(data) > max_bytes:
        raise IngestError("PAR004", "too-large", size_mb=round(len(data) / 2**20, 1), limit_mb=round(max_bytes / 2**20, 1))
    fmt = sniff_path(path, data)
    if fmt in _NOT_YET_READ:
        raise IngestError("PAR002", "not-yet", format=_NOT_YET_READ[fmt])
    if fmt in ("zip", "zip-corrupt"):
        raise IngestError("PAR002", "zip")
    text, encoding = decode_text(data)
    blocks = text_blocks(text, markdown=(fmt == "md"))
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
    )


__all__ = ["IngestError", "build_document", "read_bytes", "sniff_path"]
