"""Validate a data file against its schema once per content: a file whose bytes (and schema's) passed before is not
validated again, which spares a run jsonschema's import and the validation (~0.3 s of every cold start)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__


def validate_once(path: Path, data: dict[str, Any], schema_path: Path) -> None:
    """rulesets.validate(path, data, schema_path), skipped when these very bytes of the file and its schema have
    passed it before (a mark in the user cache directory, named by their digest). A failure is never marked:
    a broken file raises RuleSetError every time."""
    from .rulesets import validate

    mark = _mark(path, schema_path)
    if mark is not None and mark.exists():
        return
    validate(path, data, schema_path)
    if mark is not None:
        try:
            mark.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=mark.parent, prefix=".valid-")
            os.close(fd)
            os.replace(temporary, mark)
        except OSError:  # a read-only cache directory: validated again next time
            pass


def _mark(path: Path, schema_path: Path) -> Path | None:
    from .cache import default_cache_dir

    try:
        digest = hashlib.sha256(__version__.encode() + b"\0" + path.read_bytes() + b"\0" + schema_path.read_bytes())
        return default_cache_dir() / "validated" / digest.hexdigest()[:40]
    except OSError:
        return None
