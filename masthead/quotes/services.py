"""Writes for the voices feature: extract an article's quotes, fix them, create speakers.

Views, admin actions, commands, signal handlers and the worker all call these.
"""

import hashlib
import re
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from masthead.articles.models import Article
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit
from masthead.people.models import Person, PersonAlias, alias_key

from .extract import extract_quotes
from .models import Extraction, Quote
from .spans import mask_markdown, quotable_text

PUBLIC_STATES = ("published", "scheduled")
# An editor's fix follows a re-extracted quote whose span overlaps this much
# (the evaluator's rule), or whose words are this similar after an edit.
MIN_OVERLAP = 0.5
MIN_SIMILARITY = 0.8


def body_digest(body):
    return hashlib.sha256((body or "").encode("utf-8")).hexdigest()


def extract_article_quotes(*, article, force=False):
    """Read the article's quotes into Quote rows, keeping every editor's fix.

    Quote rows are matched to the new extraction by their words, so links to
    ``#quote-<id>`` keep working across edits. Rows an editor touched (added,
    rejected, speaker changed) follow their words to their new place; they
    are dropped only when the words have left the story. Returns the number
    of active quotes, or None when the body had already been read.
    """
    digest = body_digest(article.body)
    with transaction.atomic():
        done = Extraction.objects.select_for_update().filter(article=article).first()
        if done and done.body_digest == digest and not force:
            return None
        existing = list(article.quotes.select_related("speaker"))
        before = {q.speaker_id for q in existing}
        rows = _reconcile(article, extract_quotes(quotable_text(article.body)), existing)
        count = sum(1 for q in rows if q.status == Quote.Status.ACTIVE)
        Extraction.objects.update_or_create(
            article=article, defaults={"body_digest": digest, "quote_count": count}
        )
        purge_quote_pages(article_ids={article.pk}, person_ids=before | {q.speaker_id for q in rows})
    return count


def _reconcile(article, found, existing):
    masked = mask_markdown(quotable_text(article.body))
    pinned = [q for q in existing if q.has_editor_fix]
    loose = {}
    for quote in existing:
        if not quote.has_editor_fix:
            loose.setdefault(_key(quote.text), []).append(quote)
    _relocate(masked, pinned)
    speakers = SpeakerResolver()
    to_create, to_update = [], []
    for quotation in found:
        pin = _pinned_match(pinned, quotation)
        if pin is not None:
            pinned.remove(pin)
            _refresh(pin, quotation, speakers)
            to_update.append(pin)
            continue
        same = loose.get(_key(quotation.text))
        row = same.pop(0) if same else Quote(article=article)
        _refresh(row, quotation, speakers)
        (to_update if row.pk else to_create).append(row)
    # Editor-added quotes the extractor does not see, still in the story.
    to_update += [q for q in pinned if q.start is not None]
    stale = [q.pk for q in existing if q not in to_update]
    Quote.objects.filter(pk__in=stale).delete()
    Quote.objects.bulk_create(to_create)
    Quote.objects.bulk_update(to_update, REFRESHED_FIELDS)
    return to_create + to_update


REFRESHED_FIELDS = [
    "text", "start", "end", "cue", "cue_type", "confidence", "is_partial",
    "speaker", "speaker_role", "updated_at",
]  # fmt: skip


def _refresh(row, quotation, speakers):
    """Copy the extractor's reading onto a row, except what an editor decided."""
    row.start, row.end = quotation.start, quotation.end
    row.updated_at = timezone.now()
    if row.origin == Quote.Origin.EDITOR:
        return  # the editor's words and speaker stand; only the place moves
    row.text = quotation.text
    row.cue, row.cue_type = quotation.cue[:60], quotation.cue_type[:30]
    row.confidence, row.is_partial = quotation.confidence, quotation.is_partial
    if not row.speaker_fixed:
        organisation = quotation.speaker_kind == "org" or quotation.cue_type == "organisation"
        row.speaker = speakers.resolve(quotation.speaker, organisation=organisation)
        row.speaker_role = (quotation.speaker_role or "")[:300]


def _relocate(masked, pinned):
    """Find each fixed quote's words in the edited body; None when they are gone."""
    for quote in pinned:
        span = locate(masked, quote.text, near=quote.start)
        quote.start, quote.end = span if span else (None, None)


def _pinned_match(pinned, quotation):
    for quote in pinned:
        if quote.start is not None:
            if overlap(quote.start, quote.end, quotation.start, quotation.end) >= MIN_OVERLAP:
                return quote
        elif SequenceMatcher(None, _key(quote.text), _key(quotation.text)).ratio() >= MIN_SIMILARITY:
            return quote
    return None


def overlap(a_start, a_end, b_start, b_end):
    shared = min(a_end, b_end) - max(a_start, b_start)
    longest = max(a_end - a_start, b_end - b_start)
    return shared / longest if shared > 0 and longest else 0.0


def _key(text):
    return " ".join(text.split()).casefold()


def locate(body, words, near=0):
    """(start, end) of ``words`` in ``body`` allowing any white space between
    them; the occurrence nearest ``near`` when there are several."""
    tokens = words.split()
    if not tokens:
        return None
    pattern = re.compile(r"\s+".join(re.escape(t) for t in tokens), re.IGNORECASE)
    spans = [(m.start(), m.end()) for m in pattern.finditer(body)]
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - (near or 0)))


class SpeakerResolver:
    """Canonical names to Person rows, remembered for one extraction.

    An existing record wins (an author whose name matches, or a name recorded
    as an alias when editors merged duplicates); otherwise a speaker record is
    created, without an author page.
    """

    def __init__(self):
        self.known = {}

    def resolve(self, name, *, organisation=False):
        name = " ".join((name or "").split())[:200]
        if not name:
            return None
        key = alias_key(name)
        if key not in self.known:
            self.known[key] = find_person(name) or create_speaker(
                name=name, organisation=organisation
            )
        return self.known[key]


def find_person(name):
    by_alias = PersonAlias.objects.filter(key=alias_key(name)).select_related("person").first()
    if by_alias:
        return by_alias.person
    return Person.objects.filter(name__iexact=name).order_by("-is_staff_author", "pk").first()


def create_speaker(*, name, organisation=False):
    kind = Person.Kind.ORGANISATION if organisation else Person.Kind.PERSON
    return Person.objects.create(
        name=name, slug=unique_slug(name), is_staff_author=False, kind=kind
    )


def unique_slug(name):
    base = (slugify(name) or "speaker")[:190]
    taken = set(
        Person.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def purge_quote_pages(*, article_ids=(), person_ids=()):
    """Cached pages showing these articles' quotes or these people's voices."""
    tags = {page_tags.QUOTES} | {page_tags.row_of(Article, pk) for pk in article_ids}
    tags |= {page_tags.voices_of(pk) for pk in person_ids if pk}
    purge_on_commit(tags)


# The review queue (issue #25): an editor confirms, fixes or rejects an
# attribution the extractor was not sure of. Confirming and fixing pin the
# speaker (speaker_fixed), so re-extraction keeps it, as any editor's fix.


def confirm_quote(*, quote, user):
    """The extractor's speaker is right: show it to readers from now on."""
    _check_review(user)
    quote.speaker_fixed = quote.speaker_id is not None
    _save_review(quote, user, ["speaker_fixed"])


def fix_quote_speaker(*, quote, user, speaker, role=None):
    """Attribute the quote to ``speaker`` (a Person) instead."""
    _check_review(user)
    before = quote.speaker_id
    quote.speaker, quote.speaker_fixed = speaker, True
    fields = ["speaker", "speaker_fixed"]
    if role is not None:
        quote.speaker_role = role[:300]
        fields.append("speaker_role")
    _save_review(quote, user, fields, also=before)


def reject_quote(*, quote, user):
    """Not a quote: it leaves every public page and stays out on re-extraction."""
    _check_review(user)
    quote.status = Quote.Status.REJECTED
    _save_review(quote, user, ["status"])


def _check_review(user):
    if not user.has_perm("quotes.change_quote"):
        raise PermissionDenied("Reviewing quotes needs permission to change them.")


def _save_review(quote, user, fields, also=None):
    quote.reviewed_by, quote.reviewed_at = user, timezone.now()
    quote.save(update_fields=[*fields, "reviewed_by", "reviewed_at", "updated_at"])
    purge_quote_pages(
        article_ids={quote.article_id}, person_ids={quote.speaker_id, also}
    )


def extract_by_id(*, article_id, force=False):
    article = Article.objects.filter(pk=article_id, status__in=PUBLIC_STATES).first()
    if article is None:
        return None  # unpublished or deleted since it was queued
    return extract_article_quotes(article=article, force=force)


def move_quotes_of_merged_people(sender, *, keep, others, **kwargs):
    """people_merging: the duplicates' quotes become the kept person's."""
    ids = [p.pk for p in others]
    moved = Quote.objects.filter(speaker_id__in=ids)
    article_ids = set(moved.values_list("article_id", flat=True))
    moved.update(speaker=keep)
    purge_quote_pages(article_ids=article_ids, person_ids=[keep.pk, *ids])
