"""The channels: each turns the site's content into Outputs (Hugo's idea of output formats).

A channel is a pure function `(site, settings) -> Iterable[Output]`; most read only
`site.stories` and decide for themselves which stories they take (`story.goes_to(name)`).
Channels never write files: the writer does. Add one by writing a module here and listing
it in CHANNELS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..story import Story
from ..testimonials import Testimonial
from ..writer import Output
from . import api, feeds, newsletter, posts, redirects, testimonials


@dataclass(frozen=True)
class Site:
    """Everything the channels read, built once per build."""

    stories: tuple[Story, ...]
    testimonials: tuple[Testimonial, ...] = ()
    editions: tuple[newsletter.Edition, ...] = ()


Channel = Callable[[Site, Mapping[str, Any]], Iterable[Output]]

CHANNELS: dict[str, Channel] = {
    "feeds": lambda site, settings: feeds.outputs(site.stories, settings),
    "api": lambda site, settings: api.outputs(site.stories, settings),
    "posts": lambda site, settings: posts.outputs(site.stories, settings),
    "redirects": lambda site, settings: redirects.outputs(site.stories, settings),
    "testimonials": lambda site, settings: testimonials.outputs(site.testimonials, settings),
    "newsletter": lambda site, settings: newsletter.outputs(site.editions, settings),
}


def all_outputs(site: Site, settings: Mapping[str, Any]) -> Iterator[Output]:
    """Every channel's Outputs for one build, a channel at a time."""
    for channel in CHANNELS.values():
        yield from channel(site, settings)
