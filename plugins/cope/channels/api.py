"""The open-data API: static JSON under api/v1/, its OpenAPI 3.1 description, and data.json.

Documents (paths relative to the site):
- api/v1/index.json: the site and links to everything else
- api/v1/stories/page/{n}.json: story summaries, newest first, COPE_API page_size a page
- api/v1/stories/{slug}.json: one whole story
- api/v1/categories.json, api/v1/tags.json, api/v1/audiences.json
- api/v1/testimonials.json (written by the testimonials channel)
- api/v1/openapi.json: every path above with a JSON Schema for every document
- data.json: a DCAT-US 1.1 catalog listing the feeds and the API as datasets
Only stories whose channels include "api" are listed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..settings import merged
from ..story import Story, absolute_url
from ..writer import Output, json_output
from . import api_schema
from .feeds import FORMATS, feed_sets, newest

CHANNEL = "api"
BASE = "api/v1"


def story_api_path(slug: str) -> str:
    return f"{BASE}/stories/{slug}.json"


def page_path(number: int) -> str:
    return f"{BASE}/stories/page/{number}.json"


def _term(term: Any) -> dict[str, str]:
    return {"name": term.name, "slug": term.slug, "url": term.url}


def story_summary(story: Story, siteurl: str) -> dict[str, Any]:
    """The fields of a story in lists."""
    return {
        "id": story.id,
        "slug": story.slug,
        "url": story.url,
        "api_url": absolute_url(siteurl, story_api_path(story.slug)),
        "title": story.title,
        "summary": story.summary_text,
        "date_published": story.date.isoformat(),
        "date_modified": story.modified.isoformat(),
        "language": story.lang,
        "priority": story.priority,
        "category": _term(story.category),
        "tags": [_term(tag) for tag in story.tags],
        "audiences": list(story.audiences),
    }


def story_document(story: Story, siteurl: str) -> dict[str, Any]:
    """The whole story."""
    alert = story.alert
    event = story.event
    return {
        **story_summary(story, siteurl),
        "summary_html": story.summary_html,
        "content_html": story.content_html,
        "content_text": story.content_text,
        "authors": list(story.authors),
        "channels": sorted(story.channels),
        "image": {"url": story.image, "alt": story.image_alt, "media_type": story.image_type}
        if story.image
        else None,
        "alert": {
            "event": alert.event,
            "urgency": alert.urgency,
            "severity": alert.severity,
            "certainty": alert.certainty,
            "area": alert.area,
            "instruction": alert.instruction,
            "expires": alert.expires.isoformat() if alert.expires else None,
        }
        if alert
        else None,
        "event": {
            "start": event.start.isoformat(),
            "end": event.end.isoformat() if event.end else None,
            "location": event.location,
            "online_url": event.online_url,
        }
        if event
        else None,
    }


def _feed_urls(settings: Mapping[str, Any], feed: Any) -> dict[str, str]:
    return {fmt: feed.url(settings, fmt) for fmt in FORMATS}


def term_lists(
    stories: Sequence[Story], settings: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Categories, tags and audiences with their story counts and feeds."""
    feeds = {(f.kind, f.key): f for f in feed_sets(stories, settings)}
    lists: dict[str, list[dict[str, Any]]] = {"categories": [], "tags": [], "audiences": []}
    categories = {s.category.slug: s.category for s in stories}
    tags = {t.slug: t for s in stories for t in s.tags}
    for name, kind, terms in (("categories", "category", categories), ("tags", "tag", tags)):
        for slug in sorted(terms):
            item = {**_term(terms[slug])}
            item["count"] = sum(
                1
                for s in stories
                if (
                    s.category.slug == slug
                    if kind == "category"
                    else any(t.slug == slug for t in s.tags)
                )
            )
            feed = feeds.get((kind, slug))
            item["feeds"] = _feed_urls(settings, feed) if feed else None
            lists[name].append(item)
    for key, audience in sorted(settings["COPE_AUDIENCES"].items()):
        feed = feeds.get(("audience", key))
        lists["audiences"].append(
            {
                "key": key,
                "name": audience["name"],
                "description": audience.get("description", ""),
                "count": sum(1 for s in stories if key in s.audiences),
                "feeds": _feed_urls(settings, feed) if feed else None,
            }
        )
    return lists


def story_pages(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[Output]:
    """The paginated story lists; page 1 always exists, even when empty."""
    siteurl = settings["SITEURL"]
    size = merged(settings, "COPE_API")["page_size"]
    pages = max(1, math.ceil(len(stories) / size))

    def link(number: int) -> str | None:
        return absolute_url(siteurl, page_path(number)) if 1 <= number <= pages else None

    return [
        json_output(
            page_path(number),
            {
                "page": number,
                "pages": pages,
                "page_size": size,
                "total": len(stories),
                "next": link(number + 1),
                "previous": link(number - 1),
                "items": [
                    story_summary(s, siteurl) for s in stories[(number - 1) * size : number * size]
                ],
            },
        )
        for number in range(1, pages + 1)
    ]


def publisher(settings: Mapping[str, Any]) -> dict[str, str]:
    """Who publishes the data, and whom to ask (COPE_API, else COPE_AGENCY)."""
    agency, api = merged(settings, "COPE_AGENCY"), merged(settings, "COPE_API")
    return {
        "name": agency["name"] or settings["SITENAME"],
        "contact_name": api["contact_name"] or agency["name"] or settings["SITENAME"],
        "contact_email": api["contact_email"] or agency["email"],
    }


def index_document(stories: Sequence[Story], settings: Mapping[str, Any]) -> dict[str, Any]:
    siteurl = settings["SITEURL"]
    who = publisher(settings)

    def url(path: str) -> str:
        return absolute_url(siteurl, path)

    return {
        "api_version": "1",
        "site": {
            "title": settings["SITENAME"],
            "url": siteurl,
            "description": settings.get("SITE_DESCRIPTION") or settings["SITENAME"],
            "language": settings.get("DEFAULT_LANG", "en"),
            "publisher": who["name"],
            "contact_email": who["contact_email"] or None,
            "license": merged(settings, "COPE_API")["license"],
        },
        "updated": newest(stories).isoformat(),
        "counts": {"stories": len(stories)},
        "links": {
            "self": url(f"{BASE}/index.json"),
            "stories": url(page_path(1)),
            "categories": url(f"{BASE}/categories.json"),
            "tags": url(f"{BASE}/tags.json"),
            "audiences": url(f"{BASE}/audiences.json"),
            "testimonials": url(f"{BASE}/testimonials.json"),
            "openapi": url(f"{BASE}/openapi.json"),
            "catalog": url("data.json"),
            "feeds": {fmt: url(f"feeds/all.{suffix}") for fmt, (suffix, _, _) in FORMATS.items()},
        },
    }


def catalog(stories: Sequence[Story], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The DCAT-US 1.1 catalog (non-federal fields): the feeds and the API as datasets."""
    siteurl, site = settings["SITEURL"], settings["SITENAME"]
    who, api = publisher(settings), merged(settings, "COPE_API")
    modified = newest(stories).isoformat()
    language = [settings.get("DEFAULT_LANG", "en")]
    contact: dict[str, str] = {"@type": "vcard:Contact", "fn": who["contact_name"]}
    if who["contact_email"]:
        contact["hasEmail"] = f"mailto:{who['contact_email']}"
    common = {
        "@type": "dcat:Dataset",
        "keyword": list(api["keywords"]),
        "modified": modified,
        "publisher": {"@type": "org:Organization", "name": who["name"]},
        "contactPoint": contact,
        "accessLevel": "public",
        "license": api["license"],
        "language": language,
    }
    feed_distributions = [
        {
            "@type": "dcat:Distribution",
            "title": f"All stories ({name})",
            "downloadURL": absolute_url(siteurl, f"feeds/all.{suffix}"),
            "mediaType": mime,
            "format": name,
        }
        for suffix, mime, name in FORMATS.values()
    ]
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": absolute_url(siteurl, "data.json"),
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [
            {
                **common,
                "title": f"{site}: news, alerts and events feeds",
                "description": f"Every story {site} publishes, as RSS, Atom and JSON Feed; "
                "feeds by topic, subject and audience are listed on the landing page.",
                "identifier": absolute_url(siteurl, "feeds/all.json"),
                "landingPage": absolute_url(siteurl, "feeds/"),
                "distribution": feed_distributions,
            },
            {
                **common,
                "title": f"{site}: open data API",
                "description": f"Static JSON documents with every story {site} publishes, "
                "its categories, tags and audiences, described by an OpenAPI 3.1 document.",
                "identifier": absolute_url(siteurl, f"{BASE}/index.json"),
                "landingPage": absolute_url(siteurl, f"{BASE}/index.json"),
                "describedBy": absolute_url(siteurl, f"{BASE}/openapi.json"),
                "describedByType": "application/vnd.oai.openapi+json",
                "distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "title": "API index",
                        "accessURL": absolute_url(siteurl, f"{BASE}/index.json"),
                        "format": "API",
                        "description": "Start here: links to every list and document.",
                    }
                ],
            },
        ],
    }


def outputs(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[Output]:
    in_api = [s for s in stories if s.goes_to(CHANNEL)]
    siteurl = settings["SITEURL"]
    lists = term_lists(in_api, settings)
    result = [
        json_output(f"{BASE}/index.json", index_document(in_api, settings)),
        *story_pages(in_api, settings),
        *(json_output(story_api_path(s.slug), story_document(s, siteurl)) for s in in_api),
        *(json_output(f"{BASE}/{name}.json", {"items": items}) for name, items in lists.items()),
        json_output(f"{BASE}/openapi.json", api_schema.openapi(settings)),
        json_output("data.json", catalog(stories, settings)),
    ]
    return result
