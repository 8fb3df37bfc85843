"""Speakers read from the writer's own clause rather than from a cue verb.

A partial quote's paraphrase ("Reyes called the plan a “…”"), a quote after a
participle ("…, saying, “…”") and a colon introduction whose head names no
one: the speaker is the subject of the sentence, or the first person it
names. A mixin of attribute.Attributor (issue #25 moved these here when that
file passed 400 lines); pure Python.
"""

import re

from . import ranker
from .confidence import CONFIDENCE
from .cues import cue_before
from .quotation import as_resolved, build_quotation
from .spans import listed_after, sentence_start
from .subjects import subject_phrase

_PRONOUN_GENDER = {"he": "m", "she": "f"}
# "…, saying, “", "…, adding that “": a participle that reports the quote after it.
_PARTICIPLE_CUE = re.compile(
    r"\b(saying|adding|writing|noting|explaining|declaring|arguing|insisting|"
    r"warning|stating|tweeting|recalling|telling [a-z]+)(?:[ \t]+that)?[,:]?[ \t]*$"
)


class ClauseSubjects:
    """The speakers a sentence's own subject gives (needs Attributor's state)."""

    def _colon_subject(self, c, resolved, known):
        """A colon introduction's head words that name no one met before
        ("Former Republican presidential candidate Jeb Bush broke down…:",
        "Wait, it gets better:"): the first person named in the sentence
        speaks, if any (issue #25: the head words were taken as a name)."""
        if resolved.entity is not None and self.table.size() == known:
            return resolved
        return self._first_person(c) or resolved

    def _participle_subject(self, c):
        """ "Sanders compared himself to Clinton, saying, “…”": the speaker of
        a quote after a participle is the subject of its sentence, not the
        person named last (issue #25: these were ranked as if uncued)."""
        found = _PARTICIPLE_CUE.search(
            self.masked, max(c.head_start, c.open - 40), c.open
        )
        if found is None:
            return None
        verb = found.group(1)
        cue = subject_phrase(self.masked, c.head_start, found.start())
        if cue is not None and cue.phrase.lower() in _PRONOUN_GENDER:
            pronoun = cue.phrase.lower()
            return self._ranked(c, "pronoun", cue.at, verb, "pronoun", pronoun)
        subject = None
        if cue is not None:
            # The participle says its subject speaks: a name the table did
            # not know yet ("Sanders" alone) is a speaker all the same.
            subject = self.table.resolve(cue.phrase, cue.at, self.last_entity)
        if subject is None or subject.entity is None or subject.how == "description":
            subject = self._first_person(c)
        if subject is None:
            return None
        quotation = build_quotation(
            self.masked, c, subject, subject.role, verb, "before",
            CONFIDENCE["participle"],
        )  # fmt: skip
        return quotation, subject.entity

    def _sentence_head(self, c):
        """Where the quote's sentence begins, which may be before a title
        quoted in it ("Sanders visited NBC's “Today”, saying “…”"), where
        the quote's own head begins (issue #25)."""
        start = sentence_start(self.masked, self.bounds[c.paragraph][0], c.open)
        return min(start, c.head_start)

    def _subject(self, c):
        cue = subject_phrase(self.masked, c.head_start, c.open)
        if cue is None or cue.phrase.lower() in _PRONOUN_GENDER:
            return None
        known = self.table.size()
        resolved = self.table.resolve(cue.phrase, cue.at, self.last_entity)
        if resolved.how == "description" or self.table.size() > known:
            return None
        return resolved if resolved.entity is not None else None

    def _first_person(self, c):
        """The first person named in the quote's sentence, not as an owner:
        "Speaking in Salem, New Hampshire, Trump called him “a stiff”"."""
        head = self._sentence_head(c)
        for at, entity in self.table.mentions_between(head, c.open):
            if entity.kind == "person" and not ranker.possessive_at(self.masked, at):
                return as_resolved(entity, "partial")
        return None

    def _paraphrase(self, c):
        """A partial quote with no cue verb: the sentence's subject, if named.

        A second fragment in one sentence ("a “loser,” a “liar” and a
        “whiner”") has the first one's speaker. A fragment whose sentence
        names nobody at its head is the writer's own phrase and is dropped.
        """
        last, masked = self.last, self.masked
        if (
            last is not None
            and last.partial
            and (c.head_start == last.close + 1 or listed_after(masked, last, c))
        ):
            resolved = as_resolved(self.last_entity, "partial")
            quotation = build_quotation(
                masked,
                c,
                resolved,
                resolved.role,
                "",
                "partial",
                CONFIDENCE["paraphrase"],
            )
            return quotation, self.last_entity
        reported = self._reported_before_a_title(c)
        if reported is not None:
            return reported
        cue = subject_phrase(masked, c.head_start, c.open)
        if cue is None:
            return None
        if cue.phrase.lower() in _PRONOUN_GENDER:
            return self._ranked(c, "partial", cue.at, "", "partial", cue.phrase.lower())
        known = self.table.size()
        resolved = self.table.resolve(cue.phrase, cue.at, self.last_entity)
        if resolved.entity is not None and self.table.size() > known:
            # A word the table did not know ("Guns are “…”"): a person named
            # later in the sentence is a likelier subject.
            resolved = self._first_person(c) or resolved
        if resolved.entity is None or resolved.how == "description":
            return None  # "The county introduced a “green, yellow, red” system"
        quotation = build_quotation(
            masked, c, resolved, resolved.role, "", "partial", CONFIDENCE["paraphrase"]
        )
        return quotation, resolved.entity

    def _reported_before_a_title(self, c):
        """ "Rubio said that by refusing to say the words “radical Islam,”
        Democrats are “saying…”": the sentence's reporting clause, before a
        quoted phrase that cut the fragment's own head short (issue #25)."""
        head = self._sentence_head(c)
        if head >= c.head_start:
            return None
        cue = cue_before(self.masked, head, c.open, partial=True)
        if cue is None or not cue.phrase[:1].isupper():
            return None
        resolved = self.table.resolve(cue.phrase, cue.at, self.last_entity)
        if resolved.entity is None or resolved.how == "description":
            return None
        quotation = build_quotation(
            self.masked, c, resolved, resolved.role, cue.verb, "partial",
            CONFIDENCE["paraphrase"],
        )  # fmt: skip
        return quotation, resolved.entity
