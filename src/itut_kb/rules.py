"""The rules engine: which procedural rules apply to a case, with their clause, their text and their dates.

A case is a JSON object such as ``{"kind": "tap-approval", "meeting_date": "2025-06-16",
"policy_or_regulatory": true}``. Its fields are the notations of the KB's kinds of case
(``itut:ProcedureKind``), anchor events (``itut:AnchorEvent``, dates) and conditions (``itut:CaseFlag``,
booleans): the engine knows no field by name, the rule data does. The case becomes a small RDF graph next
to the rule data, and the named query ``queries/rules/applicable-rules.rq`` selects the rules whose kind
and conditions match (a rule on branches of a procedure also needs the case on one of them). Python does date
arithmetic only (:mod:`itut_kb.deadlines`): a rule's date from its anchor event or anchor rule and, for a rule
with a checked event, whether the case's date satisfies it. What follows from a rule (``itut:outcome``: deemed
approved, goes to the WTSA, …) is data, collected in the answer's ``outcomes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import pyoxigraph as ox

from itut_kb.catalog import Catalog
from itut_kb.deadlines import TimeUnit, parse_day, shift
from itut_kb.errors import InvalidParameterError, ItutKbError
from itut_kb.lookup import value
from itut_kb.store import KnowledgeBase

JSON = dict[str, Any]
ITUT = "https://w3id.org/itut-kb/ontology#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
FREE_FIELDS = ("title", "note")  # a case may carry these for its reader; the engine ignores them

# What a rule's date is, by its direction and bound: the checked date must be on or before it (latest), on or
# after it (earliest), or strictly after it (after: "less than N before", A.1 3.2.3).
DATE_IS = {
    ("Before", "AtLeast"): "latest",
    ("Before", "AtMost"): "earliest",
    ("Before", "LessThan"): "after",
    ("Before", "Exactly"): "on",
    ("After", "AtMost"): "latest",
    ("After", "Exactly"): "end of period",
    ("After", "AtLeast"): "earliest",
    ("Before", "About"): "about",
    ("After", "About"): "about",
}
# Whether a checked date satisfies a rule's date, by what the date is.
SATISFIED: dict[str, Callable[[date, date], bool]] = {
    "latest": lambda checked, day: checked <= day,
    "earliest": lambda checked, day: checked >= day,
    "after": lambda checked, day: checked > day,
}
WORDS = {
    "CalendarDays": "calendar days",
    "WorkingDays": "working days",
    "AtLeast": "at least",
    "AtMost": "at most",
    "LessThan": "less than",
}


def _local(term: ox.NamedNode | Any) -> str:
    return str(value(term)).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _word(term: Any) -> str:
    local = _local(term)
    return WORDS.get(local, local.lower())


def _u(local: str) -> ox.NamedNode:
    return ox.NamedNode(ITUT + local)


class RuleDataError(ItutKbError):
    """The KB lacks a rule the code relies on: a defect of the project, not of the request."""


@dataclass(frozen=True)
class CaseField:
    """One field a case may have: a kind (the value of "kind"), an anchor event (a date) or a condition."""

    term: ox.NamedNode
    role: str  # kind | event | flag
    notation: str
    label: str


class RulesEngine:
    """Applicable rules and their dates, over the rule data of one KB."""

    def __init__(self, kb: KnowledgeBase, catalog: Catalog) -> None:
        self.kb = kb
        self.catalog = catalog

    @cached_property
    def _rule_data(self) -> list[ox.Quad]:
        triples = self.kb.construct(self.catalog.get("rule-data").text)
        return [ox.Quad(t.subject, t.predicate, t.object) for t in triples]

    @cached_property
    def fields(self) -> dict[str, CaseField]:
        """Every kind, event and condition, by notation."""
        roles = {"ProcedureKind": "kind", "AnchorEvent": "event", "CaseFlag": "flag"}
        out = {}
        for row in self.catalog.run(self.kb, "case-vocabulary"):
            term = row["term"]
            assert isinstance(term, ox.NamedNode)
            notation = str(value(row["notation"]))
            out[notation] = CaseField(term, roles[_local(row["type"])], notation, str(value(row["label"])))
        return out

    def vocabulary(self) -> JSON:
        """The kinds and fields of a case, for documentation and error messages."""
        by_role: dict[str, dict[str, str]] = {"kind": {}, "event": {}, "flag": {}}
        for f in self.fields.values():
            by_role[f.role][f.notation] = f.label
        return {"kinds": by_role["kind"], "dates": by_role["event"], "conditions": by_role["flag"]}

    # ------------------------------------------------------------------ the case as RDF
    def case_quads(self, case: Mapping[str, Any]) -> list[ox.Quad]:
        """The case as a graph; InvalidParameterError on an unknown kind or field, or a bad value."""
        if not isinstance(case, Mapping):
            raise InvalidParameterError('a case is a JSON object such as {"kind": "tap-approval", …}')
        kinds = sorted(n for n, f in self.fields.items() if f.role == "kind")
        kind = self.fields.get(str(case.get("kind")))
        if kind is None or kind.role != "kind":
            raise InvalidParameterError(
                f"unknown kind {case.get('kind')!r}; a case's kind is one of {', '.join(kinds)}"
            )
        node = ox.NamedNode("urn:itut-kb:case")
        quads = [ox.Quad(node, RDF_TYPE, _u("Case")), ox.Quad(node, _u("caseKind"), kind.term)]
        for name, raw in case.items():
            field = self.fields.get(name)
            if name == "kind" or name in FREE_FIELDS:
                continue
            if field is None or field.role == "kind":
                known = sorted(n for n, f in self.fields.items() if f.role != "kind")
                raise InvalidParameterError(
                    f"unknown field {name!r}; a case has 'kind' and any of {', '.join(known)}"
                )
            if field.role == "flag":
                if not isinstance(raw, bool):
                    raise InvalidParameterError(f"field {name!r} must be true or false; got {raw!r}")
                if raw:
                    quads.append(ox.Quad(node, _u("hasFlag"), field.term))
                continue
            try:
                day = parse_day(raw) if isinstance(raw, str) else None
            except ValueError:
                day = None
            if day is None:
                raise InvalidParameterError(f"field {name!r} must be a date written YYYY-MM-DD; got {raw!r}")
            event = ox.BlankNode()
            quads += [
                ox.Quad(node, _u("eventDate"), event),
                ox.Quad(event, _u("event"), field.term),
                ox.Quad(event, _u("date"), ox.Literal(day.isoformat(), datatype=XSD_DATE)),
            ]
        return quads

    # ------------------------------------------------------------------ applicable rules
    def apply(self, case: Mapping[str, Any]) -> JSON:
        """``{"case": …, "rules": [{"id", "clause", "source", "text_zh", "applies_because", "date"?, …}]}``."""
        store = ox.Store()
        store.extend([*self._rule_data, *self.case_quads(case)])
        rows = KnowledgeBase(store).select(self.catalog.get("applicable-rules").text)
        rules: dict[str, JSON] = {}
        for row in rows:
            rule = self._rule(row)
            rules[rule["id"]] = rule
        dates: dict[str, date] = {}
        pending = list(rows)
        while pending:  # a rule counted from another rule's date comes after that rule
            ready = [r for r in pending if not self._waits(r, rules, dates)] or pending
            for row in ready:
                self._date(rules[str(value(row["id"]))], row, dates)
            pending = [r for r in pending if r not in ready]
        used = {r.get("anchor") for r in rules.values()} | {r.get("checked_event") for r in rules.values()}
        unused = sorted(
            k
            for k in case
            if k != "kind" and k not in FREE_FIELDS and self.fields[k].role == "event" and k not in used
        )
        return {
            "case": dict(case),
            "rules": list(rules.values()),
            "outcomes": self._outcomes(rules.values()),
            **({"unused_fields": unused} if unused else {}),
        }

    @staticmethod
    def _outcomes(rules: Iterable[JSON]) -> list[JSON]:
        """The outcomes of the applicable rules, in the order of their first rule, each with its rules."""
        out: dict[str, JSON] = {}
        for rule in rules:
            if "outcome" in rule:
                entry = out.setdefault(
                    rule["outcome"],
                    {
                        "outcome": rule["outcome"],
                        "label_en": rule["outcome_en"],
                        "label_zh": rule["outcome_zh"],
                        "rules": [],
                    },
                )
                entry["rules"].append(rule["id"])
        return list(out.values())

    @staticmethod
    def _waits(row: Mapping[str, Any], rules: Mapping[str, JSON], dates: Mapping[str, date]) -> bool:
        """The row counts from another applicable rule whose date is not known yet."""
        anchor_rule = str(value(row["anchorRule"])) if "anchorRule" in row else None
        return anchor_rule is not None and anchor_rule in rules and anchor_rule not in dates

    @staticmethod
    def _rule(row: Mapping[str, Any]) -> JSON:
        v = {k: value(t) for k, t in row.items()}
        because = [f"the case's kind is {v['kind']}: {v['kindLabel']}"]
        if v.get("required"):
            because.append(f"{v['required'].replace(',', ', ')} is set")
        if v.get("excluded"):
            because.append(f"{v['excluded'].replace(',', ', ')} is not set")
        if v.get("branch"):
            because.append(f"the case is on the branch {v['branch']}")
        rule: JSON = {
            "id": v["id"],
            "clause": v["clause"],
            "source": v["source"],
            "text_zh": v["text"],
            "summary_en": v["summary"],
            "applies_because": "; ".join(because),
            "modality": _word(row["modality"]),
        }
        if "quantity" in v:
            rule |= {"quantity": v["quantity"], "unit": _word(row["unit"]), "bound": _word(row["bound"])}
        if "direction" in v:
            rule["direction"] = _word(row["direction"])
        if "anchor" in v:
            rule["anchor"] = v["anchor"]
        if "anchorRule" in v:
            rule["anchor_rule"] = v["anchorRule"]
        if "checked" in v:
            rule["checked_event"] = v["checked"]
        if "procedure" in v:
            rule["procedure"] = _local(row["procedure"])
        if "outcome" in v:
            rule |= {"outcome": v["outcome"], "outcome_en": v["outcomeEn"], "outcome_zh": v["outcomeZh"]}
        if "edgeReading" in v:
            rule["edge_reading"] = v["edgeReading"]
        return rule

    @staticmethod
    def _date(rule: JSON, row: Mapping[str, Any], dates: dict[str, date]) -> None:
        """Fill in the rule's date (and, with a checked event, its status) where the case gives the anchor."""
        unit = TimeUnit.of(_local(row["unit"])) if "unit" in row else None
        if unit is None or "direction" not in row:
            return
        if "anchorRule" in row:
            origin_name = f"rule {value(row['anchorRule'])}"
            origin = dates.get(str(value(row["anchorRule"])))
        else:
            origin_name = str(value(row["anchor"]))
            origin = parse_day(str(value(row["anchorDate"]))) if "anchorDate" in row else None
        if origin is None:
            rule["date_needs"] = origin_name
            return
        direction, bound = _local(row["direction"]), _local(row["bound"])
        day = shift(origin, int(str(value(row["quantity"]))), unit, before=direction == "Before")
        dates[rule["id"]] = day
        rule |= {
            "date": day.isoformat(),
            "date_is": DATE_IS.get((direction, bound), "on"),
            "counted_from": {"from": origin_name, "date": origin.isoformat()},
        }
        if "checkedDate" not in row or rule["date_is"] not in SATISFIED:
            return
        met = SATISFIED[rule["date_is"]](parse_day(str(value(row["checkedDate"]))), day)
        rule["status"] = "met" if met else "missed"
        for lang in ("Zh", "En"):
            consequence = row.get(("ifMet" if met else "ifMissed") + lang)
            if consequence is not None:
                rule[f"consequence_{lang.lower()}"] = value(consequence)

    # ------------------------------------------------------------------ one rule's date (for the validator)
    def limit(self, rule_id: str, anchor: date) -> date:
        """The date ``rule_id`` gives when counted from ``anchor``."""
        rows = self.catalog.run(self.kb, "rule", id=rule_id)
        unit = TimeUnit.of(_local(rows[0]["unit"])) if rows and "unit" in rows[0] else None
        if not rows or unit is None or "direction" not in rows[0]:
            raise RuleDataError(f"the KB has no rule {rule_id!r} in time units")
        before = _local(rows[0]["direction"]) == "Before"
        return shift(anchor, int(str(value(rows[0]["quantity"]))), unit, before=before)
