"""The human-readable reference of a clause (``itut:sourceClause``), unique within its document.

A clause of a Resolution's blocks is cited by its document, its block and the printed numbers from
the block's top item down: "Res. 2, considering a)", "Res. 2, recognizing a)", "Res. 22, resolves 1 j)",
"Res. 72, resolves" (the block's text before its items). A kind of block that occurs more than once in a
document says which one: "Res. 104, instructs (block 3) 1". Annexes are "Res. 2, Annex A",
"Res. 18, Annex A a)", "Res. 73, Attachment".

A numbered clause (Res. 1's sections, the A-series) is cited by its number after the document:
"Res. 1 9.3.3", "A.1 3.2.5", "A.23 A.1.4.1"; its containers by name: "Res. 1 Section 9", "A.8 Annex A",
"A.5 Appendix I", "A.1 Bibliography", "A.13 preamble".
"""

from __future__ import annotations

from collections.abc import Mapping

from itut_kb.extract.model import Clause

_CONTAINERS = {"section": "Section", "annex": "Annex", "appendix": "Appendix"}
_NAMED = {"bibliography": "Bibliography", "preamble": "preamble"}


def clause_reference(document: str, clause: Clause, by_key: Mapping[str, Clause]) -> str:
    """``document`` is the document's short label ("Res. 2", "A.1", "Opinion 1")."""
    if clause.block is None:
        return f"{document} {_numbered(clause.key)}"
    numbers: list[str] = []
    current: Clause | None = clause
    while current is not None:
        if current.number:
            numbers.insert(0, current.number)
        current = by_key.get(current.parent_key) if current.parent_key else None
    if clause.block in ("annex", "attachment"):
        head = clause.block.capitalize()
    else:
        head = clause.block.replace("-", " ")
        if clause.block_ordinal is not None:
            head += f" (block {clause.block_ordinal})"
    return f"{document}, {' '.join([head, *numbers])}"


def _numbered(key: str) -> str:
    """ "section-9" -> "Section 9", "appendix-I" -> "Appendix I", "9.3.3" -> "9.3.3"."""
    if key in _NAMED:
        return _NAMED[key]
    kind, _, label = key.partition("-")
    if kind in _CONTAINERS and label:
        return f"{_CONTAINERS[kind]} {label}"
    return key
