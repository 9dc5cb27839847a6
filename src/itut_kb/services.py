"""The services both front ends (CLI and HTTP API) call, built once from the settings.

Nothing here knows about argparse or FastAPI. Features add their service objects here as properties,
built lazily so that a CLI command loads only what it needs.
"""

from __future__ import annotations

from functools import cached_property

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.lookup import Lookup
from itut_kb.store import KnowledgeBase


class Services:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def kb(self) -> KnowledgeBase:
        return KnowledgeBase.load(self.settings)

    @cached_property
    def catalog(self) -> Catalog:
        """The named lookup queries (queries/lookup/*.rq), parsed and checked."""
        return Catalog.load(self.settings.queries_dir / "lookup")

    @cached_property
    def lookup(self) -> Lookup:
        return Lookup(self.kb, self.catalog)
