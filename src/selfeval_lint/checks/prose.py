"""TXT005–TXT009: punctuation and spacing in Chinese prose (GB/T 15834-2011) and words written twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..analysis.prefilter import needed, passes
from ..model import Block, BlockKind, Severity
from ..registry import T, rule
from ..rulesets import RuleData
from ..vocab import Need, Scope
from .base import Context, Hit
from .hygiene import _checked_blocks

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK = re.compile(f"[{CJK}]")
# A mark between Chinese characters (or before a figure): , ; : need Chinese on the left and Chinese, a figure
# or an opening mark on the right; ? ! end a Chinese clause. Numbers (1,234.56), times (8:30), ratios (1:2),
# URLs and English phrases never have a Chinese character on the left.
_MARK = re.compile(f"(?<=[{CJK}])(?:[,;:](?=[{CJK}“‘（《\\d])|[?!](?=[{CJK}“”’）》\\s]|$))")
_PARENS = re.compile(r"\(([^()\n]{1,40})\)")
_QUOTES = re.compile(r'"([^"\n]{1,60})"')
_NEAR_CJK = f"[{CJK}，。；：、“”（）《》]"


def _prose_blocks(ctx: Context) -> Iterator[Block]:
    """Paragraphs the prose rules read: not tables (figures and codes are aligned there), not the contents."""
    for block in _checked_blocks(ctx):
        if block.kind is not BlockKind.TABLE:
            yield block


def _label_spans(ctx: Context) -> dict[int, tuple[int, int]]:
    """Block → the span of its numbering label (NUM rules judge labels; these rules read what follows)."""
    return {item.block: (item.label.start, item.label.end) for item in ctx.analysis.outline.items}


@rule(
    code="TXT005",
    name="halfwidth-punctuation",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("中文句子中使用了半角标点", "Half-width punctuation in Chinese prose"),
    messages={
        "mark": T("中文句子中使用了半角“{text}”，应为全角“{suggestion}”", "Half-width “{text}” in Chinese prose; write “{suggestion}”"),
        "pair": T("中文中使用了半角{name}“{text}”，应为“{suggestion}”", "Half-width {name} “{text}” in Chinese text; write “{suggestion}”"),
    },
    what=T(
        "按 GB/T 15834-2011，检查中文句子中的半角逗号、分号、冒号、问号、叹号、括号和引号：如“国(境)外”、"
        "“支出,其中”、\"绩效\"。数字（1,234.56）、时间（8:30）、网址、英文短语、文号（〔2023〕10号）和表格中的数字不在此列；"
        "段首的序号（(一)）由 NUM004 检查。",
        "Following GB/T 15834-2011, finds half-width commas, semicolons, colons, question and exclamation marks, brackets "
        "and quotes in Chinese sentences: 国(境)外, 支出,其中, \"绩效\". Numbers (1,234.56), times (8:30), URLs, English "
        "phrases, document numbers and tables of figures are left alone; a label at the start of a paragraph ((一)) is NUM004's.",
    ),
    why=T("中文公文使用全角标点；半角标点多是从英文输入法或其他系统复制带入，排版时宽窄不一。",
          "Chinese official documents use full-width punctuation; half-width marks come from an English input method or "
          "copied text and set unevenly."),
    fix=T("改为对应的全角标点。", "Replace each with its full-width mark."),
)
def halfwidth_punctuation(ctx: Context) -> Iterator[Hit]:
    marks: dict[str, str] = ctx.rules.prose["halfwidth"]
    labels = _label_spans(ctx)
    for block in _prose_blocks(ctx):
        text = block.text
        present = set(text)
        skip = labels.get(block.index, (0, 0))
        taken: list[tuple[int, int]] = []
        for m in _PARENS.finditer(text) if passes(needed(_PARENS), present) else ():
            inside = m.group(1)
            if m.start() < skip[1] or not _CJK.search(inside):
                continue  # a label, or (2023), (KPI), (1): not Chinese text in brackets
            if not (_near(text, m.start() - 1) or _near(text, m.end())):
                continue
            taken.append((m.start(), m.end()))
            yield Hit(block.index, m.start(), m.end(), "pair", {"text": m.group(0), "name": {"zh": "括号", "en": "brackets"},
                                                                "suggestion": f"（{inside}）"}, f"（{inside}）")
        for m in _QUOTES.finditer(text) if passes(needed(_QUOTES), present) else ():
            if _CJK.search(m.group(1)) and not _overlaps(taken, m.start(), m.end()):
                taken.append((m.start(), m.end()))
                fixed = f"“{m.group(1)}”"
                yield Hit(block.index, m.start(), m.end(), "pair", {"text": m.group(0), "name": {"zh": "引号", "en": "quotes"},
                                                                    "suggestion": fixed}, fixed)
        for m in _MARK.finditer(text) if passes(needed(_MARK), present) else ():
            if skip[0] <= m.start() < skip[1] or _overlaps(taken, m.start(), m.end()):
                continue
            full = marks.get(m.group(0), m.group(0))
            yield Hit(block.index, m.start(), m.end(), "mark", {"text": m.group(0), "suggestion": full}, full)


def _near(text: str, i: int) -> bool:
    return 0 <= i < len(text) and re.match(_NEAR_CJK, text[i]) is not None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_STRAY = re.compile(f"(?<=[{CJK}，。；：、）》”])[ \u00a0](?=[{CJK}（《“])|(?<=[{CJK}])[ \u00a0](?=\\d)|(?<=[\\d%％])[ \u00a0](?=[{CJK}])")
_FIGURE = re.compile(r"[\d.,，%％]+")
_SENTENCE = re.compile("[，。；！？]")


# TXT006: this many spaces between two Chinese characters in one paragraph part the cells of a flattened table,
# not words ("科室 11 个" spaces around figures do not count: drafts have them)
CELL_GAPS = 6
_CJK_GAP = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")


@rule(
    code="TXT006",
    name="stray-space",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    needs=(Need.TYPED_SPACING,),
    summary=T("中文之间或中文与数字之间有多余的空格", "A stray space between Chinese characters or before a figure"),
    messages={
        "space": T("“{text}”中有多余的空格，应为“{suggestion}”", "Stray space in “{text}”; write “{suggestion}”"),
    },
    what=T(
        "检查 .txt 和 Word 文档中夹在汉字之间、汉字与数字之间的单个空格，如“科室 11 个”。连续多个空格（对齐用）、"
        "序号后的空格、表格和没有句读的表格行或“名称 内容”行、与英文单词之间的空格不在此列；PDF 的空格来自提取程序，不检查。",
        "Finds a single space between Chinese characters, or between Chinese and a figure, in .txt and Word documents, as "
        "in 科室 11 个. Runs of spaces (alignment), the space after a label, tables, lines without sentence punctuation "
        "(flattened table rows, “名称 内容” lines) and spaces beside English words are left alone; PDFs are not checked, since their spaces are the text extractor's.",
    ),
    why=T("中文公文中汉字与数字之间不加空格；零散的空格多是排版或复制留下的。",
          "Chinese official documents put no space between characters and figures; stray spaces are left by layout or "
          "copying."),
    fix=T("删除空格。", "Delete the space."),
)
def stray_space(ctx: Context) -> Iterator[Hit]:
    labels = _label_spans(ctx)
    titles = set(ctx.doc.title_blocks)
    for block in _prose_blocks(ctx):
        if block.index in titles or not _SENTENCE.search(block.text):
            continue  # a title, or a line of cells or a label and its value ("项目名称 平江县…": Word tabs read as spaces)
        after_label = labels.get(block.index, (0, 0))[1]
        if not passes(needed(_STRAY), set(block.text)):
            continue  # no space of the kinds the pattern reads
        spaces = [m.start() for m in _STRAY.finditer(block.text) if m.start() != after_label]
        if sum(1 for i in spaces if _CJK_GAP.fullmatch(block.text, i - 1, i + 2)) >= CELL_GAPS:
            continue  # a table flattened into one line ("项目名称 委托业务项目 主管部门 …"): spaces part its cells
        for first, last in _spans_around_figures(block.text, spaces):
            piece = block.text[first - 1 : last + 2]
            fixed = piece.replace(" ", "").replace("\u00a0", "")
            yield Hit(block.index, first, last + 1, "space", {"text": piece, "suggestion": fixed}, fixed)


def _spans_around_figures(text: str, spaces: list[int]) -> Iterator[tuple[int, int]]:
    """Group the spaces on both sides of one figure ("科室 11 个") into one (first, last) span."""
    i = 0
    while i < len(spaces):
        first = last = spaces[i]
        if i + 1 < len(spaces) and _FIGURE.fullmatch(text[first + 1 : spaces[i + 1]]):
            last = spaces[i + 1]
            i += 1
        yield first, last
        i += 1


@rule(
    code="TXT007",
    name="comma-between-titles",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("并列的书名号或引号之间用了顿号", "An enumeration comma between quoted or titled items"),
    messages={
        "comma": T("并列的{name}之间通常不用顿号：“{text}”", "Items in {name} in a row take no enumeration comma: “{text}”"),
    },
    what=T(
        "按 GB/T 15834-2011 4.5.3.5，标有书名号或引号的并列成分之间通常不用顿号，如“《科技日报》、《光明日报》”应为"
        "“《科技日报》《光明日报》”。中间插有括注等其他成分时（《A》（试行）、《B》）顿号可用，不报。",
        "GB/T 15834-2011 4.5.3.5: titles in 《》 or items in quotes that follow one another take no 顿号: 《科技日报》、《光明日报》 "
        "is written 《科技日报》《光明日报》. When something stands between them (《A》（试行）、《B》) the comma stays.",
    ),
    why=T("这是标点符号国家标准的规定，公文中常见此类误用。", "It is what the national punctuation standard prescribes, and a frequent slip."),
    fix=T("删除书名号或引号之间的顿号。", "Delete the 顿号 between the titles or quotes."),
)
def comma_between_titles(ctx: Context) -> Iterator[Hit]:
    for block in _prose_blocks(ctx):
        for m in re.finditer(r"(?<=[》”])、(?=[《“])", block.text):
            name = {"zh": "书名号", "en": "《》"} if block.text[m.start() - 1] == "》" else {"zh": "引号", "en": "quotes"}
            yield Hit(block.index, m.start(), m.end(), "comma", {"text": block.text[m.start() - 1 : m.end() + 1], "name": name}, "")


@rule(
    code="TXT008",
    name="range-hyphen",
    severity=Severity.INFO,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("数值范围用了连字符", "A numeric range written with a hyphen"),
    messages={
        "range": T("数值范围“{text}”应使用{mark}，写作“{suggestion}”", "Write the range “{text}” with {mark}: “{suggestion}”"),
    },
    what=T(
        "按 GB/T 15834-2011 4.13，标示数值范围用一字线“—”或浪纹线“～”，不用连字符“-”：“1-11月”应为“1—11月”。"
        "只检查后跟单位（月、年、个、万元、% 等）的范围；电话号码、标准编号（GB/T 9704-2012）、日期 2023-12-31 不在此列。"
        "书名号内引用的文件标题照录，不检查。建议使用的符号在 rules/prose.yaml 中设定。",
        "GB/T 15834-2011 4.13: a numeric range takes a dash — or a tilde ～, not a hyphen: 1-11月 → 1—11月. Only ranges "
        "followed by a unit (月, 年, 个, 万元, % …) are checked; phone numbers, standard numbers (GB/T 9704-2012) and dates "
        "such as 2023-12-31 are not, nor a document title quoted in 《》. The suggested mark is set in rules/prose.yaml.",
    ),
    why=T("连字符用于连接词语或编号，不表示范围。", "A hyphen joins words or codes; it does not mark a range."),
    fix=T("把连字符改为一字线“—”或浪纹线“～”。", "Replace the hyphen with — or ～."),
)
def range_hyphen(ctx: Context) -> Iterator[Hit]:
    mark = ctx.rules.prose["range_mark"]
    units = re.escape(ctx.rules.prose["range_units"])
    pattern = re.compile(rf"(?<![\w\-./:：－—])(\d{{1,4}}(?:\.\d+)?)[-－](\d{{1,4}}(?:\.\d+)?)(?=[{units}])")
    filters = needed(pattern)
    for block in _prose_blocks(ctx):
        if not passes(filters, set(block.text)):
            continue  # no hyphen: no range written with one
        quoted = [(m.start(), m.end()) for m in _TITLE.finditer(block.text)]
        for m in pattern.finditer(block.text):
            if _overlaps(quoted, m.start(), m.end()):
                continue  # inside a document's title, quoted as issued
            fixed = f"{m.group(1)}{mark}{m.group(2)}"
            yield Hit(block.index, m.start(), m.end(), "range", {"text": m.group(0), "mark": mark, "suggestion": fixed}, fixed)


_TITLE = re.compile(r"《[^《》\n]*》")
_DOUBLED = re.compile(f"([{CJK}]{{1,4}})\\1")


@rule(
    code="TXT009",
    name="doubled-word",
    severity=Severity.WARNING,
    scope=(Scope.TITLE, Scope.HEADINGS, Scope.BODY),
    summary=T("同一个词连写两次", "A word written twice in a row"),
    messages={
        "doubled": T("“{word}”连写了两次，疑为编辑残留", "“{word}” is written twice in a row, likely an editing leftover"),
    },
    what=T(
        "检查按分词连续出现两次的同一个词，如“增加增加”“的的”。“研究研究”“一一”等合法的重叠和“常常”“人人”"
        "这类本身就是一个词的叠词不报；跨词的重字（“工作作风”）不报。允许的重叠在 rules/prose.yaml 中。",
        "Finds the same word twice in a row by word segmentation, as in 增加增加 or 的的. Legitimate reduplications "
        "(研究研究, 一一) and words that are reduplicated by nature (常常, 人人) are not reported, nor a character shared "
        "by two words (工作作风). The allowed doublings are in rules/prose.yaml.",
    ),
    why=T("连写的词多是修改时没删干净。", "A word written twice is usually left over from an edit."),
    fix=T("删除多余的一个。", "Delete the extra one."),
)
def doubled_word(ctx: Context) -> Iterator[Hit]:
    allowed = set(ctx.rules.prose["doubling_allowed"])
    for block in _prose_blocks(ctx):
        text = block.text
        for m in _DOUBLED.finditer(text):
            word = m.group(1)
            if word in allowed or _is_numeral(word):
                continue
            # segment a window around the candidate: the doubling counts only if the words fall on it exactly
            lo, hi = max(0, m.start() - 8), min(len(text), m.end() + 8)
            if _segmented_twice(text[lo:hi], m.start() - lo, word, ctx.rules):
                yield Hit(block.index, m.start() + len(word), m.end(), "doubled", {"word": word}, "")


def _is_numeral(word: str) -> bool:
    return all(ch in "〇零一二两三四五六七八九十百千万亿" for ch in word)


def _segmented_twice(window: str, at: int, word: str, rules: RuleData) -> bool:
    """True when jieba cuts `window` into `word` at `at` and `word` again right after it."""
    from ..analysis.segment import segmenter

    starts = {}
    for token, start, end in segmenter(rules).tokenizer.tokenize(window):
        starts[start] = token
    return starts.get(at) == word and starts.get(at + len(word)) == word
