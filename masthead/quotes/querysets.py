from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery

from masthead.articles.models import Article
from masthead.people.models import Person

from .confidence import SHOW_THRESHOLD


def show_threshold():
    """The confidence from which a name is shown unreviewed (read lazily)."""
    return getattr(settings, "MASTHEAD_QUOTES_SHOW_THRESHOLD", SHOW_THRESHOLD)


class QuoteQuerySet(models.QuerySet):
    def active(self):
        """Quotes no editor has marked "not a quote"."""
        return self.filter(status=self.model.Status.ACTIVE)

    def public(self):
        """The one rule for which quotes readers see: active, in a published article."""
        return self.active().filter(article__in=Article.objects.published())

    def attributed(self):
        """Quotes whose speaker readers may see: confident, or settled by an editor.

        Below the threshold (confidence.py) a name waits for the review queue;
        an editor's confirmation or fix sets ``speaker_fixed``.
        """
        return self.filter(speaker__isnull=False).filter(
            Q(confidence__gte=show_threshold())
            | Q(speaker_fixed=True)
            | Q(origin=self.model.Origin.EDITOR)
        )

    def awaiting_review(self):
        """The review queue: active extracted quotes whose name is not shown yet."""
        return (
            self.active()
            .filter(origin=self.model.Origin.EXTRACTED, speaker_fixed=False)
            .filter(Q(confidence__lt=show_threshold()) | Q(speaker__isnull=True))
        )

    def in_article(self, article):
        """An article page's quotes in reading order, with their speakers, in one query.

        The caller has already applied published() to the article itself.
        """
        return (
            self.active()
            .filter(article=article)
            .select_related("speaker")
            .order_by("start", "id")
        )

    def by_speaker(self, person):
        """A voice page: newest article first, then in reading order."""
        return (
            self.filter(speaker=person)
            .select_related("article")
            .order_by("-article__published_at", "-article_id", "start", "id")
        )

    def speakers(self):
        """The people these quotes are attributed to, most quoted first.

        Each carries ``quote_count`` and ``latest_role`` (the role the most
        recent quote gives), annotated in the same query however many rows.
        """
        latest = self.filter(speaker=OuterRef("pk")).exclude(speaker_role="").order_by(
            "-article__published_at", "-id"
        )
        return (
            Person.objects.annotate(
                quote_count=Count("quotes", filter=Q(quotes__in=self.values("pk"))),
                latest_role=Subquery(latest.values("speaker_role")[:1]),
            )
            .filter(quote_count__gt=0)
            .order_by("-quote_count", "name", "pk")
        )

    def between(self, start=None, end=None):
        """Quotes in articles published in [start, end] (dates; either may be None)."""
        qs = self
        if start:
            qs = qs.filter(article__published_at__date__gte=start)
        if end:
            qs = qs.filter(article__published_at__date__lte=end)
        return qs
