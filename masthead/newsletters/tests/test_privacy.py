import json

import pytest
from django.core.management import call_command

from masthead.newsletters import services, tokens
from masthead.newsletters.models import Subscriber
from masthead.testing import make_newsletter

pytestmark = pytest.mark.django_db


def test_export_writes_everything_held_about_the_address(capsys):
    subscriber = services.sign_up(
        email="ada@example.com", newsletters=[make_newsletter("Morning Briefing")]
    )
    call_command("subscriber_export", "ADA@example.com")
    data = json.loads(capsys.readouterr().out)
    assert data["email"] == "ada@example.com"
    assert data["subscriptions"][0]["newsletter"] == "Morning Briefing"
    assert subscriber.key not in json.dumps(data)


def test_erase_deletes_the_subscriber_and_voids_their_links(client, capsys):
    briefing = make_newsletter()
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    token = tokens.manage_token(subscriber.pk, subscriber.key)
    call_command("subscriber_erase", "ada@example.com")
    assert "Erased" in capsys.readouterr().out
    assert not Subscriber.objects.exists()
    assert client.get(f"/newsletters/manage/{token}/").status_code == 400
    call_command("subscriber_erase", "ada@example.com")
    assert "nothing to erase" in capsys.readouterr().out
