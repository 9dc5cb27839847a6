"""The store: what the services query, behind one interface with two implementations.

- :class:`EmbeddedKB` (the default): the ontology and the generated KB in an in-memory pyoxigraph Store.
  Each KB file goes into a named graph of its own (``https://w3id.org/itut-kb/graph/<part>``, the ontology
  into ``…/graph/ontology``); queries see their union as the default graph unless they name graphs.
- :class:`itut_kb.remote.kb.RemoteKB`: a SPARQL server the KB was published to (``itut-kb publish``),
  spoken to over the SPARQL 1.1 Protocol, with the dataset (the live graphs) named in every request.

Both bind parameters as RDF terms, never as text spliced into a query.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
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


class KnowledgeBase(ABC):
    """The few operations the services need: SELECT, ASK and CONSTRUCT over the KB's graphs, with
    parameters bound as RDF terms."""

    @classmethod
    def load(cls, settings: Settings, extra: Iterable[tuple[str, Path]] = ()) -> EmbeddedKB:
        """The embedded store with the ontology and the generated KB files (and ``extra``) loaded."""
        store = ox.Store()
        for part, path in [*kb_files(settings), *extra]:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph_name(part))
        return EmbeddedKB(store)

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """The solutions of a SELECT over the KB (its graphs' union as default graph)."""

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    @abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """The triples a CONSTRUCT builds."""

    @abstractmethod
    def graph_names(self) -> list[str]:
        """The IRIs of the KB's named graphs."""

    @abstractmethod
    def __len__(self) -> int: ...


class EmbeddedKB(KnowledgeBase):
    """The KB in an in-memory pyoxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def _query(self, query: str, bindings: Mapping[str, Term] | None) -> object:
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        return self.store.query(query, use_default_graph_as_union=True, substitutions=substitutions)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        """Run a SELECT over the union of all graphs; parameters are substituted as RDF terms."""
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise TypeError("a SELECT query was expected")
        names = [v.value for v in solutions.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in solutions]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise TypeError("an ASK query was expected")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """Run a CONSTRUCT over the union of all graphs; the triples it builds."""
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise TypeError("a CONSTRUCT query was expected")
        return list(result)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self.store)
