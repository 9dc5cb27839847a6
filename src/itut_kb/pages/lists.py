"""The home page, search results, the browse lists (Resolutions by WTSA-24 status, study groups, Questions by
group, Member States with their posts, actions) and the deadline calculator.

Lists carry their rows (CSV); their facts come from named queries through Lookup and the rules engine.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from itut_kb.errors import InvalidParameterError
from itut_kb.pages import JSON, Page

if TYPE_CHECKING:
    from itut_kb.services import KbView

STATUSES = ("new", "revised", "unchanged")
SEARCH_LIMIT = 200


def home(view: KbView) -> Page:
    stats = view.lookup.stats()
    groups = [
        {"id": g["id"], "iri": g["group"], "title_zh": g["title"]} for g in view.lookup.rows("study-groups")
    ]
    return Page("home", "itut-kb", {"stats": stats, "study_groups": groups, "version": view.version})


def search(view: KbView, text: str) -> Page:
    text = text.strip()
    if not 0 < len(text) <= 100:
        raise InvalidParameterError("a search is a non-empty text of at most 100 characters")
    found = view.lookup.search(text)
    kinds = Counter(r["kind"] for r in found)
    rows = [{"kind": r["kind"], "iri": r["iri"], "label": r["label"], "matched": r["matched"]} for r in found]
    data: JSON = {
        "q": text,
        "total": len(rows),
        "kinds": dict(kinds),
        "shown": min(len(rows), SEARCH_LIMIT),
    }
    return Page("search", text, data, rows=rows[:SEARCH_LIMIT], columns=["kind", "iri", "label", "matched"])


def resolutions(view: KbView, status: str | None) -> Page:
    """The Resolutions in force; ``status`` new, revised or unchanged at WTSA-24 (the KB's own status where it
    states one, else "revised" or not from itut:revisedAtWTSA24)."""
    if status is not None and status not in STATUSES:
        raise InvalidParameterError(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
    rows = []
    for r in view.lookup.resolutions():
        wtsa24 = r.get("wtsa24_status") or ("revised" if r["revised_at_wtsa24"] else None)
        rows.append(
            {
                "number": r["number"],
                "iri": r["iri"],
                "title_zh": r["title_zh"],
                "heading_zh": r["heading_zh"],
                "wtsa24_status": wtsa24,
                "revised_at_wtsa24": r["revised_at_wtsa24"],
                "last_revision": _last(r["history"]),
            }
        )
    counts = Counter(r["wtsa24_status"] or "not revised" for r in rows)
    if status is not None:
        rows = [r for r in rows if _matches(r, status)]
    data: JSON = {
        "status": status,
        "counts": dict(counts),
        "statuses_known": any(r["wtsa24_status"] in {"new", "unchanged"} for r in rows),
    }
    columns = [
        "number",
        "iri",
        "title_zh",
        "heading_zh",
        "wtsa24_status",
        "revised_at_wtsa24",
        "last_revision",
    ]
    return Page("resolutions", "Resolutions", data, rows=rows, columns=columns)


def _matches(row: JSON, status: str) -> bool:
    if row["wtsa24_status"] is not None:
        return bool(row["wtsa24_status"] == status)
    return status != "revised"  # the KB says only "not revised": new or unchanged


def _last(history: list[JSON]) -> str | None:
    if not history:
        return None
    last = history[-1]
    return f"{last['year']}" + (f" {last['city_zh']}" if last.get("city_zh") else "")


def study_groups(view: KbView) -> Page:
    rows = []
    for g in view.lookup.study_groups():
        chair = g["chair"] or {}
        rows.append(
            {
                "id": g["id"],
                "iri": f"https://w3id.org/itut-kb/id/group/{g['id']}",
                "title_zh": g["title_zh"],
                "chair": chair.get("name"),
                "chair_member_state_zh": chair.get("member_state_zh"),
                "vice_chairs": len(g["vice_chairs"]),
                "questions": len(g["questions"]),
                "lead_roles": len(g["lead_roles"]),
            }
        )
    columns = list(rows[0]) if rows else []
    return Page("study_groups", "Study groups", {"total": len(rows)}, rows=rows, columns=columns)


def questions(view: KbView, group: str | None) -> Page:
    rows = [
        {
            "id": q["id"],
            "iri": q["iri"],
            "provisional_id": q["provisional_id"],
            "study_group": q["study_group"],
            "title_zh": q["title_zh"],
        }
        for q in view.lookup.questions(group.upper() if group else None)
    ]
    groups = [g["id"] for g in view.lookup.rows("study-groups")]
    data: JSON = {"study_group": group.upper() if group else None, "groups": groups, "total": len(rows)}
    columns = ["id", "iri", "provisional_id", "study_group", "title_zh"]
    return Page("questions", "Questions", data, rows=rows, columns=columns)


def member_states(view: KbView) -> Page:
    rows = [
        {
            "name_zh": r["name"],
            "iri": r["state"],
            "chairs": r["chairs"],
            "vice_chairs": r["viceChairs"],
            "posts": r["posts"],
        }
        for r in view.lookup.rows("member-states-posts")
    ]
    columns = ["name_zh", "iri", "chairs", "vice_chairs", "posts"]
    return Page("member_states", "Member States", {"total": len(rows)}, rows=rows, columns=columns)


def actions(view: KbView) -> Page:
    rows = [{"number": a["number"], "iri": a["iri"], "text_zh": a["text_zh"]} for a in view.lookup.actions()]
    return Page(
        "actions", "WTSA-24 actions", {"total": len(rows)}, rows=rows, columns=["number", "iri", "text_zh"]
    )


def deadlines(view: KbView, case: JSON | None) -> Page:
    """The deadline calculator: the kinds of case, their dates and conditions; with a case, the rules that apply
    and their dates (the rules engine, as `itut-kb rules`)."""
    vocabulary = view.rules.vocabulary()
    answer: dict[str, Any] | None = view.rules.apply(case) if case else None
    data: JSON = {"vocabulary": vocabulary, "case": case, "answer": answer}
    rows = None
    if answer is not None:
        rows = [
            {
                "id": r["id"],
                "source": r["source"],
                "date": r.get("date"),
                "date_is": r.get("date_is"),
                "status": r.get("status"),
                "summary_en": r.get("summary_en"),
                "text_zh": r.get("text_zh"),
                "clause": r.get("clause"),
            }
            for r in answer["rules"]
        ]
    columns = ["id", "source", "date", "date_is", "status", "summary_en", "text_zh", "clause"]
    return Page("deadlines", "Deadlines", data, rows=rows, columns=columns)
