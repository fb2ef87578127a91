"""Loads the rule data files read by the residue and consistency checks (rules/residue.yaml, rules/consistency.yaml),
each validated against its schema in rules/schema/ like the core files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .rulesets import RuleData, _read_yaml
from .validated import validate_once

_CACHE: dict[tuple[Path, str], dict[str, Any]] = {}


def extra_rules(rules: RuleData, name: str) -> dict[str, Any]:
    """The validated data of rules/NAME.yaml beside the loaded rule set (a broken file raises RuleSetError)."""
    key = (rules.root, name)
    if key not in _CACHE:
        path = rules.root / f"{name}.yaml"
        data = _read_yaml(path)
        validate_once(path, data, rules.root / "schema" / f"{name}.schema.json")
        _CACHE[key] = data
    return _CACHE[key]
