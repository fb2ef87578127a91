"""Tell an input's format from its content (magic bytes, zip members), not from its extension alone."""

from __future__ import annotations

from .readers import all_readers, sniff_kind


def sniff(data: bytes, suffix: str) -> str:
    """The content kind of `data` as the readers' registry (ingest/readers.py) declares it: today one of txt,
    md, pdf, docx, odt, xlsx, zip, zip-corrupt, ole (legacy .doc/.wps/.xls), rtf, or a registered reader's."""
    return sniff_kind(data, suffix)


def kinds() -> list[str]:
    """Every content kind `sniff` can report, in the registry's order."""
    out: list[str] = []
    for reader in all_readers():
        for kind in (reader.content_kind, *reader.variants):
            if reader.read is not None and (reader.magic is None or reader.magic.sniffed) and kind not in out:
                out.append(kind)
    return out
