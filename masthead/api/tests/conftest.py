import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from masthead.api import services
from masthead.editorial.roles import AUTHOR, CONTRIBUTOR, EDITOR, ensure_roles


@pytest.fixture
def token_for(db):
    """A bearer header for a new user in the given role (None: no permissions)."""
    ensure_roles(Group, Permission)

    def make(role=None, username=None):
        user = get_user_model().objects.create_user(
            username or f"user-{role or 'none'}"
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        _token, key = services.create_token(user=user, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return make


ROLES = {"author": AUTHOR, "contributor": CONTRIBUTOR, "editor": EDITOR}
