"""What a check receives (the document, its analysis, the rule data) and what it yields (hits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..analysis import Analysis
from ..model import Document, Severity
from ..rulesets import RuleData


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
