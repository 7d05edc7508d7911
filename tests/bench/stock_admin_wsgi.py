"""The WSGI application with the article change page as Django's admin renders it out of the box
(Django-template widgets, the stock stacked and tabular inlines): ``bench_admin --via server``
serves it with gunicorn beside the real one, as its baseline. Never deployed."""

import atexit

from config.wsgi import application  # noqa: F401  (what gunicorn serves)
from tests.bench.bench_admin import stock_admin

BASELINE = stock_admin()  # held: a context manager no longer referenced would undo itself
BASELINE.__enter__()  # for the life of this process
# Undone while the interpreter can still import (left to garbage collection at shutdown, its
# settings signals failed with "sys.meta_path is None").
atexit.register(BASELINE.__exit__, None, None, None)
