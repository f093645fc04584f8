"""SMS length rules: GSM 03.38 (GSM-7) or UCS-2, and how many segments a message takes.

A message is GSM-7 when every character is in the GSM 03.38 alphabet (the gsm0338 codec
says; extension characters such as € and { take two septets), else UCS-2 (UTF-16 code
units; most emoji take two). One segment holds 160 septets or 70 units; a longer message
is split into parts of 153 or 67, never splitting an escape or a surrogate pair.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM7, UCS2 = "GSM-7", "UCS-2"
SINGLE = {GSM7: 160, UCS2: 70}
PART = {GSM7: 153, UCS2: 67}

# Typographic characters with a plain GSM-7 equivalent: one curly quote must not switch a
# whole message to UCS-2 and halve what it can hold.
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\u200b": "",
        "\u00ad": "",
    }
)


@dataclass(frozen=True)
class SmsCount:
    encoding: str
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def plain(text: str) -> str:
    """`text` with typographic characters replaced by their GSM-7 equivalents."""
    return text.translate(TYPOGRAPHIC)


def encoding(text: str) -> str:
    try:
        text.encode("gsm03.38")
    except UnicodeEncodeError:
        return UCS2
    return GSM7


@functools.cache
def _septets(ch: str) -> int:
    return len(ch.encode("gsm03.38"))


def _unit_costs(text: str, enc: str) -> list[int]:
    if enc == GSM7:
        return [_septets(ch) for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def count(text: str) -> SmsCount:
    """The encoding, length in units and number of segments of one message."""
    try:
        enc, total = GSM7, len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        enc, total = UCS2, len(text.encode("utf-16-le")) // 2
    if total <= SINGLE[enc]:
        return SmsCount(enc, total, 1)
    costs = _unit_costs(text, enc)
    parts, fill = 1, 0
    for cost in costs:
        if fill + cost > PART[enc]:
            parts, fill = parts + 1, 0
        fill += cost
    return SmsCount(enc, total, parts)


def capacity(enc: str, segments: int) -> int:
    """Units that `segments` segments hold at most (160/306/459/612, 70/134/201/268)."""
    return SINGLE[enc] if segments == 1 else PART[enc] * segments


def fits(text: str, max_segments: int) -> bool:
    return count(text).segments <= max_segments
