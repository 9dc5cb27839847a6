"""Parameters of a named query bound over the SPARQL Protocol: as RDF terms in a ``VALUES`` block.

The embedded store binds a parameter with pyoxigraph's substitutions (the variable is bound before the
query is evaluated). Over the protocol there is no such option; splicing a value into the text is never
done. The term is written in N-Triples syntax (pyoxigraph's own writer: an IRI it accepted, a literal with
its quotes, backslashes and line breaks escaped), which is also SPARQL's syntax for terms, inside a
``VALUES`` block: a value can only ever be one term.

Where the block goes matters. A ``VALUES`` clause after the query (the grammar's ValuesClause) is joined
*after* grouping and aggregation (SPARQL 1.1, 18.2.4), and a FILTER, an OPTIONAL's condition or a
FILTER NOT EXISTS of the WHERE clause would see the variable unbound. So the block is put first in the
query's outermost WHERE group: the variable is then bound for every FILTER of that group, for EXISTS and
NOT EXISTS, and is joined with every OPTIONAL, before any grouping. What still differs from pre-binding is
a sub-SELECT, a MINUS or a nested group with its own FILTER that uses the variable without it being bound
from outside (they are evaluated on their own first): no query of the project does (the portability test
runs every ``.rq`` file on both stores and compares). The place is found once per query text, by a lexical
scan of the project's own query (comments, strings, IRIs and variables blanked out); a query whose WHERE
cannot be found gets the block at its end.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

# SPARQL's lexical forms, enough to tell keywords from everything else (self-contained, like the endpoint's own
# scan in itut_kb.sparql, so that the two can change apart)
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_VARIABLE = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+")


def _string_end(text: str, start: int) -> int:
    """The index just past the string literal opening at ``start`` (the end of text if unterminated)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        i = start + 3
        while i < len(text):
            if text[i] == "\\":
                i += 2
            elif text.startswith(quote * 3, i):
                return i + 3
            else:
                i += 1
        return len(text)
    i = start + 1
    while i < len(text) and text[i] not in (quote, "\n"):
        i += 2 if text[i] == "\\" else 1
    return min(i + 1, len(text))


def term_text(term: Term) -> str:
    """``term`` in N-Triples (= SPARQL) syntax; blank nodes and quoted triples cannot be bound."""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    raise TypeError(f"a parameter is an IRI or a literal; got {term!r}")


def blanked(text: str) -> str:
    """``text`` with comments, strings, IRIs and variables replaced by as many spaces (same length)."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` blanked (comments, strings, IRIs, variables as spaces), and the spans of its variables."""
    out = list(text)
    variables: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        char = text[i]
        end = i
        if char == "#":
            newline = text.find("\n", i)
            end = len(text) if newline < 0 else newline
        elif char in "\"'":
            end = _string_end(text, i)
        elif char == "<":
            match = _IRIREF.match(text, i)
            end = match.end() if match else i
        elif char in "?$":
            match = _VARIABLE.match(text, i)
            end = match.end() if match else i
            if end > i:
                variables.append((i, end))
        if end > i:
            out[i:end] = " " * (end - i)
            i = end
        else:
            i += 1
    return "".join(out), variables


_WORD = re.compile(r"[A-Za-z_]+")
_OPENS_ZONE = {"SELECT", "VALUES", "GROUP", "ORDER", "HAVING"}  # a variable there is named, not matched


def _keyword(code: str, i: int) -> tuple[str, int]:
    """The word at ``i`` (upper-cased; empty for a prefixed name) and the index after it."""
    match = _WORD.match(code, i)
    assert match is not None
    if code[match.end() : match.end() + 1] == ":":
        return "", match.end()
    return match.group(0).upper(), match.end()


def _subselects(code: str, where: int) -> list[tuple[int, int]]:
    """The spans of the sub-selects inside the WHERE group opening at ``where`` (from SELECT to the brace
    that closes the group holding it)."""
    spans = []
    depth = 0
    open_at: list[int] = []  # depths at which a sub-select started
    starts: list[int] = []
    for match in re.finditer(r"[{}]|(?<![\w:])SELECT(?![\w:])", code[where:], re.IGNORECASE):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            while open_at and depth < open_at[-1]:
                open_at.pop()
                spans.append((starts.pop(), where + match.start()))
        elif not open_at:
            open_at.append(depth)
            starts.append(where + match.start())
    return spans


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= i < end for start, end in spans)


@lru_cache(maxsize=1024)
def constant_sites(query: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, name) of the variables of the WHERE group that can take a bound term's place: those in
    patterns and expressions, not those a clause names (a projection, ``AS ?x``, a VALUES header, GROUP BY,
    ORDER BY, HAVING), nor any in a sub-select (its variables are joined through its projection, where the
    VALUES block binds them), nor any outside the outermost WHERE group."""
    where = where_brace(query)
    if where is None:
        return ()
    code, variables = _scan(query)
    starts = dict(variables)
    out = []
    subs = _subselects(code, where)
    zone: str | None = None  # the clause a variable would be named by
    zone_depth = 0
    last_word = ""
    i = where + 1
    depth = 1
    while i < len(query) and depth > 0:
        char = code[i]
        if i in starts:
            end = starts[i]
            if zone is None and not _inside(i, subs) and last_word != "AS":
                out.append((i, end, query[i + 1 : end]))
            last_word = ""
            i = end
            continue
        if char == "{":
            depth += 1
            if zone in ("SELECT", "VALUES"):
                zone = None
        elif char == "}":
            depth -= 1
            if zone is not None and depth < zone_depth:
                zone = None
        elif char.isalpha() and not (code[i - 1].isalnum() or code[i - 1] in "_:"):
            word, i = _keyword(code, i)
            if word in _OPENS_ZONE:
                zone, zone_depth = word, depth
            elif word == "WHERE" and zone == "SELECT":
                zone = None
            last_word = word
            continue
        elif not char.isspace():
            last_word = ""
        i += 1
    return tuple(out)


@lru_cache(maxsize=1024)
def where_brace(query: str) -> int | None:
    """The index of the ``{`` that opens the query's outermost WHERE group (None: not found)."""
    code = blanked(query)
    upper = code.upper()
    depth = 0
    seen_where = False
    form = None
    template = False
    i = 0
    while i < len(code):
        char = code[i]
        if char == "{":
            if depth == 0 and (seen_where or form in {"SELECT", "ASK"}):
                return i
            template = template or form == "CONSTRUCT"
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha() and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] in "_:")):
            j = i
            while j < len(code) and (code[j].isalnum() or code[j] == "_"):
                j += 1
            word = upper[i:j]
            if form is None and word in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}:
                form = word
            if word == "WHERE":
                if form == "CONSTRUCT" and not template:
                    return None  # CONSTRUCT WHERE { … }: the pattern is the template; VALUES goes after
                seen_where = True
            i = j
            continue
        i += 1
    return None


def bind(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with ``bindings`` as a one-row VALUES block first in its WHERE group, and each bound term
    also in the place of its variable in the group's patterns and expressions (what pre-binding does, and
    what lets an engine use its indexes: Oxigraph does not push a VALUES join into the patterns)."""
    if not bindings:
        return query
    names = sorted(bindings)
    block = "VALUES (" + " ".join("?" + n for n in names) + ") { ("
    block += " ".join(term_text(bindings[n]) for n in names) + ") }"
    at = where_brace(query)
    if at is None:
        return query + "\n" + block + "\n"
    if not _propagates(query, tuple(sorted((n, type(t).__name__) for n, t in bindings.items()))):
        return query[: at + 1] + " " + block + "\n" + query[at + 1 :]
    parts = []
    cursor = 0
    for start, end, name in constant_sites(query):
        if name in bindings and isinstance(bindings[name], (ox.NamedNode, ox.Literal)):
            parts += [query[cursor:start], term_text(bindings[name])]
            cursor = end
    body = "".join(parts) + query[cursor:]
    return body[: at + 1] + " " + block + "\n" + body[at + 1 :]


_PROBES: dict[str, Term] = {"NamedNode": ox.NamedNode("urn:itut-kb:probe"), "Literal": ox.Literal("probe")}


@lru_cache(maxsize=1024)
def _propagates(query: str, shape: tuple[tuple[str, str], ...]) -> bool:
    """True when terms of these kinds can take their variables' places in ``query`` (checked once by parsing
    the rewritten query with probe terms: a literal cannot be a subject, for instance)."""
    probes = {name: _PROBES[kind] for name, kind in shape if kind in _PROBES}
    parts = []
    cursor = 0
    for start, end, name in constant_sites(query):
        if name in probes:
            parts += [query[cursor:start], term_text(probes[name])]
            cursor = end
    try:
        ox.Store().query("".join(parts) + query[cursor:])
    except SyntaxError:
        return False
    return True
