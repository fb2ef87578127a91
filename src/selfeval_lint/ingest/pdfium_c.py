"""pdfium's functions the PDF fast path calls per character, object or path segment, bound without pypdfium2's
per-call argument conversion (cffi, else bare ctypes prototypes): plain addresses (ints) in and out."""

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
_BOUND: dict[str, dict[str, Any]] = {}
_KEPT: list[Any] = []  # cffi's library object: kept so the functions stay bound
_CHOSEN: list[str] = []  # the backend functions() uses by default, once tried
_C_TYPES = {_P: "uintptr_t", _I: "int", _U: "unsigned long", ctypes.c_double: "double"}
BACKENDS = ("cffi", "ctypes")


def functions(backend: str | None = None) -> dict[str, Any]:
    """Each function of _PROTOTYPES by name, bound once to the library pypdfium2 loaded: through cffi when it
    can (a call costs about a third less than through ctypes), else through ctypes."""
    if backend is None:
        backend = _default()
    if backend not in _BOUND:
        _BOUND[backend] = _cffi() if backend == "cffi" else _ctypes()
    return _BOUND[backend]


def _default() -> str:
    if not _CHOSEN:
        try:
            functions("cffi")
            _CHOSEN.append("cffi")
        except Exception:  # no cffi, or a pypdfium2 that keeps its library elsewhere: ctypes does the same
            _CHOSEN.append("ctypes")
    return _CHOSEN[0]


def _ctypes() -> dict[str, Any]:
    import pypdfium2.raw as raw

    bound = {}
    for name, (restype, *argtypes) in _PROTOTYPES.items():
        address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
        bound[name] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return bound


def _cffi() -> dict[str, Any]:
    """The same functions through cffi's ABI mode over the very library file pypdfium2 opened (the loader hands
    back the loaded library): pointers in and out as uintptr_t, the integers the ctypes prototypes use too."""
    import cffi
    import pypdfium2.raw  # noqa: F401 (loads the library first)
    import pypdfium2_raw.bindings as bindings

    ffi = cffi.FFI()
    ffi.cdef("\n".join(
        f"{_C_TYPES[restype]} {name}({', '.join(_C_TYPES[a] for a in argtypes)});"
        for name, (restype, *argtypes) in _PROTOTYPES.items()
    ))
    lib = ffi.dlopen(bindings._libs["pdfium"]._name)
    _KEPT.append((ffi, lib))
    return {name: getattr(lib, name) for name in _PROTOTYPES}


def address(handle: Any) -> int:
    """A pypdfium2 handle (a ctypes pointer) as the plain address the bare prototypes take."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0
