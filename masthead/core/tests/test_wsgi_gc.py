import gc

import pytest

from masthead.wsgi import FrozenAfterWarmUp


class Built:
    """What a request leaves for later ones: a compiled template, a kept row."""


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def collectable(obj):
    return any(o is obj for o in gc.get_objects())  # frozen objects are not listed


def test_a_worker_freezes_at_start_and_once_more_after_its_warm_up(unfrozen):
    loaded = Built()
    kept = []

    def app(environ, start_response):
        kept.append(Built())
        return [b"ok"]

    worker = FrozenAfterWarmUp(app, warm_up=3)
    assert not collectable(loaded)
    worker({}, None)
    worker({}, None)
    assert all(collectable(built) for built in kept)
    assert worker({}, None) == [b"ok"]
    assert not any(collectable(built) for built in kept)
    worker({}, None)
    assert collectable(kept[-1])  # after the warm-up, requests' leftovers are collected
