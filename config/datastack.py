"""Every request runs in one roomy stretch of CPython's frame stack.

CPython (3.11 on) keeps the frames of Python calls on a per-thread "data stack" made of 16 KiB
chunks. A call that does not fit in the current chunk maps a new one (``mmap``) and its return
unmaps it again (CPython issue gh-142183, fixed in 3.13 and 3.14 in 2026; not in 3.11). A loop
whose calls sit at a chunk's edge — where that edge falls depends on how deep the request
happens to be when the loop runs — then pays an ``mmap``, a ``munmap`` and a page fault for every
call. The article change page with 40 photos made some 5,700 such pairs and 8,000 page faults a
request, in the Jinja2 macros of its photo cards (rendered deep inside the admin's templates),
and spent 40 % of its time there.

``RoomyStackMiddleware`` runs the rest of the request through ``call_in_roomy_frame``, a
function whose frame asks for 512 KiB of data stack: CPython gives it a chunk of its own of 1 MiB,
and every frame of the request below it fits in that chunk's other half, so no call maps memory.
The reservation costs one ``mmap``/``munmap`` per request; its pages that no frame reaches are
never touched, so it takes no memory. On a CPython with the fix it changes nothing but that.
"""

import types

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


class RoomyStackMiddleware:
    """First in ``MIDDLEWARE``: everything after it runs above the reserved frame."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return call_in_roomy_frame(self.get_response, request)
