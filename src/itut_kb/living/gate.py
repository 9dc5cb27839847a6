"""The gate: a change is validated, recorded durably, and only then visible.

For one change (:meth:`Gate.submit`):

1. read it (:mod:`~itut_kb.living.documents`) and check the writer may make it (roles);
2. take the state of the KB in effect on its effective date, at the head version, and copy it;
3. put the change's description in a scratch graph of the copy, with what the gate adds
   (:mod:`~itut_kb.living.enrichment`), and for each event in order: validate it against the change shapes
   (``ontology/shapes/changes/``, with the KB-wide checks of its kind), then apply its effects
   (:mod:`~itut_kb.living.effects`), so that the next event is checked against what this one left;
4. drop the scratch graph, run the inference rules again, and check the result: the KB shapes on every node
   whose statements changed, and every ``queries/checks/*-violation.rq``, which may find nothing the state
   before did not; the same on the latest state when changes with a later effective date exist;
5. append it to the change log (one SQLite transaction, fsynced) as the head plus one; if another writer
   moved the head meanwhile, start again from 2 (with ``If-Match``: 412 instead).

A change that fails any check raises :class:`ChangeRejectedError` with the report and leaves nothing behind.
Writers in this process are serialised by a lock; writers in other processes by SQLite's write lock and the
head check of step 5.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from itut_kb.catalog import Catalog
from itut_kb.errors import (
    ChangeRejectedError,
    ConflictError,
    ForbiddenError,
    PreconditionFailedError,
)
from itut_kb.extract.responsibilities_rdf import add_scopes
from itut_kb.extract.writer import GraphWriter
from itut_kb.living import documents, provenance
from itut_kb.living.changelog import BaseChangeLog, ChangeRecord, Pending, nquads, ntriples
from itut_kb.living.checks import PostChecks
from itut_kb.living.effects import Diff, apply_event
from itut_kb.living.enrichment import Readings, enrich
from itut_kb.living.states import BASELINE_DATE, copy_store, diff_quads
from itut_kb.living.tokens import Agent, now
from itut_kb.namespaces import ITUT
from itut_kb.store import graph_name
from itut_kb.submissions import InputFormat
from itut_kb.terms import to_oxigraph
from itut_kb.validation import retargeted, run_shacl
from itut_kb.validation_report import Finding, ValidationReport, findings

if TYPE_CHECKING:
    from itut_kb.services import Services

PENDING = graph_name("pending")
ATTEMPTS = 3
ADMIN_KINDS = frozenset({"kb-change"})
# A domain event changes a few dozen statements; a raw change at most what MAX_CHANGED_NODES nodes hold. A diff
# past this is a defect of an effect query (or an abuse), never a decision: it is refused, not applied.
MAX_DIFF = 20_000


def quads_of(graph: Graph, into: ox.NamedNode) -> list[ox.Quad]:
    """The triples of an rdflib graph as quads of the graph ``into``."""
    terms: Any = [(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]
    return [ox.Quad(s, p, o, into) for s, p, o in terms]


class Gate:
    def __init__(self, services: Services, log: BaseChangeLog) -> None:
        self.services = services
        self.log = log
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- what the gate reads once
    @cached_property
    def effects(self) -> Catalog:
        return Catalog.load(self.services.settings.queries_dir / "changes")

    @cached_property
    def kinds(self) -> dict[str, URIRef]:
        """The kinds of change event and their classes, from the ontology."""
        rows = self.services.history.baseline.select(self.effects.get("change-kinds").text)
        return {str(r["kind"].value): URIRef(str(r["class"].value)) for r in rows}  # type: ignore[union-attr]

    @cached_property
    def shapes(self) -> Graph:
        shapes = Graph()
        for path in sorted((self.services.settings.shapes_dir / "changes").glob("*.ttl")):
            shapes.parse(path, format="turtle")
        return shapes

    @cached_property
    def post_checks(self) -> PostChecks:
        schema = self.services.schema
        catalog = Catalog.load(self.services.settings.queries_dir / "checks")
        return PostChecks(schema.kb_shapes, schema.class_hierarchy, catalog)

    def warm(self) -> None:
        _ = self.effects, self.kinds, self.shapes, self.post_checks

    # ---------------------------------------------------------------- entry points
    def submit(
        self, data: bytes, fmt: InputFormat, agent: Agent, if_match: int | None = None
    ) -> ChangeRecord:
        doc = documents.read(data, fmt, self.services.schema.context, self.kinds)
        self._authorize(doc, agent)
        with self._lock:
            for _attempt in range(ATTEMPTS):
                try:
                    return self._accept(doc, agent, if_match)
                except PreconditionFailedError:
                    if if_match is not None:
                        raise
            raise PreconditionFailedError(
                f"other writers kept moving the KB on while this change was checked ({ATTEMPTS} tries); retry"
            )

    def revert(
        self, change_id: str, agent: Agent, extra: dict[str, Any], if_match: int | None = None
    ) -> ChangeRecord:
        """A new change undoing ``change_id``: its additions removed, its removals put back."""
        target = self.log.get(change_id)
        doc: dict[str, Any] = {
            "kind": "revert",
            "effective": extra.get("effective", target.effective.isoformat()),
            "data": {"change_id": change_id},
        }
        doc.update({k: v for k, v in extra.items() if k in ("id", "authority", "note")})
        return self.submit(json.dumps(doc).encode("utf-8"), InputFormat.JSON, agent, if_match)

    def _authorize(self, doc: documents.ChangeDocument, agent: Agent) -> None:
        if self.log.exists(doc.id):
            raise ConflictError(f"a change with id {doc.id!r} was already accepted: a change is applied once")
        if not agent.is_admin and ADMIN_KINDS.intersection(doc.kinds):
            raise ForbiddenError(
                f"only an admin token may make a {doc.kind} change; {agent.name} is an editor"
            )
        for event, kind in zip(doc.events, doc.kinds, strict=True):
            if kind != "revert":
                continue
            target = self.log.get(str(doc.graph.value(event, ITUT.revertsChange)))
            if target.agent != agent.name and not agent.is_admin:
                raise ForbiddenError(
                    f"change {target.id} was made by {target.agent}: an editor reverts only their own changes"
                )
            reverted_by = self.log.reverted_by(target.id)
            if reverted_by is not None:
                raise ConflictError(f"change {target.id} was already reverted by change {reverted_by}")

    # ---------------------------------------------------------------- one attempt
    def _accept(self, doc: documents.ChangeDocument, agent: Agent, if_match: int | None) -> ChangeRecord:
        history = self.services.history
        head = history.head()
        if if_match is not None and if_match != head:
            raise PreconditionFailedError(f"If-Match: {if_match}, but the KB is at version {head}")
        today = date.today()
        effective = doc.effective or today
        key = history.key(head, max(effective, BASELINE_DATE))
        view = self.services.view(head, key.as_of)
        before = history.kb(key).store  # the state built in this process (a remote store's too)
        extra, readings = enrich(
            doc, view.ownership.owner, today, self.services.settings.max_effective_ahead_days
        )
        store = copy_store(before)
        store.extend(quads_of(doc.graph, PENDING))
        store.extend(quads_of(extra, PENDING))
        checked = Graph()
        checked += doc.graph
        checked += extra
        results = []
        diff = Diff()
        change = ox.NamedNode(str(doc.node))
        graph = provenance.change_graph(doc.id)
        for k, (event, kind) in enumerate(zip(doc.events, doc.kinds, strict=True)):
            focus = [doc.node, event] if k == 0 else [event]
            report = run_shacl(store, retargeted(self.shapes, checked, focus))
            results += findings(report, self.shapes, checked, self.kinds.values())
            if any(f.severity == "Violation" for f in results):
                break
            self._apply(store, diff, kind, event, change, graph, readings)
        if any(f.severity == "Violation" for f in results):
            raise ChangeRejectedError(_summary(results), ValidationReport(doc.kind, results, report))
        if len(diff.added) + len(diff.removed) > MAX_DIFF:
            message = (
                f"The change would add {len(diff.added)} and remove {len(diff.removed)} statements, more than "
                f"the {MAX_DIFF} a change may touch; split it."
            )
            finding = Finding(str(doc.node), "Violation", None, message, message, None, None, None, None)
            raise ChangeRejectedError(message, ValidationReport(doc.kind, [finding], Graph()))
        store.remove_graph(PENDING)
        pending = self._pending(doc, agent, diff)
        record = ChangeRecord(head + 1, **pending.__dict__)
        store.extend(provenance.quads(record))
        history.reinfer(store)
        raw = "kb-change" in doc.kinds
        problems = self.post_checks.run(store, before, diff.touched(), raw)
        later = [r for r in self.log.records(0, head) if r.effective > effective]
        if later and not problems:
            latest = history.build(later, copy_store(store))
            latest_before = history.kb(history.key(head, date.max)).store
            problems = self.post_checks.run(latest.store, latest_before, diff.touched(), raw)
        if problems:
            raise ChangeRejectedError(_summary(problems), ValidationReport(doc.kind, problems, Graph()))
        record = self.log.append(pending, head)
        if not later and key.as_of >= effective:
            history.remember(history.key(record.version, key.as_of), store)
        return record

    def _apply(
        self,
        store: ox.Store,
        diff: Diff,
        kind: str,
        event: URIRef,
        change: ox.NamedNode,
        graph: ox.NamedNode,
        readings: Readings,
    ) -> None:
        node = ox.NamedNode(str(event))
        if kind == "revert":
            target = self.log.get(str(self._value(store, node, ITUT.revertsChange)))
            undo = [ox.Triple(q.subject, q.predicate, q.object) for q in diff_quads(target.added)]
            apply_event(
                store, self.effects, diff, kind, node, change, graph, undo, diff_quads(target.removed)
            )
            return
        extra_adds = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in readings.adds.get(event, [])]
        adds = apply_event(
            store, self.effects, diff, kind, node, change, graph, readings.removes.get(event, []), extra_adds
        )
        if event in readings.scopes:
            entry = next(
                t.subject for t in adds if t.object == ox.NamedNode(str(ITUT.ResponsibilityAssignment))
            )
            out = GraphWriter()
            assert isinstance(entry, ox.NamedNode)
            entry_node = URIRef(entry.value)

            def typed(node: URIRef) -> None:
                out.link(node, RDF.type, ITUT.ResponsibilityScope)
                out.link(node, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy"), URIRef(change.value))

            add_scopes(out, entry_node, readings.scopes[event], typed)
            diff.add(store, quads_of(out.graph, graph))

    @staticmethod
    def _value(store: ox.Store, subject: ox.NamedNode, predicate: URIRef) -> str:
        quad = next(store.quads_for_pattern(subject, ox.NamedNode(str(predicate)), None, PENDING))
        assert isinstance(quad.object, ox.Literal)
        return quad.object.value

    def _pending(self, doc: documents.ChangeDocument, agent: Agent, diff: Diff) -> Pending:
        reverts = [
            str(doc.graph.value(e, ITUT.revertsChange))
            for e, k in zip(doc.events, doc.kinds, strict=True)
            if k == "revert"
        ]
        return Pending(
            id=doc.id,
            kind=doc.kind,
            effective=doc.effective or date.today(),
            recorded_at=now(),
            agent=agent.name,
            authority=doc.authority,
            document=doc.source,
            event=ntriples(ox.Triple(q.subject, q.predicate, q.object) for q in quads_of(doc.graph, PENDING)),
            added=nquads(diff.added),
            removed=nquads(diff.removed),
            reverts=reverts[0] if reverts else None,
        )


def _summary(results: list[Any]) -> str:
    violations = [r for r in results if r.severity == "Violation"]
    first = violations[0].message_en if violations else ""
    return f"the change was not applied: {len(violations)} violation(s); first: {first}"
