"""HTML helpers shared by the Story model and the channels.

- `absolute_links`: every link and image in a fragment made absolute, so the HTML reads
  the same in a feed reader, an email or another site.
- `html_to_text`: plain text for SMS, email text parts and the API, paragraphs kept and
  links written out.
- `first_paragraph`: the default summary.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "link": ("href",),
}
SRCSET_TAGS = ("img", "source")
BLOCKS = frozenset(
    (
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "address",
        "hr",
        "details",
        "summary",
    )
)
CELLS = ("td", "th")
SKIPPED = ("script", "style", "template", "noscript")
NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
PRE_START, PRE_END = "\x02", "\x03"  # marks <pre> text, which keeps its spacing


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _srcset(value: str, base_url: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts and not parts[0].startswith("data:"):
            parts[0] = urljoin(base_url, parts[0])
        candidates.append(" ".join(parts))
    return ", ".join(c for c in candidates if c)


def absolute_links(html: str, base_url: str) -> str:
    """`html` with every URL attribute (and srcset) resolved against `base_url`."""
    if not html:
        return html
    soup = _soup(html)
    _absolutize(soup, base_url)
    return str(soup)


def absolute_html_and_text(html: str, base_url: str) -> tuple[str, str]:
    """absolute_links and html_to_text of one fragment, parsing it once."""
    soup = _soup(html)
    _absolutize(soup, base_url)
    return str(soup), _soup_text(soup)


def _absolutize(soup: BeautifulSoup, base_url: str) -> None:
    for tag in soup.find_all(list(URL_ATTRIBUTES)):
        for attribute in URL_ATTRIBUTES[tag.name]:
            value = tag.get(attribute)
            if isinstance(value, str):
                tag[attribute] = urljoin(base_url, value.strip())
        srcset = tag.get("srcset")
        if tag.name in SRCSET_TAGS and isinstance(srcset, str) and "data:" not in srcset:
            tag["srcset"] = _srcset(srcset, base_url)


def _link_text(tag: Tag, text: str) -> str:
    """A link's text with its address after it, unless the text is the address."""
    href = tag.get("href")
    if not isinstance(href, str) or href.startswith("#") or not href.strip():
        return text
    address = href.removeprefix("mailto:").removeprefix("tel:")
    return text if address in text else f"{text} ({address})"


def _text_parts(node: Tag, parts: list[str], in_pre: bool = False) -> None:
    for child in node.children:
        if isinstance(child, NOT_TEXT):
            continue
        if isinstance(child, NavigableString):
            parts.append(str(child) if in_pre else _WHITESPACE.sub(" ", str(child)))
        elif not isinstance(child, Tag) or child.name in SKIPPED:
            continue
        elif child.name == "br":
            parts.append("\n")
        elif child.name == "img":
            parts.append(child.get("alt") or "")
        elif child.name == "a":
            inner: list[str] = []
            _text_parts(child, inner, in_pre)
            parts.append(_link_text(child, "".join(inner)))
        elif child.name in CELLS:
            parts.append(" | " if child.find_previous_sibling(CELLS) else "")
            _text_parts(child, parts, in_pre)
        elif child.name == "li":
            parts.append("\n- ")
            _text_parts(child, parts, in_pre)
        elif child.name == "pre":
            parts.append(f"\n\n{PRE_START}")
            _text_parts(child, parts, True)
            parts.append(f"{PRE_END}\n\n")
        else:
            # A paragraph directly in a list item stays on the item's line.
            block = child.name in BLOCKS and not (child.name == "p" and node.name == "li")
            parts.append("\n\n" if block else "")
            _text_parts(child, parts, in_pre)
            parts.append("\n\n" if block else "")


def html_to_text(html: str) -> str:
    """Readable plain text: blank lines between blocks, list items as '- ', links written
    out as 'text (address)', table cells split by ' | ', code spacing kept."""
    return _soup_text(_soup(html))


def _soup_text(soup: BeautifulSoup) -> str:
    parts: list[str] = []
    _text_parts(soup, parts)
    chunks = re.split(f"({PRE_START}.*?{PRE_END})", "".join(parts), flags=re.DOTALL)
    lines = []
    for chunk in chunks:
        if chunk.startswith(PRE_START):
            lines.append(chunk.strip(PRE_START + PRE_END).strip("\n"))
        else:
            lines.append("\n".join(_SPACES.sub(" ", line).strip() for line in chunk.split("\n")))
    text = "".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def first_paragraph(html: str) -> str:
    """The first top-level `<p>` with words in it (not only an image), as HTML; '' if none."""
    for paragraph in _soup(html).find_all("p", recursive=False):
        if paragraph.get_text().strip():
            return str(paragraph)
    return ""
