"""Every memoized fragment is keyed by all it shows (core/fragments.py, issue 18).

For each declared Fragment: its template reads no value it does not declare,
and changing any one of its fields changes its output. A field forgotten in
a declaration, or a declared field the markup ignores, fails here rather than
serving a reader stale markup.
"""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.template import engines
from jinja2 import meta

import masthead.site.jinja  # noqa: F401  (with the URLs, loads every fragment)
import masthead.urls  # noqa: F401
from masthead.newsletters.signup import ListChoice
from masthead.core.fragments import Fragment
from masthead.media.models import Crop
from masthead.media.sources import PictureSource
from masthead.quotes.highlight import Mark
from masthead.seo.head import HeadFacts
from masthead.seo.listing import ListingFacts

WHEN = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 11, 29, 17, 5, tzinfo=UTC)
RENDITIONS = (
    '{"crops": {"16x9": [640]}, "formats": ["webp", "jpeg"], "key": "abc123", '
    '"widths": [320, 640]}'
)
PICTURE = PictureSource(
    pk=7, url="/media/images/bridge.jpg", width=1600, height=1000,
    alt_text="The bridge at dawn", renditions_ready=True, renditions_json=RENDITIONS,
)  # fmt: skip
FACTS = HeadFacts(
    site_name="The Alder Valley Ledger", language="en",
    logo_url="/static/masthead/logo.png", logo_path="masthead/logo.png",
    url="/articles/bridge/", title="Bridge reopens", summary="Traffic flows again.",
    published_at=WHEN, revised_at=None, section=("Local News", "/sections/local/"),
    authors=(("Maren Okafor", "/authors/maren-okafor/"),),
    tags=("Roads",), corrections=(("The span is 40 m.", WHEN),),
    crops=(Crop("/media/renditions/7/abc/16x9-w640.jpeg", 640, 360),),
    image_alt="The bridge at dawn",
)  # fmt: skip

# Per fragment: values for every field, and another value for each.
LISTING = ListingFacts(
    kind="section", url="/sections/local/", title="Local News",
    description="Alder Falls and Alder County.",
    items=(("Bridge reopens", "/articles/bridge/"),),
)  # fmt: skip
SAMPLES = {
    "includes/teaser.html": (
        {"size": "", "level": 3, "url": "/articles/bridge/", "title": "Bridge reopens",
         "standfirst": "", "section": ("Local", "/sections/local/"),
         "byline": "Maren Okafor", "published_at": WHEN.replace(month=3), "picture": "",
         "locale": ("en", "UTC")},
        {"size": "lead", "level": 2, "url": "/articles/dam/", "title": "Dam opens",
         "standfirst": "Water flows.", "section": ("Sport", "/sections/sport/"),
         "byline": "Walt Hargrove", "published_at": LATER, "picture": "<img alt=''>",
         "locale": ("de", "UTC")},
    ),
    "feeds/alternate_links.html": (
        {"links": (("application/rss+xml", "Ledger (RSS)", "/feed/"),)},
        {"links": (("application/rss+xml", "Ledger (RSS)", "/sections/x/feed/"),)},
    ),
    "masthead.core.markup._share_bar": (
        {"url": "http://testserver/articles/bridge/", "title": "Bridge reopens"},
        {"url": "http://testserver/articles/dam/", "title": "Dam opens"},
    ),
    "masthead.media.pictures._picture": (
        {"image": PICTURE, "sizes": "100vw", "alt": None, "loading": "lazy",
         "crop": None, "css_class": ""},
        {"image": replace(PICTURE, alt_text="The dam"), "sizes": "50vw", "alt": "",
         "loading": "eager", "crop": "16x9", "css_class": "hero"},
    ),
    "masthead.seo.listing._build": (
        {"facts": LISTING, "site_url": "http://testserver/"},
        {"facts": replace(LISTING, title="Sport"), "site_url": "https://news.example/"},
    ),
    "masthead.seo.head._build": (
        {"facts": FACTS, "site_url": "http://testserver/"},
        {"facts": replace(FACTS, title="Dam"), "site_url": "https://news.example/"},
    ),
    "masthead.comments.display._rendered": (
        {"pk": 1, "status": "approved", "name": "Ada", "email": "ada@example.com",
         "website": "", "by_staff": False, "created_at": WHEN,
         "body_html": "<p>Hello.</p>", "locale": ("en", "UTC")},
        {"pk": 2, "status": "pending", "name": "Grace", "email": "grace@example.com",
         "website": "https://example.com/", "by_staff": True, "created_at": LATER,
         "body_html": "<p>Bye.</p>", "locale": ("en", "Pacific/Auckland")},
    ),
    "masthead.comments.display._blank_form": (
        {"slug": "bridge", "script_prefix": "/", "reply_to": None,
         "initial": (("issued", "token"), ("name", ""))},
        {"slug": "dam", "script_prefix": "/news/", "reply_to": (3, "Ada"),
         "initial": (("issued", "token"), ("name", "Grace"))},
    ),
    "masthead.comments.display._reply_link": (
        {"pk": 1, "name": "Ada"}, {"pk": 2, "name": "Grace"},
    ),
    "newsletters/signup_form.html": (
        {"lists": (ListChoice(1, "Morning Briefing", "Every weekday"),),
         "place": "footer", "action": "/newsletters/signup/"},
        {"lists": (ListChoice(2, "Breaking news", ""),),
         "place": "article", "action": "/news/newsletters/signup/"},
    ),
    "masthead.quotes.voices._highlighted": (
        {"body_html": "<p>“We build,” she said.</p>",
         "marks": (Mark("quote-1", "ada", "We build"),)},
        {"body_html": "<p>“We build,” he said.</p>",
         "marks": (Mark("quote-1", "ada", "We build", selected=True),)},
    ),
}  # fmt: skip


def fragment_ids():
    return [fragment.name for fragment in Fragment.declared]


@pytest.fixture(params=fragment_ids())
def fragment(request):
    found = next(f for f in Fragment.declared if f.name == request.param)
    found.clear()
    return found


def test_every_fragment_has_samples():
    assert set(SAMPLES) == set(fragment_ids())


def test_a_template_reads_only_the_fields_it_declares(fragment):
    if fragment.template is None:
        pytest.skip("built in Python: it is given its fields and nothing else")
    env = engines["jinja2"].env
    source = env.loader.get_source(env, fragment.template)[0]
    read = meta.find_undeclared_variables(env.parse(source))
    assert read - set(env.globals) <= set(fragment.fields)


def test_changing_any_field_changes_the_output(fragment):
    values, others = SAMPLES[fragment.name]
    assert set(values) == set(fragment.fields) == set(others)
    before = str(fragment(**values))
    unchanged = [
        field for field in fragment.fields
        if str(fragment(**{**values, field: others[field]})) == before
    ]
    assert unchanged == [], "fields its markup ignores, or a stale memo"


def test_the_same_fields_are_built_once(fragment):
    values, _ = SAMPLES[fragment.name]
    assert fragment(**values) is fragment(**values)


def test_every_fact_of_an_article_head_shows_in_it():
    """HeadFacts is one field of the head: each of its own fields must count too."""
    from dataclasses import fields

    head = next(f for f in Fragment.declared if f.name == "masthead.seo.head._build")
    site = "http://testserver/"
    other = {
        "site_name": "The Dam Gazette", "language": "de", "logo_path": "masthead/x.png",
        "logo_url": "/static/masthead/other.png", "url": "/articles/dam/",
        "title": "Dam", "summary": "Water.", "published_at": LATER, "revised_at": LATER,
        "section": ("Sport", "/sections/sport/"), "authors": (),
        "tags": ("Dams",), "corrections": (), "crops": (), "image_alt": "A dam",
        "figures": ("/media/renditions/9/k/w640.jpeg",),
    }  # fmt: skip
    assert set(other) == {f.name for f in fields(HeadFacts)}
    before = str(head(facts=FACTS, site_url=site))
    unchanged = [
        name for name, value in other.items()
        if str(head(facts=replace(FACTS, **{name: value}), site_url=site)) == before
    ]
    assert unchanged == []  # (the logo's file decides the pixel size stated)


def test_a_fragment_refuses_a_field_it_does_not_declare():
    teaser = next(f for f in Fragment.declared if f.name == "includes/teaser.html")
    values, _ = SAMPLES["includes/teaser.html"]
    with pytest.raises(TypeError, match="takes exactly"):
        teaser(**values, hidden="x")
    with pytest.raises(TypeError, match="takes exactly"):
        teaser(**{k: v for k, v in values.items() if k != "title"})


def test_a_fragment_with_a_locale_is_built_in_that_locale():
    """Its month names and time zone come from its locale field, not from
    whichever locale was active when it was first built."""
    from django.utils import translation

    teaser = next(f for f in Fragment.declared if f.name == "includes/teaser.html")
    values = {**SAMPLES["includes/teaser.html"][0], "published_at": WHEN.replace(month=3)}
    with translation.override("de"):
        english = str(teaser(**{**values, "locale": ("en", "UTC")}))
    german = str(teaser(**{**values, "locale": ("de", "UTC")}))
    assert "Mar 28" in english and "Mär 28" in german
    comment = next(f for f in Fragment.declared if f.name.endswith("display._rendered"))
    late = {**SAMPLES[comment.name][0], "created_at": WHEN.replace(hour=23)}
    utc = str(comment(**{**late, "locale": ("en", "UTC")}))
    auckland = str(comment(**{**late, "locale": ("en", "Pacific/Auckland")}))
    assert "November 28" in utc and "November 29" in auckland


def test_every_fact_of_a_listing_head_shows_in_it():
    from dataclasses import fields

    head = next(f for f in Fragment.declared if f.name == "masthead.seo.listing._build")
    other = {
        "kind": "author", "url": "/sections/local/?page=2", "title": "Sport",
        "description": "Games.", "items": (("Dam", "/articles/dam/"),),
        "person": ("Maren Okafor", "Reporter", "/media/maren.jpg"),
    }  # fmt: skip
    assert set(other) == {f.name for f in fields(ListingFacts)}
    before = str(head(facts=LISTING, site_url="http://testserver/"))
    unchanged = [
        name for name, value in other.items()
        if str(head(facts=replace(LISTING, **{name: value}), site_url="http://testserver/"))
        == before
    ]
    assert unchanged == []
