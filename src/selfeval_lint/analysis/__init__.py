"""Analysis: the facts about a document, built once (outline, enumerations) and read by every check."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import Document
from ..rulesets import RuleData
from ..templates import TemplateChoice
from .enumerations import Enumeration, find_enumerations, find_label_closers
from .figures import Figure, find_figures
from .outline import Outline, build_outline
from .sections import SectionFacts, match_sections
from .styles import NumberingStyles, numbering_styles


@dataclass(frozen=True)
class Analysis:
    """Every fact the checks read; section matches (jieba), figures and statements (spaCy) are built on first use."""

    doc: Document
    rules: RuleData
    outline: Outline
    enumerations: tuple[Enumeration, ...]
    label_closers: frozenset[tuple[int, int]]  # (block, offset) of brackets that close list labels (1）, a))
    styles: NumberingStyles
    template: TemplateChoice

    @cached_property
    def sections(self) -> SectionFacts:
        return match_sections(self.doc, self.outline, self.template, self.rules)

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(find_figures(self.doc, self.rules))

    @cached_property
    def statements(self):  # type: ignore[no-untyped-def]
        from .statements import recognise  # imports the spaCy layer

        return recognise(self.doc, self.figures, self.rules, self.outline)

    @cached_property
    def selfeval_tables(self):  # type: ignore[no-untyped-def]
        """The self-evaluation tables (绩效自评表) and the report's statements about them."""
        from .selfeval_table import table_facts

        return table_facts(self.doc, self.rules)


def analyse(doc: Document, rules: RuleData, template: TemplateChoice) -> Analysis:
    outline = build_outline(doc, rules)
    return Analysis(
        doc=doc,
        rules=rules,
        outline=outline,
        enumerations=tuple(find_enumerations(doc, outline)),
        label_closers=find_label_closers(doc, outline),
        styles=numbering_styles(outline, rules.numbering),
        template=template,
    )


__all__ = ["Analysis", "analyse"]
