"""A bureau's own words for the segmenter: `dictionary.txt` in a rule-dir (jieba's user-dictionary format) adds them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .rulesets import RuleData, RuleSetError

USER_DICTIONARY = "dictionary.txt"

_WITH_WORDS: dict[tuple[int, tuple[str, ...]], RuleData] = {}


def read_dictionary(path: Path) -> tuple[tuple[str, int | None], ...]:
    """(word, frequency or None) of each line "词语 [频率] [词性]"; blank lines and lines starting with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleSetError(path, "(file)", f"cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RuleSetError(path, "(file)", "not UTF-8 text") from None
    words: list[tuple[str, int | None]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = None
        if len(parts) > 1:
            if not parts[1].isdigit():
                raise RuleSetError(path, f"line {n}", f"the frequency {parts[1]!r} is not a whole number")
            freq = int(parts[1])
        words.append((parts[0], freq))
    return tuple(words)


def with_user_words(rules: RuleData, dirs: tuple[str, ...]) -> RuleData:
    """`rules` with the words of the rule-dirs' dictionary.txt files (once per process and set of folders);
    unchanged when there are none."""
    key = (id(rules), dirs)
    if key not in _WITH_WORDS:
        words = [w for d in dirs if (Path(d) / USER_DICTIONARY).is_file() for w in read_dictionary(Path(d) / USER_DICTIONARY)]
        _WITH_WORDS[key] = replace(rules, user_words=(*rules.user_words, *words)) if words else rules
    return _WITH_WORDS[key]
