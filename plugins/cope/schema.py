"""The front-matter contract: what each key may hold, and the problems found when it does not.

Everything here is pure: it takes the parsed front matter of one file and returns the
normalised values plus a list of Problems. Reading files is done in source.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

STATUSES = ("published", "draft", "hidden")
PRIORITIES = ("routine", "urgent", "emergency")
CHANNEL_NAMES = ("feeds", "api", "social", "sms", "newsletter")
NETWORKS = ("x", "facebook", "mastodon", "bluesky", "linkedin")

# OASIS CAP 1.2 value lists for <info>.
CAP_URGENCY = ("Immediate", "Expected", "Future", "Past", "Unknown")
CAP_SEVERITY = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CAP_CERTAINTY = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
ALERT_REQUIRED = ("event", "urgency", "severity", "certainty", "area", "instruction")
ALERT_KEYS = (*ALERT_REQUIRED, "expires")
EVENT_KEYS = ("start", "end", "location", "online_url")

ARTICLE_KEYS = (
    "title",
    "date",
    "modified",
    "summary",
    "category",
    "tags",
    "authors",
    "status",
    "slug",
    "lang",
    "audiences",
    "priority",
    "channels",
    "image",
    "image_alt",
    "social",
    "sms",
    "alert",
    "event",
    "redirect_from",
)
# Pelican's own keys that stay useful (a custom template). save_as and url are not
# allowed: an explicit save_as would write a draft's page despite DRAFT_SAVE_AS.
PELICAN_KEYS = ("template",)

# An old site path: starts with '/', no query or fragment, no empty, '.' or '..' segment.
REDIRECT_RE = re.compile(r"^(?=/)(/(?!\.\.?(/|$))[^/?#\s]+)*/?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
DATE_EXAMPLE = "2026-11-28 09:30 or 2026-11-28"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file (or the settings), shown to editors as one line."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class InvalidContent(SystemExit):
    """Stops the build before anything is written; the message lists every problem.

    A SystemExit with a text exits with status 1 and prints the text, without the
    traceback that Pelican adds to ordinary exceptions.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        lines = [str(p) for p in self.problems]
        count = len(lines)
        lines.append(f"cope: {count} problem{'s' if count != 1 else ''}; nothing was written.")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Rules:
    """What validation needs to know about the site."""

    timezone: ZoneInfo
    audiences: tuple[str, ...]
    content_path: Path


def one_of(value: object, allowed: tuple[str, ...]) -> str:
    hint = difflib.get_close_matches(str(value), allowed, n=1)
    did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"{value!r} is not one of {', '.join(allowed)}{did_you_mean}"


def parse_datetime(value: object, timezone: ZoneInfo) -> dt.datetime:
    """A tz-aware datetime from a YAML date/datetime or an ISO 8601 string.

    Naive values are in the site's timezone. Raises ValueError for anything else.
    """
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date; write it like {DATE_EXAMPLE}") from None
    else:
        raise ValueError(f"{value!r} is not a date; write it like {DATE_EXAMPLE}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone)
    return parsed


def _kind(value: object) -> str:
    if isinstance(value, Mapping):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    return "true/false" if isinstance(value, bool) else type(value).__name__


def _string_list(value: object) -> list[str] | None:
    """A list of non-empty strings; a comma-separated string is accepted too."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        items = [str(v).strip() for v in value]
        return items if all(items) else None
    return None


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def image_source(value: str) -> str:
    """The image path relative to the content folder (or the URL as given)."""
    if _is_http_url(value):
        return value
    return value.removeprefix("{static}").lstrip("/")


class _Checker:
    """Collects the normalised values and the problems of one file."""

    def __init__(self, path: str, meta: Mapping[str, Any], rules: Rules):
        self.path, self.meta, self.rules = path, meta, rules
        self.values: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, field, message))

    def text(
        self,
        key: str,
        required: bool = False,
        field: str | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> str | None:
        """The stripped text at `key` (stored in values unless read from a sub-block)."""
        value = (self.meta if source is None else source).get(key)
        field = field or key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(field, "is missing; it is required")
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(field, f"must be text, not {_kind(value)}")
            return None
        if source is None:
            self.values[key] = str(value).strip()
        return str(value).strip()

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> None:
        value = self.meta.get(key, default)
        if value not in allowed:
            self.problem(key, one_of(value, allowed))
        else:
            self.values[key] = value

    def date(
        self,
        key: str,
        required: bool = False,
        field: str | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> dt.datetime | None:
        value = (self.meta if source is None else source).get(key)
        field = field or key
        if value is None or value == "":
            if required:
                self.problem(field, f"is missing; it is required, e.g. {DATE_EXAMPLE}")
            return None
        try:
            return parse_datetime(value, self.rules.timezone)
        except ValueError as error:
            self.problem(field, str(error))
            return None

    def names(self, key: str, allowed: tuple[str, ...] | None = None) -> None:
        if key not in self.meta:
            return
        items = _string_list(self.meta[key])
        if items is None:
            self.problem(key, "must be a list of words, e.g. [water, safety]")
            return
        bad = [item for item in items if allowed is not None and item not in allowed]
        for item in bad:
            self.problem(key, one_of(item, allowed or ()))
        if not bad:
            self.values[key] = items


def _unknown_keys(c: _Checker, allowed: tuple[str, ...]) -> None:
    for key in c.meta:
        if key not in allowed:
            c.problem(str(key), f"unknown key; {one_of(key, allowed)}")


def _check_image(c: _Checker) -> None:
    image = c.meta.get("image")
    if image is None:
        return
    if not isinstance(image, str) or not image.strip():
        c.problem("image", "must be a path like images/flood.jpg or an https:// URL")
        return
    source = image_source(image.strip())
    if not _is_http_url(source) and not (c.rules.content_path / source).is_file():
        c.problem("image", f"file '{source}' not found in the content folder")
    else:
        c.values["image"] = source
    if c.meta.get("image_alt") in (None, ""):
        c.problem(
            "image_alt",
            "is missing; every image needs a text description for people who cannot see it",
        )
    else:
        c.text("image_alt")


def _sub_mapping(c: _Checker, key: str, allowed: tuple[str, ...]) -> Mapping[str, Any] | None:
    value = c.meta.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        c.problem(key, f"must be a block of keys: {', '.join(allowed)}")
        return None
    for sub in value:
        if sub not in allowed:
            c.problem(f"{key}.{sub}", f"unknown key; {one_of(sub, allowed)}")
    return value


def _cap_word(c: _Checker, value: str, key: str, words: tuple[str, ...]) -> str:
    """The CAP word in its canonical case; editors may write it in any case."""
    match = next((w for w in words if w.lower() == value.lower()), None)
    if match is None:
        c.problem(f"alert.{key}", f"{one_of(value, words)} (CAP 1.2)")
    return match or value


def _check_alert(c: _Checker) -> None:
    alert = _sub_mapping(c, "alert", ALERT_KEYS)
    if alert is None:
        if c.values.get("priority") == "emergency" and "alert" not in c.meta:
            c.problem(
                "alert",
                "is missing; an emergency needs an alert block with " + ", ".join(ALERT_REQUIRED),
            )
        return
    missing = [k for k in ALERT_REQUIRED if alert.get(k) in (None, "")]
    for key in missing:
        c.problem(f"alert.{key}", "is missing; an alert needs " + ", ".join(ALERT_REQUIRED))
    values = {
        key: c.text(key, field=f"alert.{key}", source=alert)
        for key in ALERT_REQUIRED
        if key not in missing
    }
    for key, words in (
        ("urgency", CAP_URGENCY),
        ("severity", CAP_SEVERITY),
        ("certainty", CAP_CERTAINTY),
    ):
        if values.get(key) is not None:
            values[key] = _cap_word(c, values[key], key, words)
    values["expires"] = c.date("expires", field="alert.expires", source=alert)
    if not missing and all(v is not None for k, v in values.items() if k != "expires"):
        c.values["alert"] = values


def _check_event(c: _Checker) -> None:
    event = _sub_mapping(c, "event", EVENT_KEYS)
    if event is None:
        return
    start = c.date("start", required=True, field="event.start", source=event)
    end = c.date("end", field="event.end", source=event)
    if start and end and end < start:
        c.problem("event.end", f"{end.isoformat()} is before event.start")
    online_url = event.get("online_url")
    if online_url is not None and not (isinstance(online_url, str) and _is_http_url(online_url)):
        c.problem("event.online_url", f"{online_url!r} is not an http(s) URL")
    c.values["event"] = {
        "start": start,
        "end": end,
        "location": c.text("location", field="event.location", source=event),
        "online_url": online_url,
    }


def _check_overrides(c: _Checker) -> None:
    social = _sub_mapping(c, "social", NETWORKS)
    if social is not None:
        for network, text in social.items():
            if not isinstance(text, str) or not text.strip():
                c.problem(f"social.{network}", f"must be the text of the post, not {_kind(text)}")
        c.values["social"] = {
            k: v.strip() for k, v in social.items() if k in NETWORKS and isinstance(v, str)
        }
    c.text("sms")


def _check_redirects(c: _Checker) -> None:
    if "redirect_from" not in c.meta:
        return
    paths = _string_list(c.meta["redirect_from"])
    if paths is None or any(not REDIRECT_RE.match(p) for p in paths):
        c.problem(
            "redirect_from",
            "must be a list of old site paths starting with '/', "
            "without ?query or #fragment (a static site cannot match those), "
            "e.g. [/2019/old-page.html]",
        )
    else:
        c.values["redirect_from"] = paths


def check_front_matter(
    path: str, meta: Mapping[str, Any], rules: Rules, is_article: bool
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate one article's or page's front matter.

    Returns the normalised values (dates tz-aware, CAP words in their canonical case,
    lists as lists) and every problem found.
    """
    c = _Checker(path, meta, rules)
    _unknown_keys(c, ARTICLE_KEYS + PELICAN_KEYS)
    c.text("title", required=True)
    date = c.date("date", required=is_article)
    modified = c.date("modified")
    c.values.update({k: v for k, v in (("date", date), ("modified", modified)) if v})
    if date and modified and modified < date:
        c.problem("modified", f"{modified.isoformat()} is before date {date.isoformat()}")
    for key in ("summary", "category", *PELICAN_KEYS):
        c.text(key)
    c.names("tags")
    c.names("authors")
    c.choice("status", STATUSES, "published")
    c.choice("priority", PRIORITIES, "routine")
    _check_pattern(c, "slug", SLUG_RE, "lowercase letters, digits and hyphens, e.g. flood-update")
    _check_pattern(c, "lang", LANG_RE, "a language code such as en or es")
    c.names("audiences", rules.audiences)
    c.names("channels", CHANNEL_NAMES)
    _check_image(c)
    _check_overrides(c)
    _check_alert(c)
    _check_event(c)
    _check_redirects(c)
    return c.values, c.problems


FENCE = re.compile(r"^(```|~~~)")
LEVEL_ONE_HEADING = re.compile(r"^#(?!#)\s|^=+\s*$")


def check_body(path: str, body: str) -> list[Problem]:
    """Problems in the Markdown body: a level-1 heading would be a second h1 on the page."""
    in_code = False
    for number, line in enumerate(body.splitlines(), 1):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code and LEVEL_ONE_HEADING.match(line):
            message = (
                f"line {number} of the text is a level-1 heading; "
                "the title is the page's only one, so start headings with ##"
            )
            return [Problem(path, "body", message)]
    return []


INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\s\"'#?]+)")


def check_links(path: str, body: str, files: set[str], unpublished: set[str]) -> list[Problem]:
    """Problems with `{filename}`/`{static}` links: a missing file or an unpublished story.

    `files` are all files under the content folder; `unpublished` the draft, hidden and
    future-dated ones (a link to them would lead nowhere). Paths are relative, with '/'.
    """
    problems = []
    folder = PurePosixPath(path).parent
    for kind, target in INTERNAL_LINK.findall(body):
        rel = target.lstrip("/") if target.startswith("/") else (folder / target).as_posix()
        rel = posixpath.normpath(rel)
        if rel not in files:
            problems.append(
                Problem(
                    path, "body", f"links to {{{kind}}}{target}, but there is no file content/{rel}"
                )
            )
        elif rel in unpublished:
            problems.append(
                Problem(
                    path,
                    "body",
                    f"links to {rel}, which is not published (draft, hidden or future-dated)",
                )
            )
    return problems


def _check_pattern(c: _Checker, key: str, pattern: re.Pattern[str], allowed: str) -> None:
    c.text(key)
    value = c.values.get(key)
    if value is not None and not pattern.match(value):
        c.problem(key, f"{value!r} is not valid; use {allowed}")
        del c.values[key]


TESTIMONIAL_KEYS = (
    "name",
    "context",
    "program",
    "date",
    "consent",
    "featured",
    "show_full_name",
    "full_name",
)
INTRO_KEYS = ("title", "date", "summary")


def _flag(c: _Checker, key: str) -> None:
    value = c.meta.get(key, False)
    if not isinstance(value, bool):
        c.problem(key, f"{value!r} is not true or false")
    else:
        c.values[key] = value


def check_testimonial(
    path: str, meta: Mapping[str, Any], rules: Rules
) -> tuple[dict[str, Any], list[Problem]]:
    """A testimonial's front matter: who, where, which program, when, and the consent."""
    c = _Checker(path, meta, rules)
    _unknown_keys(c, TESTIMONIAL_KEYS)
    c.text("name", required=True)
    for key in ("context", "program", "full_name"):
        c.text(key)
    if date := c.date("date", required=True):
        c.values["date"] = date
    for key in ("consent", "featured", "show_full_name"):
        _flag(c, key)
    if c.values.get("show_full_name") and not c.values.get("full_name"):
        c.problem("full_name", "is missing; show_full_name is true")
    return c.values, c.problems


def check_intro(
    path: str, meta: Mapping[str, Any], rules: Rules
) -> tuple[dict[str, Any], list[Problem]]:
    """A newsletter edition's intro: its file name is the edition's first day."""
    c = _Checker(path, meta, rules)
    _unknown_keys(c, INTRO_KEYS)
    c.text("title", required=True)
    c.text("summary")
    try:
        c.values["edition"] = dt.date.fromisoformat(PurePosixPath(path).stem)
    except ValueError:
        c.problem("file", "the name must be the edition's first day, e.g. 2026-11-30.md")
    return c.values, c.problems
