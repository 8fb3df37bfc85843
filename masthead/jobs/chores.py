"""Periodic work the worker does on every tick, registered by the apps that own it.

An app registers its chores in its AppConfig.ready(), as Django's system
checks register themselves, so the worker knows no app:

    chores.register(publish_due_articles)                # every tick
    chores.register(truncate_old_ips, daily=True)        # once a day

A chore is called with ``log`` (a function taking one line) and returns
nothing; it logs what it did.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Chore:
    function: object
    daily: bool = False

    @property
    def name(self):
        return f"{self.function.__module__}.{self.function.__qualname__}"


_registry: dict[str, Chore] = {}


def register(function, *, daily=False):
    """Run ``function(log=...)`` on every worker tick (or once a day); idempotent."""
    chore = Chore(function, daily)
    _registry.setdefault(chore.name, chore)
    return function


def registered():
    return list(_registry.values())


def run_due(*, log, today, daily_done):
    """Run every chore due on this tick, in the order the apps registered them.

    ``daily_done`` is the worker's own {chore name: day it last ran}: each
    worker process does its daily chores once a day from its start.
    """
    for chore in registered():
        if chore.daily:
            if daily_done.get(chore.name) == today:
                continue
            daily_done[chore.name] = today
        chore.function(log=log)
