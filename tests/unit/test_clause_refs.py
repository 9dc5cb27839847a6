"""The human-readable references of clauses: unique within a document, and readable."""

from __future__ import annotations

from itut_kb.extract.clause_refs import clause_reference
from itut_kb.extract.model import Clause, Span

SPAN = Span("f.txt", 1, 1)


def _refs(document: str, clauses: list[Clause]) -> list[str]:
    by_key = {c.key: c for c in clauses}
    return [clause_reference(document, c, by_key) for c in clauses]


def test_block_items_say_their_block() -> None:
    clauses = [
        Clause("considering-a", "t", SPAN, "a)", "considering"),
        Clause("recognizing-a", "t", SPAN, "a)", "recognizing"),
        Clause("resolves-further", "t", SPAN, None, "resolves-further"),
        Clause("resolves-further-1", "t", SPAN, "1", "resolves-further", parent_key="resolves-further"),
        Clause("resolves-further-1.j", "t", SPAN, "j)", "resolves-further", parent_key="resolves-further-1"),
    ]
    assert _refs("Res. 2", clauses) == [
        "Res. 2, considering a)",
        "Res. 2, recognizing a)",
        "Res. 2, resolves further",
        "Res. 2, resolves further 1",
        "Res. 2, resolves further 1 j)",
    ]


def test_repeated_blocks_say_which() -> None:
    clauses = [
        Clause("instructs-1.1", "t", SPAN, "1", "instructs", block_ordinal=1),
        Clause("instructs-3.1", "t", SPAN, "1", "instructs", block_ordinal=3),
    ]
    assert _refs("Res. 104", clauses) == [
        "Res. 104, instructs (block 1) 1",
        "Res. 104, instructs (block 3) 1",
    ]


def test_annexes_and_numbered_clauses() -> None:
    clauses = [
        Clause("annex-A", "t", SPAN, "A", "annex"),
        Clause("annex-A.a", "t", SPAN, "a)", "annex", parent_key="annex-A"),
        Clause("attachment", "t", SPAN, None, "attachment"),
        Clause("section-9", "t", SPAN, "9"),
        Clause("9.3.3", "t", SPAN, "9.3.3"),
        Clause("appendix-I", "t", SPAN, "I"),
        Clause("A.1.4.1", "t", SPAN, "1.4.1"),
        Clause("bibliography", "t", SPAN),
    ]
    assert _refs("Res. 1", clauses) == [
        "Res. 1, Annex A",
        "Res. 1, Annex A a)",
        "Res. 1, Attachment",
        "Res. 1 Section 9",
        "Res. 1 9.3.3",
        "Res. 1 Appendix I",
        "Res. 1 A.1.4.1",
        "Res. 1 Bibliography",
    ]
