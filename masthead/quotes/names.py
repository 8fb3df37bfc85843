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
    PLACE_NAMES,
    PLACE_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

# Initials run together ("G.K. Butterfield", "J.D.") are one word (issue #25:
# "Rep. G.K. Butterfield" was read as a "K").
_CAP = r"[A-ZÀ-ÖØ-Þ](?:\.[A-Z](?=\.))*[\w'’\-]*\.?"
_JOIN = r"(?:[ \t]+(?:of|de|la|del|van|von|da|di|du|le|for|and|the))*[ \t]+"
# A nickname inside a name (Robert “Bobby” Tran) is skipped, not a quotation.
_NICK = r"(?:[ \t]+[“\"][A-Z][\w'’. ]{0,20}[”\"])?"
# Starting with a character class lets the regex engine skip ahead quickly;
# word edges and full stops are checked in capital_runs() instead.
CAPITAL_RUN = re.compile(rf"{_CAP}(?:{_NICK}{_JOIN}{_CAP})*")
_STOP_GAP = re.compile(r"\.[ \t]+")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gov sen rep lt sgt capt det prof rev st gen col jr sr supt mt".split()
)
_NICKNAME = re.compile(r"[“\"][^“”\"]*[”\"]")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset("of de la del van von da di du le for and the".split())
_SPLITTERS = frozenset(("and", "for", "the"))
_OWNER_MARKS = ("’s", "'s", "s’", "s'")
_KEEP_DOT = frozenset("jr. sr. inc. co. corp. st.".split())
_FOLLOWS_PLACE = frozenset(
    "in at near from across to of into outside inside toward".split()
)
_ACRONYM = re.compile(r"[A-Z]{2,6}$")


@dataclass
class Name:
    """A capitalised run read as a name."""

    kind: str  # "person", "org" or "surname" (a lone word that may be a surname)
    name: str
    role: str = ""
    gender: str = ""
    affiliation: list = field(default_factory=list)  # tokens after "of"
    place_test: bool = False  # a place if it follows "in", "at"…: see read_run


def capital_runs(text, start=0, end=None):
    """(start, end, run) for each capitalised run in ``text``."""
    end = len(text) if end is None else end
    return [
        run
        for match in CAPITAL_RUN.finditer(text, start, end)
        for run in runs_of(text, match)
    ]


def runs_of(text, match):
    """The runs a CAPITAL_RUN match stands for: none, itself, or its pieces.

    A run goes on past a full stop only after an abbreviation or an initial
    ("Sgt. Kim Albrecht", but "Gavin Newsom. Bass" is two runs).
    """
    at, run = match.start(), match.group()
    if at and (text[at - 1].isalnum() or text[at - 1] in "'’"):
        return ()
    if ". " not in run and ".\t" not in run:
        return ((at, match.end(), run),)
    return tuple(_split_at_stops(run, at))


def _split_at_stops(run, at):
    piece = 0
    for gap in _STOP_GAP.finditer(run):
        word = run[piece : gap.start()].split()[-1]
        if word.lower() in _ABBREVIATIONS or len(word) == 1 or "." in word:
            continue
        yield at + piece, at + gap.start(), run[piece : gap.start()]
        piece = gap.end()
    yield at + piece, at + len(run), run[piece:]


@lru_cache(maxsize=8192)
def read_run(run):
    """``read_name`` of a run as found in the text, cached: names recur.

    The word before the run is left out (``place_test`` says when it still
    matters) so that the cache serves every mention. The result is shared
    between callers and must not be changed.
    """
    if " " not in run and run.lower() in NON_NAME_CAPS:
        return None
    return read_name(clean_tokens(run), None)


def follows_place_word(preceding_word):
    return preceding_word in _FOLLOWS_PLACE


def clean_tokens(run):
    """Split a run into words, dropping nicknames, possessives and final stops."""
    tokens = (_NICKNAME.sub(" ", run) if "“" in run or '"' in run else run).split()
    for index in range(len(tokens) - 2, -1, -1):
        if tokens[index].endswith(_OWNER_MARKS):
            # "Media Research Center’s Bozell", "Reuters’ Luciana Lopez": the
            # person is after the possessive (issue #25).
            tokens = tokens[index + 1 :]
            break
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


# "Senate Majority Leader Ruth Kell" was an organisation (the Senate's) and
# "Democratic strategist Ines Farro" kept the job in her name (issue #25,
# polnear-train).
_MORE_TITLES = frozenset("leader whip strategist adviser advisor aide".split())
_TITLE_LIKE = TITLE_WORDS | ROLE_NOUNS | DESCRIPTORS | HONORIFICS.keys() | _MORE_TITLES
# Capitalised at a sentence start, "Harbormaster Ines Vale" or "Organizer
# Grace Cheung" has a job before the name; these endings mark most jobs.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ster", "man")


def _is_title(token):
    lower = token.lower()
    return lower in _TITLE_LIKE or lower.endswith("-year-old")


def _is_job(tokens):
    first = tokens[0].lower()
    return len(tokens) >= 3 and first.endswith(_AGENT_ENDINGS) and first not in _GIVEN


def split_title(tokens):
    """Split ["Fire", "Chief", "Dana", "Whitlock"] into the title and the name.

    The title ends at the last title word followed by a name word, so that
    "Tom Baker" (a surname that is also a trade) keeps its surname.
    """
    for cut in range(len(tokens) - 2, -1, -1):
        if _is_title(tokens[cut]) and not _is_title(tokens[cut + 1]):
            return tokens[: cut + 1], tokens[cut + 1 :]
    if tokens and _is_job(tokens):
        return tokens[:1], tokens[1:]
    return [], tokens


def _is_org(tokens):
    return any(t.lower() in ORG_WORDS for t in tokens)


def read_name(tokens, preceding_word="", speaker=False):
    """Classify cleaned tokens; None when they name no speaker.

    ``speaker`` says the words are known to name a speaker (they stand next
    to a cue verb), so "Curtis Lane" is not taken for a street.
    """
    tokens, affiliation = _split_affiliation(tokens)
    if not tokens or " ".join(tokens).lower() in PLACE_NAMES:
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
    elif not (title or speaker) and preceding_word is None:
        found = Name("person", " ".join(name), role, gender, place_test=True)
    else:
        found = Name("person", " ".join(name), role, gender)
    if found is not None and affiliation:
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
        gender = "f" if token.lower() in FEMALE_GIVEN else "m"
    if token in _CONNECTORS or (token.lower() in TITLE_WORDS and not titled):
        return None
    return Name("surname", token, role, gender)


def _looks_like_place(name, preceding_word):
    if name[0].lower() in _GIVEN or (preceding_word or "") in _TITLE_LIKE:
        return False  # "biologist Curtis Lane" is a man, whatever "Lane" says
    if any(t.lower() in PLACE_WORDS for t in name):
        return True
    # "in Pine Hollow" is a place; "to Karen Bass" is a person with a known name.
    return preceding_word is not None and preceding_word in _FOLLOWS_PLACE


# Issue #25: "Woodrow Benford … he said" was a person of unknown gender, so
# "he" went to the latest man instead. More common first names, none given
# to both sexes or spelt like a place or a word ("Kim", "Chad", "Florence").
FEMALE_GIVEN = FEMALE_NAMES | frozenset(
    """
    juanita serena gwendolyn gladys mildred ethel edna thelma bertha lois norma
    phyllis geraldine josephine rosemary rosalind rosalyn yolanda guadalupe
    rocio lourdes pilar consuelo esperanza veronica gabriela daniela fernanda
    adriana mariana alejandra isabel ines leticia silvia claudia cristina
    marisa marina paola francesca giulia chiara angelina gina tina nina lena
    greta heidi helga ursula brigitte simone sophie sylvie nathalie isabelle
    valerie juliette genevieve colette monique wilma alma myrtle mabel maude
    edith eleanor louise harriet henrietta lillian muriel penelope priscilla
    rosalie roxanne tabitha trudy tess tessa bridget kristen kristin krista
    kristina stacy stacey whitney brittney tiffany jasmine shanna shawna
    latisha lakisha imani tanisha keshia kendra jada janelle jolene marlene
    darlene charlene arlene pauline caroline madeline kathy cathy katharine
    kara karla carla carrie cassie cassandra christy cindy debby dottie elaine
    ellie eliza hattie janie jeanette jeannie jenna jodi joanne joanna joann
    josie judi kaitlyn kelli kimberley krystal leanne lora lynda lynne mandy
    marcia margo maggie marla mavis melanie meredith nell nellie patsy patty
    polly rhonda robyn rochelle sadie sherry shelly shelley sonya susie suzanne
    tammie tonya trish vicki vickie wanda winifred yvette zelda becky betsy
    callie candace cecilia claudette delores doreen dorothea elsie faye
    gertrude glenda hilda irma jana janine jocelyn katy laurie lila liza lorna
    lucille luann marcy marian marietta maryann melinda mindy miranda nadine
    natasha noelle olga raquel rena rosie sabrina samara selena sheryl sonja
    suzy tamara tami thea tricia trina twila valentina violeta yasmin yasmine
    zora zainab fatma amina khadija mariam maryam yara farah rania salma layla
    """.split()
)
MALE_GIVEN = MALE_NAMES | frozenset(
    """
    woodrow cornell dexter raynard fred freddie leroy lamar terrence terence
    clarence jerome maurice reginald cedric darryl derrick marvin melvin calvin
    alvin wilbur wendell rodney ronnie lonnie johnny tommy danny kenny benny
    louis roland rolando ricardo fernando alejandro alberto arturo eduardo
    enrique guillermo jorge manuel pablo pedro ramon raul roberto sergio
    salvador andres antonio francisco julio mario armando julian adrian edgar
    ruben gilberto cesar ignacio mateo santiago sebastian emilio lorenzo
    giovanni giuseppe luigi francesco matteo pierre jacques francois nicolas
    emmanuel olivier philippe thierry klaus hans jurgen wolfgang dieter helmut
    angelo dominic vito joey frankie bennie chester clyde elmer homer irving
    sheldon seymour nathaniel isaac abraham levi moshe saul solomon reuben
    elliott elliot barney duane dwayne shawn shaun dustin travis brett brent
    todd kurt wesley russ rob robby tony vinny joel jon jeff gerry geoffrey
    godfrey ambrose benedict bertrand desmond edmund fabian ferdinand gideon
    horace ignatius lionel magnus nigel oswald percival quentin rupert silas
    thaddeus vaughn xavier zachariah ahmad mohammad muhammad mustafa abdul
    hussein khalid ibrahim yusuf karim rashid faisal amir hamid reza hamza
    bashar vladimir dmitri sergei boris nikolai mikhail viktor igor yuri oleg
    andrei alexei xi shinzo narendra recep binyamin bibi ehud shimon yitzhak
    naftali avigdor
    """.split()
)
_GIVEN = GIVEN_NAMES = FEMALE_GIVEN | MALE_GIVEN


def _gender(title, name):
    for token in title:
        lower = token.lower()
        implied = HONORIFICS.get(lower, "")
        if implied:
            return implied
        if lower.endswith("woman"):  # Councilwoman, Chairwoman, Assemblywoman
            return "f"
        if lower.endswith("man") and lower != "human":  # Councilman, Chairman
            return "m"
    first = name[0].lower()
    if len(name) > 1 and first in FEMALE_GIVEN:
        return "f"
    if len(name) > 1 and first in MALE_GIVEN:
        return "m"
    return ""


_PLAIN_WORD = re.compile(r"[\w'’\-]+")
_ROLE_STOP = frozenset(
    "the a an and or but of in on at to for with by from said says told as that "
    "this his her their its our".split()
)


def role_before(masked, start):
    """Lower-case role written just before a name: "county fire chief Dana Whitlock".

    Plain string work: a regex anchored at the end of the window backtracked
    badly and was the slowest step of the whole extractor.
    """
    if not masked[start - 1 : start].isspace():
        return ""
    # The quick test first: the word before is a role noun (most are not).
    word_start = masked.rfind(" ", max(0, start - 30), start - 1) + 1
    if masked[word_start : start - 1].strip().lower() not in ROLE_NOUNS:
        return ""
    window = masked[max(0, start - 60) : start]
    words = window.split()[-4:]
    if not words or words[-1].lower() not in ROLE_NOUNS:
        return ""
    kept = []
    for word in reversed(words):
        if word.lower() in _ROLE_STOP or not _PLAIN_WORD.fullmatch(word):
            break
        kept.append(word)
    return " ".join(reversed(kept))


# The first word is possessive (*+): giving its letters back cannot end the
# appositive anywhere new, and each letter given back re-ran the 100
# characters after it (issue #25's speed).
_APPOSITIVE = re.compile(
    r",[ \t]+(?:\d{1,3},[ \t]+)?"
    r"((?:the|a|an|[a-z][\w'’\-]*+|[A-Z][\w'’]*+[ \t]+(?:of|for|at))"
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
