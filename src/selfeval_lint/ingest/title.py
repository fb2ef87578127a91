"""Find a report's title in its first blocks (joining a title wrapped over lines) and read year and agency from it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..labels import parse_label
from ..model import Block, BlockKind
from ..rulesets import RuleData

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")
MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class TitleInfo:
    """The title text, the blocks it spans, and the year and agency it names."""

    text: str | None
    blocks: tuple[int, ...]
    year: int | None
    agency: str | None


def detect_title(blocks: Sequence[Block], rules: RuleData) -> TitleInfo:
    """The title formed by the first unlabelled short lines, if their joined text reads as a title."""
    conf = rules.document["title"]
    lines: list[Block] = []
    found: list[Block] = []
    for block in blocks[:MAX_TITLE_LINES]:
        text = block.text.strip()
        if (
            block.kind is not BlockKind.PARAGRAPH
            or len(text) > conf["max_line_chars"]
            or parse_label(text) is not None
            or _SENTENCE_END.search(text)
        ):
            break
        lines.append(block)
        joined = "".join(b.text.strip() for b in lines)
        if any(word in joined for word in conf["keywords"]) and _ends_title(joined, conf["keywords"]):
            found = list(lines)  # and look on: a title wrapped right after a keyword (…绩效评价 / 报告) goes on
        elif found:
            break
    if found:
        joined = "".join(b.text.strip() for b in found)
        year = _YEAR.search(joined)
        return TitleInfo(joined, tuple(b.index for b in found), int(year.group(1)) if year else None, _agency(joined, conf))
    return TitleInfo(None, (), None, None)


def _ends_title(text: str, keywords: list[str]) -> bool:
    """A title ends with its document-type word (报告, 自评表…), possibly followed by a bracketed note."""
    core = re.sub(r"[（(][^）)]*[）)]$", "", text)
    return any(core.endswith(word) for word in keywords)


def _agency(title: str, conf: dict) -> str | None:
    rest = title
    if m := re.match(r"^\s*(?:19|20)\d{2}\s*年度?", rest):
        rest = rest[m.end():]
    cut = min((i for phrase in conf["agency_ends_before"] if (i := rest.find(phrase)) > 0), default=-1)
    return rest[:cut].strip() or None if cut > 0 else None


def agency_and_year(title: str | None, rules: RuleData) -> tuple[str | None, int | None]:
    """The agency and year a title names (None where it names none), as detect_title reads them."""
    if not title:
        return None, None
    year = _YEAR.search(title)
    return _agency(title, rules.document["title"]), int(year.group(1)) if year else None
