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
import resource
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
    """Wall seconds of a fresh CLI process; its CPU seconds are added to CPU[args[0]] (the machine may be shared)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "selfeval_lint", *args], capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(" ".join(args[:1] + tuple(a for a in args if a == "ARI")), []).append(
        after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


CPU: dict[str, list[float]] = {}


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
    own = (  # jieba's own start-up: its marshal cache in the temporary directory
        "import time, json, sys; sys.modules['pkg_resources'] = None\n"
        "import jieba, logging; jieba.setLogLevel(logging.WARNING); t = time.perf_counter(); jieba.initialize()\n"
        "print(json.dumps({'jieba_own_load': time.perf_counter() - t}))\n"
    )
    subprocess.run([sys.executable, "-c", own], capture_output=True, check=True)  # jieba writes its cache once
    subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True)  # and ours

    def probed(code: str) -> dict[str, float]:
        return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)

    parts = [{**probed(probe), **probed(own)} for _ in range(repeats)]
    return {
        "help": statistics.median(run("--help") for _ in range(repeats)),
        "rules": statistics.median(run("rules") for _ in range(repeats)),
        "check_without_ARI": statistics.median(run("check", str(REFERENCE), "--no-cache", "--ignore", "ARI") for _ in range(repeats)),
        "check_all": statistics.median(run("check", str(REFERENCE), "--no-cache") for _ in range(repeats)),
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


def docx_layer(pages: int = 10, repeats: int = 5) -> tuple[float, float, float]:
    """CPU seconds of the statement layer (figures + statements, warm) on a generated report of `pages` pages, of
    its spaCy part alone (analyse_texts), and of a whole warm check of the same file: the least of `repeats`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import tempfile

    from bench_docx import report_docx

    from selfeval_lint.analysis.figures import find_figures
    from selfeval_lint.analysis.nlp import analyse_texts, pipeline
    from selfeval_lint.analysis.outline import build_outline
    from selfeval_lint.analysis.statements import recognise
    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.ingest import build_document
    from selfeval_lint.model import BlockKind
    from selfeval_lint.registry import all_rules
    from selfeval_lint.rulesets import load_rules

    rules = load_rules()
    pipeline()
    data = report_docx(pages)
    doc = build_document("report.docx", data, rules)
    outline = build_outline(doc, rules)
    texts = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    with tempfile.NamedTemporaryFile(suffix=".docx") as fh:
        fh.write(data)
        fh.flush()
        options = Options(selected=frozenset(r.code for r in all_rules()))

        def least(fn) -> float:
            fn()
            times = []
            for _ in range(repeats):
                started = time.process_time()
                fn()
                times.append(time.process_time() - started)
            return min(times)

        layer = least(lambda: recognise(doc, find_figures(doc), rules, outline))
        spacy_part = least(lambda: list(analyse_texts(texts)))
        whole = least(lambda: check_file(fh.name, options))
    return layer, spacy_part, whole


def main() -> None:
    import os
    import tempfile

    os.environ.setdefault("SELFEVAL_LINT_CACHE_DIR", tempfile.mkdtemp(prefix="bench-statements-"))  # not the user's
    copies = [int(a) for a in sys.argv[1:]] or [5, 20, 80]
    layer, spacy_part, whole = docx_layer()
    print(f"ten-page .docx, warm, CPU: statement layer {layer * 1000:.1f} ms (of which tokens and cues {spacy_part * 1000:.1f} ms);"
          f" whole check {whole * 1000:.1f} ms = {1 / whole:.1f} reports/s/core (target >= 40)\n")
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
    print("\ncold start (median of 3 fresh processes, seconds: wall, and CPU where it is a CLI run)")
    cpu = {"help": "--help", "rules": "rules", "check_without_ARI": "check ARI", "check_all": "check"}
    for key, value in cold.items():
        extra = f"   cpu {statistics.median(CPU[cpu[key]]):7.3f}" if key in cpu and CPU.get(cpu[key]) else ""
        print(f"  {key:<20} {value:7.3f}{extra}")
    nlp_cost = cold["spacy_import"] + cold["jieba_load"] + cold["pipeline_build"]
    print(f"\nshare of a full check's cold start spent on spaCy + jieba: {nlp_cost / cold['check_all']:.0%}")
    print(f"rules / help: {cold['rules'] / cold['help']:.2f}×; check without ARI / with: {cold['check_without_ARI'] / cold['check_all']:.2f}")
    saved = cold["jieba_own_load"] - cold["jieba_load"]
    print(f"jieba dictionary: {cold['jieba_load'] * 1000:.0f} ms with the project's prefix file vs {cold['jieba_own_load'] * 1000:.0f} ms"
          f" with jieba's own cache: saves {saved * 1000:.0f} ms (target >= 200 ms: {'met' if saved >= 0.2 else 'not met'})")


if __name__ == "__main__":
    main()
