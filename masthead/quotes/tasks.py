"""Quote extraction as a background job, run by `masthead worker`."""

from masthead.jobs.queue import job


@job()
def extract_quotes_task(article_id):
    from .services import extract_by_id

    return extract_by_id(article_id=article_id)
