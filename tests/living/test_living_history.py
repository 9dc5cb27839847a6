"""Raw changes, reverts, replays, preconditions, retroactive changes, restarts and the dump: the history of
the living KB stays whole, ordered and attributable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import ROOT, Living, change, messages
from itut_kb.config import Settings
from itut_kb.errors import (
    ConflictError,
    ForbiddenError,
    InputError,
    NotFoundError,
    PreconditionFailedError,
)
from itut_kb.inference import load_rules, rule_triples, sparql_rules
from itut_kb.living.archive import dump, restore
from itut_kb.services import Services
from itut_kb.store import graph_name

NEW = {"study_group": "SG17", "id": "16/17", "title_zh": "新的安全课题"}
LABEL = (
    '<https://w3id.org/itut-kb/id/group/SG17> <http://www.w3.org/2000/01/rdf-schema#comment> "Security"@en .'
)


def named(store: ox.Store) -> set[ox.Quad]:
    """The quads without blank nodes (the ontology's blank nodes are named anew at each load)."""
    return {
        q for q in store if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }


def raw(add: str = "", remove: str = "") -> dict[str, Any]:
    data = {k: v for k, v in (("add", add), ("remove", remove)) if v}
    return change("kb-change", data, authority={"body": "TSAG", "document": "TSAG-R1"})


def test_a_raw_change_needs_an_admin(living: Living) -> None:
    with pytest.raises(ForbiddenError):
        living.submit(raw(LABEL))
    record = living.submit(raw(LABEL), living.admin)
    assert record.agent == "root"
    rows = living.services.kb.select(
        "SELECT ?c WHERE { <https://w3id.org/itut-kb/id/group/SG17> <http://www.w3.org/2000/01/rdf-schema#comment> ?c }"
    )
    assert [r["c"].value for r in rows] == ["Security"]


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (raw("<https://x/a> <https://x/b> ."), "cannot be read"),
        (raw("_:b <https://x/b> <https://x/c> ."), "cannot be read"),
        (
            raw(
                "<https://w3id.org/itut-kb/id/question/77-17> a <https://w3id.org/itut-kb/ontology#Question> ."
            ),
            "where it comes from",
        ),
        (change("kb-change", {}, authority={"body": "TSAG", "document": "x"}), "has add or remove"),
    ],
    ids=["syntax", "blank-node", "shape", "empty"],
)
def test_a_bad_raw_change_is_refused(living: Living, doc: dict[str, Any], expected: str) -> None:
    report = living.rejected(doc, living.admin)
    assert any(expected in m for m in messages(report)), messages(report)


def test_a_change_that_would_break_a_check_is_refused(living: Living) -> None:
    second_chair = (
        "<https://w3id.org/itut-kb/id/group/SG17/chair-2> a <https://w3id.org/itut-kb/ontology#ChairPost> ; "
        "<http://www.w3.org/ns/org#postIn> <https://w3id.org/itut-kb/id/group/SG17> ."
    )
    report = living.rejected(raw(second_chair), living.admin)
    assert any("without exactly one chair" in m for m in messages(report)), messages(report)


def test_a_revert_undoes_a_change_and_is_itself_recorded(living: Living) -> None:
    approved = living.submit(change("question-approved", NEW))
    deleted = living.submit(change("question-deleted", {"study_group": "SG17", "id": "2/17"}))
    revert = living.services.gate.revert(deleted.id, living.editor, {"note": "recorded by mistake"})
    assert (revert.version, revert.kind, revert.reverts) == (3, "revert", deleted.id)
    assert revert.effective == deleted.effective
    assert living.services.lookup.question("2/17")["source_lines"]
    assert living.services.lookup.question("16/17")
    assert living.log.detail(deleted.id)["reverted_by"] == revert.id
    with pytest.raises(ConflictError):
        living.services.gate.revert(deleted.id, living.editor, {})
    with pytest.raises(ForbiddenError):
        living.services.gate.revert(approved.id, living.other_editor, {})
    living.services.gate.revert(approved.id, living.admin, {})
    with pytest.raises(NotFoundError):
        living.services.lookup.question("16/17")
    assert living.services.view(version=2).lookup.question("16/17")
    with pytest.raises(NotFoundError):
        living.services.gate.revert("no-such-change", living.admin, {})


def test_a_replayed_id_and_a_stale_precondition_are_refused(living: Living) -> None:
    living.submit(change("question-approved", NEW, id="q16"))
    with pytest.raises(ConflictError):
        living.submit(change("question-approved", {**NEW, "id": "18/17"}, id="q16"))
    with pytest.raises(PreconditionFailedError):
        living.submit(change("question-approved", {**NEW, "id": "18/17"}), if_match=0)
    assert living.submit(change("question-approved", {**NEW, "id": "18/17"}), if_match=1).version == 2
    assert [r.version for r in living.log.records()] == [1, 2]


def test_a_change_recorded_late_takes_its_place_in_history(living: Living) -> None:
    living.submit(change("question-approved", NEW, effective="2026-03-01"))
    # recorded later, effective earlier: as of its date the number is free, but not in the latest state
    report = living.rejected(
        change("question-approved", {**NEW, "title_zh": "另一个课题"}, effective="2025-06-01")
    )
    assert messages(report)
    living.submit(change("question-deleted", {"study_group": "SG17", "id": "3/17"}, effective="2025-06-01"))
    history = living.services.history
    assert history.key(as_of=date(2025, 7, 1)).included == (2,)
    assert history.key().included == (2, 1)  # replayed by effective date, then version
    with pytest.raises(NotFoundError):
        living.services.view(as_of=date(2025, 7, 1)).lookup.question("3/17")
    assert living.services.view(version=1).lookup.question("3/17")


def test_the_rules_run_again_as_pyshacl_ran_them_at_build(template: Services) -> None:
    baseline = template.history.baseline.store
    rules = sparql_rules(load_rules(ROOT / "ontology" / "rules" / "responsibility.ttl"))
    graph = graph_name("inferred-responsibility")
    built = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in baseline.quads_for_pattern(None, None, None, graph)
    }
    assert rule_triples(baseline, rules) == built
    assert len(built) > 100


def test_a_restart_rebuilds_the_same_state(living: Living, tmp_path: Path) -> None:
    living.submit(change("question-approved", NEW))
    living.submit(change("question-deleted", {"study_group": "SG17", "id": "2/17"}))
    served = named(living.services.kb.store)
    fresh = Services(Settings(root=ROOT, store_dir=living.services.settings.store_dir))
    assert named(fresh.kb.store) == served
    assert len(fresh.kb) == len(living.services.kb)
    assert fresh.view().version == 2


def test_dump_and_restore_round_trip(living: Living, tmp_path: Path) -> None:
    living.submit(change("question-approved", NEW, id="q16"))
    living.submit(raw(LABEL), living.admin)
    living.services.gate.revert("q16", living.editor, {})
    baseline = living.services.history.baseline
    first = tmp_path / "first.trig"
    dump(first, baseline, living.log, with_tokens=True)
    restored_dir = tmp_path / "restored"
    result = restore(first, restored_dir, baseline)
    assert (result.changes, result.tokens, result.baseline_differs) == (3, 3, False)
    again = Services(Settings(root=ROOT, store_dir=restored_dir))
    second = tmp_path / "second.trig"
    dump(second, baseline, again.require_log(), with_tokens=True)
    assert second.read_bytes() == first.read_bytes()
    assert named(again.kb.store) == named(living.services.kb.store)
    assert again.tokens.verify is not None
    with pytest.raises(InputError):
        restore(first, restored_dir, baseline)
    assert restore(first, restored_dir, baseline, force=True).changes == 3
