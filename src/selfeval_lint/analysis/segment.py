"""Chinese word segmentation (jieba) with the domain dictionary and the statement cue words from rules/."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..rulesets import default_rules_dir, load_rules


@lru_cache(maxsize=1)
def jieba_with_dictionary():
    """The jieba module, its dictionary extended once per process (jieba is imported lazily)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary = Path(default_rules_dir()) / "dictionaries" / "domain.txt"
    if dictionary.exists():
        jieba.load_userdict(str(dictionary))
    for words in load_rules().statements["cues"].values():
        for word in words:
            jieba.add_word(word, freq=100_000)
    return jieba


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of `text`, punctuation and spaces left out."""
    return tuple(w for w in jieba_with_dictionary().lcut(text) if w.strip() and not _is_punct(w))


def _is_punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
