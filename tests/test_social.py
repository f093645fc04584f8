"""Social posts and SMS built from Stories: limits, links, facets, overrides (no build)."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_story import make_story
from twitter_text import parse_tweet

from cope.channels import sms, social
from cope.story import Alert, Term
from cope.text import sms as sms_rules
from cope.text.networks import rules

SITE = {"SITENAME": "Site", "SITEURL": "https://www.riverbend.example.gov", "TIMEZONE": "UTC"}
RULES = rules(SITE)
ALERT = Alert("Flood", "Immediate", "Severe", "Observed", "North", "Move to high ground.")


def story(**changes):
    base = make_story(
        url="https://www.riverbend.example.gov/news/flood-update/",
        slug="flood-update",
        channels=frozenset({"social", "sms"}),
    )
    return dataclasses.replace(base, **changes)


def check_post(network: str, post: social.Post) -> None:
    rule = RULES[network]
    assert rule.fits(post.text), (network, post.length, post.text)
    assert post.length == rule.measure(post.text)
    assert post.text.endswith(post.url)
    if network == "x":
        assert parse_tweet(post.text).valid
    if network == "bluesky":
        data = post.text.encode()
        link = post.facets[-1] if post.facets[-1]["features"][0].get("uri") else None
        links = [f for f in post.facets if "uri" in f["features"][0]]
        assert len(links) == 1 and link is not None
        index = links[0]["index"]
        assert data[index["byteStart"] : index["byteEnd"]].decode() == post.url
        for facet in post.facets:
            tag = facet["features"][0].get("tag")
            if tag:
                span = data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode()
                assert span == "#" + tag


def test_short_story_keeps_title_summary_and_hashtags():
    s = story(
        title="Flood update",
        summary_text="Roads are open again.",
        tags=(Term("boil water", "boil-water", "u"), Term("roads", "roads", "u")),
    )
    posts = social.social_posts(s, SITE)
    assert list(posts) == ["x", "facebook", "mastodon", "bluesky", "linkedin"]
    x = posts["x"]
    assert x.text == (
        "Flood update\n\nRoads are open again.\n\n#BoilWater #Roads\n\n"
        "https://www.riverbend.example.gov/news/flood-update/"
        "?utm_source=x&utm_medium=social&utm_campaign=flood-update"
    )
    assert x.length == 12 + 2 + 21 + 2 + 17 + 2 + 23
    for network, post in posts.items():
        check_post(network, post)
        query = parse_qs(urlsplit(post.url).query)
        assert query == {
            "utm_source": [network],
            "utm_medium": ["social"],
            "utm_campaign": ["flood-update"],
        }


def test_long_text_is_cut_on_a_word_with_an_ellipsis_and_hashtags_go_first():
    long = " ".join(["water"] * 200)
    s = story(title="Title", summary_text=long, tags=(Term("a b", "a-b", "u"),))
    posts = social.social_posts(s, SITE)
    for network in ("x", "mastodon", "bluesky", "facebook"):
        post = posts[network]
        check_post(network, post)
        assert "#AB" not in post.text
        assert post.message.endswith("water…")
    assert posts["facebook"].length <= 500  # the built target, not the 63,206 limit
    assert posts["linkedin"].message.count("water") == 200  # fits LinkedIn whole


def test_emergency_gets_the_prefix_and_utm_can_be_turned_off():
    s = story(title="Flood", priority="emergency", alert=ALERT, alert_is_live=True)
    off = {**SITE, "COPE_SOCIAL": {"utm": False, "emergency_prefix": "URGENT: "}}
    post = social.social_posts(s, off)["mastodon"]
    assert post.text.startswith("URGENT: Flood")
    assert post.url == s.url


def test_override_is_used_as_written_and_the_link_added_once():
    s = story(social={"x": "Read this: https://www.riverbend.example.gov/news/flood-update/"})
    posts = social.social_posts(s, SITE)
    assert posts["x"].text.startswith("Read this: ")
    url = social.post_url(s.url, "x", s.slug, SITE)
    assert posts["x"].text.endswith(url)
    exact = story(social={"bluesky": f"Hi {social.post_url(s.url, 'bluesky', s.slug, SITE)}"})
    assert social.social_posts(exact, SITE)["bluesky"].text.count("https://") == 1


def test_override_that_cannot_fit_is_one_clear_problem():
    problems = social.override_problems(
        "news/x.md", {"x": "word " * 80, "mastodon": "fine"}, story().url, "flood-update", SITE
    )
    assert [str(p) for p in problems] == [
        "news/x.md: social.x: 425 weighted characters, limit 280"  # 400 + 2 + 23
    ]
    assert sms.override_problems("news/x.md", "a" * 170, SITE)[0].message == (
        "170 characters (GSM-7), limit 160 (1 segment)"
    )
    assert sms.override_problems("news/x.md", "\U0001f600" * 40, SITE)[0].message == (
        "80 UTF-16 units (UCS-2), limit 70 (1 segment)"
    )
    two = {**SITE, "COPE_SMS": {"max_segments": 2}}
    assert sms.override_problems("news/x.md", "a" * 170, two) == []


def test_sms_override_gets_the_link_only_when_it_fits():
    short = sms.sms_message(story(sms="Boil water. Call 555-0100."), SITE)
    assert short.startswith("Boil water. Call 555-0100. https://www.riverbend.example.gov/")
    assert "utm_medium=sms" in short and sms_rules.count(short).segments == 1
    long = "Boil water until further notice in all of North Riverbend. " * 2
    assert sms.sms_message(story(sms=long.strip()), SITE) == long.strip()


def test_built_sms_is_plain_gsm7_and_keeps_the_title():
    s = story(
        title="Boil water \u201cnow\u201d",
        priority="emergency",
        alert_is_live=True,
        alert=ALERT,
        summary_text="Boil tap water for one minute \u2014 until we say it\u2019s safe. " * 5,
    )
    message = sms.sms_message(s, SITE)
    assert message.startswith('ALERT: Boil water "now": Boil tap water')
    counted = sms_rules.count(message)
    assert counted.encoding == "GSM-7" and counted.segments == 1
    assert "..." in message and message.endswith("utm_campaign=flood-update")


def test_sms_without_room_for_the_link_keeps_the_words():
    s = story(title="Word " * 30, summary_text="More words")
    message = sms.sms_message(s, SITE)
    assert "https://" not in message and sms_rules.count(message).segments == 1
    assert message.endswith("...")


texts = st.text(min_size=0, max_size=400)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=300),
    summary=texts,
    tags=st.lists(words, max_size=12),
    priority=st.sampled_from(["routine", "urgent", "emergency"]),
    segments=st.integers(min_value=1, max_value=4),
)
def test_any_story_gives_posts_within_every_limit(title, summary, tags, priority, segments):
    s = story(
        title=title,
        summary_text=summary,
        tags=tuple(Term(t, f"t{i}", "u") for i, t in enumerate(tags)),
        priority=priority,
        alert=ALERT if priority == "emergency" else None,
        alert_is_live=priority == "emergency",
    )
    for network, post in social.social_posts(s, SITE).items():
        check_post(network, post)
    message = sms.sms_message(s, {**SITE, "COPE_SMS": {"max_segments": segments}})
    assert sms_rules.count(message).segments <= segments


@settings(max_examples=25, deadline=None)
@given(
    word=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Z")), min_size=300, max_size=2000
    )
)
def test_one_enormous_word_is_cut_between_graphemes(word):
    posts = social.social_posts(story(title=word, summary_text=""), SITE)
    for network, post in posts.items():
        check_post(network, post)


def test_links_inside_the_title_are_counted_as_each_network_does():
    for title in (
        "お知らせはhttps://example.com/" + "あ" * 200,
        "Read https://example.com/path)and more " * 3,
    ):
        posts = social.social_posts(story(title=title, summary_text="x " * 200), SITE)
        for network, post in posts.items():
            check_post(network, post)
    mastodon = RULES["mastodon"]
    assert mastodon.measure("see https://example.com/path)and") == len("see ") + 23 + len(")and")


def test_hashtags_keep_their_sense_and_bluesky_facets_their_limits():
    assert social.hashtag("boil-water notice") == "#BoilWaterNotice"
    assert social.hashtag("C++") is None and social.hashtag("R&D") is None
    assert social.hashtag("2026") is None and social.hashtag("word " * 20) is None
    text = "Flu shots #2026 #" + "A" * 70 + " #Flu https://x.gov/a"
    tags = [
        f["features"][0]["tag"]
        for f in social.facets(text, "https://x.gov/a")
        if "tag" in f["features"][0]
    ]
    assert tags == ["Flu"]


def test_expired_emergency_gets_no_prefix():
    s = story(title="Freeze", priority="emergency", alert=ALERT, alert_is_live=False)
    assert social.social_posts(s, SITE)["x"].text.startswith("Freeze")
    assert not sms.sms_message(s, SITE).startswith("ALERT")


def test_sms_keeps_the_link_despite_an_emoji_or_double_space():
    for title, summary in (
        ("Flood update", "Roads are open again \U0001f30a"),
        ("Flood  update", "Roads are open again."),
        ("\U0001f489 Flu shots", "Free at the clinic."),
    ):
        message = sms.sms_message(story(title=title, summary_text=summary), SITE)
        assert "utm_medium=sms" in message, message
        assert sms_rules.count(message).encoding == "GSM-7", message
