"""What an editor checks before publishing. Pure Python: no Django import."""

import re
from dataclasses import dataclass

HEADLINE_MAX = 100  # longer headlines are cut in search results and social cards
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")


@dataclass
class Check:
    label: str
    passed: bool
    advice: str = ""


def run(*, title, standfirst, section_chosen, body, hero=None, missing=(), unresolved=()):
    """hero: None or a dict with "alt_text" and "credit"; missing: the body's
    pictures and related stories not found; unresolved: (address, reason) of
    embeds the worker has not resolved."""
    body_alts = [
        match.group("alt").strip() for match in MARKDOWN_IMAGE.finditer(body or "")
    ]
    return [
        Check(
            f"Headline of {HEADLINE_MAX} characters or fewer",
            0 < len(title or "") <= HEADLINE_MAX,
            f"It has {len(title or '')}; search results cut long headlines.",
        ),
        Check(
            "Standfirst written",
            bool((standfirst or "").strip()),
            "One or two sentences that sell the story.",
        ),
        Check("Section chosen", section_chosen, "Readers find stories by section."),
        # Issue 20: a story without a picture leads as text and shares with the
        # site's logo; it may be meant, but it should never be an accident.
        Check(
            "Hero image chosen",
            hero is not None,
            "Without one the story is shown as text alone on the home page "
            "and in shared links.",
        ),
        Check(
            "Alt text and credit on the hero image",
            hero is None or bool(hero.get("alt_text") and hero.get("credit")),
            "Every picture needs both.",
        ),
        Check(
            "Alt text on every picture in the body",
            all(body_alts),
            f"{body_alts.count('')} picture(s) have none.",
        ),
        Check(
            "Every picture and related story in the body exists",
            not missing,
            "Not found, so not shown: " + ", ".join(missing)
            + ". Upload the picture with that file name, or correct the name.",
        ),
        Check(
            "Every embed resolved",
            not unresolved,
            "Shown as a link until resolved: "
            + "; ".join(f"{url} ({reason})" for url, reason in unresolved),
        ),
    ]


def article_checks(article, embed_errors=None):
    """embed_errors: {address: reason} for the body's unresolved embeds."""
    hero = article.hero_image
    errors = embed_errors or {}
    facts = article.story or {}
    return run(
        missing=facts.get("missing", ()),
        unresolved=[
            (url, errors.get(url) or "waiting for the worker")
            for url in facts.get("unresolved", ())
        ],
        title=article.title,
        standfirst=article.standfirst,
        section_chosen=article.section_id is not None,
        body=article.body,
        hero={"alt_text": hero.alt_text, "credit": hero.credit} if hero else None,
    )
