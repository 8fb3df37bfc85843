"""Authenticator apps and recovery codes (accounts/twofactor.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import totp

from masthead.accounts import twofactor
from masthead.accounts.models import TwoFactorRequirement

pytestmark = pytest.mark.django_db


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "ed", "ed@example.org", "pw", is_staff=True
    )


def test_an_app_counts_only_once_its_first_code_is_confirmed(editor):
    device = twofactor.pending_app(editor)
    assert not twofactor.is_enrolled(editor)
    assert twofactor.pending_app(editor) == device  # reloading the page keeps the key
    codes = twofactor.confirm_app(device, code_for(device))
    assert len(codes) == 10 and len(set(codes)) == 10
    assert twofactor.is_enrolled(editor)


def test_a_wrong_code_does_not_confirm_the_app(editor):
    device = twofactor.pending_app(editor)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    assert twofactor.confirm_app(device, wrong) is None
    assert not twofactor.is_enrolled(editor)


def test_a_recovery_code_works_once(editor):
    device = twofactor.pending_app(editor)
    [first, *_] = twofactor.confirm_app(device, code_for(device))
    assert twofactor.matching_device(editor, first).name == twofactor.RECOVERY
    assert twofactor.matching_device(editor, first) is None


def test_new_recovery_codes_replace_the_old(editor):
    device = twofactor.pending_app(editor)
    old = twofactor.confirm_app(device, code_for(device))
    new = twofactor.new_recovery_codes(editor)
    assert twofactor.matching_device(editor, new[0]) is not None
    assert twofactor.matching_device(editor, old[0]) is None


def test_a_wrong_or_empty_code_matches_nothing(editor):
    device = twofactor.pending_app(editor)
    twofactor.confirm_app(device, code_for(device))
    assert twofactor.matching_device(editor, "") is None
    assert twofactor.matching_device(editor, "12345678901") is None


def test_requirement_follows_the_role(editor):
    editors = Group.objects.get_or_create(name="Editor")[0]
    editor.groups.add(editors)
    assert not twofactor.is_required(editor)
    TwoFactorRequirement.objects.create(group=editors, required=True)
    assert twofactor.is_required(editor)


def test_reset_command_removes_every_device(editor):
    device = twofactor.pending_app(editor)
    twofactor.confirm_app(device, code_for(device))
    call_command("reset_two_factor", "ed")
    assert not twofactor.is_enrolled(editor)


def test_session_state_says_what_an_unverified_session_must_do(
    editor, django_assert_num_queries
):
    editors = Group.objects.create(name="Desk editors")
    editor.groups.add(editors)
    with django_assert_num_queries(1):
        assert twofactor.session_state(editor) == "ok"
    TwoFactorRequirement.objects.create(group=editors)
    assert twofactor.session_state(editor) == "enrol"
    device = twofactor.pending_app(editor)
    twofactor.confirm_app(device, code_for(device))
    assert twofactor.session_state(editor) == "verify"
