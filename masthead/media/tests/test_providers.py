"""Which pasted links become embeds: pure functions, no database (issue 19)."""

import pytest

from masthead.media.providers import (
    PROVIDERS,
    Refused,
    frame_src_from_oembed,
    match,
)

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
YT_PAGE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
BSKY_DID = "did:plc:z72i7hdynmk6r22z27h6tvur"


def frame(url):
    return match(url).frame_src


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
        "https://m.youtube.com/watch/?list=PL1&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "HTTPS://WWW.YOUTUBE.COM./watch?v=dQw4w9WgXcQ",
        "  https://www.youtube.com:443/watch?v=dQw4w9WgXcQ  ",
    ],
)
def test_every_youtube_form_gives_one_canonical_page_and_a_nocookie_frame(url):
    found = match(url)
    assert found.provider.key == "youtube" and found.provider.name == "YouTube"
    assert (found.url, found.frame_src, found.ratio) == (YT_PAGE, YT, 56.25)


def test_a_youtube_start_time_is_kept_in_the_page_and_the_frame():
    found = match("https://youtu.be/dQw4w9WgXcQ?t=1m30s")
    assert found.url == YT_PAGE + "&t=90s"
    assert found.frame_src == YT + "?start=90"
    assert frame("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42") == YT + "?start=42"


def test_a_youtube_short_is_a_vertical_frame():
    found = match("https://www.youtube.com/shorts/dQw4w9WgXcQ")
    assert found.url == "https://www.youtube.com/shorts/dQw4w9WgXcQ"
    assert found.frame_src == YT and found.ratio > 100


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload",
        "https://youtu.be/",
        "https://www.youtube.com/channel/UC38IQsAvIsxxjztdMZQtwHA",
        "https://www.youtube.com/embed/dQw4w9WgXcQ/../../evil",
    ],
)
def test_a_youtube_link_without_a_video_id_is_refused_with_a_sentence(url):
    with pytest.raises(Refused, match="That YouTube link has no video id."):
        match(url)


@pytest.mark.parametrize(
    "url, page, frame_src",
    [
        (
            "https://vimeo.com/76979871",
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        (
            "https://vimeo.com/76979871/8272103f6e",
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?dnt=1&h=8272103f6e",
        ),
        (
            "https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1",
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?dnt=1&h=8272103f6e",
        ),
    ],
)
def test_vimeo_links_keep_an_unlisted_videos_hash(url, page, frame_src):
    found = match(url)
    assert (found.url, found.frame_src, found.ratio) == (page, frame_src, 56.25)


def test_vimeo_links_that_are_not_a_video_are_refused():
    for url in [
        "https://vimeo.com/staffpicks",
        "https://player.vimeo.com/video/76979871?h=<script>",
    ]:
        with pytest.raises(Refused, match="That Vimeo link has no video number."):
            match(url)


def test_a_bluesky_post_named_by_did_has_its_frame_at_once():
    found = match(f"https://bsky.app/profile/{BSKY_DID}/post/3l6oveex3ii2l")
    assert found.url == f"https://bsky.app/profile/{BSKY_DID}/post/3l6oveex3ii2l"
    assert found.frame_src == (
        f"https://embed.bsky.app/embed/{BSKY_DID}/app.bsky.feed.post/3l6oveex3ii2l"
    )


def test_a_bluesky_post_named_by_handle_waits_for_its_at_uri_from_oembed():
    found = match("https://bsky.app/profile/Bsky.App/post/3l6oveex3ii2l")
    assert found.url == "https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l"
    assert found.frame_src == "" and found.provider.oembed
    html = (
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://'
        f'{BSKY_DID}/app.bsky.feed.post/3l6oveex3ii2l"><p>hi</p></blockquote>'
        '<script async src="https://embed.bsky.app/static/embed.js"></script>'
    )
    assert frame_src_from_oembed(found, html) == (
        f"https://embed.bsky.app/embed/{BSKY_DID}/app.bsky.feed.post/3l6oveex3ii2l"
    )


@pytest.mark.parametrize(
    "html",
    [
        "",
        None,
        f'data-bluesky-uri="at://{BSKY_DID}/app.bsky.feed.post/OTHERPOST"',
        'data-bluesky-uri="javascript:alert(1)//app.bsky.feed.post/3l6oveex3ii2l"',
        f'data-bluesky-uri="at://{BSKY_DID}"/app.bsky.feed.post/3l6oveex3ii2l"',
    ],
)
def test_a_bluesky_at_uri_that_does_not_fit_or_names_another_post_is_ignored(html):
    found = match("https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l")
    assert frame_src_from_oembed(found, html) == ""


def test_other_providers_frames_never_come_from_oembed_html():
    found = match(YT_PAGE)
    assert frame_src_from_oembed(found, '<iframe src="https://evil.example/">') == YT


@pytest.mark.parametrize(
    "url, page, post",
    [
        ("https://x.com/NASA/status/1234567890123", "NASA", "1234567890123"),
        ("https://twitter.com/NASA/status/1234567890123?s=20", "NASA", "1234567890123"),
        ("http://mobile.twitter.com/NASA/status/1234567890123/photo/1",
         "NASA", "1234567890123"),
        ("https://x.com/i/web/status/1234567890123", "i", "1234567890123"),
    ],
)  # fmt: skip
def test_x_and_twitter_posts_load_the_platform_tweet_frame(url, page, post):
    found = match(url)
    assert found.provider.name == "X"
    assert found.url == f"https://x.com/{page}/status/{post}"
    assert found.frame_src == f"https://platform.twitter.com/embed/Tweet.html?id={post}"


def test_an_x_profile_is_not_a_post():
    with pytest.raises(Refused, match=r"That X link has no post"):
        match("https://x.com/NASA")


@pytest.mark.parametrize(
    "url, page",
    [
        ("https://www.instagram.com/p/C8vXyZ1abcD/", "https://www.instagram.com/p/C8vXyZ1abcD/"),
        ("https://instagram.com/p/C8vXyZ1abcD?igsh=x", "https://www.instagram.com/p/C8vXyZ1abcD/"),
        ("https://www.instagram.com/reel/C8vXyZ1abcD/", "https://www.instagram.com/reel/C8vXyZ1abcD/"),
        ("https://www.instagram.com/natgeo/p/C8vXyZ1abcD/", "https://www.instagram.com/p/C8vXyZ1abcD/"),
    ],
)  # fmt: skip
def test_instagram_posts_and_reels_load_the_post_embed_without_oembed(url, page):
    found = match(url)
    assert found.url == page and found.provider.oembed is None
    assert found.frame_src == "https://www.instagram.com/p/C8vXyZ1abcD/embed"


def test_tiktok_videos_load_the_v2_embed_and_short_links_are_refused():
    found = match("https://www.tiktok.com/@scout2015/video/6718335390845095173?lang=en")
    assert found.url == "https://www.tiktok.com/@scout2015/video/6718335390845095173"
    assert found.frame_src == "https://www.tiktok.com/embed/v2/6718335390845095173"
    assert found.ratio > 100
    with pytest.raises(Refused, match="copy the tiktok.com/@…/video/… address"):
        match("https://vm.tiktok.com/ZMabcdef/")


def test_soundcloud_tracks_and_playlists_pass_their_page_encoded_to_the_player():
    found = match("https://soundcloud.com/forss/flickermood?si=1")
    assert found.url == "https://soundcloud.com/forss/flickermood"
    assert found.frame_src == (
        "https://w.soundcloud.com/player/?url="
        "https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood"
    )
    playlist = match("https://m.soundcloud.com/forss/sets/soulhack")
    assert playlist.url == "https://soundcloud.com/forss/sets/soulhack"
    assert playlist.ratio > found.ratio
    for url in ["https://soundcloud.com/discover/sets", "https://soundcloud.com/forss"]:
        with pytest.raises(Refused, match="SoundCloud link has no track"):
            match(url)
    with pytest.raises(Refused):
        match("https://soundcloud.com/forss/likes")


def test_documentcloud_documents_load_from_embed_documentcloud_org():
    found = match("https://www.documentcloud.org/documents/20059068-test-pdf")
    assert found.url == "https://www.documentcloud.org/documents/20059068-test-pdf/"
    assert found.frame_src == (
        "https://embed.documentcloud.org/documents/20059068-test-pdf/?embed=1&title=1"
    )
    assert match("https://embed.documentcloud.org/documents/20059068-test-pdf/").url
    with pytest.raises(Refused, match="DocumentCloud link has no document number"):
        match("https://www.documentcloud.org/app?q=flood")


@pytest.mark.parametrize(
    "url, page",
    [
        ("https://datawrapper.dwcdn.net/Ab3dE/", "https://datawrapper.dwcdn.net/Ab3dE/"),
        ("https://datawrapper.dwcdn.net/Ab3dE/4/", "https://datawrapper.dwcdn.net/Ab3dE/4/"),
        ("https://app.datawrapper.de/chart/Ab3dE/publish", "https://datawrapper.dwcdn.net/Ab3dE/"),
        ("https://www.datawrapper.de/_/Ab3dE/", "https://datawrapper.dwcdn.net/Ab3dE/"),
    ],
)  # fmt: skip
def test_datawrapper_charts_load_their_published_page(url, page):
    found = match(url)
    assert (found.url, found.frame_src, found.ratio) == (page, page, 62.5)


def test_flourish_visualisations_and_stories_load_flo_uri_sh():
    found = match("https://public.flourish.studio/visualisation/1234567/")
    assert found.url == "https://public.flourish.studio/visualisation/1234567/"
    assert found.frame_src == "https://flo.uri.sh/visualisation/1234567/embed"
    story = match("https://flo.uri.sh/story/98765/embed")
    assert story.frame_src == "https://flo.uri.sh/story/98765/embed"
    with pytest.raises(Refused, match="Flourish link has no visualisation number"):
        match("https://public.flourish.studio/visualisation/abc/")


def test_an_openstreetmap_view_becomes_a_marked_map_of_the_same_area():
    found = match("https://www.openstreetmap.org/#map=15/51.50070/-0.12460")
    assert found.provider.untitled == "Map" and found.provider.oembed is None
    assert found.url == (
        "https://www.openstreetmap.org/?mlat=51.5007&mlon=-0.1246#map=15/51.5007/-0.1246"
    )
    assert found.frame_src.startswith(
        "https://www.openstreetmap.org/export/embed.html?bbox="
    )
    assert found.frame_src.endswith("&layer=mapnik&marker=51.5007%2C-0.1246")
    west, south, east, north = map(float, _query(found.frame_src, "bbox").split(","))
    assert west < -0.1246 < east and south < 51.5007 < north
    assert round(east - west, 4) == round(900 / 2**15, 4)  # 640 px at zoom 15


def test_an_openstreetmap_marker_link_keeps_its_marker_and_view():
    found = match(
        "https://www.openstreetmap.org/?mlat=51.5&mlon=-0.1#map=12/51.49/-0.08"
    )
    assert found.frame_src.endswith("marker=51.5%2C-0.1")
    assert found.url.endswith("#map=12/51.49/-0.08")
    wider = match("https://www.openstreetmap.org/?mlat=51.5&mlon=-0.1")
    assert wider.url.endswith("#map=15/51.5/-0.1")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.openstreetmap.org/#map=15/91/0",
        "https://www.openstreetmap.org/#map=15/51.5/181",
        "https://www.openstreetmap.org/#map=25/51.5/0.1",
        "https://www.openstreetmap.org/#map=15/51.5/0.1e3",
        "https://www.openstreetmap.org/#map=15/NaN/0",
        "https://www.openstreetmap.org/?mlat=51.5&mlon=inf",
        "https://www.openstreetmap.org/?mlat=51.5",
        "https://www.openstreetmap.org/way/1234",
    ],
)
def test_an_openstreetmap_link_without_valid_numbers_is_refused(url):
    with pytest.raises(Refused, match="OpenStreetMap link has no map position"):
        match(url)


def test_every_frame_is_https_on_its_providers_frame_origin():
    urls = [
        YT_PAGE,
        "https://vimeo.com/76979871",
        f"https://bsky.app/profile/{BSKY_DID}/post/3l6oveex3ii2l",
        "https://x.com/NASA/status/1",
        "https://www.instagram.com/p/C8vXyZ1abcD/",
        "https://www.tiktok.com/@a/video/1",
        "https://soundcloud.com/forss/flickermood",
        "https://www.documentcloud.org/documents/1-a",
        "https://datawrapper.dwcdn.net/Ab3dE/",
        "https://public.flourish.studio/visualisation/1/",
        "https://www.openstreetmap.org/#map=3/0/0",
    ]
    found = [match(url) for url in urls]
    assert {m.provider.key for m in found} == set(PROVIDERS)
    for m in found:
        assert m.url.startswith("https://") and m.ratio > 0
        assert m.frame_src.startswith(m.provider.frame_origin + "/")
        assert m.provider.frame_origin.count("/") == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/news/flood",
        "http://example.org/",
        "https://help.x.com/en/using-x",
        "https://blog.youtube/news",
        "https://developers.soundcloud.com/docs",
        "https://box.com/files",
        "https://münchen.de/rathaus",
        "https://xn--mnchen-3ya.de/rathaus",
    ],
)
def test_ordinary_links_are_not_embeds(url):
    assert match(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav\tascript:alert(1)",
        "%6Aavascript:alert(1)",
        "&#106;avascript:alert(1)",
        "java%0ascript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "//www.youtube.com/watch?v=dQw4w9WgXcQ",
        "www.youtube.com/watch?v=dQw4w9WgXcQ",
        "",
    ],
)
def test_anything_but_http_and_https_is_refused_in_every_encoding(url):
    with pytest.raises(Refused, match="Only https:// links can be embedded."):
        match(url)


@pytest.mark.parametrize(
    "url",
    [
        "https&#x3a;//www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https%3A//www.youtube.com/watch?v=dQw4w9WgXcQ",
        "ht\ttps://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com\\.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.you\u200btube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_links_hiding_characters_a_browser_drops_or_decodes_are_refused(url):
    with pytest.raises(Refused, match="hides characters"):
        match(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_links_with_userinfo_are_refused(url):
    with pytest.raises(Refused, match="user name before the host"):
        match(url)


@pytest.mark.parametrize(
    "url, name",
    [
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("https://www-youtube.com/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("https://youtube-com.example/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("https://myyoutube.example/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("https://x.com.evil.example/NASA/status/1", "X"),
        ("https://www-x.com/NASA/status/1", "X"),
        ("https://twitter.co/NASA/status/1", "X"),
        ("https://bsky.app.evil.example/profile/a.b/post/c", "Bluesky"),
        ("https://flo.uri.sh.evil.example/visualisation/1/embed", "Flourish"),
        ("https://public-flourish-studio.example/visualisation/1/", "Flourish"),
        ("https://openstreetmap.org.evil.example/#map=1/0/0", "OpenStreetMap"),
        ("https://instagram.evil.example/p/C8vXyZ1abcD/", "Instagram"),
    ],
)
def test_look_alike_hosts_are_refused(url, name):
    host = url.split("/")[2]
    with pytest.raises(Refused, match=f"{host} looks like {name} but is not"):
        match(url)


@pytest.mark.parametrize(
    "host",
    [
        "y\u043eutube.com",  # Cyrillic о
        "www.y\u043eu\u0442ube.com",  # Cyrillic о and т
        "xn--yutube-wqf.com",  # punycode of the first
        "www.\u0443outube.com",  # Cyrillic у
        "yout\u03c5be.com",  # Greek υ
        "\uff59\uff4f\uff55\uff54\uff55\uff42\uff45.com",  # full-width letters
        "y\u00f6utube.com",  # an accent
        "youtube\u3002com",  # an ideographic full stop
        "%79outube.com",  # percent-encoded y
    ],
)
def test_idn_and_punycode_hosts_that_fold_to_a_provider_are_refused(host):
    with pytest.raises(Refused, match="looks like YouTube but is not: refused."):
        match(f"https://{host}/watch?v=dQw4w9WgXcQ")


def test_a_provider_link_on_an_unusual_port_is_refused():
    with pytest.raises(Refused, match="unusual port"):
        match("https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ")
    with pytest.raises(Refused, match="port that is not a number"):
        match("https://www.youtube.com:http/watch?v=dQw4w9WgXcQ")


def test_a_link_without_a_host_is_refused():
    with pytest.raises(Refused, match="no host"):
        match("https:///watch?v=dQw4w9WgXcQ")


def test_refusals_are_value_errors_with_a_sentence():
    with pytest.raises(ValueError) as caught:
        match("javascript:alert(1)")
    assert str(caught.value).endswith(".")


def _query(url, name):
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query)[name][0]
