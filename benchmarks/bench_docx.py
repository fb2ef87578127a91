"""Time read_docx against bare python-docx paragraph text on generated report-like .docx files of several sizes.

    python benchmarks/bench_docx.py [PAGES ...]      # default: 10 50 200

A page is about 700 characters: one numbered heading (automatic numbering, four levels) and five body
paragraphs with figures; every fifth page adds an 8 × 7 self-evaluation table. python-docx's baseline is
`[p.text for p in Document(f).paragraphs]`: no tables, no numbering, no text boxes — the floor for opening
the package and walking the body once.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.make_docx import build_report  # noqa: E402
from selfeval_lint.ingest.docx import read_docx  # noqa: E402

BODY = (
    "2023年度我单位基本支出{a}万元，其中：一般公共服务支出{b}万元；科学技术支出{c}万元；社会保障和就业支出"
    "{d}万元，占{e}%。全年预算数{f}万元，执行数{g}万元，执行率{h}%，较上年增长{i}%，主要用于保障机关正常运转。"
)
HEADINGS = ("部门（单位）基本情况", "主要职责", "组织实施市科技重大专项工作", "加强预算绩效管理")


def report_lines(pages: int) -> list[tuple[int | None, str]]:
    lines: list[tuple[int | None, str]] = [(None, "2023年度岳阳市科学技术局部门整体支出绩效自评报告")]
    for page in range(pages):
        level = (0, 1, 2, 2, 1, 2, 3, 2)[page % 8]
        lines.append((level, f"{HEADINGS[level]}（第{page + 1}页）"))
        for n in range(5):
            k = page * 5 + n
            lines.append((None, BODY.format(a=708 + k, b=2.00 + k, c=582.56, d=53.08, e=7.49, f=1200 + k, g=1119.56,
                                            h=93.30, i=k % 17)))
    return lines


def report_docx(pages: int) -> bytes:
    document = build_report(report_lines(pages), automatic=True)
    paragraphs = document.paragraphs
    for page in range(4, pages, 5):
        table = document.add_table(rows=8, cols=7)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = "项目资金（万元）" if r == 0 and c == 0 else f"{100 + r * 7 + c}.00"
        paragraphs[1 + page * 6 + 5]._p.addnext(table._tbl)  # after that page's last paragraph
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def best_of(repeats: int, fn) -> tuple[float, float]:
    """Minimum and median wall time in seconds over `repeats` runs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main(sizes: list[int]) -> None:
    print(f"{'pages':>5} {'KB':>6} {'blocks':>6} | {'read_docx ms':>12} {'/page':>6} | {'python-docx ms':>14} {'/page':>6} | ratio")
    for pages in sizes:
        data = report_docx(pages)
        blocks = read_docx(data)
        repeats = 15 if pages <= 50 else 7
        ours, ours_median = best_of(repeats, lambda: read_docx(data))
        bare, bare_median = best_of(repeats, lambda: [p.text for p in Document(io.BytesIO(data)).paragraphs])
        print(
            f"{pages:>5} {len(data) / 1024:>6.0f} {len(blocks):>6} | {ours * 1000:>12.1f} {ours * 1000 / pages:>6.2f} |"
            f" {bare * 1000:>14.1f} {bare * 1000 / pages:>6.2f} | {ours / bare:.2f}"
            f"   (medians {ours_median * 1000:.1f} / {bare_median * 1000:.1f} ms)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 50, 200])
