"""A job for the kill test: its first run blocks (to be killed), later ones finish."""

import time
from pathlib import Path

from masthead.jobs.queue import job


@job()
def first_run_hangs(folder):
    marker = Path(folder) / "started"
    if not marker.exists():
        marker.write_text("1")
        time.sleep(120)  # the test kills the worker here
    (Path(folder) / "finished").write_text("done")
    return "finished"
