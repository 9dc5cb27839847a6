"""Operative clauses that address nobody, on purpose: ``data/curated/unaddressed_clauses.tsv``.

An operative clause (an item of instructs, invites, requests, encourages …, or a resolves item that opens
with an instruction: "鼓励…", "请…") names whom it addresses; the few that name no one ("鼓励采取必要的措施")
are listed in the curated file (columns: document, clause key, reason) and get ``itut:noAddresseeReason``.
The check ``unaddressed-operative-clause`` reports any other operative clause without an addressee. A row
for a clause the KB does not have, or for one that has an addressee, stops the build.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import URIRef

from itut_kb import namespaces as ns
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

UNADDRESSED_FILE = "unaddressed_clauses.tsv"


class UnaddressedCurationError(ValueError):
    """A row of the curated file that does not match the KB."""


def add_unaddressed(out: GraphWriter, path: Path) -> list[URIRef]:
    """Give each listed clause of ``out`` its reason; the clauses."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if not r["document"].startswith("#")]
    clauses = []
    for row in rows:
        clause = ns.part(ns.iri(*row["document"].split("/")), "clause", row["clause_key"])
        if (clause, ITUT.clauseOf, None) not in out.graph:
            raise UnaddressedCurationError(f"{path.name}: no clause {clause}")
        if (clause, ITUT.addressee, None) in out.graph:
            raise UnaddressedCurationError(f"{path.name}: {clause} has an addressee; remove its row")
        out.en(clause, ITUT.noAddresseeReason, row["reason"])
        clauses.append(clause)
    return clauses
