"""The newsletters' work in `masthead worker` (jobs/chores.py).

Every tick: confirmation emails, scheduled editions and digests that are
due, then sending, for at most SEND_BUDGET seconds so the worker's other
chores (publishing scheduled stories) are never held up for long by a big
edition; the next tick goes on where this one stopped. Once a day:
unconfirmed sign-ups are forgotten.
"""

import os
import socket

from django.utils.crypto import get_random_string

from . import confirmations, digests, editions, sending, services

SEND_BUDGET = 30.0
_RUN = get_random_string(6)


def worker_name():
    """This process's name in the ledger (a forked process gets its own)."""
    return f"{socket.gethostname()[:20]}-{os.getpid()}-{_RUN}"


def newsletters_chore(*, log):
    confirmed = confirmations.send_due(log=log)
    if confirmed:
        log(f"newsletter confirmation emails sent: {confirmed}")
    editions.start_due()
    digests.make_due(log=log)
    sent = sending.send_due(worker=worker_name(), log=log, budget=SEND_BUDGET)
    if sent:
        log(f"newsletter messages sent: {sent}")


def purge_unconfirmed_chore(*, log):
    forgotten = services.purge_unconfirmed()
    if forgotten:
        log(f"forgot {forgotten} newsletter sign-ups never confirmed")
