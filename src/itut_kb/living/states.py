"""States of the KB: the baseline (version 0) with accepted changes replayed on top, by version and date.

A state is named by the changes it includes. ``version=N`` includes the changes up to version N;
``as_of=D`` those in effect on day D (effective on or before D); without them the state is the current one:
every change recorded so far that is in effect today. Changes are replayed in the order of their effective
date, then of their version, each as the diff it recorded (remove its removed quads, add its added quads);
the inference rules (ontology/rules/, e.g. the Annex C responsible group) then run again on the result, so
that a derived fact always follows the facts in that state, whatever order the changes were recorded in.

States are immutable and cached (least recently used first out), each one a pyoxigraph store of its own
(about 60,000 quads, 0.1-0.2 s to build): a request resolves its state once and runs every query on it,
so that a reader sees one consistent version, and a cache keyed by state never serves a stale answer.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import pyoxigraph as ox

from itut_kb.errors import InvalidParameterError, NotFoundError
from itut_kb.living import provenance
from itut_kb.living.changelog import BaseChangeLog, ChangeRecord
from itut_kb.store import EmbeddedKB, graph_name

if TYPE_CHECKING:
    from itut_kb.inference import SparqlRule

BASELINE_DATE = date(2024, 10, 24)  # the day WTSA-24 closed: the proceedings' texts are in force from then
INFERRED_GRAPH = graph_name("inferred-responsibility")


@dataclass(frozen=True)
class StateKey:
    """Which state a request asked for: the changes it includes, in replay order, and how it was named."""

    included: tuple[int, ...]  # versions, in (effective, version) order
    version: int  # the version asked for (or the head)
    as_of: date  # the day asked for (or today)

    @property
    def cache_key(self) -> tuple[int, ...]:
        return self.included

    @cached_property
    def etag(self) -> str:
        """A short, stable name of the state's content (two requests naming one state share it)."""
        if not self.included:
            return f"v{self.version}-0"
        digest = hashlib.sha256(",".join(map(str, self.included)).encode("ascii")).hexdigest()
        return f"v{self.version}-{digest[:12]}"


def parse_day(text: str, what: str = "as_of") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidParameterError(f"{what} must be a date written YYYY-MM-DD; got {text!r}") from None


def diff_quads(nquads: str) -> list[ox.Quad]:
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if nquads else []


def apply_diff(store: ox.Store, removed: Iterable[ox.Quad], added: Iterable[ox.Quad]) -> None:
    for quad in removed:
        store.remove(quad)
    store.extend(list(added))


class History:
    """The baseline store and the change log: states by key, built on demand and cached."""

    def __init__(
        self,
        baseline: EmbeddedKB,
        log: BaseChangeLog | None,
        rules: Sequence[SparqlRule] | Callable[[], Sequence[SparqlRule]],
        cache_size: int = 8,
    ) -> None:
        self.baseline = baseline
        self.log = log
        self._rules = rules
        self.cache_size = max(1, cache_size)
        self._cache: OrderedDict[tuple[int, ...], EmbeddedKB] = OrderedDict()
        self._timeline: list[tuple[int, date]] = []
        self._keys: dict[
            tuple[int, int, date], StateKey
        ] = {}  # (head, version, day): every request names one
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()

    @cached_property
    def rules(self) -> list[SparqlRule]:
        """The inference rules; given as a loader, loaded when first needed (a state with changes)."""
        return list(self._rules() if callable(self._rules) else self._rules)

    # ---------------------------------------------------------------- naming states
    def timeline(self) -> list[tuple[int, date]]:
        """(version, effective) of every change; re-read when another writer moved the head."""
        if self.log is None:
            return []
        head = self.log.head()
        with self._lock:
            if (self._timeline[-1][0] if self._timeline else 0) != head:
                self._timeline = self.log.timeline()
            return self._timeline

    def head(self) -> int:
        timeline = self.timeline()
        return timeline[-1][0] if timeline else 0

    def key(self, version: int | None = None, as_of: date | None = None) -> StateKey:
        """The state of ``version`` (default: the head) in effect on ``as_of`` (default: today)."""
        timeline = self.timeline()
        head = timeline[-1][0] if timeline else 0
        if version is not None and not 0 <= version <= head:
            raise NotFoundError(f"no version {version}: the KB is at version {head}")
        if as_of is not None and as_of < BASELINE_DATE:
            raise InvalidParameterError(
                f"as_of {as_of.isoformat()} is before the KB's baseline, the WTSA-24 proceedings in force "
                f"from {BASELINE_DATE.isoformat()}; the KB holds nothing earlier"
            )
        ceiling = head if version is None else version
        day = as_of or date.today()
        memo = (head, ceiling, day)  # the log only grows: its head names the whole timeline
        with self._lock:
            found = self._keys.get(memo)
        if found is not None:
            return found
        chosen = sorted((e, v) for v, e in timeline if v <= ceiling and e <= day)
        key = StateKey(tuple(v for _e, v in chosen), ceiling, day)
        with self._lock:
            if len(self._keys) >= 4096:
                self._keys.clear()
            self._keys[memo] = key
        return key

    # ---------------------------------------------------------------- building states
    def is_built(self, key: StateKey) -> bool:
        """True when the state ``key`` names is in memory (``kb(key)`` will not build it)."""
        if not key.included:
            return True
        with self._lock:
            return key.cache_key in self._cache

    def kb(self, key: StateKey) -> EmbeddedKB:
        """The state ``key`` names, from the cache or built now."""
        if not key.included:
            return self.baseline
        with self._lock:
            cached = self._cache.get(key.cache_key)
            if cached is not None:
                self._cache.move_to_end(key.cache_key)
                return cached
        with self._build_lock:
            with self._lock:
                cached = self._cache.get(key.cache_key)
            if cached is None:
                assert self.log is not None
                records = {r.version: r for r in self.log.records(0, max(key.included))}
                cached = self.build([records[v] for v in key.included])
            with self._lock:
                self._cache[key.cache_key] = cached
                self._cache.move_to_end(key.cache_key)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
            return cached

    def remember(self, key: StateKey, store: ox.Store) -> None:
        """Keep ``store`` as the state ``key`` names (the gate built it while checking the change)."""
        with self._lock:
            self._cache[key.cache_key] = EmbeddedKB(store)
            self._cache.move_to_end(key.cache_key)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def build(self, records: Sequence[ChangeRecord], store: ox.Store | None = None) -> EmbeddedKB:
        """The baseline (or ``store``, a state of the baseline) with ``records`` replayed, in their order."""
        if store is None:
            store = copy_store(self.baseline.store)
        for record in records:
            apply_diff(store, diff_quads(record.removed), diff_quads(record.added))
            store.extend(provenance.quads(record))
        self.reinfer(store)
        return EmbeddedKB(store)

    def reinfer(self, store: ox.Store) -> None:
        """Run the inference rules again: their graph holds exactly what they derive from this state."""
        from itut_kb.inference import rule_triples  # pySHACL, loaded only when a state with changes is built

        store.remove_graph(INFERRED_GRAPH)
        store.extend(
            [
                ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH)
                for t in rule_triples(store, self.rules)
            ]
        )


def copy_store(store: ox.Store) -> ox.Store:
    """A new in-memory store with the quads of ``store`` (streamed: measured the fastest way in pyoxigraph 0.5)."""
    copy = ox.Store()
    copy.extend(store)
    return copy
