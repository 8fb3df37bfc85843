from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from masthead.core.links import slug_url


class Person(models.Model):
    """Anyone the site names: an author, a photographer, later a quoted speaker."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ForeignKey(
        "media.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Private: for notifications only, never rendered on a public page.
    email = models.EmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The staff account that writes as this person, if any."),
    )
    is_staff_author = models.BooleanField(
        _("has an author page"), default=True, help_text=_("Staff writers and editors.")
    )
    # Organisations speak too ("ICE said in a statement"; issue 6).
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("people:author", self.slug)


class PersonAlias(models.Model):
    """Another name that means this person ("Mayor Bass" for Karen Bass).

    Recorded when editors merge duplicates, so the quote extractor resolves the
    name to the kept record next time. ``key`` is the name case-folded: one
    person per spelling, whatever the capitals.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = alias_key(self.name)
        super().save(*args, **kwargs)


def alias_key(name):
    """How names are compared: case and runs of white space do not matter."""
    return " ".join((name or "").split()).casefold()
