"""SMS messages: one text message per story whose channels include sms (emergencies
always), within COPE_SMS's segment limit.

The `sms` override is the whole message; the story link is added when it still fits.
Built messages are the title and summary, cut on a word boundary to leave room for the
link; when not even the whole title fits beside the link, the link is left out, since the
message must say what happened. Typographic characters become their GSM-7 equivalents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex

from ..schema import Problem
from ..settings import merged
from ..story import Story
from ..text import sms as rules
from ..text.fit import shorten
from ..text.utm import tag_url

CHANNEL = "sms"
EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f\u20e3]")
ELLIPSIS = "..."  # "…" is not in GSM-7


def sms_url(story_url: str, slug: str, settings: Mapping[str, Any]) -> str:
    return tag_url(story_url, "sms", "sms", slug, merged(settings, "COPE_SMS")["utm"])


def _with_link(message: str, url: str, max_segments: int) -> str:
    candidate = f"{message} {url}"
    return candidate if rules.fits(candidate, max_segments) else message


def sms_message(story: Story, settings: Mapping[str, Any]) -> str:
    """The exact SMS for one story."""
    options = merged(settings, "COPE_SMS")
    segments = options["max_segments"]
    url = sms_url(story.url, story.slug, settings)
    if story.sms:
        return _with_link(rules.plain(story.sms), url, segments)
    prefix = options["emergency_prefix"] if story.alert_is_live else ""
    title = _plain_words(prefix + story.title)
    text = _plain_words(f"{title}: {story.summary_text}")

    def fits(message: str) -> bool:
        return rules.fits(message, segments)

    linked = shorten(text, lambda t: f"{t} {url}", fits, ELLIPSIS)
    if linked is not None and linked.startswith(title):
        return f"{linked} {url}"
    return shorten(text, lambda t: t, fits, ELLIPSIS) or ""


def _plain_words(text: str) -> str:
    """Built text as plain GSM-7 as it can be: typography made plain, emoji dropped (one
    would make the whole message UCS-2 and halve its room), spaces squeezed."""
    return " ".join(EMOJI.sub("", rules.plain(text)).split())


def override_problems(path: str, message: str, settings: Mapping[str, Any]) -> list[Problem]:
    """An `sms` override longer than the segment limit, as one line."""
    segments = merged(settings, "COPE_SMS")["max_segments"]
    text = rules.plain(message)
    counted = rules.count(text)
    if counted.segments <= segments:
        return []
    limit = rules.capacity(counted.encoding, segments)
    unit = "characters" if counted.encoding == rules.GSM7 else "UTF-16 units"
    plural = "s" if segments > 1 else ""
    return [
        Problem(
            path,
            "sms",
            f"{counted.units} {unit} ({counted.encoding}), limit {limit} "
            f"({segments} segment{plural})",
        )
    ]
