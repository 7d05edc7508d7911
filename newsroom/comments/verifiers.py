"""Who may comment: a pluggable identity verifier (后台实名、前台自愿).

The contract every verifier keeps:

- ``is_real``: False only for the console verifier, which shows the code on the server's console
  (development and tests). With ``DEBUG`` off, comments cannot be turned on, and stay off,
  unless the configured verifier is real (``comments_allowed``).
- Phone verifiers (``PhoneVerifier``): ``send_code(number, address)`` stores a hashed one-time
  code (6 digits, 10 minutes, 5 tries; one per number per minute, 5 per hour) and hands the
  text to ``deliver(number, text)``; ``check_code(number, code)`` returns an ``Identity`` or
  raises ``VerificationError`` with a message for the reader. A real SMS adapter subclasses
  ``PhoneVerifier`` and implements ``deliver`` with its provider's API (an 短信 service with a
  signed template); nothing else changes.
- Network identity (网号/网证, or a provincial identity service through OIDC): a verifier with
  ``authorization_url(request, state)`` and ``identity_from_callback(request)`` returning an
  ``Identity`` of kind ``netid`` whose value is the opaque id the service gives (never a name or
  ID number). ``NetworkIdentityVerifier`` states the contract; an office's adapter implements it.

Only what the rules need is stored: a salted hash of the number (HMAC with
``COMMENT_IDENTITY_KEY``) and its masked display (138****5678), or the opaque id's hash.
"""

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from newsroom.core import throttle

logger = logging.getLogger(__name__)
MOBILE = re.compile(r"^1[3-9]\d{9}$")
CODE_MINUTES = 10
TRIES = 5


class VerificationError(Exception):
    """What the reader is told: a wrong or expired code, a number that is not a mobile number…"""


class TooOften(VerificationError):
    """Asked for codes too often: answered with 429."""


@dataclass
class Identity:
    kind: str
    hash: str
    masked: str


def identity_hash(kind, value):
    key = (getattr(settings, "COMMENT_IDENTITY_KEY", "") or settings.SECRET_KEY).encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_number(text):
    number = re.sub(r"[\s-]", "", text or "")
    number = number.removeprefix("+86").removeprefix("0086")
    if not MOBILE.match(number):
        raise VerificationError("请输入11位中国大陆手机号码。")
    return number


def masked_number(number):
    return f"{number[:3]}****{number[-4:]}"


def _code_hash(identity, code):
    return hmac.new(identity.encode(), code.encode(), hashlib.sha256).hexdigest()


class PhoneVerifier:
    is_real = True
    kind = "phone"

    def deliver(self, number, text):  # pragma: no cover - the adapter's part
        raise NotImplementedError("A phone verifier delivers the code through an SMS provider.")

    def send_code(self, number, address=""):
        from .models import Verification

        number = normalise_number(number)
        who = identity_hash("phone", number)
        # Per number from the codes sent (the database: an SMS costs money, so these limits hold
        # with Redis down too); per address in the cache, which fails open.
        now = timezone.now()
        sent = Verification.objects.filter(identity_hash=who)
        if sent.filter(created_at__gt=now - timedelta(seconds=60)).exists():
            raise TooOften("验证码已发送，请1分钟后再试。")
        if sent.filter(created_at__gt=now - timedelta(hours=1)).count() >= 5:
            raise TooOften("该号码一小时内获取验证码次数已达上限。")
        if throttle.exceeded(f"comments:code-ip:{address}", 10, 3600):
            raise TooOften("获取验证码太频繁，请稍后再试。")
        code = f"{secrets.randbelow(1_000_000):06d}"
        Verification.objects.create(
            identity_hash=who,
            code_hash=_code_hash(who, code),
            expires_at=timezone.now() + timedelta(minutes=CODE_MINUTES),
        )
        self.deliver(number, f"您的评论验证码是{code}，{CODE_MINUTES}分钟内有效。如非本人操作，请忽略。")

    def check_code(self, number, code):
        from .models import Verification

        number = normalise_number(number)
        who = identity_hash("phone", number)
        pending = Verification.objects.filter(identity_hash=who, used_at__isnull=True, expires_at__gt=timezone.now())
        latest = pending.order_by("-created_at").first()
        if latest is None:
            raise VerificationError("验证码已失效，请重新获取。")
        if latest.attempts >= TRIES:
            raise VerificationError("验证码错误次数过多，请重新获取。")
        if not hmac.compare_digest(latest.code_hash, _code_hash(who, (code or "").strip())):
            Verification.objects.filter(pk=latest.pk).update(attempts=latest.attempts + 1)
            raise VerificationError("验证码不正确。")
        Verification.objects.filter(pk=latest.pk).update(used_at=timezone.now())
        return Identity("phone", who, masked_number(number))


class ConsoleVerifier(PhoneVerifier):
    """Development and tests: the code goes to the server's log (and ``outbox``), not to a phone."""

    is_real = False
    outbox = []

    def deliver(self, number, text):
        ConsoleVerifier.outbox.append((number, text))
        logger.warning("评论验证码（控制台，仅供开发）：%s %s", masked_number(number), text)
        print(f"[评论验证码] {masked_number(number)}：{text}")  # noqa: T201 - the console verifier's whole job


class NetworkIdentityVerifier:
    """The contract of a 网号/网证 (or provincial OIDC) adapter; an office configures one that
    implements both methods against its identity service."""

    is_real = True
    kind = "netid"

    def authorization_url(self, request, state):
        raise NotImplementedError

    def identity_from_callback(self, request):
        raise NotImplementedError


def verifier():
    return import_string(getattr(settings, "COMMENT_VERIFIER", "newsroom.comments.verifiers.ConsoleVerifier"))()


def real_verifier():
    return bool(getattr(verifier(), "is_real", False))
