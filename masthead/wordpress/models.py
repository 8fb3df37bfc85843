"""What an import remembers: which WordPress row became which Masthead row.

Every record is keyed by the WordPress site and the row's WordPress id, so a
second run (or a run after a kill) skips what is already here (issue 22).
Each keeps the paths the row had on the old site (`old_paths`), for the
redirects app to serve as 301s: `permalinks.old_urls_for(record)` is the one
seam between the two. Raw WordPress meta is kept as exported (serialized PHP
included), so nothing the file said is lost.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

FEED = "/feed/"


class ImportedSite(models.Model):
    """One WordPress site imported here, by its blog address."""

    key = models.CharField(max_length=300, unique=True)  # host and path, no scheme
    title = models.CharField(max_length=300, blank=True)
    base_url = models.URLField(max_length=500, blank=True)
    # The permalink structure read from the file's links ("/%postname%/").
    structure = models.CharField(max_length=200, blank=True)
    old_paths = models.JSONField(default=list)  # /feed/, /comments/feed/, …
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress site")

    def __str__(self):
        return self.key

    def target_url(self, old):
        if "comments" in old:
            return reverse("home")
        return reverse("feeds:atom" if "atom" in old else "feeds:rss")


class ImportedPost(models.Model):
    """A post or page and the article it became."""

    site = models.ForeignKey(ImportedSite, on_delete=models.CASCADE, related_name="posts")
    wp_id = models.BigIntegerField()
    guid = models.CharField(max_length=500, blank=True)
    post_type = models.CharField(max_length=40, default="post")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="wordpress_imports"
    )
    # Sticky posts are pinned on the front page once the frontpage app lands.
    sticky = models.BooleanField(default=False)
    old_paths = models.JSONField(default=list)
    meta = models.JSONField(default=list)  # [[key, raw value], …] as exported
    # The featured image's attachment id, until that attachment is imported.
    hero_wp_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_id"], name="one_import_per_post")
        ]
        verbose_name = _("imported WordPress post")

    def __str__(self):
        return f"{self.site_id}:{self.wp_id}"

    def target_url(self, old):
        return post_target(old, self.article.slug, self.article.get_absolute_url())


def post_target(old, slug, article_url):
    """Where an imported post's old address goes: its comments feed for a
    feed, else its article (`article_url`). The handover reads the records
    as values and gives each article's URL once (issue 22)."""
    if old.endswith(FEED) and not old.startswith("/?"):
        return reverse("feeds:comments", args=[slug])
    return article_url


class ImportedComment(models.Model):
    """A comment, pingback or trackback and the comment it became."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("comment")
        PINGBACK = "pingback", _("pingback")
        TRACKBACK = "trackback", _("trackback")

    site = models.ForeignKey(ImportedSite, on_delete=models.CASCADE, related_name="+")
    wp_id = models.BigIntegerField()
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="wordpress_imports"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    meta = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_id"], name="one_import_per_comment")
        ]


class ImportedAttachment(models.Model):
    """A media attachment; image is empty while its file is missing."""

    site = models.ForeignKey(ImportedSite, on_delete=models.CASCADE, related_name="+")
    wp_id = models.BigIntegerField()
    url = models.CharField(max_length=1000)
    path = models.CharField(max_length=500, blank=True)  # under wp-content/uploads
    name = models.CharField(max_length=200)  # the media library name bodies use
    parent_wp_id = models.BigIntegerField(null=True, blank=True)
    image = models.ForeignKey(
        "media.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    old_paths = models.JSONField(default=list)  # the attachment page

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_id"], name="one_import_per_file")
        ]
        indexes = [models.Index(fields=["site", "url"], name="imported_file_url_idx")]

    def target_url(self, old):
        """The story it was attached to, else the picture itself."""
        post = ImportedPost.objects.filter(site=self.site_id, wp_id=self.parent_wp_id).first()
        if post is not None:
            return post.article.get_absolute_url()
        return self.image.url if self.image_id else None


class ImportedTerm(models.Model):
    """A category (now a section) or tag, with its archive's old paths."""

    site = models.ForeignKey(ImportedSite, on_delete=models.CASCADE, related_name="+")
    taxonomy = models.CharField(max_length=40)  # category, post_tag
    slug = models.CharField(max_length=200)
    wp_id = models.BigIntegerField(null=True, blank=True)
    parent_slug = models.CharField(max_length=200, blank=True)
    section = models.ForeignKey(
        "articles.Section", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tag = models.ForeignKey(
        "articles.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    old_paths = models.JSONField(default=list)
    meta = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "taxonomy", "slug"], name="one_import_per_term"
            )
        ]

    def target_url(self, old):
        row, kind = (self.section, "section") if self.section_id else (self.tag, "tag")
        if row is None:
            return None
        if old.endswith(FEED):
            return reverse(f"feeds:{kind}_rss", args=[row.slug])
        return row.get_absolute_url()


class ImportedAuthor(models.Model):
    """A WordPress login (or Co-Authors Plus guest author) and its person."""

    site = models.ForeignKey(ImportedSite, on_delete=models.CASCADE, related_name="+")
    login = models.CharField(max_length=200)
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="wordpress_logins"
    )
    old_paths = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "login"], name="one_import_per_login")
        ]

    def target_url(self, old):
        if old.endswith(FEED):
            return reverse("feeds:author_rss", args=[self.person.slug])
        return self.person.get_absolute_url()
