"""Testimonials: people's own words about a program, built once per build.

Their text comes from the public, so it is untrusted: the quote is rendered from Markdown
and then cleaned with nh3, leaving only p, em, strong, br and links (http, https, mailto;
rel="nofollow noopener"). Names and context are plain text, escaped wherever they are
shown. Only testimonials with `consent: true` are published; the full name only with
`show_full_name: true`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .text.html import html_to_text
from .text.safe_html import clean

ALLOWED_TAGS = {"p", "em", "strong", "br", "a"}


def sanitise(html: str) -> str:
    """HTML from the public, reduced to what a quote needs: nothing that runs or styles,
    and only absolute links."""
    return clean(
        html, ALLOWED_TAGS, {"a": {"href"}}, schemes=frozenset({"http", "https", "mailto"})
    )


@dataclass(frozen=True)
class Testimonial:
    id: str
    anchor: str  # the figure's id on the testimonials page
    name: str  # what is shown: the name, or the full name when allowed
    context: str
    program: str
    program_slug: str
    program_url: str | None
    date: dt.datetime
    featured: bool
    quote_html: str
    quote_text: str
    source_path: str


def build_testimonials(
    documents: Iterable[Any],
    render: Callable[[str], str],
    slug: Callable[[str], str],
    program_urls: Mapping[str, str],
    authority: str,
    now: dt.datetime,
) -> tuple[list[Testimonial], list[str]]:
    """The publishable testimonials, newest first, and the paths left out for lack of
    consent. `program_urls` maps a slug to the page or category of that program. Like
    any content, a testimonial dated in the future waits for its date."""
    published, left_out = [], []
    for doc in sorted(documents, key=lambda d: d.path):
        meta = doc.meta
        if meta["date"] > now:
            continue
        if meta.get("consent") is not True:
            left_out.append(doc.path)
            continue
        program = meta.get("program", "")
        quote_html = sanitise(render(doc.body))
        stem = PurePosixPath(doc.path).with_suffix("").as_posix()
        show_full = meta.get("show_full_name") and meta.get("full_name")
        published.append(
            Testimonial(
                id=f"tag:{authority},{meta['date']:%Y-%m-%d}:{stem}",
                anchor=slug(PurePosixPath(doc.path).stem),
                name=meta["full_name"] if show_full else meta["name"],
                context=meta.get("context", ""),
                program=program,
                program_slug=slug(program) if program else "",
                program_url=program_urls.get(slug(program)) if program else None,
                date=meta["date"],
                featured=bool(meta.get("featured")),
                quote_html=quote_html,
                quote_text=html_to_text(quote_html),
                source_path=doc.path,
            )
        )
    published.sort(key=lambda t: t.date, reverse=True)
    return published, left_out


def by_program(testimonials: Iterable[Testimonial]) -> list[dict[str, Any]]:
    """Groups for the page: programs by name, each newest first ('Other' for none)."""
    groups: dict[str, list[Testimonial]] = {}
    for item in testimonials:
        groups.setdefault(item.program or "Other", []).append(item)
    return [
        {
            "program": name,
            "slug": items[0].program_slug or "other",
            "url": items[0].program_url,
            "items": items,
        }
        for name, items in sorted(groups.items(), key=lambda pair: pair[0].lower())
    ]
