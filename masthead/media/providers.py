"""Which pasted links become embeds, and the frame each one loads (issue 19).

No Django import: tested without a database. `match(url)` returns a `Match`
for a link on an allowlisted provider, None for an ordinary link (the story
shows it as a link), and raises `Refused`, with a sentence for the editor,
for links that only pretend to be a provider's or that no browser should
follow. The iframe address is always built here from the provider's own URL
pattern, never taken from oEmbed HTML: nothing a provider sends can choose
what a reader's browser loads.
"""

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urlsplit

from masthead.core.sanitize import url_scheme

# Height as a percentage of width: the box the iframe sits in before it loads.
VIDEO, VERTICAL, POST = 56.25, 177.78, 120.0
AUDIO, CHART, DOCUMENT, MAP = 25.0, 62.5, 129.41, 75.0

# Browsers drop these before reading a URL, or read `\` as `/`: a link that
# holds them does not say what it goes to, so it is refused outright.
_HIDDEN = re.compile(
    r"[\x00-\x20\x7f-\x9f\\\u200b-\u200f\u202a-\u202e\u2028\u2029\ufeff]"
)


class Refused(ValueError):
    """A link that may not be embedded; str() is a sentence for the editor."""


@dataclass(frozen=True)
class Provider:
    """One allowlisted provider, as readers and the worker need it."""

    key: str
    name: str  # as shown to readers: "YouTube"
    frame_origin: str  # scheme://host every frame_src of this provider starts with
    oembed: str | None  # its public oEmbed endpoint; None when it has none we can use
    thing: str  # what one embed of it is: "video", "post", "chart"…

    @property
    def untitled(self):
        """The title of an embed its provider gave none: "Instagram post"."""
        return "Map" if self.thing == "map" else f"{self.name} {self.thing}"


@dataclass(frozen=True)
class Match:
    """A link on a provider: its canonical page, the frame to load, its shape."""

    provider: Provider
    url: str  # canonical https page URL: one Embed row per post, however pasted
    frame_src: str  # "" until resolved, for Bluesky posts named by handle
    ratio: float  # iframe height as a percentage of its width


@dataclass(frozen=True)
class _Rule:
    provider: Provider
    hosts: frozenset  # hosts whose links are embeds (or refused)
    domains: tuple  # the provider's own domains: their other hosts are plain links
    marks: tuple  # names no one else's host may contain (letters and digits only)
    expects: str  # "video id": the end of "That YouTube link has no …"
    parse: Callable  # (host, path, query, fragment) -> (url, frame_src, ratio) | None


def match(url):
    """The provider's Match for `url`, None for an ordinary link; or Refused."""
    url = (url or "").strip()
    if url_scheme(url) not in ("http", "https"):
        raise Refused("Only https:// links can be embedded.")
    if _HIDDEN.search(url) or not re.match(r"(?i)https?://", url):
        raise Refused(
            "That link hides characters a browser would skip or decode: "
            "paste it as the address bar shows it."
        )
    try:
        parts = urlsplit(url)
    except ValueError as err:  # a bracketed host that is not IPv6, say
        raise Refused("That link's host cannot be read.") from err
    if "@" in parts.netloc:
        raise Refused(
            "Links with a user name before the host (an @ in the address) "
            "cannot be embedded: they often disguise where they lead."
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused("That link has no host: paste the whole address.")
    rule = _RULES_BY_HOST.get(host)
    if rule is None:
        _refuse_look_alikes(host)
        return None
    return _matched(rule, host, parts)


def frame_src_from_oembed(found, html):
    """The frame of a Bluesky post named by handle, from its oEmbed HTML.

    Its iframe needs the post's at:// address, which only the oEmbed answer
    gives. One attribute value is read with a strict pattern and must name
    the same post; the HTML itself is dropped. "" when it does not fit.
    """
    if found.frame_src or found.provider.key != "bluesky":
        return found.frame_src
    uri = _BSKY_AT_URI.search(html or "")
    if uri is None or uri.group(2) != found.url.rsplit("/", 1)[1]:
        return ""
    return _bsky_frame(uri.group(1), uri.group(2))


def _matched(rule, host, parts):
    name = rule.provider.name
    try:
        port = parts.port
    except ValueError as err:
        raise Refused(f"That {name} link has a port that is not a number.") from err
    if port not in (None, 80, 443):
        raise Refused(f"That {name} link names an unusual port ({port}): refused.")
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    found = rule.parse(host, parts.path, query, parts.fragment)
    if found is None:
        raise Refused(f"That {name} link has no {rule.expects}.")
    return Match(rule.provider, *found)


def _refuse_look_alikes(host):
    """Refuse a host dressed up as a provider's: youtube.com.evil.example,
    www-youtube.com, or an IDN such as yоutube.com with a Cyrillic о."""
    if _owner(host) is not None:
        return  # the provider's own help pages and blogs: plain links
    folded = _folded(host)
    rule = (_owner(folded) if folded != host else None) or _resembled(folded)
    if rule is not None:
        raise Refused(f"{host} looks like {rule.provider.name} but is not: refused.")


def _owner(host):
    """The rule whose provider owns the host's domain, if any."""
    for rule in _RULES:
        if any(host == d or host.endswith("." + d) for d in rule.domains):
            return rule
    return None


def _resembled(host):
    """The rule whose domain (as labels) or name the host contains, if any."""
    labels = "." + re.sub(r"[-_]", ".", host) + "."
    squashed = re.sub(r"[^a-z0-9]", "", host)
    for rule in _RULES:
        if any(f".{domain}." in labels for domain in rule.domains):
            return rule
        if any(mark in squashed for mark in rule.marks):
            return rule
    return None


# Letters that look Latin in a hostname's font: Cyrillic, Greek, Armenian and
# a few Latin extras. NFKD (then dropping accents) and NFKC take care of
# full-width, mathematical and accented letters.
_HOMOGLYPHS = str.maketrans(
    # Cyrillic, Armenian, Greek; dotless i, script g, ideographic full stops.
    "аьсԁеһіјкӏмпорԛѕтухԝ" "ոսօ" "αβεικνορτυχγηω" "ıɡ。｡",
    "abcdehijklmnopqstyxw" "nuo" "abeikvoptuxynw" "ig..",
)  # fmt: skip


def _folded(host):
    """The host as a reader sees it: punycode decoded, look-alikes folded."""
    labels = [_unpunycode(label) for label in unquote(host).split(".")]
    text = unicodedata.normalize("NFKD", ".".join(labels)).lower()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return unicodedata.normalize("NFKC", text).translate(_HOMOGLYPHS).rstrip(".")


def _unpunycode(label):
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except UnicodeError:
        return label


def _first(pattern, text):
    found = re.fullmatch(pattern, text or "")
    return found.groups() if found else None


# YouTube: watch?v=, youtu.be/, shorts/, embed/, live/; t= becomes start=.
_YT_ID = r"([A-Za-z0-9_-]{11})"


def _youtube(host, path, query, fragment):
    if host == "youtu.be":
        found = _first(rf"/(){_YT_ID}/?", path)
    elif path.rstrip("/") == "/watch":
        found = _first(rf"(){_YT_ID}", query.get("v"))
    else:
        found = _first(rf"/(shorts|embed|live)/{_YT_ID}/?", path)
    if not found:
        return None
    (shape, video), start = found, _seconds(query.get("t") or query.get("start"))
    frame = f"https://www.youtube-nocookie.com/embed/{video}"
    if shape == "shorts":
        return f"https://www.youtube.com/shorts/{video}", frame, VERTICAL
    page = f"https://www.youtube.com/watch?v={video}"
    if start:
        page, frame = f"{page}&t={start}s", f"{frame}?start={start}"
    return page, frame, VIDEO


def _seconds(text):
    """YouTube's t= as seconds: "90", "90s" or "1h2m3s"; 0 when unreadable."""
    parts = _first(r"(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?", text)
    if not parts:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in parts)
    return hours * 3600 + minutes * 60 + seconds


def _vimeo(host, path, query, fragment):
    if host == "player.vimeo.com":
        video = _first(r"/video/(\d{1,12})/?", path)
        found = video and (video[0], query.get("h"))
    else:
        prefix = r"(?:channels/[\w-]{1,60}/|groups/[\w-]{1,60}/videos/)?"
        found = _first(rf"/{prefix}(\d{{1,12}})(?:/([0-9a-f]{{6,20}}))?/?", path)
    # An unlisted video's private hash, which its frame needs too.
    if not found or not re.fullmatch(r"(?:[0-9a-f]{6,20})?", found[1] or ""):
        return None
    video, unlisted = found
    page = f"https://vimeo.com/{video}" + (f"/{unlisted}" if unlisted else "")
    frame = f"https://player.vimeo.com/video/{video}?dnt=1"
    return page, frame + (f"&h={unlisted}" if unlisted else ""), VIDEO


# Bluesky names a post by handle or DID; its frame needs the DID.
_BSKY_HANDLE = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
_BSKY_DID = r"did:plc:[a-z2-7]{24}|did:web:[a-z0-9.-]{1,253}"
_BSKY_RKEY = r"[A-Za-z0-9._~-]{1,64}"
_BSKY_AT_URI = re.compile(
    rf'data-bluesky-uri="at://({_BSKY_DID})/app\.bsky\.feed\.post/({_BSKY_RKEY})"'
)


def _bluesky(host, path, query, fragment):
    # Handles are case-insensitive (canonical in lower case); DIDs and posts are not.
    pattern = rf"/profile/((?i:{_BSKY_HANDLE})|{_BSKY_DID})/post/({_BSKY_RKEY})/?"
    found = _first(pattern, path)
    if not found:
        return None
    author, post = found
    author = author if author.startswith("did:") else author.lower()
    frame = _bsky_frame(author, post) if author.startswith("did:") else ""
    return f"https://bsky.app/profile/{author}/post/{post}", frame, POST


def _bsky_frame(did, post):
    return f"https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{post}"


def _x(host, path, query, fragment):
    pattern = r"/(?:([A-Za-z0-9_]{1,15})|i(?:/web)?)/status/(\d{1,20})"
    found = _first(pattern + r"(?:/(?:photo|video)/\d)?/?", path)
    if not found:
        return None
    user, post = found
    page = f"https://x.com/{user or 'i'}/status/{post}"
    return page, f"https://platform.twitter.com/embed/Tweet.html?id={post}", POST


def _instagram(host, path, query, fragment):
    found = _first(
        r"/(?:[A-Za-z0-9._]{1,30}/)?(p|reel|tv)/([A-Za-z0-9_-]{5,40})/?", path
    )
    if not found:
        return None
    kind, post = found
    page = f"https://www.instagram.com/{'reel' if kind == 'reel' else 'p'}/{post}/"
    return page, f"https://www.instagram.com/p/{post}/embed", POST


def _tiktok(host, path, query, fragment):
    found = _first(r"/@([A-Za-z0-9._]{1,40})/video/(\d{1,25})/?", path)
    if not found:
        return None
    user, video = found
    page = f"https://www.tiktok.com/@{user}/video/{video}"
    return page, f"https://www.tiktok.com/embed/v2/{video}", VERTICAL


_SOUNDCLOUD_PAGES = {
    "discover", "search", "you", "stream", "upload", "charts", "pages", "settings",
    "messages", "notifications", "people", "tags", "popular", "mobile", "terms-of-use",
}  # fmt: skip
_SOUNDCLOUD_TABS = {
    "likes", "followers", "following", "tracks", "albums", "reposts", "comments",
    "popular-tracks", "spotlight", "playlists",
}  # fmt: skip


def _soundcloud(host, path, query, fragment):
    found = _first(r"/([a-z0-9_-]{1,100})/(sets/)?([a-z0-9_-]{1,200})/?", path)
    if not found or found[0] in _SOUNDCLOUD_PAGES:
        return None
    user, playlist, track = found
    if not playlist and track in _SOUNDCLOUD_TABS:
        return None
    page = f"https://soundcloud.com/{user}/{playlist or ''}{track}"
    frame = f"https://w.soundcloud.com/player/?url={quote(page, safe='')}"
    return page, frame, CHART if playlist else AUDIO


def _documentcloud(host, path, query, fragment):
    found = _first(r"/documents/(\d{1,12}(?:-[A-Za-z0-9_-]{1,200})?)/?", path)
    if not found:
        return None
    document = found[0]
    page = f"https://www.documentcloud.org/documents/{document}/"
    frame = f"https://embed.documentcloud.org/documents/{document}/?embed=1&title=1"
    return page, frame, DOCUMENT


def _datawrapper(host, path, query, fragment):
    chart = r"([A-Za-z0-9]{5})"
    if host == "datawrapper.dwcdn.net":  # /ID/ or a fixed version, /ID/3/
        found = _first(rf"/{chart}/(?:(\d{{1,4}})/)?(?:index\.html)?", path)
    elif host == "app.datawrapper.de":  # the newsroom's own chart editor
        found = _first(rf"/chart/{chart}(?:/[a-z]{{1,20}})?/?()", path)
    else:
        found = _first(rf"/_/{chart}/?()", path)
    if not found:
        return None
    chart, version = found[0], found[1] or ""
    page = f"https://datawrapper.dwcdn.net/{chart}/{version}{'/' if version else ''}"
    return page, page, CHART


def _flourish(host, path, query, fragment):
    ending = r"(?:/embed)?/?" if host == "flo.uri.sh" else r"/?"
    found = _first(r"/(visualisation|story)/(\d{1,12})" + ending, path)
    if not found:
        return None
    kind, number = found
    page = f"https://public.flourish.studio/{kind}/{number}/"
    return page, f"https://flo.uri.sh/{kind}/{number}/embed", CHART


_DEGREES = r"(-?\d{1,3}(?:\.\d{1,10})?)"


def _openstreetmap(host, path, query, fragment):
    """#map=Z/LAT/LON (the view) and ?mlat=&mlon= (a marker), either or both."""
    if path not in ("", "/"):
        return None
    view = _first(rf"map=(\d{{1,2}})/{_DEGREES}/{_DEGREES}(?:&.*)?", fragment)
    pin = (query.get("mlat"), query.get("mlon"))
    marker = _position(*pin) if any(pin) else None
    if (view is None and marker is None) or (any(pin) and marker is None):
        return None
    zoom = int(view[0]) if view else 15
    centre = _position(*view[1:]) if view else marker
    if centre is None or zoom > 19:
        return None
    marker = marker or centre
    page = (
        f"https://www.openstreetmap.org/?mlat={_n(marker[0])}&mlon={_n(marker[1])}"
        f"#map={zoom}/{_n(centre[0])}/{_n(centre[1])}"
    )
    return page, _osm_frame(zoom, centre, marker), MAP


def _position(lat, lon):
    if not (_first(_DEGREES, lat) and _first(_DEGREES, lon)):
        return None
    lat, lon = float(lat), float(lon)
    return (lat, lon) if abs(lat) <= 90 and abs(lon) <= 180 else None


def _osm_frame(zoom, centre, marker):
    """The bounding box a 640×480 frame shows at `zoom` (256-pixel tiles;
    a degree of latitude spans 1/cos(lat) more pixels than one of longitude)."""
    half_width = 640 * 360 / (256 * 2**zoom) / 2
    half_height = half_width * 0.75 * math.cos(math.radians(centre[0]))
    west, east = max(centre[1] - half_width, -180), min(centre[1] + half_width, 180)
    south, north = max(centre[0] - half_height, -85), min(centre[0] + half_height, 85)
    bbox = "%2C".join(_n(value) for value in (west, south, east, north))
    return (
        f"https://www.openstreetmap.org/export/embed.html?bbox={bbox}"
        f"&layer=mapnik&marker={_n(marker[0])}%2C{_n(marker[1])}"
    )


def _n(value):
    """A coordinate as OpenStreetMap writes one: at most 5 decimals, no -0."""
    text = f"{round(value, 5) + 0.0:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_RULES = (
    _Rule(
        Provider("youtube", "YouTube", "https://www.youtube-nocookie.com",
                 "https://www.youtube.com/oembed", "video"),
        frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
                   "youtube-nocookie.com", "www.youtube-nocookie.com"}),
        # .youtube is Google's own top-level domain (blog.youtube).
        ("youtube.com", "youtu.be", "youtube-nocookie.com", "youtube"),
        ("youtube",), "video id", _youtube,
    ),
    _Rule(
        Provider("vimeo", "Vimeo", "https://player.vimeo.com",
                 "https://vimeo.com/api/oembed.json", "video"),
        frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        ("vimeo.com",), ("vimeo",), "video number", _vimeo,
    ),
    _Rule(
        Provider("bluesky", "Bluesky", "https://embed.bsky.app",
                 "https://embed.bsky.app/oembed", "post"),
        frozenset({"bsky.app"}), ("bsky.app",), ("bskyapp",),
        "post (bsky.app/profile/…/post/…)", _bluesky,
    ),
    _Rule(
        Provider("x", "X", "https://platform.twitter.com",
                 "https://publish.twitter.com/oembed", "post"),
        frozenset({"x.com", "www.x.com", "mobile.x.com", "twitter.com",
                   "www.twitter.com", "mobile.twitter.com"}),
        ("x.com", "twitter.com"), ("twitter",), "post (x.com/…/status/…)", _x,
    ),
    _Rule(
        # Instagram's oEmbed needs an app token: its posts resolve from the pattern.
        Provider("instagram", "Instagram", "https://www.instagram.com", None, "post"),
        frozenset({"instagram.com", "www.instagram.com"}),
        ("instagram.com",), ("instagram",), "post (instagram.com/p/…)", _instagram,
    ),
    _Rule(
        Provider("tiktok", "TikTok", "https://www.tiktok.com",
                 "https://www.tiktok.com/oembed", "video"),
        frozenset({"tiktok.com", "www.tiktok.com", "m.tiktok.com", "vm.tiktok.com"}),
        ("tiktok.com",), ("tiktok",),
        "video number: open it and copy the tiktok.com/@…/video/… address",
        _tiktok,
    ),
    _Rule(
        Provider("soundcloud", "SoundCloud", "https://w.soundcloud.com",
                 "https://soundcloud.com/oembed", "track"),
        frozenset({"soundcloud.com", "www.soundcloud.com", "m.soundcloud.com",
                   "on.soundcloud.com"}),
        ("soundcloud.com",), ("soundcloud",), "track or playlist", _soundcloud,
    ),
    _Rule(
        Provider("documentcloud", "DocumentCloud", "https://embed.documentcloud.org",
                 "https://api.www.documentcloud.org/api/oembed/", "document"),
        frozenset({"documentcloud.org", "www.documentcloud.org",
                   "embed.documentcloud.org"}),
        ("documentcloud.org",), ("documentcloud",), "document number",
        _documentcloud,
    ),
    _Rule(
        Provider("datawrapper", "Datawrapper", "https://datawrapper.dwcdn.net",
                 "https://api.datawrapper.de/v3/oembed", "chart"),
        frozenset({"datawrapper.dwcdn.net", "app.datawrapper.de",
                   "www.datawrapper.de"}),
        ("datawrapper.de", "dwcdn.net"), ("datawrapper", "dwcdn"), "chart id",
        _datawrapper,
    ),
    _Rule(
        Provider("flourish", "Flourish", "https://flo.uri.sh",
                 "https://app.flourish.studio/api/v1/oembed", "chart"),
        frozenset({"public.flourish.studio", "flo.uri.sh"}),
        ("flourish.studio", "flo.uri.sh"), ("flourishstudio",),
        "visualisation number", _flourish,
    ),
    _Rule(
        Provider("openstreetmap", "OpenStreetMap", "https://www.openstreetmap.org",
                 None, "map"),
        frozenset({"openstreetmap.org", "www.openstreetmap.org"}),
        ("openstreetmap.org",), ("openstreetmap",),
        "map position (#map=zoom/latitude/longitude)", _openstreetmap,
    ),
)  # fmt: skip
_RULES_BY_HOST = {host: rule for rule in _RULES for host in rule.hosts}
PROVIDERS = {rule.provider.key: rule.provider for rule in _RULES}
