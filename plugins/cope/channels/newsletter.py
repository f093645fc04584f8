"""The email newsletter: editions made from the same Stories, ready for any sending system.

Editions (COPE_NEWSLETTER): a digest for each week (or month) that has stories whose
channels include newsletter, a special bulletin for each emergency, and with per_audience
one digest per audience (a folder deeper). Each edition is written as
- email.html: table layout at most 600px wide, every style inlined (css-inline), images
  with alt text and absolute URLs, a hidden preheader, links absolute and UTM-tagged;
- email.txt: the same content as plain text with the links written out;
- message.eml: multipart/alternative with Subject, From, Reply-To, List-Unsubscribe (URL and
  mailto) and List-Unsubscribe-Post, and no To: any ESP or SES can send it as it is.
The web view (index.html) and the archive are pages in the site's theme (hooks.py).
Everything is dated from the content, so the bytes are the same on every build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import css_inline
from bs4 import BeautifulSoup
from jinja2 import Environment, PackageLoader, select_autoescape

from ..settings import WEEKDAYS, merged
from ..story import Story, absolute_url
from ..testimonials import Testimonial
from ..text.html import html_to_text
from ..text.mail import sender
from ..text.safe_html import clean
from ..text.utm import tag_url
from ..writer import Output

CHANNEL = "newsletter"
ROOT = "newsletter"
_TEMPLATES = Environment(
    loader=PackageLoader("cope.channels", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)
# CRLF line ends, and quoted-printable lines of at most 76 characters (RFC 2045).
EMAIL_POLICY = SMTP.clone(max_line_length=76)


@dataclass(frozen=True)
class Edition:
    slug: str  # "2026-11-30", "2026-11-30/seniors" or "bulletin-boil-water"
    kind: str  # "digest" or "bulletin"
    title: str  # the subject line
    start: dt.date
    end: dt.date  # the last day
    audience: str | None
    intro_title: str | None
    intro_html: str | None
    emergencies: tuple[Story, ...]
    stories: tuple[Story, ...]
    events: tuple[Story, ...]
    testimonial: Testimonial | None
    sent: dt.datetime  # the Date header: the newest content in the edition

    @property
    def folder(self) -> str:
        return f"{ROOT}/{self.slug}/"


def period_of(day: dt.date, options: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    """The first and last day of the week (or month) holding `day`."""
    if options["period"] == "monthly":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    offset = (day.weekday() - WEEKDAYS.index(options["week_starts"])) % 7
    start = day - dt.timedelta(days=offset)
    return start, start + dt.timedelta(days=6)


def _title(site: str, start: dt.date, options: Mapping[str, Any], audience: str | None) -> str:
    when = (
        f"{start:%B} {start.year}"
        if options["period"] == "monthly"
        else f"week of {start:%B} {start.day}, {start.year}"
    )
    return f"{site} news, {when}" + (f" (for {audience})" if audience else "")


def _upcoming(
    stories: Sequence[Story],
    start: dt.date,
    end: dt.date,
    audience: str | None,
    most: int,
    tz: ZoneInfo,
) -> tuple[Story, ...]:
    """Events announced by the end of the period, for its audience, that start from the
    period on: an edition never changes because of later content."""
    events = [
        s
        for s in stories
        if s.event
        and s.date.astimezone(tz).date() <= end
        and s.event.start.astimezone(tz).date() >= start
        and (audience is None or audience in s.audiences)
    ]
    return tuple(sorted(events, key=lambda s: (s.event.start, s.slug))[:most])


@dataclass(frozen=True)
class Intro:
    """An edition's own introduction (content/newsletters/{first day}.md), rendered."""

    title: str
    html: str


def editions(
    stories: Sequence[Story],
    testimonials: Sequence[Testimonial],
    intros: Mapping[dt.date, Intro],
    settings: Mapping[str, Any],
) -> list[Edition]:
    """Every edition, oldest first; bulletins after the digests."""
    options = merged(settings, "COPE_NEWSLETTER")
    tz = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    site = settings["SITENAME"]
    chosen = [s for s in stories if s.goes_to(CHANNEL)]
    periods: dict[tuple[dt.date, dt.date], list[Story]] = {}
    for story in chosen:
        periods.setdefault(period_of(story.date.astimezone(tz).date(), options), []).append(story)
    featured = [t for t in testimonials if t.featured] or list(testimonials)
    featured.sort(key=lambda t: (t.date, t.id))
    audiences = (
        sorted(settings["COPE_AUDIENCES"].items()) if options["per_audience"] else [(None, None)]
    )
    result = []
    for number, ((start, end), members) in enumerate(sorted(periods.items())):
        intro = next((intros[day] for day in sorted(intros) if start <= day <= end), None)
        quotes = [t for t in featured if t.date.astimezone(tz).date() <= end]
        for key, audience in audiences:
            picked = [s for s in members if key is None or key in s.audiences]
            if not picked:
                continue
            picked.sort(key=lambda s: (s.date, s.slug), reverse=True)
            name = audience["name"] if audience else None
            result.append(
                Edition(
                    slug=f"{start.isoformat()}/{key}" if key else start.isoformat(),
                    kind="digest",
                    title=intro.title if intro and not key else _title(site, start, options, name),
                    start=start,
                    end=end,
                    audience=key,
                    intro_title=intro.title if intro else None,
                    intro_html=intro.html if intro else None,
                    emergencies=tuple(s for s in picked if s.alert_is_live),
                    stories=tuple(s for s in picked if not s.alert_is_live)[
                        : options["max_stories"]
                    ],
                    events=_upcoming(chosen, start, end, key, options["max_events"], tz),
                    testimonial=quotes[number % len(quotes)] if quotes else None,
                    sent=max(max(s.date, s.modified) for s in picked),
                )
            )
    for story in sorted((s for s in stories if s.is_emergency), key=lambda s: (s.date, s.slug)):
        day = story.date.astimezone(tz).date()
        result.append(
            Edition(
                slug=f"bulletin-{story.slug}",
                kind="bulletin",
                title=f"Special bulletin: {story.title}",
                start=day,
                end=day,
                audience=None,
                intro_title=None,
                intro_html=None,
                emergencies=(story,),
                stories=(),
                events=(),
                testimonial=None,
                sent=max(story.date, story.modified),
            )
        )
    return result


def _link(url: str, edition: Edition, settings: Mapping[str, Any]) -> str:
    """Links into the site get UTM tags for this edition; others stay as they are."""
    if not url.startswith(settings["SITEURL"] + "/") and url != settings["SITEURL"]:
        return url
    campaign = f"newsletter-{edition.slug.replace('/', '-')}"
    return tag_url(url, "newsletter", "email", campaign, merged(settings, "COPE_NEWSLETTER")["utm"])


EMAIL_TAGS = {
    "p",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "br",
    "img",
    "blockquote",
}
EMAIL_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width"}}
IMAGE_WIDTH = "552"  # the 600px column less its padding; Outlook ignores max-width


def email_fragment(html: str, edition: Edition, settings: Mapping[str, Any]) -> str:
    """HTML from a story or an intro made safe for email: allow-listed tags only, images
    at the column's width, absolute links, site links UTM-tagged."""
    cleaned = clean(html, EMAIL_TAGS, EMAIL_ATTRIBUTES, {"img": {"width": IMAGE_WIDTH}})
    soup = BeautifulSoup(cleaned, "html.parser")
    for anchor in soup.find_all("a", href=True):
        anchor["href"] = _link(anchor["href"], edition, settings)
    return str(soup)


def _context(edition: Edition, settings: Mapping[str, Any]) -> dict[str, Any]:
    options, agency = merged(settings, "COPE_NEWSLETTER"), merged(settings, "COPE_AGENCY")
    lead = edition.emergencies or edition.stories
    preheader = edition.intro_title or (lead[0].summary_text if lead else edition.title)
    return {
        "edition": edition,
        "site": settings["SITENAME"],
        "siteurl": settings["SITEURL"],
        "agency": agency,
        "preheader": " ".join(preheader.split())[:140],
        "unsubscribe": options["unsubscribe_url"],
        "web_view": _link(absolute_url(settings["SITEURL"], edition.folder), edition, settings),
        "link": lambda url: _link(url, edition, settings),
        "fragment": lambda html: email_fragment(html, edition, settings),
        "audience_name": (
            settings["COPE_AUDIENCES"].get(edition.audience, {}).get("name")
            if edition.audience
            else None
        ),
    }


def email_html(edition: Edition, settings: Mapping[str, Any]) -> str:
    """The HTML part: rendered with a <style> block, then every style inlined."""
    html = _TEMPLATES.get_template("email.html").render(**_context(edition, settings))
    return _INLINER.inline(html)


def email_text(edition: Edition, settings: Mapping[str, Any]) -> str:
    """The plain-text part, with every link written out."""
    return _TEMPLATES.get_template("email.txt").render(
        **_context(edition, settings),
        text=html_to_text,
        summary=lambda s: " ".join(s.summary_text.split()),
    )


def message(edition: Edition, settings: Mapping[str, Any], html: str, text: str) -> bytes:
    """The MIME message, ready for an ESP: no To (the sender adds each subscriber)."""
    options = merged(settings, "COPE_NEWSLETTER")
    domain = merged(settings, "COPE_AGENCY")["domain"] or urlsplit(settings["SITEURL"]).hostname
    msg = EmailMessage(policy=EMAIL_POLICY)
    msg["Subject"] = edition.title
    msg["From"] = sender(options["from_address"])
    if options["reply_to"]:
        msg["Reply-To"] = options["reply_to"]
    msg["Date"] = format_datetime(edition.sent)
    msg["Message-ID"] = f"<newsletter.{edition.slug.replace('/', '.')}@{domain}>"
    unsubscribe = [f"<{options['unsubscribe_url']}>"]
    if options["unsubscribe_mailto"]:
        unsubscribe.append(f"<mailto:{options['unsubscribe_mailto']}?subject=unsubscribe>")
    msg["List-Unsubscribe"] = ", ".join(unsubscribe)
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    digest = hashlib.sha256(f"{edition.slug}\n{text}\n{html}".encode()).hexdigest()[:24]
    msg.set_boundary(f"cope-{digest}")  # a fixed boundary keeps the bytes stable
    return msg.as_bytes()


def outputs(editions_list: Sequence[Edition], settings: Mapping[str, Any]) -> list[Output]:
    result = []
    for edition in editions_list:
        html, text = email_html(edition, settings), email_text(edition, settings)
        result += [
            Output(f"{edition.folder}email.html", html.encode()),
            Output(f"{edition.folder}email.txt", text.encode()),
            Output(f"{edition.folder}message.eml", message(edition, settings, html, text)),
        ]
    return result
