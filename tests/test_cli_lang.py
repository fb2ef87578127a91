"""Usage errors and --help speak Chinese by default and English with --lang en (argparse's own words too)."""

from __future__ import annotations

import argparse

from .conftest import run_cli


def test_usage_error_in_chinese_by_default():
    proc = run_cli("check")
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith("用法：selfeval-lint check") and "selfeval-lint check：错误：缺少以下参数：PATH" in err
    bad = run_cli("check", "x.txt", "--format", "pdf").stderr.decode()
    assert "参数 --format/--output-format：无效的选项值：'pdf'" in bad


def test_usage_error_and_help_in_english_with_lang_en():
    err = run_cli("check", "--lang", "en").stderr.decode()
    assert err.startswith("usage: selfeval-lint check") and "error: the following arguments are required: PATH" in err
    assert "unrecognized arguments: --nope" in run_cli("rules", "--lang=en", "--nope").stderr.decode()
    english = run_cli("check", "--help", "--lang", "en").stdout.decode()
    assert english.startswith("usage:") and "show this help message and exit" in english
    assert "report format (text by default" in english and "输出格式" not in english


def test_help_in_chinese_and_argparse_restored_afterwards():
    help_text = run_cli("check", "--help").stdout.decode()
    assert help_text.startswith("用法：") and "显示本帮助信息并退出" in help_text and "输出格式" in help_text
    assert argparse._("usage: ") == "usage: "  # the process's other argparse users are left in English
