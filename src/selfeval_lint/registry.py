"""The one registry of rule codes: each rule declared once, read by checks, the CLI and the docs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import Finding, Severity
from .vocab import Need, Scope

LANGS = ("zh", "en")


@dataclass(frozen=True)
class T:
    """A user-facing text in Simplified Chinese and English."""

    zh: str
    en: str

    def __call__(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Example:
    """A documented example: text that raises the rule, and the same text fixed (from the rule's case file)."""

    invalid: str
    valid: str


@dataclass(frozen=True)
class Rule:
    """A rule's single declaration: identity, default severity, messages and documentation."""

    code: str
    name: str
    severity: Severity
    summary: T
    messages: dict[str, T]
    what: T
    why: T
    fix: T
    check: Callable[..., Iterable[Any]] | None = field(default=None, compare=False)
    scope: tuple[Scope, ...] = ()  # the blocks the rule reads and reports in (the engine drops hits elsewhere)
    needs: tuple[Need, ...] = ()  # preconditions the engine checks once before calling the rule

    def __post_init__(self) -> None:  # a scope or need given as a string is read through its vocabulary
        object.__setattr__(self, "scope", tuple(Scope(s) for s in self.scope))
        object.__setattr__(self, "needs", tuple(Need(n) for n in self.needs))

    @property
    def examples(self) -> tuple[Example, ...]:
        """The documented examples, read (once) from the rule's case file, checks/cases/<CODE>.yaml."""
        from .checks.cases import doc_examples

        return doc_examples(self.code)

    @property
    def family(self) -> str:
        return self.code[:3]

    def message(self, variant: str, args: dict[str, Any], lang: str = "zh") -> str:
        """The message for `variant`; an argument given as {"zh": …, "en": …} is localised too."""
        template = self.messages.get(variant) or SHARED_MESSAGES[variant]
        if any(isinstance(v, dict) for v in args.values()):
            args = {k: (v.get(lang, v.get("zh")) if isinstance(v, dict) else v) for k, v in args.items()}
        return template(lang).format_map(args)


# Message variants every rule has: the note that closes a rule's findings in a file once they are capped.
SHARED_MESSAGES = {
    "more": T("另有 {count} 处同类问题（{code}），未逐一列出", "{count} more findings of this kind ({code}) not listed"),
}

REGISTRY: dict[str, Rule] = {}
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")


def declare(**fields: Any) -> Rule:
    """Register a rule whose findings come from outside the checks (e.g. PAR from ingest)."""
    rule_ = Rule(**fields)
    if not _CODE.match(rule_.code):
        raise ValueError(f"bad rule code {rule_.code!r}")
    if rule_.code in REGISTRY:
        raise ValueError(f"rule {rule_.code} declared twice")
    if any(r.name == rule_.name for r in REGISTRY.values()):
        raise ValueError(f"rule name {rule_.name} declared twice")
    REGISTRY[rule_.code] = rule_
    return rule_


def rule(**fields: Any) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Decorator: declare a rule and register the function that checks it."""

    def decorator(fn: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        declare(check=fn, **fields)
        return fn

    return decorator


def all_rules() -> list[Rule]:
    """Every registered rule, in code order."""
    from . import checks  # noqa: F401  (importing registers the rules)

    return [REGISTRY[c] for c in sorted(REGISTRY)]


def get_rule(code: str) -> Rule:
    """The rule declared with `code` (any case); a report renders every finding through here, so no sorting."""
    found = REGISTRY.get(code) or REGISTRY.get(code.upper())
    if found is not None:
        return found
    from . import checks  # noqa: F401  (importing registers the rules)

    return REGISTRY[code.upper()]


def render(finding: Finding, lang: str = "zh") -> str:
    """The finding's message in the given language."""
    return get_rule(finding.code).message(finding.variant, finding.args, lang)


def _expand(selector: str, codes: Iterable[str]) -> set[str]:
    sel = selector.strip().upper()
    if sel == "ALL":
        return set(codes)
    hits = {c for c in codes if c.startswith(sel)}
    if not hits:
        raise ValueError(sel)
    return hits


def resolve_selection(select: Iterable[str] | None, ignore: Iterable[str] | None) -> frozenset[str]:
    """Codes enabled by --select/--ignore (codes or prefixes such as NUM, ARI001); unknown ones raise ValueError."""
    codes = [r.code for r in all_rules()]
    chosen: set[str] = set()
    for sel in select if select is not None else ["ALL"]:
        if sel.strip():
            chosen |= _expand(sel, codes)
    for ign in ignore or []:
        if ign.strip():
            chosen -= _expand(ign, codes)
    return frozenset(chosen)
