"""How big and how deep a user's SPARQL query may be, checked before any parser sees it.

pyoxigraph parses and plans a query by recursion on the native stack. A query that nests deep enough, or
chains enough operators, overflows that stack and the process dies of SIGSEGV: no Python exception, no
error message. A worker process dying on a 6 KB request is a cheap denial of service (each respawn loads
the store again), so :func:`check` refuses such queries with 400 in the server process, from a lexical
scan (:func:`itut_kb.sparql.code_of` blanks strings, IRIs, comments and variables first, so that nothing
inside them counts), before the query reaches a worker or any SPARQL parser.

Where pyoxigraph 0.5.13 dies: measured on x86_64, each query run in a fresh subprocess on the main thread
(8 MiB stack, as in a worker) over a three-triple store, bisected to the largest size that survives; a
crash is a SIGSEGV, in the parser (the thresholds are the same whether the query is only prepared or also
evaluated). The probe script is not part of the suite; the figures are for pyoxigraph 0.5.13:

==============================================================  ==========  ==========  ==================
construct                                                       survives    SIGSEGV at  counted here as
==============================================================  ==========  ==========  ==================
nested ``FILTER EXISTS {`` (each a group)                        832         848         depth
nested function calls ``COALESCE(COALESCE(…))``                 912         928         depth
nested groups ``{{{ … ?s ?p ?o … }}}`` (6 KB at 3,000)            2,176       2,208       depth
nested sub-SELECTs / ``GRAPH ?g {`` groups                        2,496/2,880 2,560/2,944 depth
nested parentheses in an expression ``FILTER((((?o))))``        4,608       4,672       depth
nested parentheses in a property path ``((((:p))))``            13,568      13,824      depth
a run of ``BIND`` / ``MINUS {…}`` clauses                         2,560       2,624       patterns
a run of ``{…} UNION {…}``                                        6,528       6,656       patterns
a run of ``FILTER(…)`` clauses                                   9,216       9,472       patterns
a chain of ``+`` in one expression ``1 + 1 + …``                6,784       6,912       chain
a chain of ``&&``; a run of ``!`` (9 KB at 9,472)                9,216       9,472       chain
a property-path alternative ``:p|:p|…``                          10,752      11,008      chain
==============================================================  ==========  ==========  ==================

No crash up to 131,072 items: a ``VALUES`` block, an ``IN`` list, ``CONCAT`` arguments (flat lists). Slow,
not crashing, before a crash could be reached (each bounded by the query time limit, not by these
limits): a property-path sequence ``:p/:p/…`` (4 s to plan at 512 steps, 0.3 s at 128), a star of triple
patterns with distinct variables (4 s at 128), ``OPTIONAL`` clauses (5 s at 256), nested blank-node
brackets and collections (3 s and 6 s at 256 and 128; well under a second at depth 64).

Mixing them within the limits stays far from a crash too: 62 nested ``COALESCE(?x, 1 + 1 + … + …)``, each
with a chain of 98 ``+`` (24 KB), or 60 nested ``FILTER(1 + … && EXISTS { … })`` with 98 operators at
each level, parse without trouble.

So four measures, each limit (``Settings``: 200,000 bytes, depth 64, 256 patterns, chains of 100) at
least ten times below the lowest crash it guards against, and far above what the project's own queries
use (depth 5, 73 patterns, chains of 5):

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
