"""The selfeval-lint command line: check, rules, rule, extract; exit status 0/1/2 as design.md says."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
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
    check.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="输出格式（默认 text）")
    check.add_argument("-o", "--output", metavar="FILE", help="将报告写入文件（默认标准输出）")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES", help="只启用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--ignore", type=_codes, default=None, metavar="CODES", help="停用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--fail-on", choices=FAIL_ON, default=None, help="达到该级别的问题时退出码为 1（默认 error）")
    check.add_argument("--template", default=None, metavar="ID|auto", help="按指定模板检查；auto 按标题识别（默认）")
    check.add_argument("--config", default=None, metavar="FILE", help="配置文件（默认向上查找 selfeval-lint.toml 或 pyproject.toml）")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认 CPU 核数）")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help="消息语言（默认 zh）")
    check.add_argument("-q", "--quiet", action="store_true", help="不显示进度条 / no progress bar on stderr")
    check.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                       help="复用未改动文件的检查结果（默认开启）/ reuse results of unchanged files (default on)")
    check.add_argument("--cache-dir", default=None, metavar="DIR", help="结果缓存目录（默认用户缓存目录）/ result store directory")
    check.add_argument("--executor", choices=("local", "dask"), default="local", help="local：本机进程；dask：Dask 集群")
    check.add_argument("--scheduler", default="local", metavar="tcp://HOST:PORT|local", help="Dask 调度器地址；local 启动本机集群")
    check.add_argument("--dask-send", choices=("bytes", "path"), default="bytes",
                       help="bytes：发送文件内容；path：工作节点从共享存储读取 / send file bytes, or paths on shared storage")

    rules = sub.add_parser("rules", help="列出全部规则 / list every rule")
    rules.add_argument("--lang", choices=("zh", "en"), default="zh")

    rule = sub.add_parser("rule", help="显示一条规则的说明 / show a rule's documentation")
    rule.add_argument("code", metavar="CODE")
    rule.add_argument("--lang", choices=("zh", "en"), default="zh")

    extract = sub.add_parser("extract", help="以 JSON 输出解析出的事实 / print the parsed facts as JSON")
    extract.add_argument("path", metavar="FILE")
    extract.add_argument("--template", default=None, metavar="ID|auto", help="按指定模板分析；auto 按标题识别（默认）")
    extract.add_argument("--config", default=None, metavar="FILE", help="配置文件（默认向上查找）")

    templates = sub.add_parser("templates", help="列出可用的报告模板 / list the report templates")
    templates.add_argument("--check", metavar="DIR", help="校验该目录中的模板文件 / validate the templates in DIR")
    templates.add_argument("--config", default=None, metavar="FILE", help="配置文件（其 rule-dirs 中的模板也列出）")

    compare = sub.add_parser("compare", help="比对两轮报送的检查结果 / which findings were fixed, remain, are new")
    compare.add_argument("old", metavar="OLD", help="上一轮的文件或目录 / the earlier file or folder")
    compare.add_argument("new", metavar="NEW", help="新一轮的文件或目录 / the new file or folder")
    compare.add_argument("--format", choices=("text", "json", "xlsx"), default="text", help="输出格式（默认 text；xlsx 需 -o）")
    compare.add_argument("-o", "--output", metavar="FILE", help="将结果写入文件（默认标准输出）")
    compare.add_argument("--select", type=_codes, default=None, metavar="CODES", help="只启用这些规则")
    compare.add_argument("--ignore", type=_codes, default=None, metavar="CODES", help="停用这些规则")
    compare.add_argument("--template", default=None, metavar="ID|auto", help="按指定模板检查")
    compare.add_argument("--config", default=None, metavar="FILE", help="配置文件")
    compare.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数")
    compare.add_argument("--lang", choices=("zh", "en"), default=None, help="消息语言（默认 zh）")
    compare.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True, help="复用未改动文件的检查结果")
    compare.add_argument("--cache-dir", default=None, metavar="DIR", help="结果缓存目录")

    cache = sub.add_parser("cache", help="结果缓存 / the result store")
    cache.add_argument("action", choices=("clean",), help="clean：删除缓存 / delete the store")
    cache.add_argument("--cache-dir", default=None, metavar="DIR", help="结果缓存目录（默认用户缓存目录）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE") and argv is None:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `selfeval-lint rules | head` ends quietly
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
        if args.command == "templates":
            return _templates(args)
        if args.command == "cache":
            return _cache(args)
        if args.command == "compare":
            return _compare(args)
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
    from .config import find_config
    from .discover import expand_paths
    from .run import default_jobs, run_stream

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be a positive integer")
    _load_rule_data()
    explicit = _explicit_config(args)
    run_config = explicit or _guard(lambda: find_config(Path.cwd()))
    files = expand_paths(args.paths)
    if not files:
        raise UsageError("没有找到要检查的文件 / no files to check")
    work = _work(args, files, explicit)
    jobs = args.jobs or default_jobs()
    lang = args.lang or run_config.get("lang", "zh")
    store = _store(args)
    try:
        summary = _write_report(args, run_stream(work, jobs, store, _executor(args)), len(work), lang)
    finally:
        if store is not None:
            store.close()
    fail_on = args.fail_on or run_config.get("fail-on", "error")
    if fail_on == "never":
        return EXIT_OK
    counts = (summary.errors, summary.warnings, summary.infos)
    return EXIT_FINDINGS if any(counts[: FAIL_ON.index(fail_on) + 1]) else EXIT_OK


def _work(args: argparse.Namespace, files: list[str], explicit):  # type: ignore[no-untyped-def]
    """Each file with its options (one Options object per distinct configuration, shared by its files)."""
    from .config import Config, config_for

    cache: dict[tuple[Path | None, tuple[str, ...]], object] = {}
    work = []
    for path in files:
        config: Config = explicit or _guard(lambda path=path: config_for(path))
        ignored = tuple(config.ignored_for(path))
        key = (config.path, ignored)
        if key not in cache:
            cache[key] = _options(args, config, ignored)
        work.append((path, cache[key]))
    return work


def _executor(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """None for the local pool; a Dask executor for --executor dask (dask[distributed] must be installed)."""
    if args.executor != "dask":
        return None
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("--executor dask 需要安装 dask[distributed] / needs: pip install 'selfeval-lint[dask]'") from None
    from .dask_run import DaskExecutor

    return DaskExecutor(args.scheduler, args.dask_send)


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .cache import Store

    return Store(Path(args.cache_dir) if args.cache_dir else None) if args.cache else None


def _compare(args: argparse.Namespace) -> int:
    from .compare import pair_results, render_json, render_text, render_xlsx
    from .discover import expand_paths
    from .run import default_jobs, run_files

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be a positive integer")
    _load_rule_data()
    for path in (args.old, args.new):
        if not Path(path).exists():
            raise UsageError(f"找不到 {path} / not found: {path}")
    if args.format == "xlsx" and not args.output:
        raise UsageError("--format xlsx 需要 -o FILE / --format xlsx needs -o FILE")
    explicit = _explicit_config(args)
    old_files, new_files = expand_paths([args.old]), expand_paths([args.new])
    if not old_files or not new_files:
        raise UsageError("没有找到要比对的文件 / no files to compare")
    store = _store(args)
    try:
        results = run_files(_work(args, old_files + new_files, explicit), args.jobs or default_jobs(), store)
    finally:
        if store is not None:
            store.close()
    pairs = pair_results(results[: len(old_files)], results[len(old_files) :], args.old, args.new)
    lang = args.lang or (explicit.get("lang", "zh") if explicit else "zh")
    if args.format == "xlsx":
        try:
            render_xlsx(pairs, lang, args.output)
        except OSError as exc:
            raise UsageError(f"无法写入 {args.output} / cannot write {args.output}: {exc.strerror}") from None
        return EXIT_OK
    output = (render_json if args.format == "json" else render_text)(pairs, lang)
    if args.output:
        try:
            Path(args.output).write_text(output, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"无法写入 {args.output} / cannot write {args.output}: {exc.strerror}") from None
    else:
        sys.stdout.write(output)
    return EXIT_OK


def _write_report(args: argparse.Namespace, stream, total: int, lang: str):  # type: ignore[no-untyped-def]
    """Write the report as results come (streaming formats) or at the end; a progress bar on a terminal."""
    from .report import RENDERERS, STREAMING
    from .report.progress import Progress, progress_wanted
    from .report.stream import emit
    from .report.summary import summarise

    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        raise UsageError(f"无法写入 {args.output} / cannot write {args.output}: {exc.strerror}") from None
    progress = Progress(total, lang) if progress_wanted(args.quiet) else None
    try:
        if args.format in STREAMING:
            return emit(stream, STREAMING[args.format], lang, out, progress)
        results = [None] * total
        for index, result in stream:
            results[index] = result
            if progress is not None:
                progress.advance()
        if progress is not None:
            progress.close()
            progress = None
        out.write(RENDERERS[args.format](results, lang))
        return summarise(results)
    finally:
        if progress is not None:
            progress.close()
        if args.output:
            out.close()


def _cache(args: argparse.Namespace) -> int:
    from .cache import Store

    store = Store(Path(args.cache_dir) if args.cache_dir else None)
    removed = store.clean()
    print(f"已清除结果缓存 / result store removed: {store.path}" if removed else f"没有结果缓存 / no result store at {store.path}")
    return EXIT_OK


def _explicit_config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .config import load_config

    if not args.config:
        return None
    path = Path(args.config)
    if not path.is_file():
        raise UsageError(f"配置文件不存在 / config file not found: {path}")
    return _guard(lambda: load_config(path))


def _guard(load):  # type: ignore[no-untyped-def]
    """Run a configuration or rule-set load; a broken file is a usage error (exit 2) naming file and key."""
    from .config import ConfigError
    from .rulesets import RuleSetError

    try:
        return load()
    except ConfigError as exc:
        raise UsageError(f"配置文件有误 / broken configuration: {exc}") from None
    except RuleSetError as exc:
        raise UsageError(f"规则集文件有误 / broken rule set: {exc}") from None


def _options(args: argparse.Namespace, config, ignored: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The per-file options: command line first, then the file's configuration, then defaults."""
    from .engine import Options
    from .registry import resolve_selection
    from .templates import load_templates

    select = args.select if args.select is not None else config.get("select")
    extend = [] if args.select is not None else config.get("extend-select", [])
    ignore = [*config.get("ignore", []), *(args.ignore or []), *ignored]
    try:
        selected = resolve_selection([*(select if select is not None else ["ALL"]), *extend], ignore)
    except ValueError as exc:
        raise UsageError(f"未知的规则代码或前缀 / unknown rule code or prefix: {exc}") from None
    template_dirs = config.rule_dirs()
    templates = _guard(lambda: load_templates(template_dirs))
    template = args.template or config.get("template", "auto")
    if template != "auto" and template not in {t.id for t in templates}:
        known = ", ".join(t.id for t in templates)
        raise UsageError(f"没有模板 {template} / no template {template} (known: {known})")
    return Options(
        selected=selected,
        max_bytes=config.max_bytes(),
        template=template,
        template_dirs=template_dirs,
        severity=config.severities(),
        tolerance=config.tolerance(),
    )


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

    from .config import config_for

    _load_rule_data()
    config = _explicit_config(args) or _guard(lambda: config_for(args.path))
    args.select, args.ignore = None, None
    options = _options(args, config, ())
    facts = extract_facts(args.path, options)
    sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    return EXIT_FINDINGS if facts.get("error") else EXIT_OK


def _templates(args: argparse.Namespace) -> int:
    from .config import find_config
    from .templates import load_template, load_templates

    if args.check:
        directory = Path(args.check)
        paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]) if directory.is_dir() else []
        if not paths:
            raise UsageError(f"{directory} 中没有模板文件 / no template files (*.yaml) in {directory}")
        for path in paths:
            template = _guard(lambda path=path: load_template(path))
            print(f"{path}: OK ({template.id}, {len(template.sections)} sections)")
        return EXIT_OK
    config = _explicit_config(args) or _guard(lambda: find_config(Path.cwd()))
    for t in _guard(lambda: load_templates(config.rule_dirs())):
        if t.fallback:
            detect = "默认（其他模板都不匹配时）/ fallback"
        else:
            detect = "标题含 " + "、".join(t.title_any) + ("，且不含 " + "、".join(t.title_none) if t.title_none else "")
        print(f"{t.id:<30} {t.name}\n    {detect}\n    {len(t.sections)} 个一级部分 · {t.source}")
    return EXIT_OK
