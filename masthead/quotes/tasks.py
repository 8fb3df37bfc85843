"""Quote extraction as a background job, run by `masthead worker`."""

from masthead.jobs.queue import enqueue_on_commit, job

from .services import extract_by_id


@job()
def extract_quotes_task(article_id):
    return extract_by_id(article_id=article_id)


def schedule_extraction(*, article_id):
    """Queue the article for the worker once the saving transaction commits.

    The editor's save pays for one INSERT into the job table; the reading
    itself happens in `masthead worker`.
    """
    enqueue_on_commit(extract_quotes_task, article_id)
