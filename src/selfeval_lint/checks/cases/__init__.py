"""Each rule's cases as data (checks/cases/<CODE>.yaml): its test inputs and, marked `doc: true`, its documented examples."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

CASES_DIR = Path(__file__).resolve().parent


def case_path(code: str) -> Path:
    return CASES_DIR / f"{code.upper()}.yaml"


def case_codes() -> list[str]:
    """The rule codes that have a case file, in code order."""
    return sorted(p.stem for p in CASES_DIR.glob("*.yaml"))


@cache
def load_cases(code: str) -> dict[str, Any]:
    """The parsed case file of a rule ({"rule": code, "cases": []} when it has none)."""
    path = case_path(code)
    if not path.is_file():
        return {"rule": code.upper(), "cases": []}
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def doc_examples(code: str) -> tuple[Any, ...]:
    """The rule's documented examples: the n-th `doc: true` invalid case paired with the n-th `doc: true` valid one."""
    from ...registry import Example

    cases = [c for c in load_cases(code)["cases"] if c.get("doc")]
    invalid = [c["text"] for c in cases if c["kind"] == "invalid"]
    valid = [c["text"] for c in cases if c["kind"] != "invalid"]
    if len(invalid) != len(valid):
        raise ValueError(f"{case_path(code).name}: {len(invalid)} documented invalid cases but {len(valid)} valid ones")
    return tuple(Example(invalid=i, valid=v) for i, v in zip(invalid, valid))
