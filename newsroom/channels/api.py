"""The WeChat Official Account API, as documented (developers.weixin.qq.com, 2025): an access
token (cached until shortly before it expires), then ``media/uploadimg`` (body images),
``material/add_material`` (the cover, a permanent material), ``draft/add``,
``freepublish/submit``, ``freepublish/get`` and ``freepublish/delete``.

Every call goes through ``newsroom.core.outbound`` (one resolution, pinned; public addresses only,
except ``WECHAT_API_ALLOW_PRIVATE`` for the loopback server of the tests). Transient answers are
retried: ``-1`` (系统繁忙) up to three times with a short pause, an expired or rejected token
(``40001``, ``42001``, ``40014``) once with a new token. Every other error code is raised as
``WeChatError`` with the documented meaning in Chinese."""

import json
import time
import uuid

from django.conf import settings
from django.core.cache import cache

from newsroom.core import outbound

#: The documented codes a desk meets, and what to do about each.
MESSAGES = {
    -1: "微信系统繁忙，请稍后再试。",
    -2: "连接不到微信接口，请检查服务器的网络设置（WECHAT_API_BASE）。",
    40001: "AppSecret 错误或 access_token 无效，请站点管理员核对公众号的 AppSecret。",
    40013: "AppID 无效，请站点管理员核对公众号的 AppID。",
    40125: "AppSecret 无效，请站点管理员重新设置。",
    40164: "本服务器的 IP 不在公众号的 IP 白名单中：请在公众平台 › 设置与开发 › 基本配置 中把它加入白名单。",
    40005: "图片格式不受支持：只接受 JPG、PNG。",
    40009: "图片大于 1 MB。",
    40007: "封面素材无效（media_id 不存在或已删除）。",
    41005: "缺少图片文件。",
    42001: "access_token 已过期。",
    45002: "正文超过公众号上限。",
    45003: "标题超过公众号上限（32 字）。",
    45004: "摘要超过公众号上限（128 字）。",
    45110: "作者超过公众号上限（16 字）。",
    45009: "今天调用公众号接口的次数已用完，请明天再试。",
    48001: "该公众号没有此接口的权限：未认证的公众号和个人号不能通过接口发布，请到公众平台手动发表。",
    53503: "该草稿未通过发布检查，请到公众平台查看原因。",
    53504: "该草稿需到公众平台官网使用，请手动发表。",
    53505: "请到公众平台手动保存草稿后再发表。",
    53600: "发布内容的 article_id 无效。",
}
TOKEN_CODES = {40001, 42001, 40014}
BUSY_RETRIES, BUSY_PAUSE = 3, 0.5


class WeChatError(Exception):
    def __init__(self, code, message=""):
        self.code = code
        super().__init__(MESSAGES.get(code, f"微信接口返回错误 {code}：{message}"))


class Client:
    def __init__(self, app_id, secret, base=None, timeout=10):
        self.app_id, self.secret = app_id, secret
        self.base = (base or settings.WECHAT_API_BASE).rstrip("/")
        self.timeout = timeout

    # -- plumbing ------------------------------------------------------------------------

    def _request(self, method, path, body=b"", content_type="application/json"):
        try:
            connection, target = outbound.connection(
                self.base + path, self.timeout, allow_private=settings.WECHAT_API_ALLOW_PRIVATE
            )
        except outbound.OutboundRefused as error:
            raise WeChatError(-2, str(error)) from error
        try:
            connection.request(method, target, body=body or None, headers={"Content-Type": content_type})
            response = connection.getresponse()
            data = response.read()
        except OSError as error:
            raise WeChatError(-1, str(error)) from error
        finally:
            connection.close()
        try:
            return json.loads(data.decode() or "{}")
        except ValueError:
            raise WeChatError(-1, "无法解析的应答") from None

    def token(self, fresh=False):
        key = f"wechat-token:{self.app_id}"
        found = None if fresh else cache.get(key)
        if found:
            return found
        answer = self._request(
            "GET", f"/cgi-bin/token?grant_type=client_credential&appid={self.app_id}&secret={self.secret}"
        )
        if answer.get("errcode"):
            raise WeChatError(answer["errcode"], answer.get("errmsg", ""))
        cache.set(key, answer["access_token"], max(60, int(answer.get("expires_in", 7200)) - 300))
        return answer["access_token"]

    def call(self, path, payload=None, files=None, query=""):
        """POST to ``path`` with the token; retried as the module says."""
        refreshed, busy = False, 0
        while True:
            url = f"{path}?access_token={self.token(fresh=refreshed)}{query}"
            if files:
                body, content_type = _multipart(files)
            else:
                body, content_type = json.dumps(payload or {}, ensure_ascii=False).encode(), "application/json"
            answer = self._request("POST", url, body, content_type)
            code = answer.get("errcode", 0)
            if not code:
                return answer
            if code in TOKEN_CODES and not refreshed:
                refreshed = True
                continue
            if code == -1 and busy < BUSY_RETRIES:
                busy += 1
                time.sleep(BUSY_PAUSE * busy)
                continue
            raise WeChatError(code, answer.get("errmsg", ""))

    # -- the calls ---------------------------------------------------------------------

    def upload_image(self, data, name="image.jpg"):
        return self.call("/cgi-bin/media/uploadimg", files={"media": (name, data, "image/jpeg")})["url"]

    def add_cover(self, data, name="cover.jpg"):
        answer = self.call(
            "/cgi-bin/material/add_material", files={"media": (name, data, "image/jpeg")}, query="&type=image"
        )
        return answer["media_id"]

    def add_draft(self, article):
        return self.call("/cgi-bin/draft/add", {"articles": [article]})["media_id"]

    def submit(self, media_id):
        return self.call("/cgi-bin/freepublish/submit", {"media_id": media_id})["publish_id"]

    def status(self, publish_id):
        return self.call("/cgi-bin/freepublish/get", {"publish_id": publish_id})

    def delete(self, article_id):
        self.call("/cgi-bin/freepublish/delete", {"article_id": article_id, "index": 0})


def _multipart(files):
    boundary = uuid.uuid4().hex
    chunks = []
    for field_name, (filename, data, content_type) in files.items():
        chunks += [
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="{field_name}"; filename="{filename}"\r\n'.encode(),
            f"Content-Type: {content_type}\r\n\r\n".encode(),
            data,
            b"\r\n",
        ]
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"
