"""Time read_pdf against bare pdfplumber extract_text (and pypdfium2) on generated report-like PDFs.

`--fast` (issue 14's target): read_pdf per page against bare pypdfium2 text extraction per page (target ≤ 5×),
with the old pdfplumber reader (SELFEVAL_LINT_PDF_READER=pdfplumber) as the before, on the corpus PDFs and a
built report of 50 pages."""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from selfeval_lint.ingest.pdf import ENGINE_VARIABLE, read_pdf  # noqa: E402
from tests.pdf_fixtures import long_report  # noqa: E402


def plumber_text(data: bytes) -> None:
    """The baseline: pdfplumber's own extract_text on every page, one page in memory at a time."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def pdfium_text(data: bytes) -> None:
    doc = pdfium.PdfDocument(data)
    for i in range(len(doc)):
        page = doc[i]
        page.get_textpage().get_text_range()
        page.close()
    doc.close()


def old_reader(data: bytes) -> object:
    """read_pdf as it was before the fast path: every character from pdfplumber."""
    os.environ[ENGINE_VARIABLE] = "pdfplumber"
    try:
        return read_pdf(data)
    finally:
        os.environ.pop(ENGINE_VARIABLE, None)


def fast_table(repeat: int, pages: int) -> None:
    """read_pdf (fast path) / bare pypdfium2 per page, and the old reader / the fast path, file by file."""
    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "corpus").glob("*.pdf"))]
    built = long_report(pages)
    files.append((f"built report ({built.pages} pages)", built.data))
    print(f"{'file':<44} {'pages':>5} {'pdfium ms/p':>11} {'read_pdf ms/p':>13} {'ratio':>6} {'old ms/p':>9} {'speed-up':>8}")
    for name, data in files:
        n = len(pdfium.PdfDocument(data))
        bare = best_time(pdfium_text, data, repeat) / n * 1000
        ours = best_time(read_pdf, data, repeat) / n * 1000
        old = best_time(old_reader, data, repeat) / n * 1000
        print(f"{name:<44} {n:>5} {bare:>11.2f} {ours:>13.2f} {ours / bare:>6.2f} {old:>9.2f} {old / ours:>8.2f}", flush=True)


def best_time(run: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(data)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(run: Callable[[bytes], object], data: bytes) -> float:
    tracemalloc.start()
    run(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    parser.add_argument("--memory", action="store_true", help="also measure peak Python memory (slower)")
    parser.add_argument("--fast", action="store_true", help="the fast path's table: corpus PDFs and a built report")
    parser.add_argument("--fast-pages", type=int, default=50, help="pages of the built report in --fast")
    args = parser.parse_args()
    if args.fast:
        fast_table(args.repeat, args.fast_pages)
        return
    print(f"{'pages':>5} {'KiB':>6} {'read_pdf ms/p':>13} {'extract_text ms/p':>17} {'ratio':>6} {'pdfium ms/p':>11}"
          + (f" {'read_pdf MiB':>12} {'extract MiB':>11}" if args.memory else ""))
    for wanted in args.pages:
        built = long_report(wanted)
        data, pages = built.data, built.pages
        ours = best_time(read_pdf, data, args.repeat) / pages * 1000
        base = best_time(plumber_text, data, args.repeat) / pages * 1000
        fast = best_time(pdfium_text, data, args.repeat) / pages * 1000
        line = f"{pages:>5} {len(data) // 1024:>6} {ours:>13.1f} {base:>17.1f} {ours / base:>6.2f} {fast:>11.2f}"
        if args.memory:
            line += f" {peak_mib(read_pdf, data):>12.1f} {peak_mib(plumber_text, data):>11.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
