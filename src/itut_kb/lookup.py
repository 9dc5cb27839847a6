"""Entity lookups as plain JSON-ready dicts: the service behind `itut-kb show/list/stats` and the lookup API.

Every fact comes from a named query in ``queries/lookup/``; this module only shapes rows into objects.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from itut_kb.catalog import Catalog
from itut_kb.errors import NotFoundError
from itut_kb.store import KnowledgeBase, Term

if TYPE_CHECKING:
    from itut_kb.ownership import Ownership

_XSD = "http://www.w3.org/2001/XMLSchema#"
JSON = dict[str, Any]


def value(term: Term | None) -> Any:
    """A term as a JSON value: integers and booleans typed, IRIs and other literals as strings."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == _XSD + "integer":
            return int(term.value)
        if datatype == _XSD + "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def provenance(row: JSON) -> JSON:
    """Where an entity comes from: its source lines, or the accepted change that created it."""
    out: JSON = {"source_lines": [row["first"], row["last"]] if "first" in row else None}
    if "change" in row:
        out["created_by_change"] = row["change"]
    return out


def _row(row: dict[str, Term]) -> JSON:
    return {k: value(v) for k, v in row.items()}


class Lookup:
    """Named-query lookups over one KB."""

    def __init__(self, kb: KnowledgeBase, catalog: Catalog) -> None:
        self.kb = kb
        self.catalog = catalog

    def rows(self, name: str, **params: str) -> list[JSON]:
        return [_row(r) for r in self.catalog.run(self.kb, name, **params)]

    # ------------------------------------------------------------------ resolutions
    def resolution(self, number: str) -> JSON:
        rows = self.rows("resolution", number=number)
        if not rows:
            raise NotFoundError(f"no Resolution {number} in the KB")
        return self._resolution(rows[0])

    def resolutions(self, status: str | None = None, revised: bool | None = None) -> list[JSON]:
        """The Resolutions in force; with ``status`` (new, revised, unchanged), only those of that WTSA-24
        status; with ``revised``, only those WTSA-24 revised (True) or did not (False)."""
        params = {} if status is None else {"status": status}
        if revised is not None:
            params["revised"] = str(revised).lower()
        return [self._resolution({**r, "abrogated": False}) for r in self.rows("resolutions", **params)]

    def _resolution(self, row: JSON) -> JSON:
        from itut_kb.record import adopted, decision_json

        history = self.rows("revision-history", number=str(row["num"]))
        decisions = [decision_json(d) for d in self.rows("decisions-on", resolution=str(row["num"]))]
        return {
            "number": row["num"],
            "iri": row["number"],
            "title_zh": row["title"],
            "heading_zh": row["heading"],
            "status": "abrogated" if row["abrogated"] else "in_force",
            "wtsa24_status": row.get("statusCode"),
            "revised_at_wtsa24": row["revised"],
            "history": [
                {"year": h["year"], "city_zh": h.get("city"), "note_zh": h.get("note")} for h in history
            ],
            "adopted": adopted(decisions),  # the Assembly's record (Part VI): when WTSA-24 approved it
            "decisions": decisions,
            "source_file": row["file"],
            "source_lines": [row["first"], row["last"]],
        }

    # ------------------------------------------------------------------ questions
    def question(self, question_id: str) -> JSON:
        rows = self.rows("question", id=question_id)
        if not rows:
            raise NotFoundError(f"no Question {question_id} in the KB")
        return self._question(rows[0])

    def questions(self, study_group: str | None = None) -> list[JSON]:
        """The Questions; with ``study_group`` (SG17), that group's only (a malformed id is an error)."""
        params = {} if study_group is None else {"study_group": study_group}
        return [self._question(r) for r in self.rows("questions", **params)]

    @staticmethod
    def _question(row: JSON) -> JSON:
        return {
            "id": row["num"],
            "iri": row["id"],
            "provisional_id": row.get("provisional"),
            "study_group": row["group"],
            "title_zh": row["title"],
            **({"title_en": row["titleEn"]} if "titleEn" in row else {}),
            **provenance(row),
        }

    # ------------------------------------------------------------------ groups
    def study_group(self, group_id: str) -> JSON:
        rows = self.rows("group", group=group_id)
        if not rows:
            raise NotFoundError(f"no group {group_id} in the KB")
        posts = self.rows("posts-of-group", group=group_id)
        chairs = [self._holder(p) for p in posts if p["role"] == "chair"]
        return {
            "id": rows[0]["id"],
            "title_zh": rows[0]["title"],
            "lead_roles": [r["text"] for r in self.rows("lead-roles-of-group", group=group_id)],
            "questions": [q["num"] for q in self.rows("questions-of-group", group=group_id)],
            "chair": chairs[0] if chairs else None,
            "vice_chairs": [self._holder(p) for p in posts if p["role"] == "vice-chair"],
            "source_lines": [rows[0]["first"], rows[0]["last"]],
            "responsibilities": self._ownership.responsibilities_of(group_id),
        }

    @cached_property
    def _ownership(self) -> Ownership:
        """Res. 2 Annex C as data (imported here: itut_kb.ownership builds on this module)."""
        from itut_kb.ownership import Ownership

        return Ownership(self.kb, self.catalog)

    def study_groups(self) -> list[JSON]:
        return [self.study_group(r["id"]) for r in self.rows("study-groups")]

    @staticmethod
    def _holder(post: JSON) -> JSON:
        """A post's holder: the name without its honorific, the honorific and the name as printed, the
        member state (Chinese name, ISO 3166-1 codes, English short name); all None for a vacancy."""
        return {
            "name": post.get("holder"),
            "honorific_zh": post.get("honorific"),
            "printed_name": post.get("printed"),
            "member_state_zh": post.get("state"),
            "member_state_alpha2": post.get("alpha2"),
            "member_state_alpha3": post.get("alpha3"),
            "member_state_en": post.get("stateEn"),
            "post_zh": post["roleLabel"],
            **({"appointed_by_change": post["change"]} if "change" in post else {}),
        }

    # ------------------------------------------------------------------ actions, stats
    def actions(self) -> list[JSON]:
        return [
            {
                "number": r["num"],
                "iri": r["action"],
                "text_zh": r["text"],
                "source_lines": [r["first"], r["last"]],
            }
            for r in self.rows("actions")
        ]

    def stats(self) -> dict[str, int]:
        counts = {r["key"]: r["count"] for r in self.rows("stats")}
        counts["a_series_recommendations"] = len(self.rows("a-series"))
        counts["triples"] = len(self.kb)
        return dict(sorted(counts.items()))

    # ------------------------------------------------------------------ recommendations, search (issue 4)
    def recommendation(self, rec_id: str) -> JSON:
        rows = self.rows("recommendation", id=rec_id)
        if not rows:
            raise NotFoundError(f"no Recommendation {rec_id} in the KB")
        row = rows[0]
        return {
            "number": row["num"],
            "iri": row["id"],
            "series": row["series"],
            "title_zh": row.get("title"),
            "cited_by": [
                {
                    "iri": c["citing"],
                    "where": c.get("where"),
                    "document": c.get("document"),
                    "document_label_zh": c.get("documentLabel"),
                }
                for c in self.rows("citations-of-recommendation", id=rec_id)
            ],
            "source_file": row.get("file"),
            "source_lines": [row["first"], row["last"]] if "first" in row else None,
        }

    def search(self, text: str) -> list[JSON]:
        """Entities whose number, title or label contains ``text``, then clauses whose text does."""
        return [
            {"kind": r["kind"], "iri": r["entity"], "label": r.get("label"), "matched": r.get("matched")}
            for r in self.rows("search", q=text)
        ]
