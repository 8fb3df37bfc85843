"""Embeds on the Django side: a row per pasted link, resolved by the worker.

request_embeds() runs on every article save and costs at most three queries.
The job resolve_embed() asks the provider's oEmbed endpoint, in the worker,
for a title, an author and a thumbnail: only those plain strings are kept,
and the answer's HTML is never stored (issue 19). A provider that is down,
slow or answers nonsense leaves the embed failed with a sentence for
editors; the story shows a plain link meanwhile.

The job lives here, not in tasks.py, because request_embeds() queues it:
tasks.py would otherwise import this module and this module import it back.
"""

import io
import ipaddress
import json
import logging
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from http import HTTPStatus
from http.client import HTTPException, IncompleteRead
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as Picture

from masthead.jobs.queue import enqueue_on_commit, job

from . import processing, providers
from .models import Embed, Image
from .tasks import make_renditions

log = logging.getLogger(__name__)

OEMBED_MAX_BYTES = 256 << 10
THUMBNAIL_MAX_BYTES = 5 << 20
OEMBED_MAX_WIDTH = 1280
JSON = ("oEmbed JSON", {"application/json", "text/json", "text/javascript"})
PICTURE = (
    "a JPEG, PNG, WebP or GIF picture",
    {"image/jpeg", "image/png", "image/webp", "image/gif"},
)
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
USER_AGENT = "Masthead-Embeds/1.0 (oEmbed)"
SHOWS_A_LINK = "The story shows a link until it is resolved."
# After whitespace is collapsed: controls, zero-widths and bidi overrides,
# which could hide or reorder what an editor reads in a title.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_PICTURE_PROBLEMS = {
    "not_an_image": "is not a picture we can read",
    "format": "is not a JPEG, PNG, WebP or GIF picture",
    "too_large": "has too many pixels",
}


class Unavailable(Exception):
    """Why an answer cannot be used, as the end of a sentence that begins
    with what was asked: "[YouTube] could not be reached: connection refused"."""


def request_embeds(urls):
    """{url: Embed} for the links, with a pending row made for each new one.

    The URLs are ones providers.match() accepted (the caller validates);
    any other is left out. Forms of one link (youtu.be/…, watch?v=…) share a
    row. New rows are queued for the worker once the transaction commits.
    """
    matches = _matches(urls)
    canonical = {found.url: found for found in matches.values()}
    rows = {embed.url: embed for embed in Embed.objects.filter(url__in=list(canonical))}
    missing = [_pending(found) for url, found in canonical.items() if url not in rows]
    if missing:
        # Another save may make one of these rows between our read and write:
        # its row is kept. Its link may then be resolved twice, harmlessly.
        Embed.objects.bulk_create(missing, ignore_conflicts=True)
        for embed in Embed.objects.filter(url__in=[e.url for e in missing]):
            rows[embed.url] = embed
            enqueue_on_commit(resolve_embed, embed.pk)
    return {url: rows[found.url] for url, found in matches.items()}


@job()
def resolve_embed(embed_id):
    embed = Embed.objects.filter(pk=embed_id).first()
    if embed is None:
        return 0
    try:
        resolve(embed)
    except Exception:
        # resolve() turns every fault of a provider into a failed status; this
        # catches our own bugs, so that no embed stays pending for ever.
        log.exception("embed %s: resolving failed", embed_id)
        _failed(embed, f"Resolving this link failed unexpectedly. {SHOWS_A_LINK}")
    return 1


def resolve(embed):
    """Ask the provider about the embed and save what it says, or why not."""
    try:
        found = providers.match(embed.url)
    except providers.Refused as err:
        return _failed(embed, f"This link can no longer be embedded: {err}")
    if found is None:
        return _failed(embed, "This link is no longer on a provider we embed.")
    provider = found.provider
    embed.provider, embed.provider_name = provider.key, provider.name
    embed.frame_src, embed.ratio = found.frame_src, found.ratio
    endpoint, overridden = _endpoint(provider)
    if endpoint is None:  # Instagram, OpenStreetMap: the pattern is enough
        embed.title, embed.error = embed.title or provider.untitled, ""
        return _ready(embed)
    try:
        answer = _oembed(endpoint, found.url)
        embed.frame_src = _frame_src(found, answer)
    except Unavailable as err:
        return _failed(embed, f"{provider.name} {err}. {SHOWS_A_LINK}")
    embed.author_name = _text(answer.get("author_name"), 200)
    embed.title = _text(answer.get("title"), 300) or _untitled(embed, provider)
    embed.error = ""
    try:
        embed.thumbnail = _thumbnail(embed, answer, overridden)
    except Unavailable as err:
        embed.error = (
            f"The thumbnail from {provider.name} {err}. "
            "The embed shows without a picture."
        )
    return _ready(embed)


def _matches(urls):
    found = {}
    for url in urls:
        try:
            match = providers.match(url)
        except providers.Refused:
            continue
        if match is not None:
            found[url] = match
    return found


def _pending(found):
    return Embed(
        url=found.url,
        provider=found.provider.key,
        provider_name=found.provider.name,
        frame_src=found.frame_src,
        ratio=found.ratio,
    )


def _ready(embed):
    embed.status, embed.resolved_at = Embed.Status.READY, timezone.now()
    embed.save()  # a normal save: the articles app re-renders stories on post_save
    return embed


def _failed(embed, message):
    embed.status, embed.error = Embed.Status.FAILED, message
    embed.save()
    return embed


def _endpoint(provider):
    """The oEmbed endpoint, and whether MASTHEAD_EMBED_ENDPOINTS overrode it
    (the tests' fake provider on loopback)."""
    overrides = getattr(settings, "MASTHEAD_EMBED_ENDPOINTS", {})
    if provider.key in overrides:
        return overrides[provider.key], True
    return provider.oembed, False


def _timeout():
    return float(getattr(settings, "MASTHEAD_EMBED_TIMEOUT_SECONDS", 5))


def _oembed(endpoint, url):
    query = urlencode({"url": url, "format": "json", "maxwidth": OEMBED_MAX_WIDTH})
    body = _fetch(f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", JSON)
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError) as err:
        raise Unavailable("answered with something that is not oEmbed JSON") from err
    if not isinstance(answer, dict):
        raise Unavailable("answered with something that is not oEmbed JSON")
    return answer


def _frame_src(found, answer):
    html = answer.get("html")  # read for Bluesky's at:// address, then dropped
    html = html if isinstance(html, str) else ""
    frame_src = providers.frame_src_from_oembed(found, html)
    if not frame_src:
        raise Unavailable("answered without the post's at:// address")
    return frame_src


def _text(value, limit):
    """A plain one-line string from JSON, or "" for anything else."""
    if not isinstance(value, str):
        return ""
    return _UNPRINTABLE.sub("", " ".join(value.split()))[:limit].strip()


def _untitled(embed, provider):
    by = f" by {embed.author_name}" if embed.author_name else ""
    return f"{provider.untitled}{by}"[:300]


def _thumbnail(embed, answer, overridden):
    """A new media Image from the provider's thumbnail; None if it names none."""
    url = _text(answer.get("thumbnail_url"), 1000)
    if not url:
        return None
    if not _may_fetch(url, overridden):
        raise Unavailable("is not at an https:// address")
    data, kind = _picture(_fetch(url, PICTURE, THUMBNAIL_MAX_BYTES))
    provider = providers.PROVIDERS[embed.provider]
    still = "Still" if provider.thing == "video" else "Picture"
    image = Image.objects.create(
        file=ContentFile(data, name=f"embed-{embed.pk}.{kind.replace('jpeg', 'jpg')}"),
        alt_text=_capped(f"{still} from {provider.name}: {embed.title}", "alt_text"),
        credit=_capped(embed.author_name or provider.name, "credit"),
        caption="",
    )
    enqueue_on_commit(make_renditions, image.pk)  # as the admin does on upload
    return image


def _capped(text, field):
    return text[: Image._meta.get_field(field).max_length]


def _may_fetch(url, overridden):
    """https only, to a named host: a provider's CDN has a name, while an
    address literal may be a service inside our network."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if "@" in parts.netloc or not host:
        return False
    if overridden and host in LOOPBACK:
        return parts.scheme in ("http", "https")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return parts.scheme == "https"
    return False


def _picture(body):
    """The bytes checked as upload_form does (type, pixels, GPS) and decoded
    once in full, so renditions never meet a truncated file: (bytes, kind)."""
    try:
        kind = processing.inspect(
            io.BytesIO(body),
            max_pixels=settings.MASTHEAD_MAX_IMAGE_PIXELS,
            memory_budget=settings.MASTHEAD_RENDITION_MEMORY_MB << 20,
        ).format
        with Picture.open(io.BytesIO(body)) as picture:
            picture.load()
        return processing.clean_metadata(io.BytesIO(body)) or body, kind
    except processing.ImageRejected as err:
        raise Unavailable(_PICTURE_PROBLEMS.get(err.code, str(err))) from err
    except (OSError, ValueError, SyntaxError) as err:
        raise Unavailable(_PICTURE_PROBLEMS["not_an_image"]) from err


def _fetch(url, expected, limit=OEMBED_MAX_BYTES):
    """The body of a GET within `limit` bytes, of an `expected` content type."""
    opener = urllib.request.build_opener(_SameOrigin(url))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    timeout = _timeout()
    try:
        with opener.open(request, timeout=timeout) as response:
            _check(response, expected, limit)
            body = _read(response, limit, time.monotonic() + timeout)
    except urllib.error.HTTPError as err:
        err.close()
        raise Unavailable(_http_problem(err.code)) from err
    except urllib.error.URLError as err:
        raise Unavailable(_network_problem(err.reason, timeout)) from err
    except (OSError, HTTPException) as err:  # a timeout or reset while reading
        raise Unavailable(_network_problem(err, timeout)) from err
    if len(body) > limit:
        raise Unavailable(f"sent more than {_size(limit)}")
    return body


def _read(response, limit, deadline):
    """At most limit + 1 bytes. The socket timeout bounds each read; the
    deadline bounds them all, so a server sending a byte a second cannot
    hold a worker for minutes."""
    chunks, size = [], 0
    while size <= limit:
        chunk = response.read(min(64 << 10, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _check(response, expected, limit):
    what, types = expected
    kind = response.headers.get_content_type()
    if kind not in types:
        raise Unavailable(f"answered with {kind}, not {what}")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise Unavailable(f"sent more than {_size(limit)}")


def _size(limit):
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"


def _http_problem(code):
    try:
        phrase = f" {HTTPStatus(code).phrase}"
    except ValueError:
        phrase = ""
    if 300 <= code < 400:  # urllib follows none to file:, data: or ftp:
        return "redirected to an address we do not follow"
    if code in (401, 403, 404, 410):
        return f"answered HTTP {code}{phrase}: is the post public and still there?"
    return f"answered HTTP {code}{phrase}"


def _network_problem(reason, timeout):
    if isinstance(reason, ConnectionRefusedError):
        return "could not be reached: connection refused"
    if isinstance(reason, TimeoutError):
        return f"did not answer within {timeout:g} seconds"
    if isinstance(reason, socket.gaierror):
        return "could not be reached: its address was not found"
    if isinstance(reason, ssl.SSLError):
        return "could not be reached: its secure connection failed"
    if isinstance(reason, IncompleteRead | ConnectionResetError):
        return "could not be reached: the connection broke off"
    return f"could not be reached: {reason}"


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows redirects within the scheme and host asked, no further: an
    answer cannot send the worker to another site (or inside our network)."""

    def __init__(self, url):
        super().__init__()
        self.origin = _origin(url)

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if _origin(newurl) != self.origin:
            fp.close()
            host = urlsplit(newurl).hostname or newurl
            raise Unavailable(f"redirected to another site ({host[:100]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url):
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port
