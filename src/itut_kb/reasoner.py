"""OWL consistency with owlready2 and HermiT.

owlready2 cannot read Turtle (it silently loads nothing), so the graphs are converted to N-Triples
first (by pyoxigraph: a tenth of rdflib's time; blank nodes renamed, so that two files' ``_:b0`` stay
two nodes), and the load is checked: the ontology's classes must be there, or the check fails loudly.
HermiT runs on Java (installed by `make` where missing).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import owlready2
import pyoxigraph as ox

EXPECTED_CLASSES = ("Resolution", "StudyGroup", "Question", "Clause", "ChairPost")
ONTOLOGY = "https://w3id.org/itut-kb/ontology#"


class ReasonerLoadError(RuntimeError):
    """owlready2 did not load what it was given."""


def consistency_problems(files: list[Path]) -> list[str]:
    """Run HermiT over ``files`` (Turtle); the problems found, empty when consistent."""
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "kb.nt"
        with nt.open("wb") as out:
            for path in files:
                triples = ox.parse(path=path, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
                ox.serialize(triples, out, format=ox.RdfFormat.N_TRIPLES)
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
        missing = [c for c in EXPECTED_CLASSES if world[ONTOLOGY + c] is None]
        if missing:
            raise ReasonerLoadError(
                f"owlready2 loaded {len(list(world.classes()))} classes; missing {missing}"
            )
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return [f"the ontology and data are inconsistent (HermiT): {exc}".strip()]
        unsatisfiable = [str(c) for c in world.inconsistent_classes()]
        return [f"unsatisfiable class {c}" for c in unsatisfiable]
