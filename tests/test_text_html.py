"""HTML helpers: absolute links, plain text, first paragraph."""

from __future__ import annotations

from bs4 import BeautifulSoup

from cope.text.html import absolute_links, first_paragraph, html_to_text

BASE = "https://www.example.gov/news/flood/"


def test_absolute_links_resolves_every_url_attribute():
    html = (
        '<p><a href="../water/">water</a> <a href="/about/">about</a> <a href="#map">map</a>'
        ' <a href="mailto:help@example.gov">mail</a> <a href="https://other.org/x">x</a></p>'
        '<img src="img/a.png" srcset="img/a.png 1x, /img/b.png 2x" alt="A">'
        '<video src="v.mp4" poster="p.jpg"></video>'
    )
    soup = BeautifulSoup(absolute_links(html, BASE), "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://www.example.gov/news/water/",
        "https://www.example.gov/about/",
        "https://www.example.gov/news/flood/#map",
        "mailto:help@example.gov",
        "https://other.org/x",
    ]
    img = soup.find("img")
    assert img["src"] == "https://www.example.gov/news/flood/img/a.png"
    assert img["srcset"] == (
        "https://www.example.gov/news/flood/img/a.png 1x, https://www.example.gov/img/b.png 2x"
    )
    assert soup.find("video")["poster"] == "https://www.example.gov/news/flood/p.jpg"


def test_html_to_text_keeps_paragraphs_and_lists():
    html = (
        "<h2>Where</h2><p>Boil   water <em>before</em>\ndrinking.<br>Call us.</p>"
        "<ul><li>North</li><li>South &amp; East</li></ul><img alt='Map of the area'>"
        "<script>alert(1)</script><pre>a  b\nc</pre>"
    )
    assert html_to_text(html) == (
        "Where\n\nBoil water before drinking.\nCall us.\n\n- North\n- South & East\n\n"
        "Map of the area\n\na  b\nc"
    )


def test_html_to_text_writes_links_out_and_keeps_tables_and_loose_lists():
    html = (
        '<p>Read the <a href="https://x.gov/y">notice</a>, '
        'mail <a href="mailto:a@b.gov">a@b.gov</a> or go <a href="#top">up</a>.'
        "<!-- TODO: legal --></p>"
        "<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Mon</td><td>9-5</td></tr></table>"
        "<ul>\n<li>\n<p>Bring ID</p>\n</li>\n<li>\n<p>Bring proof</p>\n</li>\n</ul>"
    )
    assert html_to_text(html) == (
        "Read the notice (https://x.gov/y), mail a@b.gov or go up.\n\n"
        "Day | Hours\n\nMon | 9-5\n\n- Bring ID\n- Bring proof"
    )


def test_first_paragraph_is_top_level_and_data_urls_are_left_alone():
    html = '<blockquote><p>Quote</p></blockquote><p>&nbsp;</p><p class="lead">Real</p>'
    assert first_paragraph(html) == '<p class="lead">Real</p>'
    srcset = '<img srcset="data:image/png;base64,AA,BB 2x"><form action="/s"></form>'
    assert absolute_links(srcset, BASE) == (
        '<img srcset="data:image/png;base64,AA,BB 2x"/>'
        '<form action="https://www.example.gov/s"></form>'
    )


def test_first_paragraph_skips_image_only_paragraphs():
    html = '<p><img src="a.png" alt="x"></p><p>First <strong>words</strong>.</p><p>Next.</p>'
    assert first_paragraph(html) == "<p>First <strong>words</strong>.</p>"
    assert first_paragraph("<h2>Only a heading</h2>") == ""
