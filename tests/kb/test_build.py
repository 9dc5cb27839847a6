"""`itut-kb build` is deterministic: a fresh build reproduces the committed data/kb/ byte for byte."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from itut_kb.build import HEADER, PARTS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.kb, pytest.mark.slow]  # a whole build from the source text


def test_fresh_build_reproduces_committed_kb(fresh: Path) -> None:
    committed = sorted(p.name for p in (ROOT / "data" / "kb").glob("*.ttl"))
    assert sorted(p.name for p in fresh.glob("*.ttl")) == committed
    for name in committed:
        assert (fresh / name).read_bytes() == (ROOT / "data" / "kb" / name).read_bytes(), f"{name} drifted"


def test_every_part_is_written_with_the_generated_header(fresh: Path) -> None:
    for part in PARTS:
        assert (fresh / f"{part}.ttl").read_text(encoding="utf-8").startswith(HEADER)


def test_output_has_no_blank_nodes(fresh: Path) -> None:
    for path in fresh.glob("*.ttl"):
        triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        assert triples, path.name
        assert not [t for q in triples for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)], (
            path.name
        )


def test_source_copy_is_verbatim() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the checkout")
    for path in (ROOT / "data" / "source").glob("*.txt"):
        assert path.read_bytes() == (shared / path.name).read_bytes()
