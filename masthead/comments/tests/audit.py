"""Audit rendered HTML the way a browser would parse it, for injected markup.

html5lib builds the same tree a browser does (mutation tricks included), so
the audit sees what would run, not what the source text looks like.
"""

import json
from pathlib import Path

import html5lib

from masthead.core.sanitize import url_scheme

CORPUS_PATH = Path(__file__).with_name("data") / "attack_corpus.json"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
SAFE_SCHEMES = {None, "http", "https", "mailto"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "math", "frame", "frameset",
                  "applet", "foreignobject", "noscript", "mglyph"}  # fmt: skip


def load_corpus():
    return json.loads(CORPUS_PATH.read_text(encoding="utf-8"))["cases"]


def corpus_value(case):
    return case["value"]


def audit(markup):
    """Problems found: a list of sentences, empty when the page is clean."""
    tree = html5lib.parse(markup, namespaceHTMLElements=False)
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        problems += _element_problems(tag, element)
        for name, value in element.attrib.items():
            problems += _attribute_problems(tag, name.rsplit("}", 1)[-1].lower(), value)
    return problems


def _element_problems(tag, element):
    if tag in FORBIDDEN_TAGS:
        return [f"<{tag}> element present"]
    src = element.get("src", "")
    same_origin = src.startswith("/") and not src.startswith("//")
    if tag == "script" and not (same_origin or element.get("type", "").endswith("json")):
        return [f"inline <script>: {(element.text or '')[:60]!r}"]
    if tag == "style" and not element.get("nonce"):
        return ["<style> element without a nonce"]
    return []


def _attribute_problems(tag, name, value):
    if name.startswith("on"):
        return [f"event handler {name}= on <{tag}>"]
    if name in URL_ATTRIBUTES and url_scheme(value) not in SAFE_SCHEMES:
        return [f"{name}={value[:60]!r} on <{tag}> has scheme {url_scheme(value)}"]
    if name == "style":
        return [f"style attribute on <{tag}>"]
    return []
