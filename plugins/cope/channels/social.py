"""Social posts for one story: the exact text each network would get, within its rule.

A post is the `social.<network>` override, or text built from the title, the summary and
hashtags from the tags; then the story link, UTM-tagged for that network. Built text is
shortened on a word boundary until the whole post fits; an override that does not fit is
an error (`override_problems`, checked before the build writes anything).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from ..schema import Problem
from ..settings import merged
from ..story import Story
from ..text.fit import largest, shorten
from ..text.networks import Rule, graphemes, rules
from ..text.utm import tag_url

CHANNEL = "social"
MEDIUM = "social"
SEPARATOR = "\n\n"
WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")
HASHTAG_SAFE = regex.compile(r"[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}\s_-]*")
MAX_TAG_GRAPHEMES = 64  # app.bsky.richtext.facet#tag: maxGraphemes 64
# A hashtag in a post: '#' after a space or the start, then letters, digits or marks.
HASHTAG = regex.compile(r"(?<![\p{L}\p{N}\p{M}_#])#([\p{L}\p{N}\p{M}_]+)")


@dataclass(frozen=True)
class Post:
    network: str
    message: str  # the post without the link
    url: str  # the UTM-tagged story link
    text: str  # exactly what is sent: the message and the link
    length: int
    limit: int
    unit: str
    facets: tuple[dict[str, Any], ...] = ()


def hashtag(tag: str) -> str | None:
    """'boil water' -> '#BoilWater'. None when the tag has characters a hashtag would drop
    and so change its sense ('C++', 'R&D'), or when it is all digits or too long."""
    if not HASHTAG_SAFE.fullmatch(tag.strip()):
        return None
    name = "".join(word[:1].upper() + word[1:] for word in WORD.findall(tag))
    return f"#{name}" if _usable_tag(name) else None


def _usable_tag(name: str) -> bool:
    """A hashtag Bluesky (and X) will treat as one: not all digits, at most 64 graphemes."""
    return bool(name) and not name.isdigit() and graphemes(name) <= MAX_TAG_GRAPHEMES


def hashtags(story: Story, most: int) -> list[str]:
    found: list[str] = []
    for tag in story.tags:
        name = hashtag(tag.name)
        if name and name.lower() not in {f.lower() for f in found}:
            found.append(name)
    return found[:most]


def join(*parts: str) -> str:
    return SEPARATOR.join(part for part in parts if part)


def with_link(message: str, url: str) -> str:
    """The post as sent: the message, then the link unless the message already has it."""
    return message if url in message else join(message, url)


def built_message(story: Story, rule: Rule, url: str, options: Mapping[str, Any]) -> str:
    """Title, summary and hashtags, shortened so that the post with its link fits."""
    prefix = options["emergency_prefix"] if story.alert_is_live else ""
    body = join(prefix + story.title, " ".join(story.summary_text.split()))
    tags = hashtags(story, options["max_hashtags"])

    def fits(text: str) -> bool:
        return rule.fits(text, rule.built_limit)

    estimate = rule.estimate_fits(rule.built_limit)

    def message(keep: int) -> str:
        return join(body, " ".join(tags[:keep]))

    # Hashtags go before words: candidate k keeps k - 1 hashtags, and 0 means that even the
    # whole body without hashtags is too long, so it is cut. One search, so a costly rule
    # (X) is usually measured once.
    def candidate_fits(check: Callable[[str], bool]) -> Callable[[int], bool]:
        return lambda k: k == 0 or check(with_link(message(k - 1), url))

    keep = largest(len(tags) + 1, candidate_fits(fits), estimate and candidate_fits(estimate))
    if keep:
        return message(keep - 1)
    return shorten(body, lambda text: with_link(text, url), fits, estimate=estimate) or ""


def facets(text: str, url: str) -> tuple[dict[str, Any], ...]:
    """Bluesky rich-text facets: the link and each hashtag, by UTF-8 byte offsets."""
    found = []
    start = text.rfind(url)
    if start >= 0:
        found.append(
            (start, start + len(url), {"$type": "app.bsky.richtext.facet#link", "uri": url})
        )
    for match in HASHTAG.finditer(text):
        if start >= 0 and start <= match.start() < start + len(url):
            continue  # a '#' inside the link is not a hashtag
        if not _usable_tag(match.group(1)):
            continue
        found.append(
            (
                match.start(),
                match.end(),
                {"$type": "app.bsky.richtext.facet#tag", "tag": match.group(1)},
            )
        )
    return tuple(
        {
            "index": {"byteStart": len(text[:a].encode()), "byteEnd": len(text[:b].encode())},
            "features": [feature],
        }
        for a, b, feature in sorted(found, key=lambda item: item[0])
    )


def make_post(network: str, rule: Rule, message: str, url: str) -> Post:
    text = with_link(message, url)
    return Post(
        network=network,
        message=message,
        url=url,
        text=text,
        length=rule.measure(text),
        limit=rule.limit,
        unit=rule.unit,
        facets=facets(text, url) if network == "bluesky" else (),
    )


def post_url(story_url: str, network: str, slug: str, settings: Mapping[str, Any]) -> str:
    return tag_url(story_url, network, MEDIUM, slug, merged(settings, "COPE_SOCIAL")["utm"])


def social_posts(story: Story, settings: Mapping[str, Any]) -> dict[str, Post]:
    """Every configured network's post for one story, in the configured order."""
    options = merged(settings, "COPE_SOCIAL")
    network_rules = rules(settings)
    posts = {}
    for network in options["networks"]:
        rule, url = network_rules[network], post_url(story.url, network, story.slug, settings)
        override = story.social.get(network)
        message = override if override else built_message(story, rule, url, options)
        post = make_post(network, rule, message, url)
        if not rule.fits(post.text):
            raise ValueError(f"{story.source_path}: social.{network} does not fit")
        posts[network] = post
    return posts


def override_problems(
    path: str,
    overrides: Mapping[str, str],
    story_url: str,
    slug: str,
    settings: Mapping[str, Any],
) -> list[Problem]:
    """Overrides that do not fit their network once the link is added: one line each."""
    network_rules = rules(settings)
    problems = []
    for network, message in sorted(overrides.items()):
        rule = network_rules[network]
        text = with_link(message, post_url(story_url, network, slug, settings))
        if not rule.fits(text):
            why = "" if rule.measure(text) > rule.limit else " (not valid for this network)"
            problems.append(
                Problem(
                    path,
                    f"social.{network}",
                    f"{rule.measure(text)} {rule.unit}, limit {rule.limit}{why}",
                )
            )
    return problems
