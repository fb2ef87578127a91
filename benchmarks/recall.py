"""Recall by mutation: inject one defect at a time into every corpus and fixture report, render each mutant as
.txt, .docx (Word automatic numbering) and .pdf (reportlab), check it, and print per defect type and format the
share of mutants whose defect is found and the findings that appear elsewhere (collateral) per mutant.

    python benchmarks/recall.py                 # every document, up to 2 mutants per type and document
    python benchmarks/recall.py --quick         # 3 documents, 1 mutant per type, .txt only (seconds)
    python benchmarks/recall.py --formats txt,docx --per-doc 1 --misses

A defect is found when the mutant has more findings of one of its type's codes than the unmutated document in the
same format; collateral findings are the extra findings of any other code (for a changed figure, findings of the
other ARI statements it takes part in are its own consequences, not collateral). Numbering defects are typed in the
.docx (Word's automatic numbering would renumber them away); every other mutant uses automatic numbering.

Two sources of figure defects. The `wrong-*` types are injected where the tool's own analysis of the unmutated
document finds a statement (a 其中 breakdown, a share, a rate, a growth, a counted list): they measure whether a
wrong figure in a recognised statement is reported in every format. The `text-*` types and `table-cell` are picked
from the text itself, whether a recogniser matched or not: any 万元 amount in a sentence with a total/part cue
(其中, 合计, 包括, 占 …), any percentage in a sentence with a share/rate/growth cue, any number cell of a table.
Their recall is printed twice more — for mutants whose figure the analysis had put into a statement and for the
others — so that what falls short shows why: a figure no recogniser reads, or one with nothing to check it against
(a lone amount, a part whose total is not stated).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from selfeval_lint.engine import Options, check_bytes, prepare  # noqa: E402
from selfeval_lint.labels import render_label  # noqa: E402
from selfeval_lint.model import BlockKind  # noqa: E402
from selfeval_lint.registry import resolve_selection  # noqa: E402

ALL = Options(selected=resolve_selection(None, None))
FORMATS = ("txt", "docx", "pdf")

# Which codes find each defect type (a wrong part also breaks the shares of its total, so ARI003 finds it too).
EXPECTED = {
    "wrong-part": {"ARI001", "ARI002", "ARI003", "ARI008"},
    "wrong-total": {"ARI001", "ARI002", "ARI003", "ARI008"},
    "wrong-share": {"ARI003", "ARI010"},
    "wrong-rate": {"ARI004", "ARI010"},
    "wrong-growth": {"ARI005", "ARI009", "ARI010"},
    "wrong-count": {"ARI007"},
    "numbering-gap": {"NUM001"},
    "numbering-repeat": {"NUM001"},
    "numbering-style": {"NUM002", "NUM003", "NUM004"},
    "deleted-section": {"SEC001"},
    "swapped-sections": {"SEC002"},
    "placeholder": {"TXT002"},
    "artifact": {"TXT001"},
    "unbalanced-quote": {"TXT003"},
}
# Defects picked from the text, not from recognised statements: any checking ARI or TAB rule may find them.
FIGURE_CODES = {f"ARI{n:03d}" for n in range(1, 16)}
TABLE_CODES = {f"TAB{n:03d}" for n in range(1, 21)}
EXPECTED |= {"text-amount": FIGURE_CODES, "text-percent": FIGURE_CODES, "table-cell": FIGURE_CODES | TABLE_CODES}
TEXT_KINDS = ("text-amount", "text-percent", "table-cell")
# Findings of these codes are the defect's own consequences, not collateral: a changed figure also breaks the other
# statements it takes part in (a total that is also a growth's current amount).
RELATED = {kind: (codes | FIGURE_CODES if kind.startswith("wrong-") else codes) for kind, codes in EXPECTED.items()}
# A deleted or moved section the table of contents still lists where it was: SEC008 is the same defect seen there.
RELATED["deleted-section"] = RELATED["deleted-section"] | {"SEC008"}
RELATED["swapped-sections"] = RELATED["swapped-sections"] | {"SEC008"}
NUMBERING = {"numbering-gap", "numbering-repeat", "numbering-style"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Mutant:
    kind: str
    doc: str
    text: str
    note: str
    recognised: bool | None = None  # text-* and table-cell: whether the analysis put the figure into a statement


def documents(quick: bool) -> list[Path]:
    """The corrected reference report and the realistic correct reports."""
    docs = [ROOT / "corpus" / "yueyang-kjj-2023-dept-selfeval.fixed.txt"]
    docs += sorted((ROOT / "tests" / "fixtures" / "correct").glob("*.txt"))
    return docs[:3] if quick else docs


# ── editing the text at a block offset ────────────────────────────────────────────────────────────────

class Editor:
    """The text of one document and its analysis, to edit at the places the analysis names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.analysis = prepare("doc.txt", text.encode("utf-8"), ALL)
        self.doc = self.analysis.doc

    def replace(self, block: int, start: int, old: str, new: str) -> str | None:
        """The text with `old` (at `start` in block `block`) replaced by `new`; None when it cannot be located."""
        line, column, _ = self.doc.blocks[block].position(start)
        if line is None:
            return None
        row = self.lines[line - 1]
        at = column - 1
        if row[at : at + len(old)] != old:
            return None
        lines = list(self.lines)
        lines[line - 1] = row[:at] + new + row[at + len(old) :]
        return "\n".join(lines)

    def line_of(self, block: int) -> int:
        return self.doc.blocks[block].position(0)[0] - 1


def _number(text: str, delta: Decimal | None = None, factor: Decimal | None = None) -> tuple[str, str] | None:
    """(old number, new number) in a figure's text, changed by `delta` or `factor`, written with the same decimals."""
    m = _NUMBER.search(text)
    if not m:
        return None
    old = m.group(0)
    value = Decimal(old.replace(",", ""))
    decimals = len(old.split(".")[1]) if "." in old else 0
    new_value = value * factor if factor is not None else value + (delta or 0)
    if new_value < 0:
        new_value = value + abs(delta or value)
    new_value = new_value.quantize(Decimal(10) ** -decimals) if decimals else new_value.to_integral_value()
    if new_value == value:
        new_value += Decimal(10) ** -decimals if decimals else 1
    new = f"{new_value:,.{decimals}f}" if "," in old else f"{new_value:.{decimals}f}"
    return old, new


def _figure_mutant(ed: Editor, figure, **change) -> str | None:  # type: ignore[no-untyped-def]
    changed = _number(figure.text, **change)
    if changed is None:
        return None
    old, new = changed
    offset = figure.start + figure.text.index(old)
    return ed.replace(figure.block, offset, old, new)


def figure_mutants(ed: Editor) -> Iterator[tuple[str, str, str]]:
    st = ed.analysis.statements
    for b in st.breakdowns:
        if b.total.approx or any(p.approx for p in b.parts):
            continue
        part = b.parts[0]
        delta = max(b.total.base / 10, part.scale * Decimal("1")) / part.scale
        if (text := _figure_mutant(ed, part, delta=delta.quantize(Decimal("0.01")))) is not None:
            yield "wrong-part", text, f"{part.text} in {b.total.text}"
        if (text := _figure_mutant(ed, b.total, factor=Decimal("0.9"))) is not None:
            yield "wrong-total", text, b.total.text
    for s in st.shares:
        if not s.percent.approx:
            delta = Decimal(-3) if s.percent.value > 50 else Decimal(3)
            if (text := _figure_mutant(ed, s.percent, delta=delta)) is not None:
                yield "wrong-share", text, s.percent.text
    for r in [*st.rates, *st.completions]:
        if not r.rate.approx:
            if (text := _figure_mutant(ed, r.rate, delta=Decimal(-3))) is not None:
                yield "wrong-rate", text, r.rate.text
    for g in [*st.growths, *[c for c in st.changes if c.percent is not None]]:
        percent = g.percent
        if not percent.approx:
            if (text := _figure_mutant(ed, percent, delta=Decimal(3))) is not None:
                yield "wrong-growth", text, percent.text
    for c in st.counted_lists:
        if not c.truncated:
            if (text := _figure_mutant(ed, c.count, delta=Decimal(1))) is not None:
                yield "wrong-count", text, c.count.text


AMOUNT = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?=万元)")
PERCENT = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?=%)")
CELL = re.compile(r"^\d[\d,]*(?:\.\d+)?%?$")
SENTENCE = re.compile(r"[^。；;！？\n]+")


def _cue_words(ed: Editor, labels: tuple[str, ...]) -> tuple[str, ...]:
    cues = ed.analysis.rules.statements["cues"]
    return tuple(w for label in labels for w in cues.get(label, ()))


def _stated(ed: Editor) -> set[tuple[int, int]]:
    """(block, start) of every figure the analysis put into a statement."""
    st = ed.analysis.statements
    figures = [f for b in st.breakdowns for f in (b.total, *b.parts)]
    figures += [f for s in st.shares for f in (s.part, s.base, s.percent)]
    figures += [f for r in st.rates for f in (r.budget, r.execution, r.rate)]
    figures += [f for g in st.growths for f in (g.current, g.change, g.percent)]
    figures += [f for c in st.changes for f in (c.before, c.after, c.amount, c.percent) if f is not None]
    figures += [f for c in st.completions for f in vars(c).values() if hasattr(f, "block")]
    figures += [f for p in st.pairings for f in p.figures] + [q.figure for q in st.quantities]
    figures += [t.figure for t in getattr(st, "stated_totals", ())]
    return {(f.block, f.start) for f in figures}


def _located(ed: Editor) -> dict[tuple[int, int], tuple[int, int]]:
    """Text position (line, column) → (block, start) of each figure the analysis found."""
    out = {}
    for f in ed.analysis.figures:
        line, column, _ = ed.doc.blocks[f.block].position(f.start)
        if line is not None:
            out[(line, column)] = (f.block, f.start)
    return out


def text_mutants(ed: Editor) -> Iterator[tuple[str, str, str, bool | None]]:
    """Figures picked from the text whatever the recognisers made of it: a 万元 amount in a sentence with a total or
    part cue becomes 10 % larger, a percentage in a sentence with a share, rate or growth cue 3 points off, a number
    cell of a table 10 % larger."""
    stated, located = _stated(ed), _located(ed)
    amount_cues = _cue_words(ed, ("BREAKDOWN", "TOTAL_AFTER", "LIST_INTRO", "SHARE"))
    percent_cues = _cue_words(ed, ("SHARE", "RATE", "COMPLETION", "INCREASE", "DECREASE"))
    tables = {row for b in ed.doc.blocks if b.kind is BlockKind.TABLE for row in range(b.line, b.line + b.text.count("\n") + 1)}
    for n, line in enumerate(ed.lines, start=1):
        if n in tables:
            start = 0
            for cell in line.split("\t"):
                if CELL.match(cell.strip()) and (changed := _number(cell.strip(), factor=Decimal("1.1"))) is not None:
                    at = start + cell.index(cell.strip())
                    key = located.get((n, at + 1))
                    text = "\n".join([*ed.lines[: n - 1], line[:at] + changed[1] + line[at + len(changed[0]) :], *ed.lines[n:]])
                    yield "table-cell", text, f"{changed[0]} → {changed[1]} (line {n})", key in stated if key else False
                start += len(cell) + 1
            continue
        for sentence in SENTENCE.finditer(line):
            words = sentence.group(0)
            for kind, pattern, cues, change in (
                ("text-amount", AMOUNT, amount_cues, {"factor": Decimal("1.1")}),
                ("text-percent", PERCENT, percent_cues, {"delta": Decimal(3)}),
            ):
                if not any(c in words for c in cues):
                    continue
                for m in pattern.finditer(words):
                    changed = _number(m.group(0), **change)
                    if changed is None:
                        continue
                    at = sentence.start() + m.start()
                    key = located.get((n, at + 1))
                    text = "\n".join([*ed.lines[: n - 1], line[:at] + changed[1] + line[at + len(m.group(0)) :], *ed.lines[n:]])
                    yield kind, text, f"{m.group(0)} → {changed[1]} (line {n})", key in stated if key else False


def numbering_mutants(ed: Editor) -> Iterator[tuple[str, str, str]]:
    outline = ed.analysis.outline
    for group in outline.groups:
        items = [outline.items[i] for i in group.items]
        if len(items) < 3 or not all(i.heading for i in items) or group.annex:
            continue
        last, before = items[-1], items[-2]
        style = f"{last.label.family}-{last.label.shape}"
        if last.label.shape in ("part", "chapter", "section") or last.label.family == "circled":
            continue
        old = last.label.text
        for kind, value in (("numbering-gap", last.label.value + 1), ("numbering-repeat", before.label.value)):
            if (text := ed.replace(last.block, last.label.start, old, render_label(style, value))) is not None:
                yield kind, text, f"{old} → {render_label(style, value)}"
        if last.label.family == "cn" and last.label.shape in ("dun", "paren"):
            slipped = render_label(f"ar-{last.label.shape}", last.label.value)
            if (text := ed.replace(last.block, last.label.start, old, slipped)) is not None:
                yield "numbering-style", text, f"{old} → {slipped}"


def section_mutants(ed: Editor) -> Iterator[tuple[str, str, str]]:
    facts = ed.analysis.sections
    if not ed.analysis.template.recognised or not facts.fits:
        return
    outline = ed.analysis.outline
    top = [m for m in facts.matches if len(m.path) == 1 and m.item is not None and m.how in ("exact", "alias")]
    spans = []
    for m in top:
        item = outline.items[m.item]
        group = outline.groups[item.group]
        siblings = [outline.items[i] for i in group.items]
        k = siblings.index(item)
        start = ed.line_of(item.block)
        end = ed.line_of(siblings[k + 1].block) if k + 1 < len(siblings) else len(ed.lines)
        spans.append((m, item, siblings[k + 1 :], start, end))
    for m, item, later, start, end in spans:
        if not m.section.required:
            continue
        lines = ed.lines[:start] + ed.lines[end:]
        shift = end - start
        for nxt in later:  # renumber the sections after it, as a writer deleting a section would
            row = ed.line_of(nxt.block) - shift
            style = f"{nxt.label.family}-{nxt.label.shape}"
            col = nxt.label.start
            if lines[row][col : col + len(nxt.label.text)] == nxt.label.text:
                lines[row] = lines[row][:col] + render_label(style, nxt.label.value - 1) + lines[row][col + len(nxt.label.text) :]
        yield "deleted-section", "\n".join(lines), m.section.title
        break  # one deletion per document
    for (m1, i1, _, s1, e1), (m2, i2, _, s2, e2) in zip(spans, spans[1:]):
        if e1 != s2 or i1.label.shape != i2.label.shape:
            continue
        first, second = ed.lines[s1:e1], ed.lines[s2:e2]
        label1, label2 = i1.label.text, i2.label.text
        c1, c2 = i1.label.start, i2.label.start
        if not (first[0][c1:].startswith(label1) and second[0][c2:].startswith(label2)):
            continue
        second = [second[0][:c2] + label1 + second[0][c2 + len(label2) :], *second[1:]]
        first = [first[0][:c1] + label2 + first[0][c1 + len(label1) :], *first[1:]]
        yield "swapped-sections", "\n".join(ed.lines[:s1] + second + first + ed.lines[e2:]), f"{m1.section.title} ⇄ {m2.section.title}"
        break


def hygiene_mutants(ed: Editor) -> Iterator[tuple[str, str, str]]:
    body = [b for b in ed.doc.blocks if b.kind is BlockKind.PARAGRAPH and ed.analysis.outline.item_of_block.get(b.index) is None
            and b.index not in ed.doc.title_blocks and len(b.text) > 30]
    for b in body:
        m = re.search(r"(?:19|20)\d{2}年", b.text)
        if m and (text := ed.replace(b.index, m.start(), m.group(0), "20xx年")) is not None:
            yield "placeholder", text, b.text[:20]
            break
    for b in body[len(body) // 2 :]:
        if b.text.endswith("。"):
            at = len(b.text) - 1
            if (text := ed.replace(b.index, at, "。", "。错误！未找到引用源。")) is not None:
                yield "artifact", text, b.text[:20]
                break
    for b in body:
        m = re.search(r"“[^“”]{1,30}”", b.text)
        if m and (text := ed.replace(b.index, m.end() - 1, "”", "")) is not None:
            yield "unbalanced-quote", text, m.group(0)
            break


MUTATORS: tuple[Callable[[Editor], Iterator[tuple[str, str, str]]], ...] = (
    figure_mutants, numbering_mutants, section_mutants, hygiene_mutants,
)


def mutants(path: Path, per_doc: int, seed: int) -> list[Mutant]:
    ed = Editor(path.read_text(encoding="utf-8"))
    by_kind: dict[str, list[Mutant]] = defaultdict(list)
    for mutator in MUTATORS:
        for kind, text, note in mutator(ed):
            if text != ed.text:
                by_kind[kind].append(Mutant(kind, path.name, text, note))
    for kind, text, note, recognised in text_mutants(ed):
        if text != ed.text:
            by_kind[kind].append(Mutant(kind, path.name, text, note, recognised))
    rng = random.Random(f"{seed}:{path.name}")
    chosen = []
    for kind in EXPECTED:
        found = by_kind.get(kind, [])
        chosen += rng.sample(found, min(per_doc, len(found)))
    return chosen


# ── rendering ───────────────────────────────────────────────────────────────────────────────────────

AUTO_STYLES = ("cn-dun", "cn-paren", "ar-dot", "ar-paren")  # what scripts/make_docx numbers at levels 0–3


def _lines(text: str, typed: bool) -> list[tuple[int | None, str]]:
    """(level, text) lines for scripts/make_docx: headings numbered automatically where the style allows."""
    ed = Editor(text)
    outline = ed.analysis.outline
    out: list[tuple[int | None, str]] = []
    for block in ed.doc.blocks:
        item = outline.item_of_block.get(block.index)
        if item is not None and not typed:
            it = outline.items[item]
            level = outline.groups[it.group].level - 1
            style = f"{it.label.family}-{it.label.shape}"
            if 0 <= level < 4 and AUTO_STYLES[level] == style and "\n" not in block.text:
                out.append((level, block.text[it.label.end :].lstrip()))  # Word displays the label
                continue
        mark = TABLE_ROW if block.kind is BlockKind.TABLE else ""
        out += [(None, mark + line) for line in block.text.split("\n")]
    return out


TABLE_ROW = "⟦表⟧"  # marks the lines of a table block, made a Word table after scripts/make_docx laid them out


def _word_tables(document) -> None:  # type: ignore[no-untyped-def]
    """Each run of marked paragraphs becomes a Word table (one row per paragraph, cells split at tabs) in its place."""
    runs: list[list] = []
    previous = None
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(TABLE_ROW):
            if previous is None:
                runs.append([])
            runs[-1].append(paragraph)
            previous = paragraph
        else:
            previous = None
    for run in runs:
        rows = [p.text[len(TABLE_ROW) :].split("\t") for p in run]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        run[0]._p.addprevious(table._tbl)
        for p in run:
            p._p.getparent().remove(p._p)


def render(text: str, fmt: str, typed: bool) -> bytes:
    if fmt == "txt":
        return text.encode("utf-8")
    if fmt == "docx":
        from scripts.make_docx import Layout, build_report

        buffer = io.BytesIO()  # laid out as GB/T 9704 asks, so that the templates' layout profile stays quiet
        document = build_report(_lines(text, typed), automatic=not typed, layout=Layout())
        _word_tables(document)  # table blocks as Word tables, as a report's author writes them
        document.save(buffer)
        return buffer.getvalue()
    from tests.pdf_fixtures import Grid, Para, build_report as build_pdf

    ed = Editor(text)
    outline = ed.analysis.outline
    items: list = []
    for block in ed.doc.blocks:
        if block.kind is BlockKind.TABLE:
            items.append(Grid([row.split("\t") for row in block.text.split("\n")]))
            continue
        item = outline.item_of_block.get(block.index)
        style = "body"
        if block.index in ed.doc.title_blocks:
            style = "title"
        elif item is not None and outline.items[item].heading:
            style = ("h1", "h2", "h3")[min(2, outline.groups[outline.items[item].group].level - 1)]
        items += [Para(line, style) for line in block.text.split("\n") if line.strip()]
    return build_pdf(items, header=None).data


def codes(text: str, fmt: str, typed: bool) -> Counter:
    result = check_bytes(f"doc.{fmt}", render(text, fmt, typed), ALL)
    return Counter(f.code for f in result.findings)


def run(docs: list[Path], formats: tuple[str, ...], per_doc: int, seed: int, misses: bool) -> dict:
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # (kind, fmt) → [mutants, found, collateral]
    split: dict[tuple[str, str, bool], list[int]] = defaultdict(lambda: [0, 0])  # text kinds: by recognised or not
    missed = []
    for path in docs:
        base_text = path.read_text(encoding="utf-8")
        baselines: dict[tuple[str, bool], Counter] = {}
        for m in mutants(path, per_doc, seed):
            typed = m.kind in NUMBERING
            for fmt in formats:
                key = (fmt, typed and fmt == "docx")
                if key not in baselines:
                    baselines[key] = codes(base_text, fmt, key[1])
                new = codes(m.text, fmt, key[1]) - baselines[key]
                hit = any(new[c] for c in EXPECTED[m.kind])
                collateral = sum(n for c, n in new.items() if c not in RELATED[m.kind])
                row = found[(m.kind, fmt)]
                row[0] += 1
                row[1] += hit
                row[2] += collateral
                if m.recognised is not None:
                    part = split[(m.kind, fmt, m.recognised)]
                    part[0] += 1
                    part[1] += hit
                if not hit or collateral:
                    missed.append((m.kind, fmt, m.doc, m.note, dict(new)))
    print(f"{'defect type':<18}" + "".join(f"{fmt:>22}" for fmt in formats))
    print(f"{'':<18}" + "".join(f"{'n  recall  collat.':>22}" for _ in formats))
    for kind in EXPECTED:
        cells = []
        for fmt in formats:
            n, hit, collateral = found.get((kind, fmt), [0, 0, 0])
            cells.append(f"{n:>4} {100 * hit / n:6.1f}% {collateral / n:7.3f}" if n else f"{'—':>19}")
        print(f"{kind:<18}" + "".join(f"{c:>22}" for c in cells))
    total = [sum(v[i] for v in found.values()) for i in range(3)]
    if total[0]:
        print(f"{'all':<18}{total[0]:>4} mutant checks, recall {100 * total[1] / total[0]:.1f}%, collateral {total[2] / total[0]:.3f} per mutant")
    print("\nfigures picked from the text: recall where the analysis had read the figure into a statement / where not")
    for kind in TEXT_KINDS:
        cells = []
        for fmt in formats:
            (n1, h1), (n0, h0) = split.get((kind, fmt, True), [0, 0]), split.get((kind, fmt, False), [0, 0])
            one = f"{100 * h1 / n1:5.1f}% of {n1}" if n1 else "—"
            other = f"{100 * h0 / n0:5.1f}% of {n0}" if n0 else "—"
            cells.append(f"{one} / {other}")
        print(f"{kind:<18}" + "".join(f"{c:>30}" for c in cells))
    if misses:
        for kind, fmt, doc, note, new in missed:
            print(f"  {'MISS' if not any(new.get(c) for c in EXPECTED[kind]) else 'COLL'} {kind:<17} {fmt:<4} {doc:<34} {note[:40]:<40} {new}")
    return {k: tuple(v) for k, v in found.items()}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 documents, 1 mutant per type, .txt only")
    parser.add_argument("--formats", default=None, help="comma list of txt, docx, pdf (default: all three; --quick: txt)")
    parser.add_argument("--per-doc", type=int, default=2, help="mutants per defect type and document")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", action="store_true", help="list every mutant missed or with collateral findings")
    args = parser.parse_args(argv)
    formats = tuple(args.formats.split(",")) if args.formats else ("txt",) if args.quick else FORMATS
    return run(documents(args.quick), formats, 1 if args.quick else args.per_doc, args.seed, args.misses)


if __name__ == "__main__":
    main()
