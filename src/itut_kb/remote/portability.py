"""Every ``.rq`` file of the project on two stores, answers compared: is an engine fit to run itut-kb?

Used by the test suite (embedded store against an Oxigraph server) and by ``bench/engines.py`` (against
Virtuoso). A query runs with its ``#+ example:`` parameters, or with :data:`PROBES` for the families that
have none (validation context, change effects, rules); answers are compared as multisets of rows (each
term in N-Triples form, blank nodes as ``_:b``), ASK as booleans, CONSTRUCT as sets of triples.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from itut_kb.catalog import Catalog, NamedQuery
from itut_kb.errors import ItutKbError
from itut_kb.store import KnowledgeBase, Term

FAMILIES = ("lookup", "checks", "examples", "rules", "validation", "changes")
_ID = "https://w3id.org/itut-kb/id/"
_ITUT = "https://w3id.org/itut-kb/ontology#"
# parameters of the queries that have no `#+ example:` (their callers bind them)
PROBES: dict[str, dict[str, str]] = {
    "node-context": {"node": _ID + "group/SG17"},
    "node-description": {"node": _ID + "question/1-17"},
    "node-incoming": {"node": _ID + "group/SG17", "property": _ITUT + "forGroup"},
    "rule": {"id": "res1-9.3.3"},
}


@dataclass(frozen=True)
class Outcome:
    family: str
    name: str
    same: bool
    embedded: int  # rows, triples (ASK: 1 for true)
    remote: int
    detail: str = ""


def _term(term: Term) -> str:
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


def answer(kb: KnowledgeBase, query: NamedQuery, bindings: Mapping[str, Term]) -> Counter[str]:
    """The answer of ``query`` on ``kb`` as a multiset of canonical rows."""
    form = query.text.upper()
    if query.columns:
        rows = kb.select(query.text, bindings)
        return Counter(json.dumps({k: _term(v) for k, v in r.items()}, sort_keys=True) for r in rows)
    if "CONSTRUCT" in form:
        return Counter(
            {
                f"{_term(t.subject)} {t.predicate} {_term(t.object)}": 1
                for t in kb.construct(query.text, bindings)
            }
        )
    return Counter([str(kb.ask(query.text, bindings))])


def compare(
    family: str, query: NamedQuery, embedded: KnowledgeBase, remote: KnowledgeBase, params: Mapping[str, str]
) -> Outcome:
    bindings = query.bindings(dict(params))
    mine = answer(embedded, query, bindings)
    try:
        theirs = answer(remote, query, bindings)
    except ItutKbError as exc:
        return Outcome(family, query.name, False, sum(mine.values()), -1, exc.message[:300])
    if mine == theirs:
        return Outcome(family, query.name, True, sum(mine.values()), sum(theirs.values()))
    only_mine = sorted((mine - theirs).elements())[:3]
    only_theirs = sorted((theirs - mine).elements())[:3]
    return Outcome(
        family,
        query.name,
        False,
        sum(mine.values()),
        sum(theirs.values()),
        f"only embedded: {only_mine}; only remote: {only_theirs}",
    )


def params_of(query: NamedQuery) -> dict[str, str]:
    return PROBES.get(query.name, dict(query.example))


def catalogs(queries_dir: Path) -> dict[str, Catalog]:
    return {family: Catalog.load(queries_dir / family) for family in FAMILIES}
