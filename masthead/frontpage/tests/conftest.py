import itertools

import pytest

_numbers = itertools.count(1)


@pytest.fixture
def make_user(db):
    """A staff account holding one of the newsroom's roles (from the migrations)."""
    from django.contrib.auth.models import Group, User

    def make(role):
        user = User.objects.create_user(
            f"{role.lower()}{next(_numbers)}", password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return User.objects.get(pk=user.pk)  # fresh: no stale permission cache

    return make


@pytest.fixture
def editor(make_user):
    return make_user("Editor")
