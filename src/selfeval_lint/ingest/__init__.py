"""Ingest: read any supported file into the one Document model (format detected by content)."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..rulesets import RuleData
from .detect import sniff
from .errors import IngestError
from .bounds import check_length, split_long_blocks
from .readers import Reader, Source, resolve
from .sanitise import clean_blocks
from .title import detect_title

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


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


def reader_of(path: str, data: bytes) -> tuple[Reader, Source]:
    """The registry's reader for a file's content under its path's suffix (ingest/readers.py), and the Source
    it reads."""
    suffix = Path(path).suffix.lower() if path != "-" else ".txt"
    kind = sniff(data, suffix)
    return resolve(kind, suffix, data), Source(data, suffix, kind, path)


def content_format(path: str, data: bytes) -> str:
    """The format a file's content is read as (the registry's reader: a .rar among text is "rar", an OLE file
    named .doc "doc"), which a report names even when the file cannot be read; the sniffed kind where that says
    more (a reader's variant such as "zip-corrupt")."""
    reader, source = reader_of(path, data)
    return source.kind if source.kind in reader.variants else reader.name


def build_document(path: str, data: bytes, rules: RuleData, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The Document for a file's bytes; IngestError (a PAR finding) when it cannot be read. The reader is the
    registry's (ingest/readers.py) for the content's kind and the path's suffix."""
    if len(data) > max_bytes:
        raise IngestError("PAR004", "too-large", size_mb=round(len(data) / 2**20, 1), limit_mb=round(max_bytes / 2**20, 1))
    reader, source = reader_of(path, data)
    out = reader.read(source)  # type: ignore[misc]  (resolve returns readers that read)
    check_length(b.text for b in out.blocks)  # every format: bounded before anything is analysed
    blocks = split_long_blocks(clean_blocks(out.blocks))  # no character may make a report unwritable, no block unbounded
    if not any(b.text.strip() for b in blocks):
        raise IngestError("PAR005", "empty")
    fmt = out.format or reader.name
    title = detect_title(blocks, rules)
    return Document(
        path=path,
        format=fmt,
        blocks=tuple(blocks),
        title=title.text,
        title_blocks=title.blocks,
        year=title.year,
        agency=title.agency,
        encoding=out.encoding,
        layout=_layout(reader, out, data, blocks),
    )


def _layout(reader, out, data: bytes, blocks: list):  # type: ignore[no-untyped-def]
    """The layout facts: from what the read function kept (Read.layout) when the reader declares layout, else the reader's own."""
    if reader.layout is None:
        return None
    return out.layout(blocks) if out.layout is not None else reader.layout(data, blocks)


__all__ = ["IngestError", "build_document", "content_format", "read_bytes", "reader_of", "sniff_path"]
