"""pdfium's functions the PDF fast path calls per character, object or path segment, as bare C prototypes over
pypdfium2's own symbols: plain addresses (ints) in and out, none of the per-call argument conversion."""

from __future__ import annotations

import ctypes
from typing import Any

_P, _I, _U = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
_PROTOTYPES: dict[str, tuple[Any, ...]] = {  # name: (result, *arguments), as fpdfview.h and its companions declare them
    "FPDFText_GetTextObject": (_P, _P, _I),
    "FPDFText_HasUnicodeMapError": (_I, _P, _I),
    "FPDFText_GetLooseCharBox": (_I, _P, _I, _P),
    "FPDFText_IsGenerated": (_I, _P, _I),
    "FPDFText_GetMatrix": (_I, _P, _I, _P),
    "FPDFText_GetFontSize": (ctypes.c_double, _P, _I),
    "FPDFTextObj_GetTextRenderMode": (_I, _P),
    "FPDFTextObj_GetFont": (_P, _P),
    "FPDFPageObj_GetFillColor": (_I, _P, _P, _P, _P, _P),
    "FPDFPageObj_GetStrokeColor": (_I, _P, _P, _P, _P, _P),
    "FPDFPageObj_GetClipPath": (_P, _P),
    "FPDFPageObj_GetType": (_I, _P),
    "FPDFPageObj_GetBounds": (_I, _P, _P, _P, _P, _P),
    "FPDFPageObj_GetMatrix": (_I, _P, _P),
    "FPDFPage_CountObjects": (_I, _P),
    "FPDFPage_GetObject": (_P, _P, _I),
    "FPDFFormObj_CountObjects": (_I, _P),
    "FPDFFormObj_GetObject": (_P, _P, _U),
    "FPDFClipPath_CountPaths": (_I, _P),
    "FPDFClipPath_CountPathSegments": (_I, _P, _I),
    "FPDFClipPath_GetPathSegment": (_P, _P, _I, _I),
    "FPDFPath_GetDrawMode": (_I, _P, _P, _P),
    "FPDFPath_CountSegments": (_I, _P),
    "FPDFPath_GetPathSegment": (_P, _P, _I),
    "FPDFPathSegment_GetPoint": (_I, _P, _P, _P),
    "FPDFPathSegment_GetType": (_I, _P),
    "FPDFPathSegment_GetClose": (_I, _P),
}
_BOUND: dict[str, Any] = {}


def functions() -> dict[str, Any]:
    """Each function of _PROTOTYPES by name, bound once to the address pypdfium2 loaded it at."""
    if not _BOUND:
        import pypdfium2.raw as raw

        for name, (restype, *argtypes) in _PROTOTYPES.items():
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            _BOUND[name] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return _BOUND


def address(handle: Any) -> int:
    """A pypdfium2 handle (a ctypes pointer) as the plain address the bare prototypes take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0
