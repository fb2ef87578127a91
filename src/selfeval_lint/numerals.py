"""Small-number conversions used by numbering labels: Chinese numerals and circled digits (shared by ingest and analysis)."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)

CIRCLED = (
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    "㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟"
    "㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
)
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral below 1000 as used in labels (一, 十一, 二十, 一百零一); None if malformed."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total, digit, last_unit = 0, None, 1000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[ch] != 0:
                return None  # two digits in a row ("一二")
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit:
        total += digit
    return total or None


def int_to_cn(value: int) -> str:
    """The Chinese numeral a report writes for a label value (1 → 一, 11 → 十一, 20 → 二十, 101 → 一百零一)."""
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    if value < 20:
        return "十" + (names[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return names[tens] + "十" + (names[ones] if ones else "")
    hundreds, rest = divmod(value, 100)
    if rest == 0:
        return names[hundreds] + "百"
    if rest < 10:
        return names[hundreds] + "百零" + names[rest]
    tail = int_to_cn(rest)
    return names[hundreds] + "百" + ("一" + tail if tail.startswith("十") else tail)
