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


def _as_docx(path: Path) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_the_same_report_as_word_gives_the_same_findings(path):
    from selfeval_lint.engine import check_bytes

    as_text = [(f.code, f.variant) for f in check_file(str(path), ALL).findings]
    as_word = [(f.code, f.variant) for f in check_bytes(path.stem + ".docx", _as_docx(path), ALL).findings]
    # Layout (FMT) exists only in Word, and this .docx is python-docx's unformatted default: compare the rest.
    assert [f for f in as_word if not f[0].startswith("FMT")] == as_text


@pytest.mark.parametrize("name", ["07_dept_ari_traps.txt", "08_dept_sec_variants.txt"])
def test_the_same_report_printed_to_pdf_gives_the_same_findings(name, tmp_path):
    import subprocess

    from selfeval_lint.ingest.convert import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    path = next(p for p in FIXTURES if p.name == name)
    source = tmp_path / (path.stem + ".docx")
    source.write_bytes(_as_docx(path))
    subprocess.run(
        [soffice_path(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    as_pdf = [(f.code, f.variant) for f in check_file(str(source.with_suffix(".pdf")), ALL).findings]
    assert as_pdf == [(f.code, f.variant) for f in check_file(str(path), ALL).findings]
