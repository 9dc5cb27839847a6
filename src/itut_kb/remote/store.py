"""A remote SPARQL store as the services see it: the client, the change log kept in it, its live graphs,
and the query surface of the state they hold.

Configured by URLs (``itut-kb serve --store sparql --query-url … --update-url … --store-url …``, or the
settings ``ITUT_KB_STORE=sparql``, ``ITUT_KB_QUERY_URL`` …): the query endpoint is required; without an
update endpoint the replica only reads (writes answer 403 ``read_only``); the graph store endpoint is
used to repair the live graphs and by ``itut-kb publish``.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING

from itut_kb.config import Settings
from itut_kb.errors import InvalidParameterError
from itut_kb.remote.client import Endpoints, SparqlClient
from itut_kb.remote.kb import RemoteKB
from itut_kb.remote.layout import Names
from itut_kb.remote.live import LiveGraphs
from itut_kb.remote.log import RemoteChangeLog

if TYPE_CHECKING:
    from itut_kb.living.states import History, StateKey


class RemoteStore:
    def __init__(self, client: SparqlClient, names: Names, writable: bool) -> None:
        self.client = client
        self.names = names
        self.writable = writable
        self.log = RemoteChangeLog(client, names)
        self.live = LiveGraphs(client, names, self.log)
        if writable:
            self.log.live = self.live
        self._kbs: dict[tuple[int, ...], RemoteKB] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        if not settings.query_url:
            raise InvalidParameterError(
                "--store sparql needs the query endpoint: --query-url URL (or ITUT_KB_QUERY_URL)"
            )
        endpoints = Endpoints(settings.query_url, settings.update_url or "", settings.store_url or "")
        client = SparqlClient(
            endpoints,
            timeout_s=settings.remote_timeout_s,
            engine_timeout_s=settings.query_timeout_s if settings.engine_timeout_param else None,
        )
        return cls(client, Names(settings.graph_base), writable=bool(settings.update_url))

    def attach(self, history: History) -> None:
        self.live.history = history

    def kb(self, key: StateKey, history: History) -> RemoteKB | None:
        """The engine's view of the state ``key`` names, when the live graphs hold it (after moving them to
        the current state when a day passed an effective date); None: build the state here."""
        live = self.log.live_state()
        current = key.as_of == date.today() and key.version == history.head()
        if current and live != key.included and self.writable:
            self.live.advance(key)
            live = self.log.live_state()
        if live != key.included:
            return None
        with self._lock:
            cached = self._kbs.get(key.included)
        if cached is None:
            state = history.kb(key)
            cached = RemoteKB(self.client, tuple(state.graph_names()), self.names, len(state))
            with self._lock:
                self._kbs = {key.included: cached}  # one live state at a time
        return cached
