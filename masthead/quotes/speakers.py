"""Who is who in one article: the people and organisations it mentions.

The table is built in one pass over the text outside quotations, in reading
order, so that "Bass", "Mayor Bass" and "the Democratic mayor" can be resolved
to the "Karen Bass" introduced earlier, and "she" to the most recent woman.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from .lexicon import (
    CUE_VERBS,
    KINSHIP,
    ROLE_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from .names import (
    CAPITAL_RUN,
    GIVEN_NAMES,
    appositive_after,
    capital_runs,
    read_name,
    read_run,
    role_before,
    runs_of,
)
from .resolution import Resolution
from .roles import clean_role
from .runs import after_place_word, list_members, stretches

# Only subject pronouns teach a gender: "his" and "her" often belong to
# someone else in the sentence ("…identified only by his first name, Ray").
# The leading space (not a look-behind) keeps the regex fast; see capital_runs.
_PRONOUN = re.compile(r"[\s“\"(](?:[Hh]e|[Ss]he)\b")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# A person's first mentions are searched for a pronoun that says the gender;
# after that the search costs more than it finds (issue #25's speed).
_GENDER_TRIES = 8
# "Clinton said she…", "Cruz openly admitted": a lone word that reports.
_SAYS_WHO = re.compile(
    r"[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]+)(?:[ \t]+that)?(?:[ \t]+(he|she)\b)?"
)
# The noun is any word here: the caller has checked that the word before the
# comma is one of _INTRODUCING (an alternation of them all, case-blind, took
# half a millisecond a search; issue #25's speed).
_INTRODUCED = re.compile(
    r"(?:(?P<owner>[A-Z][\w\-]*)['’]s[ \t]+)?(?:[\w\-]+[ \t]+)?"
    r"(?P<noun>[A-Za-z]+),[ \t]*$",
    re.I,
)
_INTRODUCING = frozenset(KINSHIP.keys() | ROLE_NOUNS)
_QUOTE_MARKS = frozenset('“”"')


# Title words that qualify a title rather than give one: before a lone word
# they make no person of it (issue #25: "Head Start" was a Mr. Start).
_WEAK_TITLES = frozenset(
    """
    head former senior state county city fire police board school athletic
    executive council member members u.s. us federal assistant vice interim
    acting district democratic republican independent general major private
    """.split()
)


@dataclass(eq=False)
class Entity:
    """A person or organisation named in the article."""

    name: str
    kind: str  # "person" or "org"
    role: str = ""
    gender: str = ""
    role_words: set = field(default_factory=set)
    gender_tries: int = 0  # mentions searched for a pronoun so far
    # From a title, a first name or a kinship word, not from a nearby "he":
    # sure enough that the ranker never gives this person another's pronoun.
    gender_sure: bool = False

    def add_role(self, role):
        if not role or role == self.role:
            return  # most mentions: no role, or the one already known
        role = clean_role(role)
        if role:
            self.role = self.role or role
            for word in role.lower().replace("’s", "").split():
                word = word.rstrip(".,")
                self.role_words.add(TITLE_ABBREVIATIONS.get(word, word))

    def answers_to(self, word):
        parts = self.name.lower().split()
        return word == parts[-1] or word == parts[0]


def _may_follow_role(masked, start):
    # The quick test for role_before: a role noun is letters, so the name
    # must follow a letter and a space ("county engineer Ada Roy"), or white
    # space the role's word is stripped of; "said, Ada Roy" has no role.
    before = masked[start - 2 : start - 1]
    return before.isalpha() or before.isspace()


class EntityTable(Resolution):
    """Mentions of people and organisations, in the order the article makes them."""

    def __init__(self):
        self._masked, self._quoted = "", []
        self.positions, self.entities = [], []
        self._by_name, self._by_word = {}, {}
        self.traits = {}  # offset -> what the ranker reads of that mention

    @classmethod
    def build(cls, masked, quoted, skipped=()):
        """Read the text outside the ``quoted`` (start, end) ranges, in order.

        ``skipped`` ranges (headlines, section labels) are not read either:
        "Trump Just Fired" in a headline is not a person.
        """
        table = cls()
        table._masked, table._quoted = masked, quoted
        skipped = sorted(skipped)
        for start, end, hidden in stretches(len(masked), quoted, skipped):
            # Quotations are not read at all (issue #25's speed: a third of a
            # political story is quoted); a headline's names are only known.
            if hidden:
                for match in CAPITAL_RUN.finditer(masked, start, end):
                    table._introduce(match.group())
                continue
            table._read_stretch(masked, start, end)
        return table

    def _read_stretch(self, masked, start, end):
        # The hottest loop of the extractor: names bound locally, and the
        # common case (one word) parsed here, so that the words that name no
        # one ("The", "Monday", "Iowa": a third of all runs) cost no call.
        read, parse = self._read_run, read_run
        for match in CAPITAL_RUN.finditer(masked, start, end):
            word, at = match.group(), match.start()
            if at and (masked[at - 1].isalnum() or masked[at - 1] in "'’"):
                continue  # inside a word: "McDonald", "iPhone"
            if " " not in word:
                parsed = parse(word)
                if parsed is not None:
                    read(masked, at, match.end(), parsed)
                continue
            if ". " in word or ".\t" in word:
                pieces = runs_of(masked, match)
            else:
                pieces = ((at, match.end(), word),)
            for begin, stop, run in pieces:
                if " and " in run:
                    for piece in list_members(begin, stop, run):
                        self._read_words(masked, *piece)
                else:
                    parsed = parse(run)
                    if parsed is not None:
                        read(masked, begin, stop, parsed)

    def _read_words(self, masked, start, end, run):
        parsed = read_run(run)
        if parsed is not None:
            self._read_run(masked, start, end, parsed)

    def _learn_gender(self, entity, end):
        # "Reyes … he said": an unknown gender is taken from the next subject
        # pronoun outside a quotation. Searched only for such people, as a
        # scan of every pronoun costs more than the rest of this pass.
        found = _PRONOUN.search(self._masked, end, end + 150)
        if found is None:
            return
        at = found.start() + 1
        if self._names_someone(end, at):
            return  # the pronoun may be someone else's ("…'s daughter, Eleni")
        index = bisect_right(self._quoted, (at, len(self._masked)))
        if index and self._quoted[index - 1][1] > at:
            return
        entity.gender = _PRONOUN_GENDER[found.group()[1:].lower()]

    def _read_run(self, masked, start, end, parsed):
        if parsed.place_test and after_place_word(masked, start):
            return
        if parsed.kind == "surname":
            entity = self._surname(masked, start, end, parsed)
        else:
            if parsed.affiliation:
                self._read_affiliation(parsed.affiliation, start)
            entity = self._entity_for(parsed)
        if entity is None:
            return
        if entity.kind == "person":
            role = parsed.role or (
                role_before(masked, start) if _may_follow_role(masked, start) else ""
            )
            if role and role != entity.role:
                entity.add_role(role)
            if masked[end : end + 1] == ",":  # the quick test: most have none
                entity.add_role(appositive_after(masked, end))
            if parsed.gender and not entity.gender:
                entity.gender, entity.gender_sure = parsed.gender, True
            if not entity.gender and entity.gender_tries < _GENDER_TRIES:
                entity.gender_tries += 1
                self._learn_gender(entity, end)
        self.note(start, entity)

    def _surname(self, masked, start, end, parsed):
        """The entity a lone capitalised word stands for, or None."""
        # Half of all runs: the known ones ("Trump" after "Donald Trump")
        # are looked up without the general path's calls.
        key = parsed.name.lower()
        known = self._by_word.get(key)
        if known is not None and known.kind == "person" and not parsed.affiliation:
            return known
        if known is None and masked[start - 2 : start] == ", ":
            parsed = self._introduced(masked, start, parsed)
        if parsed.affiliation:
            self._read_affiliation(parsed.affiliation, start)
        entity = self._entity_for(parsed)
        if parsed.kind == "surname" and (entity is None or entity.kind == "org"):
            entity = self._reporting_surname(masked, end, parsed) or entity
        return entity

    def _reporting_surname(self, masked, end, parsed):
        """A lone surname never given in full that says something is a
        person: "Clinton said she appreciated…" (issue #25: a story that only
        ever calls her "Clinton" left no candidate for the "she said" after
        it). Where the word begins an organisation's name ("Trump Taj
        Mahal"), only a "he" or "she" after the verb makes it a person, as
        "Brightfield said it would" is still the company."""
        if not masked[end + 1 : end + 2].islower():
            return None  # the quick test: "Trump," "Trump’s", "Trump Tower"
        found = _SAYS_WHO.match(masked, end, end + 40)
        key = parsed.name.lower()
        known = self._by_word.get(key)
        if found is None or found.group(1) not in CUE_VERBS:
            return None
        pronoun = found.group(2)
        if known is not None and (known.kind == "person" or not pronoun):
            return None
        if key in self._by_name:
            return self._by_name[key] if self._by_name[key].kind == "person" else None
        gender = _PRONOUN_GENDER.get(pronoun, parsed.gender)
        person = self._new(replace(parsed, kind="person", gender=gender))
        person.gender_sure = bool(parsed.gender) and gender == parsed.gender
        self._by_word[key] = person  # the lone word is hers from now on
        return person

    def _introduce(self, run):
        """A headline's full name ("Donald Trump"): known, but not a mention.

        Only a run that starts with a known first name, as a headline's
        other capitals ("Trump Just Fired") are not names.
        """
        parsed = read_run(run)
        if parsed is not None and parsed.kind == "person" and not parsed.role:
            first = parsed.name.split()[0].lower()
            if first in GIVEN_NAMES and parsed.name.lower() not in self._by_name:
                self._new(parsed)

    def _read_affiliation(self, tokens, position):
        parsed = read_name(tokens)
        if parsed is not None and parsed.kind == "org":
            self.note(position, self._entity_for(parsed))

    def _introduced(self, masked, start, parsed):
        """A lone name set off after a role: "Andreou's daughter, Eleni, said".

        A kinship word after a possessive borrows the family name of the
        person it belongs to, and says the gender.
        """
        before = masked[max(0, start - 30) : start].rstrip(", \t").split()
        if not before or before[-1].lower() not in _INTRODUCING:
            return parsed  # the quick test: the regex below is slow to fail
        found = _INTRODUCED.search(masked, max(0, start - 60), start)
        if found is None:
            return parsed
        owner, noun = found.group("owner"), found.group("noun").lower()
        name, relative = parsed.name, self._by_word.get((owner or "").lower())
        if noun in KINSHIP and relative is not None and relative.kind == "person":
            name = f"{name} {relative.name.split()[-1]}"
        gender = KINSHIP.get(noun, parsed.gender)
        return replace(parsed, kind="person", name=name, gender=gender)

    def _names_someone(self, start, end):
        # A quotation in between hides whose pronoun it is: resolving that is
        # the extractor's job, not the gender guess's.
        if not _QUOTE_MARKS.isdisjoint(self._masked[start:end]):
            return True
        for _, _, run in capital_runs(self._masked, start, end):
            parsed = read_run(run)
            if parsed is not None and parsed.kind in ("person", "surname"):
                return True
        return False

    def _entity_for(self, parsed):
        key = parsed.name.lower()
        if parsed.kind == "surname":
            found = self._by_word.get(key)
            if found or not (parsed.role or parsed.gender):
                return found
            if not parsed.gender and parsed.role.split()[-1].lower() in _WEAK_TITLES:
                return None  # "Head Start", "State Farm": not Mr. Start
            parsed = replace(parsed, kind="person")  # "Mr. Alvarez", no first name
        if parsed.kind == "org":
            return (
                self._by_name.get(key) or self._org_containing(key) or self._new(parsed)
            )
        found = self._by_name.get(key)
        if found is not None:
            return found
        if all(w.lower().rstrip(".") in TITLE_WORDS for w in parsed.name.split()):
            return None  # "the former Attorney General of Delaware": no one named
        return self._named_in_full(parsed) or self._new(parsed)

    def _named_in_full(self, parsed):
        """The lone surname met before ("Okafor said…") given in full later
        ("Talia Okafor"): one person, who takes the full name."""
        words = parsed.name.split()
        known = self._by_word.get(words[-1].lower())
        if len(words) < 2 or known is None or known.name != words[-1]:
            return None
        clash = known.gender and parsed.gender and known.gender != parsed.gender
        if known.kind != "person" or clash:
            return None
        known.name = parsed.name
        if parsed.gender and not known.gender_sure:
            known.gender, known.gender_sure = parsed.gender, True
        self._by_name[parsed.name.lower()] = known
        self._by_word.setdefault(words[0].lower(), known)
        return known

    def _new(self, parsed):
        name = parsed.name
        if parsed.kind == "person" and name.isupper() and len(name) > 3:
            name = name.title()  # a transcript's "MS. LEDA KORR:" is Leda Korr
        entity = Entity(
            name, parsed.kind, gender=parsed.gender, gender_sure=bool(parsed.gender)
        )
        self._by_name[parsed.name.lower()] = entity
        if entity.kind == "person":
            parts = parsed.name.lower().split()
            self._by_word.setdefault(parts[-1], entity)
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
        positions = self.positions
        if not positions or positions[-1] < position:
            # The table is built in reading order: most mentions come last.
            positions.append(position)
            self.entities.append(entity)
            return
        index = bisect_left(positions, position)
        positions.insert(index, position)
        self.entities.insert(index, entity)

    def before(self, position):
        """Entities mentioned before ``position``, the most recent first."""
        index = bisect_left(self.positions, position)
        return reversed(self.entities[:index])

    def mentions_before(self, position):
        """(offset, entity) of each mention before ``position``, latest first."""
        # Two reversed copies zipped, not a generator: the ranker reads these
        # for every quote, and the copies cost less than a step of Python
        # per mention (issue #25's speed).
        index = bisect_left(self.positions, position)
        positions, entities = self.positions[:index], self.entities[:index]
        return zip(reversed(positions), reversed(entities), strict=True)

    def mentions_between(self, start, end):
        """(offset, entity) of each mention from ``start`` to ``end``, in order."""
        low, high = bisect_left(self.positions, start), bisect_left(self.positions, end)
        return list(zip(self.positions[low:high], self.entities[low:high], strict=True))

    def size(self):
        """How many names the table knows: it grows when a cue names someone new."""
        return len(self._by_name)

    def first_person(self):
        return next((e for e in self.entities if e.kind == "person"), None)

    def most_recent_person(self, position):
        return next((e for e in self.before(position) if e.kind == "person"), None)
