"""A full disk is a message on the page, not a 500: nothing half-saved, no orphan file, and the
public notice form comes back with everything the notifier typed."""

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from newsroom.models import ImageAsset
from newsroom.takedowns.models import Evidence, TakedownRequest
from tests.helpers import admin_form_data, jpeg_bytes
from tests.takedowns.helpers import PDF, notice_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk_fills_after(monkeypatch):
    """Storing succeeds ``n`` times, then the disk is full."""
    real = FileSystemStorage._save
    left = {"n": 10**6}  # room until the test fills the disk

    def save(self, name, content):
        if left["n"] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        left["n"] -= 1
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)

    def set_(n):
        left["n"] = n

    return set_


def files_under(root):
    return {p for p in Path(root).rglob("*") if p.is_file()}


def test_the_notice_form_comes_back_with_what_was_typed_and_no_file_is_left(settings, disk_fills_after):
    evidence = Evidence.objects.count()
    before = files_under(settings.PRIVATE_MEDIA_ROOT) if Path(settings.PRIVATE_MEDIA_ROOT).exists() else set()
    disk_fills_after(1)  # the first evidence file is stored, the second finds the disk full
    data = notice_data(
        evidence=[
            SimpleUploadedFile("一.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("二.pdf", PDF, "application/pdf"),
        ]
    )
    response = Client().post("/takedown/new/", data)
    page = response.content.decode()
    assert response.status_code == 507 and "存储空间已满" in page
    assert "该图片为本人拍摄，未经许可被使用。" in page and "刘摄影" in page  # nothing to type again
    assert not TakedownRequest.objects.filter(notifier_name="刘摄影").exists()
    assert Evidence.objects.count() == evidence
    after = files_under(settings.PRIVATE_MEDIA_ROOT) if Path(settings.PRIVATE_MEDIA_ROOT).exists() else set()
    assert after == before  # the stored first file was deleted again


def test_a_library_upload_on_a_full_disk_is_a_message(client, demo, roles, settings, disk_fills_after):
    disk_fills_after(0)
    client.force_login(roles["editor"])
    count = ImageAsset.objects.count()
    before = files_under(settings.MEDIA_ROOT)
    data = admin_form_data(client.get("/admin/newsroom/imageasset/add/"))
    data.update(file=SimpleUploadedFile("满.jpg", jpeg_bytes(), "image/jpeg"), credit_kind="none")
    response = client.post("/admin/newsroom/imageasset/add/", data)
    assert response.status_code == 507 and "存储空间已满" in response.content.decode()
    assert ImageAsset.objects.count() == count and files_under(settings.MEDIA_ROOT) == before


def test_a_photo_added_to_an_article_on_a_full_disk_keeps_the_saved_version(
    client, demo, roles, settings, disk_fills_after
):
    from tests.helpers import new_draft

    article = new_draft(roles["editor"], slug="disk-full-draft")
    client.force_login(roles["editor"])
    url = f"/admin/newsroom/photo/add/?_popup=1&_dialog=1&article={article.pk}"
    data = admin_form_data(client.get(url))
    data.update(
        {
            "image": SimpleUploadedFile("新.jpg", jpeg_bytes(), "image/jpeg"),
            "caption": "新图片",
            "alt_text": "新图片",
            "credit_kind": "source",
            "credit_organisation": "本网",
        }
    )
    disk_fills_after(0)
    before = files_under(settings.MEDIA_ROOT)
    photos, version = article.photos.count(), article.version
    response = client.post(url, data)
    assert response.status_code == 507 and "存储空间已满" in response.content.decode()
    article.refresh_from_db()
    assert (article.photos.count(), article.version) == (photos, version)  # what was saved stays
    assert files_under(settings.MEDIA_ROOT) == before
