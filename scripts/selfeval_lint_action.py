"""The GitHub Action's run step: check with SARIF output, then set the step's outputs and job summary.

Reads INPUT_PATHS, INPUT_ARGS, INPUT_FAIL_ON, INPUT_SARIF_FILE; writes exit-code and sarif-file to
$GITHUB_OUTPUT and a table of counts to $GITHUB_STEP_SUMMARY. It always exits 0 so that the SARIF upload
runs; the action's last step fails the job with selfeval-lint's exit status. Runs anywhere (tests call it)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

LEVELS = {"error": "错误 error", "warning": "警告 warning", "note": "提示 info"}


def main() -> int:
    paths = shlex.split(os.environ.get("INPUT_PATHS") or ".")
    extra = shlex.split(os.environ.get("INPUT_ARGS") or "")
    sarif = os.environ.get("INPUT_SARIF_FILE") or "selfeval-lint.sarif"
    fail_on = os.environ.get("INPUT_FAIL_ON") or "error"
    command = [sys.executable, "-m", "selfeval_lint", "check", *paths, "--format", "sarif", "-o", sarif,
               "--fail-on", fail_on, *extra]
    print("+ " + shlex.join(command[1:]), flush=True)
    code = subprocess.run(command).returncode
    written = Path(sarif).is_file() and code in (0, 1)
    _append("GITHUB_OUTPUT", f"exit-code={code}\nsarif-file={sarif if written else ''}\n")
    if written:
        _append("GITHUB_STEP_SUMMARY", summary(json.loads(Path(sarif).read_text(encoding="utf-8"))))
    return 0


def summary(log: dict) -> str:
    """A Markdown table of the results per level and per rule, for the job summary."""
    results = [r for run in log["runs"] for r in run["results"] if not r.get("suppressions")]
    levels = Counter(r["level"] for r in results)
    rules = Counter(r["ruleId"] for r in results)
    lines = ["## selfeval-lint", "", "| 级别 level | 数量 count |", "|---|---|"]
    lines += [f"| {LEVELS[level]} | {levels.get(level, 0)} |" for level in LEVELS]
    if rules:
        lines += ["", "| 规则 rule | 数量 count |", "|---|---|"]
        lines += [f"| {code} | {n} |" for code, n in sorted(rules.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join(lines) + "\n"


def _append(variable: str, text: str) -> None:
    target = os.environ.get(variable)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main())
