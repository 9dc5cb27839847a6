"""Decisions, votes, statements and provisional names as RDF.

Which posts an appointment fills is read from the decision's sentence (the rules of
:func:`appointment_rule`) and the posts of the record and of Part IV:

- "…当选全会主席" (first plenary, item 3): the Assembly's chair;
- "任命了TD-5中的委员会和工作组正副主席" (first plenary, item 8): the posts of the committees and working
  groups, but for Committee 5's French vice-chair, which the second plenary added (item 4, "法文副主席");
- "…以协商一致的方式任命" (second plenary, item 10): every post of Part IV held by someone, but for those
  the vote of annex 5 decided and those ``data/curated/appointments.tsv`` gives to another meeting;
- "投票结果见53号文件和附件5" (second plenary, item 10): the posts of Part IV whose holders are the
  candidates of annex 5 with more votes for than against (name and Member State matched).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDFS, SKOS, XSD

from itut_kb import namespaces as ns
from itut_kb.extract.model import Span
from itut_kb.extract.record.context import Context, PartIVPost
from itut_kb.extract.record.model import Decision, Statement, VoteResult
from itut_kb.extract.record.names import core
from itut_kb.extract.record.registry import Documents, Organizations, States, record_iri
from itut_kb.extract.record.structure_rdf import body_iri, item_iri
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

CLASSES = {
    "text-approval": ITUT.TextApproval,
    "text-agreement": ITUT.TextAgreement,
    "document-approval": ITUT.DocumentApproval,
    "noting": ITUT.Noting,
    "appointment": ITUT.Appointment,
    "abrogation": ITUT.Abrogation,
    "restructuring": ITUT.Restructuring,
    "action-approval": ITUT.ActionApproval,
    "question-approval": ITUT.QuestionApproval,
    "agreement": ITUT.ProceduralAgreement,
}
KINDS_ZH = {
    "text-approval": "批准案文",
    "text-agreement": "关于案文的协议",
    "document-approval": "批准文件",
    "noting": "记录在案",
    "appointment": "任命",
    "abrogation": "废止决议",
    "restructuring": "研究组结构的变化",
    "action-approval": "批准WTSA-24行动",
    "question-approval": "批准课题",
    "agreement": "程序性决定",
}
MARKS = {"ADD": ITUT.Addition, "MOD": ITUT.Modification, "SUP": ITUT.Suppression, "NOC": ITUT.NoChange}
METHODS = {"consensus": ITUT.ByConsensus, "vote": ITUT.ByVote, "acclamation": ITUT.ByAcclamation}


def decision_iri(decision: Decision) -> URIRef:
    if decision.body == "plenary":
        container = record_iri("plenary", decision.meeting or 0)
    else:
        container = record_iri("report", decision.report or "")
    return URIRef(f"{item_iri(container, decision.item or '0')}/decision/{decision.ordinal}")


def _where(decision: Decision) -> str:
    """ "第三次全体会议", "第3委员会": who decided, for a decision's label."""
    if decision.body == "plenary":
        return f"第{'一二三四五六七八九'[(decision.meeting or 1) - 1]}次全体会议"
    return f"第{decision.body[3:]}委员会"


def appointment_rule(decision: Decision) -> str | None:
    """Which posts an appointment fills (see the module's docstring): a rule name, or None (unnamed)."""
    text = decision.text_zh
    if "当选全会主席" in text:
        return "assembly-chair"
    if "委员会和工作组正副主席" in text:
        return "committee-officers"
    if "法文副主席" in text:
        return "french-vice-chair"
    if decision.method == "consensus" and "候选人" in text:
        return "part-iv-consensus"
    if decision.method == "vote":
        return "part-iv-vote"
    return None


def holder_key(name: str) -> frozenset[str]:
    """ "AFFLECK, Vincent" and "Vincent AFFLECK先生" both give {AFFLECK, VINCENT}."""
    bare = re.sub(r"(先生|女士)$", "", name.strip())
    return frozenset(t.upper() for t in re.split(r"[\s,]+", bare) if t)


def match_post(vote: VoteResult, posts: Sequence[PartIVPost], states: Mapping[str, str]) -> PartIVPost | None:
    key = holder_key(vote.candidate)
    found = [
        p
        for p in posts
        if p.holder
        and holder_key(p.holder) == key
        and p.state == states.get(vote.member_state_zh, vote.member_state_zh)
    ]
    return found[0] if len(found) == 1 else None


class DecisionWriter:
    def __init__(
        self,
        out: GraphWriter,
        ctx: Context,
        documents: Documents,
        states: States,
        orgs: Organizations,
        dates: Mapping[tuple[str, int], tuple[URIRef, str]],
    ) -> None:
        self.out = out
        self.ctx = ctx
        self.documents = documents
        self.states = states
        self.orgs = orgs
        self.dates = dates  # (body, meeting number) -> (meeting IRI, date)

    def decision(self, decision: Decision, note: str | None = None) -> URIRef:
        out, node = self.out, decision_iri(decision)
        out.entity(node, CLASSES[decision.kind], decision.span)
        container = URIRef(node.rsplit("/decision/", 1)[0])
        out.link(node, ITUT.underItem, container)
        out.link(node, ITUT.decidedBy, body_iri(decision.body))
        out.value(node, ITUT.ordinal, decision.ordinal)
        out.zh(node, RDFS.label, f"{_where(decision)} {decision.item} – {KINDS_ZH[decision.kind]}")
        out.zh(node, ITUT.text, decision.text_zh)
        out.zh(node, SKOS.editorialNote, note)
        body = "plenary" if decision.body == "plenary" else decision.body
        if decision.meeting is not None and (body, decision.meeting) in self.dates:
            meeting, date = self.dates[(body, decision.meeting)]
            out.link(node, ITUT.decidedAt, meeting)
            out.graph.add((node, DCTERMS.date, Literal(date, datatype=XSD.date)))
        if decision.method:
            out.link(node, ITUT.method, METHODS[decision.method])
        docs = self.documents.mention_all(decision.documents, decision.span)
        if decision.kind == "document-approval":
            for doc in docs:
                out.link(node, ITUT.approves, doc)
        elif decision.kind == "noting":
            for doc in docs:
                out.link(node, ITUT.notes, doc)
        else:
            for doc in docs:
                out.link(node, ITUT.refersToDocument, doc)
        if decision.output is not None:
            out.link(node, ITUT.outputDocument, self.documents.mention(decision.output, decision.span))
        if decision.text is not None:
            self._text(node, decision)
        return node

    def _text(self, node: URIRef, decision: Decision) -> None:
        assert decision.text is not None
        text = self.ctx.text_iri(decision.text)
        self.out.link(node, ITUT.approvedText, text)
        if decision.text.mark:
            self.out.link(node, ITUT.changeMark, MARKS[decision.text.mark])
        if decision.text.provisional:
            self.out.link(node, ITUT.provisionalName, provisional_iri(self.ctx, decision.text.designation))
        if decision.batch:
            batch = batch_iri(decision.batch)
            self.out.link(node, ITUT.inBatch, batch)
            self.out.link(batch, PROV.hadMember, text)

    def links(self, node: URIRef, prop: URIRef, targets: Iterable[URIRef]) -> None:
        for target in targets:
            self.out.link(node, prop, target)

    def vote(self, vote: VoteResult, node: URIRef, post: PartIVPost | None, decision: URIRef) -> None:
        out = self.out
        out.entity(node, ITUT.VoteResult, vote.span)
        out.value(node, ITUT.ordinal, vote.ordinal)
        out.value(node, ITUT.candidateName, vote.candidate)
        out.value(node, RDFS.label, vote.candidate)
        out.link(node, ITUT.candidateState, self.states.mention(vote.member_state_zh, vote.span))
        for prop, value in (
            (ITUT.votesCast, vote.votes),
            (ITUT.invalidBallots, vote.invalid),
            (ITUT.abstentions, vote.abstentions),
            (ITUT.delegationsVoting, vote.voting),
            (ITUT.votesFor, vote.yes),
            (ITUT.votesAgainst, vote.no),
        ):
            out.value(node, prop, value)
        if post is not None:
            out.link(node, ITUT.forPost, post.iri)
        out.link(node, ITUT.voteIn, decision)

    def statement(
        self, statement: Statement, node: URIRef, meeting: URIRef | None, item: URIRef | None
    ) -> None:
        out = self.out
        out.entity(node, ITUT.Statement, statement.span)
        out.value(node, ITUT.statementKind, statement.kind)
        out.zh(node, DCTERMS.title, statement.title_zh)
        out.zh(
            node,
            RDFS.label,
            statement.title_zh or f"{'、'.join(statement.by_zh)}的{_KIND_ZH[statement.kind]}",
        )
        out.zh(node, ITUT.text, statement.text_zh)
        out.value(node, ITUT.statedCount, statement.stated_count)
        for name in statement.by_zh:
            out.link(node, ITUT.statedBy, self._party(name, statement.span))
        if not statement.by_zh:  # "部分成员国": made by its signatories
            for name in statement.signatories_zh:
                out.link(node, ITUT.statedBy, self.states.mention(name, statement.span))
        for prop, names in (
            (ITUT.signatory, statement.signatories_zh),
            (ITUT.supportedBy, statement.supporters_zh),
            (ITUT.opposedBy, statement.opponents_zh),
        ):
            for name in names:
                out.link(node, prop, self.states.mention(name, statement.span))
        if meeting is not None:
            out.link(node, ITUT.madeAt, meeting)
        if item is not None:
            out.link(node, ITUT.underItem, item)

    def _party(self, name: str, span: Span) -> URIRef:
        for org_name, abbr in self.orgs.by_name.items():
            if name.startswith(org_name):
                return self.orgs.mention(abbr, span)
        return self.states.mention(name, span)


_KIND_ZH = {"statement": "声明", "reservation": "保留意见", "objection": "反对意见"}


def batch_iri(label: str) -> URIRef:
    if label.startswith("COM4-"):
        return record_iri("committee", "COM4", "batch", label.removeprefix("COM4-"))
    return record_iri("batch", label)


def provisional_key(ctx: Context, designation: str) -> str:
    name = ctx.provisional[core(designation)]
    return name.core if re.search(r"[A-Za-z]", core(designation)) else designation.replace("/", "-")


def provisional_iri(ctx: Context, designation: str) -> URIRef:
    return record_iri("provisional-name", "resolution", provisional_key(ctx, designation))


def write_provisional_names(out: GraphWriter, ctx: Context) -> None:
    for key, name in sorted(ctx.provisional.items()):
        if not name.printed:
            continue
        node = provisional_iri(ctx, name.printed[0])
        first = min(name.spans, key=lambda s: (s.start, s.end))
        out.entity(node, ITUT.ProvisionalName, first)
        out.value(node, SKOS.notation, key if re.search(r"[A-Za-z]", key) else name.printed[0])
        out.value(node, RDFS.label, name.printed[0])
        for printed in name.printed:
            out.value(node, SKOS.altLabel, printed)
        out.link(node, ITUT.designates, ns.resolution(name.resolution))
        out.value(node, ITUT.settledBy, name.settled_by)
        out.value(node, SKOS.editorialNote, name.why)


def unit_posts(out: GraphWriter) -> list[URIRef]:
    """The posts of the committees and working groups written so far (not the Assembly's chair)."""
    return sorted(
        URIRef(str(p))
        for p, unit in out.graph.subject_objects(ORG.postIn)
        if str(unit).startswith(str(record_iri("committee"))) and not str(p).endswith("/vice-chair/fr")
    )
