"""Checks of the settings cope depends on."""

from __future__ import annotations

from cope.settings import check_settings, merged

GOOD = {
    "SITEURL": "https://www.example.gov",
    "COPE_AGENCY": {"email": "help@example.gov"},
    "COPE_NEWSLETTER": {
        "from_address": "news@example.gov",
        "unsubscribe_url": "https://example.gov/u",
    },
    "COPE_AUDIENCES": {"residents": {"name": "Residents"}},
}


def fields(settings):
    return [p.field for p in check_settings(settings)]


def test_good_settings_have_no_problems():
    assert check_settings(GOOD) == []


def test_siteurl_must_be_absolute_without_trailing_slash():
    for bad in ("", "/", "www.example.gov", "https://www.example.gov/"):
        assert fields({**GOOD, "SITEURL": bad}) == ["SITEURL"]


def test_relative_urls_are_refused():
    assert fields({**GOOD, "RELATIVE_URLS": True}) == ["RELATIVE_URLS"]


def test_unknown_keys_and_channel_names():
    problems = check_settings(
        {
            **GOOD,
            "COPE_AGENCY": {"nmae": "x", "email": "help@example.gov"},
            "COPE_CHANNELS": {"by_category": {"alerts": ["sms", "pager"]}},
            "COPE_AUDIENCES": {"seniors": {"title": "Seniors"}},
        }
    )
    assert sorted(str(p) for p in problems) == [
        "settings: COPE_AGENCY: unknown key 'nmae' (did you mean 'name'?); "
        "allowed: name, phone, tty, email, address, hours, domain",
        "settings: COPE_AUDIENCES.seniors: needs a 'name'",
        "settings: COPE_CHANNELS.by_category.alerts: 'pager' is not one of "
        "feeds, api, social, sms, newsletter",
    ]


def test_merged_lays_settings_over_defaults_without_changing_them():
    value = merged({"COPE_CHANNELS": {"by_category": {"alerts": ["sms"]}}}, "COPE_CHANNELS")
    assert value["by_category"] == {"alerts": ["sms"]}
    assert "sms" not in value["default"] and "feeds" in value["default"]
    assert merged({}, "COPE_CHANNELS")["by_category"] == {}


def test_data_json_needs_a_contact_email():
    settings = {**GOOD, "COPE_AGENCY": {"name": "Agency"}}
    assert [str(p) for p in check_settings(settings)] == [
        "settings: COPE_AGENCY.email: is empty (and so is COPE_API.contact_email); data.json "
        "(DCAT-US) needs a contact email"
    ]
    assert check_settings({**settings, "COPE_API": {"contact_email": "data@example.gov"}}) == []


def test_newsletter_needs_a_sender_and_an_opt_out():
    settings = {**GOOD, "COPE_NEWSLETTER": {"period": "daily", "week_starts": "funday"}}
    assert sorted(p.field for p in check_settings(settings)) == [
        "COPE_NEWSLETTER.from_address",
        "COPE_NEWSLETTER.period",
        "COPE_NEWSLETTER.unsubscribe_url",
        "COPE_NEWSLETTER.week_starts",
    ]
