"""Shared helpers: check text through the real pipeline (ingest → analysis → checks), no mocks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.model import Finding
from selfeval_lint.registry import resolve_selection

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def lint(text: str, select: str | None = None, name: str = "report.txt") -> list[Finding]:
    """Findings for `text` checked as a .txt file, optionally only the rules `select` names."""
    selected = resolve_selection(select.split(",") if select else None, None)
    result = check_bytes(name, text.encode("utf-8"), Options(selected=selected))
    return result.findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def at(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each finding."""
    return [(f.code, f.location.line, f.location.column) for f in findings]


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command in a subprocess, as a user or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "selfeval_lint", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
