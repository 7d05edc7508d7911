"""Real engines of the production path, started on loopback by the tests themselves: SeaweedFS
as the S3-compatible object store, and a PostgreSQL primary with its streaming replica."""

import itertools
import shutil

import pytest
from django.core.files.base import ContentFile

from tests.bench.cluster import Cluster
from tests.bench.servers import PG_BIN, _bucket_client, start_seaweedfs, stop

_prefixes = itertools.count(1)


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    process, env = start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield env
    stop(process)


@pytest.fixture
def object_store(seaweedfs, settings, tmp_path):
    """Uploads in the real SeaweedFS's private bucket, under a folder of this test's own
    (MEDIA_S3_PREFIX); the demo's files copied into it, and MEDIA_ROOT moved to an empty folder
    that must stay empty."""
    env = {**seaweedfs, "MEDIA_S3_PREFIX": f"test-{next(_prefixes)}"}
    client = _bucket_client(env)
    files = settings.MEDIA_ROOT
    settings.MEDIA_S3_BUCKET = env["MEDIA_S3_BUCKET"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "newsroom.core.objectstore.ObjectMediaStorage",
            "OPTIONS": {
                "bucket_name": env["MEDIA_S3_BUCKET"],
                "endpoint_url": env["MEDIA_S3_ENDPOINT_URL"],
                "access_key": env["MEDIA_S3_ACCESS_KEY_ID"],
                "secret_key": env["MEDIA_S3_SECRET_ACCESS_KEY"],
                "region_name": env["MEDIA_S3_REGION"],
                "addressing_style": "path",
                "location": env["MEDIA_S3_PREFIX"],
            },
        },
    }
    from django.core.files.storage import default_storage

    for path in sorted(p for p in files.rglob("*") if p.is_file()):
        default_storage.save(str(path.relative_to(files)), ContentFile(path.read_bytes()))
    settings.MEDIA_ROOT = tmp_path / "no-media-on-disk"
    settings.MEDIA_ROOT.mkdir()
    env["client"] = client
    yield env
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=env["MEDIA_S3_BUCKET"]):
        for item in page.get("Contents", ()):
            client.delete_object(Bucket=env["MEDIA_S3_BUCKET"], Key=item["Key"])


def needs(command):
    return pytest.mark.skipif(not shutil.which(command), reason=f"make test installs {command}")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """Everything of the production path at once (tests/bench/cluster.py), started once."""
    if not (PG_BIN / "pg_basebackup").exists() or not shutil.which("nginx") or not shutil.which("redis-server"):
        pytest.skip("PostgreSQL 15's server programs, nginx and redis-server (make test installs nginx)")
    started = Cluster(tmp_path_factory.mktemp("cluster")).start()
    yield started
    started.stop()
