"""A batch as a finance bureau runs it: N generated ten-page .docx reports checked by the CLI in fresh processes.

    python benchmarks/bench_batch.py                # N = 40 (quick)
    python benchmarks/bench_batch.py --files 1000   # the full measurement
    python benchmarks/bench_batch.py --no-dask      # without the Dask runs

Prints, per run: wall and CPU time (this process's children: the CLI and its workers), time to the first
result (the first jsonl line), and the peak resident memory of any one process. Then the ratios: --jobs 2 vs
--jobs 1 (wall, and CPU so that a busy machine can be read), warm reports/s/core, the re-check with the result
store vs the first run, Dask (LocalCluster, same worker count) vs the local pool.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_docx import report_docx  # noqa: E402


def children_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def run(label: str, folder: Path, *options: str) -> dict[str, float]:
    """One CLI run over `folder` in a fresh process: wall, CPU, first result, peak RSS (of any process so far)."""
    command = [sys.executable, "-m", "selfeval_lint", "check", str(folder), "--format", "jsonl", "--quiet", *options]
    cpu_before, _ = children_usage()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    first = None
    lines = 0
    assert process.stdout is not None
    for _ in process.stdout:
        lines += 1
        if first is None:
            first = time.perf_counter() - started
    process.wait()
    wall = time.perf_counter() - started
    cpu_after, peak_kb = children_usage()
    stats = {"wall": wall, "cpu": cpu_after - cpu_before, "first": first or wall, "files": lines - 1, "peak_mb": peak_kb / 1024}
    print(f"{label:<34} wall {wall:7.2f} s  cpu {stats['cpu']:7.2f} s  first result {stats['first']:6.2f} s"
          f"  files {stats['files']:>5}  peak RSS so far {stats['peak_mb']:6.0f} MB", flush=True)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        folder = work / "reports"
        folder.mkdir()
        variants = [report_docx(args.pages + k) for k in range(4)]
        for n in range(args.files):
            (folder / f"report-{n:04d}.docx").write_bytes(variants[n % len(variants)])
        single = work / "single"
        single.mkdir()
        shutil.copy(folder / "report-0000.docx", single)
        store = ["--cache-dir", str(work / "store")]
        print(f"{args.files} reports of {args.pages}–{args.pages + 3} pages; machine load {Path('/proc/loadavg').read_text().split()[0]}")
        one = run("one file, --jobs 1", single, "--jobs", "1", "--no-cache")
        serial = run("--jobs 1", folder, "--jobs", "1", "--no-cache")
        pool = run("--jobs 2", folder, "--jobs", "2", "--no-cache")
        first_store = run("--jobs 2, store (first run)", folder, "--jobs", "2", *store)
        again = run("--jobs 2, store (re-check)", folder, "--jobs", "2", *store)
        dask = None
        if not args.no_dask:
            dask = run("--executor dask (LocalCluster, 2)", folder, "--jobs", "2", "--no-cache", "--executor", "dask")
        print()
        print(f"--jobs 2 vs --jobs 1: {serial['wall'] / pool['wall']:.2f}x faster (wall); CPU {pool['cpu'] / serial['cpu']:.2f}x")
        budget = 2 * one["wall"]
        print(f"first result (--jobs 2): {pool['first']:.2f} s = {pool['first'] / one['wall']:.2f} x (start-up + one file); "
              f"target <= 2 x: {'met' if pool['first'] <= budget else 'not met'}")
        warm_cpu = max(1e-9, serial["cpu"] - one["cpu"])
        print(f"warm reports/s/core: {(args.files - 1) / warm_cpu:.1f}  (CPU of --jobs 1 minus a one-file run)")
        print(f"re-check with the store: {again['wall'] / first_store['wall'] * 100:.1f} % of the first run (wall)")
        if dask:
            print(f"Dask vs local pool (2 workers): {dask['wall'] / pool['wall']:.2f}x wall, {dask['cpu'] / pool['cpu']:.2f}x CPU")
        print(f"peak RSS of any process: {max(r['peak_mb'] for r in (one, serial, pool)):.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
