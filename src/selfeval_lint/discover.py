"""Expand the paths given on the command line into the files to check."""

from __future__ import annotations

import os
from pathlib import Path

# Files picked up when a directory is walked; a file named explicitly is always checked.
REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".pdf", ".doc", ".wps", ".odt", ".rtf"}
REPORT_SUFFIXES |= {".xlsx", ".xls", ".et"}  # self-evaluation tables (绩效自评表) submitted as spreadsheets


def expand_paths(paths: list[str]) -> list[str]:
    """Files in the order given; directories walked recursively (hidden entries skipped), sorted."""
    files: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    str(Path(root) / n) for n in names if not n.startswith(".") and Path(n).suffix.lower() in REPORT_SUFFIXES
                )
            candidates = sorted(found)
        else:
            candidates = [raw]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                files.append(c)
    return files
