"""The Story: an immutable, channel-neutral view of one published article.

Stories are built once per build, after every generator has finished, from Pelican's
published articles. Channels read Stories, never Pelican objects, so a channel can be
tested with hand-made Stories and no build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from .media import media_type_for
from .schema import CHANNEL_NAMES
from .settings import merged
from .text.html import absolute_html_and_text


@dataclass(frozen=True)
class Term:
    """A category or tag: its name, slug and absolute page URL."""

    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class Alert:
    """The CAP 1.2 details of an emergency."""

    event: str
    urgency: str
    severity: str
    certainty: str
    area: str
    instruction: str
    expires: dt.datetime | None = None

    def active(self, now: dt.datetime) -> bool:
        return self.expires is None or self.expires > now


@dataclass(frozen=True)
class Event:
    """When and where an event happens."""

    start: dt.datetime
    end: dt.datetime | None = None
    location: str | None = None
    online_url: str | None = None


@dataclass(frozen=True)
class Story:
    """One published article, ready for any channel."""

    id: str  # a tag: URI that does not change when the title or URL does
    slug: str
    url: str
    title: str
    date: dt.datetime
    modified: dt.datetime
    lang: str
    category: Term
    tags: tuple[Term, ...]
    authors: tuple[str, ...]
    audiences: tuple[str, ...]
    priority: str
    channels: frozenset[str]
    summary_html: str
    summary_text: str
    content_html: str
    content_text: str
    source_path: str
    image: str | None = None
    image_alt: str | None = None
    image_type: str | None = None  # media type, without parameters
    image_length: int | None = None  # bytes, when the image is in the content folder
    social: Mapping[str, str] = field(default_factory=dict, hash=False)
    sms: str | None = None
    alert: Alert | None = None
    event: Event | None = None
    redirect_from: tuple[str, ...] = ()
    alert_is_live: bool = False  # an emergency whose alert had not expired at build time

    def __post_init__(self) -> None:
        # A frozen dataclass still holds a mutable dict; make the overrides read-only.
        object.__setattr__(self, "social", MappingProxyType(dict(self.social)))

    @property
    def is_emergency(self) -> bool:
        return self.priority == "emergency"

    def goes_to(self, channel: str) -> bool:
        return channel in self.channels


def story_id(authority: str, date: dt.datetime, source_path: str) -> str:
    """A tag: URI (RFC 4151) from the site's domain, the first date and the source file."""
    name = PurePosixPath(source_path).with_suffix("").as_posix()
    return f"tag:{authority},{date:%Y-%m-%d}:{name}"


def effective_channels(
    priority: str, chosen: Iterable[str] | None, category_slug: str, settings: Mapping[str, Any]
) -> frozenset[str]:
    """The story's own list, else its category's, else the default; emergencies get all."""
    if priority == "emergency":
        return frozenset(CHANNEL_NAMES)
    if chosen is not None:
        return frozenset(chosen)
    rules = merged(settings, "COPE_CHANNELS")
    return frozenset(rules["by_category"].get(category_slug, rules["default"]))


def absolute_url(siteurl: str, path: str) -> str:
    """A site path or URL made absolute against SITEURL."""
    if urlsplit(path).scheme:
        return path
    return f"{siteurl}/{path.lstrip('/')}"


def _term(siteurl: str, item: Any) -> Term:
    return Term(name=item.name, slug=item.slug, url=absolute_url(siteurl, item.url))


def image_details(image: str | None, content_path: Path) -> tuple[str | None, int | None]:
    """The media type and size in bytes of a story image (size only for local files)."""
    if not image:
        return None, None
    media_type = media_type_for(urlsplit(image).path).split(";")[0]
    local = content_path / image
    return media_type, (local.stat().st_size if not urlsplit(image).scheme else None)


def story_from_article(
    article: Any, settings: Mapping[str, Any], now: dt.datetime | None = None
) -> Story:
    """The Story of one Pelican article (read through cope's reader)."""
    siteurl = settings["SITEURL"]
    url = absolute_url(siteurl, article.url)
    meta = article.metadata
    content_html, content_text = absolute_html_and_text(article.get_content(siteurl), url)
    summary_html, summary_text = absolute_html_and_text(article.get_summary(siteurl), url)
    category = _term(siteurl, article.category)
    priority = meta.get("priority", "routine")
    authority = merged(settings, "COPE_AGENCY").get("domain") or urlsplit(siteurl).hostname
    alert, event = meta.get("alert"), meta.get("event")
    image_type, image_length = image_details(meta.get("image"), Path(settings["PATH"]))
    return Story(
        id=story_id(authority, article.date, meta["cope_source"]),
        slug=article.slug,
        url=url,
        title=meta["title"],
        date=article.date,
        modified=meta.get("modified") or article.date,
        lang=article.lang,
        category=category,
        tags=tuple(_term(siteurl, tag) for tag in getattr(article, "tags", ())),
        authors=tuple(author.name for author in getattr(article, "authors", ())),
        audiences=tuple(meta.get("audiences") or settings["COPE_AUDIENCES"]),
        priority=priority,
        channels=effective_channels(priority, meta.get("channels"), category.slug, settings),
        summary_html=summary_html,
        summary_text=summary_text,
        content_html=content_html,
        content_text=content_text,
        source_path=meta["cope_source"],
        image=absolute_url(siteurl, meta["image"]) if meta.get("image") else None,
        image_alt=meta.get("image_alt"),
        image_type=image_type,
        image_length=image_length,
        social=meta.get("social") or {},
        sms=meta.get("sms"),
        alert=Alert(**alert) if alert else None,
        event=Event(**event) if event else None,
        redirect_from=tuple(meta.get("redirect_from") or ()),
        alert_is_live=priority == "emergency"
        and bool(alert)
        and Alert(**alert).active(now or dt.datetime.now(dt.UTC)),
    )


def is_public(article: Any, now: dt.datetime) -> bool:
    """Published and not dated in the future (Pelican's lists are trusted, then checked)."""
    return (
        getattr(article, "status", "") == "published"
        and article.metadata.get("cope_status", "published") == "published"
        and article.date <= now
    )


def build_stories(
    articles: Iterable[Any], settings: Mapping[str, Any], now: dt.datetime
) -> tuple[Story, ...]:
    """Stories for the public articles, newest first, ties broken by source path."""
    stories = [story_from_article(a, settings, now) for a in articles if is_public(a, now)]
    stories.sort(key=lambda s: s.source_path)
    stories.sort(key=lambda s: s.date, reverse=True)
    return tuple(stories)


def active_alerts(stories: Iterable[Story]) -> list[Story]:
    """Emergency stories whose alert had not expired at build time, newest first."""
    return [s for s in stories if s.alert_is_live]
