"""The redirects screen: Editors list, search, add and remove redirects."""

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from masthead.editorial import roles
from masthead.redirects.models import Redirect

pytestmark = pytest.mark.django_db

LIST = reverse("admin:redirects_redirect_changelist")
ADD = reverse("admin:redirects_redirect_add")
_numbers = itertools.count(1)


def staff(role):
    user = User.objects.create_user(
        f"{role.lower()}{next(_numbers)}", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(client):
    user = staff(roles.EDITOR)
    client.force_login(user)
    client.user = user
    return client


def test_the_editor_role_holds_the_redirect_permissions():
    user = User.objects.get(pk=staff(roles.EDITOR).pk)
    for action in ("view", "add", "change", "delete"):
        assert user.has_perm(f"redirects.{action}_redirect")


def test_the_list_shows_redirects_and_searches_by_path(editor):
    Redirect.objects.create(old_path="/articles/budget/", new_path="/articles/b2/")
    Redirect.objects.create(old_path="/sections/city/", new_path="/sections/town/")
    page = editor.get(LIST).content.decode()
    assert "/articles/budget/" in page and "/sections/city/" in page
    found = editor.get(LIST, {"q": "budget"}).content.decode()
    assert "/articles/budget/" in found and "/sections/city/" not in found


def test_an_editor_adds_a_redirect_recorded_as_theirs(editor):
    response = editor.post(ADD, {"old_path": "/old-campaign/", "new_path": "/"})
    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.new_path) == ("/old-campaign/", "/")
    assert redirect.kind == Redirect.Kind.EDITOR and redirect.created_by == editor.user


def test_an_added_redirect_to_a_redirected_address_is_stored_collapsed(editor):
    Redirect.objects.create(old_path="/b/", new_path="/c/")
    editor.post(ADD, {"old_path": "/a/", "new_path": "/b/"})
    assert Redirect.objects.get(old_path="/a/").new_path == "/c/"


def test_a_refused_redirect_comes_back_with_the_reason_and_what_was_typed(editor):
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    response = editor.post(ADD, {"old_path": "/a/", "new_path": "/b/"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "readers would go round in a loop" in page
    assert 'value="/a/"' in page and 'value="/b/"' in page
    response = editor.post(ADD, {"old_path": "https://x.example/a", "new_path": "/"})
    assert "without https:// or a host name" in response.content.decode()
    assert Redirect.objects.count() == 1


def test_the_old_address_cannot_be_edited_but_the_target_can(editor):
    redirect = Redirect.objects.create(old_path="/old/", new_path="/a/")
    url = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    assert 'name="old_path"' not in editor.get(url).content.decode()
    editor.post(url, {"old_path": "/hijack/", "new_path": "/b/"})
    redirect.refresh_from_db()
    assert (redirect.old_path, redirect.new_path) == ("/old/", "/b/")


def test_an_editor_removes_a_redirect(editor):
    redirect = Redirect.objects.create(old_path="/old/", new_path="/a/")
    url = reverse("admin:redirects_redirect_delete", args=[redirect.pk])
    assert editor.post(url, {"post": "yes"}).status_code == 302
    assert not Redirect.objects.exists()


def test_authors_and_contributors_may_not_manage_redirects(client):
    Redirect.objects.create(old_path="/old/", new_path="/a/")
    for role in (roles.AUTHOR, roles.CONTRIBUTOR):
        client.force_login(staff(role))
        assert client.get(LIST).status_code == 403
        assert client.post(ADD, {"old_path": "/x/", "new_path": "/"}).status_code == 403
    assert Redirect.objects.count() == 1
