"""Document pages that read like the document: a Resolution, Opinion, A-series Recommendation or Supplement,
or a WTSA-24 action, with its history, what WTSA-24 did to it, then its blocks in source order (考虑到,
认识到, 做出决议, 责成 …) with their numbered items; each item with its addressees, its collaborators, the
texts it cites, its footnotes and figures (where the KB has them) and its source lines.

Named queries: ``document``, ``document-history``, ``document-clauses``, ``document-links``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from itut_kb.pages import JSON, Page, path_of, require

if TYPE_CHECKING:
    from itut_kb.services import KbView

KINDS = ("resolution", "opinion", "action", "supplement")  # IRI heads of documents (and recommendation/A.*)
LINK_KINDS = {
    "addressee": "addressees",
    "in-particular": "in_particular",
    "collaborator": "collaborators",
    "resolution": "cites_resolutions",
    "recommendation": "cites_recommendations",
    "footnote": "footnotes",
    "figure": "figures",
}


def document(view: KbView, iri: str) -> Page:
    data = document_data(view, iri)
    return Page("document", data["label"] or data["number"], data, subtitle=data.get("label_en"), iri=iri)


def document_data(view: KbView, iri: str) -> JSON:
    """The JSON of a document page (NotFoundError for an IRI that is no document of the KB)."""
    lookup = view.lookup
    row = require(lookup.rows("document", document=iri), f"document {path_of(iri)}")
    links = _links(lookup.rows("document-links", document=iri))
    clauses = lookup.rows("document-clauses", document=iri)
    history = lookup.rows("document-history", document=iri)
    own = links.get(iri, {})
    return {
        "iri": iri,
        "kind": row["kind"],
        "number": row.get("number"),
        "label": row.get("label"),
        "label_en": row.get("labelEn"),
        "title_zh": row.get("title"),
        "heading_zh": row.get("heading"),
        "abrogated": row.get("abrogated", False),
        "wtsa24": _wtsa24(row),
        "history": [{"year": h["year"], "city_zh": h.get("city"), "note_zh": h.get("note")} for h in history],
        # an action has no clauses: its text is the document's own, and so are its addressees
        "text_zh": _own_text(view, iri) if row["kind"] == "action" else None,
        **{name: own.get(name, []) for name in LINK_KINDS.values()},
        "blocks": _blocks(clauses, links),
        "source": _source(row),
    }


def _wtsa24(row: JSON) -> JSON:
    status = row.get("status")
    if status is None and row.get("revised") is not None:
        status = "revised" if row["revised"] else None
    return {
        "status": status,  # new | revised | unchanged (None where the KB does not say)
        "revised": row.get("revised"),
        "decision": row.get("approval"),  # the plenary's approval in the Assembly's record (Part VI)
        "approved_on": row.get("approvedOn"),
        "plenary": row.get("plenary"),
        "item": row.get("item"),
        "batch": row.get("batch"),
    }


def _own_text(view: KbView, iri: str) -> str | None:
    texts = [r["text"] for r in view.lookup.rows("actions") if r["action"] == iri]
    return texts[0] if texts else None


def _source(row: JSON) -> JSON | None:
    if "first" not in row:
        return None
    return {"file": row.get("file"), "lines": [row["first"], row["last"]]}


def _links(rows: list[JSON]) -> dict[str, dict[str, list[JSON]]]:
    """By clause (or the document itself): its links, by kind."""
    out: dict[str, dict[str, list[JSON]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        item: JSON = {"iri": r["target"], "label": r.get("label") or r.get("number") or path_of(r["target"])}
        if r.get("number") is not None:
            item["number"] = r["number"]
        if r["relation"] in {"footnote", "figure"} and r.get("text") is not None:
            item["text_zh"] = r["text"]
        out[r["source"]][LINK_KINDS[r["relation"]]].append(item)
    for by_kind in out.values():
        for items in by_kind.values():
            items.sort(key=_natural)
    return out


def _natural(item: JSON) -> tuple[Any, ...]:
    """Numbers in number order (第2号决议 before 第10号决议), then labels."""
    number = str(item.get("number") or "")
    digits = "".join(c if c.isdigit() else " " for c in number).split()
    return (*(int(d) for d in digits[:3]), str(item["label"]))


def _blocks(clauses: list[JSON], links: dict[str, dict[str, list[JSON]]]) -> list[JSON]:
    """Consecutive clauses of one block (and heading) form a block; depth follows the parent clauses."""
    depth: dict[str, int] = {}
    blocks: list[JSON] = []
    for row in clauses:
        parent = row.get("parent")
        depth[row["clause"]] = depth.get(parent, -1) + 1 if parent else 0
        key = (row.get("block"), row.get("heading"))
        if not blocks or (blocks[-1]["block"], blocks[-1]["heading_zh"]) != key:
            blocks.append({"block": key[0], "heading_zh": key[1], "clauses": []})
        own = links.get(row["clause"], {})
        title, text = row.get("title"), row.get("text")
        blocks[-1]["clauses"].append(
            {
                "iri": row["clause"],
                "key": row["key"],
                "number": row.get("number"),
                "title_zh": title,
                "text_zh": None if text == title else text,
                "depth": depth[row["clause"]],
                "where": row.get("where"),
                "source_lines": [row["first"], row["last"]],
                **{name: own.get(name, []) for name in LINK_KINDS.values()},
            }
        )
    return blocks
