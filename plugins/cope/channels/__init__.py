"""The channels: each turns the Story list into Outputs (Hugo's idea of output formats).

A channel is a pure function `(stories, settings) -> Iterable[Output]`. It decides for
itself which stories it takes (usually `story.goes_to(name)`), and never writes files:
the writer does. Add a channel by writing a module here and listing it in CHANNELS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..story import Story
from ..writer import Output
from . import api, feeds, posts, redirects

Channel = Callable[[Sequence[Story], Mapping[str, Any]], Iterable[Output]]

CHANNELS: dict[str, Channel] = {
    "feeds": feeds.outputs,
    "api": api.outputs,
    "posts": posts.outputs,
    "redirects": redirects.outputs,
}


def all_outputs(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[Output]:
    """Every channel's Outputs for one build."""
    return [output for channel in CHANNELS.values() for output in channel(stories, settings)]
