"""The speed-ups of the batch path give the same answers: cue words as spaCy's EntityRuler writes them, jieba's
prefix dictionary from its user-cache file, templates validated once per content."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from .conftest import CORPUS


def test_cues_and_tokens_are_those_of_the_spacy_pipeline():
    from selfeval_lint.analysis.nlp import analyse_texts, pipeline
    from selfeval_lint.rulesets import load_rules

    texts = [line for line in (CORPUS / "yueyang-kjj-2023-dept-selfeval.txt").read_text(encoding="utf-8").splitlines() if line]
    texts += ["", "  ", "其中：其中其中分别占合计 共计", "收入合计1,234.56万元，其中：财政拨款1,200.00万元，占比97.2%。"]
    # with and without whitespace (the Doc built from jieba's words, or spaCy's own alignment): tabs, ideographic
    # and no-break spaces, a line break, Latin words
    texts += ["其中\t财政拨款100万元", "合计\u3000100万元", "其中\u00a0分别", "其中\n分别为", "KPI 指标 合计 5 项", "其中其中"]
    rules = load_rules()
    nlp = pipeline(rules)
    for (tokens, cues), doc in zip(analyse_texts(texts, rules), nlp.pipe(texts), strict=True):
        assert [(t.text, t.start, t.end) for t in tokens] == [(t.text, t.idx, t.idx + len(t.text)) for t in doc]
        assert [(c.label, c.start, c.end, c.text) for c in cues] == [(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    assert any(cues for _, cues in analyse_texts(texts, rules))  # the texts do hold cue words


def test_jiebas_prefix_dictionary_is_kept_and_rebuilt_when_broken(tmp_path, monkeypatch):
    import jieba

    from selfeval_lint.analysis.segment import _load_prefix_dictionary

    monkeypatch.setenv("SELFEVAL_LINT_CACHE_DIR", str(tmp_path))

    def fresh():
        module = SimpleNamespace(dt=jieba.Tokenizer(), __file__=jieba.__file__, __version__=jieba.__version__)
        _load_prefix_dictionary(module)
        assert module.dt.initialized
        return module.dt

    built = fresh()
    (kept,) = tmp_path.glob("jieba-*.prefix")
    loaded = fresh()
    assert loaded.FREQ == built.FREQ and loaded.total == built.total and list(loaded.FREQ)[:50] == list(built.FREQ)[:50]
    kept.write_bytes(kept.read_bytes()[:1000])  # truncated: rebuilt, never trusted
    again = fresh()
    assert again.FREQ == built.FREQ and again.total == built.total


def test_a_template_is_validated_once_per_content(tmp_path, monkeypatch):
    from selfeval_lint import rulesets
    from selfeval_lint.rulesets import RuleSetError, default_rules_dir
    from selfeval_lint.templates import load_template

    monkeypatch.setenv("SELFEVAL_LINT_CACHE_DIR", str(tmp_path / "cache"))
    template = tmp_path / "generic.yaml"
    shutil.copy(default_rules_dir() / "templates" / "generic.yaml", template)
    first = load_template(template)
    calls = []
    monkeypatch.setattr(rulesets, "validate", lambda *args: calls.append(args))
    assert load_template(template) == first and calls == []  # unchanged: not validated again
    template.write_text(template.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    load_template(template)
    assert len(calls) == 1  # changed bytes: validated again
    monkeypatch.undo()
    monkeypatch.setenv("SELFEVAL_LINT_CACHE_DIR", str(tmp_path / "cache"))
    broken = tmp_path / "broken.yaml"
    broken.write_text(template.read_text(encoding="utf-8").replace("sections:", "sektions:", 1), encoding="utf-8")
    for _ in range(2):  # a failure is never remembered
        with pytest.raises(RuleSetError):
            load_template(broken)
