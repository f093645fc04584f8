"""Each social network's length rule, in one place.

- X: twitter-text's weighted length (parse_tweet), every URL 23 (t.co), valid text only.
- Mastodon: grapheme clusters, every URL counted as `url_length` (23), a mention as its
  @user part only (Mastodon's StatusLengthValidator); the limit is per instance.
- Bluesky: grapheme clusters of the whole text, URL in full; at most 3,000 UTF-8 bytes.
- LinkedIn: 3,000 characters. Facebook: 63,206 characters (built posts aim at a target).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex
from twitter_text import parse_tweet

from ..schema import NETWORKS
from ..settings import merged

__all__ = ["NETWORKS", "Rule", "graphemes", "rules"]
URL_RE = re.compile(r"https?://[^\s<>\"]+")
MENTION_RE = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\w")
BLUESKY_MAX_BYTES = 3000

# parse_tweet looks for emoji with one very large regular expression on every call, about
# 1.5 ms a post. Every emoji that expression knows holds (c), (R) or a code point from
# U+2000 up (tests/test_networks.py checks this against the library's own expression), so
# a text without them has none, and the search is skipped: the result is the same.
_twitter = importlib.import_module("twitter_text.parse_tweet")  # the module, not the function
_library_emoji = _twitter.extract_emojis_with_indices
_MAY_HOLD_EMOJI = re.compile("[\u00a9\u00ae\u2000-\U0010ffff]")


def _emoji_when_possible(text: str) -> list[dict]:
    return _library_emoji(text) if _MAY_HOLD_EMOJI.search(text) else []


_twitter.extract_emojis_with_indices = _emoji_when_possible


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters, `regex`'s \\X)."""
    return len(regex.findall(r"\X", text))


@dataclass(frozen=True)
class Rule:
    """How one network measures a post, and how long it may be."""

    network: str
    limit: int
    unit: str
    measure: Callable[[str], int]
    target: int | None = None  # built posts aim at this; overrides may go to the limit
    extra: Callable[[str], bool] = lambda text: True  # any other condition of validity

    def fits(self, text: str, limit: int | None = None) -> bool:
        return self.measure(text) <= (limit or self.limit) and self.extra(text)

    @property
    def built_limit(self) -> int:
        return min(self.target or self.limit, self.limit)


# X wraps every link in a 23-character t.co link. Links are swapped for one before
# counting so that a local build's http://127.0.0.1 link (not a URL to twitter-text, which
# wants a public domain) counts as the published https:// link will.
T_CO = "https://t.co/0123456789"


def _x_parse(text: str) -> Any:
    return parse_tweet(URL_RE.sub(T_CO, text))


def _x_length(text: str) -> int:
    return _x_parse(text).weightedLength


def _x_valid(text: str) -> bool:
    return _x_parse(text).valid


def _mastodon_measure(url_length: int) -> Callable[[str], int]:
    def measure(text: str) -> int:
        text = MENTION_RE.sub(r"\1", text)
        return graphemes(URL_RE.sub("x" * url_length, text))

    return measure


def rules(settings: Mapping[str, Any]) -> dict[str, Rule]:
    """The rule of every network, with COPE_SOCIAL's per-instance values."""
    options = merged(settings, "COPE_SOCIAL")
    return {
        "x": Rule("x", 280, "weighted characters", _x_length, extra=_x_valid),
        "mastodon": Rule(
            "mastodon",
            options["mastodon_limit"],
            "characters",
            _mastodon_measure(options["mastodon_url_length"]),
        ),
        "bluesky": Rule(
            "bluesky",
            300,
            "graphemes",
            graphemes,
            extra=lambda text: len(text.encode()) <= BLUESKY_MAX_BYTES,
        ),
        "linkedin": Rule("linkedin", 3000, "characters", len),
        "facebook": Rule("facebook", 63206, "characters", len, target=options["facebook_target"]),
    }
