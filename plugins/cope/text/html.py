"""HTML helpers shared by the Story model and the channels.

- `absolute_links`: every link and image in a fragment made absolute, so the HTML reads
  the same in a feed reader, an email or another site.
- `html_to_text`: plain text for SMS, email text parts and search, paragraphs kept.
- `first_paragraph`: the default summary.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

URL_ATTRIBUTES = {
    "a": ("href",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "link": ("href",),
}
SRCSET_TAGS = ("img", "source")
BLOCKS = frozenset(
    ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre",
     "table", "tr", "figure", "figcaption", "dl", "dt", "dd", "section", "article",
     "header", "footer", "aside", "address", "hr")
)  # fmt: skip
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_WHITESPACE = re.compile(r"\s+")
BLOCK_BREAKS = {name: ("\n\n", "\n\n") for name in BLOCKS}


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def absolute_links(html: str, base_url: str) -> str:
    """`html` with every URL attribute (and srcset) resolved against `base_url`."""
    if not html:
        return html
    soup = _soup(html)
    for tag in soup.find_all(list(URL_ATTRIBUTES)):
        for attribute in URL_ATTRIBUTES[tag.name]:
            value = tag.get(attribute)
            if isinstance(value, str):
                tag[attribute] = urljoin(base_url, value.strip())
        if tag.name in SRCSET_TAGS and isinstance(tag.get("srcset"), str):
            tag["srcset"] = ", ".join(
                " ".join([urljoin(base_url, url), *rest])
                for url, *rest in (c.split() for c in tag["srcset"].split(",") if c.strip())
            )
    return str(soup)


def _text_parts(node: Tag, parts: list[str], in_pre: bool = False) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(str(child) if in_pre else _WHITESPACE.sub(" ", str(child)))
        elif not isinstance(child, Tag) or child.name in ("script", "style", "template"):
            continue
        elif child.name == "br":
            parts.append("\n")
        elif child.name == "img":
            parts.append(child.get("alt") or "")
        else:
            # A list item starts a line; other blocks stand apart with a blank line.
            before, after = (
                ("\n- ", "") if child.name == "li" else BLOCK_BREAKS.get(child.name, ("", ""))
            )
            parts.append(before)
            _text_parts(child, parts, in_pre or child.name == "pre")
            parts.append(after)


def html_to_text(html: str) -> str:
    """Readable plain text: one blank line between blocks, list items as '- ', no markup."""
    parts: list[str] = []
    _text_parts(_soup(html), parts)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def first_paragraph(html: str) -> str:
    """The first `<p>` with words in it (not only an image), as HTML; '' if none."""
    for match in _PARAGRAPH.finditer(html):
        inner = match.group(1)
        if _TAG.sub("", inner).strip():
            return match.group(0)
    return ""
