"""--annotate for PDF: a highlight over each finding's characters (pdfplumber's boxes), the message as its note."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from scripts.build_corpus import AUTO_PDF
from selfeval_lint.annotate import note_text
from selfeval_lint.annotate.pdf import annotate_pdf
from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.ingest.pdf import read_pdf
from selfeval_lint.registry import render, resolve_selection

from .conftest import run_cli
from .test_annotate_docx import typed_reference

ALL = Options(selected=resolve_selection(None, None))


def annotations(data: bytes) -> list[tuple[int, dict]]:
    """(0-based page, annotation dictionary) of every annotation in the file, reopened with pypdf."""
    out = []
    for n, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        out.extend((n, a.get_object()) for a in page.get("/Annots") or [])
    return out


class Characters:
    """The non-space characters of a PDF's pages with their boxes, as pdfplumber reads them (read once per page)."""

    def __init__(self, data: bytes) -> None:
        self.pdf = pdfplumber.open(io.BytesIO(data))
        self.pages: dict[int, list[tuple[str, float, float]]] = {}

    def covered(self, page: int, rect) -> str:  # type: ignore[no-untyped-def]
        """The characters whose box centre lies inside `rect` (PDF user space), in reading order."""
        if page not in self.pages:
            p = self.pdf.pages[page]
            self.pages[page] = [
                (c["text"], (c["x0"] + c["x1"]) / 2, p.height - (c["top"] + c["bottom"]) / 2)
                for line in p.extract_text_lines(return_chars=True) for c in line["chars"] if not c["text"].isspace()
            ]
        x0, y0, x1, y1 = (float(v) for v in rect)
        return "".join(ch for ch, cx, cy in self.pages[page] if x0 <= cx <= x1 and y0 <= cy <= y1)


def check_highlights(data: bytes) -> tuple[list, list]:
    findings = check_bytes("r.pdf", data, ALL).findings
    annotated = annotate_pdf(data, findings)
    found = annotations(annotated)
    assert len(found) == len(findings)
    blocks = read_pdf(data)
    characters = Characters(data)
    for finding, (page, annotation) in zip(findings, found):
        assert annotation["/Subtype"] == "/Highlight" and annotation["/T"] == "selfeval-lint"
        assert annotation["/Contents"].splitlines()[0] == render(finding, "zh")
        assert page + 1 == finding.location.page
        span = re.sub(r"\s+", "", blocks[finding.block].text[finding.start : finding.end])
        assert characters.covered(page, annotation["/Rect"]) == span
        quads = [float(v) for v in annotation["/QuadPoints"]]
        assert len(quads) % 8 == 0 and quads
    return findings, found


def test_the_reference_pdf_gets_a_highlight_on_its_finding():
    data = AUTO_PDF.read_bytes()
    findings, found = check_highlights(data)
    assert "TXT003" in {f.code for f in findings} and len(findings) > 1
    assert annotate_pdf(data, []) != data and AUTO_PDF.read_bytes() == data  # a copy; the input is only read


def test_cli_writes_an_annotated_pdf_in_english(tmp_path):
    proc = run_cli("check", str(AUTO_PDF), "--annotate", str(tmp_path), "--lang", "en")
    assert proc.returncode == 0  # TXT003 is a warning
    written = annotations((tmp_path / AUTO_PDF.name).read_bytes())
    findings = check_bytes(str(AUTO_PDF), AUTO_PDF.read_bytes(), ALL).findings
    assert sorted(a["/Contents"] for _, a in written) == sorted(note_text(f, "en") for f in findings)
    txt003 = next(f for f in findings if f.code == "TXT003")
    assert [page for page, a in written if a["/Contents"] == note_text(txt003, "en")] == [1]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_every_finding_of_the_typed_reference_printed_to_pdf_is_highlighted_where_it_stands(tmp_path):
    source = tmp_path / "typed.docx"
    source.write_bytes(typed_reference())
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    data = (tmp_path / "typed.pdf").read_bytes()
    findings, found = check_highlights(data)
    assert len(findings) >= 10
    # the same text in several places (（2）, （3）…): each finding's highlight is on its own occurrence
    places = [(page, tuple(round(float(v)) for v in a["/Rect"])) for page, a in found]
    assert len(set(places)) == len(places)

