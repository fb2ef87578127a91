"""SUP001: a suppression written in the report that suppressed nothing; raised by suppress.py after the rules run."""

from __future__ import annotations

from ..model import Severity
from ..registry import T, declare
from ..vocab import Scope

declare(
    code="SUP001",
    name="unused-suppression",
    severity=Severity.INFO,
    scope=(Scope.DOCUMENT,),
    summary=T("抑制注释没有抑制任何问题（或写了不存在的规则代码）", "A suppression comment suppresses nothing (or names no rule)"),
    messages={
        "unused": T("抑制注释“{directive}”中的 {codes} 在此处没有问题可抑制，可删除该代码",
                    "{codes} in the suppression “{directive}” suppresses nothing here; remove it"),
        "unused-all": T("抑制注释“{directive}”在此处没有问题可抑制，可删除",
                        "The suppression “{directive}” suppresses nothing here; remove it"),
        "unknown": T("抑制注释“{directive}”中的 {codes} 不是规则代码（selfeval-lint rules 列出全部规则）",
                     "{codes} in the suppression “{directive}” is no rule code (selfeval-lint rules lists them)"),
    },
    what=T(
        "报告中的抑制写法（.txt/.md 中的 <!-- selfeval-lint-disable 代码 -->、<!-- selfeval-lint-enable 代码 -->、"
        "<!-- selfeval-lint-disable-next-line 代码 -->，Word 批注“selfeval-lint: ignore 代码 — 原因”）在其范围内没有"
        "抑制任何问题，或写了不存在的规则代码。只在所写规则已启用时判断（用 --select 只启用部分规则时，未启用的规则不算）。",
        "A suppression written in the report (<!-- selfeval-lint-disable CODE -->, -enable, -disable-next-line in "
        ".txt/.md; a Word comment “selfeval-lint: ignore CODE — reason”) suppressed nothing in its range, or names "
        "a code no rule has. Judged only for rules that ran (rules left out by --select do not count).",
    ),
    why=T(
        "问题改正后留下的抑制注释会在今后掩盖同一位置新出现的问题；写错的代码则什么也抑制不了。",
        "A suppression left after the problem was fixed would hide a new problem there later; a mistyped code suppresses nothing.",
    ),
    fix=T("删除不再需要的抑制注释或其中的代码，或改正代码。", "Remove the suppression or the code it no longer needs, or correct the code."),
)
