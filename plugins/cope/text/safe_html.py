"""Allow-list HTML cleaning with nh3, for HTML that leaves the site's own pages: quotes from
the public, and email. Links and images must be absolute (or mailto/tel); anything else is
dropped, since a relative link means nothing in a feed, an inbox or another site."""

from __future__ import annotations

from collections.abc import Mapping

import nh3
from bs4 import BeautifulSoup

URL_ATTRIBUTES = {"href", "src"}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def clean(
    html: str,
    tags: set[str],
    attributes: Mapping[str, set[str]],
    set_values: Mapping[str, Mapping[str, str]] | None = None,
    schemes: frozenset[str] = SCHEMES,
) -> str:
    """`html` reduced to `tags` and `attributes`; no script, style, event handler or
    relative URL survives (only `schemes`); links get rel="nofollow noopener"."""
    prefixes = tuple(f"{scheme}:" for scheme in schemes)

    def absolute_only(tag: str, attribute: str, value: str) -> str | None:
        if attribute in URL_ATTRIBUTES and not value.lower().startswith(prefixes):
            return None
        return value

    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes={tag: set(names) for tag, names in attributes.items()},
        url_schemes=set(schemes),
        attribute_filter=absolute_only,
        link_rel="nofollow noopener",
        strip_comments=True,
        clean_content_tags={"script", "style", "svg", "math", "template", "noscript"},
        set_tag_attribute_values={t: dict(v) for t, v in (set_values or {}).items()},
    )
    if "<a " not in cleaned:
        return cleaned
    # A link whose address was dropped is left as its text: <a> without href is invalid.
    soup = BeautifulSoup(cleaned, "html.parser")
    for anchor in soup.find_all("a"):
        if not anchor.get("href"):
            anchor.unwrap()
    return str(soup)
