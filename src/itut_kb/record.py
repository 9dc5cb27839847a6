"""The Assembly's record (Part VI) as plain JSON: meetings, decisions, the decision history of a text.

The service behind `itut-kb show meeting N`, `itut-kb list meetings`, the ``decisions`` and ``adopted`` keys of
`show resolution N` and the routes under /api/assembly. Every fact comes from a named query in
``queries/lookup/``; this module only resolves names and shapes rows.

A text is named the way the record names it: a Resolution's number ("2", "Resolution 2", "Res. 2"), a
Recommendation's ("A.25"), or a new Resolution's provisional name ("NG", "COM4/VC").
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from itut_kb import namespaces as ns
from itut_kb.catalog import Catalog
from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.lookup import JSON, value
from itut_kb.store import KnowledgeBase

_RESOLUTION = re.compile(r"^(?:res(?:olution)?\.?\s*)?(?P<n>\d{1,3})$", re.IGNORECASE)
_RECOMMENDATION = re.compile(r"^(?:ITU-T\s*)?(?P<n>[A-Z]\.\d+(?:\.\d+)*(?:bis)?)$")
_PROVISIONAL = re.compile(r"^[A-Za-z][A-Za-z0-9/\-]{0,19}$")


def decision_json(row: JSON) -> JSON:
    """One row of ``decisions-on`` as the decision history of a text."""
    return {
        "kind": row["kind"],
        "body": row["body"],
        "meeting": row.get("meeting"),
        "date": row.get("date"),
        "item": row.get("item"),
        "mark": row.get("mark"),
        "batch": row.get("batch"),
        "batch_document": row.get("batchDocument"),
        "provisional_name": row.get("provisionalName"),
        "documents": row["documents"].split(", ") if row.get("documents") else [],
        "output_document": row.get("output"),
        "text_zh": row["text"],
        "iri": row["decision"],
    }


def adopted(history: list[JSON]) -> JSON | None:
    """The plenary's approval among a text's decisions: when, at which meeting and item, in which batch
    (and the document of the batch) it was adopted, and as what: ``kind`` ADD (new) or MOD (revised)."""
    for decision in history:
        if decision["kind"] == "approval" and decision["body"] == "plenary":
            keys = ("date", "meeting", "item", "batch", "batch_document", "provisional_name", "iri")
            return {"kind": decision["mark"], **{k: decision[k] for k in keys}}
    return None


class RecordLookup:
    """Named-query lookups over the Assembly's record."""

    def __init__(self, kb: KnowledgeBase, catalog: Catalog) -> None:
        self.kb = kb
        self.catalog = catalog

    def rows(self, name: str, **params: str) -> list[JSON]:
        return [{k: value(v) for k, v in r.items()} for r in self.catalog.run(self.kb, name, **params)]

    # ------------------------------------------------------------------ meetings
    def meetings(self) -> list[JSON]:
        return [self._meeting_summary(r) for r in self.rows("assembly-meetings")]

    def meeting(self, number: str) -> JSON:
        """One plenary meeting with its items and decisions."""
        if not re.fullmatch(r"\d{1,2}", number.strip()):
            raise InvalidParameterError(f"a plenary meeting is named by its number, 1 to 4; got {number!r}")
        rows = self.rows("meeting", number=number.strip())
        if not rows:
            raise NotFoundError(f"no plenary meeting {number} in the record")
        row = rows[0]
        return {
            "number": row["number"],
            "iri": row["meeting"],
            "label_zh": row["label"],
            "date": row["date"],
            "start": row.get("start"),
            "end": row.get("end"),
            "chair": {"name": row.get("chair"), "member_state_zh": row.get("chairState")},
            "opened_by_zh": row.get("openedBy"),
            "report_document": row.get("report"),
            "note_zh": row.get("note"),
            "items": [
                {"number": i["itemNumber"], "title_zh": i["title"], "decisions": i["decisions"]}
                for i in self.rows("meeting-items", number=number.strip())
            ],
            "decisions": [
                self._plenary_decision(d) for d in self.rows("plenary-decisions", meeting=number.strip())
            ],
            "source_file": row["file"],
            "source_lines": [row["first"], row["last"]],
        }

    @staticmethod
    def _meeting_summary(row: JSON) -> JSON:
        return {
            "iri": row["meeting"],
            "body": row["body"],
            "number": row["number"],
            "label_zh": row["label"],
            "date": row["date"],
            "start": row.get("start"),
            "end": row.get("end"),
            "times": row.get("times"),
            "chair": row.get("chair"),
            "report_document": row.get("report"),
            "decisions": row["decisions"],
            "source_lines": [row["first"], row["last"]],
        }

    @staticmethod
    def _plenary_decision(row: JSON) -> JSON:
        return {
            "item": row["item"],
            "kind": row["kind"],
            "on": row.get("on"),
            "mark": row.get("mark"),
            "batch": row.get("batch"),
            "batch_document": row.get("batchDocument"),
            "documents": row["documents"].split(", ") if row.get("documents") else [],
            "approves": row["approves"],
            "text_zh": row["text"],
            "iri": row["decision"],
        }

    # ------------------------------------------------------------------ decisions
    def history(self, resolution: int | str) -> list[JSON]:
        """The decisions on one Resolution, committees' agreements first, then the plenary's approval."""
        return [decision_json(r) for r in self.rows("decisions-on", resolution=str(resolution))]

    def decisions(self, text: str | None = None) -> list[JSON]:
        """Every decision of the record; with ``text``, those on that text (see the module's docstring)."""
        params = {} if text is None else {"text": self.text_iri(text)}
        return [
            {
                "iri": r["decision"],
                "kind": r["kind"],
                "body": r["body"],
                "meeting": r.get("meeting"),
                "date": r.get("date"),
                "item": r["item"],
                "text": r.get("number"),
                "mark": r.get("mark"),
                "batch": r.get("batch"),
                "text_zh": r["statement"],
            }
            for r in self.rows("assembly-decisions", **params)
        ]

    def text_iri(self, text: str) -> str:
        """The IRI of the text named ``text``; 422 when it cannot be a name, 404 when nothing has it."""
        name = text.strip()
        resolution = _RESOLUTION.match(name)
        recommendation = _RECOMMENDATION.match(name)
        if resolution:
            iri = str(ns.resolution(int(resolution["n"])))
        elif recommendation:
            iri = str(ns.recommendation(recommendation["n"]))
        elif _PROVISIONAL.match(name):
            iri = self._provisional(name)
        else:
            raise InvalidParameterError(
                f"'text' names a Resolution (2), a Recommendation (A.25) or a provisional name (NG); got {text!r}"
            )
        if not self.kb.ask("ASK { ?s ?p ?o }", {"s": ox.NamedNode(iri)}):
            raise NotFoundError(f"no text {text!r} in the KB")
        return iri

    def _provisional(self, name: str) -> str:
        for row in self.rows("provisional-names"):
            printed = {row["notation"], *row.get("printedAs", "").split()}
            if name in printed and "/resolution/" in row["designates"]:
                return str(row["designates"])
        raise NotFoundError(f"no provisional name {name!r} in the record")
