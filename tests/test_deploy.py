"""The S3 deploy against moto's server over HTTP (through a counting, fault-injecting proxy)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import boto3
import pytest
from rich.console import Console
from s3server import S3Server

from cope.deploy.config import DeployConfig, load_config
from cope.deploy.local import DeployRefused, scan
from cope.deploy.plan import invalidation_paths, make_plan
from cope.deploy.run import FAILED, OK, OVER_CAP, deploy
from cope.settings import DEFAULTS

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def server():
    saved = {k: os.environ.get(k) for k in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    running = S3Server().start()
    yield running
    running.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def s3(server):
    return boto3.client("s3", endpoint_url=server.url, region_name="us-east-1")


@pytest.fixture
def bucket(s3):
    name = f"site-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def site(built_site, tmp_path) -> Path:
    copy = tmp_path / "output"
    shutil.copytree(built_site, copy)
    return copy


def config(server, bucket, **changes) -> DeployConfig:
    settings = {
        "COPE_DEPLOY": {
            "bucket": bucket,
            "endpoint_url": server.url,
            "cloudfront_endpoint_url": server.url,
            **changes,
        }
    }
    return load_config(settings, environ={})


def run(site, cfg) -> tuple[int, str]:
    console = Console(record=True, width=200)
    status = deploy(site, cfg, console)
    return status, console.export_text()


def keys(s3, bucket) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


def local_paths(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
    }


def test_first_deploy_mirrors_the_output_with_the_right_headers(server, s3, bucket, site):
    status, text = run(site, config(server, bucket))
    assert status == OK, text
    assert keys(s3, bucket) == local_paths(site) | {".cope-deploy.json"}

    def head(key):
        return s3.head_object(Bucket=bucket, Key=key)

    page = head("news/water-main/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300, must-revalidate"
    assert head("feeds/all.json")["ContentType"] == "application/feed+json; charset=utf-8"
    assert head("feeds/all.rss.xml")["ContentType"] == "application/rss+xml; charset=utf-8"
    assert head("feeds/all.atom.xml")["CacheControl"] == "public, max-age=300"
    assert head("images/water.png")["ContentType"] == "image/png"
    assert head("images/water.png")["CacheControl"] == "public, max-age=86400"
    assert head("channels/sms/boil-water.txt")["ContentType"] == "text/plain; charset=utf-8"
    redirect = head("2019/elm-street.html")
    assert redirect["WebsiteRedirectLocation"] == "http://127.0.0.1:8000/news/water-main/"
    assert redirect["ContentType"] == "text/html; charset=utf-8"
    body = s3.get_object(Bucket=bucket, Key="2019/elm-street.html")["Body"].read()
    assert body == (site / "2019" / "elm-street.html").read_bytes()  # a page for CloudFront
    body = s3.get_object(Bucket=bucket, Key="index.html")["Body"].read()
    assert body == (site / "index.html").read_bytes()


def test_redeploy_of_unchanged_output_puts_nothing(server, bucket, site):
    assert run(site, config(server, bucket))[0] == OK
    server.proxy.reset()
    status, text = run(site, config(server, bucket))
    assert status == OK and "0 new, 0 updated" in text
    assert server.proxy.count("PUT") == 0
    assert server.proxy.count("HEAD") == 0
    state_reads = [p for m, p in server.proxy.requests if m == "GET" and ".cope-deploy" in p]
    assert len(state_reads) == 1  # read once, not again before deciding not to write it


def test_one_changed_file_is_one_put_and_one_invalidation(server, s3, bucket, site):
    cloudfront = boto3.client("cloudfront", endpoint_url=server.url, region_name="us-east-1")
    origin = {
        "Id": "s3",
        "DomainName": f"{bucket}.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
    }
    behaviour = {
        "TargetOriginId": "s3",
        "ViewerProtocolPolicy": "allow-all",
        "MinTTL": 0,
        "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
    }
    distribution = cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": bucket,
            "Comment": "",
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": behaviour,
        }
    )["Distribution"]["Id"]
    cfg = config(server, bucket, distribution_id=distribution)
    assert run(site, cfg)[0] == OK
    page = site / "news" / "water-main" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Elm Street", b"Elm St."))
    server.proxy.reset()
    status, text = run(site, cfg)
    assert status == OK, text
    puts = [path for method, path in server.proxy.requests if method == "PUT"]
    assert puts == [f"/{bucket}/news/water-main/index.html"]
    assert s3.get_object(Bucket=bucket, Key="news/water-main/index.html")["Body"].read() == (
        page.read_bytes()
    )
    invalidation = text.split("CloudFront invalidation ")[1].split()[0]
    latest = cloudfront.get_invalidation(DistributionId=distribution, Id=invalidation)
    paths = latest["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
    assert sorted(paths) == ["/news/water-main/", "/news/water-main/index.html"]


def test_header_change_alone_is_an_update(server, s3, bucket, site):
    assert run(site, config(server, bucket))[0] == OK
    rules = [["*.png", "public, max-age=600"], *DEFAULTS["COPE_DEPLOY"]["cache_control"]]
    server.proxy.reset()
    status, text = run(site, config(server, bucket, cache_control=rules))
    assert status == OK
    assert "Cache-Control changed" not in text  # not a dry run: no plan printed
    assert s3.head_object(Bucket=bucket, Key="images/water.png")["CacheControl"] == (
        "public, max-age=600"
    )
    assert server.proxy.count("PUT") == 2  # the image, and the state that records it


def test_deletions_are_capped_and_forced(server, s3, bucket, site):
    assert run(site, config(server, bucket))[0] == OK
    s3.put_object(Bucket=bucket, Key="outside-prefix-but-in-bucket.txt", Body=b"x")
    removed = sorted(p for p in local_paths(site) if p.startswith("tag/"))
    for path in removed:
        (site / path).unlink()
    status, text = run(site, config(server, bucket, max_deletes=1))
    assert status == OVER_CAP and "nothing was deleted" in text
    assert set(removed) <= keys(s3, bucket)
    status, text = run(site, config(server, bucket, max_deletes=1, force_deletes=True))
    assert status == OK, text
    assert not set(removed) & keys(s3, bucket)


def test_prefix_keeps_other_keys(server, s3, bucket, site):
    s3.put_object(Bucket=bucket, Key="other/keep.txt", Body=b"keep")
    assert run(site, config(server, bucket, prefix="/www/"))[0] == OK
    all_keys = keys(s3, bucket)
    assert "other/keep.txt" in all_keys
    assert {k for k in all_keys if k.startswith("www/")} == (
        {f"www/{p}" for p in local_paths(site)} | {"www/.cope-deploy.json"}
    )


def test_dry_run_prints_the_plan_and_changes_nothing(server, s3, bucket, site):
    server.proxy.reset()
    status, text = run(site, config(server, bucket, dry_run=True))
    assert status == OK
    assert "upload  news/water-main/index.html  (new," in text
    assert "dry run: nothing was changed" in text
    assert server.proxy.count("PUT") == 0 and server.proxy.count("POST") == 0
    assert keys(s3, bucket) == set()


def test_refuses_missing_empty_or_unbuilt_output(tmp_path, server, bucket):
    cfg = config(server, bucket)
    with pytest.raises(DeployRefused, match="no such folder"):
        scan(tmp_path / "nope", cfg)
    (tmp_path / "empty").mkdir()
    with pytest.raises(DeployRefused, match=r"no index\.html"):
        scan(tmp_path / "empty", cfg)


def test_dot_files_excluded_and_outside_links_never_uploaded(server, s3, bucket, site, tmp_path):
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("secret")
    (site / ".env").write_text("AWS_SECRET_ACCESS_KEY=x")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.gov")
    (site / "cache").mkdir()
    (site / "cache" / "x.pickle").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("outside")
    (site / "linked.txt").symlink_to(tmp_path / "secret.txt")
    assert run(site, config(server, bucket))[0] == OK
    uploaded = keys(s3, bucket)
    assert ".well-known/security.txt" in uploaded
    assert (
        not {".git/config", ".env", "cache/x.pickle", "linked.txt", ".cope/redirects.json"}
        & uploaded
    )


def test_large_file_goes_multipart_and_redeploys_as_unchanged(server, s3, bucket, site):
    big = site / "files" / "report.pdf"
    big.parent.mkdir()
    big.write_bytes(os.urandom(6 * 1024 * 1024))
    cfg = config(server, bucket, multipart_threshold=5 * 1024 * 1024)
    assert run(site, cfg)[0] == OK
    etag = s3.head_object(Bucket=bucket, Key="files/report.pdf")["ETag"]
    assert etag.strip('"').endswith("-2")
    server.proxy.reset()
    assert run(site, cfg)[0] == OK
    assert server.proxy.count("PUT") == 0 and server.proxy.count("POST") == 0


def test_survives_503s_and_dropped_connections(server, s3, bucket, site):
    seen: dict[str, int] = {}

    def flaky(method, path):
        if method != "PUT":
            return None
        seen[path] = seen.get(path, 0) + 1
        if seen[path] == 1:
            return "503" if len(seen) % 2 else "drop"
        return None

    server.proxy.fault = flaky
    try:
        status, text = run(site, config(server, bucket, workers=4))
    finally:
        server.proxy.fault = None
    assert status == OK, text
    assert keys(s3, bucket) == local_paths(site) | {".cope-deploy.json"}
    assert min(seen.values()) >= 2  # every PUT failed once and was retried


def test_interrupted_deploy_converges_when_run_again(server, s3, bucket, site):
    def broken(method, path):
        return "503" if method == "PUT" and "/news/" in path else None

    server.proxy.fault = broken
    try:
        status, text = run(site, config(server, bucket, max_attempts=2))
    finally:
        server.proxy.fault = None
    assert status == FAILED and "FAILED" in text and "Run the deploy again" in text
    assert not any(k.startswith("news/") and k.endswith(".html") for k in keys(s3, bucket))
    status, text = run(site, config(server, bucket))
    assert status == OK, text
    assert keys(s3, bucket) == local_paths(site) | {".cope-deploy.json"}
    server.proxy.reset()
    assert run(site, config(server, bucket))[0] == OK
    assert server.proxy.count("PUT") == 0


def test_plan_waves_and_invalidation_paths(server, bucket, site):
    cfg = config(server, bucket)
    plan = make_plan(scan(site, cfg), {}, cfg)
    waves = [[a.key for a in wave] for wave in plan.waves]
    assert "images/water.png" in waves[0] and "theme/css/main.css" in waves[0]
    assert "news/water-main/index.html" in waves[1]
    assert {"index.html", "feeds/all.rss.xml", "api/v1/index.json", "data.json"} <= set(waves[2])
    few = invalidation_paths(plan.waves[1][:2], cfg)
    assert all(p.startswith("/") for p in few) and len(few) >= 2
    squashed = DeployConfig(bucket="b", invalidation_paths=2)
    some = [a for a in plan.uploads if a.key.startswith(("news/", "alerts/", "index.html"))]
    assert invalidation_paths(some, squashed) == ["/", "/alerts/*", "/index.html", "/news/*"]
    assert invalidation_paths(plan.uploads, squashed) == ["/*"]  # more than 15 folders


def test_settings_from_environment_and_command_line():
    settings = {"COPE_DEPLOY": {"bucket": "from-settings", "workers": 2}}
    environ = {
        "COPE_DEPLOY_BUCKET": "from-env",
        "COPE_DEPLOY_EXCLUDE": '["drafts/*"]',
        "COPE_DEPLOY_MAX_DELETES": "5",
    }
    cfg = load_config(settings, environ=environ, arguments={"workers": 3, "prefix": None})
    assert (cfg.bucket, cfg.exclude, cfg.max_deletes, cfg.workers) == (
        "from-env",
        ("drafts/*",),
        5,
        3,
    )
    with pytest.raises(ValueError, match="no bucket"):
        load_config({}, environ={})


def test_no_deletions_after_a_failed_upload(server, s3, bucket, site):
    assert run(site, config(server, bucket))[0] == OK
    old, new = site / "news" / "water-main", site / "news" / "water-main-moved"
    old.rename(new)

    def broken(method, path):
        return "503" if method == "PUT" and "water-main-moved" in path else None

    server.proxy.fault = broken
    try:
        status, text = run(site, config(server, bucket, max_attempts=1))
    finally:
        server.proxy.fault = None
    assert status == FAILED and "nothing was deleted" in text
    assert "news/water-main/index.html" in keys(s3, bucket)  # the old page stays up
    assert run(site, config(server, bucket))[0] == OK
    assert "news/water-main/index.html" not in keys(s3, bucket)


def test_state_of_the_wrong_shape_is_ignored_and_rewritten(server, s3, bucket, site):
    assert run(site, config(server, bucket))[0] == OK
    for broken in (b"[]", b'{"objects": []}', b'{"objects": {"index.html": "x"}}', b"{oops"):
        s3.put_object(Bucket=bucket, Key=".cope-deploy.json", Body=broken)
        status, text = run(site, config(server, bucket))
        assert status == OK and "0 new, 0 updated" in text


def test_patterns_media_types_and_encoded_invalidation_paths(server, bucket):
    from cope.deploy.local import cache_control_for
    from cope.deploy.plan import Action
    from cope.media import media_type_for

    cfg = config(server, bucket)
    assert cache_control_for("theme/main.3f2a9c1b.css", cfg).endswith("immutable")
    assert not cache_control_for("docs/minutes.20261130.pdf", cfg).endswith("immutable")
    assert media_type_for("captions/intro.vtt") == "text/vtt; charset=utf-8"
    assert media_type_for("files/form.docx").startswith("application/vnd.openxml")
    paths = invalidation_paths([Action("update", "news/café/index.html", "x")], cfg)
    assert paths == ["/news/caf%C3%A9/", "/news/caf%C3%A9/index.html"]
