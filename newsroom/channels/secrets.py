"""Channel secrets at rest: Fernet (AES-128-CBC with HMAC-SHA256, from the pinned
``cryptography``), keyed by ``CHANNEL_SECRETS_KEY`` or, when unset, a key derived from
``SECRET_KEY``. A secret is decrypted only to call the channel's API, never shown."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    key = getattr(settings, "CHANNEL_SECRETS_KEY", "") or base64.urlsafe_b64encode(
        hashlib.sha256(f"linli.channels:{settings.SECRET_KEY}".encode()).digest()
    )
    return Fernet(key)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    """The secret, or '' when it cannot be read (the key changed): the desk is told to set it again."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return ""
