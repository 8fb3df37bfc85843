"""Chains collapse, loops are refused, and live pages take their address back."""

import pytest

from masthead.redirects import services
from masthead.redirects.models import Redirect

pytestmark = pytest.mark.django_db


def rows():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def add(old, new):
    return services.save_redirect(redirect=Redirect(old_path=old, new_path=new))


def test_a_new_hop_rewrites_the_rows_that_led_to_it():
    services.record_move(old_path="/a/", new_path="/b/")
    services.record_move(old_path="/b/", new_path="/c/")
    assert rows() == {"/a/": "/c/", "/b/": "/c/"}


def test_a_redirect_to_a_redirected_address_is_stored_to_the_final_one():
    add("/b/", "/c/")
    add("/a/", "/b/")
    assert rows() == {"/a/": "/c/", "/b/": "/c/"}


def test_rows_that_led_to_it_with_a_query_string_are_rewritten_too():
    add("/campaign/", "/b/?from=campaign")
    add("/b/", "/c/")
    assert rows()["/campaign/"] == "/c/"


def test_a_redirect_leading_back_to_its_own_address_is_refused():
    add("/a/", "/b/")
    with pytest.raises(services.RedirectLoop):
        add("/b/", "/a/")
    with pytest.raises(services.RedirectLoop):
        add("/c/", "/c/?again=1")
    assert rows() == {"/a/": "/b/"}
    assert services.leads_back(old_path="/b/", new_path="/a/")
    assert not services.leads_back(old_path="/d/", new_path="/a/")


def test_an_address_taken_back_is_released_from_its_redirect():
    add("/a/", "/b/")
    add("/x/", "/y/")
    services.release(addresses=["/a/", "/nothing-here/"])
    assert rows() == {"/x/": "/y/"}


def test_another_sites_address_is_a_final_target():
    add("/old-archive/", "https://archive.example.org/2019/")
    add("/older/", "/old-archive/")
    assert rows()["/older/"] == "https://archive.example.org/2019/"


def test_moving_an_address_again_keeps_one_row_for_it():
    services.record_move(old_path="/a/", new_path="/b/")
    services.record_move(old_path="/a/", new_path="/z/")
    assert rows() == {"/a/": "/z/"}
    assert Redirect.objects.get().kind == Redirect.Kind.AUTOMATIC


MOVES = [
    ("/a/", "/b/"), ("/b/", "/c/"), ("/x/", "/y/?from=x"), ("/y/", "/z/"),
    ("/loop/", "/loop/"), ("/d/", "/e/"), ("/d/", "/f/"), ("/f/", "/d/"),
    ("/?p=1", "/articles/one/"), ("/p1/", "https://example.org/"), ("/g/", "/a/"),
    ("/campaign/", "/h/#top"), ("/h/", "/i/"), ("/caf%C3%A9/", "/j/"), ("/k/", "/café/"),
]  # fmt: skip


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_record_moves_leaves_the_rows_record_move_would_leave_one_by_one(chunk):
    add("/old/", "/a/")
    add("/before/", "/articles/one/?utm=1")
    expected_refusals = []
    for old, new in MOVES:
        try:
            services.record_move(old_path=old, new_path=new)
        except services.RedirectLoop:
            expected_refusals.append((old, new))
    expected = rows()
    Redirect.objects.all().delete()
    add("/old/", "/a/")
    add("/before/", "/articles/one/?utm=1")
    refused = services.record_moves(iter(MOVES), chunk=chunk)
    assert rows() == expected
    assert [(old, new) for old, new, _error in refused] == expected_refusals
