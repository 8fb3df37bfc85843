"""Choose the speaker behind "he said", or behind a quote with no cue at all.

Issue #25: on real news, resolving a pronoun to the most recently mentioned
person was the largest source of wrong names. Here the people mentioned
before the cue are candidates, each described by a few features from the
rules (gender agreement, recency, whether it was the last speaker, whether it
was last named as the subject of a sentence…), and a conditional logit model
trained on ``../shared/quotes/polnear-train.jsonl`` by
``bench/train_ranker.py`` scores them. Its weights are the small JSON file
beside this module; pure Python, nothing is downloaded.

The chosen candidate's probability is the attribution's confidence.
"""

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from operator import mul
from pathlib import Path

from .cues import ANY_CUE, verbs_in
from .lexicon import CUE_VERBS, ROLE_NOUNS
from .names import GIVEN_NAMES
from .spans import is_abbreviation

WEIGHTS = Path(__file__).with_name("ranker_weights.json")
KINDS = ("pronoun", "continuation", "partial")
MAX_CANDIDATES = 6
MAX_SCAN = 40
_PREPOSITIONS = frozenset(
    "to of with for by against about from on at in than like toward over behind "
    "after before under between among beside including versus".split()
)
_OBJECT_VERBS = frozenset(
    "called asked told thanked attacked criticized praised blamed urged".split()
)
# "Marlowe consultant Peter Renner", "Marlowe senior communications adviser
# Ines Farro", "Marlowe supporters": a name that qualifies the noun after it
# owns the phrase, as "Marlowe's" would; it is not the phrase's subject
# (issue #25, polnear-train: the governor was taken for his pollster's "he").
_QUALIFIED = ROLE_NOUNS | frozenset(
    """
    adviser advisor advisers aide aides consultant strategist pollster campaign
    administration supporter supporters surrogate surrogates ally allies
    loyalist loyalists staffer staffers confidant backers camp team
    """.split()
)
_QUALIFIER_ADJECTIVES = frozenset(
    """
    senior top chief former deputy national communications press policy
    longtime political digital legal state regional
    """.split()
)
_LOWER_WORDS = re.compile(r"(?:[ \t]+[a-z][a-z\-]*){1,4}")
_NAME_AT = re.compile(r"[\w.\-]+(?:[ \t]+[A-Z][\w.\-]*)*")
_WORD_BEFORE = re.compile(r"([A-Za-z’']+)[ \t]*$")
_SOMEONE_BEFORE = re.compile(r"(?:\b[A-Z][\w.’'\-]*|\b[Hh]e|\b[Ss]he|\b[Tt]hey)[ \t]+$")
FEATURES = (
    "rank0", "rank1", "rank2", "rank3+", "gender_match", "gender_clash",
    "gender_unknown", "last_speaker", "last_speaker_same_para",
    "last_speaker_prev_para", "in_paragraph", "mentions", "times_quoted",
    "subject", "possessive", "after_preposition", "since_last_quote",
    "first_person", "distance", "only_mention_far", "named_in_cue_sentence",
    "latest_subject", "rule_choice", "latest_without_recent_quote",
    "latest_of_gender", "first_in_sentence", "reporting", "reporting_in_paragraph",
    "latest_subject_of_gender", "latest_reporter",
    "latest_speaker_of_gender", "ever_quoted", "sentences_since",
    "gender_sure_match", "subject_in_paragraph", "last_speaker_agrees",
    "last_speaker_quote_paragraph", "given_name", "one_word",
)  # fmt: skip


@dataclass
class Decision:
    """What the ranker knows at one quote: where, what kind, which gender."""

    kind: str  # one of KINDS
    position: int
    gender: str = ""  # "m", "f" or "" (no pronoun, or "they")
    paragraph_start: int = 0
    sentence_start: int = 0
    last_speaker: object = None
    last_paragraph_gap: int | None = None  # paragraphs since the last quote
    last_quote_end: int = 0
    quoted: dict = field(default_factory=dict)  # entity -> quotes so far
    rule_choice: object = None  # whom the hand-written rules would pick
    speakers: list = field(default_factory=list)  # quoted so far, latest first
    opens_paragraph: bool = False  # the quote begins its paragraph


@dataclass
class Choice:
    entity: object
    probability: float
    candidates: list  # [(entity, features)] for training


def choose(table, decision, masked):
    """The most likely speaker among the people mentioned before the cue.

    "He" is never Susan Crawford (issue #25): a gender the article states
    (a title, a first name) rules a candidate out, while one guessed from a
    nearby pronoun is only a feature. The probability is still taken over
    every candidate, so ruling one out does not make the ranker surer.
    """
    candidates = candidate_features(table, decision, masked)
    if not candidates:
        return Choice(None, 0.0, [])
    weights = _weights()[decision.kind]
    scores = [sum(map(mul, weights, f)) for _, f in candidates]
    allowed = [
        i for i, (e, _) in enumerate(candidates) if _may_be(e, decision.gender)
    ] or range(len(candidates))
    best = max(allowed, key=scores.__getitem__)
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return Choice(candidates[best][0], exps[best] / sum(exps), candidates)


def _may_be(entity, gender):
    return not (gender and entity.gender_sure) or entity.gender == gender


def candidate_features(table, decision, masked):
    """[(entity, feature vector)] for the people before ``decision.position``."""
    seen, order = {}, []
    # At most the last MAX_SCAN mentions: a story with few people would
    # otherwise be read back to its start at every quote.
    for at, entity in islice(table.mentions_before(decision.position), MAX_SCAN):
        if entity.kind != "person":
            continue
        if entity not in seen:
            if len(order) == MAX_CANDIDATES:
                break
            seen[entity] = [at, 0, at]
            order.append(entity)
        seen[entity][1] += 1
        seen[entity][2] = at  # earliest mention seen so far
    last = decision.last_speaker
    # The last speaker is a candidate even if it is an organisation: the
    # sheriff's office's statement goes on in the next quote.
    if last is not None and last not in seen:
        seen[last] = [decision.last_quote_end, 1, decision.last_quote_end]
        order.append(last)
    first = table.first_person()
    traits = {e: _traits(table, masked, seen[e][0]) for e in order}
    subject = next((e for e in order if traits[e][0]), None)
    gender = decision.gender
    of_gender = next((e for e in order if gender and e.gender == gender), None)
    # Issue #25's largest error: "he" is the person the story is about (the
    # subject of the sentences, the one reported as saying), not whoever was
    # named last ("He nodded to his finish behind Ted Cruz. “…,” he said").
    agrees = [e for e in order if not gender or e.gender in (gender, "")]
    subject_of_gender = next(
        (e for e in order if traits[e][3] and e.gender == gender), None
    )
    reporter = next((e for e in agrees if traits[e][4]), None)
    speaker = next(
        (e for e in decision.speakers if not gender or e.gender in (gender, "")),
        None,
    )
    return [
        (
            e,
            _features(e, rank, seen[e], decision, first, traits[e][:3])
            + (
                e is subject,
                e is decision.rule_choice,
                rank == 0 and _no_recent(decision),
                e is of_gender,
                traits[e][3],
                traits[e][4],
                traits[e][4] and seen[e][0] >= decision.paragraph_start,
                e is subject_of_gender,
                e is reporter,
            )
            + _salience(e, seen[e][0], decision, traits[e][0], speaker, masked)
            + _personhood(e),
        )
        for rank, e in enumerate(order)
    ]


def _traits(table, masked, at):
    """(subject, possessive, after a preposition, first person of its
    sentence, subject of a reporting verb) of the mention at ``at``.

    The same mentions are candidates for every quote after them: each is
    read once per article.
    """
    cache = table.traits
    if at not in cache:
        possessive = possessive_at(masked, at)
        after_preposition = _after_preposition(masked, at)
        plain = not (possessive or after_preposition)
        cache[at] = (
            _subject(masked, at),
            possessive,
            after_preposition,
            plain and _first_in_sentence(table, masked, at),
            plain and _reporting(masked, at),
        )
    return cache[at]


def _sentence_start(masked, at):
    # Roughly: the last full stop, question mark or line break before the
    # mention. The stop of a title or initials ("Sen. Omar Tull") is passed
    # over: cutting there made the named person seem to open a sentence of
    # its own and lose to an earlier one (issue #25, train).
    low = max(0, at - 400)
    stop = masked.rfind(". ", low, at)
    while stop > low and is_abbreviation(masked, stop):
        stop = masked.rfind(". ", low, stop)
    return max(
        stop,
        masked.rfind("? ", low, at),
        masked.rfind("\n", low, at),
        low - 1,
    )


def _first_in_sentence(table, masked, at):
    """No other person named earlier in the mention's sentence."""
    start = _sentence_start(masked, at)
    index = bisect_right(table.positions, at) - 1
    while index > 0 and table.positions[index] >= at:
        index -= 1
    while index >= 0 and table.positions[index] > start:
        position, entity = table.positions[index], table.entities[index]
        if position < at and entity.kind == "person":
            return False
        index -= 1
    return True


def _reporting(masked, at):
    """The subject of a speech verb: "Reyes said", "Reyes, 49, argued", "said Reyes"."""
    word = _WORD_BEFORE.search(masked, max(0, at - 20), at)
    if word is not None and word.group(1).lower() in CUE_VERBS:
        # "Renner said Marlowe has…": after someone's verb, the name opens
        # what was said; only "…,” said Marlowe" has Marlowe as the reporter.
        return not _SOMEONE_BEFORE.search(
            masked, max(0, word.start() - 30), word.start()
        )
    found = _NAME_AT.match(masked, at)
    end = found.end() if found else at
    stop = masked.find(". ", end, end + 150)
    stop = end + 150 if stop < 0 else stop
    for mark in '“"':
        quote = masked.find(mark, end, stop)
        stop = stop if quote < 0 else quote
    return bool(verbs_in(ANY_CUE, masked, end, stop))


def _features(entity, rank, mention, decision, first, traits):
    latest, count, _ = mention
    d = decision
    is_last = entity is d.last_speaker
    gap = d.last_paragraph_gap
    known = bool(d.gender and entity.gender)
    return (
        rank == 0, rank == 1, rank == 2, rank >= 3,
        known and entity.gender == d.gender,
        known and entity.gender != d.gender,
        bool(d.gender) and not entity.gender,
        is_last, is_last and gap == 0, is_last and gap == 1,
        latest >= d.paragraph_start,
        math.log1p(count), math.log1p(d.quoted.get(entity, 0)),
        *traits, latest >= d.last_quote_end,
        entity is first, math.log1p(max(0, d.position - latest)) / 8,
        count == 1 and d.position - latest > 600,
        latest >= d.sentence_start,
    )  # fmt: skip


def _salience(entity, latest, decision, subject, speaker, masked):
    """Issue #25's pronoun errors: "he" is the story's current voice (the
    latest speaker who agrees with the pronoun, someone quoted before, the
    subject of this paragraph), seldom a name from several sentences back."""
    d = decision
    agrees = not d.gender or entity.gender in (d.gender, "")
    is_last = entity is d.last_speaker
    return (
        entity is speaker,
        d.quoted.get(entity, 0) > 0,
        min(masked.count(". ", latest, d.position), 8) / 4,
        bool(d.gender) and entity.gender_sure and entity.gender == d.gender,
        subject and latest >= d.paragraph_start,
        is_last and agrees,
        is_last and d.opens_paragraph,
    )


def _personhood(entity):
    """Issue #25, polnear-train: a clinic network, a war, "Don't Voters" (a
    question's opening words) were read as people and then as "he" or "she". A known
    first name or a title says a person; a lone word is often half a name
    the table read apart from its whole."""
    first, _, rest = entity.name.partition(" ")
    return (entity.gender_sure or first.lower() in GIVEN_NAMES, not rest)


def _no_recent(decision):
    gap = decision.last_paragraph_gap
    return gap is None or gap > 1


def _subject(masked, at):
    """Whether the mention opens its sentence or its paragraph."""
    before = masked[max(0, at - 3) : at].rstrip(' \t“"(')
    return not before or before[-1] in '.!?\n:”"'


def possessive_at(masked, at):
    """Whether the mention is a possessive ("Marlowe’s plan") or qualifies the
    noun after it ("Marlowe adviser Ines Farro"): rarely the speaker."""
    found = _NAME_AT.match(masked, at)
    end = found.end() if found else at
    if masked[end : end + 2] in ("’s", "'s"):
        return True
    words = _LOWER_WORDS.match(masked, end)
    if words is None:
        return False
    words = words.group().split()
    return words[0] in _QUALIFIED or (
        words[0] in _QUALIFIER_ADJECTIVES and any(w in _QUALIFIED for w in words[1:])
    )


def _after_preposition(masked, at):
    found = _WORD_BEFORE.search(masked, max(0, at - 20), at)
    word = found.group(1).lower() if found else ""
    return word in _PREPOSITIONS or word in _OBJECT_VERBS


def paragraph_start(starts, position):
    """Start of the paragraph holding ``position`` (``starts`` sorted)."""
    index = bisect_right(starts, position)
    return starts[index - 1] if index else 0


_OVERRIDE = {}  # weights set in memory by the training script


def use_weights(weights):
    """Score with these weights ({kind: [...]}) instead of the file: training."""
    _OVERRIDE.clear()
    _OVERRIDE.update(weights)


def _weights():
    return _OVERRIDE or _stored_weights()


@lru_cache(maxsize=1)
def _stored_weights():
    with open(WEIGHTS, encoding="utf-8") as handle:
        stored = json.load(handle)
    if stored.get("features") != list(FEATURES):
        raise ValueError(f"{WEIGHTS.name} was trained on other features: retrain it")
    return {kind: [float(w) for w in stored["weights"][kind]] for kind in KINDS}
