"""Pages for people: what each page of the site shows, as plain JSON-ready data (issue 14).

Every page is a :class:`Page`: a template name, a title and the page's data (the same object a client gets
as JSON), and, for a list, its rows (as CSV). The facts come from named queries (queries/lookup/*.rq) through
the services of one state of the KB (:class:`~itut_kb.services.KbView`), so that ``as_of`` and ``version``
hold on pages too. Nothing here knows about HTTP; the web front end (itut_kb.api) renders pages to HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from itut_kb.entities import ID_BASE
from itut_kb.errors import NotFoundError

if TYPE_CHECKING:
    from itut_kb.services import KbView

JSON = dict[str, Any]


@dataclass
class Page:
    """One page: ``template`` names its HTML template, ``data`` is its JSON, ``rows`` its CSV (lists)."""

    template: str
    title: str
    data: JSON
    rows: list[JSON] | None = None
    subtitle: str | None = None
    iri: str | None = None  # the entity the page is about (its Linked Data representations)
    columns: list[str] = field(default_factory=list)  # the CSV columns, in order

    def as_json(self) -> JSON:
        out: JSON = {"page": self.template, "title": self.title, **self.data}
        if self.rows is not None:
            out["rows"] = self.rows
        return out


def path_of(iri: str) -> str:
    """``resolution/2`` for ``https://w3id.org/itut-kb/id/resolution/2``."""
    return iri.removeprefix(ID_BASE)


class Pages:
    """The pages of one state of the KB."""

    def __init__(self, view: KbView) -> None:
        self.view = view

    def entity(self, iri: str) -> Page:
        """The page of the entity ``iri``: a document, group, post, Question, Member State, Recommendation
        (any valid number, cited or not), else the generic description of the entity."""
        from itut_kb.pages import documents, entities, groups

        parts = path_of(iri).split("/")
        head, depth = parts[0], len(parts)
        if head == "recommendation" and depth == 2:
            return entities.recommendation(self.view, iri, parts[1])
        builders: dict[tuple[str, int], Callable[[KbView, str], Page]] = {
            **{(kind, 2): documents.document for kind in documents.KINDS},
            ("group", 2): groups.group,
            ("group", 3): groups.post,  # group/SG17/chair
            ("group", 4): groups.post,  # group/SG17/vice-chair/2
            ("question", 2): entities.question,
            ("member-state", 2): entities.member_state,
        }
        builder = builders.get((head, depth))
        if builder is None or (head == "group" and depth > 2 and parts[2] not in {"chair", "vice-chair"}):
            builder = entities.generic
        return builder(self.view, iri)

    # the site's other pages: home, search, lists, deadlines (itut_kb.pages.lists)
    def home(self) -> Page:
        from itut_kb.pages import lists

        return lists.home(self.view)

    def search(self, text: str) -> Page:
        from itut_kb.pages import lists

        return lists.search(self.view, text)

    def resolutions(self, status: str | None) -> Page:
        from itut_kb.pages import lists

        return lists.resolutions(self.view, status)

    def study_groups(self) -> Page:
        from itut_kb.pages import lists

        return lists.study_groups(self.view)

    def questions(self, group: str | None) -> Page:
        from itut_kb.pages import lists

        return lists.questions(self.view, group)

    def member_states(self) -> Page:
        from itut_kb.pages import lists

        return lists.member_states(self.view)

    def actions(self) -> Page:
        from itut_kb.pages import lists

        return lists.actions(self.view)

    def deadlines(self, case: JSON | None) -> Page:
        from itut_kb.pages import lists

        return lists.deadlines(self.view, case)


def require(rows: list[JSON], what: str) -> JSON:
    if not rows:
        raise NotFoundError(f"the KB has no {what}")
    return rows[0]
