"""The Story model: pure helpers, and the Story list of a real in-process build."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cope.schema import CHANNEL_NAMES
from cope.story import Alert, Story, Term, active_alerts, effective_channels, story_id

CHICAGO = ZoneInfo("America/Chicago")
SITE = "http://127.0.0.1:8000"
SETTINGS = {"COPE_CHANNELS": {"default": ["feeds"], "by_category": {"alerts": ["sms"]}}}


def test_story_id_ignores_title_and_url():
    date = dt.datetime(2026, 11, 20, 9, 30, tzinfo=CHICAGO)
    assert story_id("riverbend.example.gov", date, "news/water-main.md") == (
        "tag:riverbend.example.gov,2026-11-20:news/water-main"
    )


def test_effective_channels():
    assert effective_channels("routine", None, "news", SETTINGS) == {"feeds"}
    assert effective_channels("routine", None, "alerts", SETTINGS) == {"sms"}
    assert effective_channels("urgent", ["api"], "alerts", SETTINGS) == {"api"}
    assert effective_channels("emergency", ["api"], "news", SETTINGS) == set(CHANNEL_NAMES)


def make_story(**changes) -> Story:
    date = dt.datetime(2026, 11, 20, tzinfo=CHICAGO)
    story = Story(
        id="tag:x,2026-11-20:a",
        slug="a",
        url=f"{SITE}/news/a/",
        title="A",
        date=date,
        modified=date,
        lang="en",
        category=Term("News", "news", f"{SITE}/news/"),
        tags=(),
        authors=(),
        audiences=("residents",),
        priority="routine",
        channels=frozenset(),
        summary_html="<p>A</p>",
        summary_text="A",
        content_html="<p>A</p>",
        content_text="A",
        source_path="news/a.md",
    )
    return dataclasses.replace(story, **changes)


def test_alert_expiry_and_active_alerts():
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    alert = Alert("Flood", "Immediate", "Severe", "Observed", "North", "Move up.")
    assert alert.active(now)
    assert not dataclasses.replace(alert, expires=dt.datetime(2026, 11, 30, tzinfo=dt.UTC)).active(
        now
    )
    live = make_story(slug="live", priority="emergency", alert=alert, alert_is_live=True)
    expired = make_story(slug="old", priority="emergency", alert=alert, alert_is_live=False)
    assert [s.slug for s in active_alerts([live, expired, make_story()])] == ["live"]


def test_story_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        make_story().title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        make_story(social={"x": "hi"}).social["x"] = "changed"  # type: ignore[index]


@pytest.fixture(scope="module")
def stories(build_context):
    return {s.source_path: s for s in build_context["context"]["cope_stories"]}


def test_only_published_past_articles_become_stories(build_context, stories):
    assert list(stories) == [
        "alerts/boil-water.md",
        "news/water-main.md",
        "events/budget-hearing.md",
        "programs/ayuda-alimentaria.md",
        "alerts/old-freeze.md",
    ]
    ordered = build_context["context"]["cope_stories"]
    assert [s.date for s in ordered] == sorted((s.date for s in ordered), reverse=True)


def test_story_fields_of_a_full_article(stories):
    story = stories["news/water-main.md"]
    assert story.url == f"{SITE}/news/water-main/"
    assert story.id == "tag:riverbend.example.gov,2026-11-20:news/water-main"
    assert story.date == dt.datetime(2026, 11, 20, 9, 30, tzinfo=CHICAGO)
    assert story.date.utcoffset() == dt.timedelta(hours=-6)
    assert story.modified == dt.datetime(2026, 11, 21, 14, 0, tzinfo=CHICAGO)
    assert story.category == Term("News", "news", f"{SITE}/news/")
    assert [t.name for t in story.tags] == ["water", "roads"]
    assert story.tags[0].url == f"{SITE}/tag/water/"
    assert story.authors == ("Pat Lee",)
    assert story.audiences == ("residents", "seniors")
    assert story.channels == {"feeds", "api", "social", "newsletter"}
    assert story.image == f"{SITE}/images/water.png"
    assert story.image_alt == "A blue water pipe"
    assert story.summary_text == "Crews will fix the water main on Elm Street next week."
    assert story.social == {"x": "Elm Street water main work starts Monday."}
    assert story.redirect_from == ("/2019/elm-street.html", "/old/elm/")
    assert "- Monday: dig\n- Tuesday: fix" in story.content_text


def test_story_content_links_and_images_are_absolute(stories):
    html = stories["news/water-main.md"].content_html
    assert f'href="{SITE}/alerts/boil-water/"' in html
    assert f'href="{SITE}/about/"' in html
    assert f'src="{SITE}/images/water.png"' in html
    assert 'href="/' not in html and 'src="/' not in html


def test_emergency_story(stories, build_context):
    story = stories["alerts/boil-water.md"]
    assert story.is_emergency
    assert story.channels == set(CHANNEL_NAMES)
    assert story.alert.urgency == "Immediate"
    assert story.alert.expires == dt.datetime(2099, 1, 1, 12, tzinfo=CHICAGO)
    assert story.sms.startswith("Boil water before drinking")
    assert story.audiences == ("residents", "seniors", "families", "caregivers", "offline")
    assert story.summary_text.startswith("Boil your tap water")
    alerts = build_context["context"]["cope_alerts"]
    assert [s.source_path for s in alerts] == ["alerts/boil-water.md"]


def test_event_and_language(stories):
    event = stories["events/budget-hearing.md"].event
    assert event.start == dt.datetime(2026, 12, 15, 18, tzinfo=CHICAGO)
    assert event.end == dt.datetime(2026, 12, 15, 20, tzinfo=CHICAGO)
    assert event.online_url == "https://meet.example.org/budget"
    assert stories["events/budget-hearing.md"].channels == {"feeds", "newsletter", "sms"}
    assert stories["programs/ayuda-alimentaria.md"].lang == "es"


def test_articles_carry_their_story_for_templates(build_context, stories):
    for article in build_context["articles"]:
        assert article.story is stories[article.metadata["cope_source"]]
