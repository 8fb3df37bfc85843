"""Cue verbs as whole words in a stretch of text ("said", "went on").

Apart from cues.py, which reads the speaker's words around them (issue #25
moved these here when that file passed 400 lines). Every finder of a cue
and the ranker's "subject of a reporting verb" feature call ``verbs_in``.
"""

import re

from .lexicon import CUE_PHRASES, CUE_VERBS, PARAPHRASE_VERBS

ANY_CUE = CUE_VERBS | PARAPHRASE_VERBS
_LOWER_WORD = re.compile(r"[a-z]+")
_PHRASES = {}  # "went" -> ("on",): the rest of each multi-word cue
for _phrase in CUE_PHRASES:
    _first, _rest = _phrase.split(" ", 1)
    _PHRASES[_first] = _PHRASES.get(_first, ()) + (_rest,)
_PHRASE_FIRSTS = frozenset(_PHRASES)
_INNER = "'’-"


class Verb:
    """A cue verb found in the text, read like a regex match."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start, end, text):
        self._start, self._end, self._text = start, end, text

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self):
        return self._text


def verbs_in(verbs, text, start, end):
    """Cue verbs (from the set ``verbs``) as whole words between two offsets."""
    found = []
    for match in _finder(verbs).finditer(text, start, end):
        word = match.group()
        at, stop = match.span()
        if at and (text[at - 1].isalnum() or text[at - 1] in _INNER):
            continue
        if stop < len(text) and (text[stop].isalnum() or text[stop] in _INNER):
            continue
        for rest in _PHRASES.get(word, ()):
            after = stop + 1 + len(rest)
            if (
                text[stop : stop + 1] == " "
                and text.startswith(rest, stop + 1)
                and not text[after : after + 1].isalnum()
            ):
                found.append(Verb(at, after, f"{word} {rest}"))
                break
        else:
            if word in verbs:
                found.append(Verb(at, stop, word))
    return found


def _finder(verbs):
    """One regex for a set of verbs (and the first words of the phrases).

    The words as a trie, so that the engine tells them apart letter by
    letter, found only at a word's start: a loop in Python over every word
    of the sentence was a tenth of the extractor's time (issue #25's speed).
    The few words it finds are checked at both edges as before.
    """
    finder = _FINDERS.get(verbs)
    if finder is None:
        words = {w for w in verbs | _PHRASE_FIRSTS if _LOWER_WORD.fullmatch(w)}
        finder = re.compile(
            rf"(?<![A-Za-z0-9'’\-])(?:{_trie(words)})(?![A-Za-z0-9'’\-])"
        )
        _FINDERS[verbs] = finder
    return finder


def _trie(words):
    """A regex matching exactly ``words``, branching one letter at a time."""
    root = {}
    for word in words:
        node = root
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(root)


def _branches(node):
    branches = [letter + _branches(node[letter]) for letter in sorted(node) if letter]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


_FINDERS = {}
