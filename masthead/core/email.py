"""Django's email settings from one `EMAIL_URL` (issue 21, item 5).

    smtp://user:pass@mail.example:587/?tls=True   STARTTLS on port 587
    submission://user:pass@mail.example            the same, port 587 by default
    smtps://user:pass@mail.example                 TLS from the first byte, port 465
    console://   file:///var/mail/masthead   memory://   dummy://

Our own ~60 lines rather than dj-email-url: that library reads `smtps://` as
STARTTLS (and warns it will go), turns `file:///var/mail` into the relative
path `var/mail`, and ignores a scheme it does not know, so a typo in the
URL silently left mail going to the console. Here every mistake is an error
that names the URL's part at fault (never the password). Settings call these
functions, so nothing here reads settings.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
DEFAULT_PORTS = {"smtp": 25, "submission": 587, "smtps": 465}
# Django's SMTP backend waits for ever by default: a mail server that stops
# answering would hold the worker that sends comment emails.
DEFAULT_TIMEOUT = 10
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
CONSOLE_BACKENDS = {BACKENDS["console"], BACKENDS["memory"], BACKENDS["dummy"]}


class EmailURLError(ImproperlyConfigured):
    """An EMAIL_URL that cannot be understood; the message says which part."""


def email_settings(url):
    """The EMAIL_* settings an EMAIL_URL names, as a dict."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        known = ", ".join(f"{name}://" for name in BACKENDS)
        raise EmailURLError(f"EMAIL_URL scheme “{scheme}” is not one of {known}.")
    conf = {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise EmailURLError(
                "EMAIL_URL file:// needs an absolute path: file:///var/mail"
            )
        conf["EMAIL_FILE_PATH"] = unquote(parts.path)
    if scheme in DEFAULT_PORTS:
        conf.update(_smtp_settings(scheme, parts))
    return conf


def _smtp_settings(scheme, parts):
    if not parts.hostname:
        raise EmailURLError(
            f"EMAIL_URL {scheme}:// needs a host: {scheme}://mail.example"
        )
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as err:
        raise EmailURLError(
            f"EMAIL_URL has a port that is not a number: {err}"
        ) from err
    options = _options(parts.query)
    use_ssl = options.get("ssl", scheme == "smtps")
    use_tls = options.get("tls", scheme == "submission")
    if use_ssl and use_tls:
        raise EmailURLError("EMAIL_URL asks for both ssl and tls: choose one.")
    return {
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_TIMEOUT": options.get("timeout", DEFAULT_TIMEOUT),
    }


def _options(query):
    options = {}
    for name, values in parse_qs(query, keep_blank_values=True).items():
        value = values[-1].strip().lower()
        if name in ("ssl", "tls"):
            if value not in TRUE | FALSE:
                raise EmailURLError(f"EMAIL_URL {name}={value!r}: use True or False.")
            options[name] = value in TRUE
        elif name == "timeout":
            if not value.isdigit():
                raise EmailURLError(f"EMAIL_URL timeout={value!r}: use whole seconds.")
            options[name] = int(value)
        else:
            raise EmailURLError(
                f"EMAIL_URL option “{name}” is unknown (known: ssl, tls, timeout)."
            )
    return options


def is_console_backend(backend):
    """True for the backends that deliver nothing to anyone's inbox."""
    return backend in CONSOLE_BACKENDS


def require_delivery(backend, *, allow_console):
    """Production's refusal to start with mail that reaches nobody."""
    if is_console_backend(backend) and not allow_console:
        raise ImproperlyConfigured(
            "EMAIL_URL is not set, so every email would only be printed to the "
            "console. Set EMAIL_URL (e.g. smtp://user:password@mail.example:587/"
            "?tls=True), or MASTHEAD_ALLOW_CONSOLE_EMAIL=1 to keep the console."
        )
