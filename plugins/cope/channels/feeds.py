"""Feeds: RSS 2.0 and Atom 1.0 (feedgen) and JSON Feed 1.1, from the same Stories.

One feed set for all stories, then one per category, tag and audience (COPE_FEEDS).
Each set is written in the three formats at feeds/{all,category/…,tag/…,audience/…}.
A feed is made of FeedItems, so other channels (testimonials) write feeds the same way.
Every date comes from the items, never from the clock, so the bytes are stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
class FeedItem:
    """One entry of a feed, in the terms every format shares."""

    id: str
    url: str
    title: str
    content_html: str
    summary_html: str
    summary_text: str
    date: dt.datetime
    modified: dt.datetime
    authors: tuple[str, ...]
    terms: tuple[tuple[str, str], ...]  # (term, label): categories and tags
    lang: str
    image: str | None = None
    image_type: str | None = None
    image_length: int | None = None
    extension: Mapping[str, Any] = field(default_factory=dict, hash=False)  # JSON "_cope"


@dataclass(frozen=True)
class FeedSet:
    """One feed, before it is written in a format: what it is about and its items."""

    kind: str  # "all", "category", "tag", "audience", or a feed of its own ("testimonials")
    key: str  # slug or audience key; "" for a feed of its own
    title: str
    description: str
    home_page_url: str
    items: tuple[FeedItem, ...]
    updated: dt.datetime

    def path(self, fmt: str) -> str:
        suffix = FORMATS[fmt][0]
        return (
            f"feeds/{self.kind}/{self.key}.{suffix}"
            if self.key
            else (f"feeds/{self.kind}.{suffix}")
        )

    def url(self, settings: Mapping[str, Any], fmt: str) -> str:
        return absolute_url(settings["SITEURL"], self.path(fmt))

    def links(self, settings: Mapping[str, Any]) -> list[dict[str, str]]:
        """`<link rel="alternate">` data for the three formats."""
        return [
            {"title": f"{self.title} ({name})", "href": self.url(settings, fmt), "type": mime}
            for fmt, (_, mime, name) in FORMATS.items()
        ]


def newest(items: Iterable[Story | FeedItem], default: dt.datetime = EPOCH) -> dt.datetime:
    """The latest modified-or-published time among stories or feed items."""
    return max((max(s.date, s.modified) for s in items), default=default)


def story_item(story: Story, agency: str) -> FeedItem:
    return FeedItem(
        id=story.id,
        url=story.url,
        title=story.title,
        content_html=story.content_html,
        summary_html=story.summary_html,
        summary_text=story.summary_text,
        date=story.date,
        modified=story.modified,
        authors=story.authors or (agency,),
        terms=tuple(categories_of(story)),
        lang=story.lang,
        image=story.image,
        image_type=story.image_type,
        image_length=story.image_length,
        extension={
            "priority": story.priority,
            "category": story.category.slug,
            "audiences": list(story.audiences),
        },
    )


def agency_name(settings: Mapping[str, Any]) -> str:
    return merged(settings, "COPE_AGENCY")["name"] or settings["SITENAME"]


def feed_sets(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[FeedSet]:
    """Every feed the site has, 'all' first, then categories, tags and audiences by key."""
    options = merged(settings, "COPE_FEEDS")
    limit = options["max_items"]
    site, siteurl = settings["SITENAME"], settings["SITEURL"]
    in_feeds = [s for s in stories if s.goes_to(CHANNEL)]
    site_updated = newest(in_feeds)
    agency = agency_name(settings)

    def make(kind, key, title, description, home, members) -> FeedSet:
        items = tuple(story_item(story, agency) for story in members[:limit])
        return FeedSet(kind, key, title, description, home, items, newest(items, site_updated))

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
    "testimonials": "What people say about our programs",
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
                    "count": len(f.items),
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
    fg.author({"name": agency_name(settings), "uri": settings["SITEURL"]})
    fg.updated(feed.updated)
    fg.lastBuildDate(feed.updated)
    fg.generator("cope")
    for story in feed.items:
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
        for name in story.authors:
            entry.author({"name": name})
            entry.dc.dc_creator(name)
        for term, label in story.terms:
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
    items = []
    for entry in feed.items:
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "content_html": entry.content_html,
            "summary": entry.summary_text,
            "date_published": entry.date.isoformat(),
            "date_modified": entry.modified.isoformat(),
            "authors": [{"name": name} for name in entry.authors],
            "tags": [label for _, label in entry.terms],
            "language": entry.lang,
        }
        if entry.extension:
            item["_cope"] = dict(entry.extension)
        if entry.image:
            item["image"] = entry.image
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.url(settings, "json"),
        "description": feed.description,
        "language": settings.get("DEFAULT_LANG", "en"),
        "authors": [{"name": agency_name(settings), "url": settings["SITEURL"]}],
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
