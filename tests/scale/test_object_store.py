"""Uploads in a private bucket of a real SeaweedFS: stored, drawn, served and backed up through
it, and still behind the access check — a takedown hides every size at once, and the bucket
itself answers no reader."""

import io
import re
import time
import urllib.error
import urllib.request
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from PIL import Image

from newsroom import renditions, tasks
from newsroom.models import Article, ImageAsset, Photo
from newsroom.takedowns import actions
from tests.bench.servers import free_port, start_nginx
from tests.scale.conftest import needs
from tests.takedowns.test_desk import YUQUAN, accepted

pytestmark = pytest.mark.django_db


def stored(env):
    """Every name in the test's folder of the bucket."""
    folder = env["MEDIA_S3_PREFIX"] + "/"
    pages = env["client"].get_paginator("list_objects_v2").paginate(Bucket=env["MEDIA_S3_BUCKET"], Prefix=folder)
    return {item["Key"].removeprefix(folder) for page in pages for item in page.get("Contents", ())}


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def page_images(client, url):
    html = client.get(url).content.decode()
    return sorted(set(re.findall(r'/media/[^" ,]+', html)))


def test_the_article_page_draws_and_serves_every_size_from_the_bucket(client, demo, object_store, roles, settings):
    photo = Photo.objects.filter(article__slug=YUQUAN).order_by("order", "id").first()
    assert photo.image.url == "/media/" + photo.image.name
    assert photo.image.name in stored(object_store)
    original = client.get(photo.image.url)
    assert original.status_code == 200 and original["Cache-Control"] == "public, max-age=4"
    assert b"".join(original.streaming_content) == default_storage.open(photo.image.name).read()

    sizes = page_images(client, Article.objects.get(slug=YUQUAN).get_absolute_url())
    assert sizes, "the page shows its photos"
    for url in sizes:
        response = client.get(url)
        assert response.status_code == 200, url
        Image.open(io.BytesIO(b"".join(response.streaming_content))).verify()
    drawn = {renditions.parse(name) and name for name in stored(object_store)} - {None}
    assert {url.removeprefix("/media/") for url in sizes if renditions.parse(url.removeprefix("/media/"))} <= drawn
    assert not any(settings.MEDIA_ROOT.iterdir()), "nothing is written to disk"

    # The bucket itself: no anonymous read, by the object's own address.
    bucket = f"{object_store['MEDIA_S3_ENDPOINT_URL']}/{object_store['MEDIA_S3_BUCKET']}"
    address = f"{bucket}/{object_store['MEDIA_S3_PREFIX']}/{photo.image.name}"
    assert get(address)[0] == 403

    moderator = roles["moderator"]
    request = accepted(Client(), moderator)
    actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
    assert client.get(photo.image.url).status_code == 404
    photos = [p.image.name for p in Photo.objects.filter(article__slug=YUQUAN)]
    shown = [url for url in sizes if any(name in url for name in photos)]
    assert shown and all(client.get(url).status_code == 404 for url in shown)


def test_a_library_upload_is_stored_in_the_bucket_and_the_worker_draws_its_sizes(demo, object_store, roles):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (180, 40, 40)).save(buffer, "JPEG")
    asset = ImageAsset(caption="社区志愿者为老人理发", credit_kind="provided", credit_organisation="本网")
    asset.file.save("library/理发.jpg", ContentFile(buffer.getvalue()), save=False)
    asset.save()
    assert asset.file.name in stored(object_store)
    made = tasks.make_renditions.call(asset.file.name, asset.width, asset.focal_x, asset.focal_y)
    names = renditions.standard_names(asset.file.name, asset.width, asset.focal_x, asset.focal_y)
    assert made == len(names) and set(names) <= stored(object_store)


@pytest.mark.django_db(transaction=True)  # flush cannot run inside the test's transaction
def test_a_backup_of_the_bucket_restores_into_another(demo, object_store, tmp_path, settings):
    before = {photo.image.name: default_storage.open(photo.image.name).read() for photo in Photo.objects.all()}
    folder = call_command("backup", str(tmp_path / "backups"), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    empty = f"{object_store['MEDIA_S3_PREFIX']}-restored"  # a new server's empty bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "location": empty},
        },
    }
    call_command("restore", folder, stdout=StringIO())
    assert Photo.objects.count() == len(before)
    assert {name: default_storage.open(name).read() for name in before} == before
    assert Client().get(Article.objects.get(slug=YUQUAN).photos.first().image.url).status_code == 200


@needs("nginx")
@pytest.mark.django_db(transaction=True)
def test_nginx_fetches_the_bucket_only_for_what_django_allows(
    demo, object_store, live_server, settings, roles, tmp_path
):
    settings.MEDIA_ACCEL_REDIRECT = True
    port = free_port()
    store_port = int(object_store["MEDIA_S3_ENDPOINT_URL"].rsplit(":", 1)[1])
    upstream = int(live_server.url.rsplit(":", 1)[1])
    process = start_nginx(tmp_path, upstream, port, store_port=store_port)
    try:
        base = f"http://127.0.0.1:{port}"
        photos = list(Photo.objects.filter(article__slug=YUQUAN).order_by("order", "id"))
        named = photos[0]
        # A name in Chinese, as an office's camera or WPS names it.
        with default_storage.open(named.image.name) as original:
            named.image.save("photos/社区 志愿者（一）.jpg", ContentFile(original.read()), save=True)
        for photo in photos:
            status, headers, body = get(base + photo.image.url)
            assert status == 200, photo.image.name
            assert body == default_storage.open(photo.image.name).read()
            assert headers["Cache-Control"] == "public, max-age=4"
            assert headers["Content-Type"] == "image/jpeg"
            assert not [h for h in headers if h.lower().startswith("x-amz")], headers
        inside = (
            f"/protected-object/{object_store['MEDIA_S3_BUCKET']}/{object_store['MEDIA_S3_PREFIX']}/{named.image.name}"
        )
        assert get(base + inside)[0] == 404  # internal: no reader reaches it

        moderator = roles["moderator"]
        request = accepted(Client(), moderator)
        actions.apply_measure(request, moderator, "withdraw_article", request.targets.get())
        time.sleep(0.1)
        assert all(get(base + photo.image.url)[0] == 404 for photo in photos)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_editors_upload_in_the_admin_lands_in_the_bucket_stripped(client, demo, object_store, roles):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsroom.models import Person
    from tests.newsroom.test_image_library import camera_jpeg

    client.force_login(roles["editor"])
    response = client.post(
        "/admin/newsroom/imageasset/upload/",
        {
            "credit_kind": "photo",
            "credit_person": Person.objects.get(name="张聿修").pk,
            "file": SimpleUploadedFile("IMG_0001.JPG", camera_jpeg(), "image/jpeg"),
        },
    )
    assert response.status_code == 200, response.content
    asset = ImageAsset.objects.get(pk=response.json()["id"])
    assert asset.file.name in stored(object_store)
    image = Image.open(io.BytesIO(default_storage.open(asset.file.name).read()))
    assert not image.getexif() and (asset.width, asset.height) == image.size == (1200, 1600)
    staff = client.get(asset.file.url)  # the library's own thumbnail, for staff
    assert staff.status_code == 200 and staff["Cache-Control"] == "private, no-store"
    assert Client().get(asset.file.url).status_code == 404  # used nowhere public yet
