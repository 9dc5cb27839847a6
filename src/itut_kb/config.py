"""One typed settings object, passed down explicitly. Only the CLI and the app factory build it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


def _project_root() -> Path:
    """The checkout (or the installed share directory) holding ontology/, queries/ and data/kb/."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2], here.parent / "_resources"):
        if (candidate / "ontology" / "itut.ttl").is_file():
            return candidate
    return here.parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ITUT_KB_", frozen=True)

    root: Path = _project_root()
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout_s: float = 10.0
    max_result_rows: int = 10_000
    # The SPARQL endpoint (issue 4): user queries run in this many worker processes, each with its own copy
    # of the store; one that overruns query_timeout_s is killed and replaced.
    sparql_workers: int = 2
    worker_memory_mb: int = 1024  # address-space cap of each worker (0: none)
    worker_sandbox: bool = True  # cut each worker off the network (Linux namespaces) where the kernel allows
    max_body_bytes: int = 1_000_000  # largest accepted request body (a query sent by POST)
    # The largest /sparql query (issue 11): past these a query is refused (400) before any parser sees it,
    # far below what crashes pyoxigraph (see itut_kb.query_limits for the measured thresholds).
    max_query_bytes: int = 200_000
    max_query_depth: int = 64  # nesting of { }, ( ), [ ]
    max_query_patterns: int = 256  # about: triple patterns + FILTER/OPTIONAL/UNION/… clauses
    max_query_chain: int = 100  # operators in one expression or property path (/ | ^ && + …)
    cors_origins: tuple[str, ...] = ()  # origins allowed by CORS (e.g. "*"); empty: CORS off
    # Answers to reads kept per state of the KB (issue 12), in megabytes (0: no cache).
    response_cache_mb: int = 64
    # The living KB (issue 9): accepted changes are kept in this directory (None: a read-only KB).
    store_dir: Path | None = None
    state_cache: int = 8  # states of the KB (versions, dates) kept built in memory
    max_effective_ahead_days: int = 366  # how far in the future a change may take effect
    max_change_bytes: int = 256_000  # largest change document accepted
    # A SPARQL server the KB was published to (issue 13): "embedded" (the default) or "sparql".
    store: Literal["embedded", "sparql"] = "embedded"
    query_url: str | None = None  # SPARQL 1.1 Protocol query endpoint
    update_url: str | None = None  # SPARQL 1.1 Protocol update endpoint (none: a read-only replica)
    store_url: str | None = None  # SPARQL 1.1 Graph Store Protocol endpoint
    graph_base: str = "https://w3id.org/itut-kb/graph/"  # the namespace of the KB's graphs in that store
    remote_timeout_s: float = 30.0  # HTTP timeout of a request to that store
    engine_timeout_param: bool = False  # also send the query time limit as `timeout` (Virtuoso's, in ms)

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "ontology" / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def kb_dir(self) -> Path:
        return self.root / "data" / "kb"
