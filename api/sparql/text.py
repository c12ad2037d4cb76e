"""Look inside SPARQL text without evaluating it: its form, the keywords that would reach the network, USING.

A small lexer masks what can hide a keyword (string literals, IRIs, comments) so that a keyword is
only seen where a SPARQL parser would see one. `\\uXXXX` escapes count as the characters they stand
for, since SPARQL engines (Oxigraph among them) resolve them before parsing: both the raw and the
unescaped text are checked, and a query is refused when either shows a forbidden keyword.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# String literals (long and short), IRI references and comments, leftmost first as a lexer reads them.
_OPAQUE = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# A keyword is a whole word: not part of a variable (?x $x), a prefixed name (ex:x x:), or a longer word.
_KEYWORD = r"(?<![\w?$:\\.-])(?:{words})(?![\w:-])"
# Forbidden anywhere: a dot before the word does not hide it (`?o .SERVICE`), so no look-behind for it.
_FETCHING = re.compile(r"(?<![\w?$:\\-])(SERVICE|LOAD)(?![\w:-])", re.IGNORECASE)
_FORM = re.compile(
    _KEYWORD.format(words="SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH"),
    re.IGNORECASE,
)
_DATASET_CLAUSE = re.compile(_KEYWORD.format(words="USING|WITH"), re.IGNORECASE)
_FROM = re.compile(_KEYWORD.format(words="FROM"), re.IGNORECASE)
_WHERE_OR_BRACE = re.compile(_KEYWORD.format(words="WHERE") + r"|[{}]", re.IGNORECASE)
_LAST_WORD = re.compile(r"(\w+)\s*$")

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def mask(text: str) -> str:
    """`text` with string literals, IRIs and comments blanked out; same length, so offsets still hold."""
    return _OPAQUE.sub(lambda match: " " * len(match.group(0)), text)


def unescape_codepoints(text: str) -> str:
    r"""Resolve \uXXXX and \UXXXXXXXX escapes the way a SPARQL engine does before parsing."""

    def character(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return _CODEPOINT.sub(character, text)


def _views(text: str) -> list[str]:
    unescaped = unescape_codepoints(text)
    return [mask(text)] if unescaped == text else [mask(text), mask(unescaped)]


def fetching_keyword(text: str) -> str | None:
    """SERVICE or LOAD when the text uses one as a keyword (both would make the server fetch a URL)."""
    for view in _views(text):
        match = _FETCHING.search(view)
        if match:
            return match.group(1).upper()
    return None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE for a query; an update's first keyword; None if there is none."""
    match = _FORM.search(mask(text))
    return match.group(0).upper() if match else None


def has_dataset_clause(update: str) -> bool:
    """Whether an update names its own dataset (USING or WITH), which the protocol's graph parameters may not override."""
    return any(_DATASET_CLAUSE.search(view) for view in _views(update))


def has_from(query: str) -> bool:
    """Whether a query names its own dataset (FROM / FROM NAMED): then the union default graph does not apply."""
    return _FROM.search(mask(query)) is not None


def add_using(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The update with `USING <g>` / `USING NAMED <g>` put before the WHERE of each DELETE/INSERT operation.

    This is how the protocol's using-graph-uri and using-named-graph-uri parameters take effect: the
    update itself must not name a dataset (see has_dataset_clause). `DELETE WHERE` takes no USING.
    """
    clauses = [f"USING <{iri}>" for iri in default_graphs] + [f"USING NAMED <{iri}>" for iri in named_graphs]
    if not clauses:
        return update
    masked = mask(update)
    insert_at: list[int] = []
    depth = 0
    for match in _WHERE_OR_BRACE.finditer(masked):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            before = _LAST_WORD.search(masked[: match.start()])
            if not (before and before.group(1).upper() == "DELETE"):
                insert_at.append(match.start())
    text = update
    for position in reversed(insert_at):
        text = text[:position] + " ".join(clauses) + " " + text[position:]
    return text


MAX_NESTING = 100  # brackets deep; hand-written and generated queries stay far below it
_BRACKET = re.compile(r"[(){}\[\]]")
_BRACKETS = {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}


def nesting_depth(text: str) -> int:
    """How deeply brackets ( { [ nest outside strings, IRIs and comments (escapes resolved first).

    Parsers recurse once per level: thousands of levels overflow the stack of Oxigraph's parser (a
    crash no exception handler sees) and rdflib's (RecursionError), so callers refuse text deeper
    than MAX_NESTING before any parser sees it.
    """
    deepest = 0
    for view in _views(text):
        depth = 0
        for character in _BRACKET.findall(view):
            depth += _BRACKETS[character]
            deepest = max(deepest, depth)
    return deepest


def nesting_error(text: str) -> str | None:
    """One line saying why the text nests too deeply to be parsed safely, or None when it does not."""
    depth = nesting_depth(text)
    if depth <= MAX_NESTING:
        return None
    return f"the SPARQL text nests brackets {depth} deep; at most {MAX_NESTING} levels are accepted"
