"""The selfeval-lint command line: check, rules, rule, extract; exit status 0/1/2 as design.md says."""

from __future__ import annotations

import argparse
import itertools
import signal
import sys
from pathlib import Path
from collections.abc import Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
FORMATS = ("text", "json", "jsonl", "csv", "xlsx", "html", "sarif", "junit", "github", "gitlab", "concise")  # report.RENDERERS


class UsageError(Exception):
    """A problem with the command line or configuration: exit status 2."""


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    from .cache import DEFAULT_MAX_MB

    parser = argparse.ArgumentParser(
        prog="selfeval-lint",
        description="绩效自评报告检查工具 / checker for budget-performance self-evaluation reports",
    )
    parser.add_argument("--version", action="version", version=f"selfeval-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="检查报告 / check reports")
    check.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录；- 表示从标准输入读取文本")
    check.add_argument("--format", "--output-format", dest="format", choices=FORMATS, default=None, help="输出格式（默认 text，或配置 output-format）")
    check.add_argument("--exclude", type=_codes, default=[], metavar="GLOBS", help="不检查这些文件或目录（glob，逗号分隔，加在配置的 exclude 之后）")
    check.add_argument("--force-exclude", action="store_true", help="命令行直接列出的文件也按 include/exclude 筛选（pre-commit 用）")
    check.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有的问题 / report only findings not in FILE")
    check.add_argument("--write-baseline", metavar="FILE", help="把当前全部问题写入基线文件 / record the current findings in FILE")
    check.add_argument("--statistics", action="store_true", help="只列出每条规则的问题数 / counts per rule")
    check.add_argument("-o", "--output", metavar="FILE", help="将报告写入文件（默认标准输出）")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES", help="只启用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--ignore", type=_codes, default=None, metavar="CODES", help="停用这些规则（代码或前缀，逗号分隔）")
    check.add_argument("--fail-on", choices=FAIL_ON, default=None, help="达到该级别的问题时退出码为 1（默认 error）")
    check.add_argument("--template", default=None, metavar="ID|auto", help="按指定模板检查；auto 按标题识别（默认）")
    check.add_argument("--config", default=None, metavar="FILE", help="配置文件（默认向上查找 selfeval-lint.toml 或 pyproject.toml）")
    check.add_argument("--jobs", type=int, default=None, metavar="N", help="并行进程数（默认 CPU 核数）")
    check.add_argument("--lang", choices=("zh", "en"), default=None, help="消息语言（默认 zh）")
    check.add_argument("--annotate", metavar="DIR", default=None, help="把每个 Word/PDF 文件加上批注后写入 DIR（原文件不变）")
    check.add_argument("-q", "--quiet", action="store_true", help="不显示进度条 / no progress bar on stderr")
    check.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                       help="复用未改动文件的检查结果（默认开启）/ reuse results of unchanged files (default on)")
    check.add_argument("--cache-dir", default=None, metavar="DIR", help="结果缓存目录（默认用户缓存目录）/ result store directory")
    check.add_argument("--cache-max-mb", type=_megabytes, default=None, metavar="MB",
                       help=f"结果缓存上限（默认 {DEFAULT_MAX_MB} MB，超出时删除最早的结果）/ the store's bound")
    check.add_argument("--executor", choices=("local", "dask"), default="local", help="local：本机进程；dask：Dask 集群")
    check.add_argument("--scheduler", default="local", metavar="tcp://HOST:PORT|local", help="Dask 调度器地址；local 启动本机集群")
    check.add_argument("--dask-send", choices=("bytes", "path"), default=None,
                       help="bytes：发送文件内容（远程调度器默认）；path：工作节点从共享存储读取（local 默认） / "
                            "send file bytes (default for a remote scheduler), or paths on shared storage (default for local)")

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

    formats = sub.add_parser("formats", help="列出可读取的文件格式 / list the input formats (readers)")
    formats.add_argument("--lang", choices=("zh", "en"), default="zh")
    formats.add_argument("--json", action="store_true", help="以 JSON 输出 / print as JSON")

    serve = sub.add_parser("serve", help="启动供编写人员使用的网页 / serve the web page for report authors")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认仅本机 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--config", default=None, metavar="FILE", help="配置文件（规则选择、模板目录等，与 check 相同）")
    serve.add_argument("--jobs", type=int, default=None, metavar="N", help="检查进程数（默认 CPU 核数）")
    serve.add_argument("--max-upload-mb", type=float, default=None, metavar="MB", help="单个文件大小上限（默认取配置的 max-file-size-mb，50）")
    serve.add_argument("--max-files", type=int, default=20, metavar="N", help="一次上传的文件数上限（默认 20）")
    serve.add_argument("--queue", type=int, default=16, metavar="N", help="同时检查或排队的文件数上限（默认 16）")
    serve.add_argument("--per-client", type=int, default=8, metavar="N", help="同一客户端同时检查或排队的文件数上限（默认 8）")

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
    compare.add_argument("--cache-max-mb", type=_megabytes, default=None, metavar="MB", help="结果缓存上限（MB）")

    cache = sub.add_parser("cache", help="结果缓存 / the result store")
    cache.add_argument("action", choices=("clean", "info"), help="clean：删除缓存；info：位置、结果数、大小 / delete the store, or show it")
    cache.add_argument("--cache-dir", default=None, metavar="DIR", help="结果缓存目录（默认用户缓存目录）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE") and argv is None:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `selfeval-lint rules | head` ends quietly
    from .cli_i18n import argparse_language, english_help, lang_from_argv

    lang = lang_from_argv(sys.argv[1:] if argv is None else argv)
    with argparse_language(lang):
        parser = build_parser()
        if lang == "en":
            english_help(parser)
        args = parser.parse_args(argv)
    if args.command is None:
        with argparse_language(lang):
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
        if args.command == "formats":
            return _formats(args)
        if args.command == "serve":
            return _serve(args)
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
    from .batch_tables import cross_check, released
    from .discover import discover, reason_text
    from .model import FileResult
    from .report import BINARY, RENDERERS, STREAMING
    from .prerender import Form
    from .run import default_jobs, run_stream

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be a positive integer")
    _load_rule_data()
    explicit = _explicit_config(args)
    run_config = explicit or _guard(lambda: find_config(Path.cwd()))
    output_format = args.format = args.format or run_config.get("output-format", "text")
    if output_format in BINARY and not args.output and sys.stdout.isatty():
        raise UsageError(f"--format {output_format} 是二进制格式，请用 -o FILE 指定输出文件 / "
                         f"--format {output_format} is binary: write it with -o FILE (or redirect standard output)")
    from .selection import Selection

    selection = Selection(lambda folder: explicit or _guard(lambda: find_config(folder)), args.exclude, args.force_exclude)
    found = discover(args.paths, selection)
    files = found.files
    if not files and (args.force_exclude or run_config.get("force-exclude", False)):
        return EXIT_OK  # every file pre-commit passed was excluded: nothing to check is not an error here
    if not files:
        skipped = "".join(f"\n  {k.path}: {reason_text(k)}" for k in found.skipped[:20])
        raise UsageError("没有找到要检查的文件 / no files to check" + skipped)
    work = _work(args, files, explicit)
    jobs = args.jobs or default_jobs()
    lang = args.lang or run_config.get("lang", "zh")
    skipped = [FileResult(s.path, None, skipped=s.reason) for s in found.skipped]
    store = _store(args)
    streamed = output_format in STREAMING and not (args.write_baseline or args.statistics or args.annotate)
    try:
        # a streamed report without a baseline gets each file's text rendered where it was checked (prerender)
        form = Form(output_format, lang) if streamed and not args.baseline else None
        stream = run_stream(work, jobs, store, _executor(args), form)
        if streamed:
            # each file written as it finishes; a report's TAB020 findings against another file of its folder
            # follow once that folder is complete, as an addendum before the summary
            extra = ((len(work) + k, r) for k, r in enumerate(skipped))
            results_in = released(itertools.chain(stream, extra), [path for path, _ in work])
            if args.baseline:
                results_in = _baseline_stream(args, results_in, lang)
            summary = _write_report(args, results_in, len(work) + len(skipped), lang)
            return _exit_status(args, run_config, (summary.errors, summary.warnings, summary.infos))
        results = _collect(stream, len(work), args.quiet, lang)
    finally:
        if store is not None:
            store.close()
    results = cross_check(results) + skipped  # a report and its 自评表 in two files of one folder (TAB020)
    if args.write_baseline or args.baseline:
        results = _baseline(args, results, lang)
        if args.write_baseline:
            return EXIT_OK
    if args.statistics:
        from .report.statistics import render_statistics

        output = render_statistics(results, lang, as_json=output_format == "json")
    else:
        output = RENDERERS[output_format](results, lang)
    if args.output:
        try:
            with open(args.output, "wb") as fh:
                fh.write(output if isinstance(output, bytes) else output.encode("utf-8", "backslashreplace"))
        except OSError as exc:
            raise UsageError(f"无法写入 {args.output} / cannot write {args.output}: {exc.strerror}") from None
    elif isinstance(output, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(output)
        sys.stdout.buffer.flush()
    else:
        _write_stdout(output)
    if args.annotate:
        from .annotate import annotate_results

        try:
            annotate_results(results, args.annotate, lang)
        except OSError as exc:
            raise UsageError(f"无法写入 {args.annotate} / cannot write {args.annotate}: {exc.strerror}") from None
    counts = [sum(1 for r in results for f in r.findings if f.severity.value == level) for level in FAIL_ON[:3]]
    return _exit_status(args, run_config, tuple(counts))


def _exit_status(args: argparse.Namespace, run_config, counts: tuple[int, ...]) -> int:  # type: ignore[no-untyped-def]
    """1 when any finding is at or above --fail-on (counts: errors, warnings, infos), else 0."""
    fail_on = args.fail_on or run_config.get("fail-on", "error")
    if fail_on == "never":
        return EXIT_OK
    return EXIT_FINDINGS if any(counts[: FAIL_ON.index(fail_on) + 1]) else EXIT_OK


def _collect(stream, total: int, quiet: bool, lang: str) -> list:  # type: ignore[no-untyped-def]
    """The results in input order, with a progress bar on a terminal while they come."""
    from .report.progress import Progress, progress_wanted

    progress = Progress(total, lang) if progress_wanted(quiet) else None
    results = [None] * total
    try:
        for index, result in stream:
            results[index] = result
            if progress is not None:
                progress.advance()
    finally:
        if progress is not None:
            progress.close()
    return results


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

    return DaskExecutor(args.scheduler, args.dask_send or ("path" if args.scheduler == "local" else "bytes"))


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .cache import Store

    return Store(Path(args.cache_dir) if args.cache_dir else None, max_mb=args.cache_max_mb) if args.cache else None


def _megabytes(value: str) -> float:
    from .cache import MAX_MB_RANGE, parse_max_mb

    size = parse_max_mb(value)
    if size is None:
        low, high = MAX_MB_RANGE
        raise argparse.ArgumentTypeError(f"应为 {low}–{high} 之间的数（MB）/ a number of megabytes from {low} to {high}: {value!r}")
    return size


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
        _write_stdout(output)
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
    if args.action == "info":
        if not store.path.exists():
            print(f"没有结果缓存 / no result store at {store.path}")
            return EXIT_OK
        info = store.info()  # read only: showing a store never trims or rebuilds it
        if isinstance(info, str):
            print(f"结果缓存 / result store: {store.path}\n  无法读取 / unreadable: {info}")
            return EXIT_OK
        print(f"结果缓存 / result store: {store.path}\n"
              f"  结果 / results: {info.results}\n"
              f"  大小 / size: {info.used_bytes / 2**20:.1f} MB（文件 / file {info.file_bytes / 2**20:.1f} MB，"
              f"上限 / bound {store.max_bytes / 2**20:.6g} MB）")
        return EXIT_OK
    removed = store.clean()
    print(f"已清除结果缓存 / result store removed: {store.path}" if removed else f"没有结果缓存 / no result store at {store.path}")
    return EXIT_OK


def _baseline(args: argparse.Namespace, results, lang: str):  # type: ignore[no-untyped-def]
    """--write-baseline records the findings; --baseline leaves out those it records (a note on stderr says how many)."""
    from .baseline import BaselineError, load_baseline, without_baseline, write_baseline

    if args.write_baseline:
        try:
            n = write_baseline(args.write_baseline, results)
        except OSError as exc:
            raise UsageError(f"无法写入 {args.write_baseline} / cannot write {args.write_baseline}: {exc.strerror}") from None
        print(f"已将 {n} 个问题写入基线 {args.write_baseline}" if lang == "zh" else
              f"Wrote {n} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        return results
    try:
        known = load_baseline(args.baseline)
    except BaselineError as exc:
        raise UsageError(f"基线文件有误 / broken baseline: {exc}") from None
    results, hidden = without_baseline(results, known)
    if hidden:
        print(f"基线中已有的 {hidden} 个问题未列出" if lang == "zh" else
              f"{hidden} finding(s) already in the baseline not shown", file=sys.stderr)
    return results


def _baseline_stream(args: argparse.Namespace, stream, lang: str):  # type: ignore[no-untyped-def]
    """--baseline on a streamed report: each result without the findings the baseline records, as it comes;
    the note on stderr saying how many were left out once the stream ends."""
    from .baseline import BaselineError, load_baseline, without_baseline

    try:
        known = load_baseline(args.baseline)
    except BaselineError as exc:
        raise UsageError(f"基线文件有误 / broken baseline: {exc}") from None
    hidden = 0
    from .model import Addendum

    for index, item in stream:
        result = item.result if isinstance(item, Addendum) else item
        kept, n = without_baseline([result], known, consume=True)
        hidden += n
        yield index, Addendum(kept[0]) if isinstance(item, Addendum) else kept[0]
    if hidden:
        print(f"基线中已有的 {hidden} 个问题未列出" if lang == "zh" else
              f"{hidden} finding(s) already in the baseline not shown", file=sys.stderr)


def _write_stdout(output: str) -> None:
    """Write a report so that no character can break it: a file name that is not UTF-8 (its bytes kept as
    lone surrogates) is written as a \\udcXX escape, which in JSON is the same string again."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    sys.stdout.write(output)


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
    from .rulesets import load_rules, with_user_wording

    _guard(lambda: with_user_wording(load_rules(), template_dirs))  # a broken wording.yaml is exit 2, named
    from .userwords import with_user_words

    _guard(lambda: with_user_words(load_rules(), template_dirs))  # and so is a broken dictionary.txt
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
        keep_text=getattr(args, "format", None) == "html",  # the HTML report shows each document's text
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


def _formats(args: argparse.Namespace) -> int:
    import json

    from .formats_list import as_json, text_table

    sys.stdout.write(json.dumps(as_json(), ensure_ascii=False, indent=2) + "\n" if args.json else text_table(args.lang))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    try:
        from .web.app import run_server
        from .web.service import Limits
    except ImportError:
        raise UsageError("网页功能需要额外的组件：pip install 'selfeval-lint[web]' / the web page needs: pip install 'selfeval-lint[web]'") from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be a positive integer")
    if args.max_files < 1 or args.queue < 1 or args.per_client < 1 or (args.max_upload_mb is not None and args.max_upload_mb <= 0):
        raise UsageError("--max-files、--queue、--max-upload-mb 必须是正数 / limits must be positive")
    _load_rule_data()
    from .config import Config

    config = _explicit_config(args) or Config()
    limits = Limits(max_file_bytes=config.max_bytes(), max_files=args.max_files, queue=args.queue, per_client=args.per_client)
    if args.max_upload_mb is not None:
        limits = replace(limits, max_file_bytes=int(args.max_upload_mb * 1024 * 1024))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"selfeval-lint: 注意：服务监听在 {args.host}，同一网络中的其他计算机也能访问并上传文件。"
            f" / warning: listening on {args.host}, reachable from other machines",
            file=sys.stderr,
        )
    print(f"selfeval-lint: 请在浏览器中打开 http://{'localhost' if args.host in ('127.0.0.1', '::1') else args.host}:{args.port}/"
          f"（按 Ctrl+C 停止） / open the address above in a browser", file=sys.stderr)
    run_server(args.host, args.port, config, args.jobs, limits)
    return EXIT_OK
