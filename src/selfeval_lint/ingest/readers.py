"""The registry of input readers: each format declared once (suffixes, content signature, output, locations, PAR codes, read function)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from ..registry import T

# What a reader produces and which location fields its findings carry (model.Location, plus the bundle member).
Product = Literal["blocks", "tables", "layout", "members"]
LocationField = Literal["line", "column", "paragraph", "page", "table", "sheet", "cell", "member"]
# What discovery does with a file of the reader's suffixes: check it, open it as a bundle, or list it as skipped.
Role = Literal["document", "bundle", "skipped"]

PRODUCTS: tuple[str, ...] = ("blocks", "tables", "layout", "members")
LOCATION_FIELDS: tuple[str, ...] = ("line", "column", "paragraph", "page", "table", "sheet", "cell", "member")
ZIP_PREFIXES = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Magic:
    """How a format is told by its content: the first bytes, the members of a zip, or a finer test.

    `sniffed` is False for a format the dispatch recognises inside another kind (`within`): an .ofd inside a
    zip, a .rar or .7z among the inputs `sniff()` reports as text (as it did before the registry)."""

    describe: T
    prefixes: tuple[bytes, ...] = ()  # the file starts with one of these (after leading whitespace when `strip`)
    members: tuple[str, ...] = ()  # a zip that holds all these members
    test: Callable[[bytes], bool] | None = None  # over the whole content, after prefixes and members matched
    strip: bool = False
    priority: int = 50  # sniffing tries lower numbers first
    sniffed: bool = True
    within: tuple[str, ...] = ()  # for sniffed=False: the kinds `sniff()` reports for such content

    def matches(self, data: bytes, names: frozenset[str] | None = None) -> bool:
        """Whether `data` (with its zip member names when it is a zip) has this signature."""
        head = data[:1024].lstrip() if self.strip else data[:1024]
        if self.prefixes and not head.startswith(self.prefixes):
            return False
        if self.members and (names is None or not all(m in names for m in self.members)):
            return False
        return self.test is None or self.test(data)


@dataclass(frozen=True)
class Source:
    """What a read function gets: the content, the path's suffix (lower case) and the kind `sniff()` gave it."""

    data: bytes
    suffix: str
    kind: str
    path: str = ""


@dataclass(frozen=True)
class Read:
    """What a read function returns: the blocks, the Document's format (the reader's name when None), the text encoding."""

    blocks: list[Any]
    format: str | None = None
    encoding: str | None = None
    # Document.layout from the final blocks, when the read function already holds the parsed content (the
    # .docx reader's package): used instead of the Reader's `layout`, which would open the file again.
    layout: Callable[[list[Any]], Any] | None = None


@dataclass(frozen=True)
class Reader:
    """One input format, declared once: discovery, sniffing, the dispatch, `extract`, `formats` and the docs read it."""

    name: str
    title: T
    suffixes: tuple[str, ...]  # picked up when a directory is walked (the first one names the format)
    role: Role = "document"
    magic: Magic | None = None  # None: told by suffix alone (text), or never read
    kind: str | None = None  # what `sniff()` reports for this content, when not the name (the OLE family: "ole")
    variants: tuple[str, ...] = ()  # further kinds `sniff()` reports for content this reader answers ("zip-corrupt")
    also: tuple[str, ...] = ()  # suffixes read as this format when named, but not picked up by a walk
    renamed: dict[str, str] = field(default_factory=dict)  # content kind under this suffix → reader that reads it
    mismatch: T = T("按内容识别的格式读取（扩展名不决定格式）", "read as the format its content shows (the suffix does not decide)")
    produces: tuple[Product, ...] = ("blocks",)
    locations: tuple[LocationField, ...] = ("line", "column")
    codes: tuple[str, ...] = ()  # the PAR codes reading it can raise
    read: Callable[[Source], Read] | None = None
    layout: Callable[[bytes, list[Any]], Any] | None = None  # Document.layout from the content and the blocks
    preload: tuple[str, ...] = ()  # ingest modules the parent imports before forking workers (warm.py)
    # The content as the .docx it was read from, where comments can be written (annotate/): the Word readers'
    # (.docx itself; .doc, .wps, .odt, .rtf as LibreOffice converts them). None: no Word copy to annotate.
    as_docx: Callable[[Source], bytes] | None = None

    @property
    def content_kind(self) -> str:
        return self.kind or self.name

    def all_suffixes(self) -> tuple[str, ...]:
        return self.suffixes + self.also


_READERS: dict[str, Reader] = {}
_LOADED = False


def register(reader: Reader) -> Reader:
    """Add a reader (its name must be new); the built-in ones come from ingest/formats.py."""
    _builtins()
    if reader.name in _READERS:
        raise ValueError(f"reader {reader.name!r} is already registered")
    _READERS[reader.name] = reader
    return reader


def unregister(name: str) -> None:
    _READERS.pop(name, None)


@contextmanager
def registered(reader: Reader) -> Iterator[Reader]:
    """A reader registered for the duration of a `with` block (tests, plugins tried in-process)."""
    register(reader)
    try:
        yield reader
    finally:
        unregister(reader.name)


def _builtins() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        from . import formats  # noqa: F401  (importing registers the built-in readers)


def all_readers() -> list[Reader]:
    """Every reader, in registration order."""
    _builtins()
    return list(_READERS.values())


def get_reader(name: str) -> Reader:
    _builtins()
    return _READERS[name]


def reader_for_suffix(suffix: str) -> Reader | None:
    """The reader that owns a suffix (walked or named), or None."""
    suffix = suffix.lower()
    return next((r for r in all_readers() if suffix in r.all_suffixes()), None)


def walked_suffixes(role: Role) -> set[str]:
    """Suffixes a directory walk picks up as documents or bundles."""
    return {s for r in all_readers() if r.role == role for s in r.suffixes}


# --- sniffing -------------------------------------------------------------------------------------------


def zip_names(data: bytes) -> frozenset[str] | None:
    """The member names of a zip, or None when it cannot be listed."""
    try:
        return frozenset(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def sniff_kind(data: bytes, suffix: str) -> str:
    """The content kind of `data`: the first sniffed signature that matches (a zip refined by its members:
    "zip-corrupt" when it cannot be listed, "zip" when no format claims it), else the text reader of the
    suffix ("md" for .md), else "txt"."""
    magics = sorted((r for r in all_readers() if r.magic is not None and r.magic.sniffed), key=lambda r: r.magic.priority)
    for reader in magics:
        if reader.magic.members or not reader.magic.matches(data):
            continue
        if reader.content_kind != "zip":
            return reader.content_kind
        names = zip_names(data)
        if names is None:
            return "zip-corrupt"
        inner = next((r for r in magics if r.magic.members and r.magic.matches(data, names)), None)
        return inner.content_kind if inner is not None else "zip"
    owner = reader_for_suffix(suffix)
    if owner is not None and owner.magic is None and owner.read is not None and owner.role == "document":
        return owner.content_kind
    return "txt"


def resolve(kind: str, suffix: str, data: bytes) -> Reader:
    """The reader for content of `kind` under `suffix`: a format recognised inside that kind first (.ofd in a
    zip, .rar among text), then what the suffix's own reader says such content is (an OLE file named .xlsx
    is an .xls), then the reader of that kind owning the suffix, else that kind's first reader."""
    suffix = suffix.lower()
    readers = all_readers()
    for r in readers:
        if r.read is not None and r.magic is not None and not r.magic.sniffed and kind in r.magic.within:
            names = zip_names(data) if r.magic.members else None
            if r.magic.matches(data, names):
                return r
    owner = reader_for_suffix(suffix)
    if owner is not None and kind in owner.renamed:
        return get_reader(owner.renamed[kind])
    candidates = [
        r for r in readers
        if r.read is not None and kind in (r.content_kind, *r.variants) and (r.magic is None or r.magic.sniffed)
    ]
    return next((r for r in candidates if suffix in r.all_suffixes()), candidates[0])


def zip_claimed(names: frozenset[str] | set[str]) -> bool:
    """Whether a zip with these members is a registered format's package (.docx, .xlsx, .odt, .ofd, .pptx …),
    so never a bundle of reports."""
    return any(
        r.magic is not None and r.magic.members and all(m in names for m in r.magic.members) for r in all_readers()
    )
