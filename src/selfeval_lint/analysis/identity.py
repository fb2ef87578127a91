"""The report's own identity — year, kind (budget, final accounts, self-evaluation) and agency — read from its title
or first lines, and the places its text names a year or its own agency (data in rules/consistency.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import parse_label
from ..model import Document

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SENTENCE = re.compile(r"[。；;！!？?，,]")


@dataclass(frozen=True)
class Identity:
    """What the report says it is: its year, kind and agency (each None when not found)."""

    year: int | None
    kind: str | None  # selfeval, final or budget
    agency: str | None


@dataclass(frozen=True)
class YearMention:
    """A phrase naming a year that should stand in a fixed relation to the report's year."""

    block: int
    start: int
    end: int
    year: int
    phrase: str  # the phrase id in rules/consistency.yaml
    expected: int | None  # the year it should name; None: any year before the report's
    compare: bool


@dataclass(frozen=True)
class NameVariant:
    """The agency's name with characters left out (上海市普陀财政局 for 上海市普陀区财政局)."""

    block: int
    start: int
    end: int
    text: str
    dropped: str  # the characters left out
    self_reference: bool  # before the report's year or after a label such as 编制单位：


def identity(doc: Document, conf: dict) -> Identity:
    """The report's year, kind and agency, from the title (or its first lines when no title was recognised)."""
    head = doc.title or "".join(_title_lines(doc, conf["title_lines"]))
    year = doc.year
    if year is None and (m := _YEAR.search(head)):
        year = int(m.group(1))
    kind = next((k for k, words in conf["kinds"].items() if any(w in head for w in words)), None)
    return Identity(year, kind, _name(doc.agency, conf) or _agency(doc, head, conf))


def _name(text: str | None, conf: dict) -> str | None:
    """An agency's name: without a trailing year (湘阴县教育局2023年度), and ending as agencies do (not a project's)."""
    if not text:
        return None
    text = re.sub(r"\s*(?:19|20)\d{2}\s*年度?$", "", text.strip())
    return text if len(text) >= 4 and text.endswith(tuple(conf["agency_ends"])) else None


def _title_lines(doc: Document, most: int) -> list[str]:
    """The first short lines before any labelled line or sentence: where a title stands."""
    lines = []
    for block in doc.blocks[:most]:
        text = block.text.strip()
        if len(text) > 40 or parse_label(text) is not None or _SENTENCE.search(text):
            break
        lines.append(text)
    return lines


def _agency(doc: Document, head: str, conf: dict) -> str | None:
    """The agency named by the title before its year, else after a label such as 预算主管部门： in the first lines."""
    m = _YEAR.search(head)
    before = head[: m.start()].strip() if m else ""
    if _name(before, conf):
        return before
    for block in doc.blocks[: conf["title_lines"] + 3]:
        for label in conf["agency_labels"]:
            if block.text.strip().startswith(label):
                return _name(block.text.strip()[len(label) :], conf)
    return None


def year_mentions(doc: Document, conf: dict, who: Identity) -> list[YearMention]:
    """Every phrase of rules/consistency.yaml that names a year, with the year it should name in this report."""
    if who.year is None or who.kind is None:
        return []
    found = []
    for phrase in conf["phrases"]:
        pattern = re.compile(phrase["pattern"])
        if phrase.get("compare"):
            if who.kind not in phrase["kinds"]:
                continue
            expected, compare = None, True
        elif who.kind in phrase["offset"]:
            expected, compare = who.year + phrase["offset"][who.kind], False
        else:
            continue
        for block in doc.blocks:
            for m in pattern.finditer(block.text):
                found.append(YearMention(block.index, m.start(), m.end(), int(m.group("year")), phrase["id"], expected, compare))
    return found


def name_variants(doc: Document, conf: dict, who: Identity) -> list[NameVariant]:
    """Places where the text writes the agency's name with a run of 1–4 characters left out after its first two."""
    name = who.agency
    if not name or len(name) < 6:
        return []
    tail = name[-3:]
    labels = tuple(conf["self_reference_labels"])
    found = []
    for block in doc.blocks:
        text = block.text
        for m in re.finditer(re.escape(tail), text):
            end = m.end()
            if text[max(0, end - len(name)) : end] == name:
                continue
            for k in range(1, 5):
                start = end - (len(name) - k)
                if start < 0:
                    continue
                variant = text[start:end]
                cut = _deletion(name, variant, k)
                if cut is None:
                    continue
                dropped = name[cut : cut + k]
                after = text[end : end + 8]
                before = text[max(0, start - 12) : start]
                self_ref = bool(who.year and re.match(rf"\s*{who.year}\s*年", after)) or before.rstrip().endswith(labels)
                if len(dropped) > 1 and not self_ref:
                    continue  # 上海市财政局, …区万里街道办事处 in general text: another agency, or a usual short form
                found.append(NameVariant(block.index, start, end, variant, dropped, self_ref))
                break
    return found


def _deletion(name: str, variant: str, k: int) -> int | None:
    """Where `variant` is `name` with `k` consecutive characters deleted (after its first two and before its last
    three), or None."""
    for i in range(2, len(name) - 3 - k + 1):
        if name[:i] + name[i + k :] == variant:
            return i
    return None
