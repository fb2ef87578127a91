"""Tell what an OLE compound file holds (olefile reads its directory) before anything is converted."""

from __future__ import annotations

from .errors import IngestError

# Streams that say what kind of Office file a compound document is (MS-CFB directory entries).
_WORD = "WordDocument"
_OTHER = {"Workbook": "Excel (.xls)", "Book": "Excel (.xls)", "PowerPoint Document": "PowerPoint (.ppt)"}
_F_ENCRYPTED = 0x0100  # FibBase.fEncrypted, in the flags word at offset 0x0A of the WordDocument stream


def inspect_ole(data: bytes) -> None:
    """Return quietly when `data` is a Word 97-2003 / WPS document LibreOffice can convert; otherwise raise the
    IngestError that names what it is: encrypted (PAR007), another Office format or no document (PAR002),
    or a compound file whose directory cannot be read (PAR010)."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # olefile raises OSError, struct errors, IndexError… on a broken directory
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None
    try:
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
        if "EncryptedPackage" in streams:  # an encrypted .docx wrapped in a compound file
            raise IngestError("PAR007", "encrypted")
        if _WORD in streams:
            head = ole.openstream(_WORD).read(12)
            if len(head) < 12 or head[:2] not in (b"\xec\xa5", b"\xec\xa4"):  # FibBase.wIdent of Word 97+ (and 6/95)
                raise IngestError("PAR010", "corrupt", reason={"zh": "WordDocument 流不是 Word 文档", "en": "the WordDocument stream is not a Word document"})
            if int.from_bytes(head[10:12], "little") & _F_ENCRYPTED:
                raise IngestError("PAR007", "encrypted")
            return
        for stream, name in _OTHER.items():
            if stream in streams:
                raise IngestError("PAR002", "not-yet", format=name)
        raise IngestError("PAR002", "ole-other")
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError("PAR010", "corrupt", reason=_reason(exc)) from None
    finally:
        ole.close()


def _reason(exc: BaseException) -> dict[str, str]:
    detail = str(exc)[:120] or type(exc).__name__
    return {"zh": f"OLE 复合文档结构损坏：{detail}", "en": f"broken OLE compound file: {detail}"}
