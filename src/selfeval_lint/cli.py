"""The selfeval-lint command line: check, rules, rule, extract; exit status 0/1/2 as design.md says."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


class UsageError(Exception):
    """A problem with the command line or configuration: exit status 2."""


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfeval-lint",
        description="绩效自评报告检查工具 / checker for budget-performance self-evaluation reports",
    )
    parser.add_argument("--version", action="version", version=f"selfeval-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="检查报告 / check reports")
    check.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录；- 表示从标准输入读取文本")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    check.add_argument("-o", "--output", metavar="FILE", help="将报告写入文件（默认标准输出）")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES", help="只启用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--ignore", type=_codes, default=None, metavar="CODES", help="停用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--fail-on", choices=FAIL_ON, default="error", help="达到该级别的问题时退出码为 1（默认 error）")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认 CPU 核数）")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言（默认 zh）")

    rules = sub.add_parser("rules", help="列出全部规则 / list every rule")
    rules.add_argument("--lang", choices=("zh", "en"), default="zh")

    rule = sub.add_parser("rule", help="显示一条规则的说明 / show a rule's documentation")
    rule.add_argument("code", metavar="CODE")
    rule.add_argument("--lang", choices=("zh", "en"), default="zh")

    extract = sub.add_parser("extract", help="以 JSON 输出解析出的事实 / print the parsed facts as JSON")
    extract.add_argument("path", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "rule":
            return _rule(args)
        return _extract(args)
    except UsageError as exc:
        print(f"selfeval-lint: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _load_rule_data() -> None:
    from .rulesets import RuleSetError, load_rules

    try:
        load_rules()
    except RuleSetError as exc:
        raise UsageError(f"规则集文件有误 / broken rule set: {exc}") from None


def _check(args: argparse.Namespace) -> int:
    from .discover import expand_paths
    from .engine import Options
    from .registry import resolve_selection
    from .report import RENDERERS
    from .run import run_files

    try:
        selected = resolve_selection(args.select, args.ignore)
    except ValueError as exc:
        raise UsageError(f"未知的规则代码或前缀 / unknown rule code or prefix: {exc}") from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be a positive integer")
    _load_rule_data()
    files = expand_paths(args.paths)
    if not files:
        raise UsageError("没有找到要检查的文件 / no files to check")
    jobs = args.jobs or os.cpu_count() or 1
    results = run_files(files, Options(selected=selected), jobs)
    output = RENDERERS[args.format](results, args.lang)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(output)
        except OSError as exc:
            raise UsageError(f"无法写入 {args.output} / cannot write {args.output}: {exc.strerror}") from None
    else:
        sys.stdout.write(output)
    if args.fail_on == "never":
        return EXIT_OK
    threshold = FAIL_ON.index(args.fail_on)
    failing = any(FAIL_ON.index(f.severity.value) <= threshold for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from .registry import all_rules
    from .report.text import SEVERITY_NAMES

    for r in all_rules():
        print(f"{r.code}  {r.name:<28} {SEVERITY_NAMES[args.lang][r.severity.value]:<8} {r.summary(args.lang)}")
    return EXIT_OK


def _rule(args: argparse.Namespace) -> int:
    from .docs import rule_markdown
    from .registry import REGISTRY, all_rules

    all_rules()
    code = args.code.upper()
    if code not in REGISTRY:
        raise UsageError(f"没有规则 {code} / no rule {code}（selfeval-lint rules 列出全部规则）")
    sys.stdout.write(rule_markdown(REGISTRY[code], args.lang))
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    import json

    from .extract import extract_facts

    _load_rule_data()
    facts = extract_facts(args.path)
    sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    return EXIT_FINDINGS if facts.get("error") else EXIT_OK
