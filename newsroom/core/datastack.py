"""Every request runs in one roomy stretch of CPython's frame stack.

CPython (3.11 on) keeps the frames of Python calls on a per-thread "data stack" made of 16 KiB
chunks. A call that does not fit in the current chunk maps a new one (``mmap``) and its return
unmaps it again (CPython issue gh-142183, fixed in 3.13 and 3.14 in 2026; not in 3.11). A loop
whose calls sit at a chunk's edge — where that edge falls depends on how deep the request
happens to be when the loop runs — then pays an ``mmap``, a ``munmap`` and a page fault for every
call. The article change page with 40 photos made some 5,700 such pairs and 8,000 page faults a
request, in the macros of its photo cards (rendered deep inside the admin's templates), and
spent 40 % of its time there (2026; the photo list of the page is now far smaller).

``call_in_roomy_frame`` calls a function above a frame that asks for 512 KiB of data stack:
CPython gives that frame a chunk of its own of 1 MiB, and every frame below it fits in the
chunk's other half, so no call maps memory. Pages that no frame reaches are never touched.

- ``RoomySyncWorker`` (``gunicorn --worker-class newsroom.core.datastack.RoomySyncWorker``, as
  ``docs/linli.service`` and the benchmarks run it): gunicorn's sync worker with its whole
  request loop above one reserved frame, mapped once for the worker's life.
- ``RoomyStackMiddleware`` (first in ``MIDDLEWARE``): a request that does not already run above
  one (``runserver``, the test client, another server) gets its own, at the price of one
  ``mmap``/``munmap`` and a few page faults per request (~20 µs).

The condition for removal: the runtime is CPython 3.13 or later (or not CPython), where the
data stack no longer maps and unmaps chunks at their edge. ``NEEDED`` says so, and both the
worker and the middleware pass straight through when it is false; delete this module, its
``MIDDLEWARE`` line and the worker class in ``docs/linli.service`` once production runs 3.13+.
"""

import sys
import threading
import types

from gunicorn.workers.sync import SyncWorker

RESERVED_SLOTS = 1 << 16  # 8 bytes each: 512 KiB, so CPython allocates a 1 MiB chunk


def _call(function, *args):
    return function(*args)


# ``_call`` with room for RESERVED_SLOTS values on its evaluation stack: CPython sizes a frame
# from its code's ``co_stacksize``; a larger one than the code needs is only reserved, never used.
call_in_roomy_frame = types.FunctionType(
    _call.__code__.replace(
        co_stacksize=RESERVED_SLOTS, co_name="call_in_roomy_frame", co_qualname="call_in_roomy_frame"
    ),
    {},
)


_thread = threading.local()

#: Only CPython before 3.13 has the chunk-edge thrashing (gh-142183) this module works around.
NEEDED = sys.implementation.name == "cpython" and sys.version_info < (3, 13)


def run_in_roomy_frame(function, *args):
    """``function(*args)`` above a reserved frame, unless this thread already runs above one."""
    if not NEEDED or getattr(_thread, "roomy", False):
        return function(*args)
    _thread.roomy = True
    try:
        return call_in_roomy_frame(function, *args)
    finally:
        _thread.roomy = False


class RoomySyncWorker(SyncWorker):
    def run(self):
        run_in_roomy_frame(super().run)


class RoomyStackMiddleware:
    """Everything after it runs above a reserved frame."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return run_in_roomy_frame(self.get_response, request)
