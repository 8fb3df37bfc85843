"""Resolve the words a cue gives for its speaker: "Bass", "she", "the mayor".

The resolving half of the mention table (speakers.EntityTable), apart so
that each file reads as one concern: speakers.py learns who is mentioned
where, this module answers who a cue phrase points at.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import NON_NAME_CAPS, ORG_WORDS, ROLE_NOUNS
from .names import capital_runs, clean_tokens, read_name, role_before

_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_DETERMINER = re.compile(r"^(?:the|a|an|his|her|its|their|our|one)\s+", re.I)
_SPOKES = frozenset(
    "spokesperson spokesman spokeswoman representative statement".split()
)
_TO_SOMEONE = re.compile(
    r"[ \t]+(?:to|for)[ \t]+((?:[A-Z][\w.’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)"
)
_PERSON_NOUNS = ROLE_NOUNS | frozenset("man woman person year-old resident".split())
# How far back (in mentions) a pronoun looks for a person of its gender.
_PRONOUN_REACH = 12


@dataclass
class Resolved:
    """The speaker a cue phrase points at, and how it was found."""

    speaker: str | None
    role: str = ""
    how: str = ""  # "name", "pronoun", "description" or "organisation"
    entity: object = None  # the speakers.Entity, when there is one


class Resolution:
    """Cue-phrase resolution over the table's mentions (a mixin of EntityTable)."""

    def resolve(self, phrase, position, previous=None, since=None):
        """Resolve the words a cue gives for its speaker.

        ``previous`` is the last quote's speaker and ``since`` where that
        quote ended, when it is in the same paragraph as this cue.
        """
        phrase = phrase.strip(" \t,—–-")
        lower = phrase.lower()
        if lower in ("he", "she", "they"):
            return self._pronoun(lower, position, previous, since)
        if phrase.endswith(".") and _INITIALS.fullmatch(phrase):
            named = self._named_from_initials(phrase, position)
            if named is not None:
                return named
        parsed = _speaker_name(phrase)
        if parsed is not None:
            return self._named(parsed, position, phrase)
        if phrase[:1].isupper() and " " not in phrase:
            # "Israel said", "Rice said": a place's or a word's name that is
            # the surname of someone in the story is that person (issue #25).
            entity = self._person_named(lower, position)
            if entity is not None and entity.name.lower().endswith(" " + lower):
                return Resolved(entity.name, entity.role, "name", entity)
        return self._description(phrase, position)

    def _named(self, parsed, position, phrase):
        if parsed.kind == "org":
            entity = self._by_name.get(parsed.name.lower()) or self._org_containing(
                parsed.name.lower()
            )
            return Resolved(
                entity.name if entity else parsed.name, "", "organisation", entity
            )
        entity = self._person_named(parsed.name.lower(), position)
        if entity is None and parsed.kind == "surname":
            entity = self._by_word.get(parsed.name.lower())  # "Brightfield said"
            if entity is not None and entity.kind == "org":
                return Resolved(entity.name, "", "organisation", entity)
            entity = None
        role = parsed.role or role_before(phrase, len(phrase) - len(parsed.name))
        if entity is None:
            # A speaker the first pass missed: known from now on.
            parsed = replace(parsed, kind="person")
            entity = self._by_name.get(parsed.name.lower()) or self._new(parsed)
            entity.add_role(role)
        return Resolved(entity.name, role or entity.role, "name", entity)

    def _named_from_initials(self, phrase, position):
        """ "…,” says J.J. MacNab": a cue read only to the initials' last stop
        (taken for a sentence's end) is the person whose name the table read
        there in full (issue #25)."""
        for _, entity in self.mentions_between(position, position + len(phrase) + 1):
            if entity.kind == "person" and entity.name.startswith(phrase):
                return Resolved(entity.name, entity.role, "name", entity)
        return None

    def person_named(self, key, position):
        """The person a lone word (a surname, else a first name) points at."""
        return self._person_named(key, position)

    def _person_named(self, key, position):
        if key in self._by_name and self._by_name[key].kind == "person":
            return self._by_name[key]
        if " " in key:
            return None  # "Ellen Voight" is not the "Tom Voight" met before
        # A bare family name is the first person introduced with it: once
        # "Nikos Andreou" is in the story, his daughter is called "Eleni".
        found = self._by_word.get(key)
        if (
            found is not None
            and found.kind == "person"
            and found.name.lower().endswith(key)
        ):
            return found
        # A lone "Jack" is Brian Jack rather than Jack Dalrymple: a surname
        # first, then a first name (issue #25).
        latest_first = None
        for entity in self.before(position):
            if entity.kind != "person":
                continue
            if entity.name.lower().rsplit(" ", 1)[-1] == key:
                return entity
            if latest_first is None and entity.answers_to(key):
                latest_first = entity
        if latest_first is not None:
            return latest_first
        return found if found is not None and found.kind == "person" else None

    def _pronoun(self, pronoun, position, previous, since):
        gender = {"he": "m", "she": "f"}.get(pronoun, "")
        if pronoun == "they":
            found = next(
                (e for e in self.before(position) if e.kind == "org"), previous
            )
            return _as_resolved(found, "pronoun")
        # "…," she said. "…," she added: a pronoun in the quote's own paragraph
        # almost always continues the speaker just quoted.
        fits = (
            previous is not None
            and previous.kind == "person"
            and previous.gender in (gender, "")
        )
        if since is not None and fits:
            return _as_resolved(previous, "pronoun")
        return _as_resolved(
            self._by_gender(gender, position) or (previous if fits else None),
            "pronoun",
        )

    def _by_gender(self, gender, position):
        """The person a "he" or "she" most likely means.

        The latest person known to be of that gender, unless someone of
        unknown gender was introduced after the last quote (the usual way a
        new voice enters a story) and that person of known gender before it.
        """
        index = bisect_left(self.positions, position)
        unknown, seen = None, 0
        for at in range(index - 1, -1, -1):
            entity = self.entities[at]
            if entity.kind != "person":
                continue
            seen += 1
            if seen > _PRONOUN_REACH:
                break
            if entity.gender == gender:
                if unknown is not None and self._quote_between(at, unknown):
                    return self.entities[unknown]
                return entity
            if not entity.gender and unknown is None:
                unknown = at
        return self.entities[unknown] if unknown is not None else None

    def _quote_between(self, older, newer):
        """Whether a quotation lies between two mentions (by index)."""
        start, end = self.positions[older], self.positions[newer]
        index = bisect_right(self._quoted, (start, len(self._masked)))
        return index < len(self._quoted) and self._quoted[index][0] < end

    def _description(self, phrase, position):
        head = _head_noun(phrase)
        org = _org_in(phrase)
        if org is not None and (
            head in _SPOKES or head in ORG_WORDS or head == org.lower()
        ):
            return self._named(read_name(clean_tokens(org)), position, phrase)
        principal = self._principal(phrase, position)
        if principal is not None:
            # "a senior Marlowe adviser", "one Marlowe confidant", "a
            # longtime adviser to Marlowe": unnamed, they speak for the person named in
            # the description (PolNeAR's rule). Before the roles met so far:
            # "one Marlowe supporter" is not Ines Farro, "a longtime
            # supporter of Kell" (issue #25, polnear-train).
            return _as_resolved(principal, "description")
        for entity in self.before(position):
            if entity.kind == "person" and head in entity.role_words:
                return _as_resolved(entity, "description")
        if head in ORG_WORDS or head in _SPOKES:
            return _as_resolved(self._org_like(head, position), "organisation")
        if head in _PERSON_NOUNS or head.endswith("year-old"):
            # "the Republican presidential candidate said": the ranker's to
            # choose, not merely the latest person named.
            return Resolved(None, "", "unmatched")
        return Resolved(_DETERMINER.sub("", phrase) or None, "", "description")

    def _principal(self, phrase, position):
        for word in phrase.replace("’s", "").replace("'s", "").split()[:-1]:
            if word[:1].isupper():
                entity = self._by_word.get(word.lower())
                if entity is not None and entity.kind == "person":
                    return entity
        return self._principal_after(phrase, position)

    def _principal_after(self, phrase, position):
        """The person a cue's description is "to" or "for", in the words
        the cue phrase stopped before: "said one longtime adviser to Tobias
        Marlowe", "a spokesman for Marlowe"."""
        masked = self._masked
        at = masked.find(phrase, position, position + len(phrase) + 40)
        if at < 0:
            return None
        linked = _TO_SOMEONE.match(masked, at + len(phrase))
        if linked is None:
            return None
        parsed = _speaker_name(linked.group(1))
        if parsed is None or parsed.kind == "org":
            return None
        entity = self._person_named(parsed.name.lower(), position)
        return entity if entity is not None and entity.kind == "person" else None

    def _org_like(self, head, position):
        # "the district" is the latest organisation with "District" in its
        # name; "the company" or "the utility", failing that, the latest one.
        orgs = [e for e in self.before(position) if e.kind == "org"]
        match = next((e for e in orgs if head in e.name.lower()), None)
        return match or (orgs[0] if orgs else None)


def _as_resolved(entity, how):
    if entity is None:
        return Resolved(None, "", how)
    how = "organisation" if entity.kind == "org" else how
    return Resolved(entity.name, entity.role, how, entity)


@lru_cache(maxsize=4096)
def _speaker_name(phrase):
    """The name a cue phrase ends with, read as a speaker's; cached, as the
    same few names are the cue of most quotes (shared: never changed)."""
    run = _trailing_run(phrase)
    return read_name(clean_tokens(run), speaker=True) if run else None


def _trailing_run(phrase):
    """The capitalised run that ends the phrase, if it ends with one."""
    runs = capital_runs(phrase)
    last = runs[-1] if runs else None
    if last is None or phrase[last[1] :].strip(" .’'s"):
        return ""
    if all(t.lower() in NON_NAME_CAPS for t in last[2].split()):
        return ""
    return last[2]


def _org_in(phrase):
    for _, _, run in capital_runs(phrase):
        parsed = read_name(clean_tokens(run))
        if parsed is not None and parsed.kind == "org":
            return run
    return None


def _head_noun(phrase):
    words = phrase.lower().replace("’s", "").replace("'s", "").split()
    return words[-1].strip(".,") if words else ""
