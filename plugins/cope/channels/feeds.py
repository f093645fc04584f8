"""Feeds: RSS 2.0 and Atom 1.0 (feedgen) and JSON Feed 1.1, from the same Stories.

One feed set for all stories, then one per category, tag and audience (COPE_FEEDS).
Each set is written in the three formats at feeds/{all,category/…,tag/…,audience/…}.
Every date comes from the stories, never from the clock, so the bytes are stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..settings import merged
from ..story import Story, absolute_url
from ..writer import Output, json_output

CHANNEL = "feeds"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# format -> (file suffix, media type for <link rel="alternate">, name for people)
FORMATS = {
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "atom": ("atom.xml", "application/atom+xml", "Atom"),
    "json": ("json", "application/feed+json", "JSON Feed"),
}
EMERGENCY_TERM = "emergency"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedSet:
    """One feed, before it is written in a format: what it is about and its stories."""

    kind: str  # "all", "category", "tag" or "audience"
    key: str  # slug or audience key; "" for all
    title: str
    description: str
    home_page_url: str
    stories: tuple[Story, ...]
    updated: dt.datetime

    def path(self, fmt: str) -> str:
        suffix = FORMATS[fmt][0]
        return (
            f"feeds/all.{suffix}"
            if self.kind == "all"
            else (f"feeds/{self.kind}/{self.key}.{suffix}")
        )

    def url(self, settings: Mapping[str, Any], fmt: str) -> str:
        return absolute_url(settings["SITEURL"], self.path(fmt))

    def links(self, settings: Mapping[str, Any]) -> list[dict[str, str]]:
        """`<link rel="alternate">` data for the three formats."""
        return [
            {"title": f"{self.title} ({name})", "href": self.url(settings, fmt), "type": mime}
            for fmt, (_, mime, name) in FORMATS.items()
        ]


def newest(stories: Iterable[Story], default: dt.datetime = EPOCH) -> dt.datetime:
    """The latest modified-or-published time among the stories."""
    return max((max(s.date, s.modified) for s in stories), default=default)


def feed_sets(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[FeedSet]:
    """Every feed the site has, 'all' first, then categories, tags and audiences by key."""
    options = merged(settings, "COPE_FEEDS")
    limit = options["max_items"]
    site, siteurl = settings["SITENAME"], settings["SITEURL"]
    in_feeds = [s for s in stories if s.goes_to(CHANNEL)]
    site_updated = newest(in_feeds)

    def make(kind, key, title, description, home, members) -> FeedSet:
        members = tuple(members)
        return FeedSet(
            kind,
            key,
            title,
            description,
            home,
            members[:limit],
            newest(members[:limit], site_updated),
        )

    sets = [make("all", "", site, settings.get("SITE_DESCRIPTION") or site, siteurl, in_feeds)]
    if options["per_category"]:
        categories = {s.category.slug: s.category for s in in_feeds}
        for slug in sorted(categories):
            term = categories[slug]
            members = [s for s in in_feeds if s.category.slug == slug]
            sets.append(
                make(
                    "category",
                    slug,
                    f"{site}: {term.name}",
                    f"{term.name} from {site}.",
                    term.url,
                    members,
                )
            )
    if options["per_tag"]:
        tags = {t.slug: t for s in in_feeds for t in s.tags}
        for slug in sorted(tags):
            term = tags[slug]
            members = [s for s in in_feeds if any(t.slug == slug for t in s.tags)]
            sets.append(
                make(
                    "tag",
                    slug,
                    f"{site}: {term.name}",
                    f"Stories about {term.name} from {site}.",
                    term.url,
                    members,
                )
            )
    if options["per_audience"]:
        for key, audience in sorted(settings["COPE_AUDIENCES"].items()):
            members = [s for s in in_feeds if key in s.audiences]
            sets.append(
                make(
                    "audience",
                    key,
                    f"{site}: for {audience['name']}",
                    f"Stories from {site} for {audience['name'].lower()}.",
                    siteurl,
                    members,
                )
            )
    return sets


GROUP_HEADINGS = {
    "all": "Everything we publish",
    "category": "By topic",
    "tag": "By subject",
    "audience": "By who it is for",
}


def feed_directory(sets: Sequence[FeedSet], settings: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The feeds grouped for the /feeds/ page: heading, and each feed's text and links."""
    return [
        {
            "kind": kind,
            "heading": heading,
            "feeds": [
                {
                    "title": f.title,
                    "description": f.description,
                    "count": len(f.stories),
                    "links": f.links(settings),
                }
                for f in sets
                if f.kind == kind
            ],
        }
        for kind, heading in GROUP_HEADINGS.items()
        if any(f.kind == kind for f in sets)
    ]


def categories_of(story: Story) -> list[tuple[str, str]]:
    """(term, label) pairs: the category, the tags, and 'emergency' for emergencies."""
    terms = [(story.category.slug, story.category.name)]
    terms += [(tag.slug, tag.name) for tag in story.tags]
    if story.is_emergency:
        terms.append((EMERGENCY_TERM, EMERGENCY_TERM))
    return terms


def _authors(story: Story, agency: str) -> list[str]:
    return list(story.authors) or [agency]


class _EntryExtras(BaseEntryExtension):
    """What feedgen 1.0 cannot say of an Atom entry: `<link rel="enclosure">` (it drops rel,
    type and length of entry links) and the entry's own `xml:lang`."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []
        self.lang: str | None = None

    def extend_atom(self, entry: Any) -> Any:
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        if self.lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.lang)
        return entry


def _feedgen(feed: FeedSet, settings: Mapping[str, Any], fmt: str) -> FeedGenerator:
    agency = merged(settings, "COPE_AGENCY")["name"] or settings["SITENAME"]
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.register_extension("cope", BaseExtension, _EntryExtras, atom=True, rss=False)
    fg.id(feed.url(settings, fmt))
    fg.title(feed.title)
    fg.subtitle(feed.description)
    # feedgen's RSS <link> is the last link given: the self link first, then the page.
    fg.link(href=feed.url(settings, fmt), rel="self", type=FORMATS[fmt][1])
    fg.link(href=feed.home_page_url, rel="alternate")
    fg.language(settings.get("DEFAULT_LANG", "en"))
    fg.author({"name": agency, "uri": settings["SITEURL"]})
    fg.updated(feed.updated)
    fg.lastBuildDate(feed.updated)
    fg.generator("cope")
    for story in feed.stories:
        entry = fg.add_entry(order="append")
        entry.id(story.id)
        entry.guid(story.id, permalink=False)
        entry.title(story.title)
        entry.link(href=story.url, rel="alternate")
        entry.published(story.date)
        entry.updated(story.modified)
        entry.content(story.content_html, type="html")
        entry.summary(story.summary_html, type="html")
        entry.cope.lang = story.lang
        entry.dc.dc_language(story.lang)
        for name in _authors(story, agency):
            entry.author({"name": name})
            entry.dc.dc_creator(name)
        for term, label in categories_of(story):
            entry.category(term=term, label=label)
        if story.image and fmt == "atom":
            enclosure = {"href": story.image, "rel": "enclosure", "type": story.image_type}
            if story.image_length is not None:
                enclosure["length"] = str(story.image_length)
            entry.cope.links.append(enclosure)
        elif story.image:  # RSS requires a length: 0 when unknown, as is common practice
            entry.enclosure(story.image, str(story.image_length or 0), story.image_type)
    return fg


def json_feed(feed: FeedSet, settings: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Feed 1.1 document of one feed set."""
    agency = merged(settings, "COPE_AGENCY")["name"] or settings["SITENAME"]
    items = []
    for story in feed.stories:
        item: dict[str, Any] = {
            "id": story.id,
            "url": story.url,
            "title": story.title,
            "content_html": story.content_html,
            "summary": story.summary_text,
            "date_published": story.date.isoformat(),
            "date_modified": story.modified.isoformat(),
            "authors": [{"name": name} for name in _authors(story, agency)],
            "tags": [label for _, label in categories_of(story)],
            "language": story.lang,
            "_cope": {
                "priority": story.priority,
                "category": story.category.slug,
                "audiences": list(story.audiences),
            },
        }
        if story.image:
            item["image"] = story.image
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.url(settings, "json"),
        "description": feed.description,
        "language": settings.get("DEFAULT_LANG", "en"),
        "authors": [{"name": agency, "url": settings["SITEURL"]}],
        "items": items,
    }


def render(feed: FeedSet, settings: Mapping[str, Any]) -> list[Output]:
    """The three files of one feed set."""
    return [
        Output(feed.path("rss"), _feedgen(feed, settings, "rss").rss_str(pretty=True)),
        Output(feed.path("atom"), _feedgen(feed, settings, "atom").atom_str(pretty=True)),
        json_output(feed.path("json"), json_feed(feed, settings)),
    ]


def outputs(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[Output]:
    return [output for feed in feed_sets(stories, settings) for output in render(feed, settings)]
