"""Time --annotate for Word against the check it follows, on generated report-like .docx files with findings.

    python benchmarks/bench_annotate.py [PAGES ...]      # default: 10 50

The report of bench_docx.py (automatic numbering, tables every fifth page), each paragraph cut into
7-character runs (so that comments split runs) and a stray quote and a bookmark defect on every page,
with Word's rendered page breaks (so that pages are counted). Prints the check time, the annotation time
(annotate_docx: open with python-docx, re-walk, split runs, write comments, save) and their ratio, and
read_docx with and without the page count (rendered_pages).

The generated figures do not add up, so there are some 25 findings a page, far more than a real report
has: python-docx gives each new comment an id by scanning the existing ones, so annotation time grows
with the square of the findings of one file (about 0.4 s for 200, 13 s for 1,300).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_docx import best_of, report_lines  # noqa: E402
from scripts.make_docx import build_report  # noqa: E402
from selfeval_lint.annotate.docx import annotate_docx  # noqa: E402
from selfeval_lint.engine import Options, check_bytes  # noqa: E402
from selfeval_lint.ingest import docx as reader  # noqa: E402
from selfeval_lint.registry import resolve_selection  # noqa: E402


def report_with_defects(pages: int) -> bytes:
    document = build_report(report_lines(pages), automatic=True)
    for n, paragraph in enumerate(document.paragraphs):
        text = paragraph.text
        if n and n % 6 == 2:
            text = "[bookmark: _GoBack]" + text
        if n and n % 6 == 4:
            text = text.replace("主要用于", "主要用于”", 1)
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for i in range(0, len(text), 7):
            run = paragraph.add_run(text[i : i + 7])
            run.bold = (i // 7) % 2 == 1
            if n and n % 6 == 1 and i == 0:
                run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main(sizes: list[int]) -> None:
    options = Options(selected=resolve_selection(None, None), timeout_seconds=None)
    print(f"{'pages':>5} {'findings':>8} | {'check ms':>9} | {'annotate ms':>11} | ratio | {'read_docx ms':>12} {'no pages':>9}")
    for pages in sizes:
        data = report_with_defects(pages)
        findings = check_bytes("b.docx", data, options).findings
        repeats = 5 if pages <= 50 else 3
        check, _ = best_of(repeats, lambda: check_bytes("b.docx", data, options))
        annotate, _ = best_of(repeats, lambda: annotate_docx(data, findings))
        read, _ = best_of(repeats, lambda: reader.read_docx(data))
        original = reader.rendered_pages
        reader.rendered_pages = lambda body: {}  # the same read without counting pages
        try:
            unpaged, _ = best_of(repeats, lambda: reader.read_docx(data))
        finally:
            reader.rendered_pages = original
        assert len(list(docx.Document(io.BytesIO(annotate_docx(data, findings))).comments)) == len(findings)
        print(
            f"{pages:>5} {len(findings):>8} | {check * 1000:>9.0f} | {annotate * 1000:>11.0f} | {annotate / check:>5.2f} |"
            f" {read * 1000:>12.1f} {unpaged * 1000:>9.1f}  (page count ×{read / unpaged:.2f})"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 50])
