"""What a check receives (the document, its analysis, the rule data) and what it yields (hits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analysis import Analysis
from ..model import Document
from ..rulesets import RuleData


@dataclass(frozen=True)
class Context:
    """Everything a check may read; checks never re-parse the text their own way."""

    doc: Document
    analysis: Analysis
    rules: RuleData


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
