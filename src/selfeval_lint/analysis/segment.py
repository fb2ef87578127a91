"""Chinese word segmentation (jieba) with the domain dictionary, the statement cue words and a bureau's own words,
all taken from the RuleData it is given."""

from __future__ import annotations

import logging
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..rulesets import RuleData


def _import_jieba():  # type: ignore[no-untyped-def]
    """jieba, imported without pkg_resources (~150 ms of start-up): its _compat then reads its data files with
    open(), next to its own __file__, which is what pkg_resources would have done for an installed package."""
    import sys

    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  (import fails: jieba's fallback)
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _cue_words(rules: RuleData) -> tuple[str, ...]:
    return tuple(word for words in rules.statements["cues"].values() for word in words)


def _extend(tokenizer: Any, rules: RuleData) -> None:
    """Add the shipped domain dictionary, the cue words and the rule-dirs' own words to a jieba tokenizer."""
    dictionary = Path(rules.root) / "dictionaries" / "domain.txt"
    if dictionary.exists():
        tokenizer.load_userdict(str(dictionary))
    for word in _cue_words(rules):
        tokenizer.add_word(word, freq=100_000)
    for word, freq in getattr(rules, "user_words", ()):
        tokenizer.add_word(word, freq=freq)


class Segmenter:
    """One jieba tokenizer with its dictionary, and the words of texts already cut."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.words = lru_cache(maxsize=4096)(self._words)

    def _words(self, text: str) -> tuple[str, ...]:
        """The words of `text`, punctuation and spaces left out."""
        return tuple(w for w in self.tokenizer.lcut(text) if w.strip() and not _is_punct(w))


_GLOBAL: dict[tuple[str, tuple[str, ...]], Segmenter] = {}
_OWN: OrderedDict[tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]], Segmenter] = OrderedDict()


def segmenter(rules: RuleData) -> Segmenter:
    """The segmenter for this rule data, built once per process: without words of the rule-dirs, jieba's global
    tokenizer (the one spaCy's Chinese tokenizer uses); with them, a tokenizer of their own."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    user = tuple(getattr(rules, "user_words", ()))
    key = (str(rules.root), _cue_words(rules))
    if not user:
        if key not in _GLOBAL:
            _extend(jieba.dt, rules)
            _GLOBAL[key] = Segmenter(jieba.dt)
        return _GLOBAL[key]
    own_key = (*key, user)
    if own_key not in _OWN:
        tokenizer = jieba.Tokenizer()
        _extend(tokenizer, rules)
        _OWN[own_key] = Segmenter(tokenizer)
        while len(_OWN) > 4:
            _OWN.popitem(last=False)
    return _OWN[own_key]


def _is_punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
