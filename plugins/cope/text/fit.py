"""Shortening text on a word boundary so that a whole message fits a rule."""

from __future__ import annotations

from collections.abc import Callable

import regex

WORD = regex.compile(r"\S+")
Fits = Callable[[str], bool]


def _search(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest n in low..high with fits(n), low taken to fit, fits true then false."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def largest(
    count: int, fits: Callable[[int], bool], estimate: Callable[[int], bool] | None = None
) -> int:
    """The largest n in 0..count with fits(n) (0 taken to fit).

    With a cheap `estimate` of fits, the estimate's answer is taken when `fits` agrees with
    it, so a costly `fits` is usually asked once; the n returned always fits. Where the
    estimate errs on the long side the search goes on with `fits`; where it errs on the
    short side the result is a little shorter than it could be, never too long."""
    if estimate is None:
        return _search(0, count, fits)
    guess = _search(0, count, estimate)
    if guess == 0 or fits(guess):
        return guess
    return _search(0, guess - 1, fits)


def shorten(
    text: str,
    compose: Callable[[str], str],
    fits: Fits,
    ellipsis: str = "…",
    estimate: Fits | None = None,
) -> str | None:
    """The longest start of `text`, cut after a word and ended with `ellipsis`, such that
    `compose(start)` fits; `text` itself when it fits whole. A single word too long to fit
    is cut between graphemes. None when not even the ellipsis alone fits."""
    whole = compose(text)
    if (estimate is None or estimate(whole)) and fits(whole):
        return text
    # Cut after the k-th word, keeping the text's own spacing and line breaks before it.
    ends = [match.end() for match in WORD.finditer(text)]

    def cut(k: int) -> str:
        return compose(text[: ends[k - 1]] + ellipsis)

    n = largest(
        len(ends),
        lambda k: k == 0 or fits(cut(k)),
        estimate and (lambda k: k == 0 or estimate(cut(k))),
    )
    if n > 0:
        return text[: ends[n - 1]] + ellipsis
    first = WORD.search(text)
    clusters = regex.findall(r"\X", first.group()) if first else []

    def piece(k: int) -> str:
        return compose("".join(clusters[:k]) + ellipsis)

    n = largest(
        len(clusters),
        lambda k: k == 0 or fits(piece(k)),
        estimate and (lambda k: k == 0 or estimate(piece(k))),
    )
    if n == 0 and not fits(compose(ellipsis)):
        return None
    return "".join(clusters[:n]) + ellipsis
