"""The spaCy pattern layer: spacy.blank("zh") on jieba, with the cue words of rules/statements.yaml as an EntityRuler."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..rulesets import RuleData
from .segment import segmenter


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word found in a text: its label (BREAKDOWN, SHARE, …) and character span."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def pipeline(rules: RuleData):  # type: ignore[no-untyped-def]
    """The spaCy pipeline for this rule data, built lazily once per process (spaCy and jieba are imported only
    when figures are checked)."""
    return _pipeline(rules.root, tuple((label, tuple(words)) for label, words in rules.statements["cues"].items()),
                     segmenter(rules).tokenizer)


@lru_cache(maxsize=4)
def _pipeline(root: object, cues: tuple[tuple[str, tuple[str, ...]], ...], tokenizer: object):  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = tokenizer  # jieba's global tokenizer, or the one with the rule-dirs' own words
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": label, "pattern": word} for label, words in cues for word in words])
    return nlp


# spaCy refuses texts over nlp.max_length (1,000,000) and its memory grows with a text's length: a longer
# text is cut, at sentence ends where it can be, into chunks of at most this many characters.
CHUNK_CHARS = 100_000
_SENTENCE_END = re.compile("[。！？!?；;\n]")


def analyse_texts(texts: Iterable[str], rules: RuleData) -> Iterator[tuple[list[Token], list[Cue]]]:
    """Tokens and cue words of each text, in order, yielded as each is done (nlp.pipe batches the work, and
    a long document's tokens need not all be held at once). A text of any length is analysed in chunks cut
    at sentence ends (spaCy refuses texts over its max_length), whose offsets are put back."""
    pending: deque[tuple[int, bool]] = deque()  # (offset, last chunk of its text) of each chunk fed to spaCy

    def feed() -> Iterator[str]:
        for text in texts:
            spans = chunks(text, CHUNK_CHARS)
            for n, (start, end) in enumerate(spans):
                pending.append((start, n == len(spans) - 1))
                yield text[start:end]

    tokens: list[Token] = []
    cues: list[Cue] = []
    for doc in pipeline(rules).pipe(feed(), batch_size=64):
        offset, last = pending.popleft()
        tokens += [Token(t.text, offset + t.idx, offset + t.idx + len(t.text)) for t in doc]
        cues += [Cue(e.label_, offset + e.start_char, offset + e.end_char, e.text) for e in doc.ents]
        if last:
            yield tokens, cues
            tokens, cues = [], []


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text`, each at most `size` long, cut after the last sentence
    end in each window (or at the window's end when it has none)."""
    spans, start = [], 0
    while len(text) - start > size:
        cut = start + size
        last = None
        for m in _SENTENCE_END.finditer(text, start + size // 2, cut):
            last = m
        if last is not None:
            cut = last.end()
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans
