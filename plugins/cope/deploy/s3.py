"""The bucket side of the deploy: boto3 calls, nothing else.

Credentials come only from boto3's standard chain. No ACL is ever sent (buckets made since
April 2023 refuse them). Besides the output, the deploy keeps one small object,
`{prefix}.cope-deploy.json`, with the headers it gave each key (and, for multipart
uploads, whose ETag is not an MD5, the ETag and the MD5). A single-part object's ETag is
its MD5, so with the state a redeploy needs one listing and no HEAD per object, and a
changed file costs one PUT: the state changes only when headers do. A key the state does
not know (an interrupted deploy, or an upload by something else) is asked about with HEAD,
so a deploy always converges.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from .config import DeployConfig
from .local import LocalFile
from .plan import Remote

STATE_NAME = ".cope-deploy.json"
MD5_METADATA = "cope-md5"
DELETE_BATCH = 1000  # DeleteObjects takes at most 1,000 keys


class Bucket:
    def __init__(self, config: DeployConfig):
        self.config = config
        session = boto3.session.Session(region_name=config.region)
        client_config = Config(
            # total_max_attempts counts calls, the first included (max_attempts counts retries)
            retries={"mode": "standard", "total_max_attempts": config.max_attempts},
            max_pool_connections=max(10, config.workers * 2),
            connect_timeout=10,
            read_timeout=60,
        )
        self.s3 = session.client("s3", endpoint_url=config.endpoint_url, config=client_config)
        self._cloudfront = None
        self._stored_state: dict[str, dict[str, Any]] | None = None
        self._session, self._client_config = session, client_config
        self.transfer = TransferConfig(
            multipart_threshold=config.multipart_threshold,
            multipart_chunksize=config.multipart_threshold,
            max_concurrency=4,
        )

    @property
    def state_key(self) -> str:
        return self.config.key_prefix + STATE_NAME

    def list(self) -> dict[str, tuple[str, int]]:
        """Every key under the prefix: (ETag without quotes, size)."""
        found = {}
        paginator = self.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.config.bucket, Prefix=self.config.key_prefix):
            for item in page.get("Contents", []):
                found[item["Key"]] = (item["ETag"].strip('"'), item["Size"])
        return found

    def read_state(self) -> dict[str, dict[str, Any]]:
        """The stored state (remembered, so that write_state need not read it again)."""
        self._stored_state = self._fetch_state()
        return self._stored_state

    def _fetch_state(self) -> dict[str, dict[str, Any]]:
        try:
            body = self.s3.get_object(Bucket=self.config.bucket, Key=self.state_key)["Body"]
            objects = json.loads(body.read()).get("objects", {})
        except (ClientError, ValueError, AttributeError):
            return {}  # no state yet, or unreadable: every object is asked about
        if not isinstance(objects, dict):
            return {}
        return {key: entry for key, entry in objects.items() if isinstance(entry, dict)}

    def write_state(self, objects: dict[str, dict[str, Any]]) -> bool:
        """Store the state when it changed; whether a PUT was made."""
        body = (
            json.dumps({"version": 1, "objects": objects}, sort_keys=True, indent=1) + "\n"
        ).encode()
        stored = self._stored_state if self._stored_state is not None else self.read_state()
        if objects == stored:
            return False
        self.s3.put_object(
            Bucket=self.config.bucket,
            Key=self.state_key,
            Body=body,
            ContentType="application/json",
            CacheControl="no-store",
        )
        self._stored_state = objects
        return True

    def head(self, key: str, etag: str, size: int) -> Remote:
        """What HEAD says of one object: its headers and, from metadata or ETag, its MD5."""
        meta = self.s3.head_object(Bucket=self.config.bucket, Key=key)
        md5 = meta.get("Metadata", {}).get(MD5_METADATA)
        if md5 is None and "-" not in etag:
            md5 = etag  # a single-part upload's ETag is its MD5 (without SSE-KMS)
        return Remote(
            key,
            etag,
            size,
            md5,
            meta.get("ContentType"),
            meta.get("CacheControl"),
            meta.get("ContentEncoding"),
            meta.get("WebsiteRedirectLocation"),
        )

    def upload(self, file: LocalFile) -> str:
        """Put one object; its ETag."""
        extra: dict[str, Any] = {
            "ContentType": file.content_type,
            "Metadata": {MD5_METADATA: file.md5},
        }
        if file.cache_control:
            extra["CacheControl"] = file.cache_control
        if file.content_encoding:
            extra["ContentEncoding"] = file.content_encoding
        if file.redirect is not None:
            extra["WebsiteRedirectLocation"] = file.redirect
        bucket, key = self.config.bucket, file.key
        if (
            file.source is not None
            and file.body is None
            and file.size >= self.config.multipart_threshold
        ):
            self.s3.upload_file(
                str(file.source), bucket, key, ExtraArgs=extra, Config=self.transfer
            )
            return self.s3.head_object(Bucket=bucket, Key=key)["ETag"].strip('"')
        body = (
            file.body
            if file.body is not None
            else (file.source.read_bytes() if file.source else b"")
        )
        response = self.s3.put_object(Bucket=bucket, Key=key, Body=body, **extra)
        return response["ETag"].strip('"')

    def delete(self, keys: list[str]) -> list[str]:
        """Delete keys in batches; the keys that could not be deleted, with why."""
        failed = []
        for start in range(0, len(keys), DELETE_BATCH):
            batch = [{"Key": key} for key in keys[start : start + DELETE_BATCH]]
            response = self.s3.delete_objects(
                Bucket=self.config.bucket, Delete={"Objects": batch, "Quiet": True}
            )
            failed += [
                f"{e['Key']}: {e.get('Code')} {e.get('Message', '')}".strip()
                for e in response.get("Errors", [])
            ]
        return failed

    def invalidate(self, paths: Iterable[str]) -> str:
        """One CloudFront invalidation for these paths; its id."""
        paths = sorted(paths)
        if self._cloudfront is None:
            self._cloudfront = self._session.client(
                "cloudfront",
                endpoint_url=self.config.cloudfront_endpoint_url,
                config=self._client_config,
            )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        digest = hashlib.sha256("\n".join(paths).encode()).hexdigest()[:12]
        response = self._cloudfront.create_invalidation(
            DistributionId=self.config.distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": f"cope-{stamp}-{digest}",
            },
        )
        return response["Invalidation"]["Id"]
