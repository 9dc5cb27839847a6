"""Addressees of operative clauses and actions: groups by their printed names, others by a curated table.

Study groups are recognised by pattern ("第17研究组", "ITU-T第17研究组"); TSAG, the SCV and every other
addressee ("电信标准化局主任", "成员国", …) by ``data/curated/actors.tsv`` (columns: zh name as printed,
actor id, English label where certain, why). A name the table does not know stops the build: every
addressee in the KB is a curated, deliberate reading of the text.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.model import Span
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

_STUDY_GROUP = re.compile(r"^(?:ITU-T|国际电联电信标准化部门)?第(\d+)研究组$")
_GROUP_LIST = re.compile(r"^(?:ITU-T|国际电联电信标准化部门)?第(\d+(?:[、和]第?\d+)*)研究组")
GROUP_IDS = ("TSAG", "SCV")


class UnknownActorError(ValueError):
    """An addressee name that neither the group pattern nor the curated table knows."""


@dataclass(frozen=True)
class ActorEntry:
    name_zh: str
    actor_id: str
    label_en: str


class ActorTable:
    def __init__(self, entries: list[ActorEntry]) -> None:
        self._by_name = {e.name_zh: e for e in entries}
        self._preferred: dict[str, ActorEntry] = {}
        for entry in entries:
            self._preferred.setdefault(entry.actor_id, entry)
        self._first_use: dict[str, Span] = {}
        self._names_used: dict[str, set[str]] = {}

    @classmethod
    def load(cls, path: Path) -> ActorTable:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle, delimiter="\t") if not r["name_zh"].startswith("#")]
        return cls([ActorEntry(r["name_zh"], r["actor_id"], r["label_en"]) for r in rows])

    def actor_id(self, name_zh: str) -> str:
        name = name_zh.strip()
        match = _STUDY_GROUP.match(name)
        if match:
            return f"SG{match.group(1)}"
        entry = self._by_name.get(name)
        if entry is None:
            raise UnknownActorError(f"addressee {name!r} is not in data/curated/actors.tsv")
        return entry.actor_id

    def name_at_start(self, text: str) -> tuple[list[str], int] | None:
        """The names ``text`` opens with (a list of study groups, or the longest name the table knows) and
        their length, or None."""
        groups = _GROUP_LIST.match(text)
        if groups:
            numbers = re.split(r"[、和]第?", groups.group(1))
            return [f"第{n}研究组" for n in numbers], groups.end()
        for name in sorted(self._by_name, key=len, reverse=True):
            if text.startswith(name):
                return [name], len(name)
        return None

    def resolve(self, name_zh: str, span: Span | None = None) -> URIRef:
        """The IRI of the actor named ``name_zh`` (a group's IRI for groups)."""
        actor = self.actor_id(name_zh)
        if actor.startswith("SG") or actor in GROUP_IDS:
            return ns.group(actor)
        self._names_used.setdefault(actor, set()).add(name_zh.strip())
        if span is not None and (actor not in self._first_use or span.start < self._first_use[actor].start):
            self._first_use[actor] = span
        return ns.iri("actor", actor)

    def write(self, out: GraphWriter, fallback: Span) -> None:
        """Write the non-group actors named so far, each with the first place that names it."""
        for actor, names in sorted(self._names_used.items()):
            preferred = self._preferred[actor]
            node = ns.iri("actor", actor)
            out.entity(node, ITUT.Actor, self._first_use.get(actor, fallback))
            out.zh(node, RDFS.label, preferred.name_zh)
            out.en(node, RDFS.label, preferred.label_en)
            for name in sorted(names - {preferred.name_zh}):
                out.zh(node, SKOS.altLabel, name)
