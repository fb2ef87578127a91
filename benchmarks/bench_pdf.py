"""Time read_pdf against bare pdfplumber extract_text (and pypdfium2) on generated report-like PDFs."""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from selfeval_lint.ingest.pdf import read_pdf  # noqa: E402
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
    args = parser.parse_args()
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
