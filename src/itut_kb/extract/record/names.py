"""Names the record prints that the KB resolves: provisional names of new Resolutions, Member States.

Provisional names. A new Resolution is named in Part VI by a provisional name: "COM4/VC", "COM4/1",
"NG", "COM3/APT-NG", "[ARB-SP]", "关于VC的新决议". Its core is the name without the committee
("COM4/") and the regional group ("APT-"): "VC", "1", "NG", "SP". Cores are resolved in three ways,
the first that applies winning:

1. *title* (settled by the text): Committee 3's table prints a title beside "[COM3/NG]" and
   "[COM3/SP]"; the new Resolution of WTSA-24 with that title (ITU-T written out as
   国际电联电信标准化部门, spaces ignored) is the one;
2. *batch* (settled by the text): a plenary batch and the Editorial Committee's series of the same
   number each holding one new Resolution hold the same one ("COM4/1" in B3, "COM4/VC" in series 3);
3. *curated*: ``data/curated/provisional_names.tsv`` names the Resolution of the other cores, and
   the Resolution's title must contain the row's words.

Member States are printed under more than one name ("美利坚合众国", "美国");
``data/curated/member_state_names.tsv`` maps the other names to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from itut_kb.extract.model import Resolution, Span
from itut_kb.extract.record.model import Batch, Decision, TextRef
from itut_kb.extract.source import SourceStructureError

_PREFIX = re.compile(r"^(?:COM\d/)?(?:(?:APT|ARB|ATU|CEPT|CITEL|RCC)-)?")


@dataclass
class ProvisionalName:
    core: str  # "VC"
    resolution: int
    settled_by: str  # "title" | "batch" | "curated"
    why: str
    printed: list[str] = field(default_factory=list)  # every designation printed, once each
    spans: list[Span] = field(default_factory=list)


def core(designation: str) -> str:
    return _PREFIX.sub("", designation)


def new_resolutions(resolutions: Iterable[Resolution]) -> dict[int, Resolution]:
    """The Resolutions WTSA-24 adopted as new: headed "（2024年，新德里）", with no earlier history
    (their WTSA-24 status, itut_kb.extract.adoption)."""
    return {r.number: r for r in resolutions if r.wtsa24_status == "new"}


def resolve_provisional_names(
    refs: Sequence[TextRef],
    titled: Mapping[str, str],
    plenary_batches: Mapping[str, Sequence[TextRef]],
    series: Sequence[Batch],
    resolutions: Iterable[Resolution],
    curated: Path,
) -> dict[str, ProvisionalName]:
    """Every provisional name of ``refs`` by core (aliases share one record); an unresolved one is an error.

    ``titled`` maps a designation to the title printed beside it; ``plenary_batches`` maps "B3" to the
    texts the plenary approved in it; ``series`` are the Editorial Committee's series.
    """
    new = new_resolutions(resolutions)
    aliases = _batch_aliases(plenary_batches, series)
    found: dict[str, ProvisionalName] = {}
    for designation, title in titled.items():
        number = _by_title(title, new)
        if number is not None:
            found[core(designation)] = ProvisionalName(
                core(designation),
                number,
                "title",
                f"Committee 3's table prints the title {title!r} beside it",
            )
    for key, why, number, words in _curated(curated):
        if not all(w in new[number].title_zh for w in words):
            raise SourceStructureError(
                f"provisional_names.tsv: the title of Resolution {number} lacks {words}"
            )
        found.setdefault(key, ProvisionalName(key, number, "curated", why))
    for alias, (target, batch) in aliases.items():
        if alias not in found and target in found:
            known = found[target]
            found[alias] = ProvisionalName(
                known.core,
                known.resolution,
                "batch",
                f"the one new Resolution of {batch}, where the Editorial Committee's series names it {target}",
            )
    for ref in refs:
        if not ref.provisional:
            continue
        name = found.get(core(ref.designation))
        if name is None:
            raise SourceStructureError(
                f"{ref.span.file}:{ref.span.start}: provisional name {ref.printed!r} unresolved"
            )
        if ref.designation not in name.printed:
            name.printed.append(ref.designation)
            name.spans.append(ref.span)
    return found


def _by_title(title: str, new: Mapping[int, Resolution]) -> int | None:
    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text).replace("国际电联电信标准化部门", "ITU-T")

    hits = [n for n, r in new.items() if norm(r.title_zh) == norm(title)]
    return hits[0] if len(hits) == 1 else None


def _batch_aliases(
    plenary_batches: Mapping[str, Sequence[TextRef]], series: Sequence[Batch]
) -> dict[str, tuple[str, str]]:
    """core printed by the plenary -> (core printed by the Editorial Committee, batch) where they differ."""
    out = {}
    for batch in series:
        theirs = [core(t.designation) for t in batch.texts if t.provisional]
        ours = [core(t.designation) for t in plenary_batches.get(batch.label, ()) if t.provisional]
        if len(theirs) == 1 and len(ours) == 1 and theirs != ours:
            out[ours[0]] = (theirs[0], batch.label)
    return out


def _curated(path: Path) -> list[tuple[str, str, int, list[str]]]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r[0], r[3], int(r[1]), r[2].split()) for r in rows[1:] if r and not r[0].startswith("#")]


def text_refs(decisions: Iterable[Decision], batches: Iterable[Batch]) -> list[TextRef]:
    refs = [d.text for d in decisions if d.text is not None]
    return refs + [t for b in batches for t in b.texts]


class StateNames:
    """Printed Member State names to the one name the KB uses."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = dict(table)

    @classmethod
    def load(cls, path: Path) -> StateNames:
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        return cls({r[0]: r[1] for r in rows[1:] if r and not r[0].startswith("#")})

    def __call__(self, printed: str) -> str:
        return self.table.get(printed, printed)
