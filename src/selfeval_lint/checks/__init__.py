"""Checks: small rules, each registered once, reading the analysis facts and yielding hits."""

from __future__ import annotations

from . import arithmetic, hygiene, input, numbering, prose, sections, wording  # noqa: F401  (importing registers the rules)
from . import suppression  # noqa: F401  (SUP001)
from . import layout  # noqa: F401  (FMT rules)
from . import changes, consistency, residue  # noqa: F401,E402  (ARI009–ARI014, CON001–CON002, TXT010–TXT013)
from . import sheets_input, tables  # noqa: F401  (PAR018–PAR019 raised by ingest/xlsx.py; the TAB rules)
from .base import Context, Hit, Tolerance

__all__ = ["Context", "Hit", "Tolerance"]
