import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")

from masthead.core.compression import CompressionMiddleware  # noqa: E402
from masthead.core.metrics import CountedRequests  # noqa: E402
from masthead.core.requestlog import RequestLog  # noqa: E402
from masthead.pagecache.wsgi import CachedPagesApplication  # noqa: E402  (needs settings)

# Requests after which what a worker built to serve them is frozen too.
WARM_UP_REQUESTS = 200


class FrozenAfterWarmUp:
    """Moves a worker's long-lived objects out of the garbage collector's reach.

    Django, the apps and (after the first requests) the compiled templates,
    prepared queries and kept rows live as long as the process. Left to the
    collector, each full collection walks all of them: a 40–90 ms pause on
    this machine, during which every request queued on the worker waits,
    which is what a p99 measures. `gc.freeze()` at start-up and again after
    the warm-up leaves the collector only what requests leave behind
    (Instagram's practice; see the gc module's docs for freeze).
    """

    def __init__(self, application, warm_up=WARM_UP_REQUESTS):
        self.application = application
        self.requests_to_warm_up = warm_up
        gc.freeze()

    def __call__(self, environ, start_response):
        response = self.application(environ, start_response)
        if self.requests_to_warm_up:
            self.requests_to_warm_up -= 1
            if not self.requests_to_warm_up:
                gc.freeze()
        return response


# Compression outside the page cache's fast path: cached pages are compressed too.
# Counting and the request log outside both, so every response is counted and
# logged (core/metrics.py, core/requestlog.py).
application = FrozenAfterWarmUp(
    RequestLog(CountedRequests(
        CompressionMiddleware(CachedPagesApplication(get_wsgi_application()))
    ))
)
