"""The counters behind staff login throttling (accounts/throttle.py)."""

import pytest

from masthead.accounts import throttle
from masthead.accounts.models import Lockout

pytestmark = pytest.mark.django_db


def fail(times, *, username="editor", ip="192.0.2.1"):
    for _ in range(times):
        throttle.record_failure(username=username, ip=ip)


def test_five_failures_lock_the_account_from_every_address():
    fail(4)
    assert throttle.refusal_for(username="editor", ip="198.51.100.9") is None
    fail(1)
    refusal = throttle.refusal_for(username="editor", ip="198.51.100.9")
    assert refusal is not None and 890 < refusal.seconds_left <= 900
    assert throttle.refusal_for(username="someone-else", ip="198.51.100.9") is None


def test_the_account_is_the_same_whatever_its_case_or_spaces():
    fail(5, username=" Editor ")
    assert throttle.refusal_for(username="editor", ip=None) is not None


def test_twenty_failures_lock_the_address_for_every_account():
    for n in range(19):
        fail(1, username=f"guess-{n}")
    assert throttle.refusal_for(username="editor", ip="192.0.2.1") is None
    fail(1, username="guess-19")
    assert throttle.refusal_for(username="editor", ip="192.0.2.1") is not None
    assert throttle.refusal_for(username="editor", ip="192.0.2.2") is None


def test_a_success_resets_the_accounts_count():
    fail(4)
    throttle.record_success(username="editor")
    fail(4)
    assert throttle.refusal_for(username="editor", ip=None) is None


def test_each_lockout_is_recorded_once_for_staff():
    fail(7)
    [lockout] = Lockout.objects.all()
    assert (lockout.scope, lockout.identifier, lockout.failures) == (
        "account",
        "editor",
        5,
    )
    assert lockout.is_active


def test_clearing_lifts_the_lock_and_forgets_the_failures():
    fail(5)
    throttle.clear(Lockout.objects.get().cache_key)
    assert throttle.refusal_for(username="editor", ip=None) is None
    fail(4)
    assert throttle.refusal_for(username="editor", ip=None) is None


def test_password_reset_requests_are_counted_apart_from_logins():
    for _ in range(5):
        throttle.record_failure(
            username="ed@example.org", ip="192.0.2.1", action="reset"
        )
    assert throttle.refusal_for(username="ed@example.org", ip=None, action="reset")
    assert throttle.refusal_for(username="ed@example.org", ip=None) is None


def test_the_message_says_when_to_try_again(settings):
    settings.TIME_ZONE = "UTC"
    refusal = throttle.Refusal(until=1_800_000_000.0)  # 2027-01-15 08:00 UTC
    assert "Try again after 08:00 (UTC)" in refusal.message


def test_limits_come_from_settings(settings):
    settings.MASTHEAD_LOGIN_FAILURES_PER_ACCOUNT = 2
    fail(2)
    assert throttle.refusal_for(username="editor", ip=None) is not None
