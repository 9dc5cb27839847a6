"""`itut-kb check`: the whole KB against the SHACL shapes, the `*-violation` queries and (optionally) HermiT.

SHACL runs with pySHACL on an in-memory rdflib graph of the ontology plus the KB (SHACL Core only:
the cross-entity checks are SPARQL queries on the store, which is far faster than SHACL-SPARQL).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase, kb_files


@dataclass(frozen=True)
class Finding:
    check: str  # the shape's source or the violation query's name
    severity: str  # Violation | Warning | Info
    focus: str
    message: str
    path: str | None = None


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def ok(self) -> bool:
        return not self.violations

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "violations": len(self.violations),
            "warnings": sum(f.severity == "Warning" for f in self.findings),
            "checks": self.checks_run,
            "findings": [f.__dict__ for f in self.findings],
        }

    def as_text(self) -> str:
        lines = [
            f"{f.severity}: [{f.check}] {f.focus} {f.path or ''} {f.message}".rstrip() for f in self.findings
        ]
        lines.append(
            f"{len(self.checks_run)} checks, {len(self.violations)} violations, "
            f"{len(self.findings) - len(self.violations)} warnings"
        )
        return "\n".join(lines)


def load_graph(files: list[Path]) -> Graph:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def shapes_graph(settings: Settings) -> Graph:
    return load_graph(sorted(settings.shapes_dir.glob("*.ttl")))


def shacl_findings(data: Graph, shapes: Graph) -> list[Finding]:
    """Validate ``data`` (which must include the ontology's class hierarchy) against ``shapes``."""
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    findings = []
    for top in report.objects(None, SH.result):
        # a failed sh:node is reported once with its reasons as sh:detail: report the reasons
        for result in list(report.objects(top, SH.detail)) or [top]:
            findings.append(_finding(report, result))
    return sorted(findings, key=lambda f: (f.severity, f.check, f.focus))


def _finding(report: Graph, result: Node) -> Finding:
    messages = [m for m in report.objects(result, SH.resultMessage) if getattr(m, "language", None) == "en"]
    message = messages[0] if messages else report.value(result, SH.resultMessage)
    path = report.value(result, SH.resultPath)
    return Finding(
        check=str(report.value(result, SH.sourceShape)),
        severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        focus=str(report.value(result, SH.focusNode)),
        message=str(message),
        path=str(path) if path is not None else None,
    )


def violation_query_findings(
    kb: KnowledgeBase, catalog: Catalog, progress: Callable[[str], None] = lambda _step: None
) -> list[Finding]:
    """One finding per row: a Violation from ``*-violation.rq``, a Warning from ``*-warning.rq``."""
    findings = []
    for name, query in sorted(catalog.queries.items()):
        progress(f"query {name}")
        severity = "Warning" if query.path.stem.endswith("-warning") else "Violation"
        for row in kb.select(query.text):
            cells = {k: value(v) for k, v in row.items()}
            focus = str(next(iter(cells.values()), ""))
            findings.append(Finding(name, severity, focus, f"{query.summary} {cells}"))
    return findings


def check_steps(settings: Settings, reasoner: bool = False) -> int:
    """How many steps ``run_checks`` reports to its ``progress`` (for a progress bar)."""
    return 1 + len(list((settings.queries_dir / "checks").glob("*.rq"))) + (1 if reasoner else 0)


def run_checks(
    settings: Settings, reasoner: bool = False, progress: Callable[[str], None] = lambda _step: None
) -> Report:
    """Every check of the KB; ``progress`` hears of each step as it starts (see ``check_steps``)."""
    report = Report()
    files = [path for _part, path in kb_files(settings)]
    progress(f"SHACL shapes over {len(files)} KB files")
    report.findings += shacl_findings(load_graph(files), shapes_graph(settings))
    report.checks_run.append("shacl")
    catalog = Catalog.load(settings.queries_dir / "checks")
    report.findings += violation_query_findings(KnowledgeBase.load(settings), catalog, progress)
    report.checks_run += sorted(catalog.queries)
    if reasoner:
        from itut_kb.reasoner import consistency_problems

        progress("OWL reasoner (HermiT on Java)")
        report.findings += [Finding("owl-reasoner", "Violation", "", p) for p in consistency_problems(files)]
        report.checks_run.append("owl-reasoner")
    return report
