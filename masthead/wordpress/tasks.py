"""The import's background work, run by `masthead worker`."""

from masthead.jobs.queue import job
from masthead.quotes import services as quotes

from .models import ImportedPost


@job()
def extract_imported_quotes(site_id):
    """Read the quotes of every published story one import brought in.

    One job for the whole import, queued when it ends, rather than one per
    article: the import never waits for the extractor, and a 100,000-post
    site queues one row, not 100,000 (issue 22).
    """
    ids = (
        ImportedPost.objects.filter(site_id=site_id, article__status="published")
        .order_by("article_id").values_list("article_id", flat=True)
    )
    read = 0
    for article_id in ids.iterator(chunk_size=500):
        read += quotes.extract_by_id(article_id=article_id) is not None
    return read
