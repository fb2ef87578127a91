"""Bundles: list the members of a .zip (or .7z) as files named `bundle.zip!/单位/报告.docx`, and read one member's
bytes in whichever process checks it, within bomb, traversal, member-count and nesting limits."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .ingest.errors import IngestError
from .ingest.formats import MAGIC_7Z, MAGIC_RAR
from .ingest.readers import all_readers, zip_claimed

SEP = "!/"  # between an archive and the name of a member inside it
ARCHIVE_SUFFIXES = {s for r in all_readers() if "members" in r.produces for s in r.suffixes}  # opened: .zip, .7z
MAX_MEMBERS = 2000  # members in one archive
MAX_DEPTH = 2  # archive levels read: a bundle and the archives inside it, not deeper
MAX_TOTAL_BYTES = 2 * 1024**3  # what one archive may unpack to, in all
MAX_RATIO = 200  # uncompressed / compressed size of a member above BOMB_FLOOR_BYTES
BOMB_FLOOR_BYTES = 8 * 1024**2
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_MAGIC_7Z, _MAGIC_RAR = MAGIC_7Z, MAGIC_RAR  # declared with their readers in ingest/formats.py


@dataclass
class Listing:
    """An archive's members to check (display paths) and the members skipped, with why."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (display path, discover.SKIP_REASONS code)


def is_bundle(path: str) -> bool:
    """Whether a path names an archive to open as a bundle: a .zip that is not an Office/OFD package, or a .7z."""
    if path == "-" or SEP in path:
        return False
    from .discover import report_suffixes

    p = Path(path)
    if p.suffix.lower() in report_suffixes() or not p.is_file():  # a .docx is a zip too, but never a bundle
        return False
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    if head.startswith(_MAGIC_7Z):
        return True
    if not head.startswith(b"PK\x03\x04") and not (head.startswith(b"PK\x05\x06") and p.suffix.lower() == ".zip"):
        return False
    try:
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False  # a damaged zip is checked as a file, and gets its PAR finding there
    return not zip_claimed(names)  # a package a reader claims (.docx, .xlsx, .odt, .ofd, .pptx) is a document


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its author wrote it: UTF-8 when flagged, the Info-ZIP Unicode path field when
    present, else the raw bytes (zipfile decoded them as cp437) tried as UTF-8, then GB18030 (Chinese Windows)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    unicode_path = _unicode_path_field(info.extra)
    if unicode_path:
        return unicode_path
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            name = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or re.search(r"[\u3400-\u9fff]", name):
            return name
    return info.filename


def _unicode_path_field(extra: bytes) -> str | None:
    """The UTF-8 name in an Info-ZIP Unicode Path extra field (0x7075), if any."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = int.from_bytes(extra[i : i + 2], "little"), int.from_bytes(extra[i + 2 : i + 4], "little")
        body = extra[i + 4 : i + 4 + size]
        if tag == 0x7075 and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        i += 4 + size
    return None


def unsafe_name(name: str) -> bool:
    """A member name that would escape the folder it is unpacked into (absolute, drive letter, '..')."""
    posix = name.replace("\\", "/")
    return posix.startswith("/") or bool(re.match(r"^[A-Za-z]:", posix)) or ".." in PurePosixPath(posix).parts


def list_bundle(path: str) -> Listing:
    """The members of the archive at `path` to check, nested archives opened one level down. An archive that
    cannot be listed (damaged, too many members, a bomb) is itself the one file to check: reading it then
    gives its PAR finding (explain())."""
    try:
        return _list(path, Path(path).read_bytes(), depth=1)
    except IngestError:
        return Listing(files=[path])
    except OSError:
        return Listing(files=[path])


def _list(display: str, data: bytes, depth: int) -> Listing:
    from .discover import skip_reason

    out = Listing()
    for name, is_dir in _names(data):
        shown = f"{display}{SEP}{name}"
        if is_dir:
            continue
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not unsafe_name(name) and any(p.startswith(".") or p == "__MACOSX" for p in parts):
            out.skipped.append((shown, "hidden"))
            continue
        reason = None if unsafe_name(name) else skip_reason(Path(parts[-1]))
        if reason is not None:
            out.skipped.append((shown, reason))
            continue
        if Path(name).suffix.lower() in ARCHIVE_SUFFIXES and depth < MAX_DEPTH and not unsafe_name(name):
            try:
                inner = _list(shown, read_member(shown), depth + 1)
            except IngestError:
                inner = Listing(files=[shown])  # checked as a file: its own PAR finding says why
            out.files.extend(inner.files)
            out.skipped.extend(inner.skipped)
            continue
        out.files.append(shown)
    return out


def _names(data: bytes) -> list[tuple[str, bool]]:
    """(name, is a directory) for each member, after the archive-wide limits; IngestError when they fail."""
    if data.startswith(_MAGIC_7Z):
        with _open_7z(data) as archive:
            infos = archive.list()
            _limits(len(infos), sum(i.uncompressed or 0 for i in infos))
            return [(i.filename, i.is_directory) for i in infos]
    zf = _open_zip(data)
    infos = zf.infolist()
    _limits(len(infos), sum(i.file_size for i in infos))
    return [(member_name(i), i.is_dir()) for i in infos]


def _limits(count: int, total: int) -> None:
    if count > MAX_MEMBERS:
        raise IngestError("PAR015", "too-many-members", count=count, limit=MAX_MEMBERS)
    if total > MAX_TOTAL_BYTES:
        raise IngestError("PAR004", "zip-bomb", size_mb=round(total / 2**20))


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError("PAR010", "corrupt", reason=f"zip: {exc}") from None


def _open_7z(data: bytes):  # type: ignore[no-untyped-def]
    try:
        import py7zr
    except ImportError:
        raise IngestError("PAR002", "needs-py7zr") from None
    try:
        return py7zr.SevenZipFile(io.BytesIO(data))
    except py7zr.PasswordRequired:
        raise IngestError("PAR007", "encrypted") from None
    except Exception as exc:  # py7zr raises its own and lzma errors for damaged archives
        raise IngestError("PAR010", "corrupt", reason=f"7z: {type(exc).__name__}") from None


def read_member(path: str, max_bytes: int = 50 * 1024**2) -> bytes:
    """The bytes of the member `path` names (`a.zip!/x/b.zip!/c.docx`), read through each archive level within
    the limits; IngestError for an unsafe name, an encrypted, oversized, damaged or missing member."""
    archive, *names = path.split(SEP)
    if len(names) >= MAX_DEPTH and Path(names[-1]).suffix.lower() in ARCHIVE_SUFFIXES:
        raise IngestError("PAR015", "nested-too-deep", depth=MAX_DEPTH)
    try:
        data = Path(archive).read_bytes()
    except FileNotFoundError:
        raise IngestError("PAR001", "missing") from None
    except OSError as exc:
        raise IngestError("PAR001", "os", reason=exc.strerror or str(exc)) from None
    for name in names:
        if unsafe_name(name):
            raise IngestError("PAR015", "unsafe-name", name=name)
        data = _read_7z(data, name, max_bytes) if data.startswith(_MAGIC_7Z) else _read_zip(data, name, max_bytes)
    return data


def _read_zip(data: bytes, name: str, max_bytes: int) -> bytes:
    zf = _open_zip(data)
    info = next((i for i in zf.infolist() if member_name(i) == name and not i.is_dir()), None)
    if info is None:
        raise IngestError("PAR001", "missing")
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise IngestError("PAR007", "encrypted")
    _member_limits(info.file_size, info.compress_size, max_bytes)
    try:
        with zf.open(info) as fh:
            out = fh.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise IngestError("PAR010", "corrupt", reason=f"zip: {exc}") from None
    except Exception as exc:  # zlib.error, lzma and bz2 errors for damaged data
        raise IngestError("PAR010", "corrupt", reason=f"zip: {type(exc).__name__}") from None
    if len(out) > max_bytes:
        raise IngestError("PAR004", "zip-bomb", size_mb=f">{round(max_bytes / 2**20)}")
    return out


def _member_limits(size: int, compressed: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise IngestError("PAR004", "too-large", size_mb=round(size / 2**20, 1), limit_mb=round(max_bytes / 2**20, 1))
    if size > BOMB_FLOOR_BYTES and size > MAX_RATIO * max(compressed, 1):
        raise IngestError("PAR004", "zip-bomb", size_mb=round(size / 2**20))


def _read_7z(data: bytes, name: str, max_bytes: int) -> bytes:
    from py7zr.io import BytesIOFactory

    with _open_7z(data) as archive:
        info = next((i for i in archive.list() if i.filename == name and not i.is_directory), None)
        if info is None:
            raise IngestError("PAR001", "missing")
        _member_limits(info.uncompressed or 0, info.compressed or 0, max_bytes)
        factory = BytesIOFactory(max_bytes + 1)
        try:
            archive.extract(targets=[name], factory=factory)
        except Exception as exc:
            raise IngestError("PAR010", "corrupt", reason=f"7z: {type(exc).__name__}") from None
        product = factory.products.get(name)
        if product is None:
            raise IngestError("PAR010", "corrupt", reason="7z")
        product.seek(0)
        out = product.read()
    if len(out) > max_bytes:
        raise IngestError("PAR004", "zip-bomb", size_mb=f">{round(max_bytes / 2**20)}")
    return out


def explain(data: bytes) -> IngestError | None:
    """Why an archive reached the reader as a file (it could not be listed, or it is a kind not read)."""
    if data.startswith(_MAGIC_RAR):
        return IngestError("PAR002", "rar")
    if data.startswith(_MAGIC_7Z):
        try:
            _names(data)
        except IngestError as exc:
            return exc
        return IngestError("PAR002", "zip")
    if not data.startswith(b"PK"):
        return None
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "OFD.xml" in names:
        return None  # read by ingest/ofd.py
    try:
        _names(data)
    except IngestError as exc:
        return exc
    return None
