"""Word comments (批注) of a .docx: id → author and text, read from word/comments.xml with the hardened parser."""

from __future__ import annotations

from dataclasses import dataclass

from .docx import _Package
from .wordnum import w
from .errors import IngestError


@dataclass(frozen=True)
class WordComment:
    id: str
    author: str | None
    text: str  # its paragraphs joined by newlines


def read_comments(data: bytes) -> dict[str, WordComment]:
    """The comments of a .docx; {} when it has none or the part cannot be read (the body reader reports that)."""
    try:
        root = _Package(data).related("comments")
    except IngestError:
        return {}
    if root is None:
        return {}
    comments = {}
    for comment in root.iter(w("comment")):
        cid = comment.get(w("id"))
        if cid is None:
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        comments[cid] = WordComment(cid, comment.get(w("author")) or None, "\n".join(paragraphs).strip())
    return comments
