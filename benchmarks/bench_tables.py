"""Time reading a 200-row self-evaluation table (绩效自评表) from .docx, .pdf and .xlsx against the bare library on
the same file.

    python benchmarks/bench_tables.py [ROWS]      # default: 200 indicator rows

Ours is the whole reading a check needs: `build_document` (ingest: format sniffing, size checks, cells with
merges and offsets, title) plus `read_tables` (the table model: funds block, indicator grid, targets parsed
and judged). The baselines only get the cell texts: python-docx `[[c.text for c in r.cells] for r in
t.rows]`, pdfplumber `page.extract_tables()` on every page, openpyxl `load_workbook(read_only=True,
data_only=True)` and `iter_rows(values_only=True)`. The .pdf is printed from the .docx by LibreOffice.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from scripts.build_tables import ROWS, TITLE, build_docx, build_xlsx  # noqa: E402
from selfeval_lint.analysis.selfeval_table import read_tables  # noqa: E402
from selfeval_lint.ingest import build_document  # noqa: E402
from selfeval_lint.rulesets import load_rules  # noqa: E402


def table_rows(n: int) -> list[list[str]]:
    """The corpus table with its indicator grid grown to `n` rows (no merges below the header)."""
    grid = [["", "产出指标", "数量指标", f"支持科技项目数{i + 1}", "≥30个", "32个", "0.5", "0.5", "无"] for i in range(n)]
    return ROWS[:10] + grid + ROWS[19:]


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rules = load_rules()
    rows = table_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        docx, xlsx = Path(tmp, "t.docx"), Path(tmp, "t.xlsx")
        import scripts.build_tables as bt

        merges, bt.MERGES = bt.MERGES, [m for m in bt.MERGES if m[2] < 10]  # only the header's merges
        try:
            build_docx(rows, docx, title=TITLE)
            build_xlsx(rows, xlsx)
        finally:
            bt.MERGES = merges
        subprocess.run(["soffice", f"-env:UserInstallation={Path(tmp, 'p').as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=300)
        pdf = Path(tmp, "t.pdf")

        def ours(path: Path):  # type: ignore[no-untyped-def]
            data = path.read_bytes()
            return lambda: read_tables(build_document(path.name, data, rules), rules.tables)

        def bare_docx() -> None:
            from docx import Document

            for t in Document(io.BytesIO(docx.read_bytes())).tables:
                [[c.text for c in r.cells] for r in t.rows]

        def bare_pdf() -> None:
            import pdfplumber

            with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
                for page in doc.pages:
                    page.extract_tables()

        def bare_xlsx() -> None:
            import openpyxl

            wb = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()), read_only=True, data_only=True)
            for ws in wb.worksheets:
                list(ws.iter_rows(values_only=True))
            wb.close()

        found = ours(docx)()
        assert len(found[0].indicators) >= n, "the grid was not read"
        print(f"{n} indicator rows; median of 5 runs")
        print(f"{'format':6} {'ours (s)':>9} {'bare (s)':>9} {'ratio':>6}  baseline")
        for fmt, path, bare, name in (("docx", docx, bare_docx, "python-docx cell texts"),
                                      ("pdf", pdf, bare_pdf, "pdfplumber extract_tables"),
                                      ("xlsx", xlsx, bare_xlsx, "openpyxl read-only values")):
            a, b = timed(ours(path)), timed(bare)
            print(f"{fmt:6} {a:9.3f} {b:9.3f} {a / b:6.2f}  {name}")


if __name__ == "__main__":
    main()
