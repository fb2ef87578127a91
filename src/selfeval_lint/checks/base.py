"""What a check receives (the document, its analysis, the rule data) and what it yields (hits); how the engine
tells a rule's declared preconditions (needs) and the scope each block belongs to."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..analysis import Analysis
from ..model import Document, Severity
from ..rulesets import RuleData
from ..vocab import Need, Scope


@dataclass(frozen=True)
class Tolerance:
    """Allowances beyond the rounding the written figures imply (configuration [tolerance]; all 0 by default)."""

    amount_yuan: Decimal = Decimal(0)  # extra allowance for sums and repeated amounts, in 元
    percent_points: Decimal = Decimal(0)  # extra allowance for shares, rates and growth, in percentage points
    shortfall_share: Decimal = Decimal("0.05")  # parts short of a 其中 total by more than this: ARI002, not ARI001


@dataclass(frozen=True)
class Context:
    """Everything a check may read; checks never re-parse the text their own way."""

    analysis: Analysis
    tolerance: Tolerance = field(default_factory=Tolerance)
    # What a rule module derives from the analysis once per file and its several rules read again (the FMT
    # rules' paragraphs with their roles), by a key of that module's own.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def doc(self) -> Document:
        return self.analysis.doc

    @property
    def rules(self) -> RuleData:
        return self.analysis.rules


@dataclass(frozen=True)
class Hit:
    """A check's raw result: a span in one block, the message variant and its arguments."""

    block: int
    start: int
    end: int
    variant: str
    args: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    review: bool = False
    severity: Severity | None = None  # at most this severity for this hit (e.g. info on the fallback template)


def _template_fits(ctx: Context) -> bool:
    return ctx.analysis.sections.fits


def _exact_titles(ctx: Context) -> bool:
    return bool(ctx.analysis.template.template.exact_titles)


def _docx_layout(ctx: Context) -> bool:
    doc = ctx.doc
    wanted = getattr(ctx.analysis.template.template, "layout", None)
    layout_rules = ctx.rules.layout
    return (doc.format == "docx" and doc.layout is not None and bool(wanted) and layout_rules is not None
            and wanted in layout_rules["profiles"])


def _typed_spacing(ctx: Context) -> bool:
    return ctx.doc.format in ("txt", "docx")


# How each precondition is told; the engine asks them in the order a rule declares them, and calls the rule
# only when all hold.
NEED_TESTS: dict[Need, Callable[[Context], bool]] = {
    Need.TEMPLATE_FITS: _template_fits,
    Need.EXACT_TITLES: _exact_titles,
    Need.DOCX_LAYOUT: _docx_layout,
    Need.TYPED_SPACING: _typed_spacing,
}


def needs_met(needs: Iterable[Need], ctx: Context) -> bool:
    """Whether every precondition holds for this document."""
    return all(NEED_TESTS[need](ctx) for need in needs)


def block_scopes(analysis: Analysis) -> list[frozenset[Scope]]:
    """The scope each block belongs to: title, toc, headings (a heading and its wrapped second line), table
    cells, else body. A document without title lines lends its first block the title's place (where notes
    about the whole report stand)."""
    doc, outline = analysis.doc, analysis.outline
    titles = set(doc.title_blocks) or ({0} if doc.blocks else set())
    headings = {item.block for item in outline.items if item.heading}
    headings |= {cont for block, cont in outline.continuations.items() if block in headings}
    out = []
    for block in doc.blocks:
        kinds = set()
        if block.index in titles:
            kinds.add(Scope.TITLE)
        if block.index in outline.toc_blocks:
            kinds.add(Scope.TOC)
        if block.table is not None:
            kinds.add(Scope.TABLE_CELLS)
        if block.index in headings:
            kinds.add(Scope.HEADINGS)
        if not kinds or kinds == {Scope.TITLE} and not doc.title_blocks:
            kinds.add(Scope.BODY)
        out.append(frozenset(kinds))
    return out


def in_scope(scope: tuple[Scope, ...], kinds: frozenset[Scope]) -> bool:
    """Whether a hit in a block of these kinds lies in a rule's declared scope (no scope, or document: anywhere)."""
    return not scope or Scope.DOCUMENT in scope or not kinds.isdisjoint(scope)
