"""The validation report: pySHACL's report graph read into findings, as JSON, text or Turtle.

Each finding has the shape's message in zh and en, the clause the shape checks (its ``rdfs:isDefinedBy``,
shown as e.g. "Res. 1 8.1.1"), the other clauses that say the same (its ``rdfs:seeAlso``) and its hint (``itut:hint``, en and zh); the findings are grouped by focus
node. Two things pySHACL does are repaired here: it drops the language of a SHACL-SPARQL message when it
fills in the message's variables, and it reports a failed ``sh:node`` once, with the reasons as details.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import Node

from itut_kb import namespaces as ns
from itut_kb.namespaces import ID, ITUT

JSON = dict[str, Any]
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_CJK = re.compile("[\u4e00-\u9fff]")
_DOCUMENTS = (("resolution/", "Res. "), ("recommendation/", ""), ("opinion/", "Opinion "))


def clause_label(iri: str) -> str:
    """'…/id/resolution/1/clause/7.1.5%E4%B9%8B%E4%BA%8C' -> 'Res. 1 7.1.5之二'; 'A.1 Annex A' for annexes."""
    path = iri.removeprefix(str(ID))
    document, _, key = path.partition("/clause/")
    for prefix, label in _DOCUMENTS:
        if document.startswith(prefix):
            document = label + document.removeprefix(prefix)
    key = unquote(key)
    for word in ("annex", "appendix"):
        if key.startswith(word + "-"):
            key = f"{word.capitalize()} {key.removeprefix(word + '-')}"
    return f"{document} {key}".strip()


@dataclass(frozen=True)
class Finding:
    focus: str
    severity: str
    path: str | None
    message_zh: str
    message_en: str
    source: str | None
    source_iri: str | None
    hint: str | None
    hint_zh: str | None
    value: str | None = None
    focus_label: str | None = None
    see_also: tuple[str, ...] = ()

    def as_json(self) -> JSON:
        shown = {"path", "source", "hint"}
        out = {k: v for k, v in self.__dict__.items() if k != "see_also" and (v is not None or k in shown)}
        return out | ({"see_also": list(self.see_also)} if self.see_also else {})


@dataclass
class ValidationReport:
    kind: str
    findings: list[Finding]
    report_graph: Graph
    notes: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when nothing is a violation (warnings and infos allowed)."""
        return not any(f.severity == "Violation" for f in self.findings)

    def as_json(self) -> JSON:
        counts = {s: sum(f.severity == s for f in self.findings) for s in SEVERITY_ORDER}
        focus_nodes: list[JSON] = []
        for finding in self.findings:
            if not focus_nodes or focus_nodes[-1]["focus"] != finding.focus:
                focus_nodes.append({"focus": finding.focus, "label": finding.focus_label, "results": 0})
            focus_nodes[-1]["results"] += 1
        return {
            "conforms": self.conforms,
            "kind": self.kind,
            "counts": {
                "violations": counts["Violation"],
                "warnings": counts["Warning"],
                "infos": counts["Info"],
            },
            "focus_nodes": focus_nodes,
            "results": [f.as_json() for f in self.findings],
            **({"notes": self.notes} if self.notes else {}),
        }

    def as_turtle(self) -> str:
        return self.report_graph.serialize(format="turtle")

    def as_text(self) -> str:
        lines = []
        for f in self.findings:
            where = " ".join(filter(None, [f.focus_label or f.focus, f.path]))
            sources = "; ".join([f.source or "-", *f.see_also])
            lines.append(f"{f.severity}: {where}: {f.message_en} [{sources}]")
            if f.hint:
                lines.append(f"    hint: {f.hint}")
        lines += [f"note: {n}" for n in self.notes]
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(f"{self.kind}: {verdict} ({len(self.findings)} results)")
        return "\n".join(lines)


def findings(
    report: Graph, shapes: Graph, data: Graph, submission_classes: Iterable[URIRef]
) -> list[Finding]:
    """The results of ``report`` (about ``data``, against ``shapes``), sorted by focus node and severity."""
    _tag_messages(report, shapes)
    labels = _focus_labels(data, submission_classes)
    out = [_finding(report, shapes, r, data, labels) for r in _results(report)]
    return sorted(out, key=lambda f: (f.focus, SEVERITY_ORDER.get(f.severity, 3), f.path or "", f.message_en))


def _finding(report: Graph, shapes: Graph, result: Node, data: Graph, labels: Mapping[Node, str]) -> Finding:
    focus = report.value(result, SH.focusNode)
    messages = {getattr(m, "language", None): str(m) for m in report.objects(result, SH.resultMessage)}
    fallback = messages.get(None) or next(iter(messages.values()), "")
    shape_nodes = [report.value(result, SH.sourceConstraint), report.value(result, SH.sourceShape)]
    source = _first(shapes, shape_nodes, RDFS.isDefinedBy)
    hints = {lang: _first(shapes, shape_nodes, ITUT.hint, lang) for lang in ("en", "zh")}
    value = report.value(result, SH.value)
    shown_value = None if value == focus else labels.get(value) if isinstance(value, BNode) else value
    assert focus is not None
    return Finding(
        focus=labels.get(focus, str(focus)),
        severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        path=_path(shapes, report.value(result, SH.resultPath), data),
        message_zh=messages.get("zh", messages.get("en", fallback)),
        message_en=messages.get("en", fallback),
        source=clause_label(str(source)) if source is not None else None,
        source_iri=str(source) if source is not None else None,
        hint=str(hints["en"]) if hints["en"] is not None else None,
        hint_zh=str(hints["zh"]) if hints["zh"] is not None else None,
        value=str(shown_value) if shown_value is not None else None,
        focus_label=_label(data, focus),
        see_also=tuple(
            sorted(
                {
                    clause_label(str(o))
                    for n in shape_nodes
                    if n is not None
                    for o in shapes.objects(n, RDFS.seeAlso)
                }
            )
        ),
    )


def with_prefixes(graph: Graph) -> Any:
    """The graph's namespace manager, with the KB's prefixes bound."""
    for prefix, namespace in ns.PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    return graph.namespace_manager


def _tag_messages(report: Graph, shapes: Graph) -> None:
    """pySHACL drops the language of a SHACL-SPARQL message when it fills in its variables: put it back.

    The language is that of the shape's message whose text, variables aside, the filled-in message matches
    (a value may be Chinese in an English message); failing that, a message with Chinese characters is zh."""
    for result, message in list(report.subject_objects(SH.resultMessage)):
        if not isinstance(message, Literal) or message.language is not None:
            continue
        lang = "zh" if _CJK.search(str(message)) else "en"
        for node in (report.value(result, SH.sourceConstraint), report.value(result, SH.sourceShape)):
            for template in shapes.objects(node, SH.message) if node is not None else ():
                pattern = re.escape(str(template))
                pattern = re.sub(r"\\\{\\[?$]\w+\\\}", ".*", pattern)
                language = getattr(template, "language", None)
                if language and re.fullmatch(pattern, str(message), re.S):
                    lang = language
        report.remove((result, SH.resultMessage, message))
        report.add((result, SH.resultMessage, Literal(str(message), lang=lang)))


def _results(report: Graph) -> list[Node]:
    """The report's results; a failed sh:node is replaced by its reasons (sh:detail)."""
    out = []
    for top in report.objects(None, SH.result):
        out += list(report.objects(top, SH.detail)) or [top]
    return out


def _first(
    shapes: Graph, nodes: list[Node | None], predicate: URIRef, lang: str | None = None
) -> Node | None:
    for node in nodes:
        for obj in shapes.objects(node, predicate) if node is not None else ():
            if lang is None or getattr(obj, "language", None) == lang:
                return obj
    return None


def _path(shapes: Graph, path: Node | None, data: Graph) -> str | None:
    if path is None:
        return None
    manager = with_prefixes(data)
    if isinstance(path, URIRef):
        return str(path.n3(manager))
    inverse = shapes.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return "^" + str(inverse.n3(manager))
    return "(a complex path)"


def _label(graph: Graph, node: Node) -> str | None:
    """A name for a focus node: its number, group id, title or label."""
    for predicate in (ITUT.number, ITUT.groupId, DCTERMS.title, RDFS.label):
        label = graph.value(node, predicate)
        if label is not None:
            return str(label)
    return None


def _focus_labels(graph: Graph, classes: Iterable[URIRef]) -> dict[Node, str]:
    """Blank submissions named _:submission-1, -2 … in a stable order (by their statements)."""
    blank = [s for cls in classes for s in graph.subjects(RDF.type, cls) if isinstance(s, BNode)]

    def signature(node: Node) -> str:
        return "\n".join(sorted(f"{p} {o}" for p, o in graph.predicate_objects(node)))

    return {node: f"_:submission-{i}" for i, node in enumerate(sorted(blank, key=signature), start=1)}
