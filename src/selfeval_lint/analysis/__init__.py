"""Analysis: the facts about a document, built once (outline, enumerations) and read by every check."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..rulesets import RuleData
from ..templates import TemplateChoice
from .enumerations import Enumeration, find_enumerations
from .outline import Outline, build_outline
from .sections import SectionFacts, match_sections
from .styles import NumberingStyles, numbering_styles


@dataclass(frozen=True)
class Analysis:
    """Every fact the checks read."""

    outline: Outline
    enumerations: tuple[Enumeration, ...]
    styles: NumberingStyles
    sections: SectionFacts


def analyse(doc: Document, rules: RuleData, template: TemplateChoice) -> Analysis:
    outline = build_outline(doc, rules)
    return Analysis(
        outline=outline,
        enumerations=tuple(find_enumerations(doc, outline)),
        styles=numbering_styles(outline, rules.numbering),
        sections=match_sections(doc, outline, template),
    )


__all__ = ["Analysis", "analyse"]
