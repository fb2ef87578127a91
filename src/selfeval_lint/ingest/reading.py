"""Read an input's bytes safely: regular files only, never blocking, never past the size limit."""

from __future__ import annotations

import os
import stat
import sys

from .errors import IngestError

_CHUNK = 1 << 20

# What a path that is not a regular file is, for PAR001's message.
_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "char-device"),
    (stat.S_ISBLK, "block-device"),
    (stat.S_ISSOCK, "socket"),
)


def read_bounded(path: str, max_bytes: int) -> bytes:
    """The bytes of `path` ('-' is standard input). The file is opened without blocking (a FIFO with no
    writer would wait forever) and its type is read from the open descriptor, so nothing can swap it in
    between; a file over `max_bytes`, or one that grows past it while being read, is PAR004."""
    if path == "-":
        return _read_limited(sys.stdin.buffer.read, max_bytes, None)
    try:
        _refuse_special(os.stat(path).st_mode)  # a socket cannot even be opened: tell its kind first
    except OSError:
        pass  # missing, a loop, no permission: the open below says which
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise IngestError("PAR001", "missing") from None
    except IsADirectoryError:
        raise IngestError("PAR001", "directory") from None
    except PermissionError:
        raise IngestError("PAR001", "permission") from None
    except OSError as exc:
        raise IngestError("PAR001", "os", reason=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        _refuse_special(info.st_mode)
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        return _read_limited(lambda n: os.read(fd, n), max_bytes, info.st_size)
    except OSError as exc:
        raise IngestError("PAR001", "os", reason=exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _refuse_special(mode: int) -> None:
    """PAR001 for anything but a regular file, naming what it is."""
    if stat.S_ISDIR(mode):
        raise IngestError("PAR001", "directory")
    for test, kind in _KINDS:
        if test(mode):
            raise IngestError("PAR001", "special", kind=_kind_name(kind))
    if not stat.S_ISREG(mode):
        raise IngestError("PAR001", "special", kind=_kind_name("other"))


def _read_limited(read, max_bytes: int, size: int | None) -> bytes:  # type: ignore[no-untyped-def]
    """Read in chunks until end of file; more than `max_bytes` is PAR004 (the file grew, or stdin is endless)."""
    chunks, total = [], 0
    while True:
        chunk = read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(size if size and size > max_bytes else None, max_bytes)
    return b"".join(chunks)


def _too_large(size: int | None, max_bytes: int) -> IngestError:
    limit = round(max_bytes / 2**20, 1)
    return IngestError("PAR004", "too-large", size_mb=round(size / 2**20, 1) if size else f">{limit}", limit_mb=limit)


def _kind_name(kind: str) -> dict[str, str]:
    """The kind of special file in both languages (localised by the message renderer)."""
    names = {
        "fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
        "char-device": ("字符设备（如 /dev/zero）", "a character device (such as /dev/zero)"),
        "block-device": ("块设备", "a block device"),
        "socket": ("套接字", "a socket"),
        "other": ("特殊文件", "a special file"),
    }
    zh, en = names[kind]
    return {"zh": zh, "en": en}
