"""A full disk (ENOSPC, or a quota) is a message, not a 500, and leaves no orphan file.

Storages mix in ``TrackedSaves``: each file stored while a request (or a block inside
``cleaned_up_on_failure``) runs is remembered. When storing fails because the disk is full,
the files this request had already stored are deleted again (the database work rolled back
with the transaction, so nothing points at them), and the reader or editor gets a page that
says what happened — or, where a view catches it (the public takedown notice), the same form
again with everything typed still in it.
"""

import contextvars
import errno
import logging
from contextlib import contextmanager

from django.shortcuts import render

logger = logging.getLogger("linli.storage")
_saved = contextvars.ContextVar("linli_saved_files", default=None)
FULL = {errno.ENOSPC, errno.EDQUOT}
MESSAGE = "服务器存储空间已满，本次提交没有保存（已上传的文件也已清除）。请稍后再试，或联系网站管理员。"


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in FULL


class TrackedSaves:
    def _save(self, name, content):
        name = super()._save(name, content)
        saved = _saved.get()
        if saved is not None:
            saved.append((self, name))
        return name


def _delete(saved):
    for storage, name in saved:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete %s after a failed save", name, exc_info=True)
    saved.clear()


@contextmanager
def cleaned_up_on_failure():
    """Delete the files stored inside the block if the block raises."""
    saved = []
    token = _saved.set(saved)
    try:
        yield
    except BaseException:
        _delete(saved)
        raise
    finally:
        _saved.reset(token)


class DiskFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        token = _saved.set([])
        try:
            return self.get_response(request)
        finally:
            _saved.reset(token)

    def process_exception(self, request, exception):
        if not is_disk_full(exception):
            return None
        logger.error("disk full while saving %s", request.path)
        _delete(_saved.get() or [])
        return render(request, "disk_full.html", {"message": MESSAGE}, status=507)
