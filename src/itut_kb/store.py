"""The embedded store: the ontology and the generated KB in an in-memory pyoxigraph Store.

Each KB file goes into a named graph of its own (``https://w3id.org/itut-kb/graph/<part>``, the ontology
into ``…/graph/ontology``); queries see their union as the default graph unless they name graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from itut_kb.config import Settings

GRAPH_BASE = "https://w3id.org/itut-kb/graph/"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def graph_name(part: str) -> ox.NamedNode:
    return ox.NamedNode(GRAPH_BASE + part)


def kb_files(settings: Settings) -> list[tuple[str, Path]]:
    """(part name, path) of the ontology and every generated KB file, in a fixed order."""
    files = [("ontology", settings.ontology_dir / "itut.ttl")]
    files += [(path.stem, path) for path in sorted(settings.kb_dir.glob("*.ttl"))]
    return files


class KnowledgeBase:
    """The store and the few operations the services need."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def load(cls, settings: Settings, extra: Iterable[tuple[str, Path]] = ()) -> KnowledgeBase:
        store = ox.Store()
        for part, path in [*kb_files(settings), *extra]:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph_name(part))
        return cls(store)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """Run a SELECT over the union of all graphs; parameters are substituted as RDF terms."""
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        solutions = self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("a SELECT query was expected")
        names = [v.value for v in solutions.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in solutions]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        result = self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        if not isinstance(result, ox.QueryBoolean):
            raise TypeError("an ASK query was expected")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT over the union of all graphs; the triples it builds."""
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        result = self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        if not isinstance(result, ox.QueryTriples):
            raise TypeError("a CONSTRUCT query was expected")
        return list(result)

    def __len__(self) -> int:
        return len(self.store)
