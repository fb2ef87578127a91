"""The command line's language: argparse's own words (usage, error, required arguments …) in Chinese by default,
English with --lang en (read from the arguments before they are parsed)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

# argparse's messages (CPython 3.11–3.13 msgids) → Simplified Chinese
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可匹配 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了显式参数 %r",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "unexpected option string: %s": "意外的选项：%s",
    "show this help message and exit": "显示本帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}

# Option help written in Chinese in cli.py → English for --lang en (an option missing here keeps its Chinese)
HELP_EN = {
    "文件或目录；- 表示从标准输入读取文本": "files or folders; - reads text on stdin",
    "输出格式（默认 text，或配置 output-format）": "report format (text by default, or the configuration's output-format)",
    "将报告写入文件（默认标准输出）": "write the report to FILE (stdout by default)",
    "只启用这些规则（代码或前缀，逗号分隔）": "enable only these rules (codes or prefixes, comma-separated)",
    "停用这些规则（代码或前缀，逗号分隔）": "disable these rules (codes or prefixes, comma-separated)",
    "达到该级别的问题时退出码为 1（默认 error）": "exit 1 on findings at or above this severity (default error)",
    "按指定模板检查；auto 按标题识别（默认）": "check against this template; auto chooses from the title (default)",
    "按指定模板分析；auto 按标题识别（默认）": "analyse with this template; auto chooses from the title (default)",
    "配置文件（默认向上查找 selfeval-lint.toml 或 pyproject.toml）": "configuration file (default: selfeval-lint.toml or pyproject.toml found upward)",
    "配置文件（默认向上查找）": "configuration file (default: found upward)",
    "配置文件（其 rule-dirs 中的模板也列出）": "configuration file (its rule-dirs templates are listed too)",
    "并行进程数（默认 CPU 核数）": "worker processes (default: CPU count)",
    "消息语言（默认 zh）": "message language (default zh)",
    "不检查这些文件或目录（glob，逗号分隔，加在配置的 exclude 之后）": "skip these files or folders (globs, comma-separated, added to the configuration's exclude)",
    "命令行直接列出的文件也按 include/exclude 筛选（pre-commit 用）": "apply include/exclude to files named on the command line too (for pre-commit)",
    "只列出每条规则的问题数 / counts per rule": "only count the findings per rule",
    "只报告基线文件中没有的问题 / report only findings not in FILE": "report only findings not in the baseline FILE",
    "把当前全部问题写入基线文件 / record the current findings in FILE": "record the current findings in the baseline FILE",
}


def lang_from_argv(argv: Sequence[str]) -> str:
    """The --lang given on the command line (zh when absent or not understood), before argparse runs."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


@contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's own messages in `lang` while the parser is built and run (restored afterwards)."""
    if lang == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda message: ARGPARSE_ZH.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def english_help(parser: argparse.ArgumentParser) -> None:
    """Put the English help on every option of `parser` and its subcommands that has one in HELP_EN."""
    for action in parser._actions:
        if action.help in HELP_EN:
            action.help = HELP_EN[action.help]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                english_help(sub)
