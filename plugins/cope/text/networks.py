"""Each social network's length rule, in one place.

- X: twitter-text's weighted length (parse_tweet), every link 23 (t.co), valid text only.
- Mastodon: grapheme clusters, every URL counted as `url_length` (23), a mention as its
  @user part only (Mastodon's StatusLengthValidator); the limit is per instance.
- Bluesky: grapheme clusters of the whole text, URL in full; at most 3,000 UTF-8 bytes.
- LinkedIn: 3,000 characters. Facebook: 63,206 characters (built posts aim at a target).
"""

from __future__ import annotations

import functools
import importlib
import re
import re._parser as sre_parser  # the standard library's own parser of expressions
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex
from twitter_text import parse_tweet
from twitter_text.extract_urls import extract_urls_with_indices
from twitter_text.regexp.emoji import emoji as _emoji

from ..schema import NETWORKS
from ..settings import merged

__all__ = ["NETWORKS", "Rule", "graphemes", "rules"]
_twitter = importlib.import_module("twitter_text.parse_tweet")  # the module, not the function
URL_RE = re.compile(r"https?://[^\s<>\"]+")
MENTION_RE = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\w")
BLUESKY_MAX_BYTES = 3000

# parse_tweet looks for emoji with one very large regular expression on every call (about
# 1.5 ms a post). That expression is made only of literals, character sets and
# alternatives, and every way through it needs a non-ASCII code point it names; so a text
# holding none of those code points holds no emoji, and the search is skipped (the result
# is the same). Should a new release of the library change the expression's kind, the
# shortcut turns itself off.
_library_emoji = _twitter.extract_emojis_with_indices


def _needs_non_ascii(items: Any, ranges: list[tuple[int, int]]) -> bool:
    """Whether every match of this part of a parsed expression holds a non-ASCII code point;
    collects every code point range the part names. ValueError on other constructs."""
    needs = False
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            ranges.append((value, value))
            needs = needs or value >= 0x80
        elif name == "IN":
            found = [(v, v) if str(k) == "LITERAL" else v for k, v in value]
            if any(str(k) not in ("LITERAL", "RANGE") for k, _ in value):
                raise ValueError(value)
            ranges.extend(found)
            needs = needs or all(low >= 0x80 for low, _ in found)
        elif name == "BRANCH":
            needs = all([_needs_non_ascii(b, ranges) for b in value[1]]) or needs
        elif name == "SUBPATTERN":
            needs = _needs_non_ascii(value[-1], ranges) or needs
        else:
            raise ValueError(name)
    return needs


@functools.cache
def _emoji_code_points() -> re.Pattern[str] | None:
    """A character class of the non-ASCII code points twitter-text's emoji expression
    names; None (always ask the library) when the shortcut would not be exact."""
    ranges: list[tuple[int, int]] = []
    try:
        if not _needs_non_ascii(sre_parser.parse(_emoji.pattern, _emoji.flags), ranges):
            return None
    except ValueError:
        return None
    wide = sorted((max(low, 0x80), high) for low, high in ranges if high >= 0x80)
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in wide) + "]"
    )


def _emoji_when_possible(text: str) -> list[dict]:
    may_hold = _emoji_code_points()
    if may_hold is not None and (text.isascii() or not may_hold.search(text)):
        return []
    return _library_emoji(text)


_twitter.extract_emojis_with_indices = _emoji_when_possible


_GRAPHEME = regex.compile(r"\X")


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters, `regex`'s \\X)."""
    if text.isascii():  # every ASCII character is a cluster of its own, but CR LF is one
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME.findall(text))


@dataclass(frozen=True)
class Rule:
    """How one network measures a post, and how long it may be."""

    network: str
    limit: int
    unit: str
    measure: Callable[[str], int]
    target: int | None = None  # built posts aim at this; overrides may go to the limit
    extra: Callable[[str], bool] = lambda text: True  # any other condition of validity
    # A cheap guess at `measure`, where measuring is slow: it only says where to look first.
    estimate: Callable[[str], int] | None = None

    def fits(self, text: str, limit: int | None = None) -> bool:
        return self.measure(text) <= (limit or self.limit) and self.extra(text)

    def estimate_fits(self, limit: int | None = None) -> Callable[[str], bool] | None:
        if self.estimate is None:
            return None
        estimate = self.estimate
        return lambda text: estimate(text) <= (limit or self.limit)

    @property
    def built_limit(self) -> int:
        return min(self.target or self.limit, self.limit)


# twitter-text (and Mastodon, whose link pattern is twitter-text's) only knows links to
# public domains, so a local build's http://127.0.0.1:8000 link would count in full. It is
# swapped for a public stand-in before counting: it counts as the published link will.
LOCAL_URL = re.compile(r"https?://(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?[^\s]*")
PUBLIC_STAND_IN = "https://t.co/0123456789"


def as_published(text: str) -> str:
    return LOCAL_URL.sub(PUBLIC_STAND_IN, text)


@functools.lru_cache(maxsize=512)  # fits() asks for the length and validity of one text
def _x_parse(text: str) -> Any:
    return parse_tweet(as_published(text))


def _x_length(text: str) -> int:
    return _x_parse(text).weightedLength


def _x_valid(text: str) -> bool:
    return _x_parse(text).valid


def _link_estimate(url_length: int) -> Callable[[str], int]:
    """One per character, `url_length` per link: close to the count of most Latin text."""
    return lambda text: len(URL_RE.sub("x" * url_length, text))


def _mastodon_measure(url_length: int) -> Callable[[str], int]:
    """Mastodon's StatusLengthValidator: links (twitter-text's, with a scheme) count
    `url_length`, a remote mention only its @user part, the rest by grapheme cluster."""

    def measure(text: str) -> int:
        text = as_published(MENTION_RE.sub(r"\1", text))
        for link in reversed(extract_urls_with_indices(text, extract_urls_without_protocol=False)):
            start, end = link["indices"]
            text = text[:start] + "x" * url_length + text[end:]
        return graphemes(text)

    return measure


def rules(settings: Mapping[str, Any]) -> dict[str, Rule]:
    """The rule of every network, with COPE_SOCIAL's per-instance values."""
    options = merged(settings, "COPE_SOCIAL")
    return {
        "x": Rule(
            "x", 280, "weighted characters", _x_length, extra=_x_valid, estimate=_link_estimate(23)
        ),
        "mastodon": Rule(
            "mastodon",
            options["mastodon_limit"],
            "characters",
            _mastodon_measure(options["mastodon_url_length"]),
            estimate=_link_estimate(options["mastodon_url_length"]),
        ),
        "bluesky": Rule(
            "bluesky",
            300,
            "graphemes",
            graphemes,
            extra=lambda text: len(text.encode()) <= BLUESKY_MAX_BYTES,
            estimate=len,
        ),
        "linkedin": Rule("linkedin", 3000, "characters", len),
        "facebook": Rule("facebook", 63206, "characters", len, target=options["facebook_target"]),
    }
