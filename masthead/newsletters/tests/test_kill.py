"""SIGKILL in the middle of an edition to 2,000 subscribers (issue 23's second bar).

A real `masthead worker` sends to a counting SMTP server process; it is
killed with SIGKILL when a third of the edition has arrived, a second worker
is started, and the server's own count must show every subscriber exactly
once. Runs on a SQLite file of its own (the processes cannot see the test
database), so it needs no database fixture.
"""

import pytest

from .scenario import Scenario, kill_in_the_middle

COUNT = 2000


@pytest.fixture
def scenario(tmp_path):
    running = Scenario(tmp_path, lease=2, batch=100)
    yield running
    running.stop()


def test_a_killed_worker_resumes_with_no_recipient_twice_and_none_skipped(scenario):
    run = kill_in_the_middle(scenario, COUNT)
    recipients = [recipient for _, recipient, _ in run.received]
    assert len(recipients) == COUNT, scenario.edition_state()
    assert run.duplicates == 0
    assert len(set(recipients)) == COUNT
    assert len({message_id for _, _, message_id in run.received}) == COUNT
    assert run.segments[0][0] < COUNT  # the kill came in the middle
    assert scenario.edition_state().startswith("sent")
