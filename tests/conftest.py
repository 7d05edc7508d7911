import io

import pytest
from django.contrib.auth.models import Group, User
from PIL import Image

from newsroom.demo.loader import load_demo


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path):
    """Every test writes uploads into its own folder; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


@pytest.fixture
def demo(db):
    """The demo portal, as ``load_demo`` builds it."""
    load_demo()


@pytest.fixture
def editor(db):
    user = User.objects.create_user("test-editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


def user_in(group, username):
    user = User.objects.create_user(username, password="pw", is_staff=True, first_name=username)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def chief(db):
    return user_in("终审签发", "test-chief")


def draft_of(slug, user):
    """A new version of a live demo article, ready to edit in the admin."""
    from newsroom import workflow
    from newsroom.models import Article

    return workflow.new_version(Article.objects.get(slug=slug), user)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db):
    # Not "admin": load_demo resets the demo admin's password, which logs it out.
    return User.objects.create_superuser("test-admin", password="pw")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()
