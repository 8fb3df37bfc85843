import pytest
from django.http import HttpResponse
from django.test import override_settings

from masthead.core.csrf import origin_checked


@origin_checked
def view(request):
    return HttpResponse("posted")


def post(rf, **headers):
    return view(rf.post("/form/", {"a": "b"}, **headers))


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/articles/x/"},
        {},  # not a browser, and no session to abuse
    ],
)
def test_same_site_posts_pass(rf, headers):
    assert post(rf, **headers).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain is another origin
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
    ],
)
def test_cross_site_posts_are_refused_with_a_reason(rf, headers):
    response = post(rf, **headers)
    assert response.status_code == 403
    assert b"posted from another site" in response.content


def test_headerless_post_with_a_session_cookie_is_refused(rf):
    request = rf.post("/form/")
    request.COOKIES["sessionid"] = "abc"
    assert view(request).status_code == 403


@override_settings(CSRF_TRUSTED_ORIGINS=["https://www.ledger.example"])
def test_trusted_origins_pass(rf):
    assert post(rf, HTTP_ORIGIN="https://www.ledger.example").status_code == 200


@pytest.mark.django_db
def test_comment_form_carries_no_token_and_page_does_not_vary_on_cookie(client):
    from masthead.testing import make_article

    response = client.get(make_article().get_absolute_url())
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
