"""The rules for old addresses and targets: plain strings, no database."""

import pytest

from masthead.redirects import paths


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("https://news.example.com/articles/old/", "host"),
        ("//news.example.com/articles/old/", "host"),
        ("articles/old/", "relative"),
        ("/articles/old/?utm_source=x", "query"),
        ("/articles/old/#comments", "query"),
        ("/articles/old slug/", "blank"),
        ("/articles/old\x00/", "blank"),
        ("   ", "required"),
    ],
)
def test_an_old_address_must_be_a_bare_path_on_this_site(typed, code):
    with pytest.raises(paths.PathError) as refused:
        paths.clean_old_path(typed)
    assert refused.value.code == code
    assert str(refused.value)  # a sentence for the editor


def test_an_old_address_is_kept_decoded_as_django_sees_request_path():
    assert paths.clean_old_path("  /caf%C3%A9/ ") == "/café/"
    assert paths.clean_old_path("/articles/old/") == "/articles/old/"


@pytest.mark.parametrize(
    "target",
    ["/articles/new/", "/sections/city/?page=2", "/", "https://archive.example.org/x"],
)
def test_a_target_is_a_site_path_or_an_https_address(target):
    assert paths.clean_target(target) == target


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("http://archive.example.org/x", "http"),
        ("//evil.example/", "target"),
        ("/\\evil.example/", "target"),
        ("javascript:alert(1)", "target"),
        ("https://news.example.com@evil.example/", "target"),
        ("https:///no-host", "target"),
        ("articles/new/", "target"),
        ("/articles/new slug/", "blank"),
    ],
)
def test_targets_that_would_leave_the_site_unseen_are_refused(typed, code):
    with pytest.raises(paths.PathError) as refused:
        paths.clean_target(typed)
    assert refused.value.code == code


def test_site_path_is_the_decoded_path_of_a_target_on_this_site():
    assert paths.site_path("/sections/city/?page=2#top") == "/sections/city/"
    assert paths.site_path("/caf%C3%A9/") == "/café/"
    assert paths.site_path("https://archive.example.org/x") is None
    assert paths.site_path("//evil.example/") is None


def test_the_request_query_string_is_passed_on_unless_the_target_has_its_own():
    assert paths.with_query("/sections/city/", "page=2") == "/sections/city/?page=2"
    assert paths.with_query("/a/#top", "page=2") == "/a/?page=2#top"
    assert paths.with_query("/a/?from=old", "page=2") == "/a/?from=old"
    assert paths.with_query("/a/", "") == "/a/"
