"""Word segmentation of short Chinese texts (section titles) with jieba and the domain dictionary in rules/."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..rulesets import default_rules_dir


@lru_cache(maxsize=1)
def _tokenizer():
    """A jieba tokenizer with the domain dictionary, created once per process (jieba is imported lazily)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    dictionary = Path(default_rules_dir()) / "dictionaries" / "domain.txt"
    if dictionary.exists():
        tokenizer.load_userdict(str(dictionary))
    return tokenizer


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of `text`, punctuation and spaces left out."""
    return tuple(w for w in _tokenizer().lcut(text) if w.strip() and not _is_punct(w))


def _is_punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
