"""Build OLE compound files (MS-CFB version 3) in code: a directory of named streams, for the .doc/.xls tests."""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
FREE, END, FAT_SECT, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, child: int = NO_STREAM, right: int = NO_STREAM, start: int = END, size: int = 0) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, right, child)
        + b"\x00" * 36
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file holding `streams` (each padded to 4096 bytes so that no mini stream is needed)."""
    names = list(streams)
    assert len(names) <= 3
    datas = [streams[n].ljust(4096, b"\x00") for n in names]
    fat = [FAT_SECT, END]
    entries = []
    sector = 2
    for i, (name, data) in enumerate(zip(names, datas)):
        count = -(-len(data) // SECTOR)
        fat.extend(list(range(sector + 1, sector + count)) + [END])
        right = i + 2 if i + 1 < len(names) else NO_STREAM
        entries.append(_entry(name, 2, right=right, start=sector, size=len(data)))
        sector += count
    directory = _entry("Root Entry", 5, child=1 if names else NO_STREAM) + b"".join(entries)
    directory = directory.ljust(SECTOR, b"\x00")
    for k in range(len(names) + 1, 4):  # unused entries
        directory = directory[: k * 128] + _entry("", 0) + directory[(k + 1) * 128 :]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", FREE) * (128 - len(fat))
    header = MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    return header + fat_sector + directory + b"".join(d.ljust(-(-len(d) // SECTOR) * SECTOR, b"\x00") for d in datas)


def word_fib(encrypted: bool = False) -> bytes:
    """The start of a WordDocument stream: FibBase with Word 97's wIdent and the fEncrypted flag."""
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0409, 0, flags) + b"\x00" * 20
