"""How big and how deep a user's SPARQL query may be, checked before any parser sees it.

pyoxigraph parses and plans a query by recursion on the native stack. A query that nests deep enough, or
chains enough operators, overflows that stack and the process dies of SIGSEGV: no Python exception, no
error message. A worker process dying on a 6 KB request is a cheap denial of service (each respawn loads
the store again), so :func:`check` refuses such queries with 400 in the server process, from a lexical
scan (:func:`itut_kb.sparql.code_of` blanks strings, IRIs, comments and variables first, so that nothing
inside them counts), before the query reaches a worker or any SPARQL parser.

Where pyoxigraph 0.5.13 dies (measured in a subprocess on x86_64, main thread, 8 MiB stack; the first
figure parses, the second crashes; bench-style probe kept out of the suite, see the commit message):

=========================================================  ======================  =====================
construct                                                  survives                SIGSEGV at
=========================================================  ======================  =====================
nested groups ``{{{ … ?s ?p ?o … }}}`` (parse)              2,176 levels            2,208 (~4.4 KB)
nested parentheses in an expression ``FILTER((((…))))``    4,608                   4,672
nested parentheses in a property path ``((((:p))))``       13,568                  13,824
a chain of ``+`` in one expression ``1 + 1 + …`` (parse)   6,784 operators         6,912 (~28 KB)
a chain of ``&&`` / a run of ``!`` (parse)                 9,216                   9,472 (``!``: ~9 KB)
a property-path alternative ``:p|:p|…`` (parse)            10,752 steps            11,008
a property-path sequence ``:p/:p/…``                       512 steps (4 s to plan)  slower than any timeout
=========================================================  ======================  =====================

So four measures, each far below its crash (a legitimate query rarely nests more than ten levels or
chains more than twenty operators):

- **size**: bytes of the query (UTF-8);
- **depth**: the deepest nesting of ``{ }``, ``( )`` and ``[ ]`` together;
- **patterns**: about how many triple patterns and graph-pattern clauses the query has: a ``.``, ``;`` or
  ``,`` that ends a triple (not a comma between function arguments), an opening ``{`` or ``[``, and each
  ``FILTER``, ``BIND``, ``OPTIONAL``, ``MINUS``, ``UNION``, ``VALUES``, ``GRAPH``, ``SERVICE`` keyword;
- **chain**: the longest run of operators between two pattern separators: the steps of a property path
  (``/``, ``|``, ``^``, and ``*``, ``+`` modifiers) and the operators of an expression (``! && || = != <
  > <= >= + - * /``). Each one nests the parse tree one level deeper, as a bracket does.

The measures are approximations on the safe side: a ``-`` inside a prefixed name counts as an operator,
and a division as a path step. Named queries, rules and validation queries are files of the project and
are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from itut_kb.config import Settings
from itut_kb.errors import QueryLimitError
from itut_kb.sparql import code_of

CLAUSES = frozenset({"FILTER", "BIND", "OPTIONAL", "MINUS", "UNION", "VALUES", "GRAPH", "SERVICE"})
_TOKEN = re.compile(
    r"(?P<open>[{(\[])|(?P<close>[})\]])"
    # a dot ends a triple unless a name or a number goes on after it (ex:a.b, 1.5)
    r"|(?P<sep>[;,]|\.(?![\w:%\u00b7-]))"
    r"|(?P<skip>\^\^)"  # a literal's datatype, not an inverse path
    r"|(?P<op>\|\||&&|!=|<=|>=|[/|^!+*=<>-])"
    r"|(?<![\w:@])(?P<word>[A-Za-z]+)(?![\w:])"
)


@dataclass(frozen=True)
class QueryLimits:
    """The largest query the endpoint accepts (``Settings``: max_query_bytes, max_query_depth, …)."""

    max_bytes: int
    max_depth: int
    max_patterns: int
    max_chain: int

    @classmethod
    def of(cls, settings: Settings) -> QueryLimits:
        return cls(
            settings.max_query_bytes,
            settings.max_query_depth,
            settings.max_query_patterns,
            settings.max_query_chain,
        )


@dataclass(frozen=True)
class QueryShape:
    """What :func:`measure` finds in a query."""

    size: int
    depth: int
    patterns: int
    chain: int


def measure(text: str) -> QueryShape:
    """The size, depth, patterns and longest operator chain of ``text`` (see the module's docstring)."""
    depth = max_depth = parens = patterns = chain = max_chain = 0
    for match in _TOKEN.finditer(code_of(text)):
        kind, token = match.lastgroup, match.group()
        if kind == "open":
            depth += 1
            max_depth = max(max_depth, depth)
            if token == "(":
                parens += 1
            else:
                patterns += 1
                chain = 0 if token == "{" else chain
        elif kind == "close":
            depth = max(depth - 1, 0)
            if token == ")":
                parens = max(parens - 1, 0)
            elif token == "}":
                chain = 0
        elif kind == "sep":
            if token != "," or parens == 0:  # not a comma between a function's arguments
                patterns += 1
            chain = 0
        elif kind == "op":
            chain += 1
            max_chain = max(max_chain, chain)
        elif kind == "word" and token.upper() in CLAUSES:
            patterns += 1
    return QueryShape(len(text.encode("utf-8")), max_depth, patterns, max_chain)


def check(text: str, limits: QueryLimits) -> QueryShape:
    """Refuse (:class:`QueryLimitError`, 400) a query past one of ``limits``; its shape otherwise."""
    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        raise QueryLimitError(
            f"The query is {size:,} bytes long; this endpoint accepts queries of at most "
            f"{limits.max_bytes:,} bytes (limit max_query_bytes)."
        )
    shape = measure(text)
    if shape.depth > limits.max_depth:
        raise QueryLimitError(
            f"The query nests {shape.depth:,} levels of brackets ({{ }}, ( ), [ ]); this endpoint accepts "
            f"at most {limits.max_depth:,} (limit max_query_depth)."
        )
    if shape.patterns > limits.max_patterns:
        raise QueryLimitError(
            f"The query has about {shape.patterns:,} triple patterns and clauses (FILTER, OPTIONAL, UNION, "
            f"…); this endpoint accepts at most {limits.max_patterns:,} (limit max_query_patterns)."
        )
    if shape.chain > limits.max_chain:
        raise QueryLimitError(
            f"The query chains {shape.chain:,} operators in one expression or property path (/, |, ^, "
            f"&&, +, …); this endpoint accepts at most {limits.max_chain:,} (limit max_query_chain)."
        )
    return shape
