"""Chinese word segmentation (jieba) with the domain dictionary and the statement cue words from rules/."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from ..rulesets import default_rules_dir, load_rules


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


@lru_cache(maxsize=1)
def jieba_with_dictionary():
    """The jieba module, its dictionary extended once per process (jieba is imported lazily)."""
    jieba = _import_jieba()

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
