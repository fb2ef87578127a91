"""Turn the bytes of a text report into str: BOMs, strict UTF-8, strict GB18030, then charset-normalizer."""

from __future__ import annotations

import codecs
import re

from .errors import IngestError

# A decoded text with more than this share of control or replacement characters is not text.
MAX_CONTROL_SHARE = 0.005
MAX_CONTROL_SHARE_UTF8 = 0.2


def decode_text(data: bytes) -> tuple[str, str]:
    """The decoded text and the encoding used; IngestError (PAR) for binary or undecodable input."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data[3:], "utf-8"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16"), "utf-16")
    if b"\x00" in data:
        raise IngestError("PAR002", "binary")
    text = _strict(data, "utf-8")
    if text is not None:  # binary data is almost never valid UTF-8: a stray control character is text's
        if _control_share(text) <= MAX_CONTROL_SHARE_UTF8:
            return text, "utf-8"
        raise IngestError("PAR002", "binary")  # valid UTF-8 but mostly controls: no other decoding is likelier
    text = _strict(data, "gb18030")
    if text is not None and _control_share(text) <= MAX_CONTROL_SHARE:
        return text, "gb18030"  # GB18030 decodes nearly any bytes: demand clean text
    from charset_normalizer import from_bytes  # last resort, imported only when needed

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("PAR003", "undecodable")
    return _checked(str(best), best.encoding)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str | None, encoding: str) -> tuple[str, str]:
    if text is None:
        raise IngestError("PAR003", "undecodable")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise IngestError("PAR002", "binary")
    return text, encoding


# Control characters other than the white space ones (category Cc without \t\n\v\f\r), and U+FFFD.
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_share(text: str) -> float:
    """The share of control and replacement characters (a regex: a 50 MiB text is counted in C, not char by char)."""
    if not text:
        return 0.0
    return len(_BAD.findall(text)) / len(text)
