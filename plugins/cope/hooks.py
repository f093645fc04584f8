"""What cope does at each Pelican signal; register() in __init__.py connects these."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from .channels import Site, all_outputs, feeds, newsletter
from .channels import testimonials as testimonial_channel
from .reader import DOCUMENTS_KEY, CopeMarkdownReader, markdown_config
from .settings import merged
from .source import load_site, make_slug
from .story import absolute_url, active_alerts, build_stories
from .testimonials import build_testimonials, by_program
from .text.html import absolute_links
from .writer import write_outputs

logger = logging.getLogger(__name__)

STORIES_KEY = "cope_stories"
SITE_KEY = "cope_site"
FEATURED_ON_HOME = 3
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
    render = _markdown(settings)
    testimonials = _testimonials(generators, settings, render)
    documents = settings.get(DOCUMENTS_KEY, {}).values()
    intros = {
        d.meta["edition"]: newsletter.Intro(
            d.meta["title"], _site_links(render(d.body), generators, settings)
        )
        for d in documents
        if d.kind == "newsletter"
    }
    editions = newsletter.editions(stories, testimonials, intros, settings)
    context[SITE_KEY] = Site(stories, tuple(testimonials), tuple(editions))
    context["cope_editions"] = editions
    sets = feeds.feed_sets(stories, settings)
    links = {(feed.kind, feed.key): feed.links(settings) for feed in sets}
    context["cope_feed_links"] = links[("all", "")]
    context["cope_feed_links_for"] = lambda kind, key: links.get((kind, key), [])
    testimonial_feed = testimonial_channel.testimonial_feed(testimonials, settings)
    context["cope_feed_groups"] = feeds.feed_directory([*sets, testimonial_feed], settings)
    context["cope_testimonial_groups"] = by_program(testimonials)
    context["cope_testimonials_jsonld"] = testimonial_channel.json_ld(testimonials, settings)
    context["cope_featured_testimonials"] = [t for t in testimonials if t.featured][
        :FEATURED_ON_HOME
    ]


INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}/?([^\"'\s)]+)")


def _site_links(html: str, generators: list[Any], settings: dict[str, Any]) -> str:
    """Pelican's {filename}/{static} links and relative links made absolute, for HTML that
    Pelican itself does not render (newsletter intros)."""
    siteurl = settings["SITEURL"]
    urls = {
        item.metadata.get("cope_source"): absolute_url(siteurl, item.url)
        for generator in generators
        for item in [*getattr(generator, "articles", ()), *getattr(generator, "pages", ())]
    }

    def resolve(match: re.Match[str]) -> str:
        kind, path = match.groups()
        return urls.get(path, "") if kind == "filename" else absolute_url(siteurl, path)

    return absolute_links(INTERNAL_LINK.sub(resolve, html), siteurl + "/")


def _markdown(settings: dict[str, Any]) -> Callable[[str], str]:
    """Markdown to HTML as the reader renders it, for content that is not an article."""
    markdown = Markdown(**markdown_config(settings))

    def render(text: str) -> str:
        markdown.reset()
        return markdown.convert(text)

    return render


def _testimonials(
    generators: list[Any], settings: dict[str, Any], render: Callable[[str], str]
) -> list[Any]:
    """The consented testimonials, each program linked to its page, story or category."""
    siteurl = settings["SITEURL"]
    urls: dict[str, str] = {}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            urls.update({c.slug: absolute_url(siteurl, c.url) for c, _ in generator.categories})
            urls.update({a.slug: absolute_url(siteurl, a.url) for a in generator.articles})
        if isinstance(generator, PagesGenerator):
            urls.update({p.slug: absolute_url(siteurl, p.url) for p in generator.pages})
    documents = [d for d in settings.get(DOCUMENTS_KEY, {}).values() if d.kind == "testimonial"]
    authority = merged(settings, "COPE_AGENCY")["domain"] or urlsplit(siteurl).hostname
    published, left_out = build_testimonials(
        documents,
        render,
        lambda text: make_slug(text, settings),
        urls,
        authority,
        dt.datetime.now(dt.UTC),
    )
    for path in left_out:
        logger.warning("%s: consent: not given, so this testimonial is left out", path)
    return published


# Pages in the site's theme that cope adds: output path -> template name.
THEMED_PAGES = {
    "feeds/index.html": "feeds",
    "testimonials/index.html": "testimonials",
    "newsletter/index.html": "newsletter_archive",
}


class CopeGenerator(Generator):
    """Runs every channel on the Story list, writes the Outputs and cope's themed pages."""

    def generate_context(self) -> None:
        """Nothing to read: the Story list is built at all_generators_finalized."""

    def generate_output(self, writer: Any) -> None:
        write_outputs(self.output_path, all_outputs(self.context[SITE_KEY], self.settings))
        for path, template in THEMED_PAGES.items():
            writer.write_file(path, self.get_template(template), self.context, relative_urls=False)
        web_view = self.get_template("newsletter")
        for edition in self.context["cope_editions"]:
            writer.write_file(
                f"{edition.folder}index.html",
                web_view,
                self.context,
                relative_urls=False,
                edition=edition,
            )


def get_generators(pelican: Any) -> type[Generator]:
    return CopeGenerator
