"""Hostile long inputs: time and peak memory per file, each checked in a fresh process, at two sizes.

    python benchmarks/bench_hostile.py [SCALE]     # default 1.0: the sizes of issue #10; 0.1 for a quick look

Cases (at scale 1): a 1.7-million-character paragraph, a 20 MB line, 100,000 typed headings, 200,000
findings, 10,000 分别 statements, 100,000 placeholders, and a 50 MiB text. Each is checked at SCALE and at
SCALE/2 with every rule; the printed ratio is CPU time(SCALE) / CPU time(SCALE/2) (robust on a shared
machine), about 2 when the work is linear (4 when quadratic). A text past ingest/bounds.py's MAX_DOC_CHARS or
MAX_DOC_NUMBERS (the 50 MiB one) is refused with PAR004 before it is analysed, at bounded cost ("refused").
Peak memory, at SCALE and at SCALE/2 ("half"), is the checking process's maximum resident size
(resource.getrusage), minus nothing: it includes Python, spaCy and jieba (~170 MB). A case over
MEMORY_LIMIT_MB is marked.
"""

from __future__ import annotations

import json
import subprocess
import sys

MEMORY_LIMIT_MB = 500

CASES = {
    "paragraph": 'head + "本部门全年预算数为100万元，执行数为98万元，执行率98%。" * n(1.7e6 / 30)',
    "line": 'head + "x" * n(20e6)',
    "headings": 'head + "".join(f"（{i}）标题{i}\\n" for i in range(1, n(1e5)))',
    "findings": 'head + "这是XX。\\n" * n(2e5)',
    "fenbie": 'head + "".join(f"项目{i}和项目{i+1}分别为{i}万元、{i+1}万元和{i+2}万元。\\n" for i in range(n(1e4)))',
    "placeholders": 'head + "（此处填写）XXXX ×× 20XX年 【】" * n(1e5) + "\\n"',
    "50MiB": 'head + unit * n(50 * 2**20 / len(unit.encode()) * 0.95)',
}

PROBE = """
import json, resource, sys, time
scale = float(sys.argv[1])
n = lambda x: max(1, int(x * scale))
head = "2023年度某局部门整体支出绩效自评报告\\n一、部门基本情况\\n"
unit = "（一）项目情况\\n本部门2023年预算数为123.45万元，其中：基本支出100万元，项目支出23.45万元，执行率为98.5%。\\n"
data = ({expr}).encode()
from selfeval_lint.engine import Options, check_bytes
from selfeval_lint.registry import resolve_selection
options = Options(selected=resolve_selection(None, None), timeout_seconds=None)
check_bytes("warm.txt", head.encode(), options)  # imports and pipelines loaded before the clock starts
start, cpu = time.perf_counter(), time.process_time()
result = check_bytes("{name}.txt", data, options)
print(json.dumps({{"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "mb": len(data) / 2**20,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "findings": len(result.findings), "crash": any(f.code == "PAR006" for f in result.findings),
                  "refused": result.findings[0].code if result.unreadable else None}}))
"""


def measure(name: str, scale: float) -> dict:
    code = PROBE.format(expr=CASES[name], name=name)
    out = subprocess.run([sys.executable, "-c", code, str(scale)], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return {"seconds": float("nan"), "cpu": float("nan"), "mb": 0, "peak_mb": float("nan"), "findings": 0, "crash": True, "refused": None}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scale", nargs="?", type=float, default=1.0, help="1.0: the sizes of issue #10; 0.1 for a quick look")
    scale = parser.parse_args().scale
    print(f"{'case':<13}{'MB':>7}{'seconds':>10}{'ratio':>8}{'peak MB':>10}{'(half)':>8}{'findings':>10}")
    for name in CASES:
        half, full = measure(name, scale / 2), measure(name, scale)
        ratio = full["cpu"] / half["cpu"] if half["cpu"] else float("nan")  # CPU time: robust on a shared machine
        flag = "  over the memory limit" if full["peak_mb"] > MEMORY_LIMIT_MB else ""
        flag += "  CRASH (PAR006)" if full["crash"] else ""
        flag += f"  refused ({full['refused']})" if full.get("refused") else ""
        print(f"{name:<13}{full['mb']:>7.1f}{full['seconds']:>10.1f}{ratio:>8.2f}{full['peak_mb']:>10.0f}"
              f"{half['peak_mb']:>8.0f}{full['findings']:>10}{flag}", flush=True)

if __name__ == "__main__":
    main()
