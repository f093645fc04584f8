"""Each network's counting rule, on known values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from cope.text.networks import (
    _emoji_code_points,
    _emoji_when_possible,
    _library_emoji,
    graphemes,
    rules,
)

RULES = rules({})
X, MASTODON, BLUESKY = RULES["x"], RULES["mastodon"], RULES["bluesky"]
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji of three people
E_ACUTE = "e\u0301"  # e and a combining accent: one grapheme


def test_x_weights():
    assert X.measure("a" * 280) == 280 and X.fits("a" * 280)
    assert not X.fits("a" * 281)
    assert X.measure("日" * 140) == 280 and not X.fits("日" * 141)
    assert X.measure("\U0001f600") == 2 and X.measure(FAMILY) == 2
    assert X.measure(E_ACUTE) == 1  # NFC first
    assert X.measure("see https://www.example.gov/a/very/long/path/that/goes/on?x=1") == 27


def test_x_counts_a_local_link_as_a_published_one():
    assert X.measure("http://127.0.0.1:8000/news/a/?utm_source=x") == 23
    assert parse_tweet("https://www.example.gov/news/a/").weightedLength == 23


def test_emoji_shortcut_is_active_and_matches_the_library():
    # networks.py skips twitter-text's emoji search when a text holds none of the non-ASCII
    # code points the library's expression names; the answer must stay the library's.
    assert _emoji_code_points() is not None
    below = "".join(chr(c) for c in range(0x80, 0x2000) if c not in (0xA9, 0xAE))
    assert _emoji_when_possible(below) == _library_emoji(below) == []
    for text in ("a\u00a9b", "x\U0001f600", "caf\u00e9 \u00ae", "#\ufe0f\u20e3", FAMILY + "…"):
        assert _emoji_when_possible(text) == _library_emoji(text) != []
        assert X.measure(text) == parse_tweet(text).weightedLength


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_emoji_shortcut_agrees_on_any_text(text):
    assert _emoji_when_possible(text) == _library_emoji(text)


def test_mastodon_counts_graphemes_links_as_23_and_mentions_by_user():
    assert MASTODON.measure("a" * 500) == 500 and not MASTODON.fits("a" * 501)
    assert MASTODON.measure("https://www.example.gov/" + "x" * 80) == 23
    assert MASTODON.measure("hi @alice@example.social") == len("hi @alice")
    assert MASTODON.measure(FAMILY + E_ACUTE) == 2
    instance = rules({"COPE_SOCIAL": {"mastodon_limit": 1000}})["mastodon"]
    assert instance.fits("a" * 1000) and instance.limit == 1000


def test_bluesky_counts_graphemes_and_full_links_and_bytes():
    url = "https://www.example.gov/" + "x" * 80
    assert BLUESKY.measure(url) == len(url)
    assert graphemes(FAMILY * 3 + E_ACUTE) == 4
    assert BLUESKY.fits("a" * 300) and not BLUESKY.fits("a" * 301)
    assert BLUESKY.measure(FAMILY * 200) == 200
    assert not BLUESKY.fits(FAMILY * 200)  # 200 graphemes, but 3,600 UTF-8 bytes


def test_linkedin_and_facebook():
    assert RULES["linkedin"].fits("a" * 3000) and not RULES["linkedin"].fits("a" * 3001)
    assert RULES["facebook"].limit == 63206 and RULES["facebook"].built_limit == 500
