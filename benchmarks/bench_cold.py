"""Cold start: a one-file CLI check against its import floor, for this tree and (`--against REV`) an older revision,
every process run in alternation so a change in the machine's speed falls on all of them alike.

A tree's overhead is what its own code adds to a one-file run: the median over rounds of (the check's CPU − the
floor's CPU, both run in that round), less the tree's jieba dictionary load and its warm per-file CPU (the work no
start-up code can avoid). The floor is a fresh Python that imports the libraries a check uses and builds the blank
spaCy pipeline. Issue 14's target: the overhead halved against the revision before the cold-start work.

    python benchmarks/bench_cold.py --rounds 9 --against b950ec0^
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import children_cpu, report_docx  # noqa: E402

FLOOR = (
    "import sys; sys.modules['pkg_resources'] = None\n"
    "import docx, lxml.etree, yaml, spacy, jieba\n"
    "spacy.blank('zh').add_pipe('entity_ruler')  # the character segmenter: jieba's dictionary is counted apart\n"
)
CHECK = ("import sys; sys.argv = ['selfeval-lint', 'check', {path!r}, '--no-cache', '--format', 'json']\n"
         "from selfeval_lint.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n")
# jieba's dictionary load as the tree does it: from the user-cache prefix file where the tree has one, else
# jieba's own cache (imported first, so the import is not counted: the floor imports jieba too), with the cyclic
# collector paused where the tree pauses it (collector.kept_for_good), so that the saving is not counted twice
JIEBA = (
    "import sys, time\n"
    "try:\n"
    "    from selfeval_lint.collector import collector_paused as paused\n"
    "except ImportError:\n"
    "    from contextlib import nullcontext as paused\n"
    "try:\n"
    "    from selfeval_lint.analysis.segment import _import_jieba, _load_prefix_dictionary\n"
    "except ImportError:\n"
    "    import jieba\n"
    "    with paused():\n"
    "        t = time.process_time(); jieba.initialize()\n"
    "else:\n"
    "    j = _import_jieba()\n"
    "    with paused():\n"
    "        t = time.process_time(); _load_prefix_dictionary(j); j.initialize()\n"
    "print(time.process_time() - t)\n"
)
WARM = (  # CPU per file of the same check, once the process is warm (the first check is not counted)
    "import time\nfrom selfeval_lint.engine import Options, check_file\nfrom selfeval_lint.registry import all_rules\n"
    "options = Options(selected=frozenset(r.code for r in all_rules()))\ncheck_file({path!r}, options)\n"
    "best = float('inf')\n"
    "for _ in range(5):\n"
    "    t = time.process_time(); check_file({path!r}, options); best = min(best, time.process_time() - t)\n"
    "print(best)\n"
)


class Tree:
    """One source tree of the package, run in fresh processes with its own user cache directory."""

    def __init__(self, label: str, src: Path, cache: Path) -> None:
        self.label, self.src = label, src
        self.env = {**os.environ, "PYTHONPATH": str(src), "SELFEVAL_LINT_CACHE_DIR": str(cache)}
        compileall.compile_dir(str(src / "selfeval_lint"), quiet=1)  # as an installed package has its bytecode

    def cpu(self, code: str) -> float:
        """CPU seconds (user + system) of a fresh `python -c code` on this tree."""
        before = children_cpu()
        subprocess.run([sys.executable, "-c", code], cwd=self.src, env=self.env, check=True, capture_output=True)
        return children_cpu() - before

    def printed(self, code: str) -> float:
        return float(subprocess.run([sys.executable, "-c", code], cwd=self.src, env=self.env, check=True,
                                    capture_output=True, text=True).stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of floor and check runs (median)")
    parser.add_argument("--against", help="a revision to compare with (checked out in a temporary worktree)")
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    one = work / "report.docx"
    one.write_bytes(report_docx(args.pages))
    trees = [Tree("this tree", ROOT / "src", work / "cache-this")]
    old = work / "old"
    try:
        if args.against:
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.against], cwd=ROOT, check=True)
            trees.append(Tree(args.against, old / "src", work / "cache-old"))
        check = CHECK.format(path=str(one))
        for tree in trees:
            tree.cpu(check)  # the user caches built (a user's second run finds them)
        floors: list[float] = []
        rounds: dict[str, list[float]] = {t.label: [] for t in trees}
        for r in range(args.rounds):
            floor_first = r % 2 == 0  # alternate the order too
            floor = trees[0].cpu(FLOOR) if floor_first else None
            for tree in trees if r % 2 == 0 else trees[::-1]:
                rounds[tree.label].append(tree.cpu(check))
            if floor is None:
                floor = trees[0].cpu(FLOOR)
            floors.append(floor)
        print(f"{args.rounds} rounds; import floor median {statistics.median(floors) * 1000:.0f} ms"
              f" ({min(floors) * 1000:.0f}–{max(floors) * 1000:.0f})")
        overheads = {}
        for tree in trees:
            above = statistics.median(c - f for c, f in zip(rounds[tree.label], floors))
            jieba = min(tree.printed(JIEBA) for _ in range(3))
            warm = tree.printed(WARM.format(path=str(one)))
            overheads[tree.label] = above - jieba - warm
            print(f"{tree.label:>14}: check − floor {above * 1000:5.0f} ms (median) = jieba load {jieba * 1000:4.0f} ms"
                  f" + one warm file {warm * 1000:4.0f} ms + overhead {overheads[tree.label] * 1000:4.0f} ms")
        if args.against:
            new, before = overheads[trees[0].label], overheads[trees[1].label]
            print(f"overhead, this tree / {args.against}: {new / before:.2f}x  (target <= 0.5x:"
                  f" {'met' if new <= before / 2 else 'not met'})")
    finally:
        if args.against and old.exists():
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
        subprocess.run(["rm", "-rf", str(work)], check=False)


if __name__ == "__main__":
    main()
