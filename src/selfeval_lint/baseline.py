"""Baselines: record the current findings' fingerprints (--write-baseline) and report only new ones (--baseline)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .model import FileResult

FORMAT = 1


class BaselineError(Exception):
    """The baseline file cannot be read or is not a selfeval-lint baseline."""


def write_baseline(path: str, results: Sequence[FileResult]) -> int:
    """Write every finding's fingerprint (with code and file, for people reading it); the number written."""
    entries = [
        {"fingerprint": f.fingerprint, "code": f.code, "path": r.path, "line": f.location.line}
        for r in results for f in r.findings
    ]
    payload = {"tool": {"name": "selfeval-lint", "version": __version__}, "format": FORMAT, "findings": entries}
    Path(path).write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def load_baseline(path: str) -> Counter[str]:
    """The fingerprints in a baseline, counted; a baseline from any tool version matches (fingerprints are stable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a selfeval-lint baseline (no findings list)")
    try:
        return Counter(str(entry["fingerprint"]) for entry in data["findings"])
    except (TypeError, KeyError):
        raise BaselineError(f"{path}: findings: every entry needs a fingerprint") from None


def without_baseline(results: Sequence[FileResult], known: Counter[str], consume: bool = False) -> tuple[list[FileResult], int]:
    """The results with the baseline's findings left out (each baseline entry absorbs one finding), and how many.
    With `consume` the entries used are taken out of `known` itself (a stream filtered one result at a time)."""
    remaining = known if consume else Counter(known)
    hidden = 0
    out = []
    for result in results:
        kept = []
        for finding in result.findings:
            if remaining[finding.fingerprint] > 0:
                remaining[finding.fingerprint] -= 1
                hidden += 1
            else:
                kept.append(finding)
        out.append(replace(result, findings=kept))
    return out, hidden
