"""Post stubs: social posts and SMS for every story, the queue, bulk-scheduler CSVs and
an editor preview.

Outputs:
- channels/social/{slug}.json: one story's post for each network
- channels/sms/{slug}.txt: one story's exact SMS
- channels/queue.json: every post, emergencies first, then urgent, then newest
- channels/hootsuite/{network}.csv: Hootsuite's bulk format (no header: date, message, URL)
- channels/index.html: a preview for editors (noindex, not linked from the site)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from ..settings import merged
from ..story import Story
from ..text import sms as sms_rules
from ..writer import Output, json_output
from . import sms, social

PRIORITY_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}
HOOTSUITE_DATE = "%m/%d/%Y %H:%M"
_TEMPLATES = Environment(
    loader=PackageLoader("cope.channels", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def queue_order(stories: Sequence[Story]) -> list[Story]:
    """Live emergencies first, then urgent, then the rest (an emergency whose alert has
    expired among them); newest first within each."""
    newest_first = sorted(stories, key=lambda s: (s.date, s.slug), reverse=True)
    return sorted(newest_first, key=_rank)


def _rank(story: Story) -> int:
    if story.priority == "emergency" and not story.alert_is_live:
        return PRIORITY_ORDER["routine"]
    return PRIORITY_ORDER[story.priority]


def _stub(story: Story, posts: Mapping[str, social.Post], images: bool) -> dict[str, Any]:
    return {
        "id": story.id,
        "url": story.url,
        "title": story.title,
        "priority": story.priority,
        "date": story.date.isoformat(),
        "posts": {
            network: {
                "text": post.text,
                "url": post.url,
                "length": post.length,
                "limit": post.limit,
                "image": story.image if images else None,
                "image_alt": story.image_alt if images else None,
                **({"facets": list(post.facets)} if network == "bluesky" else {}),
            }
            for network, post in posts.items()
        },
    }


def _queue_item(story: Story, network: str, text: str, url: str, **counts: Any) -> dict:
    return {
        "story_id": story.id,
        "slug": story.slug,
        "title": story.title,
        "priority": story.priority,
        "date": story.date.isoformat(),
        "network": network,
        "text": text,
        "url": url,
        **counts,
    }


def on_a_five(moment: dt.datetime) -> dt.datetime:
    """The minute, moved up to one ending in 0 or 5, as Hootsuite requires."""
    minute = moment.replace(second=0, microsecond=0)
    return minute + dt.timedelta(minutes=(-minute.minute) % 5)


def schedule_time(date: dt.datetime, timezone: ZoneInfo) -> str:
    """A story's time in the site's timezone, on a minute ending in 0 or 5."""
    return on_a_five(date.astimezone(timezone)).strftime(HOOTSUITE_DATE)


def scheduled_rows(
    items: list[dict[str, Any]], start: dt.datetime, every_minutes: int, most: int = 350
) -> dict[str, list[tuple[str, str, str]]]:
    """Hootsuite rows for queue.json's social items, in queue order, one every
    `every_minutes` from `start` (rounded up to a minute ending in 0 or 5), per network."""
    first = on_a_five(start)
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for item in items:
        if item["network"] == "sms":
            continue
        network_rows = rows.setdefault(item["network"], [])
        if len(network_rows) < most:
            when = first + dt.timedelta(minutes=every_minutes * len(network_rows))
            network_rows.append((when.strftime(HOOTSUITE_DATE), item["message"], item["url"]))
    return rows


def hootsuite_csv(rows: list[tuple[str, str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def outputs(stories: Sequence[Story], settings: Mapping[str, Any]) -> list[Output]:
    options = merged(settings, "COPE_SOCIAL")
    timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    ordered = queue_order(stories)
    result: list[Output] = []
    queue: list[dict[str, Any]] = []
    preview: list[dict[str, Any]] = []
    csv_rows: dict[str, list[tuple[str, str, str]]] = {n: [] for n in options["networks"]}
    for story in ordered:
        entry: dict[str, Any] = {"story": story, "posts": {}, "sms": None}
        if story.goes_to(social.CHANNEL):
            posts = social.social_posts(story, settings)
            entry["posts"] = posts
            stub = _stub(story, posts, images=bool(story.image))
            result.append(json_output(f"channels/social/{story.slug}.json", stub))
            for network, post in posts.items():
                queue.append(
                    _queue_item(
                        story,
                        network,
                        post.text,
                        post.url,
                        message=post.message,
                        length=post.length,
                        limit=post.limit,
                        unit=post.unit,
                    )
                )
                csv_rows[network].append(
                    (schedule_time(story.date, timezone), post.message, post.url)
                )
        if story.goes_to(sms.CHANNEL):
            message = sms.sms_message(story, settings)
            counted = sms_rules.count(message)
            entry["sms"] = counted, message
            result.append(Output(f"channels/sms/{story.slug}.txt", message.encode("utf-8")))
            queue.append(
                _queue_item(
                    story,
                    "sms",
                    message,
                    sms.sms_url(story.url, story.slug, settings),
                    encoding=counted.encoding,
                    length=counted.units,
                    segments=counted.segments,
                )
            )
        if entry["posts"] or entry["sms"]:
            preview.append(entry)
    result.append(json_output("channels/queue.json", {"items": queue}))
    for network, rows in csv_rows.items():
        rows = rows[: options["csv_max_rows"]]
        result.append(Output(f"channels/hootsuite/{network}.csv", hootsuite_csv(rows)))
    page = _TEMPLATES.get_template("preview.html").render(
        site=settings["SITENAME"],
        entries=preview,
        max_segments=merged(settings, "COPE_SMS")["max_segments"],
    )
    result.append(Output("channels/index.html", page.encode("utf-8")))
    return result
