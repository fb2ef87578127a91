"""Realistic, correct reports (tests/fixtures/correct, figures verified by hand) give no finding but notes.

They were written to look like real submissions from several provinces: other outlines, run-in headings,
sections answered 无, figures of every statement shape with their traps (changes, prior-year and per-unit
amounts, partial lists, bases named in words, 分别 over several clauses, lists with 和 and quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval_lint.engine import Options, check_file
from selfeval_lint.registry import resolve_selection

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "correct").glob("*.txt"))
ALL = Options(selected=resolve_selection(None, None))
# Reports that follow another province's or year's outline get one note saying so, and nothing else.
OTHER_OUTLINES = {"05_hebei_dept.txt", "10_sichuan_project.txt", "15_hunan_old_outline.txt"}


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_correct_report_gives_no_finding(path):
    findings = [(f.code, f.variant, f.location.line) for f in check_file(str(path), ALL).findings]
    if path.name in OTHER_OUTLINES:
        assert findings == [("SEC007", "mismatch", 1)]
    else:
        assert findings == []
