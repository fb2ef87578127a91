"""The spaCy pattern layer: spacy.blank("zh") on jieba, with the cue words of rules/statements.yaml as an EntityRuler."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from typing import NamedTuple

from ..collector import kept_for_good
from ..rulesets import RuleData
from .segment import segmenter


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word found in a text: its label (BREAKDOWN, SHARE, …) and character span."""

    label: str
    start: int
    end: int
    text: str


class Token(NamedTuple):
    """A word of a text and its character span (a tuple: a ten-page report has thousands)."""

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
    with kept_for_good("spaCy"):  # spaCy and the ruler's patterns: kept to the end of the process
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
    """Tokens and cue words of each text, in order, yielded as each is done (a long document's tokens need not
    all be held at once). A text of any length is analysed in chunks cut at sentence ends (spaCy refuses texts
    over its max_length), whose offsets are put back.

    Each chunk is tokenized by the pipeline's tokenizer and matched by its EntityRuler's own matcher; the
    ruler's choice among overlapping matches is made here (`_entities`) instead of by writing doc.ents, which
    nothing reads: the same cues at a fraction of the cost."""
    nlp = pipeline(rules)
    ruler = nlp.get_pipe("entity_ruler")
    names = ruler._ent_ids  # match ids of patterns that carry an id (none here; kept as spaCy does)
    strings = nlp.vocab.strings
    for text in texts:
        tokens: list[Token] = []
        cues: list[Cue] = []
        for offset, end in chunks(text, CHUNK_CHARS):
            piece = text[offset:end]
            doc, words, starts, ends = _tokenized(nlp, piece)
            if offset:
                tokens += map(_new_token, zip(words, [offset + a for a in starts], [offset + b for b in ends]))
            else:
                tokens += map(_new_token, zip(words, starts, ends))
            for match_id, first, last in _entities(_matches(ruler, doc)):
                a, b = starts[first], ends[last - 1]
                label = names[match_id][0] if match_id in names else strings[match_id]
                cues.append(Cue(label, offset + a, offset + b, piece[a:b]))
        yield tokens, cues


_new_token = partial(tuple.__new__, Token)  # Token((text, start, end)) without a Python call per token
_WHITESPACE = re.compile(r"\s")  # what str.split() and str.isspace() take for whitespace


def _tokenized(nlp, piece: str):  # type: ignore[no-untyped-def]
    """The Doc `nlp.make_doc(piece)` gives, and its tokens' texts, starts and ends in `piece`.

    spaCy's Chinese tokenizer is jieba's cut, then `util.get_words_and_spaces` to align the words with the
    text, then a Doc of the words and spaces. A piece without whitespace is jieba's words end to end, every
    space False (what that alignment returns then): the Doc is built from them directly and the offsets are
    the running lengths. Any other piece goes through `make_doc` itself."""
    tokenizer = nlp.tokenizer
    if getattr(tokenizer, "segmenter", None) == "jieba" and _WHITESPACE.search(piece) is None:
        words = [x for x in tokenizer.jieba_seg.cut(piece, cut_all=False) if x]
        if "".join(words) == piece:
            from spacy.tokens import Doc

            ends = list(accumulate(map(len, words)))
            return Doc(nlp.vocab, words=words, spaces=[False] * len(words)), words, [0, *ends[:-1]] if ends else [], ends
    from spacy.attrs import IDX, LENGTH

    doc = nlp.make_doc(piece)
    spans = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    return doc, [piece[i : i + n] for i, n in spans], [i for i, _ in spans], [i + n for i, n in spans]


def _matches(ruler, doc) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """`ruler.match(doc)`: the ruler's token and phrase matches, longest first, then leftmost. With no token
    patterns (ours are phrases) its empty Matcher is not called, nor the warning filter around it."""
    if len(ruler.matcher) or not len(ruler.phrase_matcher):
        return ruler.match(doc)
    matches = list(ruler.phrase_matcher(doc))
    final_matches = set([(m_id, start, end) for m_id, start, end in matches if start != end])
    return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def _entities(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """EntityRuler.set_annotations' choice, for a blank pipeline (no earlier entities): matches in the ruler's
    order (longest first, then leftmost), each kept unless its first or last token is taken; by start."""
    taken: set[int] = set()
    kept = []
    for match_id, start, end in matches:
        if start not in taken and end - 1 not in taken:
            kept.append((match_id, start, end))
            taken.update(range(start, end))
    return sorted(kept, key=lambda m: m[1])


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
