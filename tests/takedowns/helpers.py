"""File takedown notices the way a reader does: through the public form."""

from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.takedowns.models import TakedownRequest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(name="证据.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


def notice_data(article_slug="hohhot-yuquan-grassroots-party-building", part="whole", photo_number="", **overrides):
    data = {
        "notifier_kind": "person",
        "notifier_name": "刘摄影",
        "phone": "13800000000",
        "email": "liu@example.com",
        "address": "呼和浩特市玉泉区某街1号",
        "id_type": "id_card",
        "id_number": "150104199001011234",
        "right_claimed": "copyright",
        "description": "该图片为本人拍摄，未经许可被使用。",
        "declared_true": "on",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "1",
        "targets-MAX_NUM_FORMS": "5",
        "targets-0-url": f"http://localhost/article/{article_slug}/",
        "targets-0-work_title": "涉及的作品",
        "targets-0-part": part,
        "targets-0-photo_number": photo_number,
        "targets-0-passage": "",
        "evidence": evidence(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def file_notice(client, **overrides):
    response = client.post("/takedown/new/", notice_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return TakedownRequest.objects.latest("received_at")
