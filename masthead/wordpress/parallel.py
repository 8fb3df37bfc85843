"""Story and comment bodies prepared in worker processes (issue 22).

Turning a post's WordPress HTML into a story body, rendering its Markdown
through the sanitizer, and the same for each of its comments is pure string
work, about two thirds of a large import's CPU: the workers do it for one
batch while this process writes the batch before. The workers are forked
from the importer after its first pass, so they share its settings and its
plan of every post's new address (for rewriting links); they touch no
database. What a body shows from the database (pictures, embeds) is looked
up by the writer, which renders only the blocks. Small files (and tests)
prepare in-process: a pool costs more to start than they take.
"""

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from masthead.core import story
from masthead.core.sanitize import render_article_body, render_comment_body

from . import bodies, mapping

CHUNK = 8  # posts sent to a worker at once
_run = None  # the importer's run, in each worker (set by _adopt)


@dataclass
class Prepared:
    """One post, ready to write: its body, the HTML of the body's text between
    blocks, the links to the old site it could not rewrite, and its comments'
    (Markdown, HTML)."""

    body: bodies.Body
    pieces: dict = field(default_factory=dict)
    unlinked: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    def render_text(self, piece):
        """For render_story(): the worker's HTML for a piece it has seen."""
        found = self.pieces.get(piece)
        return render_article_body(piece) if found is None else found


def comment_markup(content, own=None):
    """(comment Markdown, its HTML): `own` is Markdown Masthead exported itself."""
    body = own if own is not None else mapping.comment_body(content)
    return body, render_comment_body(body)


def prepare(post):
    """post: (wp id, content, Markdown Masthead exported itself or None,
    [(comment content, own Markdown or None)])."""
    wp_id, content, own, comments = post
    unlinked = []
    if own is None:
        body = bodies.convert(content, library=_run.library, post_id=wp_id,
                              links=lambda href: _link(href, unlinked))  # fmt: skip
    else:
        body = bodies.Body(own)
    return Prepared(
        body=body, pieces=_pieces(body.markdown), unlinked=unlinked,
        comments=[comment_markup(*source) for source in comments],
    )  # fmt: skip


def _link(href, unlinked):
    new, found = _run.link(href)
    if not found:
        unlinked.append(href)
    return new


def _pieces(markdown):
    try:
        pieces = story.parse(markdown)
    except story.StoryError:  # the writer renders it as plain Markdown
        return {}
    return {piece: render_article_body(piece) for piece in pieces if isinstance(piece, str)}


def _adopt(run):
    global _run
    _run = run


class Preparer:
    """prepare() for many posts, in `workers` processes when > 1."""

    def __init__(self, run, workers=1):
        self.pool = None
        _adopt(run)
        if workers > 1:
            context = multiprocessing.get_context("fork")
            # Forked: each worker has _run too.
            self.pool = ProcessPoolExecutor(
                workers, mp_context=context,
                initializer=_end_with, initargs=(os.getpid(),),
            )  # fmt: skip

    def submit(self, posts):
        """Start on the posts; returns a callable that gives their Prepared."""
        if self.pool is None or not posts:
            return lambda: [prepare(post) for post in posts]
        pending = self.pool.map(prepare, posts, chunksize=CHUNK)
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
