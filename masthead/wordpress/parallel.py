"""A function run over each batch's posts in forked worker processes (issue 22).

Preparing a post (prepared.py: its XML read, its body converted and
rendered, its comments rendered and built into rows) is pure work, most of a
large import's CPU: the workers do it for one batch while the importer
writes the batch before. They are forked after the importer's first pass, so
they share its settings and everything prepared.adopt() gave them; they
touch no database. Small files (and tests) prepare in-process: a pool costs
more to start than they take.
"""

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

CHUNK = 8  # posts sent to a worker at once


class Preparer:
    """function(post) for many posts, in `workers` processes when > 1.
    `function` is a module-level function (workers find it by name)."""

    def __init__(self, function, workers=1):
        self.function, self.pool = function, None
        if workers > 1:
            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(
                workers, mp_context=context,
                initializer=_end_with, initargs=(os.getpid(),),
            )  # fmt: skip

    def submit(self, posts):
        """Start on the posts; returns a callable that gives their results."""
        if self.pool is None or not posts:
            return lambda: [self.function(post) for post in posts]
        pending = self.pool.map(self.function, posts, chunksize=CHUNK)
        return lambda: list(pending)

    def close(self):
        if self.pool is not None:
            self.pool.shutdown()


def _end_with(parent):
    """A worker ends when the importer does: killed with SIGKILL (issue 22's
    "kill it and run it again"), the importer runs no shutdown, and its
    workers would wait on their queue forever."""

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
