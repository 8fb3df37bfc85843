"""Django's STORAGES["default"] from one `MASTHEAD_MEDIA_STORAGE_URL` (issue 24).

    unset, or file://                     the local folder MEDIA_ROOT (one machine)
    s3://BUCKET                           Amazon S3; keys from the AWS_* variables
    s3://BUCKET/PREFIX?endpoint_url=http://127.0.0.1:8333&region=us-east-1
                                          any S3-compatible server (SeaweedFS, MinIO…)
    s3://KEY:SECRET@BUCKET                keys in the URL, percent-encoded

Query options: `endpoint_url`, `region`, `addressing_style` (`path` or
`virtual`; `path` by default when an endpoint is named, as self-hosted servers
want). Pages link to `MASTHEAD_MEDIA_PUBLIC_URL` (a CDN, or the bucket's own
address), the address the bucket's root is served at; unset, the bucket's
address at the endpoint. Links are built from it without asking the store
(issue 24, item 2). Like core/email.py, every mistake is an error naming the
part at fault, never a secret; settings call this, so it reads no settings.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = "masthead.media.storage.LocalMediaStorage"
S3 = "masthead.media.storage.S3MediaStorage"
QUERY_OPTIONS = {"endpoint_url", "region", "addressing_style"}


class MediaStorageURLError(ImproperlyConfigured):
    """A MASTHEAD_MEDIA_STORAGE_URL that cannot be understood."""


def media_storage(url, public_url=""):
    """The STORAGES["default"] entry a MASTHEAD_MEDIA_STORAGE_URL names."""
    url = (url or "").strip()
    if not url or url == "file://":
        return {"BACKEND": LOCAL}
    parts = urlsplit(url)
    if parts.scheme != "s3":
        raise MediaStorageURLError(
            f"MASTHEAD_MEDIA_STORAGE_URL scheme “{parts.scheme}” is not s3:// "
            "(leave it unset for the local folder MEDIA_ROOT)."
        )
    if not parts.hostname:
        raise MediaStorageURLError(
            "MASTHEAD_MEDIA_STORAGE_URL names no bucket: s3://BUCKET/PREFIX?..."
        )
    options = _s3_options(parts, _query(parts.query))
    options.update(_public_address(public_url, options))
    return {"BACKEND": S3, "OPTIONS": options}


def media_origin(entry):
    """scheme://host readers' browsers fetch pictures from, when not the
    site's own (a bucket or CDN): pages' CSP img-src must allow it."""
    options = entry.get("OPTIONS", {})
    if entry["BACKEND"] != S3 or "custom_domain" not in options:
        return ""
    host = options["custom_domain"].split("/", 1)[0]
    return f"{options['url_protocol']}//{host}"


def _query(query):
    values = {name: found[-1] for name, found in parse_qs(query).items()}
    unknown = sorted(set(values) - QUERY_OPTIONS)
    if unknown:
        raise MediaStorageURLError(
            f"MASTHEAD_MEDIA_STORAGE_URL option “{unknown[0]}” is not one of "
            f"{', '.join(sorted(QUERY_OPTIONS))}."
        )
    return values


def _s3_options(parts, query):
    # hostname is lower-cased by urlsplit; bucket names are lower case anyway.
    options = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        # Pictures are public: unsigned links never expire in a cached page.
        "querystring_auth": False,
        # Two uploads named alike must both be kept (the second is renamed).
        "file_overwrite": False,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    endpoint = query.get("endpoint_url", "")
    if endpoint:
        if urlsplit(endpoint).scheme not in ("http", "https"):
            raise MediaStorageURLError(
                "MASTHEAD_MEDIA_STORAGE_URL endpoint_url must be http:// or https://."
            )
        options["endpoint_url"] = endpoint.rstrip("/")
    if query.get("region"):
        options["region_name"] = query["region"]
    style = query.get("addressing_style", "path" if endpoint else "")
    if style not in ("", "path", "virtual"):
        raise MediaStorageURLError(
            "MASTHEAD_MEDIA_STORAGE_URL addressing_style must be path or virtual."
        )
    if style:
        options["addressing_style"] = style
    return options


def _public_address(public_url, options):
    """django-storages' custom_domain and url_protocol: links are then built
    as strings, with no client and no request."""
    base = (public_url or "").strip() or _bucket_address(options)
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise MediaStorageURLError(
            "MASTHEAD_MEDIA_PUBLIC_URL must be an absolute http(s):// address, "
            "e.g. https://cdn.example.org/media."
        )
    return {
        "url_protocol": f"{parts.scheme}:",
        "custom_domain": f"{parts.netloc}{parts.path.rstrip('/')}",
    }


def _bucket_address(options):
    bucket = options["bucket_name"]
    if "endpoint_url" in options:
        endpoint = urlsplit(options["endpoint_url"])
        if options.get("addressing_style") == "virtual":
            return f"{endpoint.scheme}://{bucket}.{endpoint.netloc}"
        return f"{options['endpoint_url']}/{bucket}"
    region = options.get("region_name")
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{bucket}.{host}"
