"""Time read_pdf against bare pdfplumber extract_text (and pypdfium2) on generated report-like PDFs.

`--fast` (issue 14's target): read_pdf per page against bare pypdfium2 text extraction per page (target ≤ 5×),
on the corpus PDFs, a built report of 50 pages and the real documents' PDFs (../shared/realdocs), with the old
pdfplumber reader (SELFEVAL_LINT_PDF_READER=pdfplumber) as the before when asked (`--old`)."""

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


REALDOCS = ROOT.parent.parent / "shared" / "realdocs"  # /work/shared/realdocs beside a worktree under /work/wt


def fast_files(pages: int, realdocs: Path | None) -> list[tuple[str, bytes]]:
    """The corpus PDFs, a built report of `pages` pages, and the real documents' PDFs when they are present."""
    files = [(p.name, p.read_bytes()) for p in sorted((ROOT / "corpus").glob("*.pdf"))]
    built = long_report(pages)
    files.append((f"built report ({built.pages} pages)", built.data))
    if realdocs is not None and realdocs.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(realdocs.rglob("*.pdf"))]
    return files


def fast_table(repeat: int, pages: int, old: bool, realdocs: Path | None) -> None:
    """read_pdf (fast path) / bare pypdfium2 per page, file by file, timed in alternation (best of `repeat`, wall
    and CPU time); the kind of page: how many of them hold ruled tables. With `old`, the pdfplumber reader too."""
    from selfeval_lint.ingest.pdf_guard import MAX_PAGE_CHARS
    from selfeval_lint.ingest.pdf_pdfium import read_pages

    print(f"{'file':<44} {'pages':>5} {'tables':>6} {'pdfium ms/p':>11} {'read_pdf ms/p':>13} {'ratio':>6} {'cpu ratio':>9}"
          + (f" {'old ms/p':>9} {'speed-up':>8}" if old else ""))
    kinds: dict[str, list[tuple[float, float]]] = {"text": [], "tables": []}
    for name, data in fast_files(pages, realdocs):
        n = len(pdfium.PdfDocument(data))
        ruled = sum(1 for page in read_pages(data, MAX_PAGE_CHARS) if page.tables)
        (bare, bare_cpu), (ours, ours_cpu) = alternating([pdfium_text, read_pdf], data, repeat)
        line = (f"{name[:44]:<44} {n:>5} {ruled:>6} {bare / n * 1000:>11.2f} {ours / n * 1000:>13.2f} {ours / bare:>6.2f}"
                f" {ours_cpu / bare_cpu:>9.2f}")
        if old:
            before = best_time(old_reader, data, repeat)
            line += f" {before / n * 1000:>9.2f} {before / ours:>8.2f}"
        kinds["tables" if ruled * 2 >= n else "text"].append((bare / n, ours / n))
        print(line, flush=True)
    for kind, rows in kinds.items():
        if rows:
            ratios = sorted(ours / bare for bare, ours in rows)
            print(f"{kind} pages (files where {'half or more' if kind == 'tables' else 'fewer than half'} of the pages hold a"
                  f" ruled table): ratio {ratios[0]:.2f}–{ratios[-1]:.2f}, median {ratios[len(ratios) // 2]:.2f}")


def alternating(runs: list[Callable[[bytes], object]], data: bytes, repeat: int) -> list[tuple[float, float]]:
    """Each run's best wall and best CPU time over `repeat` rounds, the runs taking turns in each round (so a
    neighbour's load falls on all of them alike)."""
    best = [(float("inf"), float("inf")) for _ in runs]
    for _ in range(repeat):
        for k, run in enumerate(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            run(data)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[k] = (min(best[k][0], wall), min(best[k][1], cpu))
    return best


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
    parser.add_argument("--old", action="store_true", help="in --fast, also time the pdfplumber reader (slow)")
    parser.add_argument("--realdocs", type=Path, default=REALDOCS, help="in --fast, also these PDFs (if present)")
    args = parser.parse_args()
    if args.fast:
        fast_table(args.repeat, args.fast_pages, args.old, args.realdocs)
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
