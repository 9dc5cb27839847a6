"""The services both front ends (CLI and HTTP API) call, built once from the settings.

Nothing here knows about argparse or FastAPI. What depends on the state of the KB (lookups, ownership,
entity pages, rules, validation) hangs off a :class:`KbView` of one state; ``services.view(version=…,
as_of=…)`` gives the view of an earlier state, and ``services.lookup`` & co. are the current state's. What
does not (the named queries, the shapes, the worker pool, the change log) is built once, lazily, so that a
CLI command loads only what it needs.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.errors import ReadOnlyStoreError
from itut_kb.lookup import Lookup
from itut_kb.store import KnowledgeBase

if TYPE_CHECKING:
    from itut_kb.entities import Entities
    from itut_kb.inference import SparqlRule
    from itut_kb.living.changelog import BaseChangeLog
    from itut_kb.living.gate import Gate
    from itut_kb.living.states import History, StateKey
    from itut_kb.living.tokens import Tokens
    from itut_kb.ownership import Ownership
    from itut_kb.pages import Pages
    from itut_kb.record import RecordLookup
    from itut_kb.remote.forwarder import SparqlForwarder
    from itut_kb.remote.store import RemoteStore
    from itut_kb.rules import RulesEngine
    from itut_kb.validation import Schema, Validator
    from itut_kb.workers import QueryPool


class KbView:
    """The services over one state of the KB."""

    def __init__(self, services: Services, key: StateKey, kb: KnowledgeBase) -> None:
        self.services = services
        self.key = key
        self.kb = kb

    @property
    def version(self) -> int:
        return self.key.version

    @cached_property
    def lookup(self) -> Lookup:
        return Lookup(self.kb, self.services.catalog)

    @cached_property
    def record(self) -> RecordLookup:
        """The Assembly's record (Part VI): meetings, decisions, a text's decision history."""
        from itut_kb.record import RecordLookup

        return RecordLookup(self.kb, self.services.catalog)

    @cached_property
    def ownership(self) -> Ownership:
        """Who is responsible for a Recommendation (Res. 2 Annex C); lead roles by topic."""
        from itut_kb.ownership import Ownership

        return Ownership(self.kb, self.services.catalog)

    @cached_property
    def entities(self) -> Entities:
        """Entity descriptions for linked data (/id/…)."""
        from itut_kb.entities import Entities

        return Entities(self.kb, self.services.catalog)

    @cached_property
    def pages(self) -> Pages:
        """The pages of the site for people (documents, groups, lists …), as data (itut_kb.pages)."""
        from itut_kb.pages import Pages

        return Pages(self)

    @cached_property
    def rules(self) -> RulesEngine:
        """Which procedural rules apply to a case, with their dates (queries/rules/*.rq)."""
        from itut_kb.rules import RulesEngine

        return RulesEngine(self.kb, self.services.rules_catalog)

    @cached_property
    def validation(self) -> Validator:
        """Submissions and KB changes against the shapes, with the KB context from queries/validation/*.rq."""
        from itut_kb.validation import Validator

        return Validator(self.services.schema, self.kb, self.rules, self.ownership.owner)


class Services:
    def __init__(self, settings: Settings, as_of: date | None = None, version: int | None = None) -> None:
        self.settings = settings
        self.as_of = as_of  # the state the front end asked for (the CLI's --as-of, --at-version)
        self.version = version
        # views by state, and whether the remote engine's live graphs answer them (see view_of)
        self._views: OrderedDict[tuple[StateKey, bool], KbView] = OrderedDict()
        self._views_lock = threading.Lock()
        self._history: History | None = None
        self._history_lock = threading.Lock()

    # ---------------------------------------------------------------- state-independent
    @cached_property
    def catalog(self) -> Catalog:
        """The named lookup queries (queries/lookup/*.rq), parsed and checked."""
        return Catalog.load(self.settings.queries_dir / "lookup")

    @cached_property
    def examples(self) -> Catalog:
        """Example SPARQL queries for the query page (queries/examples/*.rq)."""
        return Catalog.load(self.settings.queries_dir / "examples")

    @cached_property
    def rules_catalog(self) -> Catalog:
        return Catalog.load(self.settings.queries_dir / "rules")

    @cached_property
    def schema(self) -> Schema:
        """The shapes, the ontology and the JSON-LD context validation reads (parsed once)."""
        from itut_kb.validation import Schema

        return Schema(self.settings)

    @cached_property
    def baseline_digest(self) -> str:
        """A short name of what every answer is made from besides the accepted changes: the KB files, the
        ontology, the queries and the code (part of the HTTP ETags: a rebuilt KB or a new release never
        matches an old one)."""
        digest = hashlib.blake2b(digest_size=6)
        folders = [self.settings.ontology_dir, self.settings.queries_dir, self.settings.kb_dir]
        for folder in [*folders, Path(__file__).parent]:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix != ".pyc":
                    digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
        return digest.hexdigest()

    @cached_property
    def sparql(self) -> QueryPool | SparqlForwarder:
        """What answers user SPARQL under the timeout and row cap: the worker processes (started by the HTTP
        app), or, over a remote store, the forwarder to its engine."""
        if self.remote is not None:
            from itut_kb.remote.forwarder import SparqlForwarder

            return SparqlForwarder(self)
        from itut_kb.workers import QueryPool

        return QueryPool(self.settings)

    # ---------------------------------------------------------------- the store: baseline and changes
    @cached_property
    def remote(self) -> RemoteStore | None:
        """The SPARQL server the KB was published to (``--store sparql``); None: the embedded store."""
        if self.settings.store != "sparql":
            return None
        from itut_kb.remote.store import RemoteStore

        return RemoteStore.from_settings(self.settings)

    @cached_property
    def change_log(self) -> BaseChangeLog | None:
        """The change log: the remote store's (shared by its replicas), else the store directory's; None
        when the settings name neither."""
        if self.remote is not None:
            return self.remote.log
        if self.settings.store_dir is None:
            return None
        from itut_kb.living.changelog import ChangeLog

        return ChangeLog(self.settings.store_dir)

    @property
    def writable(self) -> bool:
        """True when this process accepts changes (a store directory, or a remote store's update endpoint)."""
        if self.remote is not None:
            return self.remote.writable
        return self.change_log is not None

    def require_log(self) -> BaseChangeLog:
        if self.remote is not None and not self.remote.writable:
            raise ReadOnlyStoreError(
                "this replica has no update endpoint, so it accepts no changes: start it with --update-url URL "
                "(or ITUT_KB_UPDATE_URL)"
            )
        if self.change_log is None:
            raise ReadOnlyStoreError(
                "this KB keeps no store directory, so it accepts no changes: start it with --store-dir DIR "
                "(or ITUT_KB_STORE_DIR)"
            )
        return self.change_log

    @cached_property
    def tokens(self) -> Tokens:
        from itut_kb.living.tokens import Tokens

        return Tokens(self.require_log())

    @property
    def history(self) -> History:
        """The baseline (data/kb/ and the ontology) and the accepted changes: states by version and date.

        Loaded once; a caller that comes while another thread loads it waits for that load. The inference
        rules are read when a state with changes is first built (pySHACL is slow to import)."""
        with self._history_lock:
            if self._history is None:
                from itut_kb.living.states import History

                def rules() -> list[SparqlRule]:
                    from itut_kb.inference import load_rules, sparql_rules

                    return sparql_rules(
                        load_rules(*sorted((self.settings.ontology_dir / "rules").glob("*.ttl")))
                    )

                kb = KnowledgeBase.load(self.settings)
                history = History(kb, self.change_log, rules, self.settings.state_cache)
                if self.remote is not None:
                    self.remote.attach(history)
                self._history = history
            return self._history

    def load_in_background(self) -> None:
        """Start loading the KB in a thread (``itut-kb serve`` overlaps it with importing the web stack)."""
        threading.Thread(target=lambda: self.history, name="itut-kb-load", daemon=True).start()

    @cached_property
    def gate(self) -> Gate:
        """The write path: a change validated, recorded durably, then visible."""
        from itut_kb.living.gate import Gate

        return Gate(self, self.require_log())

    def view(self, version: int | None = None, as_of: date | None = None) -> KbView:
        """The services over the state of ``version`` in effect on ``as_of`` (default: those the front end
        asked for, else the current state: the head version, today)."""
        return self.view_of(
            self.history.key(self.version if version is None else version, as_of or self.as_of)
        )

    def built_view(self, key: StateKey) -> KbView | None:
        """The view of ``key`` when its state is built already (no waiting: the event loop may ask)."""
        if self.remote is None:
            with self._views_lock:
                view = self._views.get((key, False))
                if view is not None:
                    self._views.move_to_end((key, False))
                    return view
        if not self.history.is_built(key):
            return None
        return self.view_of(key)

    def view_of(self, key: StateKey) -> KbView:
        """The view of the state ``key`` names (built now if it is not). Over a remote store, the engine
        answers the state its live graphs hold; any other state is built here from the log."""
        remote = self.remote.kb(key, self.history) if self.remote is not None else None
        cache_key = (key, remote is not None)
        with self._views_lock:
            view = self._views.get(cache_key)
            if view is not None:
                self._views.move_to_end(cache_key)
                return view
        view = KbView(self, key, remote if remote is not None else self.history.kb(key))
        with self._views_lock:
            self._views[cache_key] = view
            while len(self._views) > self.settings.state_cache:
                self._views.popitem(last=False)
        return view

    # ---------------------------------------------------------------- the current state's services
    @property
    def kb(self) -> KnowledgeBase:
        return self.view().kb

    @property
    def lookup(self) -> Lookup:
        return self.view().lookup

    @property
    def record(self) -> RecordLookup:
        return self.view().record

    @property
    def ownership(self) -> Ownership:
        return self.view().ownership

    @property
    def entities(self) -> Entities:
        return self.view().entities

    @property
    def rules(self) -> RulesEngine:
        return self.view().rules

    @property
    def validation(self) -> Validator:
        return self.view().validation
