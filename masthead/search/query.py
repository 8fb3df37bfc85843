"""Reader input to a safe full-text query. No Django import: tested without a database.

Nothing the reader types reaches a query parser as syntax. We keep only words
and the phrases they put in double quotes, then write each as a quoted FTS5
string (SQLite) or a plain websearch string (PostgreSQL). So `"`, `*`, `AND (`,
`NEAR(`, NUL bytes and 2,000 characters of junk become words or nothing.
"""

import html
import re
from dataclasses import dataclass

MAX_INPUT = 500  # characters read from the box; more is never a real query
MAX_PARTS = 16  # words and phrases together
MAX_PHRASE_WORDS = 8

# Letters and digits only: FTS5's unicode61 tokenizer treats everything else
# (underscore, punctuation, emoji) as a separator, so a term made of them
# would be an empty phrase.
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Snippet delimiters: control characters that indexed text never contains
# (clean_text removes them), so they cannot be forged by an article's words.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass(frozen=True)
class ParsedQuery:
    """What the reader asked for: single words and quoted phrases (tuples of words)."""

    words: tuple = ()
    phrases: tuple = ()

    def __bool__(self):
        return bool(self.words or self.phrases)


def parse(text):
    """Words and "quoted phrases" from anything a reader might type."""
    text = _CONTROL.sub(" ", (text or "")[:MAX_INPUT])
    phrases = []
    for match in _PHRASE.finditer(text):
        words = tuple(_WORD.findall(match.group(1)))[:MAX_PHRASE_WORDS]
        if len(words) > 1:
            phrases.append(words)
    # An unmatched quote is just a character; quoted single words are words.
    rest = _PHRASE.sub(
        lambda m: m.group(1) if len(_WORD.findall(m.group(1))) == 1 else " ", text
    )
    words = _unique(_WORD.findall(rest))
    phrases = _unique(phrases)[:MAX_PARTS]
    return ParsedQuery(tuple(words[: MAX_PARTS - len(phrases)]), tuple(phrases))


def _unique(items):
    seen, kept = set(), []
    for item in items:
        key = (
            tuple(w.lower() for w in item) if isinstance(item, tuple) else item.lower()
        )
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def to_fts5(parsed):
    """An FTS5 MATCH string: every word and phrase quoted, all required (AND)."""
    parts = [_fts5_string(word) for word in parsed.words]
    parts += [_fts5_string(" ".join(phrase)) for phrase in parsed.phrases]
    return " ".join(parts)


def _fts5_string(text):
    # Inside an FTS5 string only the double quote is special; it is doubled.
    # Our words never hold one, but the rule costs nothing to keep.
    return '"' + text.replace('"', '""') + '"'


def to_websearch(parsed):
    """A websearch_to_tsquery string: the same words and phrases, nothing else."""
    parts = list(parsed.words) + ['"' + " ".join(p) + '"' for p in parsed.phrases]
    return " ".join(parts)


def without_phrases(parsed):
    """The same words with every phrase loosened into its words (all still required)."""
    words = list(parsed.words) + [word for phrase in parsed.phrases for word in phrase]
    return ParsedQuery(tuple(_unique(words)), ())


def clean_text(text):
    """Text fit for the index: no control characters (they mark highlights)."""
    return _CONTROL.sub(" ", text or "")


def highlight(snippet):
    """Escaped snippet HTML with <mark> where the search engine put its markers."""
    escaped = html.escape(snippet or "", quote=False)
    escaped = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return _balance_marks(escaped)


def _balance_marks(text):
    # A snippet cut inside a highlight leaves a start without an end.
    opened = text.count("<mark>") - text.count("</mark>")
    return text + "</mark>" * max(opened, 0)
