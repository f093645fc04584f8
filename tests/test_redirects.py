"""The redirects channel, on hand-made Stories (no build)."""

from __future__ import annotations

import dataclasses
import json

from bs4 import BeautifulSoup
from test_story import make_story

from cope.channels import redirects


def test_redirect_paths():
    assert redirects.redirect_path("/2019/old.html") == "2019/old.html"
    assert redirects.redirect_path("/old/page/") == "old/page/index.html"
    assert redirects.redirect_path("/old/page") == "old/page/index.html"


def test_one_page_per_old_path_pointing_at_the_story():
    story = make_story(title="Flood <update>", redirect_from=("/a.html", "/b/"))
    other = make_story(slug="other")
    outputs = list(redirects.outputs([story, other], {}))
    assert [o.path for o in outputs] == ["a.html", "b/index.html", ".cope/redirects.json"]
    assert json.loads(outputs[2].body) == {"a.html": story.url, "b/index.html": story.url}
    soup = BeautifulSoup(outputs[0].body, "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={story.url}"
    assert soup.find("link", rel="canonical")["href"] == story.url
    assert soup.find("a")["href"] == story.url
    assert soup.find("a").text == "Flood <update>"
    assert outputs[0].media_type == "text/html; charset=utf-8"


def test_no_redirects_no_pages():
    outputs = list(redirects.outputs([dataclasses.replace(make_story())], {}))
    assert [(o.path, o.body) for o in outputs] == [(".cope/redirects.json", b"{}\n")]
