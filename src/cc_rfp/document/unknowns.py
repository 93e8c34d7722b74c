"""Missing answers in the document, written by kind and never inside a broken sentence.

A template cannot know, when it writes ``t('x', months=doc.show('sla_rampup_months'))``,
whether the answer exists. Before this module a missing answer became its whole "not yet
specified" sentence in the middle of another sentence ("… capped together at This figure is
not available yet. …"). Now the document view returns a *marker* for a missing answer, the
text layer's ``t`` rewrites any sentence that holds a marker into one that says the value is
open, and ``resolve`` turns the remaining markers into the phrase for the question's kind
(``bank_model.UnknownKind``) once the template has run:

- ``propose``: "Not yet given; see the open items." (the annex invites proposals, once);
- ``buyer``: a bracketed "to be given by the buyer" (a final tender cannot have one: the
  ``render`` command refuses it unless ``--draft``);
- ``internal``: nothing; a sentence or list line that needs it is left out.

Markers are characters of Unicode's private use area around a question's index in the bank,
so Markdown escaping leaves them alone and no answer text is likely to hold one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

VALUE_OPEN, VALUE_CLOSE = "\ue000", "\ue001"
"""Around a missing value (what ``show``/``cell`` return for it)."""
SENTENCE_OPEN, SENTENCE_CLOSE = "\ue002", "\ue003"
"""Around the indexes of a sentence rewritten because it needed missing values."""
MISSING_OPEN, MISSING_CLOSE = "\ue004", "\ue005"
"""Around a missing answer meant as its own sentence (what ``missing`` returns)."""
_ERASED = "\ue006"
"""Left where an internal answer was: its line goes when nothing else is on it."""

_VALUE = re.compile(f"{VALUE_OPEN}(\\d+){VALUE_CLOSE}")
_SENTENCE = re.compile(f"{SENTENCE_OPEN}([\\d,]+){SENTENCE_CLOSE}")
_MISSING = re.compile(f"{MISSING_OPEN}(\\d+){MISSING_CLOSE}")
_ANY = re.compile(f"[{VALUE_OPEN}-{_ERASED}]")
_BOUNDARY = re.compile(r"(?<=[.!?])(?:\*\*)?(?=\s+[\"*(\dA-ZÅÄÖ])")
"""Where one sentence of a catalogue text ends and the next begins ("x. Y", "**Lead.** Y")."""
_EMPTY_LINE = re.compile(r"^\s*(?:[-*]|\d+\.)?\s*(?:\*\*[^*]*\*\*)?\s*[:.]?\s*$")


def value_marker(index: int) -> str:
    return f"{VALUE_OPEN}{index}{VALUE_CLOSE}"


def missing_marker(index: int) -> str:
    return f"{MISSING_OPEN}{index}{MISSING_CLOSE}"


def needs(text: str) -> list[int]:
    """The question indexes whose missing value ``text`` would print inside itself."""
    found = [int(m) for m in _VALUE.findall(text)]
    found += [int(m) for m in _MISSING.findall(text)]  # a "missing" sentence passed as a value
    for group in _SENTENCE.findall(text):
        found += [int(i) for i in group.split(",")]
    return found


def rewrite(text: str) -> str:
    """A filled catalogue text with each sentence that holds a missing value replaced.

    The replacement is a marker that ``resolve`` writes as "<label>: not yet given" (or
    drops, for internal answers); sentences around it stay as they were.
    """
    if not needs(text):
        return text
    pieces = _split(text)
    out = []
    for piece in pieces:
        indexes = needs(piece)
        if not indexes:
            out.append(piece)
            continue
        unique = list(dict.fromkeys(indexes))
        lead = re.match(r"\s*", piece).group(0)  # type: ignore[union-attr]
        out.append(f"{lead}{SENTENCE_OPEN}{','.join(map(str, unique))}{SENTENCE_CLOSE}")
    return "".join(out)


def _split(text: str) -> list[str]:
    """``text`` cut into sentences (each keeps the spaces before it), pieces joined = text."""
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


class GuardedText:
    """The text layer's ``t`` with sentences that need a missing value rewritten.

    A class with one exposed method (not a closure) because the template sandbox lets a
    template call only listed methods of listed types.
    """

    exposed = frozenset({"t"})

    __slots__ = ("_t",)

    def __init__(self, t: Callable[..., str]) -> None:
        self._t = t

    def t(self, key: str, /, **values: Any) -> str:
        return rewrite(self._t(key, **values))


class Phrases:
    """How each marker is written, in the document's language (given by the caller)."""

    def __init__(
        self,
        inline: Callable[[int], str],
        sentence: Callable[[int], str],
        kind: Callable[[int], str],
    ) -> None:
        self.inline = inline
        """The phrase for a missing answer standing alone (a list item's value, a cell)."""
        self.sentence = sentence
        """The sentence that replaces one needing a missing value ("Label: not yet given.")."""
        self.kind = kind


def resolve(text: str, phrases: Phrases) -> str:
    """Every marker in a rendered document replaced; lines left empty by internal answers go."""

    def one(index: int, sentence: bool) -> str:
        if phrases.kind(index) == "internal":
            return _ERASED
        return phrases.sentence(index) if sentence else phrases.inline(index)

    def sentences(match: re.Match[str]) -> str:
        indexes = [int(i) for i in match.group(1).split(",")]
        shown = [one(i, True) for i in indexes]
        kept = [s for s in shown if s != _ERASED]
        return " ".join(kept) if kept else _ERASED

    text = _SENTENCE.sub(sentences, text)
    text = _MISSING.sub(lambda m: one(int(m.group(1)), False), text)
    text = _VALUE.sub(lambda m: one(int(m.group(1)), False), text)
    lines = []
    for line in text.split("\n"):
        if _ERASED in line:
            line = re.sub(f" *{_ERASED}", "", line)
            if _EMPTY_LINE.match(line):
                continue
        lines.append(_ANY.sub("", line))
    return "\n".join(lines)
