"""The services both front ends (CLI and HTTP API) call, built once from the settings.

Nothing here knows about argparse or FastAPI. Features add their service objects here as properties,
built lazily so that a CLI command loads only what it needs.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from itut_kb.catalog import Catalog
from itut_kb.config import Settings
from itut_kb.lookup import Lookup
from itut_kb.store import KnowledgeBase

if TYPE_CHECKING:
    from itut_kb.entities import Entities
    from itut_kb.ownership import Ownership
    from itut_kb.record import RecordLookup
    from itut_kb.rules import RulesEngine
    from itut_kb.validation import Validator
    from itut_kb.workers import QueryPool


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

    @cached_property
    def record(self) -> RecordLookup:
        """The Assembly's record (Part VI): meetings, decisions, a text's decision history."""
        from itut_kb.record import RecordLookup

        return RecordLookup(self.kb, self.catalog)

    @cached_property
    def ownership(self) -> Ownership:
        """Who is responsible for a Recommendation (Res. 2 Annex C); lead roles by topic."""
        from itut_kb.ownership import Ownership

        return Ownership(self.kb, self.catalog)

    @cached_property
    def examples(self) -> Catalog:
        """Example SPARQL queries for the query page (queries/examples/*.rq)."""
        return Catalog.load(self.settings.queries_dir / "examples")

    @cached_property
    def entities(self) -> Entities:
        """Entity descriptions for linked data (/id/…)."""
        from itut_kb.entities import Entities

        return Entities(self.kb, self.catalog)

    @cached_property
    def sparql(self) -> QueryPool:
        """The worker processes that answer user SPARQL under the timeout (started by the HTTP app)."""
        from itut_kb.workers import QueryPool

        return QueryPool(self.settings)

    @cached_property
    def rules(self) -> RulesEngine:
        """Which procedural rules apply to a case, with their dates (queries/rules/*.rq)."""
        from itut_kb.rules import RulesEngine

        return RulesEngine(self.kb, Catalog.load(self.settings.queries_dir / "rules"))

    @cached_property
    def validation(self) -> Validator:
        """Submissions and KB changes against the shapes, with the KB context from queries/validation/*.rq."""
        from itut_kb.validation import Validator

        catalog = Catalog.load(self.settings.queries_dir / "validation")
        return Validator(self.settings, self.kb, catalog, self.rules, self.ownership.owner)
