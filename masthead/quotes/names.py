"""Read one capitalised run ("Los Angeles Mayor Karen Bass") as a name.

A run is split into the role the article gives before the name (kept as the
speaker's role) and the name itself (the canonical speaker), and classified
as a person, an organisation or neither (a place, a date, a sentence opener).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    DESCRIPTORS,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    NON_NAME_CAPS,
    ORG_WORDS,
    PLACE_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

# A run may go on past a full stop only after an abbreviation or an initial.
_CAP = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Lt|Sgt|Capt|Det|Prof|Rev|St|Gen|Col|Jr|Sr|Supt|"
    r"Mt|[A-Z])\.|[A-ZÀ-ÖØ-Þ][\w'’\-]*)"
)
_JOIN = r"(?:[ \t]+(?:of|de|la|del|van|von|da|di|du|le|for|and|the))*[ \t]+"
# A nickname inside a name (Robert “Bobby” Tran) is skipped, not a quotation.
_NICK = r"(?:[ \t]+[“\"][A-Z][\w'’. ]{0,20}[”\"])?"
CAPITAL_RUN = re.compile(rf"\b(?=[A-ZÀ-ÖØ-Þ]){_CAP}(?:{_NICK}{_JOIN}{_CAP})*")
_NICKNAME = re.compile(r"[“\"][^“”\"]*[”\"]")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset("of de la del van von da di du le for and the".split())
_SPLITTERS = frozenset(("and", "for", "the"))
_KEEP_DOT = frozenset("jr. sr. inc. co. corp. st.".split())
_FOLLOWS_PLACE = frozenset("in at near from across to of into outside inside toward".split())
_ACRONYM = re.compile(r"[A-Z]{2,6}$")


@dataclass
class Name:
    """A capitalised run read as a name."""

    kind: str  # "person", "org" or "surname" (a lone word that may be a surname)
    name: str
    role: str = ""
    gender: str = ""
    affiliation: list = field(default_factory=list)  # tokens after "of"


@lru_cache(maxsize=8192)
def read_run(run, preceding_word):
    """``read_name`` of a run as found in the text, cached: names recur.

    The result is shared between callers and must not be changed.
    """
    return read_name(clean_tokens(run), preceding_word)


def clean_tokens(run):
    """Split a run into words, dropping nicknames, possessives and final stops."""
    tokens = (_NICKNAME.sub(" ", run) if "“" in run or '"' in run else run).split()
    if tokens and tokens[-1].endswith(".") and tokens[-1].lower() not in _KEEP_DOT:
        if not (len(tokens[-1]) == 2 or tokens[-1].lower() in HONORIFICS):
            tokens[-1] = tokens[-1][:-1]
    if tokens and tokens[-1][-1] in "s'’":
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1]) or tokens[-1]
    while tokens and (tokens[0].lower() in NON_NAME_CAPS or tokens[0] in _CONNECTORS):
        tokens.pop(0)
    # "Reyes Tuesday" (a run that ran into a date) keeps only the name.
    while tokens and (tokens[-1] in _CONNECTORS or tokens[-1].lower() in NON_NAME_CAPS):
        tokens.pop()
    return tokens


_TITLE_LIKE = TITLE_WORDS | ROLE_NOUNS | DESCRIPTORS


def _is_title(token):
    return token.lower() in _TITLE_LIKE


def split_title(tokens):
    """Split ["Fire", "Chief", "Dana", "Whitlock"] into the title and the name.

    The title ends at the last title word followed by a name word, so that
    "Tom Baker" (a surname that is also a trade) keeps its surname.
    """
    for cut in range(len(tokens) - 2, -1, -1):
        if _is_title(tokens[cut]) and not _is_title(tokens[cut + 1]):
            return tokens[: cut + 1], tokens[cut + 1 :]
    return [], tokens


def _is_org(tokens):
    return any(t.lower() in ORG_WORDS for t in tokens)


def read_name(tokens, preceding_word="", speaker=False):
    """Classify cleaned tokens; None when they name no speaker.

    ``speaker`` says the words are known to name a speaker (they stand next
    to a cue verb), so "Curtis Lane" is not taken for a street.
    """
    tokens, affiliation = _split_affiliation(tokens)
    if not tokens:
        return None
    title, name = split_title(tokens)
    # "Police Chief Dana Whitlock" is a person; "Harbor County Sheriff's Office" is not.
    if _is_org(name or tokens):
        return Name("org", " ".join(tokens))
    if any(t in _SPLITTERS for t in name):
        name = _first_part(name)
    if not name:
        return None
    gender = _gender(title, name)
    role = " ".join(t for t in title if t.lower() not in HONORIFICS)
    if len(name) == 1:
        found = _single(name[0], role, gender, bool(title))
    elif not (title or speaker) and _looks_like_place(name, preceding_word):
        return None
    else:
        found = Name("person", " ".join(name), role, gender)
    if found is not None:
        found.affiliation = affiliation
    return found


def _split_affiliation(tokens):
    """Split "… of …" after a person or a named organisation.

    "Sgt. Lorraine Dufresne of the Alder Bay Police Department" is Dufresne,
    affiliated with the department; "Redline Freight of Columbus" is Redline
    Freight; but "Department of Homeland Security" is one name, its head
    being a lone organisation word.
    """
    if "of" not in tokens:
        return tokens, []
    cut = tokens.index("of")
    head, rest = tokens[:cut], [t for t in tokens[cut + 1 :] if t != "the"]
    if _is_org(head) and len(head) < 2:
        return tokens, []
    _, name = split_title(head)
    if name and (len(name) > 1 or _is_org(head) or name[0].lower() in _GIVEN):
        return head, rest
    return tokens, []


def _first_part(name):
    # "Bass and Newsom": without an organisation word, "and" joins two names.
    for index, token in enumerate(name):
        if token in _SPLITTERS:
            return name[:index]
    return name


def _single(token, role, gender, titled):
    if _ACRONYM.match(token) and not titled:
        return Name("org", token)
    if token.lower() in _GIVEN and not gender:
        # A lone first name ("…, Ray, said") is a person met by first name.
        gender = "f" if token.lower() in FEMALE_NAMES else "m"
    if token in _CONNECTORS or (token.lower() in TITLE_WORDS and not titled):
        return None
    return Name("surname", token, role, gender)


def _looks_like_place(name, preceding_word):
    if name[0].lower() in _GIVEN or preceding_word in _TITLE_LIKE:
        return False  # "biologist Curtis Lane" is a man, whatever "Lane" says
    if any(t.lower() in PLACE_WORDS for t in name):
        return True
    # "in Pine Hollow" is a place; "to Karen Bass" is a person with a known name.
    return preceding_word in _FOLLOWS_PLACE


_GIVEN = FEMALE_NAMES | MALE_NAMES


def _gender(title, name):
    for token in title:
        implied = HONORIFICS.get(token.lower(), "")
        if implied:
            return implied
    first = name[0].lower()
    if len(name) > 1 and first in FEMALE_NAMES:
        return "f"
    if len(name) > 1 and first in MALE_NAMES:
        return "m"
    return ""


_ROLE_BEFORE = re.compile(r"((?:[\w'’\-]+[ \t]+){1,4})$")
_ROLE_STOP = frozenset(
    "the a an and or but of in on at to for with by from said says told as that "
    "this his her their its our".split()
)


def role_before(masked, start):
    """Lower-case role written just before a name: "county fire chief Dana Whitlock"."""
    found = _ROLE_BEFORE.search(masked[max(0, start - 60) : start])
    if not found:
        return ""
    words = found.group(1).split()
    if words[-1].lower() not in ROLE_NOUNS:
        return ""
    kept = []
    for word in reversed(words):
        if word.lower() in _ROLE_STOP or word.endswith(","):
            break
        kept.append(word)
    return " ".join(reversed(kept))


_APPOSITIVE = re.compile(
    r",[ \t]+(?:\d{1,3},[ \t]+)?((?:the|a|an|[a-z][\w'’\-]*|[A-Z][\w'’]*[ \t]+(?:of|for|at))"
    r"[^,.;:!?“”\"()\n]{0,100})(?=[,.;:!?)]|$)"
)
_NOT_APPOSITIVE = re.compile(
    r"(?:who|which|that|and|but|or|so|said|says|told|added|as|when|if|because|then|"
    r"while|according|adding|saying|in|on|at|during|after|before|he|she|they|it)\b"
)


def appositive_after(masked, end):
    """Role in an appositive right after a name: ", assistant director of …,"."""
    found = _APPOSITIVE.match(masked, end, end + 140)
    if not found:
        return ""
    role = found.group(1).strip()
    if _NOT_APPOSITIVE.match(role) or len(role.split()) > 14:
        return ""
    return role
