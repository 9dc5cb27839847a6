"""Who is responsible for which Recommendation (Res. 2 Annex C), and the lead-study-group roles by topic.

The answer comes from the named query ``owner`` (queries/lookup/owner.rq): this module only parses the
identifier into its sort key and letter (:mod:`itut_kb.numbering`), binds them, and shapes the rows into
JSON. The entries' texts and provenance come from the named query ``responsibilities``, read once.

``owner("G.711")`` gives::

    {"recommendation": "G.711", "owners": ["SG21"], "joint": false, "conflict": false, "basis": [...]}

``owners``: the groups of the deciding scopes, each followed by the group it shares the scope with (the
entry's own group first: D.267 -> ["SG17", "SG3"], ``joint`` true). Scopes of two groups that do not say
they share them are a conflict in the source (Y.1501): both groups are given, by group number, with
``conflict`` true. No deciding scope (a B-series number): ``owners`` is empty.

A dual number given as input ("X.85/Y.1321") gets one combined answer of the same shape, plus
``numbers``: the answer for each of its numbers, in the order given. ``owners`` is the union of theirs,
``basis`` their deciding scopes, ``joint`` true when any is; ``conflict`` is true when any number's answer
is a conflict, or when the numbers do not fall to the same group(s): one Recommendation, two answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from itut_kb import numbering
from itut_kb.catalog import Catalog
from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase

JSON = dict[str, Any]
CLAUSE = "Res. 2 Annex C"
MAX_TOPIC = 100


@dataclass
class _Annex:
    """Res. 2 Annex C as read by the ``responsibilities`` query: entries and scopes by IRI, in source order."""

    entries: dict[str, JSON] = field(default_factory=dict)
    scopes: dict[str, JSON] = field(default_factory=dict)
    entry_of_scope: dict[str, str] = field(default_factory=dict)


class Ownership:
    """Ownership and lead-role lookups over one KB."""

    def __init__(self, kb: KnowledgeBase, catalog: Catalog) -> None:
        self.kb = kb
        self.catalog = catalog

    def _rows(self, name: str, **params: str) -> list[JSON]:
        return [{k: value(v) for k, v in row.items()} for row in self.catalog.run(self.kb, name, **params)]

    # ------------------------------------------------------------------ owner
    def owner(self, identifier: str) -> JSON:
        """The responsible group(s) of a Recommendation number, or of each number of a dual number
        (combined); InvalidParameterError if malformed."""
        return self._owner(numbering.parse_numbers(identifier))

    def owners(self, identifiers: Iterable[str]) -> list[JSON]:
        """:meth:`owner` of each identifier, in order; a malformed one gives ``{"recommendation", "error"}``."""
        answers: dict[tuple[str, ...], JSON] = {}
        out: list[JSON] = []
        for identifier in identifiers:
            try:
                numbers = numbering.parse_numbers(identifier)
            except InvalidParameterError as exc:
                out.append({"recommendation": identifier, "error": exc.message})
                continue
            keys = tuple(n.key for n in numbers)
            if keys not in answers:
                answers[keys] = self._owner(numbers)
            out.append(answers[keys])
        return out

    def _owner(self, numbers: tuple[numbering.RecNumber, ...]) -> JSON:
        answers = [self._answer(n.text, self._rows("owner", key=n.key, letter=n.letter)) for n in numbers]
        return answers[0] if len(answers) == 1 else _combined(answers)

    def _answer(self, number: str, rows: list[JSON]) -> JSON:
        annex = self._annex
        rows = sorted(rows, key=lambda r: self._order(r["scope"]))
        owners: list[str] = []
        shares: dict[str, set[str]] = {}
        for row in rows:
            for group in (row["groupId"], row.get("jointId")):
                if group and group not in owners:
                    owners.append(group)
            shares.setdefault(row["groupId"], set()).update(filter(None, [row.get("jointId")]))
        primaries = list(shares)
        conflict = any(
            b not in shares[a] and a not in shares[b]
            for i, a in enumerate(primaries)
            for b in primaries[i + 1 :]
        )
        if conflict:
            owners.sort(key=group_order)
        basis = []
        for row in rows:
            scope = annex.scopes[row["scope"]]
            entry = annex.entries[annex.entry_of_scope[row["scope"]]]
            basis.append(
                {
                    "group": row["groupId"],
                    "joint_with": scope["joint_with"],
                    "entry": entry["entry"],
                    "ordinal": entry["ordinal"],
                    "text_zh": entry["text_zh"],
                    "scope": scope["label"],
                    "kind": scope["kind"],
                    "specificity": scope["specificity"],
                    "dual_number": scope["dual_number"],
                    "provenance": entry["provenance"],
                    "notes_zh": entry["notes_zh"],
                }
            )
        return {
            "recommendation": number,
            "owners": owners,
            "joint": any(row.get("jointId") for row in rows),
            "conflict": conflict,
            "basis": basis,
        }

    def _order(self, scope: str) -> tuple[tuple[int, str], int, int]:
        annex = self._annex
        entry = annex.entries[annex.entry_of_scope[scope]]
        return group_order(entry["group"]), entry["ordinal"], annex.scopes[scope]["ordinal"]

    # ------------------------------------------------------------------ Annex C as data
    def responsibilities(self, group_id: str) -> list[JSON]:
        """A group's Annex C entries with their scopes; NotFoundError for a group the KB does not have."""
        if not self._rows("group", group=group_id):
            raise NotFoundError(f"no group {group_id} in the KB")
        return self.responsibilities_of(group_id)

    def responsibilities_of(self, group_id: str) -> list[JSON]:
        """A group's Annex C entries with their scopes (empty for a group without entries)."""
        annex = self._annex
        out = []
        for iri, entry in annex.entries.items():
            if entry["group"] != group_id:
                continue
            scopes = [annex.scopes[s] for s, e in annex.entry_of_scope.items() if e == iri]
            out.append({**entry, "scopes": [_public_scope(s) for s in scopes]})
        return out

    @cached_property
    def _annex(self) -> _Annex:
        annex = _Annex()
        for row in self._rows("responsibilities"):
            entry = annex.entries.setdefault(row["entry"], _entry(row))
            if row.get("note") and row["note"] not in entry["notes_zh"]:
                entry["notes_zh"].append(row["note"])
            scope = annex.scopes.setdefault(row["scope"], _scope(row))
            annex.entry_of_scope[row["scope"]] = row["entry"]
            if row.get("jointId") and row["jointId"] not in scope["joint_with"]:
                scope["joint_with"].append(row["jointId"])
            if row.get("exceptGroupId") and row["exceptGroupId"] not in scope["except_groups"]:
                scope["except_groups"].append(row["exceptGroupId"])
                scope["except_groups"].sort(key=group_order)
            if row.get("cut") and row["cut"] not in {c["iri"] for c in scope["except"]}:
                scope["except"].append(
                    {
                        "iri": row["cut"],
                        "kind": row["cutKind"],
                        "label": row["cutLabel"],
                        "low_key": row["cutLow"],
                        "high_key": row["cutHigh"],
                    }
                )
        return annex

    # ------------------------------------------------------------------ lead roles
    def lead(self, topic: str) -> list[JSON]:
        """The lead-study-group roles whose label contains ``topic`` (zh; en case-insensitive)."""
        topic = topic.strip()
        if not 0 < len(topic) <= MAX_TOPIC:
            raise InvalidParameterError(f"a topic is a non-empty text of at most {MAX_TOPIC} characters")
        return [
            {
                "group": row["groupId"],
                "role": row["role"],
                "ordinal": row["ordinal"],
                "text_zh": row["text"],
                "source_lines": [row["first"], row["last"]],
            }
            for row in self._rows("lead-roles", topic=topic)
        ]


def _combined(answers: list[JSON]) -> JSON:
    """One answer for the numbers of a dual-numbered Recommendation (see the module's docstring)."""
    owners: list[str] = []
    basis: list[JSON] = []
    for answer in answers:
        owners += [g for g in answer["owners"] if g not in owners]
        basis += [b for b in answer["basis"] if b not in basis]
    decided = {tuple(sorted(a["owners"])) for a in answers if a["owners"]}
    joint = any(a["joint"] for a in answers)
    conflict = any(a["conflict"] for a in answers) or len(decided) > 1
    if conflict:
        owners.sort(key=group_order)
    return {
        "recommendation": "/".join(a["recommendation"] for a in answers),
        "owners": owners,
        "joint": joint,
        "conflict": conflict,
        "basis": basis,
        "numbers": answers,
    }


def group_order(group_id: str) -> tuple[int, str]:
    """SG2 < SG12 < SG21 < TSAG < SCV."""
    return (int(group_id[2:]), "") if group_id[2:].isdigit() else (100, group_id)


def _entry(row: JSON) -> JSON:
    return {
        "group": row["groupId"],
        "entry": row["entry"],
        "ordinal": row["ordinal"],
        "text_zh": row["text"],
        "provenance": {
            "source_file": row.get("file"),
            "source_lines": [row["first"], row["last"]] if "first" in row else None,
            "clause": CLAUSE,
            "printed_text_zh": row.get("printed"),
            "editorial_note": row.get("editorialNote"),
            **({"created_by_change": row["change"]} if "change" in row else {}),
        },
        "notes_zh": [],
    }


def _scope(row: JSON) -> JSON:
    return {
        "iri": row["scope"],
        "ordinal": row["scopeOrdinal"],
        "kind": row["kind"],
        "label": row["label"],
        "specificity": row["specificity"],
        "low_key": row["low"],
        "high_key": row["high"],
        "dual_number": row.get("dual"),
        "joint_with": [],
        "except": [],
        "except_groups": [],
        "unresolved_exception_zh": row.get("unresolved"),
    }


def _public_scope(scope: JSON) -> JSON:
    return {k: v for k, v in scope.items() if k != "ordinal"}
