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

from collections.abc import Mapping
from functools import lru_cache

import pyoxigraph as ox

from itut_kb.sparql import _IRIREF, _VARIABLE, _string_end

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def term_text(term: Term) -> str:
    """``term`` in N-Triples (= SPARQL) syntax; blank nodes and quoted triples cannot be bound."""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    raise TypeError(f"a parameter is an IRI or a literal; got {term!r}")


def blanked(text: str) -> str:
    """``text`` with comments, strings, IRIs and variables replaced by as many spaces (same length)."""
    out = list(text)
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
            out[i:end] = " " * (end - i)
            i = end
        else:
            i += 1
    return "".join(out)


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
    """``query`` with ``bindings`` as a one-row VALUES block first in its WHERE group."""
    if not bindings:
        return query
    names = sorted(bindings)
    block = "VALUES (" + " ".join("?" + n for n in names) + ") { ("
    block += " ".join(term_text(bindings[n]) for n in names) + ") }"
    at = where_brace(query)
    if at is None:
        return query + "\n" + block + "\n"
    return query[: at + 1] + " " + block + "\n" + query[at + 1 :]
