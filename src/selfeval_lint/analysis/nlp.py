"""The spaCy pattern layer: spacy.blank("zh") on jieba, with the cue words of rules/statements.yaml as an EntityRuler."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .segment import jieba_with_dictionary


@dataclass(frozen=True)
class Cue:
    """A cue word found in a text: its label (BREAKDOWN, SHARE, …) and character span."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def pipeline():
    """One spaCy pipeline per process, built lazily (spaCy and jieba are imported only when figures are checked)."""
    import spacy

    from ..rulesets import load_rules

    jieba_with_dictionary()  # spaCy's Chinese tokenizer uses the global jieba: extend its dictionary first
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    cues = load_rules().statements["cues"]
    ruler.add_patterns([{"label": label, "pattern": word} for label, words in cues.items() for word in words])
    return nlp


def analyse_texts(texts: Iterable[str]) -> list[tuple[list[Token], list[Cue]]]:
    """Tokens and cue words of each text, in order (nlp.pipe batches the work)."""
    out = []
    for doc in pipeline().pipe(texts, batch_size=64):
        tokens = [Token(t.text, t.idx, t.idx + len(t.text)) for t in doc]
        cues = [Cue(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
        out.append((tokens, cues))
    return out
