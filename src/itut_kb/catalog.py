"""Named queries: ``queries/<family>/*.rq`` files with a small header, parsed and checked at start-up.

Header lines (before the query)::

    #+ name: questions-of-group
    #+ summary: The Questions a study group studies.
    #+ params: group:group, limit:integer=100
    #+ example: group=SG17
    #+ scope: source            (checks only: see NamedQuery.scope)

Parameter types: ``string``, ``integer``, ``boolean``, ``group`` (a group id such as SG17 or TSAG, bound
as the group's IRI), ``resolution`` (a number, bound as the Resolution's IRI), ``question`` ("1/17"),
``recommendation`` (one number in any form :mod:`itut_kb.numbering` reads: "G.711", "T.0", "Q.933之二"; not
a dual number), ``iri``, ``actor`` (a group id, or the key of another addressee such as
``tsb-director``), ``state`` (a Member State by its Chinese name, e.g. 中国, or its ISO 3166-1 alpha-2 or
alpha-3 code, CN or CHN: bound as a plain string the query compares with the state's name and codes),
``status`` (what WTSA-24 did to a Resolution: ``new``, ``revised`` or ``unchanged``, bound as
itut:NewAtWTSA24 …), ``text`` (a non-empty string of at most 100 characters, e.g. a search term).
A parameter is bound to the SPARQL variable of the same name
(``-`` written ``_``) as an RDF term, through pyoxigraph's substitutions: never spliced into the text.
A parameter declared ``name:type?`` is optional: when it is not given its variable stays unbound, so the
query matches every value (a filter the query itself states). A query that does not parse stops start-up
with its file name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from itut_kb import namespaces as ns
from itut_kb import numbering
from itut_kb.errors import InvalidParameterError, NotFoundError, QueryDefinitionError
from itut_kb.store import KnowledgeBase, Term

_HEADER = re.compile(r"^#\+\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z][a-z0-9_-]*)\s*:\s*(?P<type>[a-z]+)(?P<optional>\?)?(?:\s*=\s*(?P<default>.*))?$"
)
_GROUP = re.compile(r"^(SG\d{1,2}|TSAG|SCV)$")
_QUESTION = re.compile(r"^\d{1,2}/\d{1,2}$")


def _integer(v: str) -> ox.Literal:
    if not re.fullmatch(r"-?\d{1,9}", v):
        raise ValueError("a whole number")
    return ox.Literal(str(int(v)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _boolean(v: str) -> ox.Literal:
    if v.lower() not in {"true", "false"}:
        raise ValueError("true or false")
    return ox.Literal(v.lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def _matching(regex: re.Pattern[str], what: str, to_iri: Callable[[str], str]) -> Callable[[str], Term]:
    def convert(v: str) -> Term:
        if not regex.match(v):
            raise ValueError(what)
        return ox.NamedNode(to_iri(v))

    return convert


def _actor(v: str) -> ox.NamedNode:
    if _GROUP.match(v):
        return ox.NamedNode(str(ns.group(v)))
    if re.fullmatch(r"[a-z][a-z0-9-]{1,60}", v):
        return ox.NamedNode(str(ns.iri("actor", v)))
    raise ValueError("a group id such as SG17 or TSAG, or an addressee key such as tsb-director")


def _state(v: str) -> ox.Literal:
    """A Member State by its Chinese name as printed (中国) or its ISO 3166-1 code (CN, CHN; any case),
    bound as a plain string that the query compares with the state's name and codes."""
    if re.fullmatch(r"[A-Za-z]{2,3}", v):
        return ox.Literal(v.upper())
    if not re.fullmatch(r"[\u3400-\u9fff（）]{1,40}", v):
        raise ValueError(
            "a Member State's Chinese name such as 中国, or its ISO 3166-1 code such as CN or CHN"
        )
    return ox.Literal(v)


WTSA24_STATUSES = {
    "new": "NewAtWTSA24",
    "revised": "RevisedAtWTSA24",
    "unchanged": "UnchangedAtWTSA24",
}


def _status(v: str) -> ox.NamedNode:
    if v not in WTSA24_STATUSES:
        raise ValueError("new, revised or unchanged")
    return ox.NamedNode(str(ns.ITUT[WTSA24_STATUSES[v]]))


def _text(v: str) -> ox.Literal:
    if not 0 < len(v) <= 100:
        raise ValueError("a non-empty text of at most 100 characters")
    return ox.Literal(v)


def _recommendation(v: str) -> ox.NamedNode:
    """A Recommendation's IRI by its number, in any form :func:`itut_kb.numbering.parse` reads (Q.933之二)."""
    try:
        number = numbering.parse(v)
    except InvalidParameterError:
        raise ValueError("a Recommendation number such as G.711, T.0, G.8275.1 or Q.933bis") from None
    return ox.NamedNode(str(ns.recommendation(number.text)))


def _iri(v: str) -> ox.NamedNode:
    if not re.match(r"^https?://\S+$", v):
        raise ValueError("an absolute http(s) IRI")
    return ox.NamedNode(v)


CONVERTERS: dict[str, Callable[[str], Term]] = {
    "string": ox.Literal,
    "integer": _integer,
    "boolean": _boolean,
    "group": _matching(_GROUP, "a group id such as SG17, TSAG or SCV", lambda v: str(ns.group(v))),
    "resolution": _matching(re.compile(r"^\d{1,3}$"), "a Resolution number", lambda v: str(ns.resolution(v))),
    "question": _matching(_QUESTION, "a Question number such as 1/17", lambda v: str(ns.question(v))),
    "recommendation": _recommendation,
    "iri": _iri,
    "actor": _actor,
    "state": _state,
    "status": _status,
    "text": _text,
}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    optional: bool = (
        False  # `name:type?`: left unbound when not given, so the query's pattern matches any value
    )

    @property
    def variable(self) -> str:
        return self.name.replace("-", "_")

    def bind(self, raw: str) -> Term:
        try:
            return CONVERTERS[self.type](raw.strip())
        except ValueError as exc:
            raise InvalidParameterError(f"parameter {self.name!r} must be {exc}; got {raw!r}") from exc


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    text: str
    path: Path
    params: tuple[Param, ...] = field(default=())
    example: tuple[tuple[str, str], ...] = field(default=())  # `#+ example: k=v, …`: docs and golden tests
    columns: tuple[str, ...] = field(default=())  # the SELECT projection, in order
    # `#+ scope: source` on a check: it checks the proceedings as printed (the baseline), not an invariant of
    # every state; the living KB's gate does not run it on a change's result.
    scope: str = "kb"

    def bindings(self, values: Mapping[str, str]) -> dict[str, Term]:
        """Check and convert ``values``; unknown names and missing required ones are errors."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidParameterError(f"query {self.name!r} has no parameter {', '.join(unknown)}")
        out: dict[str, Term] = {}
        for param in self.params:
            raw = values.get(param.name, param.default)
            if raw is None and param.optional:
                continue
            if raw is None:
                raise InvalidParameterError(f"query {self.name!r} needs parameter {param.name!r}")
            out[param.variable] = param.bind(raw)
        return out


def parse_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            header[match.group("key")] = match.group("value").strip()
    params = []
    for spec in filter(None, (s.strip() for s in header.get("params", "").split(","))):
        match = _PARAM.match(spec)
        if not match or match.group("type") not in CONVERTERS:
            raise QueryDefinitionError(f"{path}: bad parameter declaration {spec!r}")
        params.append(
            Param(
                match.group("name"),
                match.group("type"),
                match.group("default"),
                bool(match.group("optional")),
            )
        )
    if "name" not in header or "summary" not in header:
        raise QueryDefinitionError(f"{path}: the header needs '#+ name:' and '#+ summary:'")
    # parse the query and check its parameters can be bound (a bound variable must be projected)
    probe: dict[ox.Variable, Term] = {ox.Variable(p.variable): ox.Literal("probe") for p in params}
    try:
        parsed = ox.Store().query(text, substitutions=probe)
    except (SyntaxError, RuntimeError) as exc:
        raise QueryDefinitionError(f"{path}: {exc}") from exc
    columns = tuple(v.value for v in parsed.variables) if isinstance(parsed, ox.QuerySolutions) else ()
    example = tuple(_pairs(header.get("example", ""), path))
    scope = header.get("scope", "kb")
    if scope not in {"kb", "source"}:
        raise QueryDefinitionError(f"{path}: '#+ scope:' is kb or source; got {scope!r}")
    query = NamedQuery(header["name"], header["summary"], text, path, tuple(params), example, columns, scope)
    try:
        query.bindings(dict(example))
    except InvalidParameterError as exc:
        if example:
            raise QueryDefinitionError(f"{path}: bad example: {exc.message}") from exc
    return query


def _pairs(spec: str, path: Path) -> list[tuple[str, str]]:
    out = []
    for item in filter(None, (s.strip() for s in spec.split(","))):
        key, eq, val = item.partition("=")
        if not eq:
            raise QueryDefinitionError(f"{path}: an example is written name=value; got {item!r}")
        out.append((key.strip(), val.strip()))
    return out


class Catalog:
    """All named queries of one folder, by name."""

    def __init__(self, queries: Mapping[str, NamedQuery]) -> None:
        self.queries = dict(queries)

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        queries: dict[str, NamedQuery] = {}
        for path in sorted(folder.glob("*.rq")):
            query = parse_file(path)
            if query.name in queries:
                raise QueryDefinitionError(f"{path}: duplicate query name {query.name!r}")
            queries[query.name] = query
        return cls(queries)

    def get(self, name: str) -> NamedQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise NotFoundError(f"no named query {name!r}") from None

    def run(self, kb: KnowledgeBase, name: str, **values: str) -> list[dict[str, Term]]:
        query = self.get(name)
        return kb.select(query.text, query.bindings(values))
