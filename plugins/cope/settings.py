"""cope's settings: the COPE_* dicts, their documented defaults, and their checks.

Every COPE_* setting is a dict merged over the defaults below. A key that is not
among the defaults is an error that names it, so a typo never passes silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .schema import CHANNEL_NAMES, NETWORKS, Problem
from .text.mail import sender, unsubscribe_problem

SETTINGS_FILE = "settings"

DEFAULTS: dict[str, dict[str, Any]] = {
    # Who publishes: shown in the footer, the newsletter and the open-data catalog.
    "COPE_AGENCY": {
        "name": "",
        "phone": "",
        "tty": "",
        "email": "",
        "address": "",
        "hours": "",
        # The domain in every story's permanent id (a tag: URI). Set it once and never
        # change it; empty means the host of SITEURL.
        "domain": "",
    },
    # Where content lives, relative to the content folder.
    "COPE_CONTENT": {
        "testimonials_path": "testimonials",
        "newsletters_path": "newsletters",
    },
    # Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) for all stories and for each category,
    # tag and audience; each lists the newest `max_items` stories.
    "COPE_FEEDS": {
        "max_items": 50,
        "per_category": True,
        "per_tag": True,
        "per_audience": True,
    },
    # The open-data API under api/v1/ and the DCAT-US catalog data.json.
    # contact_name/contact_email default to COPE_AGENCY's name and email.
    "COPE_API": {
        "page_size": 100,
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "contact_name": "",
        "contact_email": "",
        "keywords": ["human services", "news", "alerts", "events"],
    },
    # Social post stubs (channels/social/) for stories whose channels include social.
    # Mastodon's limit and URL length are per instance; Facebook allows 63,206 characters
    # but built posts aim at `facebook_target`. UTM tags can be turned off.
    "COPE_SOCIAL": {
        "networks": ["x", "facebook", "mastodon", "bluesky", "linkedin"],
        "mastodon_limit": 500,
        "mastodon_url_length": 23,
        "facebook_target": 500,
        "max_hashtags": 3,
        "utm": True,
        "emergency_prefix": "ALERT: ",
        "csv_max_rows": 350,
    },
    # SMS (channels/sms/): at most `max_segments` (1 to 4) segments per message.
    "COPE_SMS": {
        "max_segments": 1,
        "utm": True,
        "emergency_prefix": "ALERT: ",
    },
    # Email newsletter editions (newsletter/): a digest per week or month that has stories,
    # a special bulletin for each emergency, and with per_audience one edition per audience.
    # unsubscribe_url may be a URL or the sending system's merge tag (e.g. GovDelivery's or
    # Mailchimp's *|UNSUB|*); it and from_address are required.
    "COPE_NEWSLETTER": {
        "period": "weekly",
        "week_starts": "monday",
        "max_stories": 20,
        "max_events": 5,
        "per_audience": False,
        "from_address": "",
        "reply_to": "",
        "unsubscribe_url": "",
        "unsubscribe_mailto": "",
        "signup_action": "",
        "utm": True,
    },
    # Deploying output/ to S3 (python -m cope deploy; docs/deploy.md). Empty values can come
    # from COPE_DEPLOY_* environment variables or the command line. Credentials never come
    # from here: boto3's own chain (environment, profile, instance role) provides them.
    "COPE_DEPLOY": {
        "bucket": "",
        "prefix": "",
        "region": None,
        "endpoint_url": None,
        "distribution_id": None,
        "max_deletes": 100,
        "workers": 8,
        "gzip": False,
        # Cache-Control by the first matching pattern: a glob ('*' spans '/') or, after
        # 're:', a regular expression. Fingerprinted names (a hash of 8+ hex digits with at
        # least one letter, e.g. main.3f2a9c1b.css) never change, so they are cached for a
        # year; a date like report.20261130.pdf is not taken for a hash.
        "cache_control": [
            ["*.html", "public, max-age=300, must-revalidate"],
            ["feeds/*", "public, max-age=300"],
            ["api/*", "public, max-age=300"],
            ["data.json", "public, max-age=300"],
            ["channels/*", "no-cache"],
            [
                r"re:.*\.(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\.[A-Za-z0-9]+",
                "public, max-age=31536000, immutable",
            ],
            ["*", "public, max-age=86400"],
        ],
        # Uploaded last, after assets and pages: what lists and links to everything else.
        "last": [
            "index.html",
            r"re:[^/]+/index\.html",  # category listings (and pages) at the top level
            "page/*",
            "tag/*",
            "tags/*",
            "categories/*",
            "archives/*",
            "feeds/*",
            "api/*",
            "data.json",
            "channels/*",
            "newsletter/index.html",
            "sitemap.xml",
        ],
        # Never uploaded (besides dot-files and dot-folders, which never are).
        "exclude": ["cache/*"],
        # Past this many changed paths, CloudFront gets wildcards instead.
        "invalidation_paths": 300,
        "multipart_threshold": 8 * 1024 * 1024,
        # Calls per request, the first included; botocore's standard retry mode backs off
        # between them and retries throttling, 5xx and dropped connections.
        "max_attempts": 8,
        # CloudFront's own endpoint unless set (endpoint_url is for the S3 side only).
        "cloudfront_endpoint_url": None,
    },
    # Which channels a story goes to when its front matter has no `channels`.
    # `default` applies to every category not named in `by_category` (keys are
    # category slugs). SMS costs money per message, so it is opt-in by default;
    # an emergency always goes to every channel.
    "COPE_CHANNELS": {
        "default": [name for name in CHANNEL_NAMES if name != "sms"],
        "by_category": {},
    },
}

# Audiences are a plain mapping key -> {"name", "description"}; every key is allowed.
AUDIENCE_FIELDS = ("name", "description")


def _unknown_key(setting: str, key: str, allowed: list[str]) -> Problem:
    hint = difflib.get_close_matches(key, allowed, n=1)
    did_you_mean = f" (did you mean '{hint[0]}'?)" if hint else ""
    return Problem(
        SETTINGS_FILE,
        setting,
        f"unknown key '{key}'{did_you_mean}; allowed: {', '.join(allowed)}",
    )


def merged(settings: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The COPE dict `name` from `settings` laid over its defaults (unknown keys kept).

    A new dict each call, but its values are shared with the defaults: read, never change.
    """
    return {**DEFAULTS[name], **(settings.get(name) or {})}


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _newsletter_problems(options: Mapping[str, Any]) -> list[Problem]:
    def problem(key: str, message: str) -> Problem:
        return Problem(SETTINGS_FILE, f"COPE_NEWSLETTER.{key}", message)

    found = []
    if options["period"] not in ("weekly", "monthly"):
        found.append(problem("period", f"{options['period']!r} is not one of weekly, monthly"))
    if options["week_starts"] not in WEEKDAYS:
        found.append(problem("week_starts", f"{options['week_starts']!r} is not a weekday"))
    for key in ("from_address", "unsubscribe_url"):
        if not options[key]:
            found.append(
                problem(
                    key,
                    "is empty; every email needs a sender and a working "
                    "opt-out (CAN-SPAM, RFC 8058)",
                )
            )
    if options["from_address"]:
        try:
            sender(options["from_address"])
        except ValueError as error:
            found.append(problem("from_address", str(error)))
    if why := unsubscribe_problem(options["unsubscribe_url"]):
        found.append(problem("unsubscribe_url", why))
    return found


def check_settings(settings: Mapping[str, Any]) -> list[Problem]:
    """Every problem with the Pelican and COPE settings cope depends on."""
    problems: list[Problem] = []
    for name, defaults in DEFAULTS.items():
        given = settings.get(name) or {}
        if not isinstance(given, Mapping):
            problems.append(Problem(SETTINGS_FILE, name, "must be a dict"))
            continue
        problems += [_unknown_key(name, k, list(defaults)) for k in given if k not in defaults]

    siteurl = settings.get("SITEURL", "")
    parts = urlsplit(siteurl)
    if parts.scheme not in ("http", "https") or not parts.netloc or siteurl.endswith("/"):
        problems.append(
            Problem(
                SETTINGS_FILE,
                "SITEURL",
                f"{siteurl!r} is not an absolute http(s) URL without a trailing slash; "
                "feeds, email and social posts need absolute links, "
                "e.g. 'https://www.example.gov'",
            )
        )
    if settings.get("RELATIVE_URLS"):
        problems.append(
            Problem(SETTINGS_FILE, "RELATIVE_URLS", "must be False: cope makes absolute links")
        )

    audiences = settings.get("COPE_AUDIENCES") or {}
    if not isinstance(audiences, Mapping) or not audiences:
        problems.append(
            Problem(SETTINGS_FILE, "COPE_AUDIENCES", "must be a non-empty dict key -> {name}")
        )
    else:
        for key, audience in audiences.items():
            if not isinstance(audience, Mapping) or not audience.get("name"):
                problems.append(Problem(SETTINGS_FILE, f"COPE_AUDIENCES.{key}", "needs a 'name'"))
                continue
            problems += [
                _unknown_key(f"COPE_AUDIENCES.{key}", k, list(AUDIENCE_FIELDS))
                for k in audience
                if k not in AUDIENCE_FIELDS
            ]

    if not (
        merged(settings, "COPE_API")["contact_email"] or merged(settings, "COPE_AGENCY")["email"]
    ):
        problems.append(
            Problem(
                SETTINGS_FILE,
                "COPE_AGENCY.email",
                "is empty (and so is COPE_API.contact_email); data.json "
                "(DCAT-US) needs a contact email",
            )
        )
    problems += _newsletter_problems(merged(settings, "COPE_NEWSLETTER"))
    segments = merged(settings, "COPE_SMS")["max_segments"]
    if segments not in (1, 2, 3, 4):
        problems.append(
            Problem(
                SETTINGS_FILE, "COPE_SMS.max_segments", f"{segments!r} is not one of 1, 2, 3, 4"
            )
        )
    networks = merged(settings, "COPE_SOCIAL")["networks"]
    problems += [
        Problem(SETTINGS_FILE, "COPE_SOCIAL.networks", f"'{n}' is not one of {', '.join(NETWORKS)}")
        for n in networks
        if n not in NETWORKS
    ]
    channels = merged(settings, "COPE_CHANNELS")
    named = [("default", channels["default"])]
    named += [(f"by_category.{c}", v) for c, v in (channels["by_category"] or {}).items()]
    for where, names in named:
        problems += [
            Problem(
                SETTINGS_FILE,
                f"COPE_CHANNELS.{where}",
                f"'{n}' is not one of {', '.join(CHANNEL_NAMES)}",
            )
            for n in names
            if n not in CHANNEL_NAMES
        ]
    return problems
