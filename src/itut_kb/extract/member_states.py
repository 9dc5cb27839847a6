"""Member States' ISO 3166-1 codes and English short names, from ``data/curated/member_states.tsv``.

One row per Member State the proceedings name: those of the management list (Part IV) and those the
Assembly's record names (Part VI: votes, statements, officers); columns :data:`COLUMNS`, "#" lines are
comments. The table says where each mapping comes from (the zh_CN translations of ISO 3166-1 in Debian's
iso-codes, or a curated row with its reason); tests/kb/test_member_states.py rechecks it against pycountry.
The build reads the file only: offline and deterministic. A state the proceedings name without a row, or a
row for a state they do not name, stops the build.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

COLUMNS = ("name_zh", "alpha2", "alpha3", "name_en", "source", "note")
CURATED_FILE = "member_states.tsv"


@dataclass(frozen=True)
class MemberStateCodes:
    name_zh: str  # as the management list prints it: "英国"
    alpha2: str  # "GB"
    alpha3: str  # "GBR"
    name_en: str  # ISO 3166-1 English short name: "United Kingdom"
    source: str  # "iso-codes zh_CN name" | "iso-codes zh_CN official name" | "curated"
    note: str  # why, for a curated row


def load_member_states(path: Path) -> dict[str, MemberStateCodes]:
    """The table by Chinese name; a malformed row stops the build."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    table: dict[str, MemberStateCodes] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        state = MemberStateCodes(*(row[c] for c in COLUMNS))
        if not (re.fullmatch(r"[A-Z]{2}", state.alpha2) and re.fullmatch(r"[A-Z]{3}", state.alpha3)):
            raise ValueError(f"{path.name}: {state.name_zh}: ISO codes {state.alpha2!r} {state.alpha3!r}")
        if state.source == "curated" and not state.note:
            raise ValueError(f"{path.name}: {state.name_zh}: a curated row says why")
        if state.name_zh in table:
            raise ValueError(f"{path.name}: {state.name_zh} twice")
        table[state.name_zh] = state
    return table


def codes_for(table: Mapping[str, MemberStateCodes], names: Iterable[str]) -> dict[str, MemberStateCodes]:
    """The rows of the states ``names``: a state without a row stops the build."""
    names = set(names)
    missing = sorted(names - set(table))
    if missing:
        raise ValueError(f"{CURATED_FILE}: no row for {missing}")
    return {name: table[name] for name in sorted(names)}


def check_no_stale_rows(table: Mapping[str, MemberStateCodes], named: Iterable[str]) -> None:
    """Every row is a state the KB names (once every part is written)."""
    stale = sorted(set(table) - set(named))
    if stale:
        raise ValueError(f"{CURATED_FILE}: rows for states the proceedings do not name: {stale}")


def add_codes(out: GraphWriter, node: URIRef, state: MemberStateCodes) -> None:
    """A Member State's English short name, ISO 3166-1 codes and where they come from."""
    out.en(node, RDFS.label, state.name_en)
    out.value(node, ITUT.iso3166Alpha2, state.alpha2)
    out.value(node, ITUT.iso3166Alpha3, state.alpha3)
    out.value(node, ITUT.codeSource, state.source)
    out.en(node, SKOS.editorialNote, state.note)
