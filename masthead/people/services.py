"""Writes on people that touch several rows: merging duplicates."""

from django.db import transaction

from .models import Person, PersonAlias, alias_key
from .signals import people_merging


@transaction.atomic
def merge_people(*, keep, others):
    """Fold duplicate people ("Mayor Bass") into ``keep`` (Karen Bass).

    Every app's rows move to the kept record (people_merging: bylines,
    quotes), each duplicate's name and aliases become its aliases (so the
    extractor resolves them to it from now on), blank details are filled from
    the duplicates, and they are deleted.
    """
    others = [p for p in others if p.pk != keep.pk]
    ids = [p.pk for p in others]
    people_merging.send(sender=Person, keep=keep, others=others)
    PersonAlias.objects.filter(person_id__in=ids).update(person=keep)
    for other in others:
        record_alias(keep, other.name)
        _fill_blanks(keep, other)
    keep.save()
    Person.objects.filter(pk__in=ids).delete()
    return keep


def record_alias(person, name):
    key = alias_key(name)
    if key and key != alias_key(person.name):
        PersonAlias.objects.update_or_create(key=key, defaults={"person": person, "name": name})


def _fill_blanks(keep, other):
    for field in ("job_title", "bio", "photo_id", "email"):
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    if keep.user_id is None and other.user_id is not None:
        keep.user_id = other.user_id
        Person.objects.filter(pk=other.pk).update(user=None)  # one person per account
    keep.is_staff_author = keep.is_staff_author or other.is_staff_author
