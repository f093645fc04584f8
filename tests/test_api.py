"""The open-data API: every document validated against its schema in openapi.json."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SITEURL
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012
from test_story import make_story

from cope.channels import api

API_STORIES = ["boil-water", "water-main", "ayuda-alimentaria", "old-freeze"]  # not the hearing
DCAT_WHEEL = "ckanext_datajson-0.1.29-py3-none-any.whl"
DCAT_DIR = "ckanext/datajson/pod_schema/non-federal-v1.1/"


def load(site: Path, rel: str):
    return json.loads((site / rel).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def openapi(built_site):
    return load(built_site, "api/v1/openapi.json")


def schema_validator(openapi: dict, name: str) -> Draft202012Validator:
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(openapi))
    return Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"},
        registry=registry,
        format_checker=FormatChecker(),
    )


def test_openapi_document_is_valid_openapi_3_1(openapi):
    validate(openapi)
    assert openapi["openapi"] == "3.1.0"
    assert openapi["servers"] == [{"url": SITEURL}]


def document_schema(openapi: dict, rel: str) -> str:
    """The schema name of the path template in openapi.json that matches an output file."""
    for template, item in openapi["paths"].items():
        pattern = re.sub(r"\\\{[a-z]+\\\}", "[^/]+", re.escape(template.lstrip("/")))
        if re.fullmatch(pattern, rel):
            ref = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            return ref.rsplit("/", 1)[1]
    raise AssertionError(f"{rel} is not described in openapi.json")


def test_every_api_document_validates_against_its_schema(built_site, openapi):
    paths = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*"))
    documents = [p for p in paths if p.endswith(".json") and p != "api/v1/openapi.json"]
    assert len(documents) == 6 + len(API_STORIES)  # index, page 1, 3 lists, testimonials
    for rel in [*documents, "data.json"]:
        validator = schema_validator(openapi, document_schema(openapi, rel))
        errors = [
            f"{list(e.absolute_path)}: {e.message}"
            for e in validator.iter_errors(load(built_site, rel))
        ]
        assert errors == [], rel


def test_schema_catches_a_wrong_document(openapi):
    validator = schema_validator(openapi, "Story")
    assert not validator.is_valid({"id": "x"})
    page = schema_validator(openapi, "StoryPage")
    assert not page.is_valid(
        {
            "page": 0,
            "pages": 1,
            "page_size": 1,
            "total": 0,
            "next": None,
            "previous": None,
            "items": [],
        }
    )


def test_lists_hold_exactly_the_published_api_stories(built_site):
    page = load(built_site, "api/v1/stories/page/1.json")
    assert [item["slug"] for item in page["items"]] == API_STORIES
    assert (page["page"], page["pages"], page["total"], page["next"]) == (1, 1, 4, None)
    written = sorted(p.stem for p in (built_site / "api/v1/stories").glob("*.json"))
    assert written == sorted(API_STORIES)
    story = load(built_site, "api/v1/stories/boil-water.json")
    assert story["alert"]["severity"] == "Severe"
    assert story["content_html"].startswith("<p>Boil your tap water")
    water = load(built_site, "api/v1/stories/water-main.json")
    assert water["image"] == {
        "url": f"{SITEURL}/images/water.png",
        "alt": "A blue water pipe",
        "media_type": "image/png",
    }
    assert 'href="/' not in water["content_html"]


def test_index_links_point_at_files_that_exist(built_site):
    index = load(built_site, "api/v1/index.json")
    urls = [u for u in index["links"].values() if isinstance(u, str)]
    urls += list(index["links"]["feeds"].values())
    for url in urls:
        assert url.startswith(SITEURL + "/")
        assert (built_site / url.removeprefix(SITEURL + "/")).is_file(), url
    assert index["updated"] == "2026-11-25T06:00:00-06:00"


def test_term_lists_count_stories(built_site):
    categories = {c["slug"]: c for c in load(built_site, "api/v1/categories.json")["items"]}
    assert categories["alerts"]["count"] == 2
    assert categories["alerts"]["feeds"]["rss"] == f"{SITEURL}/feeds/category/alerts.rss.xml"
    audiences = {a["key"]: a["count"] for a in load(built_site, "api/v1/audiences.json")["items"]}
    # boil-water and old-freeze are for everyone, water-main for residents and seniors,
    # ayuda-alimentaria for families
    assert audiences == {"residents": 3, "seniors": 3, "families": 3, "caregivers": 2, "offline": 2}


def test_pagination_links_next_and_previous():
    stories = [make_story(slug=f"s{i}", channels=frozenset({"api"})) for i in range(5)]
    settings = {"SITEURL": SITEURL, "COPE_API": {"page_size": 2}}
    pages = [json.loads(o.body) for o in api.story_pages(stories, settings)]
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert pages[0]["next"] == f"{SITEURL}/api/v1/stories/page/2.json"
    assert pages[2]["next"] is None and pages[0]["previous"] is None
    assert pages[2]["previous"] == f"{SITEURL}/api/v1/stories/page/2.json"
    empty = [json.loads(o.body) for o in api.story_pages([], settings)]
    assert [(p["page"], p["pages"], p["items"]) for p in empty] == [(1, 1, [])]


def dcat_schemas() -> tuple[dict, dict]:
    wheel = Path(sys.prefix) / "schemas" / DCAT_WHEEL
    assert wheel.is_file(), f"{wheel} is missing: `make venv` downloads it"
    with zipfile.ZipFile(wheel) as archive:
        catalog = json.loads(archive.read(DCAT_DIR + "catalog.json"))
        dataset = json.loads(archive.read(DCAT_DIR + "dataset-non-federal.json"))
    return catalog, dataset


def test_data_json_is_a_valid_dcat_us_catalog(built_site):
    catalog_schema, dataset_schema = dcat_schemas()
    base = "https://project-open-data.cio.gov/v1.1/schema/"
    registry = Registry().with_resources(
        [
            (base + "catalog.json", Resource.from_contents(catalog_schema, DRAFT4)),
            (base + "dataset-non-federal.json", Resource.from_contents(dataset_schema, DRAFT4)),
        ]
    )
    validator = Draft4Validator(catalog_schema, registry=registry, format_checker=FormatChecker())
    document = load(built_site, "data.json")
    assert [e.message for e in validator.iter_errors(document)] == []
    for dataset in document["dataset"]:
        dataset_errors = Draft4Validator(dataset_schema, format_checker=FormatChecker())
        assert [e.message for e in dataset_errors.iter_errors(dataset)] == []
        assert dataset["publisher"]["name"] == "Riverbend County Department of Human Services"
        assert dataset["contactPoint"]["hasEmail"] == "mailto:help@riverbend.example.gov"
        assert "bureauCode" not in dataset and "programCode" not in dataset
    assert not Draft4Validator(dataset_schema).is_valid({"title": "only a title"})
