"""UTM tags on links, so the agency can see which channel brought a reader."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def tag_url(url: str, source: str, medium: str, campaign: str, enabled: bool = True) -> str:
    """`url` with utm_source, utm_medium and utm_campaign added (existing ones kept)."""
    if not enabled:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    tags = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)]
    query += [(key, value) for key, value in tags if key not in present]
    return urlunsplit(parts._replace(query=urlencode(query)))
