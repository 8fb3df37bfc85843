"""Speech cues next to a quotation: "…," Bass said / Bass said: "…".

Each finder reads a short stretch of masked text (the rest of the sentence
after the closing mark, or the sentence up to the opening mark) and returns
the cue as written and the words that name the speaker, left unresolved.
"""

import re
from dataclasses import dataclass

from .lexicon import CUE_VERBS, PARAPHRASE_VERBS, TITLE_ABBREVIATIONS
from .verbs import ANY_CUE, verbs_in

# ANY_CUE and verbs_in re-exported: the ranker and sides.py find verbs here.
__all__ = ["ANY_CUE", "Cue", "cue_after", "cue_before", "verbs_in"]

_CUE = CUE_VERBS
_ACCORDING = re.compile(r"(?<!\w)[Aa]ccording[ \t]+to[ \t]+")
_LEAD = re.compile(r"[\s,—–\-]*")
_TOKEN = re.compile(r"[\w'’.\-]+|[^\s\w]")
_WORDISH = re.compile(r"[\w'’.\-]+")
_TRAILING_WORDISH = re.compile(r"[\w'’.\-]+$")
_BLANKS = re.compile(r"[ \t]+")
_PARTY_TOKEN = re.compile(r"\([DRI]-[\w.]+\),?")
# Words that may sit between the speaker and the verb: "Bass later said".
# An adverb is in lower case: "Kelly said" is a name (issue #25).
_FILLER = re.compile(
    r"(?:[ \t]+(?:[a-z]\w*ly|also|later|then|again|once|still|had|has|have|would|will|"
    r"could|did|was|is|simply|just|only|soon|often|never|first|finally|"
    # "Feinstein last week said", "Sanders on Sunday said": when, not who.
    r"last|this|next|on|week|month|year|night|morning|afternoon|evening|today|"
    r"tonight|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"\([DRI]-[\w.]+\)))+[ \t]*$"
)
# The words of _FILLER, for the quick test in _strip_filler.
_FILLER_WORDS = frozenset(
    """
    also later then again once still had has have would will could did was is
    simply just only soon often never first finally last this next on week
    month year night morning afternoon evening today tonight yesterday Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
_BOUNDARY = frozenset(
    """
    that and but who which when because after as while where if so or than
    though since until before whom whose what how why with to for of in on at by
    from said says told about into it its this these those there nor yet
    - – — then even
    """.split()
)
_STOPS_AFTER_NAME = _BOUNDARY | frozenset(
    "during last this next earlier later monday tuesday wednesday thursday friday "
    "saturday sunday".split()
)
_PRONOUNS = frozenset(("he", "she", "they"))
# A party and state tag after a name: "Rep. Jim McDermott (D-Wash.)".
_PARTY = re.compile(
    r"[ \t]*\([DRI]-[A-Z][\w.]*\.?\)|[ \t]*,[ \t]*[DRI]-[A-Z][a-z]*\.?$"
)
# "Gov. John Kasich (R-Ohio), said": the party tag, not an appositive, ends the name.
_PARTY_THEN_COMMA = re.compile(r"[ \t]*\([DRI]-[A-Z][\w.]*\.?\),[ \t]*$")
_NAME_ONLY = re.compile(
    r"(?:[A-Z][\w'’\-]*\.?[ \t]+(?:(?:of|for|the)[ \t]+)*){0,4}[A-Z][\w'’\-]*$"
)
_ROLE_THEN_NAME = re.compile(
    r"((?:[a-z][\w'’\-]*[ \t]+){1,3})((?:[A-Z][\w'’\-]*\.?[ \t]+){1,3}[A-Z][\w'’\-]*)"
)
_MAX_SPEAKER_WORDS = 9
_KEPT_STOPS = frozenset(("Jr.", "Sr."))


@dataclass
class Cue:
    """A speech cue as written, and the phrase that names the speaker."""

    verb: str  # "said", "according to", ":"
    phrase: str
    appositive: str = ""
    at: int = 0  # offset of the speaker phrase in the article


def cue_after(masked, start, end):
    """Cue right after a closing mark: ", Bass said" / "said Bass, the mayor"."""
    lead = _LEAD.match(masked, start, end).end()
    according = _ACCORDING.match(masked, lead, end)
    if according:
        phrase, appositive = _phrase_after(masked, according.end(), end)
        return (
            Cue("according to", phrase, appositive, according.end()) if phrase else None
        )
    verbs = verbs_in(_CUE, masked, lead, min(end, lead + 120))
    if not verbs:
        return None
    verb = verbs[0]
    before = masked[lead : verb.start()].strip()
    if not before:
        phrase, appositive = _phrase_after(masked, verb.end(), end)
        return Cue(_verb(verb), phrase, appositive, verb.end()) if phrase else None
    after_clause = _speaker_after_clause(before)
    if after_clause is not None:
        at = masked.rindex(after_clause, lead, verb.start())
        return Cue(_verb(verb), after_clause, "", at)
    phrase, _, appositive = before.partition(",")
    named = _named_after_role(phrase, appositive)
    if named is not None:
        # "…,” his wife, Ada Marr, wrote: the name between the commas, the
        # role before them (issue #25, as _cue_at_verb does before a quote).
        return Cue(_verb(verb), named, phrase.strip(), masked.index(named, lead))
    # "Sotomayor has said", "Bass later said": the words between are not the name.
    filler = _FILLER.search(" " + phrase)
    phrase = _PARTY.sub("", phrase[: filler.start()] if filler else phrase).strip()
    # "Harry Bond, 30, of Raleigh, N.C., who was polled, said": a name may
    # carry a long appositive; a phrase in lower case may not.
    commas = 5 if phrase[:1].isupper() else 1
    if not _speaker_like(phrase) or appositive.count(",") > commas:
        return None
    return Cue(_verb(verb), phrase, appositive.strip(" ,"), lead)


def cue_before(masked, start, end, partial=False):
    """Cue in the sentence before an opening mark: "Bass said, “" / "Bass called it “".

    A direct quotation needs the cue close to the mark (a short tail ending in
    a comma, a colon or "that"); a partial quotation may have a long paraphrase
    between the verb and the quoted words.
    """
    according = None
    if masked.find("ccording", start, end) >= 0:  # the quick test: most have none
        according = _last(_ACCORDING.finditer(masked, start, end))
    if according is not None:
        phrase, appositive = _phrase_after(masked, according.end(), end)
        if phrase:
            return Cue("according to", phrase, appositive, according.end())
    # A direct quotation's verb sits within a short tail of the mark.
    finder, lower = (ANY_CUE, start) if partial else (_CUE, max(start, end - 100))
    verbs = verbs_in(finder, masked, lower, end)
    # "Priebus called Clinton's remarks a “new low”": a cue word after an
    # owner is a noun, and a verb before it names the speaker; with none,
    # the owner of "his calls to end the “rigged economy”" does (issue #25).
    if len(verbs) > 1:  # the quick test: most sentences have one cue word
        verbs = sorted(verbs, key=lambda v: not _owned(masked, v.start()))
    for verb in reversed(verbs):
        if not partial and not _short_tail(masked[verb.end() : end]):
            continue
        cue = _cue_at_verb(masked, start, end, verb)
        if cue is not None:
            return cue
    return None


def _owned(masked, at):
    """Whether the word at ``at`` follows an owner ("Clinton's remarks", "his
    comments"), so is a noun rather than a cue verb (issue #25)."""
    before = masked[max(0, at - 20) : at].rstrip()
    word = before.rsplit(None, 1)[-1].lower() if before else ""
    return word.endswith(("'s", "’s", "s'", "s’")) or word in _OWNERS


_OWNERS = frozenset("his her their its our my your".split())


def _named_after_role(phrase, appositive):
    """The full name in "his wife, Ada Marr," or "Marr’s campaign manager,
    Jeff Weller": a role opened by a determiner or an owner, then a name."""
    name = appositive.strip(" ,")
    if " " not in name or not _NAME_ONLY.match(name):
        return None
    role = phrase.strip()
    first = role.split()[0].lower() if role else ""
    if first not in _ROLE_OPENERS and "’s " not in role and "'s " not in role:
        return None  # "…” on Friday, Tomas Ferrer said": no role, a time
    return name


def _speaker_after_clause(before):
    """The speaker after the last comma where the quote's own sentence goes
    on past its closing mark: "“Boots on the ground” would be appropriate,
    Republican candidate Ben Carson said", "…,” just as Clinton did in 2008,
    Rendell added" (issue #25: the words after the mark were read as the
    speaker). None unless those words begin in lower case, run to three
    words or more ("…” on Friday, Tomas Ferrer said" is a time, and a label
    before it stays a label) and the last ones are a pronoun or end with a
    name."""
    head, comma, last = before.rpartition(",")
    if not comma or not head[:1].islower() or head.count(" ") < 2:
        return None
    filler = _FILLER.search(" " + last)
    last = _PARTY.sub("", last[: filler.start() - 1] if filler else last).strip()
    if last.lower() in _PRONOUNS:
        return last
    if not _NAME_AFTER_CLAUSE.fullmatch(last) or last.split()[0] in _ROLE_OPENERS:
        return None
    return last


# "Rendell", "Ben Carson", "Republican candidate Ben Carson": a name at the end.
_NAME_AFTER_CLAUSE = re.compile(
    r"(?:[A-Za-z][\w'’\-]*\.?[ \t]+){0,3}[A-Z][\w'’\-]*"
)
_ROLE_OPENERS = frozenset("his her their its a an another the one our my".split())


def _cue_at_verb(masked, start, end, verb):
    phrase_end = _strip_filler(masked, start, verb.start())
    if masked[start:phrase_end].rstrip().endswith("),"):  # the quick test
        party = _PARTY_THEN_COMMA.search(masked, start, phrase_end)
        phrase_end = party.start() if party else phrase_end
    appositive = ""
    if masked[start:phrase_end].rstrip().endswith(","):
        phrase_end, appositive = _skip_appositive(masked, start, phrase_end)
        if _NAME_ONLY.match(appositive):
            # "The school's athletic director, Joan Mabry, said": the name is
            # between the commas and the role before them.
            role = _cut_at_boundary(phrase_before(masked, start, phrase_end))
            return Cue(_verb(verb), appositive, role, phrase_end + 1)
    phrase = _cut_at_boundary(phrase_before(masked, start, phrase_end))
    phrase = _PARTY.sub("", phrase)
    if phrase and _speaker_like(phrase):
        return Cue(_verb(verb), phrase, appositive, phrase_end - len(phrase))
    if verb.group().endswith("ing") or verb.group() in PARAPHRASE_VERBS:
        return None  # "…, calling it": the subject is found elsewhere
    phrase, appositive = _phrase_after(masked, verb.end(), end)
    return Cue(_verb(verb), phrase, appositive, verb.end()) if phrase else None


def phrase_before(masked, start, end):
    """Up to eight words ending at ``end`` (white space aside), as written.

    String work instead of a regex anchored at the end, which the engine
    tried from every offset of the sentence and was the slowest step here.
    The last 80 characters first: the words stop within them nearly always,
    and only a stop before their first word, which may be cut, needs more.
    """
    low = max(start, end - 240)
    near = max(low, end - 80)
    phrase, complete = _words_before(masked[near:end])
    if complete or near == low:
        return phrase
    return _words_before(masked[low:end])[0]


def _words_before(window):
    """(the phrase, whether it stopped before the window's first word)."""
    taken = []
    tokens = _BLANKS.split(window.rstrip(" \t"))
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token[:1] == "(" and _PARTY_TOKEN.fullmatch(token):
            continue  # "Sen. Ada Roy (D-Vt.) said": the tag is not the name
        if _WORDISH.fullmatch(token):
            taken.append(token)
        else:
            tail = _TRAILING_WORDISH.search(token)
            if tail:
                taken.append(tail.group())
            return " ".join(reversed(taken)), index > 0
        if len(taken) == 8:
            return " ".join(reversed(taken)), index > 0
    return " ".join(reversed(taken)), False


def _last(iterator):
    found = None
    for found in iterator:  # noqa: B007 - the loop only keeps the last item
        pass
    return found


def _strip_filler(masked, start, position):
    # The quick test: a filler ends with the word before the verb, so that
    # word must be one (the regex is tried from every space of the head).
    last = masked[start:position].rsplit(None, 1)[-1:]
    word = last[0] if last else ""
    if not (word.endswith("ly") or word in _FILLER_WORDS or word[:1] == "("):
        return position
    filler = _FILLER.search(masked, start, position)
    return filler.start() if filler else position


def _skip_appositive(masked, start, position):
    # "Whitlock, the county's fire chief, said": the speaker is before the commas.
    inner_end = masked.rindex(",", start, position)
    inner_start = masked.rfind(",", start, inner_end)
    if inner_start < 0:
        return position, ""
    return inner_start, masked[inner_start + 1 : inner_end].strip()


def _cut_at_boundary(phrase):
    words = phrase.split()
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _BOUNDARY:
            return " ".join(words[index + 1 :])
    return phrase


def _phrase_after(masked, start, end):
    """Words naming the speaker after a verb-first cue, and any appositive."""
    words, stop, previous = [], end, ""
    for token in _TOKEN.finditer(masked, start, min(end, start + 160)):
        word = token.group()
        stops = words and word.lower() in _STOPS_AFTER_NAME
        if stops and _second_title(previous, word):
            words = []  # the name comes after the second title: drop the first
            continue
        if not word[0].isalnum() or (stops and not _role_goes_on(words, word)):
            stop = token.start()
            break
        # "Robert P. Casey Jr.", "G.K. Butterfield": initials and Jr. keep
        # their stops.
        keep = len(word) == 2 or word in _KEPT_STOPS or "." in word[:-1]
        words.append(word if keep else word.rstrip("."))
        previous = word
        if len(words) > _MAX_SPEAKER_WORDS:
            return "", ""
    phrase = _PARTY.sub("", " ".join(words))
    if not _speaker_like(phrase):
        return "", ""
    appositive = ""
    if masked[stop : stop + 1] == ",":
        appositive = masked[stop + 1 : min(end, stop + 120)].split(",")[0].strip(" .")
    if phrase[:1].islower() and _NAME_ONLY.match(appositive):
        # "according to the planning director, Hannah Voss,": the name is second.
        return appositive, phrase
    named = _ROLE_THEN_NAME.fullmatch(appositive) if phrase[:1].islower() else None
    if named is not None:
        # "exhorted Clinton's introducer, actress Jamie Lee Curtis" (issue #25).
        return named.group(2), named.group(1).strip()
    return phrase, appositive


def _second_title(previous, word):
    # "said former Pennsylvania Gov. and party Chairman Ed Rendell": an
    # abbreviated title before "and" says a second title of the same person
    # follows, with the name after it (issue #25, train).
    return (
        word == "and"
        and previous.endswith(".")
        and previous[:-1].lower() in TITLE_ABBREVIATIONS
    )


def _role_goes_on(words, word):
    # "former secretary of state Hillary Clinton", "master of ceremonies Asab
    # Tabchi": a description in lower case goes on past "of" to the name.
    return word == "of" and all(w[:1].islower() for w in words)


def _speaker_like(phrase):
    # "Jeffrey Lewis of the James Martin Center for Nonproliferation Studies":
    # the affiliation does not count against the name's length.
    words = phrase.split(" of ", 1)[0].split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    if not _SENTENCE_MARKS.isdisjoint(phrase) and not _abbreviated(words):
        return False
    return words[0].lower() not in _BOUNDARY


# Sets of characters: ``isdisjoint`` reads a string in C (issue #25's speed).
_SENTENCE_MARKS = frozenset('.;:!?“”"')
_STOPS = frozenset(".!?")


def _abbreviated(words):
    return all(not w.endswith(".") or len(w) <= 4 for w in words)


def _short_tail(tail):
    """Whether the text between a verb and an opening mark keeps them together."""
    stripped = tail.strip()
    if len(stripped) > 70 or not _STOPS.isdisjoint(stripped):
        return False
    return not stripped or stripped[-1] in ",:—–" or stripped.endswith("that")


def _verb(match):
    return " ".join(match.group().split())
