"""What cope does at each Pelican signal; register() in __init__.py connects these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pelican.generators import ArticlesGenerator, Generator

from .channels import all_outputs, feeds
from .reader import DOCUMENTS_KEY, CopeMarkdownReader
from .source import load_site
from .story import active_alerts, build_stories
from .writer import write_outputs

STORIES_KEY = "cope_stories"
# Drafts, hidden and future-dated content must never be written, whatever the config says.
ENFORCED_SETTINGS = {
    "WITH_FUTURE_DATES": False,
    "DRAFT_SAVE_AS": "",
    "DRAFT_LANG_SAVE_AS": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_PAGE_LANG_SAVE_AS": "",
    # Only cope's checked Markdown is read: Pelican's HTML and reST readers would let
    # unchecked (and hidden) content through.
    "READERS": {"html": None, "htm": None, "rst": None},
    # cope writes every feed (feeds channel); Pelican's would collide with feeds/all.atom.xml.
    **dict.fromkeys(
        f"{kind}_{fmt}"
        for kind in (
            "FEED",
            "FEED_ALL",
            "CATEGORY_FEED",
            "TAG_FEED",
            "AUTHOR_FEED",
            "TRANSLATION_FEED",
        )
        for fmt in ("ATOM", "RSS")
    ),
    # Translations share a slug in Pelican; cope gives every story its own address.
    "ARTICLE_TRANSLATION_ID": None,
    "PAGE_TRANSLATION_ID": None,
}


def check_content(pelican: Any) -> None:
    """On start-up: check settings and every content file; stop before any writing."""
    pelican.settings.update(ENFORCED_SETTINGS)
    pelican.settings[DOCUMENTS_KEY] = load_site(pelican.settings)


def add_reader(readers: Any) -> None:
    for extension in CopeMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CopeMarkdownReader


def build_story_list(generators: list[Any]) -> None:
    """After all generators: the Story list, once, and what templates need from it."""
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = articles_generator.settings, articles_generator.context
    now = dt.datetime.now(dt.UTC)
    articles = [*articles_generator.articles, *articles_generator.translations]
    stories = build_stories(articles, settings, now)
    by_source = {story.source_path: story for story in stories}
    for article in articles:
        article.story = by_source.get(article.metadata.get("cope_source"))
    context[STORIES_KEY] = stories
    context["cope_alerts"] = active_alerts(stories)
    context["cope_audience_names"] = {
        key: audience["name"] for key, audience in settings["COPE_AUDIENCES"].items()
    }
    sets = feeds.feed_sets(stories, settings)
    links = {(feed.kind, feed.key): feed.links(settings) for feed in sets}
    context["cope_feed_links"] = links[("all", "")]
    context["cope_feed_links_for"] = lambda kind, key: links.get((kind, key), [])
    context["cope_feed_groups"] = feeds.feed_directory(sets, settings)
    context.setdefault("cope_featured_testimonials", [])


# Pages in the site's theme that cope adds: output path -> template name.
THEMED_PAGES = {"feeds/index.html": "feeds"}


class CopeGenerator(Generator):
    """Runs every channel on the Story list, writes the Outputs and cope's themed pages."""

    def generate_context(self) -> None:
        """Nothing to read: the Story list is built at all_generators_finalized."""

    def generate_output(self, writer: Any) -> None:
        stories = self.context.get(STORIES_KEY, ())
        write_outputs(self.output_path, all_outputs(stories, self.settings))
        for path, template in THEMED_PAGES.items():
            writer.write_file(path, self.get_template(template), self.context, relative_urls=False)


def get_generators(pelican: Any) -> type[Generator]:
    return CopeGenerator
