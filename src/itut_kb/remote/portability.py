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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from itut_kb.catalog import Catalog, NamedQuery
from itut_kb.errors import ItutKbError
from itut_kb.store import EmbeddedKB, KnowledgeBase, Term

if TYPE_CHECKING:
    from itut_kb.services import Services

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


# One change of every kind whose effects are queries (queries/changes/), as the gate reads them.
_AUTHORITY = {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"}
SAMPLE_CHANGES: list[dict[str, Any]] = [
    {
        "kind": "question-approved",
        "data": {"study_group": "SG17", "id": "16/17", "title_zh": "量子安全密钥管理"},
    },
    {"kind": "question-deleted", "data": {"study_group": "SG17", "id": "1/17"}},
    {
        "events": [
            {
                "kind": "post-vacated",
                "data": {"study_group": "SG17", "post": "chair", "name": "Arnaud TADDEI"},
            },
            {
                "kind": "post-appointed",
                "data": {
                    "study_group": "SG17",
                    "post": "chair",
                    "name": "Jane ROE",
                    "honorific_zh": "女士",
                    "member_state": "中国",
                },
            },
        ]
    },
    {
        "kind": "recommendation-approved",
        "data": {
            "number": "X.1281",
            "title": "Identity proofing",
            "study_group": "SG17",
            "procedure": "AAP",
            "approval_date": "2025-09-05",
            "questions": ["2/17"],
            "policy_or_regulatory": False,
        },
    },
    {
        "kind": "responsibility-amended",
        "data": {"study_group": "SG17", "action": "add", "text_zh": "ITU-T X.1281"},
    },
]
Event = tuple[str, ox.NamedNode, ox.NamedNode]  # kind, event, change


def scratch(services: Services) -> tuple[EmbeddedKB, list[Event]]:
    """The baseline with the sample changes in the gate's ``pending`` graph (read and enriched as the gate
    does), and their events: what the effect queries run on."""
    from itut_kb.living import documents
    from itut_kb.living.enrichment import enrich
    from itut_kb.living.gate import PENDING, Gate, quads_of
    from itut_kb.living.states import copy_store
    from itut_kb.submissions import InputFormat

    kinds = Gate(services, None).kinds  # type: ignore[arg-type]  # reads the ontology only
    store = copy_store(services.history.baseline.store)
    events: list[Event] = []
    for k, body in enumerate(SAMPLE_CHANGES):
        doc_json = {"id": f"portability-{k}", "effective": "2025-09-05", "authority": _AUTHORITY, **body}
        data = json.dumps(doc_json, ensure_ascii=False).encode("utf-8")
        doc = documents.read(data, InputFormat.JSON, services.schema.context, kinds)
        extra, _readings = enrich(doc, services.ownership.owner, date(2025, 9, 5), 366)
        store.extend(quads_of(doc.graph, PENDING))
        store.extend(quads_of(extra, PENDING))
        change = ox.NamedNode(str(doc.node))
        events += [
            (kind, ox.NamedNode(str(e)), change) for e, kind in zip(doc.events, doc.kinds, strict=True)
        ]
    return EmbeddedKB(store), events


def compare_effect(
    query: NamedQuery, local: KnowledgeBase, remote: KnowledgeBase, events: list[Event]
) -> list[Outcome]:
    """An effect query on every sample event of its kind (or once, without parameters)."""
    if not query.params:
        return [compare("changes", query, local, remote, {})]
    kind = query.name.rsplit("-", 1)[0]
    out = []
    for event_kind, event, change in events:
        if event_kind != kind:
            continue
        params = {p.name: (event if p.name == "event" else change).value for p in query.params}
        out.append(compare("changes", query, local, remote, params))
    return out
