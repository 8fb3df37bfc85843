"""Who said each quotation the extractor found.

Pure Python, no Django. For each quoted span in reading order: a speech cue
after it, then before it (cues.py), resolved to a person or organisation in
the article's table of mentions (speakers.py). Where the cue is "he" or
"she", or there is no cue at all (a quote paragraph continuing the last
speaker, by the newspaper convention), the trained ranker (ranker.py)
chooses among the people mentioned so far and says how sure it is.
"""

import re
from dataclasses import dataclass, replace

from . import ranker
from .confidence import CONFIDENCE, UNKNOWN, confirm_by_named_cues
from .cues import cue_before
from .resolution import Resolved
from .roles import clean_role, one_name_per_person
from .sides import find_cue
from .signatures import signer
from .spans import listed_after, sentence_start
from .subjects import subject_phrase

_PRONOUN_GENDER = {"he": "m", "she": "f"}
# At most this many characters between the halves of a split quote: the cue
# sentence alone (", Bass said. ").
_DIRECT_SPLIT = 40
# "…, saying, “", "…, adding that “": a participle that reports the quote after it.
_PARTICIPLE_CUE = re.compile(
    r"\b(saying|adding|writing|noting|explaining|declaring|arguing|insisting|"
    r"warning|stating|tweeting|recalling|telling [a-z]+)(?:[ \t]+that)?[,:]?[ \t]*$"
)


@dataclass(frozen=True)
class Quotation:
    """One direct quotation and its attribution.

    ``text`` is the quoted words with Markdown removed and white space
    collapsed; ``body[start:end]`` is the same words exactly as written.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_role: str
    cue: str
    cue_type: str
    confidence: float
    is_partial: bool
    speaker_kind: str = ""  # "person" or "org": an organisation is never a person


class Attributor:
    """Attribution state across one article: the last quote and its speaker."""

    def __init__(self, masked, table, bounds, record=None):
        self.masked, self.table = masked, table
        self.bounds = bounds
        self.starts = [start for start, _ in bounds]
        self.last, self.last_entity = None, None
        self.last_confidence = UNKNOWN
        self.quoted = {}  # entity -> how many quotes so far, a ranker feature
        self.speakers = []  # the entities quoted so far, latest first
        self.record = record  # training: a list that collects ranker choices

    def attribute_all(self, candidates):
        quotes, kept = [], []
        for c in candidates:
            found = self.attribute(c)
            if found is None:
                continue
            quotation, entity = found
            if kept and _cued_later(kept[-1], c, quotes[-1], quotation):
                # Guns are “a crisis” and “stunt growth,” Howard Dean said:
                # the first fragment is Dean's too (issue #25).
                quotes[-1] = replace(
                    quotation,
                    text=quotes[-1].text,
                    start=quotes[-1].start,
                    end=quotes[-1].end,
                    cue="",
                )
            quotes.append(quotation)
            kept.append(c)
            self.last, self.last_entity = c, entity
            self.last_confidence = quotation.confidence
            if entity is not None:
                self.quoted[entity] = self.quoted.get(entity, 0) + 1
                if entity in self.speakers:
                    self.speakers.remove(entity)
                self.speakers.insert(0, entity)
        return confirm_by_named_cues(one_name_per_person(quotes))

    def attribute(self, c):
        cue, side = find_cue(self.masked, c)
        if cue is None:
            if c.partial:
                return self._paraphrase(c)
            signed = signer(self.table, self.masked, self.bounds, c, self.last_entity)
            if signed is not None:
                quotation = _quotation(
                    self.masked,
                    c,
                    signed,
                    signed.role,
                    "",
                    "after",
                    CONFIDENCE["signed"],
                )
                return quotation, signed.entity
            introduced = self._introduced_above(c) or self._participle_subject(c)
            if introduced is not None:
                return introduced
            if self._split_quote(c):
                # "“…,” Bass said. “…”": the second half of one statement is
                # the same speaker's, as the ranker says nine times in ten
                # (polnear-train); deciding it here keeps extraction fast.
                resolved = _as_resolved(self.last_entity, "continuation")
                quotation = _quotation(
                    self.masked,
                    c,
                    resolved,
                    resolved.role,
                    "",
                    "continuation",
                    self._split_confidence(c),
                )
                return quotation, self.last_entity
            return self._ranked(c, "continuation", c.open, "", "continuation")
        pronoun = cue.phrase.strip().lower()
        if pronoun in _PRONOUN_GENDER:
            kind = "partial" if c.partial else "pronoun"
            cue_type = _cue_type(side, cue.verb, "pronoun", c.partial)
            return self._ranked(c, kind, cue.at, cue.verb, cue_type, pronoun)
        last, masked = self.last, self.masked
        since = (
            last.close if last is not None and last.paragraph == c.paragraph else None
        )
        known = self.table.size()
        resolved = self.table.resolve(cue.phrase, cue.at, self.last_entity, since)
        if side == "colon" and cue.verb == ":":
            resolved = self._colon_subject(c, resolved, known)
        if resolved.how == "unmatched" and not c.partial:
            return self._ranked(c, "pronoun", cue.at, cue.verb, "description")
        if resolved.how == "unmatched":
            resolved = Resolved(None, "", "description")
        if c.partial and (
            resolved.entity is None
            or self.table.size() > known
            or cue.verb.endswith("ing")
        ):
            # A partial quote's cue phrase that names nobody met before ("early
            # June", "Boos"), or a participle ("…, calling it “…”"): the speaker
            # is the subject of the sentence's reporting clause.
            subject = self._subject(c) or self._first_person(c)
            if subject is not None:
                resolved = subject
            elif resolved.entity is None:
                # "But a few days later, Trump…", "Guns are “…”": words that
                # name no one; the ranker chooses among the people so far.
                return self._ranked(c, "partial", cue.at, cue.verb, "partial")
        if resolved.entity is not None:
            self.table.note(cue.at, resolved.entity)
        cue_type = _cue_type(side, cue.verb, resolved.how, c.partial)
        role = resolved.role
        if cue.appositive and resolved.how == "name":
            role = clean_role(cue.appositive) or role
        if cue_type == "description" and resolved.entity is not None:
            cue_type = "description_known"  # "the mayor said", the mayor named before
        quotation = _quotation(masked, c, resolved, role, cue.verb, cue_type)
        if cue_type == "description_known":
            quotation = replace(quotation, cue_type="description")
        return quotation, resolved.entity

    def _split_quote(self, c):
        last = self.last
        return (
            last is not None
            and self.last_entity is not None
            and last.paragraph == c.paragraph
            and not last.partial
        )

    def _colon_subject(self, c, resolved, known):
        """A colon introduction's head words that name no one met before
        ("Former Republican presidential candidate Jeb Bush broke down…:",
        "Wait, it gets better:"): the first person named in the sentence
        speaks, if any (issue #25: the head words were taken as a name)."""
        if resolved.entity is not None and self.table.size() == known:
            return resolved
        return self._first_person(c) or resolved

    def _split_confidence(self, c):
        """Right after a named cue ("“…,” Bass said. “…”", only the cue
        between), the second half was right 339 times in 341 on
        polnear-train: as sure as the cue it follows, never surer (issue #25,
        so that readers see it). Further on in the paragraph, 0.85."""
        named = self.last_confidence >= CONFIDENCE["before"]
        if named and c.open - self.last.close < _DIRECT_SPLIT:
            return min(self.last_confidence, CONFIDENCE["split_named"])
        return CONFIDENCE["split"]

    def _introduced_above(self, c):
        """A quote paragraph under one ending in a colon: "As Joel Pollak
        reported:" then "“…”" is Pollak's (issue #25, block quotes)."""
        if c.paragraph == 0 or self.bounds[c.paragraph][0] != c.open:
            return None
        start, end = self.bounds[c.paragraph - 1]
        if self.masked[end - 1 : end] != ":":
            return None
        head = sentence_start(self.masked, start, end - 1)
        cue = cue_before(self.masked, head, end) or subject_phrase(
            self.masked, head, end - 1
        )
        if cue is None or cue.phrase.lower() in _PRONOUN_GENDER:
            return None
        resolved = self.table.resolve(cue.phrase, cue.at, self.last_entity)
        if resolved.entity is None or resolved.how == "description":
            return None
        quotation = _quotation(
            self.masked, c, resolved, resolved.role, cue.verb, "colon"
        )
        return quotation, resolved.entity

    def _participle_subject(self, c):
        """ "Sanders compared himself to Clinton, saying, “…”": the speaker of
        a quote after a participle is the subject of its sentence, not the
        person named last (issue #25: these were ranked as if uncued)."""
        found = _PARTICIPLE_CUE.search(self.masked, max(c.head_start, c.open - 40), c.open)
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
        quotation = _quotation(
            self.masked, c, subject, subject.role, verb, "before",
            CONFIDENCE["participle"],
        )  # fmt: skip
        return quotation, subject.entity

    def _ranked(self, c, kind, position, verb, cue_type, pronoun=""):
        """Let the ranker choose among the people mentioned before ``position``."""
        choice = ranker.choose(
            self.table, self._decision(c, kind, position, pronoun), self.masked
        )
        if self.record is not None:
            self.record.append((c, kind, choice))
        if choice.entity is not None and verb:
            self.table.note(position, choice.entity)
        resolved = _as_resolved(choice.entity, kind)
        confidence = CONFIDENCE["ranked"] * choice.probability
        quotation = _quotation(
            self.masked, c, resolved, resolved.role, verb, cue_type, confidence
        )
        return quotation, choice.entity

    def _decision(self, c, kind, position, pronoun):
        last = self.last
        return ranker.Decision(
            kind=kind,
            position=position,
            gender=_PRONOUN_GENDER.get(pronoun, ""),
            paragraph_start=ranker.paragraph_start(self.starts, position),
            sentence_start=c.head_start,
            last_speaker=self.last_entity,
            last_paragraph_gap=None if last is None else c.paragraph - last.paragraph,
            last_quote_end=0 if last is None else last.close,
            quoted=self.quoted,
            rule_choice=self._rule_choice(c, kind, position, pronoun),
            speakers=self.speakers,
            opens_paragraph=self.bounds[c.paragraph][0] == c.open,
        )

    def _rule_choice(self, c, kind, position, pronoun):
        """The rules' own answer, one of the ranker's features.

        A pronoun: the table's rule (the last speaker in the same paragraph,
        else the latest person of that gender). No cue: the last speaker
        when the quote before is at most a paragraph away, else the latest
        person named.
        """
        last = self.last
        if pronoun:
            since = (
                last.close
                if last is not None and last.paragraph == c.paragraph
                else None
            )
            return self.table.resolve(pronoun, position, self.last_entity, since).entity
        if last is not None and c.paragraph - last.paragraph <= 1:
            return self.last_entity
        return self.table.most_recent_person(position)

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
                return _as_resolved(entity, "partial")
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
            resolved = _as_resolved(self.last_entity, "partial")
            quotation = _quotation(
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
        quotation = _quotation(
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
        quotation = _quotation(
            self.masked, c, resolved, resolved.role, cue.verb, "partial",
            CONFIDENCE["paraphrase"],
        )  # fmt: skip
        return quotation, resolved.entity


def _cued_later(previous, c, previous_quotation, quotation):
    """Whether ``c`` is a fragment whose cue after it also speaks for the
    fragment before it, in the same sentence, that had no cue of its own."""
    return (
        previous.partial
        and c.partial
        and previous.after is None
        and c.after is not None
        and c.head_start == previous.close + 1
        and quotation.speaker is not None
        and quotation.confidence > previous_quotation.confidence
    )


def _cue_type(side, verb, how, partial):
    if partial:
        return "partial"
    if verb == "according to":
        return "according_to"
    if side == "colon":
        return "colon"
    if how in ("organisation", "pronoun", "description"):
        return how
    return side


def _as_resolved(entity, how):
    if entity is None:
        return Resolved(None, "", how)
    how = "organisation" if entity.kind == "org" else how
    return Resolved(entity.name, entity.role, how, entity)


def _quotation(masked, c, resolved, role, verb, cue_type, confidence=None):
    if confidence is None:
        confidence = CONFIDENCE[cue_type]
    if resolved.speaker is None:
        confidence = UNKNOWN
    if resolved.entity is not None and resolved.entity.kind == "org":
        role = ""  # an organisation is a speaker of its own kind, without a role
    return Quotation(
        text=" ".join(masked[c.start : c.end].split()),
        start=c.start,
        end=c.end,
        speaker=resolved.speaker,
        speaker_role=clean_role(role),
        cue=verb,
        cue_type=cue_type,
        confidence=round(confidence, 3),
        is_partial=c.partial,
        speaker_kind=_kind(resolved),
    )


def _kind(resolved):
    if resolved.entity is not None:
        return resolved.entity.kind
    return (
        "org"
        if resolved.how == "organisation"
        else ("person" if resolved.speaker else "")
    )
