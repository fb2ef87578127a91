"""Match the outline's headings to a template's sections: which heading stands for which section, on what
evidence, and what each found section's body holds. Facts only: the SEC checks decide what is reported."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import BlockKind, Document
from ..templates import Section, TemplateChoice
from .outline import Outline
from ..rulesets import RuleData
from .segment import Segmenter, segmenter

# Brackets, punctuation, spaces and 的 do not distinguish two titles.
_NOISE = re.compile(r"[\s（）()【】\[\]〔〕《》〈〉“”‘’\"'、，,。．.：:；;！!？?—\-_·的]")
_NONE_BODY = re.compile(
    r"^(?:本(?:单位|部门|局|年度|项目)?|我(?:单位|部门|局))?(?:年度)?(?:暂|尚|均|未)?"
    r"(?:无|没有|不涉及|未安排|未发生)(?:此类|此项|相关|该项|其他|需要说明的)?"
    r"(?:情况|内容|问题|事项|支出|收入|说明|预算支出|预算)?$"
)
_SUFFIX = re.compile(r"(?:支出情况|情况|分析)$")
SIMILAR = 0.6  # lowest similarity at which a heading is taken for a section
CONTAINED = 0.8  # score of a heading that contains a section's name ("部门基本情况及年度工作任务")
MIN_FIT = 0.6  # share of a detected template's required top-level sections that must be found…
MAX_MISSING = 2  # …unless no more than this many are missing


@dataclass(frozen=True)
class SectionMatch:
    """A template section and the heading that stands for it (None when missing)."""

    path: tuple[int, ...]  # index of the section in the template, then of the child…
    section: Section
    item: int | None
    how: str  # "exact", "alias", "similar", "dropped" (characters missing), "merged" (inside another heading), "missing"
    score: float


@dataclass(frozen=True)
class ExactHit:
    """A heading whose words are a template section's title or alias (whether or not it was paired with it)."""

    item: int
    path: tuple[int, ...]  # the section's path in the template


@dataclass(frozen=True)
class SectionFacts:
    """How the document's outline meets its template."""

    choice: TemplateChoice
    matches: tuple[SectionMatch, ...]
    exact: tuple[ExactHit, ...]  # every heading that names a section exactly, in document order per level
    bodies: dict[int, str]  # heading item → "empty", "none" (a bare 无) or "text"
    found: int  # required top-level sections found
    required: int  # required top-level sections in the template

    @property
    def fits(self) -> bool:
        """The outline follows the template closely enough for section checks (always when chosen explicitly)."""
        missing = self.required - self.found
        return self.choice.explicit or missing <= MAX_MISSING or self.found / self.required >= MIN_FIT


def normalise(title: str) -> str:
    return _NOISE.sub("", title)


def similarity(a: str, b: str, seg: Segmenter) -> float:
    """How alike two normalised titles are: characters in order and shared words, averaged."""
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    wa, wb = set(seg.words(a)), set(seg.words(b))
    jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    return (ratio + jaccard) / 2


def lost_characters(heading: str, name: str, seg: Segmenter) -> bool:
    """Whether `heading` is `name` with a few characters lost inside a word (政府性基金算 for 政府性基金预算).

    Whole words left out are a shortening (存在问题及原因), and a word cut to its first character is an
    abbreviation (社保 for 社会保险, 国资 for 国有资本): neither is a typo."""
    if not len(name) * 0.7 <= len(heading) < len(name):
        return False
    kept: set[int] = set()
    position = 0
    for ch in heading:
        position = name.find(ch, position)
        if position < 0:
            return False
        kept.add(position)
        position += 1
    start = 0
    for word in seg.words(name):
        inside = [k - start for k in kept if start <= k < start + len(word)]
        if inside and len(inside) < len(word) and 0 not in inside:
            return True  # the word lost its first character: not an abbreviation
        start += len(word)
    return False


def _exact(heading: str, section: Section) -> str | None:
    h = normalise(heading)
    if h == normalise(section.title):
        return "exact"
    if any(h == normalise(a) for a in section.aliases):
        return "alias"
    return None


def could_be_similar(a: str, b: str, seg: Segmenter) -> bool:
    """Whether `similarity(a, b)` can reach SIMILAR: its ratio of characters in order is at most the share of
    characters the two titles have in common (difflib's quick_ratio), which takes no sequence matching."""
    if not a or not b:
        return False
    shared = sum((Counter(a) & Counter(b)).values())
    wa, wb = set(seg.words(a)), set(seg.words(b))
    jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    return (2.0 * shared / (len(a) + len(b)) + jaccard) / 2 >= SIMILAR


def _near(heading: str, section: Section, seg: Segmenter) -> tuple[float, str] | None:
    """How close a heading comes to a section it does not match exactly: dropped characters or similar, with the
    score; None when neither (the similarity of a pair that cannot reach SIMILAR is not worked out)."""
    h = normalise(heading)
    names = [normalise(name) for name in section.names]
    if any(lost_characters(h, n, seg) for n in names):
        return SIMILAR, "dropped"
    if any(could_be_similar(h, n, seg) for n in names):
        best = max(similarity(h, n, seg) for n in names)
        if best >= SIMILAR:
            return best, "similar"
    if any(len(n) >= 4 and h.startswith(n) for n in names):
        return CONTAINED, "similar"  # the heading adds words to the section's name
    return None


def _assign(
    headings: Sequence[tuple[int, str]], sections: Sequence[Section], prefix: tuple[int, ...], seg: Segmenter
) -> tuple[list[SectionMatch], list[ExactHit]]:
    """Pair headings with sections: exact titles and aliases first, in document order (a second heading
    naming a paired section exactly stays unpaired, an exact hit only); then the rest by similarity, best
    pairs first; a section still missing whose name stands inside a found heading (存在的问题及改进措施)
    is merged into it."""
    matched: dict[int, SectionMatch] = {}
    exact: list[ExactHit] = []
    rest: list[tuple[int, int, str]] = []
    for position, (item, text) in enumerate(headings):
        hit = next(((si, how) for si, s in enumerate(sections) if (how := _exact(text, s))), None)
        if hit is None:
            rest.append((position, item, text))
            continue
        exact.append(ExactHit(item, (*prefix, hit[0])))
        if hit[0] not in matched:
            matched[hit[0]] = SectionMatch((*prefix, hit[0]), sections[hit[0]], item, hit[1], 1.0)
    scored = []
    for position, item, text in rest:
        for si, section in enumerate(sections):
            if si in matched:
                continue
            near = _near(text, section, seg)
            if near is not None:
                score, how = near
                # Prefer pairs whose positions agree, so that equally good pairings resolve in order.
                agree = -abs(position / max(len(headings), 1) - si / max(len(sections), 1))
                scored.append((score, agree, item, si, how))
    taken: set[int] = set()
    for score, _, item, si, how in sorted(scored, reverse=True):
        if item not in taken and si not in matched:
            taken.add(item)
            matched[si] = SectionMatch((*prefix, si), sections[si], item, how, score)
    texts = {item: normalise(text) for item, text in headings}
    for si, section in enumerate(sections):
        if si in matched:
            continue
        stems = {_SUFFIX.sub("", normalise(n)) for n in section.names}
        host = next((m.item for m in matched.values() if any(len(s) >= 4 and s in texts[m.item] for s in stems)), None)
        if host is not None:
            matched[si] = SectionMatch((*prefix, si), section, host, "merged", CONTAINED)
    matches = [matched.get(si) or SectionMatch((*prefix, si), s, None, "missing", 0.0) for si, s in enumerate(sections)]
    return matches, exact


def _body_kind(doc: Document, outline: Outline, item: int, section: Section) -> str:
    """Whether a heading has a body: none at all, a bare 无, or text (sub-headings count as text). Text run in
    after the heading words on the heading's own line ("十、其他需要说明的情况：无。") is body too, and so is
    what follows the section's name when a PDF joined the heading and its one-line answer."""
    words, run_in = outline.items[item].run_in
    heading = normalise(words or run_in)
    run_in = run_in if words else ""
    after_name = next((heading[len(n) :] for n in map(normalise, section.names) if heading.startswith(n)), "")
    texts = [run_in, after_name]
    for block in doc.blocks:
        path = outline.sections.get(block.index, ())
        if not path or path[-1] != item or block.index in outline.continuations.values():
            continue
        own = outline.item_of_block.get(block.index)
        if own is not None and outline.items[own].heading:
            return "text"  # a sub-heading
        texts.append(block.text if block.kind is BlockKind.PARAGRAPH else "table")
    body = normalise("".join(texts))
    if not body:
        return "empty"
    return "none" if _NONE_BODY.match(body) else "text"


def _candidates(outline: Outline, level: int) -> list[tuple[int, str]]:
    """The items that may stand for top-level sections: all items of the document's groups at `level`
    (level 0: 第一部分…), by their heading words."""
    return [
        (item.id, item.run_in[0] or item.title)
        for group in outline.groups
        if group.level == level and not group.annex
        for item in outline.group_items(group)
        if (level > 0 or item.label.is_part)
    ]


def match_sections(doc: Document, outline: Outline, choice: TemplateChoice, rules: RuleData) -> SectionFacts:
    """Match top-level headings to the template's sections, then each found section's sub-headings to its children."""
    sections = choice.template.sections
    seg = segmenter(rules)
    attempts = [_assign(c, sections, (), seg) for c in (_candidates(outline, 1), _candidates(outline, 0)) if c]
    matches, exact = max(attempts, key=lambda a: sum(m.item is not None for m in a[0]), default=([], []))
    if not matches:
        matches = [SectionMatch((si,), s, None, "missing", 0.0) for si, s in enumerate(sections)]
    all_matches = list(matches)
    for match in matches:
        if match.item is None or match.how == "merged" or not match.section.children:
            continue
        children = [(i.id, i.run_in[0]) for i in outline.items if i.parent == match.item and i.run_in[0]]
        child_matches, child_exact = _assign(children, match.section.children, match.path, seg)
        all_matches += child_matches
        exact += child_exact
    bodies = {
        m.item: _body_kind(doc, outline, m.item, m.section) for m in all_matches if m.item is not None and m.how != "merged"
    }
    required = [m for m in matches if m.section.required]
    found = sum(1 for m in required if m.item is not None)
    return SectionFacts(choice, tuple(all_matches), tuple(exact), bodies, found, len(required))
