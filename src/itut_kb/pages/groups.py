"""Group pages (a study group, TSAG, SCV) and the pages of their chair and vice-chair posts.

A group page: title and general area, chair and vice-chairs with names and Member States, Questions (number,
provisional number, title), lead roles, Annex C responsibilities in readable form (series, ranges, exceptions,
joint responsibility), and everything the Resolutions and actions instruct the group to do, by Resolution.
Named queries: ``group``, ``group-mandate``, ``posts-of-group``, ``questions-of-group``, ``lead-roles-of-group``,
``clauses-addressed-to``, ``actions-for-group``, ``post`` (and, through Ownership, ``responsibilities``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from itut_kb import namespaces as ns
from itut_kb.pages import JSON, Page, path_of, require

if TYPE_CHECKING:
    from itut_kb.services import KbView

ITUT = "https://w3id.org/itut-kb/ontology#"
KIND = {
    ITUT + "StudyGroup": "study-group",
    ITUT + "AdvisoryGroup": "tsag",
    ITUT + "VocabularyCommittee": "scv",
}


def group(view: KbView, iri: str) -> Page:
    group_id = path_of(iri).split("/")[1]
    lookup = view.lookup
    # the group id must be of a group's form (422 otherwise), and the group must exist (404)
    row = require(lookup.rows("group", group=group_id.upper()), f"group {group_id}")
    group_id = row["id"]
    posts = [_holder(p) for p in lookup.rows("posts-of-group", group=group_id)]
    mandate = lookup.rows("group-mandate", group=group_id)[0]
    data: JSON = {
        "iri": row["group"],
        "id": group_id,
        "kind": KIND.get(row["kind"], "group"),
        "title_zh": row["title"],
        "general_area": _text(mandate, "area"),
        "guidance": _text(mandate, "guidance"),
        "chair": next((p for p in posts if p["role"] == "chair"), None),
        "vice_chairs": [p for p in posts if p["role"] == "vice-chair"],
        "questions": [
            {"id": q["num"], "iri": q["q"], "provisional_id": q.get("provisional"), "title_zh": q["title"]}
            for q in lookup.rows("questions-of-group", group=group_id)
        ],
        "lead_roles": [
            {"iri": r["role"], "text_zh": r["text"]}
            for r in lookup.rows("lead-roles-of-group", group=group_id)
        ],
        "responsibilities": view.ownership.responsibilities_of(group_id),
        "instructions": _by_document(lookup.rows("clauses-addressed-to", addressee=group_id)),
        "actions": [
            {"number": a["num"], "iri": a["action"], "via": a["via"], "text_zh": a["text"]}
            for a in lookup.rows("actions-for-group", group=group_id)
        ],
        "source_lines": [row["first"], row["last"]],
    }
    described = view.entities.describe(row["group"])
    data["label"], data["label_en"] = described.label, described.english_label
    return Page("group", f"{described.label} · {row['title']}", data, subtitle=group_id, iri=row["group"])


def _text(row: JSON, prefix: str) -> JSON | None:
    if f"{prefix}Text" not in row:
        return None
    return {
        "iri": row[prefix],
        "title_zh": row.get(f"{prefix}Title"),
        "text_zh": row[f"{prefix}Text"],
        "source_lines": [row[f"{prefix}First"], row[f"{prefix}Last"]],
    }


def _holder(post: JSON) -> JSON:
    state = post.get("state")
    return {
        "iri": post["post"],
        "role": post["role"],
        "post_zh": post["roleLabel"],
        "name": post.get("holder"),
        "vacant": post.get("vacant", False),
        "member_state_zh": state,
        "member_state": str(ns.iri("member-state", state)) if state else None,
    }


def _by_document(rows: list[JSON]) -> list[JSON]:
    out: list[JSON] = []
    for r in rows:
        if not out or out[-1]["document"] != r["document"]:
            out.append(
                {
                    "document": r["document"],
                    "label": r["documentLabel"],
                    "number": r["documentNumber"],
                    "clauses": [],
                }
            )
        out[-1]["clauses"].append(
            {
                "iri": r["clause"],
                "key": r["key"],
                "block": r.get("block"),
                "heading_zh": r.get("heading"),
                "number": r.get("number"),
                "text_zh": r.get("text"),
                "via": r["via"],
            }
        )
    return out


def post(view: KbView, iri: str) -> Page:
    row = require(view.lookup.rows("post", post=iri), f"post {path_of(iri)}")
    data: JSON = {
        "iri": iri,
        "group": {"iri": row["group"], "id": row["groupId"], "title_zh": row.get("groupTitle")},
        "role": row["role"],
        "post_zh": row["roleLabel"],
        "name": row.get("holder"),
        "vacant": row.get("vacant", False),
        "member_state": {"iri": row["state"], "label_zh": row.get("stateLabel")} if "state" in row else None,
        "source_lines": [row["first"], row["last"]] if "first" in row else None,
    }
    title = f"{row['groupId']} {row['roleLabel']}" + (f" · {row['holder']}" if row.get("holder") else "")
    return Page("post", title, data, iri=iri)
