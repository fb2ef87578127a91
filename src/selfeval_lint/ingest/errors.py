"""The one exception ingest raises: a file that cannot be read, as a PAR finding to report."""

from __future__ import annotations

from typing import Any


class IngestError(Exception):
    """The input could not be read; carries the PAR rule code, its message variant and arguments."""

    def __init__(self, code: str, variant: str, **args: Any) -> None:
        super().__init__(f"{code}:{variant} {args}")
        self.code = code
        self.variant = variant
        self.args_ = args

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Pickle by code, variant and arguments (results cross process boundaries in batches)."""
        return (_rebuild, (self.code, self.variant, self.args_))


def _rebuild(code: str, variant: str, args: dict[str, Any]) -> IngestError:
    return IngestError(code, variant, **args)
