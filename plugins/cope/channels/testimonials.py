"""Testimonials as data: api/v1/testimonials.json and a feed (feeds/testimonials.*).

The page itself (testimonials/index.html) is in the site's theme; see hooks.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..story import absolute_url
from ..testimonials import Testimonial
from ..writer import Output, json_output
from . import feeds

PAGE = "testimonials/"
API_PATH = "api/v1/testimonials.json"


def page_url(settings: Mapping[str, Any], item: Testimonial | None = None) -> str:
    url = absolute_url(settings["SITEURL"], PAGE)
    return f"{url}#{item.anchor}" if item else url


def document(item: Testimonial, settings: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": item.id,
        "url": page_url(settings, item),
        "name": item.name,
        "context": item.context,
        "program": item.program,
        "program_url": item.program_url,
        "date": item.date.isoformat(),
        "featured": item.featured,
        "quote_html": item.quote_html,
        "quote_text": item.quote_text,
    }


def feed_item(item: Testimonial, settings: Mapping[str, Any]) -> feeds.FeedItem:
    credit = ", ".join(escape(part) for part in (item.name, item.context) if part)
    return feeds.FeedItem(
        id=item.id,
        url=page_url(settings, item),
        title=f"{item.name} on {item.program}" if item.program else item.name,
        content_html=f"{item.quote_html}\n<p>— {credit}</p>",
        summary_html=item.quote_html,
        summary_text=item.quote_text,
        date=item.date,
        modified=item.date,
        authors=(item.name,),
        terms=((item.program_slug, item.program),) if item.program else (),
        lang=settings.get("DEFAULT_LANG", "en"),
    )


def testimonial_feed(testimonials: Sequence[Testimonial], settings: Mapping[str, Any]):
    items = tuple(feed_item(t, settings) for t in testimonials)
    site = settings["SITENAME"]
    return feeds.FeedSet(
        "testimonials",
        "",
        f"{site}: what people say",
        f"What people say about the programs of {site}, in their own words.",
        page_url(settings),
        items,
        feeds.newest(items),
    )


def json_ld(testimonials: Sequence[Testimonial], settings: Mapping[str, Any]) -> str:
    """schema.org Quotation items (not reviews: stars an organisation gives itself are
    ignored by search engines), safe to put inside <script>."""
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Quotation",
                "@id": page_url(settings, t),
                "text": t.quote_text,
                "creator": {"@type": "Person", "name": t.name},
                "dateCreated": t.date.date().isoformat(),
                **({"about": {"@type": "Thing", "name": t.program}} if t.program else {}),
            }
            for t in testimonials
        ],
    }
    # <, > and & as JSON escapes: nothing in the data can close the script or open a comment
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def outputs(testimonials: Sequence[Testimonial], settings: Mapping[str, Any]) -> list[Output]:
    items = [document(t, settings) for t in testimonials]
    return [
        json_output(API_PATH, {"items": items}),
        *feeds.render(testimonial_feed(testimonials, settings), settings),
    ]
