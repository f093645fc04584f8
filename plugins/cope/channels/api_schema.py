"""The OpenAPI 3.1 description of the open-data API, with a JSON Schema for every document.

Kept beside api.py and checked against every document the build writes (tests/test_api.py),
so the description cannot drift from what is served.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..settings import merged

URL = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time"}
TEXT = {"type": "string"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """A closed object: every property required unless named optional."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(properties: dict[str, Any]) -> dict[str, Any]:
    """A list document: {"items": [closed objects with these properties]}."""
    return _object({"items": {"type": "array", "items": _object(properties)}})


COUNT_AND_FEEDS = {
    "count": {"type": "integer", "minimum": 0},
    "feeds": _nullable(_ref("FeedLinks")),
}


FEED_LINKS = _object({"rss": URL, "atom": URL, "json": URL})
TERM = _object({"name": TEXT, "slug": TEXT, "url": URL})
SUMMARY_FIELDS = {
    "id": {"type": "string", "pattern": "^tag:"},
    "slug": TEXT,
    "url": URL,
    "api_url": URL,
    "title": TEXT,
    "summary": TEXT,
    "date_published": DATE_TIME,
    "date_modified": DATE_TIME,
    "language": TEXT,
    "priority": {"enum": ["routine", "urgent", "emergency"]},
    "category": _ref("Term"),
    "tags": {"type": "array", "items": _ref("Term")},
    "audiences": {"type": "array", "items": TEXT},
}

SCHEMAS: dict[str, Any] = {
    "Term": TERM,
    "FeedLinks": FEED_LINKS,
    "StorySummary": _object(SUMMARY_FIELDS),
    "Story": _object(
        {
            **SUMMARY_FIELDS,
            "summary_html": TEXT,
            "content_html": TEXT,
            "content_text": TEXT,
            "authors": {"type": "array", "items": TEXT},
            "channels": {"type": "array", "items": TEXT},
            "image": _nullable(_object({"url": URL, "alt": TEXT, "media_type": _nullable(TEXT)})),
            "alert": _nullable(_ref("Alert")),
            "event": _nullable(_ref("Event")),
        }
    ),
    "Alert": _object(
        {
            "event": TEXT,
            "urgency": {"enum": ["Immediate", "Expected", "Future", "Past", "Unknown"]},
            "severity": {"enum": ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]},
            "certainty": {"enum": ["Observed", "Likely", "Possible", "Unlikely", "Unknown"]},
            "area": TEXT,
            "instruction": TEXT,
            "expires": _nullable(DATE_TIME),
        }
    ),
    "Event": _object(
        {
            "start": DATE_TIME,
            "end": _nullable(DATE_TIME),
            "location": _nullable(TEXT),
            "online_url": _nullable(URL),
        }
    ),
    "StoryPage": _object(
        {
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "next": _nullable(URL),
            "previous": _nullable(URL),
            "items": {"type": "array", "items": _ref("StorySummary")},
        }
    ),
    "TermList": _list_of({**TERM["properties"], **COUNT_AND_FEEDS}),
    "AudienceList": _list_of({"key": TEXT, "name": TEXT, "description": TEXT, **COUNT_AND_FEEDS}),
    "TestimonialList": _list_of(
        {
            "id": {"type": "string", "pattern": "^tag:"},
            "url": URL,
            "name": TEXT,
            "context": TEXT,
            "program": TEXT,
            "program_url": _nullable(URL),
            "date": DATE_TIME,
            "featured": {"type": "boolean"},
            "quote_html": TEXT,
            "quote_text": TEXT,
        }
    ),
    "Index": _object(
        {
            "api_version": {"const": "1"},
            "site": _object(
                {
                    "title": TEXT,
                    "url": URL,
                    "description": TEXT,
                    "language": TEXT,
                    "publisher": TEXT,
                    "contact_email": _nullable(TEXT),
                    "license": URL,
                }
            ),
            "updated": DATE_TIME,
            "counts": _object({"stories": {"type": "integer", "minimum": 0}}),
            "links": _object(
                {
                    "self": URL,
                    "stories": URL,
                    "categories": URL,
                    "tags": URL,
                    "audiences": URL,
                    "testimonials": URL,
                    "openapi": URL,
                    "catalog": URL,
                    "feeds": _ref("FeedLinks"),
                }
            ),
        }
    ),
    "Catalog": {
        "description": "A DCAT-US 1.1 catalog; see https://resources.data.gov/resources/dcat-us/",
        "type": "object",
        "required": ["conformsTo", "dataset"],
        "properties": {
            "conformsTo": {"const": "https://project-open-data.cio.gov/v1.1/schema"},
            "dataset": {"type": "array", "items": {"type": "object"}},
        },
    },
}

# path -> (operation id, summary, schema name, path parameter or None)
PATHS = {
    "/api/v1/index.json": ("getIndex", "The site and links to every list", "Index", None),
    "/api/v1/stories/page/{page}.json": (
        "listStories",
        "Story summaries, newest first",
        "StoryPage",
        ("page", {"type": "integer", "minimum": 1}),
    ),
    "/api/v1/stories/{slug}.json": (
        "getStory",
        "One whole story",
        "Story",
        ("slug", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}),
    ),
    "/api/v1/categories.json": ("listCategories", "Categories with counts", "TermList", None),
    "/api/v1/tags.json": ("listTags", "Tags with counts", "TermList", None),
    "/api/v1/audiences.json": ("listAudiences", "Audiences with counts", "AudienceList", None),
    "/api/v1/testimonials.json": (
        "listTestimonials",
        "Published testimonials, sanitised HTML and plain text",
        "TestimonialList",
        None,
    ),
    "/data.json": ("getCatalog", "DCAT-US 1.1 catalog of the site's data", "Catalog", None),
}


def _operation(operation_id: str, summary: str, schema: str, parameter: Any) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "responses": {
            "200": {
                "description": summary,
                "content": {"application/json": {"schema": _ref(schema)}},
            },
            "404": {"description": "No such document"},
        },
    }
    if parameter:
        name, param_schema = parameter
        operation["parameters"] = [
            {"name": name, "in": "path", "required": True, "schema": param_schema}
        ]
    return operation


def openapi(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.1 document for this site's API."""
    agency, api = merged(settings, "COPE_AGENCY"), merged(settings, "COPE_API")
    contact = {
        "name": api["contact_name"] or agency["name"] or settings["SITENAME"],
        "url": settings["SITEURL"],
    }
    if api["contact_email"] or agency["email"]:
        contact["email"] = api["contact_email"] or agency["email"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings['SITENAME']} open data API",
            "version": "1.0.0",
            "description": "Static, read-only JSON documents generated from the site's content. "
            "Every document is a plain file: GET it, no key needed.",
            "contact": contact,
            "license": {"name": "See URL", "url": api["license"]},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": settings["SITEURL"]}],
        "paths": {path: {"get": _operation(*spec)} for path, spec in PATHS.items()},
        "components": {"schemas": SCHEMAS},
    }
