"""Chinese word segmentation (jieba) with the domain dictionary, the statement cue words and a bureau's own words,
all taken from the RuleData it is given."""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
import threading
from array import array
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..collector import kept_for_good
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
    with _LOADING:  # one thread at a time: a Dask worker may run several checks in threads
        return _segmenter(rules)


_LOADING = threading.Lock()


def _segmenter(rules: RuleData) -> Segmenter:
    user = tuple(getattr(rules, "user_words", ()))
    key = (str(rules.root), _cue_words(rules))
    if not user:
        if key not in _GLOBAL:
            with kept_for_good("jieba"):  # jieba, its dictionary and our words: kept to the end of the process
                jieba = _loaded_jieba()
                _extend(jieba.dt, rules)
                _GLOBAL[key] = Segmenter(jieba.dt)
        return _GLOBAL[key]
    own_key = (*key, user)
    if own_key not in _OWN:
        with kept_for_good("jieba"):
            tokenizer = _loaded_jieba().Tokenizer()
            _extend(tokenizer, rules)
            _OWN[own_key] = Segmenter(tokenizer)
        while len(_OWN) > 4:
            _OWN.popitem(last=False)
    return _OWN[own_key]


def _loaded_jieba():  # type: ignore[no-untyped-def]
    """The jieba module, quiet, with its prefix dictionary loaded."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    _load_prefix_dictionary(jieba)
    return jieba


def _load_prefix_dictionary(jieba) -> None:  # type: ignore[no-untyped-def]
    """jieba's prefix dictionary (~500,000 words and prefixes), kept in the user cache directory in a form that
    loads in about half the time of jieba's own marshal cache: all words in one string, their counts in one
    array (split and zipped in C). The file is named after jieba's version and its dictionary file's size and
    time; it is written through a temporary file and a rename (safe under parallel runs). Anything that does
    not load — missing, truncated, foreign — is rebuilt from jieba's dictionary, as jieba itself would."""
    dt = jieba.dt
    if dt.initialized or dt.dictionary is not None:  # already loaded, or someone chose another dictionary
        return
    try:
        source = Path(jieba.__file__).with_name("dict.txt").stat()
        from ..cache import default_cache_dir

        path = default_cache_dir() / f"jieba-{jieba.__version__}-{source.st_size}-{source.st_mtime_ns}.prefix"
    except OSError:
        return  # jieba finds its dictionary its own way
    try:
        with open(path, "rb") as fh:
            words, packed, total = marshal.load(fh)
        counts = array("q")
        counts.frombytes(packed)
        keys = words.split("\n")
        if len(keys) != len(counts) or not isinstance(total, int):
            raise ValueError("inconsistent")
        dt.FREQ, dt.total, dt.initialized = dict(zip(keys, counts.tolist())), total, True
        return
    except Exception:  # not there, or not a file we wrote: build it
        pass
    with dt.lock:
        dt.FREQ, dt.total = dt.gen_pfdict(dt.get_dict_file())
        dt.initialized = True
    if any("\n" in word for word in dt.FREQ):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".jieba-")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(("\n".join(dt.FREQ), array("q", dt.FREQ.values()).tobytes(), dt.total), fh)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # a read-only cache directory: the next run builds it again
        pass


def _is_punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
