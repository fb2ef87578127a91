"""Property: breakdowns written to 0–3 decimals in mixed units are never flagged when the written figures are
consistent, and always flagged when one part is off by more than the rounding tolerance."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import lint

UNITS = {"元": 1, "万元": 10_000}
NAMES = ["人员经费", "公用经费", "项目经费", "专项资金", "其他支出"]


@st.composite
def written(draw, value: Decimal | None = None):
    """A figure as written: unit, decimals, text; `value` fixes its true value in 元."""
    unit = draw(st.sampled_from(list(UNITS)))
    decimals = draw(st.integers(0, 3))
    step = Decimal(10) ** -decimals * UNITS[unit]  # the smallest written step, in 元
    if value is None:
        # an integer-written figure among decimals is read as exact: give it an exact value
        value = draw(st.integers(1, 10**6)) * step
    shown = (value / UNITS[unit]).quantize(Decimal(10) ** -decimals, rounding=ROUND_HALF_EVEN)
    return {"unit": unit, "decimals": decimals, "shown": shown, "scale": UNITS[unit]}


def text_of(fig: dict) -> str:
    return f"{fig['shown']}{fig['unit']}"


def half(fig: dict) -> Decimal:
    return Decimal("0.5") * Decimal(10) ** -fig["decimals"] * fig["scale"]


def sentence(total: dict, parts: list[dict]) -> str:
    listed = "；".join(f"{NAMES[i]}{text_of(p)}" for i, p in enumerate(parts))
    return f"一、支出情况\n2023年度支出{text_of(total)}，其中：{listed}。\n"


@st.composite
def consistent_breakdown(draw):
    n = draw(st.integers(2, 5))
    parts = [draw(written()) for _ in range(n)]
    # true part values: what each written part stands for exactly when it is an integer among decimals
    true_parts = [p["shown"] * p["scale"] for p in parts]
    total = draw(written(sum(true_parts)))
    assume_exact = all(p["decimals"] > 0 for p in parts) or all(p["decimals"] == 0 for p in parts)
    return total, parts, assume_exact


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_breakdown())
def test_consistent_breakdowns_are_never_flagged(case):
    total, parts, _ = case
    if total["decimals"] == 0 and any(p["decimals"] > 0 for p in parts) and total["shown"] * total["scale"] != sum(
        p["shown"] * p["scale"] for p in parts
    ):
        return  # an integer total among decimal parts is read as exact: only exact totals are consistent then
    assert lint(sentence(total, parts), "ARI") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_breakdown(), st.integers(0, 4), st.sampled_from([1, -1]), st.integers(1, 50))
def test_a_part_off_by_more_than_the_tolerance_is_always_flagged(case, which, sign, extra_steps):
    total, parts, _ = case
    which %= len(parts)
    tolerance = half(total) + sum(half(p) for p in parts)
    part = dict(parts[which])
    step = Decimal(10) ** -part["decimals"] * part["scale"]
    # move the written part by whole steps until it is off by more than the tolerance
    steps = int(tolerance * 2 / step) + extra_steps
    moved = part["shown"] + sign * steps * Decimal(10) ** -part["decimals"]
    if moved <= 0:
        return
    part["shown"] = moved
    changed = [*parts[:which], part, *parts[which + 1 :]]
    codes = [f.code for f in lint(sentence(total, changed), "ARI")]
    assert codes and set(codes) <= {"ARI001", "ARI002"}
