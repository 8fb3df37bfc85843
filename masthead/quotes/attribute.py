"""Who said each quotation the extractor found.

Pure Python, no Django. For each quoted span in reading order: a speech cue
after it, then before it (cues.py), resolved to a person or organisation in
the article's table of mentions (speakers.py). Where the cue is "he" or
"she", or there is no cue at all (a quote paragraph continuing the last
speaker, by the newspaper convention), the trained ranker (ranker.py)
chooses among the people mentioned so far and says how sure it is.
"""

from dataclasses import replace

from . import ranker
from .clauses import ClauseSubjects
from .confidence import CONFIDENCE, UNKNOWN, confirm_by_named_cues
from .cues import cue_before
from .quotation import Quotation, as_resolved, build_quotation
from .resolution import Resolved
from .roles import clean_role, one_name_per_person
from .sides import find_cue
from .signatures import signer
from .spans import sentence_start
from .subjects import subject_phrase

__all__ = ["Attributor", "Quotation"]

_PRONOUN_GENDER = {"he": "m", "she": "f"}
# At most this many characters between the halves of a split quote: the cue
# sentence alone (", Bass said. ").
_DIRECT_SPLIT = 40


class Attributor(ClauseSubjects):
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
                quotation = build_quotation(
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
                resolved = as_resolved(self.last_entity, "continuation")
                quotation = build_quotation(
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
        quotation = build_quotation(masked, c, resolved, role, cue.verb, cue_type)
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
        quotation = build_quotation(
            self.masked, c, resolved, resolved.role, cue.verb, "colon"
        )
        return quotation, resolved.entity

    def _ranked(self, c, kind, position, verb, cue_type, pronoun=""):
        """Let the ranker choose among the people mentioned before ``position``."""
        choice = ranker.choose(
            self.table, self._decision(c, kind, position, pronoun), self.masked
        )
        if self.record is not None:
            self.record.append((c, kind, choice))
        if choice.entity is not None and verb:
            self.table.note(position, choice.entity)
        resolved = as_resolved(choice.entity, kind)
        confidence = CONFIDENCE["ranked"] * choice.probability
        quotation = build_quotation(
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
