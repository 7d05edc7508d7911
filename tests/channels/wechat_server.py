"""A WeChat Official Account API of our own, on loopback, for the tests (the real
api.weixin.qq.com cannot be reached from here and must not be written to by tests): the
documented endpoints, limits and error codes of draft/add, media/uploadimg,
material/add_material, freepublish/submit, /get, /delete and draft/delete, as of 2025.

Knobs a test sets: ``busy`` (answer -1 that many times), ``expire_next`` (answer 42001 once),
``refuse_ip`` (40164 on the token), ``unverified`` (48001 on freepublish)."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

IMAGE_HOST = "https://mmbiz.qpic.cn/mmbiz_jpg"


class State:
    def __init__(self, app_id, secret):
        self.app_id, self.secret = app_id, secret
        self.tokens, self.images, self.materials, self.drafts, self.published = set(), {}, {}, {}, {}
        self.publishes, self.deleted, self.calls = {}, [], []
        self.busy, self.expire_next, self.refuse_ip, self.unverified = 0, False, False, False


def _multipart_file(handler, body):
    ctype = handler.headers.get("Content-Type", "")
    if "boundary=" not in ctype:
        return None, None
    boundary = ctype.split("boundary=")[1].encode()
    for part in body.split(b"--" + boundary):
        if b'name="media"' in part:
            head, _, data = part.partition(b"\r\n\r\n")
            return head.decode(errors="replace"), data.rsplit(b"\r\n", 1)[0]
    return None, None


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args):
        pass

    def _send(self, payload):
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        s = self.state
        s.calls.append(parts.path)
        if parts.path != "/cgi-bin/token":
            return self._send({"errcode": 40001, "errmsg": "invalid credential"})
        if s.refuse_ip:
            return self._send({"errcode": 40164, "errmsg": "invalid ip 127.0.0.1, not in whitelist"})
        if query.get("appid") != s.app_id:
            return self._send({"errcode": 40013, "errmsg": "invalid appid"})
        if query.get("secret") != s.secret:
            return self._send({"errcode": 40125, "errmsg": "invalid appsecret"})
        token = uuid.uuid4().hex
        s.tokens.add(token)
        return self._send({"access_token": token, "expires_in": 7200})

    def do_POST(self):
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        s = self.state
        s.calls.append(parts.path)
        if query.get("access_token") not in s.tokens:
            return self._send({"errcode": 40001, "errmsg": "invalid credential"})
        if s.expire_next:
            s.expire_next = False
            s.tokens.discard(query.get("access_token"))
            return self._send({"errcode": 42001, "errmsg": "access_token expired"})
        if s.busy:
            s.busy -= 1
            return self._send({"errcode": -1, "errmsg": "system error"})
        route = getattr(self, "api_" + parts.path.removeprefix("/cgi-bin/").replace("/", "_"), None)
        if route is None:
            return self._send({"errcode": 404, "errmsg": "no such api"})
        return self._send(route(body, query))

    # -- the endpoints -------------------------------------------------------------------

    def _image(self, body):
        head, data = _multipart_file(self, body)
        if data is None:
            return None, {"errcode": 41005, "errmsg": "media data missing"}
        if not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
            return None, {"errcode": 40005, "errmsg": "invalid file type"}
        if len(data) > 1_000_000:
            return None, {"errcode": 40009, "errmsg": "invalid image size"}
        return data, None

    def api_media_uploadimg(self, body, query):
        data, error = self._image(body)
        if error:
            return error
        url = f"{IMAGE_HOST}/{uuid.uuid4().hex}/0"
        self.state.images[url] = data
        return {"url": url}

    def api_material_add_material(self, body, query):
        if query.get("type") != "image":
            return {"errcode": 40004, "errmsg": "invalid media type"}
        data, error = self._image(body)
        if error:
            return error
        media_id = uuid.uuid4().hex
        self.state.materials[media_id] = data
        return {"media_id": media_id, "url": f"{IMAGE_HOST}/{media_id}/0"}

    def api_draft_add(self, body, query):
        article = json.loads(body)["articles"][0]
        if len(article.get("title", "")) > 32:
            return {"errcode": 45003, "errmsg": "title size out of limit"}
        if len(article.get("author", "")) > 16:
            return {"errcode": 45110, "errmsg": "author size out of limit"}
        if len(article.get("digest", "")) > 128:
            return {"errcode": 45004, "errmsg": "description size out of limit"}
        content = article.get("content", "")
        if len(content) >= 20_000 or len(content.encode()) >= 1_000_000:
            return {"errcode": 45002, "errmsg": "content size out of limit"}
        if article.get("thumb_media_id") not in self.state.materials:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        media_id = uuid.uuid4().hex
        self.state.drafts[media_id] = article
        return {"media_id": media_id}

    def api_draft_delete(self, body, query):
        media_id = json.loads(body).get("media_id")
        if self.state.drafts.pop(media_id, None) is None:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        self.state.deleted.append(media_id)
        return {"errcode": 0, "errmsg": "ok"}

    def api_freepublish_submit(self, body, query):
        if self.state.unverified:
            return {"errcode": 48001, "errmsg": "api unauthorized"}
        media_id = json.loads(body).get("media_id")
        if media_id not in self.state.drafts:
            return {"errcode": 40007, "errmsg": "invalid media_id"}
        publish_id = str(len(self.state.publishes) + 2247483647)
        article_id = uuid.uuid4().hex
        self.state.publishes[publish_id] = {"media_id": media_id, "article_id": article_id, "polled": 0}
        self.state.published[article_id] = self.state.drafts.pop(media_id)  # published drafts leave the box
        return {"errcode": 0, "errmsg": "ok", "publish_id": publish_id, "msg_data_id": 2247483647}

    def api_freepublish_get(self, body, query):
        job = self.state.publishes.get(json.loads(body).get("publish_id"))
        if job is None:
            return {"errcode": 40007, "errmsg": "invalid publish_id"}
        job["polled"] += 1
        if job["polled"] == 1:
            return {"publish_id": "x", "publish_status": 1}  # 发布中 at first
        return {
            "publish_id": "x",
            "publish_status": 0,
            "article_id": job["article_id"],
            "article_detail": {
                "count": 1,
                "item": [{"idx": 1, "article_url": f"https://mp.weixin.qq.com/s/{job['article_id'][:22]}"}],
            },
        }

    def api_freepublish_delete(self, body, query):
        article_id = json.loads(body).get("article_id")
        if self.state.published.pop(article_id, None) is None:
            return {"errcode": 53600, "errmsg": "Article ID 无效"}
        self.state.deleted.append(article_id)
        return {"errcode": 0, "errmsg": "ok"}


def start(app_id="wx0123456789abcdef", secret="s3cr3t-app-secret-for-tests"):
    """(server, state): serving on 127.0.0.1, a free port, in a thread; ``server.shutdown()``."""
    state = State(app_id, secret)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state
