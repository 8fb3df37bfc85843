import pytest

from masthead.core.email import email_settings

SITE = "http://testserver"


@pytest.fixture
def site(settings):
    settings.MASTHEAD_SITE_URL = SITE
    settings.MASTHEAD_SITE_NAME = "The Ledger"
    settings.DEFAULT_FROM_EMAIL = "newsroom@ledger.example"
    return settings


@pytest.fixture
def mail_server(site, smtp_server):
    """Django sends through aiosmtpd on loopback, as to a newsroom's server."""
    for name, value in email_settings(smtp_server.url).items():
        setattr(site, name, value)
    return smtp_server
