"""Statements per second on long reports, and what share of a cold start goes to importing spaCy and loading jieba.

    python benchmarks/bench_statements.py [COPIES ...]      # default: 5 20 80 copies of the reference body

A "long report" repeats the reference report's body (and a paragraph full of statements of every shape)
COPIES times. Cold start is measured in fresh processes: `selfeval-lint --help`, `rules`, and a check of the
reference report with and without the ARI rules (the only ones that load spaCy); the imports of spaCy and
jieba's dictionary load are timed inside the checking process. All figures come from one run, so the ratios
compare like with like.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "corpus" / "yueyang-kjj-2023-dept-selfeval.txt"
SHAPES = (
    "2023年度收入1234.56万元，其中：财政拨款收入1200.00万元，占97.20%；其他收入34.56万元，占2.80%。"
    "年初预算数1000.00万元，全年预算数1200.00万元，执行数1180.00万元，执行率98.33%。"
    "支出1100.00万元，比上年增加100.00万元，增长10.00%。人员经费、公用经费分别为582.56万元、125.72万元。"
    "A项目100.00万元，B项目200.00万元，合计300.00万元。内设科室3个，即办公室、财务科、人事科。\n"
)


def run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "selfeval_lint", *args], capture_output=True, check=False)
    return time.perf_counter() - start


def cold_start(repeats: int = 3) -> dict[str, float]:
    probe = (
        "import time, json\n"
        "t0 = time.perf_counter(); import spacy; t1 = time.perf_counter()\n"
        "from selfeval_lint.rulesets import load_rules; rules = load_rules()\n"
        "from selfeval_lint.analysis.segment import segmenter\n"
        "segmenter(rules).words('预热'); t2 = time.perf_counter()\n"
        "from selfeval_lint.analysis.nlp import pipeline\n"
        "pipeline(rules); t3 = time.perf_counter()\n"
        "print(json.dumps({'spacy_import': t1 - t0, 'jieba_load': t2 - t1, 'pipeline_build': t3 - t2}))\n"
    )
    parts = [json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout) for _ in range(repeats)]
    return {
        "help": statistics.median(run("--help") for _ in range(repeats)),
        "rules": statistics.median(run("rules") for _ in range(repeats)),
        "check_without_ARI": statistics.median(run("check", str(REFERENCE), "--ignore", "ARI") for _ in range(repeats)),
        "check_all": statistics.median(run("check", str(REFERENCE)) for _ in range(repeats)),
        **{key: statistics.median(p[key] for p in parts) for key in parts[0]},
    }


def throughput(copies: int) -> tuple[int, int, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from selfeval_lint.analysis.figures import find_figures
    from selfeval_lint.analysis.nlp import pipeline
    from selfeval_lint.analysis.outline import build_outline
    from selfeval_lint.analysis.statements import recognise
    from selfeval_lint.ingest import build_document
    from selfeval_lint.rulesets import load_rules

    rules = load_rules()
    pipeline(rules)  # warm: this measures the steady state of a worker
    lines = REFERENCE.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[3:]) + "\n" + SHAPES
    text = "\n".join(lines[:3]) + "\n" + body * copies
    doc = build_document("long.txt", text.encode("utf-8"), rules)
    outline = build_outline(doc, rules)
    start = time.perf_counter()
    figures = find_figures(doc, rules)
    statements = recognise(doc, figures, rules, outline)
    elapsed = time.perf_counter() - start
    count = sum(len(getattr(statements, name)) for name in statements.__dataclass_fields__)
    return len(text), count, elapsed


def long_paragraph(copies: int) -> tuple[int, float]:
    """Seconds for figures + statements of ONE paragraph made of `copies` breakdown sentences."""
    sys.path.insert(0, str(ROOT / "src"))
    from selfeval_lint.analysis.figures import find_figures
    from selfeval_lint.analysis.outline import build_outline
    from selfeval_lint.analysis.statements import recognise
    from selfeval_lint.ingest import build_document
    from selfeval_lint.rulesets import load_rules

    rules = load_rules()
    sentence = SHAPES.split("。")[0] + "。"
    text = "一、情况\n" + sentence * copies + "\n"
    doc = build_document("long.txt", text.encode("utf-8"), rules)
    outline = build_outline(doc, rules)
    start = time.perf_counter()
    recognise(doc, find_figures(doc, rules), rules, outline)
    return len(text), time.perf_counter() - start


def main() -> None:
    copies = [int(a) for a in sys.argv[1:]] or [5, 20, 80]
    print("throughput (warm pipeline): figures + statements")
    print(f"{'copies':>7} {'chars':>9} {'statements':>11} {'seconds':>8} {'statements/s':>13} {'chars/s':>10}")
    for n in copies:
        chars, count, seconds = throughput(n)
        print(f"{n:>7} {chars:>9} {count:>11} {seconds:>8.3f} {count / seconds:>13.0f} {chars / seconds:>10.0f}")
    print("\none long paragraph (must grow linearly: 4× the text, about 4× the time)")
    previous = None
    for n in (250, 1000, 4000):
        chars, seconds = long_paragraph(n)
        ratio = f"  ×{seconds / previous:.1f}" if previous else ""
        print(f"  {chars:>8} chars {seconds:7.3f} s{ratio}")
        previous = seconds
    cold = cold_start()
    print("\ncold start (median of 3 fresh processes, seconds)")
    for key, value in cold.items():
        print(f"  {key:<20} {value:7.3f}")
    nlp_cost = cold["spacy_import"] + cold["jieba_load"] + cold["pipeline_build"]
    print(f"\nshare of a full check's cold start spent on spaCy + jieba: {nlp_cost / cold['check_all']:.0%}")
    print(f"rules / help: {cold['rules'] / cold['help']:.2f}×; check without ARI / with: {cold['check_without_ARI'] / cold['check_all']:.2f}")


if __name__ == "__main__":
    main()
