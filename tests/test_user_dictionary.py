"""A rule-dir's dictionary.txt adds words to the segmenter; without one, segmentation is jieba's as shipped."""

from __future__ import annotations

import json

from selfeval_lint.analysis.segment import segmenter
from selfeval_lint.rulesets import load_rules
from selfeval_lint.userwords import with_user_words

from .conftest import run_cli

TERM = "绩链通"  # a made-up platform name, in no dictionary
SENTENCE = f"推进{TERM}平台建设"


def _rule_dir(where, text: str):
    folder = where / "ours"
    folder.mkdir(exist_ok=True)
    (folder / "dictionary.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_dictionary_in_a_rule_dir_changes_the_segmentation_of_its_words(tmp_path):
    folder = _rule_dir(tmp_path, f"# 本局平台名称\n{TERM} 5\n")
    rules = with_user_words(load_rules(), (str(folder),))
    assert rules.user_words == ((TERM, 5),)
    assert TERM in segmenter(rules).words(SENTENCE)
    assert TERM not in segmenter(load_rules()).words(SENTENCE)  # the default is left as it was


def test_the_default_segmenter_is_jiebas_with_the_shipped_dictionary(tmp_path):
    import jieba

    rules = load_rules()
    assert with_user_words(rules, (str(tmp_path),)) is rules  # a rule-dir without dictionary.txt changes nothing
    default = segmenter(rules)
    assert default.tokenizer is jieba.dt  # the tokenizer spaCy's Chinese pipeline uses too
    assert default.words(SENTENCE) == ("推进", "绩链", "通", "平台", "建设")
    assert "预决算" in default.words("开展预决算公开")  # a word of rules/dictionaries/domain.txt


def test_the_engine_segments_with_the_rule_dirs_words(tmp_path):
    """TXT009 reports a word written twice only where the segmenter cuts it as a word: the new word counts."""
    found = {}
    for name, config in (("plain", 'select = ["TXT009"]\n'), ("ours", 'rule-dirs = ["ours"]\nselect = ["TXT009"]\n')):
        folder = tmp_path / name
        folder.mkdir()
        if name == "ours":
            _rule_dir(folder, f"{TERM}\n")
        (folder / "selfeval-lint.toml").write_text(config, encoding="utf-8")
        report = folder / "r.txt"
        report.write_text(f"一、基本情况\n本年度推进{TERM}{TERM}平台建设。\n", encoding="utf-8")
        out = run_cli("check", str(report), "--format", "json", cwd=folder)
        found[name] = [(f["code"], f["location"]["line"]) for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert found == {"plain": [], "ours": [("TXT009", 2)]}


def test_a_broken_dictionary_is_a_usage_error_naming_the_file(tmp_path):
    _rule_dir(tmp_path, f"{TERM} 很多\n")
    (tmp_path / "selfeval-lint.toml").write_text('rule-dirs = ["ours"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("一、基本情况\n正文。\n", encoding="utf-8")
    broken = run_cli("check", str(report), cwd=tmp_path)
    assert broken.returncode == 2
    assert b"dictionary.txt" in broken.stderr and b"line 1" in broken.stderr
