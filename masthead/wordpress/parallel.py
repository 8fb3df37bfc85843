"""Comment bodies rendered in worker processes (issue 22).

Turning a comment's WordPress HTML into comment Markdown and rendering that
through the sanitizer is pure string work, about a tenth of a millisecond a
comment: on a large import the workers do it for a batch while this process
renders the batch's stories and writes its rows. The workers are forked from
the importer, so they share its settings; they touch no database. Small files
(and tests) render in-process: a pool costs more to start than they take.
"""

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from masthead.core.sanitize import render_comment_body

from . import mapping

CHUNK = 250  # comments sent to a worker at once


def comment_markup(content, own=None):
    """(comment Markdown, its HTML): `own` is Markdown Masthead exported itself."""
    body = own if own is not None else mapping.comment_body(content)
    return body, render_comment_body(body)


class Renderer:
    """comment_markup() for many comments, in `workers` processes when > 1."""

    def __init__(self, workers=1):
        self.pool = None
        if workers > 1:
            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(
                workers, mp_context=context,
                initializer=_end_with, initargs=(os.getpid(),),
            )  # fmt: skip

    def submit(self, sources):
        """Start on [(content, own)]; returns a callable that gives the results."""
        if self.pool is None or not sources:
            return lambda: [comment_markup(*source) for source in sources]
        contents, owns = zip(*sources, strict=True)
        pending = self.pool.map(comment_markup, contents, owns, chunksize=CHUNK)
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
