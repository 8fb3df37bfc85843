"""Who is who in one article: the people and organisations it mentions.

The table is built in one pass over the text outside quotations, in reading
order, so that "Bass", "Mayor Bass" and "the Democratic mayor" can be resolved
to the "Karen Bass" introduced earlier, and "she" to the most recent woman.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from .lexicon import NON_NAME_CAPS, ORG_WORDS, ROLE_NOUNS, TITLE_ABBREVIATIONS
from .names import (
    CAPITAL_RUN,
    appositive_after,
    clean_tokens,
    read_name,
    read_run,
    role_before,
)

# Only subject pronouns teach a gender: "his" and "her" often belong to
# someone else in the sentence ("…identified only by his first name, Ray").
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_LAST_WORD = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_DETERMINER = re.compile(r"^(?:the|a|an|his|her|its|their|our|one)\s+", re.I)
_SPOKES = frozenset("spokesperson spokesman spokeswoman representative statement".split())
_PERSON_NOUNS = ROLE_NOUNS | frozenset("man woman person year-old resident".split())
# How far back (in mentions) a pronoun looks for a person of its gender.
_PRONOUN_REACH = 12


@dataclass(eq=False)
class Entity:
    """A person or organisation named in the article."""

    name: str
    kind: str  # "person" or "org"
    role: str = ""
    gender: str = ""
    role_words: set = field(default_factory=set)

    def add_role(self, role):
        if role:
            self.role = self.role or role
            for word in role.lower().replace("’s", "").split():
                word = word.rstrip(".,")
                self.role_words.add(TITLE_ABBREVIATIONS.get(word, word))

    def answers_to(self, word):
        parts = self.name.lower().split()
        return word == parts[-1] or word == parts[0]


@dataclass
class Resolved:
    """The speaker a cue phrase points at, and how it was found."""

    speaker: str | None
    role: str = ""
    how: str = ""  # "name", "pronoun", "description" or "organisation"
    entity: Entity | None = None


class EntityTable:
    """Mentions of people and organisations, in the order the article makes them."""

    def __init__(self):
        self.positions, self.entities = [], []
        self._by_name, self._by_word = {}, {}

    @classmethod
    def build(cls, masked, quoted):
        """Read the text outside the ``quoted`` (start, end) ranges, in order."""
        table = cls()
        events = [(m.start(), m) for m in CAPITAL_RUN.finditer(masked)]
        events += [(m.start(), m) for m in _PRONOUN.finditer(masked)]
        events.sort(key=lambda event: event[0])
        ranges, index = quoted, 0
        for position, match in events:
            while index < len(ranges) and ranges[index][1] <= position:
                index += 1
            if index < len(ranges) and ranges[index][0] <= position:
                continue  # inside a quotation: words the speaker used
            if match.re is _PRONOUN:
                table._learn_gender(match)
            else:
                table._read_run(masked, match)
        return table

    def _learn_gender(self, match):
        # "Reyes … he said": an unknown gender is taken from the next pronoun.
        if self.entities and match.start() - self.positions[-1] < 150:
            last = self.entities[-1]
            if last.kind == "person" and not last.gender:
                last.gender = _PRONOUN_GENDER[match.group().lower()]

    def _read_run(self, masked, match):
        before = _LAST_WORD.search(masked, max(0, match.start() - 16), match.start())
        parsed = read_run(match.group(), before.group(1).lower() if before else "")
        if parsed is None:
            return
        if parsed.affiliation:
            self._read_affiliation(parsed.affiliation, match.start())
        entity = self._entity_for(parsed)
        if entity is None:
            return
        if entity.kind == "person":
            entity.add_role(parsed.role or role_before(masked, match.start()))
            entity.add_role(appositive_after(masked, match.end()))
            entity.gender = entity.gender or parsed.gender
        self.note(match.start(), entity)

    def _read_affiliation(self, tokens, position):
        parsed = read_name(tokens)
        if parsed is not None and parsed.kind == "org":
            self.note(position, self._entity_for(parsed))

    def _entity_for(self, parsed):
        key = parsed.name.lower()
        if parsed.kind == "surname":
            found = self._by_word.get(key)
            if found or not (parsed.role or parsed.gender):
                return found
            parsed = replace(parsed, kind="person")  # "Mr. Alvarez", no first name
        if parsed.kind == "org":
            return self._by_name.get(key) or self._org_containing(key) or self._new(parsed)
        return self._by_name.get(key) or self._new(parsed)

    def _new(self, parsed):
        entity = Entity(parsed.name, parsed.kind, gender=parsed.gender)
        self._by_name[parsed.name.lower()] = entity
        if entity.kind == "person":
            parts = parsed.name.lower().split()
            self._by_word[parts[-1]] = entity
            self._by_word.setdefault(parts[0], entity)
        else:
            # "Brightfield" after "Brightfield Renewables".
            self._by_word[parsed.name.lower()] = entity
            self._by_word.setdefault(parsed.name.lower().split()[0], entity)
        return entity

    def _org_containing(self, key):
        for entity in reversed(self.entities):
            if entity.kind == "org" and key in entity.name.lower():
                return entity
        return None

    def note(self, position, entity):
        """Record a mention (also used when a quote's speaker is resolved)."""
        index = bisect_left(self.positions, position)
        self.positions.insert(index, position)
        self.entities.insert(index, entity)

    def before(self, position):
        """Entities mentioned before ``position``, the most recent first."""
        index = bisect_left(self.positions, position)
        return reversed(self.entities[:index])

    def most_recent_person(self, position):
        return next((e for e in self.before(position) if e.kind == "person"), None)

    # Resolution of a cue phrase ("Bass", "she", "the Democratic mayor").

    def resolve(self, phrase, position, previous=None, same_paragraph=False):
        """Resolve the words a cue gives for its speaker."""
        phrase = phrase.strip(" \t,—–-")
        lower = phrase.lower()
        if lower in ("he", "she", "they"):
            return self._pronoun(lower, position, previous, same_paragraph)
        run = _trailing_run(phrase)
        parsed = read_name(clean_tokens(run), speaker=True) if run else None
        if parsed is not None:
            return self._named(parsed, position, phrase)
        return self._description(phrase, position)

    def _named(self, parsed, position, phrase):
        if parsed.kind == "org":
            entity = self._by_name.get(parsed.name.lower()) or self._org_containing(
                parsed.name.lower()
            )
            return Resolved(entity.name if entity else parsed.name, "", "organisation", entity)
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

    def _person_named(self, key, position):
        if key in self._by_name and self._by_name[key].kind == "person":
            return self._by_name[key]
        word = key.split()[-1]
        for entity in self.before(position):
            if entity.kind == "person" and entity.answers_to(word):
                return entity
        found = self._by_word.get(word)
        return found if found is not None and found.kind == "person" else None

    def _pronoun(self, pronoun, position, previous, same_paragraph):
        gender = {"he": "m", "she": "f"}.get(pronoun, "")
        if pronoun == "they":
            found = next((e for e in self.before(position) if e.kind == "org"), previous)
            return _as_resolved(found, "pronoun")
        # "…," she said. "…," she added: a pronoun in the quote's own paragraph
        # almost always continues the speaker just quoted.
        fits = previous is not None and previous.kind == "person" and previous.gender in (gender, "")
        if same_paragraph and fits:
            return _as_resolved(previous, "pronoun")
        known, unknown = self._by_gender(gender, position)
        found = known or (previous if fits else unknown)
        if found is not None and not found.gender:
            found.gender = gender
        return _as_resolved(found, "pronoun")

    def _by_gender(self, gender, position):
        """The latest person of this gender, and the latest of unknown gender."""
        unknown = None
        for seen, entity in enumerate(self.before(position)):
            if seen >= _PRONOUN_REACH:
                break
            if entity.kind != "person":
                continue
            if entity.gender == gender:
                return entity, unknown
            if not entity.gender and unknown is None:
                unknown = entity
        return None, unknown

    def _description(self, phrase, position):
        head = _head_noun(phrase)
        org = _org_in(phrase)
        if org is not None and (head in _SPOKES or head in ORG_WORDS or head == org.lower()):
            return self._named(read_name(clean_tokens(org)), position, phrase)
        for entity in self.before(position):
            if entity.kind == "person" and head in entity.role_words:
                return _as_resolved(entity, "description")
        if head in ORG_WORDS or head in _SPOKES:
            return _as_resolved(self._org_like(head, position), "organisation")
        if head in _PERSON_NOUNS or head.endswith("year-old"):
            return _as_resolved(self.most_recent_person(position), "description")
        return Resolved(_DETERMINER.sub("", phrase) or None, "", "description")

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


def _trailing_run(phrase):
    """The capitalised run that ends the phrase, if it ends with one."""
    last = None
    for last in CAPITAL_RUN.finditer(phrase):
        pass
    if last is None or phrase[last.end() :].strip(" .’'s"):
        return ""
    if all(t.lower() in NON_NAME_CAPS for t in last.group().split()):
        return ""
    return last.group()


def _org_in(phrase):
    for match in CAPITAL_RUN.finditer(phrase):
        parsed = read_name(clean_tokens(match.group()))
        if parsed is not None and parsed.kind == "org":
            return match.group()
    return None


def _head_noun(phrase):
    words = phrase.lower().replace("’s", "").replace("'s", "").split()
    return words[-1].strip(".,") if words else ""
