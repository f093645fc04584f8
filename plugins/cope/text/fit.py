"""Shortening text on a word boundary so that a whole message fits a rule."""

from __future__ import annotations

from collections.abc import Callable

import regex

WORD = regex.compile(r"\S+")


def _largest(count: int, fits: Callable[[int], bool]) -> int:
    """The largest n in 0..count with fits(n), for fits true up to some n and false after."""
    low, high = 0, count
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def shorten(
    text: str, compose: Callable[[str], str], fits: Callable[[str], bool], ellipsis: str = "…"
) -> str | None:
    """The longest start of `text`, cut after a word and ended with `ellipsis`, such that
    `compose(start)` fits; `text` itself when it fits whole. A single word too long to fit
    is cut between graphemes. None when not even the ellipsis alone fits."""
    if fits(compose(text)):
        return text
    # Cut after the k-th word, keeping the text's own spacing and line breaks before it.
    ends = [match.end() for match in WORD.finditer(text)]
    n = _largest(len(ends), lambda k: k == 0 or fits(compose(text[: ends[k - 1]] + ellipsis)))
    if n > 0:
        return text[: ends[n - 1]] + ellipsis
    first = WORD.search(text)
    clusters = regex.findall(r"\X", first.group()) if first else []
    n = _largest(len(clusters), lambda k: fits(compose("".join(clusters[:k]) + ellipsis)))
    if n == 0 and not fits(compose(ellipsis)):
        return None
    return "".join(clusters[:n]) + ellipsis
