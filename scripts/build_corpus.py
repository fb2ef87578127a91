"""Build the corpus variants of the reference report, and (on request) record their expected findings.

    python scripts/build_corpus.py                    # write corpus/*.fixed.txt and *.defects.txt
    python scripts/build_corpus.py --write-expected   # also record what the tool reports now, for review

The expected files are reviewed by hand before they are committed: the test suite then fails on any
difference, so a change in what the tool reports on these documents is a visible diff.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REFERENCE = CORPUS / "yueyang-kjj-2023-dept-selfeval.txt"

# Every defect of the reference report corrected (GB/T 9704 labels, full-width brackets, artifact, quote).
FIXES = [
    ("1、 部门（单位）基本情况", "一、部门（单位）基本情况"),
    ("(一)主要职责", "（一）主要职责"),
    ("(二)内设机构", "（二）内设机构"),
    ("2、 一般公共预算支出情况", "二、一般公共预算支出情况"),
    ("（1） 基本支出情况", "（一）基本支出情况"),
    ("（2） 项目支出情况", "（二）项目支出情况"),
    ("3、 政府性基金预算支出情况", "三、政府性基金预算支出情况"),
    ("4、 国有资本经营预算支出情况", "四、国有资本经营预算支出情况"),
    ("5、 社会保险基金预算支出情况", "五、社会保险基金预算支出情况"),
    ("建立政策、项目、任务”", "建立“政策、项目、任务”"),
    ("[bookmark: _GoBack]", ""),
    ("（2） 人员专业素养", "（二）人员专业素养"),
    ("8、 下一步改进措施", "八、下一步改进措施"),
    ("（2） 积极对接项目资金", "（二）积极对接项目资金"),
    ("（3） 加强人员业务素质", "（三）加强人员业务素质"),
    ("（4） 不断提高机关管理水平", "（四）不断提高机关管理水平"),
]

# Defects injected into the corrected report: one per kind the tool must find.
DEFECTS = [
    ("七、存在的问题及原因分析", "九、存在的问题及原因分析"),  # gap after 六、
    ("（三）专项资金管理情况", "（二）专项资金管理情况"),  # repeated （二）
    ("2023年度我单位项目支出", "20xx年度我单位项目支出"),  # unfilled year
    ("在岳阳市科技局单位官网网站上公示。", "在岳阳市科技局单位官网网站上公示。。"),  # doubled 。
    ("三是科技创新平台不断壮大。", "四是科技创新平台不断壮大。"),  # enumeration repeat (四是 twice)
    ("重新梳理修订了《岳阳市科学技术局采购工作内部控制制度》", "重新梳理修订了《岳阳市科学技术局采购工作内部控制制度"),  # unclosed 《
]


def apply(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        if text.count(old) != 1:
            sys.exit(f"build_corpus: {old!r} occurs {text.count(old)} times in the source, expected once")
        text = text.replace(old, new)
    return text


def variants() -> dict[Path, str]:
    reference = REFERENCE.read_text(encoding="utf-8")
    fixed = apply(reference, FIXES)
    return {
        REFERENCE.with_suffix(".fixed.txt"): fixed,
        REFERENCE.with_suffix(".defects.txt"): apply(fixed, DEFECTS),
    }


def expected_findings(path: Path) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from selfeval_lint.engine import Options, check_file
    from selfeval_lint.registry import render, resolve_selection

    result = check_file(str(path), Options(selected=resolve_selection(None, None)))
    return {
        "file": path.name,
        "findings": [
            {
                "code": f.code,
                "line": f.location.line,
                "column": f.location.column,
                "suggestion": f.suggestion,
                "message": render(f),
            }
            for f in result.findings
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write-expected", action="store_true", help="record the current findings as expected")
    args = parser.parse_args()
    for path, text in variants().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if args.write_expected:
        for path in sorted(CORPUS.glob("*.txt")):
            target = path.with_name(path.name.removesuffix(".txt") + ".expected.json")
            target.write_text(json.dumps(expected_findings(path), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
