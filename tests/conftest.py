"""Shared helpers: check text through the real pipeline (ingest → analysis → checks), no mocks."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.model import Finding
from selfeval_lint.registry import resolve_selection

ROOT = Path(__file__).resolve().parents[1]

# The test suite never writes to the user's real result store (in-process runs and fresh processes alike).
_CACHE_DIR = tempfile.mkdtemp(prefix="selfeval-lint-test-cache-")
os.environ["SELFEVAL_LINT_CACHE_DIR"] = _CACHE_DIR
atexit.register(shutil.rmtree, _CACHE_DIR, True)
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


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """Run the command line: in this process (fast, warm caches), or with `fresh` as a new process as CI would."""
    if fresh:
        return subprocess.run(
            [sys.executable, "-m", "selfeval_lint", *args], input=stdin, capture_output=True, cwd=cwd or ROOT, timeout=120
        )
    import contextlib
    import io
    import os

    from selfeval_lint.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    stdout, stderr = io.TextIOWrapper(out, encoding="utf-8"), io.TextIOWrapper(err, encoding="utf-8")
    stdin_stream = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    previous = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            old_stdin, sys.stdin = sys.stdin, stdin_stream
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
            finally:
                sys.stdin = old_stdin
        stdout.flush()
        stderr.flush()
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(["selfeval-lint", *args], code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli
